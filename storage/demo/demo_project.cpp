#include "storage/demo/demo_project.h"

#include <opencv2/imgcodecs.hpp>

#include <array>
#include <map>
#include <optional>
#include <random>
#include <system_error>

#include "core/formats/registry.h"
#include "storage/transfer/import.h"

namespace loupe::storage {
namespace fs = std::filesystem;
namespace {

// How often each class is mislabelled relative to the labeler's base error rate, and what it
// is mistaken for. Upper-body garments are the classic Fashion-MNIST confusions (shirt vs
// T-shirt vs pullover vs coat), then the three kinds of footwear; trousers and bags are easy.
struct Confusion {
  double difficulty;
  std::vector<std::pair<const char*, double>> mistakenFor;
};

const std::map<std::string, Confusion>& confusions() {
  static const std::map<std::string, Confusion> table{
      {"T-shirt/top", {2.0, {{"Shirt", 0.6}, {"Pullover", 0.2}, {"Dress", 0.2}}}},
      {"Trouser", {0.3, {{"Dress", 1.0}}}},
      {"Pullover", {2.2, {{"Coat", 0.5}, {"Shirt", 0.4}, {"T-shirt/top", 0.1}}}},
      {"Dress", {1.2, {{"T-shirt/top", 0.4}, {"Coat", 0.3}, {"Shirt", 0.3}}}},
      {"Coat", {2.2, {{"Pullover", 0.6}, {"Shirt", 0.4}}}},
      {"Sandal", {0.8, {{"Sneaker", 0.7}, {"Ankle boot", 0.3}}}},
      {"Shirt", {3.0, {{"T-shirt/top", 0.45}, {"Pullover", 0.3}, {"Coat", 0.25}}}},
      {"Sneaker", {0.8, {{"Sandal", 0.6}, {"Ankle boot", 0.4}}}},
      {"Bag", {0.4, {{"Pullover", 0.5}, {"Sandal", 0.5}}}},
      {"Ankle boot", {0.7, {{"Sneaker", 0.7}, {"Sandal", 0.3}}}},
  };
  return table;
}

struct SimulatedLabeler {
  const char* name;
  double baseError;       // scaled by the class difficulty
  double trainCoverage;   // share of train items this person labelled (val and test: all)
};
constexpr std::array<SimulatedLabeler, 3> kHumans{{
    {"alice", 0.04, 0.20},
    {"bob", 0.07, 0.15},
    {"chen", 0.11, 0.10},
}};

// Uniform double in [0, 1) from raw engine output: std::uniform_real_distribution's algorithm is
// implementation-defined, the engine's output is not.
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::string simulateLabel(const std::string& truth, const SimulatedLabeler& who, std::mt19937_64& rng) {
  const Confusion& c = confusions().at(truth);
  if (unit(rng) >= who.baseError * c.difficulty) return truth;
  double pick = unit(rng);
  for (const auto& [other, weight] : c.mistakenFor) {
    if (pick < weight) return other;
    pick -= weight;
  }
  return c.mistakenFor.back().first;
}

Dataset demoDataset(const DemoOptions& o, const Progress& progress) {
  ReadOptions read;
  read.valFraction = o.valFraction;
  read.seed = o.seed;
  read.limitPerSplit = std::max(o.trainImages, o.testImages);
  Dataset all = readDataset("idx", o.idxFolder, read, progress);

  // Keep the first trainImages train items and the first testImages test items.
  auto keep = [&](const std::string& name) {
    const auto slash = name.find('/');
    const std::size_t index = std::stoul(name.substr(slash + 1));
    return name.compare(0, slash, "train") == 0 ? index < o.trainImages : index < o.testImages;
  };
  Dataset d;
  d.classes = all.classes;
  d.classFileIds = all.classFileIds;
  for (auto& img : all.images)
    if (keep(img.name)) d.images.push_back(std::move(img));
  for (auto& a : all.annotations)
    if (keep(a.item)) d.annotations.push_back(std::move(a));
  return d;
}

}  // namespace

PixelAttributes pixelAttributes(const std::uint8_t* gray, std::size_t count) {
  std::size_t ink = 0;
  double sum = 0;
  for (std::size_t i = 0; i < count; ++i)
    if (gray[i] > 16) {
      ++ink;
      sum += gray[i];
    }
  const double inkFraction = count ? static_cast<double>(ink) / static_cast<double>(count) : 0.0;
  const double mean = ink ? sum / static_cast<double>(ink) : 0.0;
  return {inkFraction < 0.45 ? "sparse" : "dense",
          mean < 140 ? "dark" : (mean < 182 ? "medium" : "bright")};
}

DemoReport buildDemoProject(const fs::path& path, const DemoOptions& options, const Progress& progress) {
  Dataset d = demoDataset(options, progress);
  std::mt19937_64 rng(options.seed);
  std::map<std::string, std::string> truth;
  for (const auto& a : d.annotations) truth[a.item] = a.className;

  for (auto& img : d.images) {
    const cv::Mat gray = cv::imdecode(img.media->bytes, cv::IMREAD_GRAYSCALE);
    const auto attrs = pixelAttributes(gray.data, gray.total());
    img.attributes["ink"] = attrs.ink;
    img.attributes["brightness"] = attrs.brightness;
    // Photo shoots: a dozen-odd images each, spread over the splits so leakage checks find work.
    img.groupKey = "shoot-" + std::to_string(rng() % 200);
  }
  DemoReport report;
  report.referenceLabels = static_cast<std::int64_t>(d.annotations.size());
  for (const auto& img : d.images) {
    for (const auto& who : kHumans) {
      const bool train = img.split == Split::Train;
      if (train && unit(rng) >= who.trainCoverage) continue;
      DatasetAnnotation a;
      a.item = img.name;
      a.labeler = who.name;
      a.className = simulateLabel(truth.at(img.name), who, rng);
      d.annotations.push_back(std::move(a));
      ++report.humanLabels;
    }
  }
  report.items = static_cast<std::int64_t>(d.images.size());

  std::optional<Project> project(Project::create(path));
  try {
    Project::Transaction tx(*project);
    project->setMeta("name", "Fashion-MNIST demo");
    project->setMeta("description",
                     "Fashion-MNIST subset with a reference labeler and three simulated human labelers");
    for (const auto& who : kHumans) project->labelers().ensure(who.name, LabelerKind::Human);
    ImportOptions io;
    io.labeler = "reference";
    io.kind = LabelerKind::Reference;
    io.source = "demo:fashion-mnist";
    io.sourceFile = options.idxFolder.string();
    importDataset(*project, d, io, progress);
    tx.commit();
  } catch (...) {
    project.reset();  // close the file before removing it
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix, ec);
    throw;
  }
  return report;
}

}  // namespace loupe::storage
