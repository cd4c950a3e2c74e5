#include <QtTest>

#include "core/nn/network_spec.h"

using namespace loupe::nn;

class TestNetworkSpec : public QObject {
  Q_OBJECT
 private slots:
  void samePaddingIsCeilOfInputOverStride() {
    LayerSpec conv{.type = LayerType::Conv2D, .kernelH = 3, .kernelW = 3, .strideH = 2, .strideW = 2,
                   .padding = Padding::Same, .outChannels = 8};
    QCOMPARE(outputShape({96, 96, 1}, conv), (Shape{48, 48, 8}));
    QCOMPARE(outputShape({27, 27, 1}, conv), (Shape{14, 14, 8}));
  }
  void validPaddingDropsTheBorder() {
    LayerSpec conv{.type = LayerType::Conv2D, .kernelH = 5, .kernelW = 3, .padding = Padding::Valid, .outChannels = 4};
    QCOMPARE(outputShape({28, 28, 1}, conv), (Shape{24, 26, 4}));
    LayerSpec pool{.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2};
    QCOMPARE(outputShape({24, 26, 4}, pool), (Shape{12, 13, 4}));
  }
  void depthwiseMultipliesChannelsAndDenseFlattens() {
    LayerSpec dw{.type = LayerType::DepthwiseConv2D, .kernelH = 3, .kernelW = 3, .padding = Padding::Same,
                 .depthMultiplier = 2};
    LayerSpec dense{.type = LayerType::Dense, .outChannels = 10};
    NetworkSpec net{.arch = "t", .input = {8, 8, 3}, .classes = {}, .layers = {dw, dense}};
    const auto shapes = activationShapes(net);
    QCOMPARE(shapes.size(), std::size_t(3));
    QCOMPARE(shapes[1], (Shape{8, 8, 6}));
    QCOMPARE(shapes[2], (Shape{1, 1, 10}));
  }
};

QTEST_GUILESS_MAIN(TestNetworkSpec)
#include "test_network_spec.moc"
