#include "storage/demo/demo_project.h"

#include <opencv2/imgcodecs.hpp>

#include <array>
#include <map>
#include <random>

#include "core/formats/registry.h"
#include "storage/demo/demo_file.h"
#include "storage/demo/simulated_labels.h"
#include "storage/transfer/import.h"

namespace loupe::storage {
namespace {

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

DemoReport buildDemoProject(const std::filesystem::path& path, const DemoOptions& options, const Progress& progress) {
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
      if (train && demo::unit(rng) >= who.trainCoverage) continue;
      DatasetAnnotation a;
      a.item = img.name;
      a.labeler = who.name;
      a.className = demo::simulateLabel(truth.at(img.name), who.baseError, rng);
      d.annotations.push_back(std::move(a));
      ++report.humanLabels;
    }
  }
  report.items = static_cast<std::int64_t>(d.images.size());

  std::vector<std::string> humans;
  for (const auto& who : kHumans) humans.emplace_back(who.name);
  demo::writeDemoDataset(path,
                         {.name = "Fashion-MNIST demo",
                          .description = "Fashion-MNIST subset with a reference labeler and three simulated human labelers",
                          .source = "demo:fashion-mnist",
                          .sourceFile = options.idxFolder,
                          .humans = humans},
                         d, progress);
  return report;
}

}  // namespace loupe::storage
