#pragma once
// The box demo's scenes: 96×96 grayscale images with 1–5 Fashion-MNIST articles, each scaled
// 0.6–1.6× and placed at a random position over one of four backgrounds, and the tight box of
// every article's pixels. Articles are drawn at 100..255 and backgrounds stay within 0..90, so
// the pixels alone say where each article is (the reference boxes are tight by construction,
// and a test can check them against the image).

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/domain/types.h"

namespace loupe::storage::demo {

inline constexpr int kSceneSide = 96;
inline constexpr int kArticleSide = 28;
inline constexpr std::uint8_t kBackgroundMax = 90;   // every background pixel is <= this
inline constexpr std::uint8_t kArticleMin = 100;     // every drawn article pixel is >= this
// A scaled article pixel above this is part of the article; fainter ones (the anti-aliased fringe
// and Fashion-MNIST's near-black surround) are left as background.
inline constexpr std::uint8_t kInkThreshold = 30;

struct Article {
  const std::uint8_t* pixels = nullptr;  // kArticleSide² gray, row-major
  std::string className;
};

struct SceneObject {
  std::size_t article = 0;  // index into the pool given to composeScene
  std::string className;
  Box box;                  // tight: pixel edges of the article's drawn pixels
  double scale = 1;
};

struct Scene {
  std::vector<std::uint8_t> gray;  // kSceneSide², row-major
  std::string background;          // "flat" | "gradient" | "noise" | "texture"
  std::vector<SceneObject> objects;
};

// Picks 1–5 distinct articles of `pool` and places each where its pixels keep a pixel's distance
// from every article already placed and its box overlaps no other by more than IoU 0.15 (an
// article that finds no such place in 60 tries is left out; the first always fits).
Scene composeScene(const std::vector<Article>& pool, std::mt19937_64& rng);

// Slice attributes of a scene:
//   crowding    = "single" (1 article) | "few" (2–3) | "crowded" (4–5)
//   object_size = "small" | "medium" | "large": mean of the boxes' longer sides < 24, < 34, >= 34 px
std::string crowding(const Scene& scene);
std::string objectSize(const Scene& scene);

}  // namespace loupe::storage::demo
