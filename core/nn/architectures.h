#pragma once
// The registry of trainable architectures. Each builds an (uninitialised) NetworkSpec for an
// input shape and class list; `input` is the shape the architecture is sized for, and items are
// resized to it. The default for a project is chosen from its items' image size.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/nn/network_spec.h"

namespace loupe::nn {

struct Architecture {
  std::string name;
  std::string description;
  Shape input;
  std::function<NetworkSpec(const Shape& input, const std::vector<std::string>& classes)> build;
  // A centroid grid detector: output H x W x (classes + 1), channel 0 background, softmax per
  // cell (core/nn/detection_targets.h); else a classifier with a 1 x 1 x classes output.
  bool detector = false;
};

const std::vector<Architecture>& architectures();
// Also accepts "fomo-det-<W>x<H>" (grayscale, W and H multiples of 8 from 16 to 640): the
// detector of fomo96-det at another input size. Throws std::invalid_argument listing the known
// names.
const Architecture& architecture(const std::string& name);
// board28-cnn for small images (both sides <= 48 px), nano96-dscnn otherwise: both defaults fit
// the board's model slot (core/quant/board_fit), so a model trained with defaults deploys.
const Architecture& defaultArchitecture(int imageWidth, int imageHeight);
// fomo96-det: the detector that fits the board.
const Architecture& defaultDetectorArchitecture();
// A spec is a detector when its output has more than one cell (classifiers end in 1 x 1 x C).
bool isDetector(const NetworkSpec& net);
// build() + initialiseParameters(): ready to train.
NetworkSpec buildInitialised(const Architecture& arch, const std::vector<std::string>& classes, std::uint64_t seed);

}  // namespace loupe::nn
