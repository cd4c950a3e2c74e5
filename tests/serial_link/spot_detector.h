#pragma once
// A grid detector with hand-set weights, for the tests that run detection on a board: 96x96 gray
// -> average pool 8x8/8 -> a 12x12 grid of cell means m in [-1, 1] -> 1x1 conv to (background,
// "dim", "bright") with logits (-8m, 2, 8m - 2) -> softmax per cell. Dark cells are background,
// mid-gray ones "dim", light ones "bright": on the virtual board's Fashion-MNIST frames each
// article gives a few detections of both classes. Quantized by core/quant like a trained model,
// and stored with its float network and class list as model "spot".

#include <QString>

#include <vector>

#include "core/nn/network_spec.h"
#include "core/nn/spec_io.h"
#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "storage/project.h"

namespace loupe::test {

inline nn::NetworkSpec spotDetectorNet() {
  using namespace nn;
  NetworkSpec net;
  net.arch = "spot-det";
  net.input = {96, 96, 1};
  net.classes = {"dim", "bright"};
  net.layers = {
      {.type = LayerType::AveragePool2D, .kernelH = 8, .kernelW = 8, .strideH = 8, .strideW = 8},
      {.type = LayerType::Conv2D, .outChannels = 3, .weights = {-8.0f, 0.0f, 8.0f}, .bias = {0.0f, 2.0f, -2.0f}},
      {.type = LayerType::Softmax},
  };
  return net;
}

inline std::vector<std::uint8_t> spotDetectorBlob() {
  const nn::NetworkSpec net = spotDetectorNet();
  // Calibration frames: flat gray levels across the range, so every cell mean is covered.
  std::vector<quant::Tensor> frames;
  for (int level = 0; level < 256; level += 15)
    frames.emplace_back(static_cast<std::size_t>(net.input.size()), nn::normalisePixel(static_cast<unsigned char>(level)));
  return quant::writeBlob(quant::quantize(net, quant::calibrate(net, frames)));
}

inline storage::ModelRecord spotDetectorRecord() {
  storage::ModelRecord m;
  m.name = "spot";
  m.architecture = "spot-det";
  m.floatBlob = nn::serializeNetwork(spotDetectorNet());
  m.int8Blob = spotDetectorBlob();
  m.labelsJson = R"(["dim","bright"])";
  return m;
}

}  // namespace loupe::test
