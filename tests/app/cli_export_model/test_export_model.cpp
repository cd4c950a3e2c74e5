// `loupe export-model` on a real project file: each format's bytes equal the library's export of
// the stored blobs; failures exit 1 with one line naming the problem and leave no file behind.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/model_export/exporters.h"
#include "core/nn/spec_io.h"
#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "firmware/runtime/crc32.h"
#include "storage/project.h"
#include "tests/core/quant/test_nets.h"
#include "tests/support/cli_run.h"

namespace {
using loupe::test::runLoupe;
QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
QByteArray bytes(const std::vector<std::uint8_t>& v) { return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size())); }
}  // namespace

class TestExportModel : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString project_;
  loupe::nn::NetworkSpec net_;
  std::vector<std::uint8_t> int8_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    project_ = dir_.filePath("p.loupe");
    net_ = testnets::tinyNet(5);
    int8_ = loupe::quant::writeBlob(loupe::quant::quantize(net_, loupe::quant::calibrate(net_, testnets::images(net_.input, 20, 1))));
    auto p = loupe::storage::Project::create(project_.toStdString());
    loupe::storage::ModelRecord old{.name = "tiny", .architecture = "tiny-test", .floatBlob = {}, .int8Blob = {}};
    p.storeModel(old);  // an older model of the same name without blobs: the newest must win
    p.storeModel({.name = "tiny", .architecture = "tiny-test", .floatBlob = loupe::nn::serializeNetwork(net_),
                  .int8Blob = int8_});
    p.storeModel({.name = "float-only", .architecture = "tiny-test", .floatBlob = loupe::nn::serializeNetwork(net_)});
  }
  void eachFormatWritesTheLibraryExport() {
    const QString onnx = dir_.filePath("m.onnx"), qdq = dir_.filePath("m-int8.onnx"), header = dir_.filePath("model.h");
    auto r = runLoupe({"export-model", project_, "--model", "tiny", "--format", "onnx", onnx});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(readAll(onnx), bytes(loupe::model_export::onnxFloat(net_)));
    const auto j = nlohmann::json::parse(r.out);
    const std::string model = j["model"], format = j["format"], id = j["model_id"];
    const qint64 size = j["bytes"];
    QCOMPARE(model, std::string("tiny"));
    QCOMPARE(format, std::string("onnx"));
    QCOMPARE(size, readAll(onnx).size());
    QCOMPARE(QString::fromStdString(id), QString::asprintf("0x%08x", loupe::runtime::crc32(int8_.data(), int8_.size() - 4)));

    QCOMPARE(runLoupe({"export-model", project_, "--model", "tiny", "--format", "onnx-int8", qdq}).exitCode, 0);
    QCOMPARE(readAll(qdq), bytes(loupe::model_export::onnxQdq(loupe::quant::readBlob(int8_))));

    QCOMPARE(runLoupe({"export-model", project_, "--model", "tiny", "--format", "c", header}).exitCode, 0);
    const std::string h = loupe::model_export::cHeader(int8_, "tiny", net_.classes);
    QCOMPARE(readAll(header), QByteArray::fromStdString(h));
    QVERIFY(readAll(header).contains("{\"a\", \"b\", \"c\"}"));
  }
  void failuresAreOneLineAndLeaveNoFile_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown model") << QStringList{"--model", "nope", "--format", "onnx"}
                                   << "loupe: no model named 'nope' in";
    QTest::newRow("no int8") << QStringList{"--model", "float-only", "--format", "c"}
                             << "loupe: model 'float-only' has no int8 model stored (quantize it first)";
    QTest::newRow("bad format") << QStringList{"--model", "tiny", "--format", "pb"}
                                << "loupe: unknown export format 'pb' (expected c, onnx, onnx-int8 or tflite)";
    QTest::newRow("tflite") << QStringList{"--model", "tiny", "--format", "tflite"}
                            << "loupe: TensorFlow Lite export is not available";
  }
  void failuresAreOneLineAndLeaveNoFile() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QString out = dir_.filePath("failed.out");
    const auto r = runLoupe(QStringList{"export-model", project_} + args + QStringList{out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromStdString(r.err).startsWith(message), r.err.c_str());
    QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
    QVERIFY(!QFile::exists(out));
    QVERIFY(!QFile::exists(out + ".tmp"));
  }
};

QTEST_GUILESS_MAIN(TestExportModel)
#include "test_export_model.moc"
