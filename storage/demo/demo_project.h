#pragma once
// The demo project: a few thousand Fashion-MNIST images (Debian's dataset-fashion-mnist) with a
// reference labeler, three simulated human labelers whose mistakes follow the classes people
// actually confuse, attributes to slice by and group keys. Deterministic: same seed, same file.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/domain/progress.h"
#include "storage/project.h"

namespace loupe::storage {

struct DemoOptions {
  // Where dataset-fashion-mnist installs the IDX files.
  std::filesystem::path idxFolder = "/usr/share/datasets/fashion-mnist";
  std::size_t trainImages = 2400;  // first N of the IDX train file; valFraction of them become val
  double valFraction = 0.125;
  std::size_t testImages = 600;    // first N of the IDX test file
  std::uint64_t seed = 2026;
};

struct DemoReport {
  std::int64_t items = 0;
  std::int64_t referenceLabels = 0;
  std::int64_t humanLabels = 0;
};

// Creates `path` (refusing to overwrite) and fills it in one transaction; on any failure the
// file is removed again.
DemoReport buildDemoProject(const std::filesystem::path& path, const DemoOptions& options = {},
                            const Progress& progress = {});

// Attribute values the demo derives from pixels (exposed for tests):
//   ink        = "sparse" | "dense"             fraction of pixels > 16 below / above 0.45
//   brightness = "dark" | "medium" | "bright"   mean of those pixels < 140, < 182, >= 182
struct PixelAttributes {
  std::string ink;
  std::string brightness;
};
PixelAttributes pixelAttributes(const std::uint8_t* gray, std::size_t count);

}  // namespace loupe::storage
