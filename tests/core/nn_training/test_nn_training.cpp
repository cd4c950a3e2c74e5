// Training end to end on small synthetic problems: optimiser steps with known values,
// determinism across thread counts, reaching high accuracy, early stopping, cancellation,
// augmentation, and the architectures' board budgets.
#include <QtTest>

#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include "core/nn/architectures.h"
#include "core/nn/augment.h"
#include "core/nn/footprint.h"
#include "core/nn/inference.h"
#include "core/nn/init.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/nn/trainer.h"
#include "core/nn/training_job.h"

using namespace loupe::nn;

namespace {

// Three classes of 8x8 images: a bright horizontal bar, a vertical bar, or a diagonal, at a
// random position on a noisy dark background.
ImageSet barsDataset(int count, unsigned seed) {
  ImageSet set{.shape = {8, 8, 1}, .pixels = {}, .labels = {}};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pos(1, 6), noise(0, 60);
  for (int i = 0; i < count; ++i) {
    const int label = i % 3;
    const int p = pos(rng);
    for (int y = 0; y < 8; ++y)
      for (int x = 0; x < 8; ++x) {
        const bool on = label == 0 ? y == p : label == 1 ? x == p : x == y;
        set.pixels.push_back(static_cast<std::uint8_t>(on ? 255 - noise(rng) : noise(rng)));
      }
    set.labels.push_back(label);
  }
  return set;
}

NetworkSpec smallNet(unsigned seed) {
  return buildInitialised({"t", "", {8, 8, 1}, architecture("fmnist-cnn").build}, {"h", "v", "d"}, seed);
}

bool sameWeights(const NetworkSpec& a, const NetworkSpec& b) {
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    if (a.layers[i].weights != b.layers[i].weights || a.layers[i].bias != b.layers[i].bias) return false;
  return true;
}

}  // namespace

class TestNnTraining : public QObject {
  Q_OBJECT
 private slots:
  void adamFirstStepMovesEachParameterByTheLearningRate() {
    // After one step m^ = g and v^ = g^2, so the update is lr * g / (|g| + eps) ~ lr * sign(g).
    LayerSpec d{.type = LayerType::Dense, .outChannels = 2, .weights = {1, 2, 3, 4}, .bias = {0.5f, -0.5f}};
    Network net({.arch = "t", .input = {1, 1, 2}, .classes = {}, .layers = {d}});
    Optimizer adam({.kind = OptimizerKind::Adam, .learningRate = 0.1f}, net.parameterCount());
    const float grads[] = {0.3f, -2.0f, 1e-3f, -5.0f, 7.0f, -0.01f};
    adam.step(net, grads);
    const auto& l = net.spec().layers[0];
    QVERIFY(std::abs(l.weights[0] - 0.9f) < 1e-5f && std::abs(l.weights[1] - 2.1f) < 1e-5f);
    QVERIFY(std::abs(l.weights[2] - 2.9f) < 1e-4f && std::abs(l.weights[3] - 4.1f) < 1e-5f);
    QVERIFY(std::abs(l.bias[0] - 0.4f) < 1e-5f && std::abs(l.bias[1] + 0.4f) < 1e-4f);
  }
  void sgdMomentumAccumulatesVelocityAndDecaysOnlyWeights() {
    // w = 1, g = 0.5 each step, lr 0.1, mu 0.9, wd 0.1:
    // step 1: v = 0.5 + 0.1*1 = 0.6, w = 0.94; step 2: v = 0.54 + 0.5 + 0.094 = 1.134, w = 0.8266.
    // The bias (no decay): v = 0.5, b = 0.95; v = 0.95, b = 0.855.
    LayerSpec d{.type = LayerType::Dense, .outChannels = 1, .weights = {1}, .bias = {1}};
    Network net({.arch = "t", .input = {1, 1, 1}, .classes = {}, .layers = {d}});
    Optimizer sgd({.kind = OptimizerKind::SgdMomentum, .learningRate = 0.1f, .momentum = 0.9f, .weightDecay = 0.1f},
                  net.parameterCount());
    const float grads[] = {0.5f, 0.5f};
    sgd.step(net, grads);
    sgd.step(net, grads);
    QVERIFY(std::abs(net.spec().layers[0].weights[0] - 0.8266f) < 1e-6f);
    QVERIFY(std::abs(net.spec().layers[0].bias[0] - 0.855f) < 1e-6f);
  }
  void initialisationIsSeededAndScaledByFanIn() {
    auto a = smallNet(7), b = smallNet(7), c = smallNet(8);
    QVERIFY(sameWeights(a, b));
    QVERIFY(!sameWeights(a, c));
    // He-normal for conv2 (fan-in 3*3*16 = 144): std = sqrt(2/144) = 0.118.
    const auto& w = a.layers[2].weights;
    double sq = 0;
    for (float v : w) sq += double(v) * v;
    QVERIFY(std::abs(std::sqrt(sq / double(w.size())) - std::sqrt(2.0 / 144)) < 0.01);
  }
  void learnsASeparableProblemQuickly() {
    const auto trainSet = barsDataset(360, 1), testSet = barsDataset(150, 2);
    TrainOptions o{.batchSize = 32, .epochs = 6, .patience = 0, .seed = 3, .threads = 2};
    const auto start = std::chrono::steady_clock::now();
    const TrainResult r = train(smallNet(3), trainSet, {}, o);
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
    QCOMPARE(r.curve.size(), std::size_t(6));
    QVERIFY(r.curve.back().trainLoss < r.curve.front().trainLoss);
    const Evaluation e = evaluate(Network(r.network), testSet, 2);
    QVERIFY2(e.accuracy >= 0.95, qPrintable(QString::number(e.accuracy)));
  }
  void sameSeedGivesIdenticalWeightsWhateverTheThreadCount() {
    const auto trainSet = barsDataset(100, 4);
    TrainOptions o{.batchSize = 40, .epochs = 2, .patience = 0, .seed = 11, .threads = 1,
                   .augmentation = {.flipHorizontal = true, .maxShift = 1, .brightness = 0.1f, .noise = 0.05f}};
    const auto one = train(smallNet(5), trainSet, {}, o);
    o.threads = 3;
    const auto three = train(smallNet(5), trainSet, {}, o);
    QVERIFY(sameWeights(one.network, three.network));
    QCOMPARE(one.curve[1].trainLoss, three.curve[1].trainLoss);
    o.seed = 12;
    QVERIFY(!sameWeights(one.network, train(smallNet(5), trainSet, {}, o).network));
  }
  void earlyStoppingKeepsTheBestValidationEpoch() {
    // Validation labels are shuffled, so the val loss can only get worse as the net fits the
    // train set: training stops after `patience` epochs without improvement.
    const auto trainSet = barsDataset(120, 5);
    auto valSet = barsDataset(60, 6);
    std::shuffle(valSet.labels.begin(), valSet.labels.end(), std::mt19937(1));
    TrainOptions o{.optimizer = {.learningRate = 3e-3f}, .batchSize = 16, .epochs = 30, .patience = 2, .seed = 1, .threads = 2};
    const auto r = train(smallNet(1), trainSet, valSet, o);
    QVERIFY(r.stoppedEarly);
    QCOMPARE(static_cast<int>(r.curve.size()), r.bestEpoch + 2);
    const Evaluation best = evaluate(Network(r.network), valSet, 1);
    QVERIFY(std::abs(best.loss - r.curve[static_cast<std::size_t>(r.bestEpoch - 1)].valLoss) < 1e-9);
  }
  void classWeightsShiftDecisionsTowardsTheWeightedClass() {
    // Pure-noise images (nothing to learn): the weighted class should win most predictions.
    ImageSet noise{.shape = {8, 8, 1}, .pixels = {}, .labels = {}};
    std::mt19937 rng(3);
    for (int i = 0; i < 90 * 64; ++i) noise.pixels.push_back(static_cast<std::uint8_t>(rng() % 256));
    for (int i = 0; i < 90; ++i) noise.labels.push_back(i % 3);
    TrainOptions o{.batchSize = 30, .epochs = 3, .patience = 0, .seed = 2, .threads = 2, .classWeights = {1, 1, 20}};
    const auto r = train(smallNet(2), noise, {}, o);
    const auto probs = predict(Network(r.network), noise, 2);
    int third = 0;
    for (int i = 0; i < 90; ++i) third += argmax(probs.data() + i * 3, 3) == 2;
    QVERIFY2(third > 60, qPrintable(QString::number(third)));
  }
  void rejectsLabelsOutsideTheClasses() {
    auto set = barsDataset(10, 1);
    set.labels[4] = 3;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, train(smallNet(1), set, {}, {}));
  }
  void cancelStopsPromptly() {
    auto data = barsDataset(3000, 7);
    TrainingJob job(smallNet(1), data, {}, {.batchSize = 16, .epochs = 1000, .threads = 2});
    job.start();
    while (job.status().done < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto asked = std::chrono::steady_clock::now();
    job.cancel();
    QVERIFY_THROWS_EXCEPTION(loupe::Cancelled, job.wait());
    QVERIFY(std::chrono::steady_clock::now() - asked < std::chrono::seconds(2));
    QVERIFY(job.status().finished);
  }
  void backgroundJobReportsTheCurve() {
    TrainingJob job(smallNet(1), barsDataset(60, 8), barsDataset(30, 9), {.batchSize = 20, .epochs = 2, .patience = 0, .threads = 1});
    job.start();
    const auto result = job.wait();
    const auto status = job.status();
    QCOMPARE(status.curve.size(), std::size_t(2));
    QCOMPARE(status.done, status.total);
    QCOMPARE(status.total, std::int64_t(6));
    QCOMPARE(status.curve[1].valAccuracy, result.curve[1].valAccuracy);
    QVERIFY(!std::isnan(status.curve[1].valLoss));
  }
  void augmentationIsReproducibleAndStaysInPixelRange() {
    const Shape s{4, 4, 1};
    std::vector<std::uint8_t> img(16);
    for (int i = 0; i < 16; ++i) img[i] = static_cast<std::uint8_t>(i * 16);
    const Augmentation flip{.flipHorizontal = true};
    std::vector<float> a(16), b(16);
    int flipped = 0;
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
      augmentImage(img.data(), s, flip, seed, a.data());
      augmentImage(img.data(), s, flip, seed, b.data());
      QCOMPARE(a, b);
      // Either the identity or the mirror image, never anything else.
      const bool mirrored = a[0] == normalisePixel(img[3]) && a[3] == normalisePixel(img[0]);
      QVERIFY(mirrored || a[0] == normalisePixel(img[0]));
      flipped += mirrored;
    }
    QVERIFY(flipped > 5 && flipped < 35);
    const Augmentation strong{.maxShift = 2, .brightness = 2.0f, .contrast = 0.9f, .noise = 1.0f};
    augmentImage(img.data(), s, strong, 1, a.data());
    for (float v : a) QVERIFY(v >= -1.0f && v <= 127.0f / 128.0f);
  }
  void fmnistCnnFitsItsBudget() {
    std::vector<std::string> classes(10, "c");
    const auto net = buildInitialised(architecture("fmnist-cnn"), classes, 1);
    // conv 28*28*16*9 + conv 14*14*32*144 + dense 1568*32 + dense 32*10
    QCOMPARE(multiplyAccumulates(net), std::int64_t(112896 + 903168 + 50176 + 320));
    // int8 weights 144 + 4608 + 50176 + 320 and int32 biases 4 * (16 + 32 + 32 + 10)
    QCOMPARE(int8ParameterBytes(net), std::size_t(55248 + 360));
    QVERIFY(int8ParameterBytes(net) <= 64 * 1024);
    // activations 784, 12544, 3136, 6272, 1568, 32, 10, 10: even max 3136 + odd max 12544
    QCOMPARE(pingPongArenaBytes(net), std::size_t(3136 + 12544));
  }
  void nano96DscnnFitsTheBoard() {
    std::vector<std::string> classes(4, "c");
    const auto net = buildInitialised(architecture("nano96-dscnn"), classes, 1);
    QCOMPARE(activationShapes(net).back(), (Shape{1, 1, 4}));
    // The largest pair is the first pointwise conv: 48x48x8 in (even) + 48x48x16 out (odd).
    QCOMPARE(pingPongArenaBytes(net), std::size_t(18432 + 36864));
    QVERIFY(pingPongArenaBytes(net) <= 100 * 1024);
    QCOMPARE(int8ParameterBytes(net), std::size_t(18016 + 128 * 4 + 4 * (560 + 4)));
    QVERIFY(int8ParameterBytes(net) <= 100 * 1024);
    QCOMPARE(defaultArchitecture(96, 96).name, std::string("nano96-dscnn"));
    QCOMPARE(defaultArchitecture(176, 144).name, std::string("nano96-dscnn"));
    QCOMPARE(defaultArchitecture(28, 28).name, std::string("board28-cnn"));  // fits the board (test_core_quant)
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, architecture("resnet50"));
  }
  void nano96DscnnTrainsOnSmallImages() {
    // A few steps at 96x96 under ASan: the depthwise-separable stack runs forward/backward and
    // lowers the loss on a fixed batch.
    ImageSet set{.shape = {96, 96, 1}, .pixels = {}, .labels = {}};
    for (int i = 0; i < 16; ++i) {
      for (int p = 0; p < 96 * 96; ++p) set.pixels.push_back(static_cast<std::uint8_t>(i % 2 ? (p / 96 < 48 ? 250 : 5) : (p % 96 < 48 ? 250 : 5)));
      set.labels.push_back(i % 2);
    }
    const auto r = train(buildInitialised(architecture("nano96-dscnn"), {"a", "b"}, 1), set, {},
                         {.optimizer = {.learningRate = 5e-3f}, .batchSize = 16, .epochs = 15, .patience = 0, .threads = 2});
    QVERIFY2(r.curve.back().trainLoss < 0.5 * r.curve.front().trainLoss,
             qPrintable(QString("%1 -> %2").arg(r.curve.front().trainLoss).arg(r.curve.back().trainLoss)));
  }
};

QTEST_GUILESS_MAIN(TestNnTraining)
#include "test_nn_training.moc"
