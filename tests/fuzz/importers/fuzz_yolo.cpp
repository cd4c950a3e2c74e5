// libFuzzer target: YOLO's flat layout. The input is classes.txt, then a "\n#LABELS#\n" line,
// then the label file of the one image a.png (48×32 pixels) beside it.
#include "core/formats/registry.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace loupe::fuzz;
  static const std::vector<std::uint8_t> png = tinyPng(48, 32);
  const auto [classes, labels] = splitInput(std::string_view(reinterpret_cast<const char*>(data), size), "\n#LABELS#\n");
  const auto& dir = freshScratch();
  writeFile(dir / "classes.txt", classes);
  writeFile(dir / "a.txt", labels);
  writeFile(dir / "a.png", std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
  expectCleanOutcome([&] { loupe::readDataset("yolo", dir); });
  return 0;
}
