#include "tests/support/bars_project.h"

#include <opencv2/imgcodecs.hpp>

#include <cstdlib>
#include <random>
#include <string>

#include "storage/project.h"

namespace loupe::test {
namespace {
// 28x28 PNGs of three classes: a horizontal bar, a vertical bar, a diagonal, at random positions.
std::vector<std::uint8_t> barPng(int label, std::mt19937& rng) {
  std::uniform_int_distribution<int> pos(4, 23), noise(0, 50);
  cv::Mat img(28, 28, CV_8UC1);
  const int p = pos(rng);
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) {
      const bool on = label == 0 ? std::abs(y - p) <= 1 : label == 1 ? std::abs(x - p) <= 1 : std::abs(x - y) <= 1;
      img.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(on ? 255 - noise(rng) : noise(rng));
    }
  std::vector<std::uint8_t> png;
  cv::imencode(".png", img, png);
  return png;
}
}  // namespace

BarsProject makeBarsProject(const std::filesystem::path& dir) {
  std::filesystem::create_directory(dir);
  BarsProject f;
  f.path = dir / "bars.loupe";
  auto project = storage::Project::create(f.path);
  for (const char* name : {"hbar", "vbar", "diag"}) f.classIds.push_back(project.addClass(name).id);
  f.reference = project.addLabeler("ref", LabelerKind::Reference).id;
  f.human = project.addLabeler("ann", LabelerKind::Human).id;
  std::mt19937 rng(42);
  int n = 0;
  for (auto [split, count] : {std::pair{Split::Train, 120}, {Split::Val, 30}, {Split::Test, 32}})
    for (int i = 0; i < count; ++i, ++n) {
      const int label = n % 3;
      const Id id = project.addItem({.name = "img" + std::to_string(n) + ".png",
                                     .media = storage::NewMedia{.bytes = barPng(label, rng), .format = "png"},
                                     .width = 28,
                                     .height = 28,
                                     .split = split,
                                     .source = "test"});
      f.items[split].push_back(id);
      if (split == Split::Test && i >= 30) continue;  // unlabelled
      project.addAnnotation({.itemId = id, .labelerId = f.reference, .classId = f.classIds[static_cast<std::size_t>(label)]});
      if (split == Split::Train)
        project.addAnnotation({.itemId = id, .labelerId = f.human, .classId = f.classIds[static_cast<std::size_t>((label + 1) % 3)]});
    }
  return f;
}


}  // namespace loupe::test
