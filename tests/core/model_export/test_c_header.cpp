// The generated C header compiles together with the portable runtime and, run as a program,
// reproduces the host's int8 outputs bit for bit.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/model_export/exporters.h"
#include "core/nn/architectures.h"
#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "core/quant/int8_runner.h"
#include "firmware/runtime/crc32.h"
#include "tests/core/quant/test_nets.h"

using namespace loupe;
using namespace loupe::quant;


class TestCHeader : public QObject {
  Q_OBJECT
 private slots:
  void headerDefinesAndEscaping() {
    const auto net = testnets::tinyNet(3);
    const auto blob = writeBlob(quantize(net, calibrate(net, testnets::images(net.input, 10, 1))));
    const QString h = QString::fromStdString(
        model_export::cHeader(blob, "demo */ model", {"T-shirt", "say \"hi\"\\", "caf\xC3\xA9?"}));
    QVERIFY(h.contains(QString::asprintf("#define LOUPE_MODEL_ID               0x%08Xu",
                                         loupe::runtime::crc32(blob.data(), blob.size() - 4))));
    QVERIFY(h.contains(QString("#define LOUPE_MODEL_BYTES            %1u").arg(blob.size())));
    QVERIFY(h.contains("#define LOUPE_MODEL_ARENA_BYTES      180u"));
    QVERIFY(h.contains("\"demo * / model\""));
    // Quotes and backslashes escaped, UTF-8 bytes and '?' as octal escapes.
    QVERIFY(h.contains("{\"T-shirt\", \"say \\\"hi\\\"\\\\\", \"caf\\303\\251\\077\"}"));
    QVERIFY(h.contains(" 0x4c, 0x50, 0x52, 0x54,"));  // "LPRT"
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, model_export::cHeader({1, 2, 3}, "x", {}));
  }
  void detectorHeaderDescribesItsGrid() {
    nn::NetworkSpec net = nn::architecture("fomo-det-32x24").build({24, 32, 1}, {"cat", "dog"});
    testnets::randomise(net, 3);
    const auto blob = writeBlob(quantize(net, calibrate(net, testnets::images(net.input, 10, 2))));
    const QString h = QString::fromStdString(model_export::cHeader(blob, "det", net.classes));
    QVERIFY(h.contains("#define LOUPE_MODEL_OUTPUT_SIZE      36 "));  // 3 x 4 cells x 3 channels
    QVERIFY(h.contains("#define LOUPE_MODEL_OUTPUT_HEIGHT    3 "));
    QVERIFY(h.contains("#define LOUPE_MODEL_OUTPUT_WIDTH     4 "));
    QVERIFY(h.contains("#define LOUPE_MODEL_OUTPUT_CHANNELS  3 "));
    QVERIFY(h.contains("#define LOUPE_MODEL_IS_DETECTOR      1 "));
    QVERIFY(h.contains("#define LOUPE_MODEL_CLASS_COUNT      2 "));  // object classes; background is channel 0
    const auto classifier = testnets::tinyNet(3);
    const auto cblob = writeBlob(quantize(classifier, calibrate(classifier, testnets::images(classifier.input, 10, 1))));
    QVERIFY(QString::fromStdString(model_export::cHeader(cblob, "c", classifier.classes))
                .contains("#define LOUPE_MODEL_IS_DETECTOR      0 "));
  }
  void compiledHeaderReproducesTheHostOutputs() {
    auto net = testnets::everyOpNet(9);
    const auto train = testnets::blobClasses(net.input, 10, 100, 9);
    testnets::fitReadout(net, train);
    const auto blob = writeBlob(quantize(net, calibrate(net, train.x)));
    QTemporaryDir dir;
    QFile header(dir.filePath("model.h")), program(dir.filePath("main.cpp"));
    QVERIFY(header.open(QIODevice::WriteOnly) && program.open(QIODevice::WriteOnly));
    header.write(QByteArray::fromStdString(model_export::cHeader(blob, "every-op", net.classes)));
    // A firmware-like program: loads the header's blob, reads int8 inputs, prints the outputs.
    QFile source(QString(LOUPE_TEST_DATA) + "/export/firmware_main.cpp");
    QVERIFY(source.open(QIODevice::ReadOnly));
    program.write(source.readAll());
    header.close();
    program.close();
    // Build exactly the runtime sources the board builds, with the board's restrictions.
    QStringList args{"-std=c++17", "-O1", "-fno-exceptions", "-fno-rtti", "-Wall", "-Wextra", "-Werror",
                     "-I", LOUPE_SOURCE_DIR, "-I", dir.path(), "-o", dir.filePath("prog"), dir.filePath("main.cpp")};
    for (const QString& sub : {QString("firmware/runtime"), QString("firmware/runtime/ops")})
      for (const QString& f : QDir(QString(LOUPE_SOURCE_DIR) + "/" + sub).entryList({"*.cpp"}))
        args << QString(LOUPE_SOURCE_DIR) + "/" + sub + "/" + f;
    QProcess cc;
    cc.start("c++", args);
    QVERIFY(cc.waitForFinished(120000));
    QVERIFY2(cc.exitCode() == 0, cc.readAllStandardError().constData());

    Int8Runner runner(blob);
    const auto test = testnets::blobClasses(net.input, 10, 20, 10).x;
    QByteArray input;
    QStringList expected;
    for (const auto& x : test) {
      std::vector<std::int8_t> q;
      for (float v : x) q.push_back(quantizeValue(v, {nn::kInputScale, 0}));
      for (auto v : q) input += QByteArray::number(v) + ' ';
      input += '\n';
      QString line;
      for (auto v : runner.run(q)) line += QString::number(v) + ' ';
      expected << line + "| c0";
    }
    QProcess run;
    run.start(dir.filePath("prog"));
    QVERIFY(run.waitForStarted());
    run.write(input);
    run.closeWriteChannel();
    QVERIFY(run.waitForFinished(30000));
    QCOMPARE(run.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(run.readAllStandardOutput()).trimmed().split('\n'), expected);
  }
};

int runCHeaderTests(int argc, char** argv) {
  TestCHeader t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_c_header.moc"
