#include "core/nn/augment.h"

#include <algorithm>
#include <random>

namespace loupe::nn {

std::uint64_t sampleSeed(std::uint64_t seed, std::uint64_t epoch, std::uint64_t sample) {
  // splitmix64 finaliser over the combined key: nearby keys give unrelated streams.
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + epoch * 0xBF58476D1CE4E5B9ull + sample * 0x94D049BB133111EBull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void normaliseImage(const std::uint8_t* pixels, const Shape& shape, float* out) {
  const int n = shape.size();
  for (int i = 0; i < n; ++i) out[i] = normalisePixel(pixels[i]);
}

void augmentImage(const std::uint8_t* pixels, const Shape& shape, const Augmentation& aug, std::uint64_t seed,
                  float* out) {
  if (!aug.any()) return normaliseImage(pixels, shape, out);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  const bool flip = aug.flipHorizontal && (rng() & 1u);
  int dx = 0, dy = 0;
  if (aug.maxShift > 0) {
    std::uniform_int_distribution<int> shift(-aug.maxShift, aug.maxShift);
    dx = shift(rng), dy = shift(rng);
  }
  const float gain = 1.0f + aug.contrast * unit(rng);
  const float offset = aug.brightness * unit(rng);
  std::normal_distribution<float> noise(0.0f, aug.noise > 0 ? aug.noise : 1.0f);
  for (int y = 0; y < shape.h; ++y) {
    const int sy = std::clamp(y - dy, 0, shape.h - 1);
    for (int x = 0; x < shape.w; ++x) {
      int sx = std::clamp(x - dx, 0, shape.w - 1);
      if (flip) sx = shape.w - 1 - sx;
      const std::uint8_t* src = pixels + (static_cast<std::size_t>(sy) * shape.w + sx) * shape.c;
      float* dst = out + (static_cast<std::size_t>(y) * shape.w + x) * shape.c;
      jitterPixel(src, dst, shape.c, gain, offset, aug.noise > 0 ? &noise : nullptr, rng);
    }
  }
}

}  // namespace loupe::nn
