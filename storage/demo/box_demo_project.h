#pragma once
// The box demo project: scenes of Fashion-MNIST articles (storage/demo/box_scenes.h) with the
// tight reference boxes from the pixels, three simulated people with the faults box labelers
// have (loose or jittery edges, missed boxes, swapped classes, a double-drawn box; one much
// sloppier than the others), attributes to slice by and group keys. Deterministic: same
// options, same file.

#include <cstdint>
#include <filesystem>

#include "core/domain/progress.h"
#include "storage/project.h"

namespace loupe::storage {

struct BoxDemoOptions {
  std::filesystem::path idxFolder = "/usr/share/datasets/fashion-mnist";
  // 10000: the detector's test F1 grows with the articles it sees (fomo96-det, the bench recipe:
  // 600 scenes 0.69, 1500 0.74, 3000 0.76, 6000 0.79, 10000 0.82); the file is ~60 MB and builds
  // in a few seconds.
  std::size_t scenes = 10000;
  // Scenes come in families of this many that draw their articles from one pool of 8 (the
  // family is the group key: a scene family shares source articles).
  std::size_t scenesPerFamily = 4;
  std::uint64_t seed = 2026;
};

struct BoxDemoReport {
  std::int64_t items = 0;
  std::int64_t referenceBoxes = 0;
  std::int64_t humanBoxes = 0;
};

// Creates `path` (refusing to overwrite) and fills it in one transaction; on any failure the
// file is removed again.
BoxDemoReport buildBoxDemoProject(const std::filesystem::path& path, const BoxDemoOptions& options = {},
                                  const Progress& progress = {});

}  // namespace loupe::storage
