#pragma once
// What quantisation cost and what the model needs on the board: float vs int8 accuracy on labelled
// samples, blob bytes, arena bytes and multiply-accumulates per inference.

#include <cstdint>
#include <vector>

#include "core/domain/progress.h"
#include "core/nn/image_set.h"
#include "core/nn/network_spec.h"
#include "core/quant/float_reference.h"

namespace loupe::quant {

struct QuantReport {
  double floatAccuracy = 0.0;    // fraction in [0, 1]
  double int8Accuracy = 0.0;
  double argmaxAgreement = 0.0;  // float and int8 predict the same class
  std::int64_t modelBytes = 0;   // blob size
  std::int64_t arenaBytes = 0;   // runtime arena (intermediate activations)
  std::int64_t macs = 0;         // conv, depthwise and dense (nn::multiplyAccumulates)
  std::int64_t samples = 0;
};

// Evaluates both models on the same samples. labels[i] is the class index of samples[i].
QuantReport evaluate(const nn::NetworkSpec& net, const std::vector<std::uint8_t>& blob,
                     const std::vector<Tensor>& samples, const std::vector<int>& labels, const Progress& progress = {});

struct QuantizationResult {
  std::vector<std::uint8_t> blob;
  QuantReport report;
};

// The whole post-training path: calibrate on `calibration`, convert, write the blob, evaluate on
// (evalSamples, evalLabels).
QuantizationResult quantizeNetwork(const nn::NetworkSpec& net, const std::vector<Tensor>& calibration,
                                   const std::vector<Tensor>& evalSamples, const std::vector<int>& evalLabels,
                                   const Progress& progress = {});

// The same on 8-bit images (what training uses). Calibration takes at most
// kCalibrationSamples images spread evenly over `calibration`; the test set is evaluated on
// `threads` threads (<= 0: all), float through the reference pass, int8 through the runtime.
constexpr int kCalibrationSamples = 300;
QuantizationResult quantizeNetwork(const nn::NetworkSpec& net, const nn::ImageSet& calibration,
                                   const nn::ImageSet& test, int threads, const Progress& progress = {});
QuantReport evaluate(const nn::NetworkSpec& net, const std::vector<std::uint8_t>& blob, const nn::ImageSet& test,
                     int threads, const Progress& progress = {});

// Normalised float input of one 8-bit image ((p - 128) / 128).
Tensor normalised(const nn::ImageSet& images, int index);

}  // namespace loupe::quant
