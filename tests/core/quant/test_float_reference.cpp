// The float reference ops on hand-computed cases (TensorFlow semantics).
#include <QtTest>

#include <cmath>

#include "core/quant/float_reference.h"

using namespace loupe::quant;
using namespace loupe::nn;

class TestFloatReference : public QObject {
  Q_OBJECT
 private slots:
  void convSamePadsWithZero() {
    // 2x2 input [1 2; 3 4], 3x3 ones kernel, SAME: every window covers the whole input -> 10 + bias.
    LayerSpec conv{.type = LayerType::Conv2D, .kernelH = 3, .kernelW = 3, .padding = Padding::Same,
                   .outChannels = 1, .weights = std::vector<float>(9, 1.0f), .bias = {0.5f}};
    QCOMPARE(conv2d({1, 2, 3, 4}, {2, 2, 1}, conv), (Tensor{10.5f, 10.5f, 10.5f, 10.5f}));
  }
  void convStrideTwoSameUsesTensorFlowOffsets() {
    // 4x1 input, kernel 1x3 (ones), stride 2, SAME: out 2, total padding (2-1)*2+3-4 = 1 -> 0 before,
    // windows [0..2] and [2..4] (4 is padding): 1+2+3 = 6, 3+4 = 7.
    LayerSpec conv{.type = LayerType::Conv2D, .kernelH = 1, .kernelW = 3, .strideH = 1, .strideW = 2,
                   .padding = Padding::Same, .outChannels = 1, .weights = {1, 1, 1}, .bias = {0}};
    QCOMPARE(conv2d({1, 2, 3, 4}, {1, 4, 1}, conv), (Tensor{6, 7}));
  }
  void depthwiseMultiplierOrder() {
    // 1x1x2 input [2, 3], multiplier 2: outputs [2*w0, 2*w1, 3*w2, 3*w3].
    LayerSpec dw{.type = LayerType::DepthwiseConv2D, .depthMultiplier = 2, .weights = {1, -1, 10, 100},
                 .bias = {0, 0, 0, 1}};
    QCOMPARE(depthwiseConv2d({2, 3}, {1, 1, 2}, dw), (Tensor{2, -2, 30, 301}));
  }
  void poolsExcludePadding() {
    LayerSpec avg{.type = LayerType::AveragePool2D, .kernelH = 1, .kernelW = 2, .strideH = 1, .strideW = 2,
                  .padding = Padding::Same};
    QCOMPARE(averagePool({3, 4, 8}, {1, 3, 1}, avg), (Tensor{3.5f, 8.0f}));
    LayerSpec mx = avg;
    mx.type = LayerType::MaxPool2D;
    QCOMPARE(maxPool({-3, -4, -8}, {1, 3, 1}, mx), (Tensor{-3.0f, -8.0f}));
  }
  void denseActivationAndSoftmax() {
    LayerSpec d{.type = LayerType::Dense, .outChannels = 2, .activation = Activation::ReLU6,
                .weights = {1, 2, -1, -1}, .bias = {5, 0}};
    QCOMPARE(applyLayer({1, 2}, {1, 1, 2}, d), (Tensor{6.0f, 0.0f}));  // 10 -> 6, -3 -> 0
    const Tensor p = softmax({std::log(3.0f), 0.0f}, {1, 1, 2});
    QVERIFY(std::abs(p[0] - 0.75f) < 1e-6f && std::abs(p[1] - 0.25f) < 1e-6f);
  }
  void checkSpecNamesTheLayer() {
    NetworkSpec net{.arch = "t", .input = {2, 2, 1}, .classes = {}, .layers = {
        {.type = LayerType::Dense, .outChannels = 2, .weights = {1, 2, 3}, .bias = {0, 0}}}};
    try {
      checkSpec(net);
      QFAIL("expected an error");
    } catch (const std::invalid_argument& e) {
      QCOMPARE(QString(e.what()), QString("layer 0: expected 8 weights, got 3"));
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, forward(net, Tensor(3)));
  }
};

int runFloatReferenceTests(int argc, char** argv) {
  TestFloatReference t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_float_reference.moc"
