// libFuzzer target: the image header and container checks every importer runs before a decoder
// sees the bytes, through a folder import of one file (the skip-and-report path) and through
// loadImageFile directly (the path YOLO, VOC and COCO take for media beside their files).
#include "core/formats/image_file.h"
#include "core/formats/registry.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace loupe::fuzz;
  const auto& dir = freshScratch();
  writeFile(dir / "images" / "a.png", std::string_view(reinterpret_cast<const char*>(data), size));
  expectCleanOutcome([&] { loupe::readDataset("folder", dir / "images"); });
  expectCleanOutcome([&] { loupe::loadImageFile(dir / "images" / "a.png", 4u << 20); });
  return 0;
}
