// libFuzzer target: a COCO instances file; with a "\n#RESULTS#\n" line, the part after it is a
// COCO results array read against the part before (the --images-file path of `loupe import`).
#include "core/formats/registry.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace loupe::fuzz;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto [instances, results] = splitInput(input, "\n#RESULTS#\n");
  const auto& dir = freshScratch();
  writeFile(dir / "instances.json", instances);
  expectCleanOutcome([&] { loupe::readDataset("coco", dir / "instances.json"); });
  if (!results.empty()) {
    writeFile(dir / "results.json", results);
    loupe::ReadOptions options;
    options.cocoImagesFile = dir / "instances.json";
    expectCleanOutcome([&] { loupe::readDataset("coco", dir / "results.json", options); });
  }
  return 0;
}
