// .tflite files from a second, independent writer (tests/core/tflite/write_tiny_tflite.py, the
// flatbuffers Python builder field by field) import into Loupe's runtime and give what Arm NN
// gives; unsupported operators are refused by name; damaged files are refused, never crash.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <random>
#include <set>

#include "armnn_runner.h"
#include "core/domain/errors.h"
#include "core/quant/blob_io.h"
#include "core/quant/int8_runner.h"
#include "core/tflite/tflite_reader.h"

using namespace loupe;

namespace {

std::vector<std::uint8_t> pythonModel(const QString& variant) {
  QTemporaryDir dir;
  const QString out = dir.filePath("m.tflite");
  QProcess py;
  py.start("/usr/bin/python3", {QString(LOUPE_SOURCE_DIR) + "/tests/core/tflite/write_tiny_tflite.py", out, variant});
  if (!py.waitForFinished(60000) || py.exitCode() != 0) {
    qWarning("write_tiny_tflite.py failed: %s", py.readAllStandardError().constData());
    return {};
  }
  QFile f(out);
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QByteArray b = f.readAll();
  return {b.begin(), b.end()};
}

std::vector<std::vector<std::int8_t>> randomInputs(std::size_t size, int count) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> u(-128, 127);
  std::vector<std::vector<std::int8_t>> out(std::size_t(count), std::vector<std::int8_t>(size, 0));
  for (auto& v : out)
    for (auto& x : v) x = static_cast<std::int8_t>(u(rng));
  return out;
}

// Either a model the runtime accepts and runs, or one InputError line: anything else fails.
void importOrRefuse(const std::vector<std::uint8_t>& file, std::set<std::string>& messages) {
  try {
    const auto m = tflite::readTflite(file.data(), file.size(), "m.tflite");
    try {
      quant::Int8Runner runner(quant::writeBlob(m.model));
      runner.run(std::vector<std::int8_t>(std::size_t(runner.model().inputShape().size()), 0));
      messages.insert("(accepted)");
    } catch (const std::runtime_error& e) {
      messages.insert(std::string("runtime: ") + e.what());
    }
  } catch (const InputError& e) {
    QVERIFY(std::string(e.what()).find('\n') == std::string::npos);
    messages.insert(e.message().substr(0, 40));
  }
}

}  // namespace

class TestTfliteImport : public QObject {
  Q_OBJECT
 private slots:
  void independentWriterAgreesWithArmnn_data() {
    QTest::addColumn<QString>("variant");
    QTest::newRow("int8 input and output") << "int8-io";
    QTest::newRow("QUANTIZE / DEQUANTIZE around it") << "float-io";
  }
  void independentWriterAgreesWithArmnn() {
    QFETCH(QString, variant);
    const auto file = pythonModel(variant);
    QVERIFY(!file.empty());
    const auto imported = tflite::readTflite(file.data(), file.size(), "tiny.tflite");
    QCOMPARE(imported.model.layers.size(), std::size_t(4));  // conv, pool, dense, softmax
    QCOMPARE(imported.model.input, (nn::Shape{8, 8, 1}));
    quant::Int8Runner ours(quant::writeBlob(imported.model));
    const auto inputs = randomInputs(64, 50);
    const bool floatIo = variant == "float-io";
    armnncheck::Result theirs;
    if (floatIo) {
      std::vector<std::vector<float>> real;  // exactly representable: QUANTIZE gives the same int8 back
      for (const auto& x : inputs) {
        std::vector<float> v;
        for (auto q : x) v.push_back(float(q) / 128.0f);
        real.push_back(std::move(v));
      }
      theirs = armnncheck::run(file, real);
    } else {
      theirs = armnncheck::run(file, inputs);
    }
    QVERIFY2(theirs.ok, theirs.error.c_str());
    int worst = 0, agree = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto a = ours.run(inputs[i]);
      std::vector<int> b;
      if (floatIo) {
        QCOMPARE(theirs.outputs[i].size(), std::size_t(12));
        for (int k = 0; k < 3; ++k) {
          float p;
          std::memcpy(&p, theirs.outputs[i].data() + 4 * k, 4);
          b.push_back(int(std::lround(p * 256.0f)) - 128);  // DEQUANTIZE of scale 1/256, zero point -128
        }
      } else {
        b.assign(theirs.outputs[i].begin(), theirs.outputs[i].end());
      }
      for (std::size_t k = 0; k < a.size(); ++k) worst = std::max(worst, std::abs(int(a[k]) - b.at(k)));
      agree += quant::argmax(std::vector<int>(a.begin(), a.end())) == quant::argmax(b);
    }
    qInfo("independent writer, Loupe import vs Arm NN: %d of %zu argmax agree, worst %d step(s)", agree, inputs.size(), worst);
    QVERIFY(worst <= 1);
    QVERIFY(agree >= int(inputs.size()) - 1);  // a one-step tie may flip
  }

  void unsupportedOperatorIsNamed() {
    const auto file = pythonModel("with-add");
    QVERIFY(!file.empty());
    try {
      tflite::readTflite(file.data(), file.size(), "add.tflite");
      QFAIL("accepted ADD");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).starts_with("add.tflite: subgraphs[0].operators[2]: ADD is not supported"), e.what());
    }
  }

  // Every byte of a valid file set to three values in turn, and every truncation: each file is
  // imported or refused with one line, and different damage gives different messages.
  void damagedFilesAreRefusedCleanly() {
    const auto good = pythonModel("int8-io");
    QVERIFY(!good.empty());
    std::set<std::string> messages;
    for (std::size_t i = 0; i < good.size(); ++i)
      for (std::uint8_t v : {std::uint8_t(0x00), std::uint8_t(0xff), std::uint8_t(0x7f)}) {
        auto bad = good;
        bad[i] = v;
        importOrRefuse(bad, messages);
      }
    for (std::size_t n = 0; n < good.size(); n += 7) importOrRefuse({good.begin(), good.begin() + long(n)}, messages);
    qInfo("%zu distinct outcomes over %zu damaged files", messages.size(), good.size() * 3 + good.size() / 7);
    QVERIFY(messages.size() >= 15);
    QVERIFY(messages.count("(accepted)"));  // a changed weight is still a model
  }
};

int runImportTests(int argc, char** argv) {
  TestTfliteImport t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_tflite_import.moc"
