#pragma once
// Quantised test networks and the int8 inputs both runtimes are fed, shared by the TFLite tests.

#include <cstdint>
#include <vector>

#include "core/nn/architectures.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "tests/core/quant/test_nets.h"

namespace tflitecheck {

using namespace loupe;

struct Case {
  quant::QuantizedModel model;
  std::vector<std::vector<std::int8_t>> inputs;  // int8, as the board feeds them
  bool detector = false;
};

inline std::vector<std::vector<std::int8_t>> int8Inputs(const std::vector<quant::Tensor>& xs, const quant::QuantParams& q) {
  std::vector<std::vector<std::int8_t>> out;
  for (const auto& x : xs) {
    std::vector<std::int8_t> v;
    for (float f : x) v.push_back(quant::quantizeValue(f, q));
    out.push_back(std::move(v));
  }
  return out;
}

// 0: every op, trained readout, softmax; 1: colour logits; 2: a fomo detector at 32 x 32 (a 4 x 4 grid).
inline Case makeCase(int which, int testItems) {
  nn::NetworkSpec net;
  std::vector<quant::Tensor> calibration, test;
  if (which == 0) {
    net = testnets::everyOpNet(6);
    const auto train = testnets::blobClasses(net.input, 10, 200, 6);
    testnets::fitReadout(net, train);
    calibration.assign(train.x.begin(), train.x.begin() + 60);
    test = testnets::blobClasses(net.input, 10, testItems, 7).x;
  } else if (which == 1) {
    net = testnets::colourNet();
    calibration = testnets::images(net.input, 60, 8);
    test = testnets::images(net.input, testItems, 9);
  } else {
    net = nn::architecture("fomo-det-32x32").build({32, 32, 1}, {"a", "b"});
    testnets::randomise(net, 17);
    calibration = testnets::images(net.input, 40, 22);
    test = testnets::images(net.input, testItems, 23);
  }
  Case c;
  c.model = quant::quantize(net, quant::calibrate(net, calibration));
  c.inputs = int8Inputs(test, c.model.inputQ);
  c.detector = which == 2;
  return c;
}

}  // namespace tflitecheck
