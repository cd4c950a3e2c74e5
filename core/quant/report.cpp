#include "core/quant/report.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "core/nn/footprint.h"
#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "core/nn/parallel.h"
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
  r.arenaBytes = std::int64_t(loupe::runtime::requiredArenaBytes(runner.model()));
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

Tensor normalised(const nn::ImageSet& images, int index) {
  const std::uint8_t* p = images.image(index);
  Tensor t(std::size_t(images.shape.size()));
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = nn::normalisePixel(p[i]);
  return t;
}

QuantReport evaluate(const nn::NetworkSpec& net, const std::vector<std::uint8_t>& blob, const nn::ImageSet& test,
                     int threads, const Progress& progress) {
  if (!(test.shape == net.input)) throw std::invalid_argument("evaluate: images do not have the network's input shape");
  if (test.labels.size() != std::size_t(test.size())) throw std::invalid_argument("evaluate: every test image needs a label");
  const int n = test.size();
  threads = std::min(nn::resolveThreadCount(threads), std::max(n, 1));
  // Float predictions through core/nn's batched Eigen inference (what training reports); the
  // per-op reference in float_reference is ~50x slower and agrees with it to float rounding.
  const auto probs = nn::predict(nn::Network(net), test, threads, progress);
  const int classes = net.layers.empty() ? net.input.size() : nn::activationShapes(net).back().size();
  std::vector<int> floatPred(std::size_t(n), -1), int8Pred(std::size_t(n), -1);
  for (int i = 0; i < n; ++i) floatPred[std::size_t(i)] = nn::argmax(probs.data() + std::size_t(i) * classes, classes);
  std::vector<std::unique_ptr<Int8Runner>> runners;
  for (int t = 0; t < threads; ++t) runners.push_back(std::make_unique<Int8Runner>(blob));
  nn::parallelFor(n, threads, [&](int i, int worker) {
    // Only one thread reports (progress callbacks need not be thread-safe); all honour cancel.
    if (worker == 0) progress(i, n, "evaluating int8");
    else if (progress.cancel) progress.cancel->throwIfCancelled();
    int8Pred[std::size_t(i)] = argmax(runners[std::size_t(worker)]->runFloat(normalised(test, i)));
  });
  QuantReport r;
  r.modelBytes = std::int64_t(blob.size());
  r.arenaBytes = std::int64_t(loupe::runtime::requiredArenaBytes(runners.front()->model()));
  r.macs = nn::multiplyAccumulates(net);
  r.samples = n;
  std::int64_t floatOk = 0, int8Ok = 0, agree = 0;
  for (int i = 0; i < n; ++i) {
    floatOk += floatPred[std::size_t(i)] == test.labels[std::size_t(i)];
    int8Ok += int8Pred[std::size_t(i)] == test.labels[std::size_t(i)];
    agree += floatPred[std::size_t(i)] == int8Pred[std::size_t(i)];
  }
  if (n > 0) {
    r.floatAccuracy = double(floatOk) / n;
    r.int8Accuracy = double(int8Ok) / n;
    r.argmaxAgreement = double(agree) / n;
  }
  return r;
}

QuantizationResult quantizeNetwork(const nn::NetworkSpec& net, const nn::ImageSet& calibration,
                                   const nn::ImageSet& test, int threads, const Progress& progress) {
  if (!(calibration.shape == net.input)) throw std::invalid_argument("calibration images do not have the network's input shape");
  const int n = calibration.size();
  const int take = std::min(n, kCalibrationSamples);
  std::vector<Tensor> samples;
  for (int k = 0; k < take; ++k) samples.push_back(normalised(calibration, int(std::int64_t(k) * n / take)));
  QuantizationResult result;
  result.blob = writeBlob(quantize(net, calibrate(net, samples, progress)));
  result.report = evaluate(net, result.blob, test, threads, progress);
  return result;
}

}  // namespace loupe::quant
