// libFuzzer target: the Fashion-MNIST IDX files. The input is an images file, then a
// "#LABELS#" marker, then a labels file; both splits (train, t10k) get the same pair. zlib
// reads a file that is not gzip as it is, so the fuzzer need not produce valid gzip.
#include "core/formats/registry.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace loupe::fuzz;
  const auto [images, labels] = splitInput(std::string_view(reinterpret_cast<const char*>(data), size), "#LABELS#");
  const auto& dir = freshScratch();
  for (const char* split : {"train", "t10k"}) {
    writeFile(dir / (std::string(split) + "-images-idx3-ubyte.gz"), images);
    writeFile(dir / (std::string(split) + "-labels-idx1-ubyte.gz"), labels);
  }
  expectCleanOutcome([&] { loupe::readDataset("idx", dir); });
  return 0;
}
