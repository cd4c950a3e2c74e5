// The int8 network (converter + portable runtime) against the float reference.
#include <QtTest>

#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "core/quant/int8_runner.h"
#include "core/quant/report.h"
#include "test_nets.h"

using namespace loupe::quant;

class TestInt8VsFloat : public QObject {
  Q_OBJECT
 private slots:
  void argmaxAgreesOnRandomNets_data() {
    QTest::addColumn<unsigned>("seed");
    for (unsigned s : {1u, 2u, 3u}) QTest::newRow(qPrintable(QString("seed %1").arg(s))) << s;
  }
  void argmaxAgreesOnRandomNets() {
    // Random conv features with a fitted readout: a random readout leaves a quarter of the samples
    // with their top two logits within quantisation noise, which tests nothing but ties.
    QFETCH(unsigned, seed);
    auto net = testnets::everyOpNet(seed);
    const auto train = testnets::blobClasses(net.input, 10, 400, 100 + seed);
    testnets::fitReadout(net, train);
    const std::vector<Tensor> calibration(train.x.begin(), train.x.begin() + 100);
    const auto test = testnets::blobClasses(net.input, 10, 300, 200 + seed);  // held out
    const QuantizationResult r = quantizeNetwork(net, calibration, test.x, test.y);
    QVERIFY2(r.report.floatAccuracy >= 0.9, qPrintable(QString::number(r.report.floatAccuracy)));
    QVERIFY2(r.report.argmaxAgreement >= 0.99, qPrintable(QString::number(r.report.argmaxAgreement)));
    QVERIFY(std::abs(r.report.int8Accuracy - r.report.floatAccuracy) <= 0.01);
  }
  void dequantisedOutputsTrackTheFloatOutputs() {
    // Softmax probabilities agree to within a few output steps (1/256 each).
    const auto net = testnets::everyOpNet(5);
    const auto blob = writeBlob(quantize(net, calibrate(net, testnets::images(net.input, 100, 11))));
    Int8Runner runner(blob);
    double worst = 0;
    for (const auto& x : testnets::images(net.input, 50, 12)) {
      const auto f = forward(net, x);
      const auto q = runner.dequantize(runner.runFloat(x));
      for (std::size_t i = 0; i < f.size(); ++i) worst = std::max(worst, std::abs(double(f[i]) - q[i]));
    }
    QVERIFY2(worst < 6.0 / 256, qPrintable(QString::number(worst)));
  }
  void handQuantisedDenseGivesTheHandAnswer() {
    // See test_quant_params: acc = 127*64 + (-64)(-32) + 3251 = 13427; * 0.0039216 = 52.66 -> 53; - 1.
    loupe::nn::NetworkSpec net{.arch = "t", .input = {1, 1, 2}, .classes = {}, .layers = {
        {.type = loupe::nn::LayerType::Dense, .outChannels = 1, .weights = {0.5f, -0.25f}, .bias = {0.1f}}}};
    Int8Runner runner(writeBlob(quantize(net, {{-1, 1}, {-1, 1}})));
    QCOMPARE(int(runner.run({64, -32})[0]), 52);
    QCOMPARE(int(runner.runFloat({0.5f, -0.25f})[0]), 52);
  }
  void reportCountsBytesArenaAndMacs() {
    const auto net = testnets::everyOpNet(1);
    const auto blob = writeBlob(quantize(net, calibrate(net, testnets::images(net.input, 10, 1))));
    const auto r = evaluate(net, blob, testnets::images(net.input, 5, 2), {0, 1, 2, 3, 4});
    QCOMPARE(r.modelBytes, std::int64_t(blob.size()));
    // conv 8x8x8*9*1 + depthwise 8x8x8*9 + conv1x1 8x8x8*8 + dense 72*10.
    QCOMPARE(r.macs, std::int64_t(4608 + 4608 + 4096 + 720));
    // Outputs of layers 0..5: 512 (slot 0), 512 (1), 512 (0), 128 (1), 72 (0), 10 (1).
    QCOMPARE(r.arenaBytes, std::int64_t(1024));
    QCOMPARE(r.samples, std::int64_t(5));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluate(net, blob, testnets::images(net.input, 2, 2), {0}));
  }
  void imageSetPathMatchesTheTensorPath() {
    auto net = testnets::everyOpNet(2);
    const auto train = testnets::blobClasses(net.input, 10, 200, 31);
    testnets::fitReadout(net, train);
    const auto test = testnets::blobClasses(net.input, 10, 60, 32);
    auto toImages = [&](const testnets::Labelled& d) {
      loupe::nn::ImageSet s{.shape = net.input, .pixels = {}, .labels = d.y};
      for (const auto& x : d.x)
        for (float v : x) s.pixels.push_back(static_cast<std::uint8_t>(std::lround(v * 128 + 128)));
      return s;
    };
    const auto viaImages = quantizeNetwork(net, toImages(train), toImages(test), 2);
    const auto viaTensors = quantizeNetwork(net, train.x, test.x, test.y);
    QCOMPARE(viaImages.blob, viaTensors.blob);  // 200 <= kCalibrationSamples: the same calibration set
    QCOMPARE(viaImages.report.int8Accuracy, viaTensors.report.int8Accuracy);
    QCOMPARE(viaImages.report.floatAccuracy, viaTensors.report.floatAccuracy);
    QCOMPARE(viaImages.report.arenaBytes, viaTensors.report.arenaBytes);
  }
  void calibrationHonoursCancellation() {
    const auto net = testnets::tinyNet();
    loupe::CancelToken token;
    token.cancel();
    QVERIFY_THROWS_EXCEPTION(loupe::Cancelled, calibrate(net, testnets::images(net.input, 3, 1), {{}, &token}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calibrate(net, {}));
  }
};

int runInt8VsFloatTests(int argc, char** argv) {
  TestInt8VsFloat t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_int8_vs_float.moc"
