// libFuzzer target: one Pascal VOC annotation file, Annotations/a.xml, with a 48×32 image
// JPEGImages/a.png for the XML to name (or not).
#include "core/formats/registry.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace loupe::fuzz;
  static const std::vector<std::uint8_t> png = tinyPng(48, 32);
  const auto& dir = freshScratch();
  writeFile(dir / "Annotations" / "a.xml", std::string_view(reinterpret_cast<const char*>(data), size));
  writeFile(dir / "JPEGImages" / "a.png", std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
  expectCleanOutcome([&] { loupe::readDataset("voc", dir); });
  return 0;
}
