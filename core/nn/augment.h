#pragma once
// Training-time augmentation of one image while it is normalised to floats. Every random draw
// comes from a generator seeded by (seed, epoch, sample), so an epoch is reproducible no matter
// which worker thread handles which sample.

#include <algorithm>
#include <cstdint>
#include <random>

#include "core/nn/network_spec.h"

namespace loupe::nn {

struct Augmentation {
  bool flipHorizontal = false;  // mirror left-right with probability 1/2
  int maxShift = 0;             // translate by up to +-maxShift px in x and y (edge pixels repeat)
  float brightness = 0.0f;      // add U(-b, b) in normalised units (1.0 = 128 grey levels)
  float contrast = 0.0f;        // scale by U(1 - c, 1 + c) around 0 (mid grey)
  float noise = 0.0f;           // add N(0, noise^2) per value, normalised units
  float scale = 0.0f;           // detectors only: zoom by U(1 - s, 1 + s) about the centre (crop or pad)

  bool any() const { return flipHorizontal || maxShift > 0 || brightness > 0 || contrast > 0 || noise > 0; }
};

std::uint64_t sampleSeed(std::uint64_t seed, std::uint64_t epoch, std::uint64_t sample);

// Writes shape.size() floats: normalisePixel() of the (augmented) image, clamped to the range a
// pixel can take so the int8 input of the board can represent it.
void normaliseImage(const std::uint8_t* pixels, const Shape& shape, float* out);
void augmentImage(const std::uint8_t* pixels, const Shape& shape, const Augmentation& aug, std::uint64_t seed,
                  float* out);

// One pixel's channels, normalised, with the photometric part of an augmentation (contrast gain,
// brightness offset, Gaussian noise when `noise` is given), clamped to what 0..255 normalise to.
// Shared by the classifier's and the detector's augmentation so both see the same pixels.
inline void jitterPixel(const std::uint8_t* src, float* dst, int channels, float gain, float offset,
                        std::normal_distribution<float>* noise, std::mt19937_64& rng) {
  const float lo = normalisePixel(0), hi = normalisePixel(255);
  for (int c = 0; c < channels; ++c) {
    float v = normalisePixel(src[c]) * gain + offset;
    if (noise) v += (*noise)(rng);
    dst[c] = std::clamp(v, lo, hi);
  }
}

}  // namespace loupe::nn
