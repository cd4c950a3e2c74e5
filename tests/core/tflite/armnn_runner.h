#pragma once
// Runs a .tflite file in Arm NN (tests/core/tflite/run_armnn.py: pyarmnn, its TfLite parser and
// the CpuRef reference backend), an implementation of TensorFlow Lite's int8 kernels written
// independently of Loupe's runtime. A process of its own: Arm NN 20.08 aborts on some
// unsupported layers instead of throwing.

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace armnncheck {

struct Result {
  bool ok = false;
  std::string error;           // Arm NN's message (stderr) when !ok
  std::vector<std::vector<std::int8_t>> outputs;
};

template <class T>
inline Result run(const std::vector<std::uint8_t>& model, const std::vector<std::vector<T>>& inputs) {
  Result r;
  QTemporaryDir dir;
  const QString modelPath = dir.filePath("model.tflite"), inPath = dir.filePath("in.bin"), outPath = dir.filePath("out.bin");
  QFile m(modelPath), in(inPath);
  if (!m.open(QIODevice::WriteOnly) || !in.open(QIODevice::WriteOnly)) return r;
  m.write(reinterpret_cast<const char*>(model.data()), qint64(model.size()));
  m.close();
  for (const auto& x : inputs) in.write(reinterpret_cast<const char*>(x.data()), qint64(x.size() * sizeof(T)));
  in.close();
  QProcess py;
  py.start("/usr/bin/python3", {QString(LOUPE_SOURCE_DIR) + "/tests/core/tflite/run_armnn.py", modelPath, inPath,
                                QString::number(inputs.size()), outPath});
  if (!py.waitForFinished(120000) || py.exitStatus() != QProcess::NormalExit || py.exitCode() != 0) {
    const QByteArray err = py.readAllStandardError();
    const auto lines = err.trimmed().split('\n');
    r.error = lines.isEmpty() ? "crashed" : lines.back().toStdString();
    for (const auto& l : lines)
      if (l.contains("Assertion") || l.contains("Exception")) r.error = l.trimmed().toStdString();
    return r;
  }
  QFile out(outPath);
  if (!out.open(QIODevice::ReadOnly)) return r;
  const QByteArray bytes = out.readAll();
  const std::size_t per = inputs.empty() ? 0 : std::size_t(bytes.size()) / inputs.size();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    std::vector<std::int8_t> o(per);
    std::memcpy(o.data(), bytes.constData() + i * per, per);
    r.outputs.push_back(std::move(o));
  }
  r.ok = true;
  return r;
}

}  // namespace armnncheck
