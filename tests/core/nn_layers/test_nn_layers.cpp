// Layer arithmetic: hand-computed forward cases and finite-difference gradient checks (in double
// precision loss, central differences) of every layer type against its backward pass.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>

#include "core/nn/network.h"
#include "core/nn/softmax.h"

using namespace loupe::nn;

namespace {

LayerSpec conv(int k, int stride, Padding p, int out, Activation a = Activation::None) {
  return {.type = LayerType::Conv2D, .kernelH = k, .kernelW = k, .strideH = stride, .strideW = stride,
          .padding = p, .outChannels = out, .activation = a};
}

std::vector<float> randomVector(std::size_t n, std::mt19937& rng, float scale = 1.0f) {
  std::uniform_real_distribution<float> u(-scale, scale);
  std::vector<float> v(n);
  for (auto& x : v) x = u(rng);
  return v;
}

// Gives every parameterised layer random weights of the right size.
NetworkSpec withRandomParameters(NetworkSpec net, unsigned seed) {
  std::mt19937 rng(seed);
  Shape in = net.input;
  for (auto& l : net.layers) {
    l.weights = randomVector(expectedWeightCount(l, in), rng, 0.5f);
    l.bias = randomVector(expectedBiasCount(l, in), rng, 0.5f);
    in = outputShape(in, l);
  }
  return net;
}

std::vector<float> runForward(const Network& net, const std::vector<float>& input, int n) {
  Workspace ws;
  net.prepare(ws, n);
  std::copy(input.begin(), input.end(), ws.activations[0].begin());
  net.forward(ws, n);
  return {net.output(ws), net.output(ws) + static_cast<std::size_t>(n) * net.outputSize()};
}

// Loss L = sum_i r_i * y_i for a fixed random r, so dL/dy = r.
double projectedLoss(const Network& net, const std::vector<float>& input, int n, const std::vector<float>& r) {
  const auto y = runForward(net, input, n);
  double loss = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) loss += static_cast<double>(r[i]) * y[i];
  return loss;
}

void compareGradient(double analytic, double numeric, const QString& what) {
  const double tolerance = 2e-3 + 1e-2 * std::abs(numeric);
  if (std::abs(analytic - numeric) > tolerance)
    QFAIL(qPrintable(QString("%1: analytic %2 vs numeric %3").arg(what).arg(analytic).arg(numeric)));
}

// Checks d(loss)/d(every parameter) and d(loss)/d(every input value) of a network.
void checkGradients(const NetworkSpec& given, int n, unsigned seed, float inputScale = 1.0f, float eps = 1e-2f) {
  std::mt19937 rng(seed);
  const bool hasParameters = std::any_of(given.layers.begin(), given.layers.end(),
                                         [](const LayerSpec& l) { return !l.weights.empty(); });
  const NetworkSpec spec = hasParameters ? given : withRandomParameters(given, seed + 100);
  Network net(spec);
  const auto input = randomVector(static_cast<std::size_t>(n) * spec.input.size(), rng, inputScale);
  const auto r = randomVector(static_cast<std::size_t>(n) * net.outputSize(), rng);

  Workspace ws;
  net.prepare(ws, n);
  std::copy(input.begin(), input.end(), ws.activations[0].begin());
  net.forward(ws, n);
  std::vector<float> grads(net.parameterCount(), 0.0f);
  std::vector<float> dInput(input.size(), 0.0f);
  net.backwardFrom(ws, n, r.data(), grads.data(), dInput.data());

  for (const auto& block : net.parameterBlocks()) {
    float* p = net.parameter(block);
    for (std::size_t i = 0; i < block.count; ++i) {
      const float saved = p[i];
      p[i] = saved + eps;
      const double up = projectedLoss(net, input, n, r);
      p[i] = saved - eps;
      const double down = projectedLoss(net, input, n, r);
      p[i] = saved;
      compareGradient(grads[block.offset + i], (up - down) / (2.0 * eps),
                      QString("layer %1 %2[%3]").arg(block.layer).arg(block.isBias ? "bias" : "weight").arg(i));
    }
  }
  auto x = input;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const float saved = x[i];
    x[i] = saved + eps;
    const double up = projectedLoss(net, x, n, r);
    x[i] = saved - eps;
    const double down = projectedLoss(net, x, n, r);
    x[i] = saved;
    compareGradient(dInput[i], (up - down) / (2.0 * eps), QString("input[%1]").arg(i));
  }
}

}  // namespace

class TestNnLayers : public QObject {
  Q_OBJECT
 private slots:
  void conv2dValidMatchesHandComputation() {
    // x = 1..16 on a 4x4 grid; kernel [[1,2,0],[0,1,0],[0,0,-1]], bias 0.5.
    LayerSpec c = conv(3, 1, Padding::Valid, 1, Activation::ReLU);
    c.weights = {1, 2, 0, 0, 1, 0, 0, 0, -1};
    c.bias = {0.5f};
    Network net({.arch = "t", .input = {4, 4, 1}, .classes = {}, .layers = {c}});
    std::vector<float> x(16);
    std::iota(x.begin(), x.end(), 1.0f);
    const auto y = runForward(net, x, 1);
    QCOMPARE(y, (std::vector<float>{0.5f, 3.5f, 12.5f, 15.5f}));
  }
  void conv2dSamePaddingPutsTheExtraRowAtTheBottom() {
    // Stride 2, SAME on 4x4: total pad 1, all of it after the image (TensorFlow).
    LayerSpec c = conv(3, 2, Padding::Same, 1);
    c.weights = {1, 2, 0, 0, 1, 0, 0, 0, -1};
    c.bias = {0.5f};
    Network net({.arch = "t", .input = {4, 4, 1}, .classes = {}, .layers = {c}});
    std::vector<float> x(16);
    std::iota(x.begin(), x.end(), 1.0f);
    QCOMPARE(runForward(net, x, 1), (std::vector<float>{0.5f, 19.5f, 43.5f, 51.5f}));
  }
  void depthwiseKeepsChannelsApart() {
    LayerSpec d{.type = LayerType::DepthwiseConv2D, .kernelH = 2, .kernelW = 2, .padding = Padding::Valid};
    d.weights = {1, 0, 0, 1, 0, 0, 1, 0};  // [kh][kw][c]: c0 = [[1,0],[0,1]], c1 = [[0,1],[0,0]]
    d.bias = {0, 0};
    Network net({.arch = "t", .input = {3, 3, 2}, .classes = {}, .layers = {d}});
    std::vector<float> x;
    for (int i = 1; i <= 9; ++i) x.insert(x.end(), {float(i), float(10 * i)});
    QCOMPARE(runForward(net, x, 1), (std::vector<float>{6, 20, 8, 30, 12, 50, 14, 60}));
  }
  void poolingWithSamePaddingCountsOnlyRealPixels() {
    // 3x3 input 1..9, 2x2 windows stride 2 SAME: windows {1,2,4,5} {3,6} {7,8} {9}.
    std::vector<float> x(9);
    std::iota(x.begin(), x.end(), 1.0f);
    LayerSpec avg{.type = LayerType::AveragePool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2,
                  .padding = Padding::Same};
    LayerSpec max = avg;
    max.type = LayerType::MaxPool2D;
    QCOMPARE(runForward(Network({.arch = "t", .input = {3, 3, 1}, .classes = {}, .layers = {avg}}), x, 1),
             (std::vector<float>{3.0f, 4.5f, 7.5f, 9.0f}));
    QCOMPARE(runForward(Network({.arch = "t", .input = {3, 3, 1}, .classes = {}, .layers = {max}}), x, 1),
             (std::vector<float>{5, 6, 8, 9}));
  }
  void denseReLU6AndSoftmaxMatchHandValues() {
    // W = [[1, 2], [-1, 0], [3, 3]], b = [0, 0.5, 0]; x = [1, 2] -> [5, -0.5, 9] -> ReLU6 [5, 0, 6].
    LayerSpec d{.type = LayerType::Dense, .outChannels = 3, .activation = Activation::ReLU6};
    d.weights = {1, 2, -1, 0, 3, 3};
    d.bias = {0, 0.5f, 0};
    QCOMPARE(runForward(Network({.arch = "t", .input = {1, 1, 2}, .classes = {}, .layers = {d}}), {1, 2}, 1),
             (std::vector<float>{5, 0, 6}));
    // softmax([1, 2, 3]) = [0.0900306, 0.2447285, 0.6652410]; -ln(0.6652410) = 0.4076059.
    const float logits[] = {1, 2, 3};
    float p[3];
    softmax(logits, p, 3);
    QVERIFY(std::abs(p[0] - 0.0900306f) < 1e-6f && std::abs(p[1] - 0.2447285f) < 1e-6f &&
            std::abs(p[2] - 0.6652410f) < 1e-6f);
    const int label[] = {2};
    QVERIFY(std::abs(crossEntropy(p, label, 3, {}, 1.0, nullptr) - 0.4076059) < 1e-6);
  }
  void weightedCrossEntropyIsTheWeightedMean() {
    // Two samples, weights w0 = 3, w1 = 1: loss = (3 * -ln p0[0] + 1 * -ln p1[1]) / 4.
    const float p[] = {0.5f, 0.5f, 0.2f, 0.8f};
    const int labels[] = {0, 1};
    const float weights[] = {3.0f, 1.0f};
    const double expected = (3 * -std::log(0.5) + -std::log(0.8)) / 4;
    QVERIFY(std::abs(crossEntropy(p, labels, 2, weights, labelWeightSum(labels, weights), nullptr) - expected) < 1e-6);
  }

  void gradientConv2dValid() { checkGradients({.arch = "t", .input = {5, 6, 2}, .classes = {}, .layers = {conv(3, 1, Padding::Valid, 3)}}, 2, 1); }
  void gradientConv2dSameStrided() {
    checkGradients({.arch = "t", .input = {7, 6, 3}, .classes = {}, .layers = {conv(3, 2, Padding::Same, 4)}}, 2, 2);
  }
  void gradientConv2dPointwise() {
    checkGradients({.arch = "t", .input = {3, 4, 5}, .classes = {}, .layers = {conv(1, 1, Padding::Same, 3)}}, 2, 3);
  }
  void gradientDepthwise() {
    LayerSpec d{.type = LayerType::DepthwiseConv2D, .kernelH = 3, .kernelW = 3, .strideH = 2, .strideW = 2,
                .padding = Padding::Same, .depthMultiplier = 2};
    checkGradients({.arch = "t", .input = {6, 5, 3}, .classes = {}, .layers = {d}}, 2, 4);
  }
  void gradientAveragePool() {
    LayerSpec p{.type = LayerType::AveragePool2D, .kernelH = 3, .kernelW = 2, .strideH = 2, .strideW = 2,
                .padding = Padding::Same};
    checkGradients({.arch = "t", .input = {5, 5, 2}, .classes = {}, .layers = {p}}, 2, 5);
  }
  void gradientMaxPool() {
    // Inputs are a shuffled ramp with spacing 0.1, far more than the 1e-3 step: no ties, no
    // change of the maximum under perturbation.
    LayerSpec p{.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2};
    Network net({.arch = "t", .input = {4, 4, 2}, .classes = {}, .layers = {p}});
    std::vector<float> x(64);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.1f * static_cast<float>(i);
    std::shuffle(x.begin(), x.end(), std::mt19937(6));
    std::vector<float> r = randomVector(2 * 8, *std::make_unique<std::mt19937>(7));
    Workspace ws;
    net.prepare(ws, 2);
    std::copy(x.begin(), x.end(), ws.activations[0].begin());
    net.forward(ws, 2);
    std::vector<float> dx(x.size());
    net.backwardFrom(ws, 2, r.data(), nullptr, dx.data());
    const float eps = 1e-3f;
    for (std::size_t i = 0; i < x.size(); ++i) {
      auto up = x, down = x;
      up[i] += eps, down[i] -= eps;
      compareGradient(dx[i], (projectedLoss(net, up, 2, r) - projectedLoss(net, down, 2, r)) / (2.0 * eps),
                      QString("input[%1]").arg(i));
    }
    // Exactly one input per window receives the gradient: 8 windows per sample.
    QCOMPARE(std::count_if(dx.begin(), dx.end(), [](float v) { return v != 0.0f; }), 16);
  }
  void gradientDenseWithReLU6() {
    // Small inputs keep the pre-activations clear of the kinks at 0 and 6 for this seed.
    LayerSpec d{.type = LayerType::Dense, .outChannels = 4, .activation = Activation::ReLU6};
    auto spec = withRandomParameters({.arch = "t", .input = {2, 2, 3}, .classes = {}, .layers = {d}}, 8);
    for (auto& b : spec.layers[0].bias) b = 1.0f;  // every unit active
    checkGradients(spec, 3, 9, 0.3f, 1e-3f);
  }
  void gradientSoftmaxLayer() {
    LayerSpec d{.type = LayerType::Dense, .outChannels = 4};
    checkGradients(withRandomParameters({.arch = "t", .input = {1, 1, 3}, .classes = {}, .layers = {d, {.type = LayerType::Softmax}}}, 10), 2, 11);
  }
  void gradientStackedNetwork() {
    // conv -> relu -> maxpool -> depthwise -> avgpool -> dense: the chain rule across layers.
    LayerSpec dw{.type = LayerType::DepthwiseConv2D, .kernelH = 3, .kernelW = 3, .padding = Padding::Same};
    LayerSpec mp{.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2};
    LayerSpec ap{.type = LayerType::AveragePool2D, .kernelH = 2, .kernelW = 2, .strideH = 1, .strideW = 1};
    LayerSpec d{.type = LayerType::Dense, .outChannels = 3};
    auto spec = withRandomParameters(
        {.arch = "t", .input = {6, 6, 1}, .classes = {}, .layers = {conv(3, 1, Padding::Same, 2), mp, dw, ap, d}}, 12);
    checkGradients(spec, 1, 13, 1.0f, 1e-3f);
  }
  void gradientSoftmaxCrossEntropyWithClassWeights() {
    // The training loss path: Network::backward's combined softmax + weighted CE gradient.
    LayerSpec d{.type = LayerType::Dense, .outChannels = 3};
    Network net(withRandomParameters({.arch = "t", .input = {1, 1, 4}, .classes = {}, .layers = {d, {.type = LayerType::Softmax}}}, 14));
    std::mt19937 rng(15);
    const auto x = randomVector(3 * 4, rng);
    const std::vector<int> labels = {2, 0, 2};
    const std::vector<float> weights = {2.0f, 1.0f, 0.5f};
    const double weightSum = labelWeightSum(labels, weights);
    auto lossOf = [&] {
      const auto p = runForward(net, x, 3);
      return crossEntropy(p.data(), labels, 3, weights, weightSum, nullptr);
    };
    Workspace ws;
    net.prepare(ws, 3);
    std::copy(x.begin(), x.end(), ws.activations[0].begin());
    net.forward(ws, 3);
    std::vector<float> grads(net.parameterCount(), 0.0f);
    const double loss = net.backward(ws, 3, labels, weights, weightSum, grads.data());
    QVERIFY(std::abs(loss - lossOf()) < 1e-6);
    const float eps = 1e-2f;
    for (const auto& block : net.parameterBlocks()) {
      float* p = net.parameter(block);
      for (std::size_t i = 0; i < block.count; ++i) {
        const float saved = p[i];
        p[i] = saved + eps;
        const double up = lossOf();
        p[i] = saved - eps;
        const double down = lossOf();
        p[i] = saved;
        compareGradient(grads[block.offset + i], (up - down) / (2.0 * eps), QString("param %1").arg(block.offset + i));
      }
    }
  }
  void rejectsParametersThatDoNotFitTheShape() {
    LayerSpec c = conv(3, 1, Padding::Valid, 2);
    c.weights.assign(17, 0.0f);  // needs 3*3*1*2 = 18
    c.bias.assign(2, 0.0f);
    try {
      Network net({.arch = "t", .input = {5, 5, 1}, .classes = {}, .layers = {c}});
      QFAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(QString(e.what()).contains("layer 0 (conv2d): expected 18 weights"), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestNnLayers)
#include "test_nn_layers.moc"
