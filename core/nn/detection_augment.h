#pragma once
// Augmentation of a detector's training image that moves its boxes with the pixels. One
// geometric draw (horizontal flip, scale about the centre, integer shift) maps both; then the
// photometric part (brightness, contrast, noise) of nn::Augmentation applies to the pixels.
// All draws come from a generator seeded per (seed, epoch, sample), geometry first, so the
// boxes can be computed without touching pixels (the trainer's labels pass) and agree exactly
// with the image produced later (its input pass).

#include <cstdint>
#include <vector>

#include "core/nn/augment.h"
#include "core/nn/detection_targets.h"

namespace loupe::nn {

// A point p of the source maps to s * (p - centre) + centre + shift, then x -> W - x when
// flipped; pixels are sampled nearest-neighbour at the inverse map of their centres, edge
// pixels repeating outside the source.
struct BoxGeometry {
  bool flip = false;
  double scale = 1.0;
  int dx = 0, dy = 0;
};

BoxGeometry drawGeometry(const Augmentation& aug, std::uint64_t seed);
// Boxes under the geometry, clipped to the image; a box whose mapped centre leaves the image is
// dropped (its object is mostly cut off). With only a flip, x' = W - x - w exactly.
std::vector<ClassBox> transformBoxes(const std::vector<ClassBox>& boxes, const Shape& shape, const BoxGeometry& g);
std::vector<ClassBox> augmentBoxes(const std::vector<ClassBox>& boxes, const Shape& shape, const Augmentation& aug,
                                   std::uint64_t seed);
// Writes shape.size() normalised floats (as augmentImage does), with the geometry of
// augmentBoxes(…, seed).
void augmentDetectionImage(const std::uint8_t* pixels, const Shape& shape, const Augmentation& aug,
                           std::uint64_t seed, float* out);

}  // namespace loupe::nn
