#pragma once
// Runs an ONNX model in onnxruntime (tests/onnx/run_onnx.js under node) on NHWC float samples.

#include <QByteArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <vector>

#include "core/nn/network_spec.h"
#include "core/quant/float_reference.h"

namespace onnxcheck {

// One output vector per sample; fails the calling test (returns empty) when node or
// onnxruntime-node is missing or the model is rejected.
inline std::vector<std::vector<float>> run(const std::vector<std::uint8_t>& model, const loupe::nn::Shape& s,
                                           const std::vector<loupe::quant::Tensor>& samples) {
  QTemporaryDir dir;
  const QString modelPath = dir.filePath("model.onnx"), inPath = dir.filePath("in.f32"), outPath = dir.filePath("out.f32");
  QFile m(modelPath);
  if (!m.open(QIODevice::WriteOnly)) return {};
  m.write(reinterpret_cast<const char*>(model.data()), qint64(model.size()));
  m.close();
  std::vector<float> nchw;
  for (const auto& x : samples)
    for (int c = 0; c < s.c; ++c)
      for (int y = 0; y < s.h; ++y)
        for (int xx = 0; xx < s.w; ++xx) nchw.push_back(x[std::size_t((y * s.w + xx) * s.c + c)]);
  QFile in(inPath);
  if (!in.open(QIODevice::WriteOnly)) return {};
  in.write(reinterpret_cast<const char*>(nchw.data()), qint64(nchw.size() * 4));
  in.close();
  QProcess node;
  node.start("node", {QString(LOUPE_SOURCE_DIR) + "/tests/onnx/run_onnx.js", modelPath, inPath,
                      QString::number(samples.size()), QString::number(s.c), QString::number(s.h),
                      QString::number(s.w), outPath});
  if (!node.waitForFinished(60000) || node.exitCode() != 0) {
    qWarning("node failed: %s (is tests/onnx/node_modules installed? scripts/setup.sh does it)",
             node.readAllStandardError().constData());
    return {};
  }
  QFile out(outPath);
  if (!out.open(QIODevice::ReadOnly)) return {};
  const QByteArray bytes = out.readAll();
  const std::size_t total = std::size_t(bytes.size()) / 4, per = total / samples.size();
  std::vector<std::vector<float>> result(samples.size(), std::vector<float>(per));
  for (std::size_t i = 0; i < samples.size(); ++i) std::memcpy(result[i].data(), bytes.constData() + 4 * i * per, 4 * per);
  return result;
}

}  // namespace onnxcheck
