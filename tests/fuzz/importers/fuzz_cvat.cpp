// libFuzzer target: one CVAT for images 1.1 XML file, c.xml, with a 48×32 image a.png beside it
// for the file to name (or not).
#include "core/formats/registry.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace loupe::fuzz;
  static const std::vector<std::uint8_t> png = tinyPng(48, 32);
  const auto& dir = freshScratch();
  writeFile(dir / "c.xml", std::string_view(reinterpret_cast<const char*>(data), size));
  writeFile(dir / "a.png", std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
  expectCleanOutcome([&] { loupe::readDataset("cvat", dir / "c.xml"); });
  return 0;
}
