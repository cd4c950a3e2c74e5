// Exported ONNX files run in onnxruntime (an independent implementation) and give our answers.
#include <QtTest>

#include "core/model_export/exporters.h"
#include "core/nn/architectures.h"
#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "core/quant/int8_runner.h"
#include "onnx_runner.h"
#include "tests/core/quant/test_nets.h"

using namespace loupe;
using namespace loupe::quant;

namespace {
using testnets::colourNet;
// A centroid grid detector as Loupe trains it (fomo96-det's layers) at 32 x 32: a 4 x 4 grid of
// (background, a, b) with a softmax per cell. ONNX gives it NCHW; Loupe's runtime HWC.
nn::NetworkSpec smallDetector() {
  nn::NetworkSpec net = nn::architecture("fomo-det-32x32").build({32, 32, 1}, {"a", "b"});
  testnets::randomise(net, 17);
  return net;
}

std::vector<float> nchwToHwc(const std::vector<float>& nchw, const nn::Shape& s) {
  std::vector<float> hwc(nchw.size());
  for (int c = 0; c < s.c; ++c)
    for (int y = 0; y < s.h; ++y)
      for (int x = 0; x < s.w; ++x)
        hwc[std::size_t((y * s.w + x) * s.c + c)] = nchw[std::size_t((c * s.h + y) * s.w + x)];
  return hwc;
}
}  // namespace

class TestOnnx : public QObject {
  Q_OBJECT
 private slots:
  void floatLogitsMatchOnnxRuntime() {
    const auto net = colourNet();
    const auto samples = testnets::images(net.input, 40, 5);
    const auto ort = onnxcheck::run(model_export::onnxFloat(net), net.input, samples);
    QCOMPARE(ort.size(), samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const auto ours = forward(net, samples[i]);
      QCOMPARE(ort[i].size(), ours.size());
      for (std::size_t k = 0; k < ours.size(); ++k)
        QVERIFY2(std::abs(ort[i][k] - ours[k]) < 1e-4f, qPrintable(QString("sample %1 logit %2: %3 vs %4")
                                                                      .arg(i).arg(k).arg(ort[i][k]).arg(ours[k])));
      QCOMPARE(argmax(ort[i]), argmax(ours));
    }
  }
  void floatSoftmaxNetMatchesOnnxRuntime() {
    auto net = testnets::everyOpNet(4);
    testnets::fitReadout(net, testnets::blobClasses(net.input, 10, 200, 4));
    const auto test = testnets::blobClasses(net.input, 10, 100, 5);
    const auto ort = onnxcheck::run(model_export::onnxFloat(net), net.input, test.x);
    QCOMPARE(ort.size(), test.x.size());
    for (std::size_t i = 0; i < test.x.size(); ++i) {
      const auto ours = forward(net, test.x[i]);
      for (std::size_t k = 0; k < ours.size(); ++k) QVERIFY(std::abs(ort[i][k] - ours[k]) < 1e-4f);
      QCOMPARE(argmax(ort[i]), argmax(ours));
    }
  }
  void detectorGridsMatchOnnxRuntime() {
    const auto net = smallDetector();
    const nn::Shape grid = nn::activationShapes(net).back();
    QCOMPARE(grid, (nn::Shape{4, 4, 3}));
    const auto samples = testnets::images(net.input, 40, 21);
    // Float: every cell's probabilities, and each cell's probabilities sum to one (softmax per cell).
    const auto ort = onnxcheck::run(model_export::onnxFloat(net), net.input, samples);
    QCOMPARE(ort.size(), samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const auto ours = forward(net, samples[i]);
      const auto theirs = nchwToHwc(ort[i], grid);
      QCOMPARE(theirs.size(), ours.size());
      for (std::size_t k = 0; k < ours.size(); ++k) QVERIFY(std::abs(theirs[k] - ours[k]) < 1e-4f);
      for (int cell = 0; cell < grid.h * grid.w; ++cell)
        QVERIFY(std::abs(theirs[cell * 3] + theirs[cell * 3 + 1] + theirs[cell * 3 + 2] - 1.0f) < 1e-4f);
    }
    // QDQ against the int8 runtime: each cell's argmax, and every output within a few steps.
    const QuantizedModel q = quantize(net, calibrate(net, testnets::images(net.input, 60, 22)));
    Int8Runner runner(writeBlob(q));
    const auto test = testnets::images(net.input, 100, 23);
    const auto qdq = onnxcheck::run(model_export::onnxQdq(q), net.input, test);
    QCOMPARE(qdq.size(), test.size());
    // A random detector's cells are near-uniform softmaxes, where one rounding step flips the
    // argmax; so: every output within 4 steps, and every cell whose top two differ by more than
    // the two runtimes ever differ (plus one step) has the same argmax in both.
    const float outScale = q.layers.back().outQ.scale;
    double worstSteps = 0;
    std::vector<std::vector<float>> ours, theirs;
    for (std::size_t i = 0; i < test.size(); ++i) {
      ours.push_back(runner.dequantize(runner.runFloat(test[i])));
      theirs.push_back(nchwToHwc(qdq[i], grid));
      for (std::size_t k = 0; k < ours[i].size(); ++k)
        worstSteps = std::max(worstSteps, double(std::abs(ours[i][k] - theirs[i][k])) / outScale);
    }
    int clear = 0, agree = 0;
    for (std::size_t i = 0; i < test.size(); ++i)
      for (int cell = 0; cell < grid.h * grid.w; ++cell) {
        const auto at = [&](const std::vector<float>& v) {
          return std::vector<float>(v.begin() + cell * 3, v.begin() + cell * 3 + 3);
        };
        std::vector<float> mine = at(ours[i]);
        const int best = argmax(mine);
        float second = -1e9f;
        for (int k = 0; k < 3; ++k)
          if (k != best) second = std::max(second, mine[std::size_t(k)]);
        if ((mine[std::size_t(best)] - second) / outScale <= 2 * worstSteps + 1) continue;
        ++clear;
        agree += argmax(at(theirs[i])) == best;
      }
    qInfo("detector QDQ vs int8 runtime: worst %.0f output steps; %d of %d clear cells agree", worstSteps, agree, clear);
    QVERIFY2(worstSteps <= 4.0, qPrintable(QString::number(worstSteps)));
    QVERIFY(clear >= 800);  // of 1600: most cells are decided
    QCOMPARE(agree, clear);
  }

  void qdqAgreesWithOurInt8Runtime_data() {
    QTest::addColumn<int>("which");
    QTest::newRow("every op, softmax") << 0;
    QTest::newRow("colour, logits") << 1;
  }
  void qdqAgreesWithOurInt8Runtime() {
    QFETCH(int, which);
    nn::NetworkSpec net;
    std::vector<Tensor> calibration, test;
    if (which == 0) {
      net = testnets::everyOpNet(6);
      const auto train = testnets::blobClasses(net.input, 10, 300, 6);
      testnets::fitReadout(net, train);
      calibration.assign(train.x.begin(), train.x.begin() + 100);
      test = testnets::blobClasses(net.input, 10, 300, 7).x;
    } else {
      net = colourNet();
      calibration = testnets::images(net.input, 100, 8);
      test = testnets::images(net.input, 300, 9);
    }
    const QuantizedModel q = quantize(net, calibrate(net, calibration));
    Int8Runner runner(writeBlob(q));
    const auto ort = onnxcheck::run(model_export::onnxQdq(q), net.input, test);
    QCOMPARE(ort.size(), test.size());
    int agree = 0;
    double worstSteps = 0;
    const float outScale = q.layers.back().outQ.scale;
    for (std::size_t i = 0; i < test.size(); ++i) {
      const auto ours = runner.dequantize(runner.runFloat(test[i]));
      agree += argmax(ours) == argmax(ort[i]);
      for (std::size_t k = 0; k < ours.size(); ++k)
        worstSteps = std::max(worstSteps, double(std::abs(ours[k] - ort[i][k])) / outScale);
    }
    // onnxruntime requantises in float with ties to even, TFLite in fixed point with ties away
    // from zero: single steps may differ and add up over layers, but not more than that.
    qInfo("QDQ vs int8 runtime: %d of %zu argmax agree, worst %.0f output steps", agree, test.size(), worstSteps);
    QVERIFY2(agree >= int(0.99 * double(test.size())), qPrintable(QString("%1 of %2").arg(agree).arg(test.size())));
    QVERIFY2(worstSteps <= 4.0, qPrintable(QString::number(worstSteps)));
  }
};

int runOnnxTests(int argc, char** argv) {
  TestOnnx t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_onnx.moc"
