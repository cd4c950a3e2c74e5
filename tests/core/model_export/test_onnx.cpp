// Exported ONNX files run in onnxruntime (an independent implementation) and give our answers.
#include <QtTest>

#include "core/model_export/exporters.h"
#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "core/quant/int8_runner.h"
#include "onnx_runner.h"
#include "tests/core/quant/test_nets.h"

using namespace loupe;
using namespace loupe::quant;

namespace {
// RGB input with every spatial extent, channel count and the flatten order exercised:
// conv 3x3 VALID (6, ReLU) -> depthwise 3x3 s2 SAME x2 (ReLU6) -> avg pool 2x2 s1 SAME -> dense 4.
nn::NetworkSpec colourNet() {
  using namespace nn;
  NetworkSpec net;
  net.arch = "colour-test";
  net.input = {12, 11, 3};
  net.classes = {"a", "b", "c", "d"};
  net.layers = {
      {.type = LayerType::Conv2D, .kernelH = 3, .kernelW = 3, .outChannels = 6, .activation = Activation::ReLU},
      {.type = LayerType::DepthwiseConv2D, .kernelH = 3, .kernelW = 3, .strideH = 2, .strideW = 2,
       .padding = Padding::Same, .depthMultiplier = 2, .activation = Activation::ReLU6},
      {.type = LayerType::AveragePool2D, .kernelH = 2, .kernelW = 2, .padding = Padding::Same},
      {.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2, .padding = Padding::Same},
      {.type = LayerType::Dense, .outChannels = 4},
  };
  testnets::randomise(net, 42);
  return net;
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
