#include "tests/storage/training/squares_project.h"

#include <opencv2/imgcodecs.hpp>

#include <random>
#include <string>

#include "storage/project.h"

namespace loupe::test {

SquaresProject makeSquaresProject(const std::filesystem::path& dir) {
  std::filesystem::create_directory(dir);
  SquaresProject f;
  f.path = dir / "squares.loupe";
  auto project = storage::Project::create(f.path);
  const Id square = project.classes().add("square").id;
  f.reference = project.labelers().add("ref", LabelerKind::Reference).id;
  std::mt19937 rng(17);
  std::uniform_int_distribution<int> px(2, 50), py(2, 37), noise(0, 40);
  int n = 0;
  for (auto [split, count] : {std::pair{Split::Train, 40}, {Split::Val, 12}, {Split::Test, 12}})
    for (int i = 0; i < count; ++i, ++n) {
      const int x0 = px(rng), y0 = py(rng);
      cv::Mat img(48, 64, CV_8UC1);
      for (int y = 0; y < 48; ++y)
        for (int x = 0; x < 64; ++x) {
          const bool on = x >= x0 && x < x0 + 12 && y >= y0 && y < y0 + 9;
          img.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(on ? 255 - noise(rng) : noise(rng));
        }
      std::vector<std::uint8_t> png;
      cv::imencode(".png", img, png);
      const Id id = project.items().add({.name = "sq" + std::to_string(n) + ".png",
                                     .media = storage::NewMedia{.bytes = png, .format = "png"},
                                     .width = 64,
                                     .height = 48,
                                     .split = split,
                                     .source = "test"});
      f.items[split].push_back(id);
      const Box box{double(x0), double(y0), 12, 9};
      f.boxes[id] = box;
      project.annotations().add(
          {.itemId = id, .labelerId = f.reference, .classId = square, .kind = AnnotationKind::Box, .box = box});
    }
  return f;
}

}  // namespace loupe::test
