#include "core/quant/report.h"

#include <stdexcept>

#include "core/nn/footprint.h"
#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "core/quant/int8_runner.h"

namespace loupe::quant {

QuantReport evaluate(const nn::NetworkSpec& net, const std::vector<std::uint8_t>& blob,
                     const std::vector<Tensor>& samples, const std::vector<int>& labels, const Progress& progress) {
  if (samples.size() != labels.size()) throw std::invalid_argument("evaluate: one label per sample is needed");
  Int8Runner runner(blob);
  QuantReport r;
  r.modelBytes = std::int64_t(blob.size());
  r.arenaBytes = std::int64_t(loupe_rt::requiredArenaBytes(runner.model()));
  r.macs = nn::multiplyAccumulates(net);
  r.samples = std::int64_t(samples.size());
  std::int64_t floatOk = 0, int8Ok = 0, agree = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    progress(std::int64_t(i), std::int64_t(samples.size()), "evaluating");
    const int f = argmax(forward(net, samples[i]));
    const int q = argmax(runner.runFloat(samples[i]));
    floatOk += f == labels[i];
    int8Ok += q == labels[i];
    agree += f == q;
  }
  if (!samples.empty()) {
    r.floatAccuracy = double(floatOk) / double(samples.size());
    r.int8Accuracy = double(int8Ok) / double(samples.size());
    r.argmaxAgreement = double(agree) / double(samples.size());
  }
  return r;
}

QuantizationResult quantizeNetwork(const nn::NetworkSpec& net, const std::vector<Tensor>& calibration,
                                   const std::vector<Tensor>& evalSamples, const std::vector<int>& evalLabels,
                                   const Progress& progress) {
  QuantizationResult result;
  result.blob = writeBlob(quantize(net, calibrate(net, calibration, progress)));
  result.report = evaluate(net, result.blob, evalSamples, evalLabels, progress);
  return result;
}

}  // namespace loupe::quant
