// `loupe export-model` on a real project file: each format's bytes equal the library's export of
// the stored blobs; failures exit 1 with one line naming the problem and leave no file behind.
// `loupe import-model` reads the exported .tflite back into another project as a stored model
// that predicts, analyses and deploys like a trained one (a classifier and a detector); a bad
// file changes nothing.
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
#include "core/tflite/tflite_writer.h"
#include "storage/deploy/deployable_model.h"
#include "storage/project.h"
#include "tests/support/bars_project.h"
#include "tests/storage/training/squares_project.h"
#include "core/nn/architectures.h"
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
    p.models().store(old);  // an older model of the same name without blobs: the newest must win
    p.models().store({.name = "tiny", .architecture = "tiny-test", .floatBlob = loupe::nn::serializeNetwork(net_),
                  .int8Blob = int8_});
    p.models().store({.name = "float-only", .architecture = "tiny-test", .floatBlob = loupe::nn::serializeNetwork(net_)});
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

    const QString tfl = dir_.filePath("m.tflite");
    QCOMPARE(runLoupe({"export-model", project_, "--model", "tiny", "--format", "tflite", tfl}).exitCode, 0);
    QCOMPARE(readAll(tfl), bytes(loupe::tflite::writeTflite(loupe::quant::readBlob(int8_), false)));
  }

  // Export from one project, import into the bars project (28 x 28, hbar/vbar/diag): the stored
  // int8 blob is the original byte for byte, and predict, confusion and deploy all find it.
  void importedModelWorksLikeATrainedOne() {
    const auto bars = loupe::test::makeBarsProject(std::filesystem::path(dir_.path().toStdString()) / "bars");
    using namespace loupe::nn;
    NetworkSpec net{.arch = "bars-test", .input = {28, 28, 1}, .classes = {"x", "y", "z"}};
    net.layers = {{.type = LayerType::Conv2D, .kernelH = 3, .kernelW = 3, .strideH = 2, .strideW = 2, .outChannels = 4,
                   .activation = Activation::ReLU},
                  {.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2},
                  {.type = LayerType::Dense, .outChannels = 3},
                  {.type = LayerType::Softmax}};
    testnets::randomise(net, 3);
    const auto blob = loupe::quant::writeBlob(loupe::quant::quantize(net, loupe::quant::calibrate(net, testnets::images(net.input, 20, 2))));
    const QString source = dir_.filePath("source.loupe"), tfl = dir_.filePath("bars.tflite");
    loupe::storage::Project::create(source.toStdString()).models().store(
        {.name = "bars", .architecture = "bars-test", .floatBlob = serializeNetwork(net), .int8Blob = blob});
    QCOMPARE(runLoupe({"export-model", source, "--model", "bars", "--format", "tflite", tfl}).exitCode, 0);

    const QString p = QString::fromStdString(bars.path.string());
    auto r = runLoupe({"import-model", p, tfl, "--name", "imported"});  // the project's three classes fit
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    const auto j = nlohmann::json::parse(r.out);
    QCOMPARE(j["task"].get<std::string>(), std::string("classification"));
    QCOMPARE(j["classes"], nlohmann::json({"hbar", "vbar", "diag"}));
    QCOMPARE(j["predicted_items"].get<int>(), 62);  // every val and test item
    QCOMPARE(QString::fromStdString(j["model_id"]), QString::asprintf("0x%08x", loupe::runtime::crc32(blob.data(), blob.size() - 4)));
    QVERIFY(loupe::storage::deployableModel(bars.path, "imported").int8Blob == blob);  // what `device deploy` sends

    r = runLoupe({"predict", p, "--model", "imported", "--split", "test", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QCOMPARE(nlohmann::json::parse(r.out).size(), std::size_t(32));
    r = runLoupe({"confusion", p, "--model", "imported", "--reference", "ref", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());

    // --classes names them; a count that does not fit is refused.
    QCOMPARE(runLoupe({"import-model", p, tfl, "--name", "named", "--classes", "a,b,c"}).exitCode, 0);
    r = runLoupe({"import-model", p, tfl, "--name", "bad", "--classes", "a,b"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("--classes names 2 classes") != std::string::npos, r.err.c_str());
  }

  // A detector (a centroid grid, 64 x 48 in, 8 x 6 cells out) exported from one project and
  // imported into the squares project: the task is read from the file, the blob is the original
  // byte for byte, its boxes are predicted on every val and test item, and exporting the import
  // gives the same .tflite bytes back.
  void importedDetectorWorksLikeATrainedOne() {
    const auto squares = loupe::test::makeSquaresProject(std::filesystem::path(dir_.path().toStdString()) / "squares");
    auto net = loupe::nn::architecture("fomo-det-64x48").build({48, 64, 1}, {"square"});
    testnets::randomise(net, 5);
    const auto blob = loupe::quant::writeBlob(loupe::quant::quantize(net, loupe::quant::calibrate(net, testnets::images(net.input, 20, 4))));
    const QString source = dir_.filePath("det-source.loupe"), tfl = dir_.filePath("det.tflite");
    loupe::storage::Project::create(source.toStdString()).models().store(
        {.name = "det", .architecture = "fomo-det-64x48", .floatBlob = loupe::nn::serializeNetwork(net), .int8Blob = blob});
    QCOMPARE(runLoupe({"export-model", source, "--model", "det", "--format", "tflite", tfl}).exitCode, 0);

    const QString p = QString::fromStdString(squares.path.string());
    auto r = runLoupe({"import-model", p, tfl, "--name", "det-in"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    const auto j = nlohmann::json::parse(r.out);
    QCOMPARE(j["task"].get<std::string>(), std::string("detection"));
    QCOMPARE(j["classes"], nlohmann::json({"square"}));  // channel 0 is the background
    QCOMPARE(j["input"], nlohmann::json({48, 64, 1}));
    QCOMPARE(j["output"], nlohmann::json({6, 8, 2}));
    QCOMPARE(j["predicted_items"].get<int>(), 24);  // 12 val + 12 test
    QVERIFY(loupe::storage::deployableModel(squares.path, "det-in").int8Blob == blob);

    r = runLoupe({"predict", p, "--model", "det-in", "--split", "test", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    QCOMPARE(nlohmann::json::parse(r.out).size(), std::size_t(12));
    // --threshold 0 makes every cell an object cell; one class, so each image's cells all merge
    // into one box over the whole grid.
    r = runLoupe({"predict", p, "--model", "det-in", "--split", "test", "--threshold", "0", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    for (const auto& item : nlohmann::json::parse(r.out)) {
      QCOMPARE(item["boxes"].size(), std::size_t(1));
      QCOMPARE(item["boxes"][0]["x"].get<double>(), 0.0);
      QCOMPARE(item["boxes"][0]["y"].get<double>(), 0.0);
      QCOMPARE(item["boxes"][0]["w"].get<double>(), 64.0);
      QCOMPARE(item["boxes"][0]["h"].get<double>(), 48.0);
    }
    QCOMPARE(runLoupe({"predict", p, "--model", "det-in", "--threshold", "1.5"}).exitCode, 2);

    const QString back = dir_.filePath("det-back.tflite");
    QCOMPARE(runLoupe({"export-model", p, "--model", "det-in", "--format", "tflite", back}).exitCode, 0);
    QVERIFY(readAll(back) == readAll(tfl));

    // Read as a classifier the grid is refused, naming the file and the way out.
    const QByteArray before = readAll(p);
    r = runLoupe({"import-model", p, tfl, "--name", "det-cls", "--task", "classification"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("det.tflite: the output is a 6x8 grid") != std::string::npos, r.err.c_str());
    QVERIFY(readAll(p) == before);
  }

  // A broken file, an unsupported operator or a bad argument: one line naming the file and
  // field, exit 1, and the project file byte for byte as it was.
  void importFailuresLeaveTheProjectUnchanged() {
    const QString tfl = dir_.filePath("good.tflite");
    QCOMPARE(runLoupe({"export-model", project_, "--model", "tiny", "--format", "tflite", tfl}).exitCode, 0);
    QByteArray good = readAll(tfl);
    const auto write = [&](const QString& name, const QByteArray& b) {
      QFile f(dir_.filePath(name));
      if (f.open(QIODevice::WriteOnly)) f.write(b);
      return dir_.filePath(name);
    };
    QByteArray truncated = good.left(good.size() / 2), notTflite = "hello world, not a model";
    QByteArray badIdentifier = good;
    badIdentifier[4] = 'X';
    const QByteArray before = readAll(project_);
    const struct {
      QString file;
      QStringList extra;
      std::string message;
    } cases[] = {
        {write("truncated.tflite", truncated), {}, "truncated.tflite: malformed flatbuffer"},
        {write("text.tflite", notTflite), {}, "text.tflite: not a TensorFlow Lite model"},
        {write("ident.tflite", badIdentifier), {}, "ident.tflite: not a TensorFlow Lite model"},
        {tfl, {}, "outputs 3 classes but the project has 0"},
        {tfl, {"--task", "detection"}, "--task detection needs a grid output"},
    };
    for (const auto& c : cases) {
      const auto r = runLoupe(QStringList{"import-model", project_, c.file, "--name", "m"} + c.extra);
      QCOMPARE(r.exitCode, 1);
      QVERIFY2(r.err.find(c.message) != std::string::npos, r.err.c_str());
      QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
      QVERIFY(readAll(project_) == before);
    }
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
    QTest::newRow("tflite without int8") << QStringList{"--model", "float-only", "--format", "tflite"}
                                         << "loupe: model 'float-only' has no int8 model stored (quantize it first)";
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
