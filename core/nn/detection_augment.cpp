#include "core/nn/detection_augment.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace loupe::nn {
namespace {

// The generator after the geometric draws, so the photometric draws follow them.
BoxGeometry drawGeometry(const Augmentation& aug, std::mt19937_64& rng) {
  BoxGeometry g;
  g.flip = aug.flipHorizontal && (rng() & 1u);
  if (aug.scale > 0) g.scale = 1.0 + aug.scale * std::uniform_real_distribution<double>(-1.0, 1.0)(rng);
  if (aug.maxShift > 0) {
    std::uniform_int_distribution<int> shift(-aug.maxShift, aug.maxShift);
    g.dx = shift(rng);
    g.dy = shift(rng);
  }
  return g;
}

}  // namespace

BoxGeometry drawGeometry(const Augmentation& aug, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  return drawGeometry(aug, rng);
}

std::vector<ClassBox> transformBoxes(const std::vector<ClassBox>& boxes, const Shape& shape, const BoxGeometry& g) {
  const double cx = shape.w / 2.0, cy = shape.h / 2.0;
  std::vector<ClassBox> out;
  for (const auto& b : boxes) {
    double x0 = g.scale * (b.box.x - cx) + cx + g.dx, x1 = g.scale * (b.box.x + b.box.w - cx) + cx + g.dx;
    const double y0 = g.scale * (b.box.y - cy) + cy + g.dy, y1 = g.scale * (b.box.y + b.box.h - cy) + cy + g.dy;
    if (g.flip) {
      const double left = shape.w - x1;
      x1 = shape.w - x0;
      x0 = left;
    }
    const double mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
    if (mx < 0 || my < 0 || mx >= shape.w || my >= shape.h) continue;
    const double cx0 = std::max(x0, 0.0), cy0 = std::max(y0, 0.0);
    const double cx1 = std::min(x1, double(shape.w)), cy1 = std::min(y1, double(shape.h));
    out.push_back({b.cls, {cx0, cy0, cx1 - cx0, cy1 - cy0}});
  }
  return out;
}

std::vector<ClassBox> augmentBoxes(const std::vector<ClassBox>& boxes, const Shape& shape, const Augmentation& aug,
                                   std::uint64_t seed) {
  return transformBoxes(boxes, shape, drawGeometry(aug, seed));
}

void augmentDetectionImage(const std::uint8_t* pixels, const Shape& shape, const Augmentation& aug,
                           std::uint64_t seed, float* out) {
  std::mt19937_64 rng(seed);
  const BoxGeometry g = drawGeometry(aug, rng);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  const float gain = aug.contrast > 0 ? 1.0f + aug.contrast * unit(rng) : 1.0f;
  const float offset = aug.brightness > 0 ? aug.brightness * unit(rng) : 0.0f;
  std::normal_distribution<float> noise(0.0f, aug.noise > 0 ? aug.noise : 1.0f);
  const double cx = shape.w / 2.0, cy = shape.h / 2.0;
  // Source index of each destination column / row: the inverse map of the pixel centre.
  std::vector<int> srcX(static_cast<std::size_t>(shape.w)), srcY(static_cast<std::size_t>(shape.h));
  for (int x = 0; x < shape.w; ++x) {
    const double px = g.flip ? shape.w - (x + 0.5) : x + 0.5;
    srcX[static_cast<std::size_t>(x)] =
        std::clamp(static_cast<int>(std::floor((px - cx - g.dx) / g.scale + cx)), 0, shape.w - 1);
  }
  for (int y = 0; y < shape.h; ++y)
    srcY[static_cast<std::size_t>(y)] =
        std::clamp(static_cast<int>(std::floor((y + 0.5 - cy - g.dy) / g.scale + cy)), 0, shape.h - 1);
  for (int y = 0; y < shape.h; ++y)
    for (int x = 0; x < shape.w; ++x) {
      const std::uint8_t* src =
          pixels + (static_cast<std::size_t>(srcY[static_cast<std::size_t>(y)]) * shape.w + srcX[static_cast<std::size_t>(x)]) * shape.c;
      float* dst = out + (static_cast<std::size_t>(y) * shape.w + x) * shape.c;
      jitterPixel(src, dst, shape.c, gain, offset, aug.noise > 0 ? &noise : nullptr, rng);
    }
}

}  // namespace loupe::nn
