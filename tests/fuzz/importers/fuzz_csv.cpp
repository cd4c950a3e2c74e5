// libFuzzer target: a CSV labels/boxes/attributes file (the reader picks the layout by header).
#include "core/formats/registry.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace loupe::fuzz;
  const auto& dir = freshScratch();
  writeFile(dir / "labels.csv", std::string_view(reinterpret_cast<const char*>(data), size));
  expectCleanOutcome([&] { loupe::readDataset("csv", dir / "labels.csv"); });
  return 0;
}
