// The centroid grid detector in core/nn: targets, augmentation, decoding, training, int8.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/nn/architectures.h"
#include "core/nn/detection_augment.h"
#include "core/nn/detection_decode.h"
#include "core/nn/detection_targets.h"
#include "core/nn/footprint.h"
#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "core/nn/trainer.h"
#include "core/quant/blob_io.h"
#include "core/quant/board_fit.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "core/quant/int8_runner.h"
#include "core/quant/report.h"

using namespace loupe;
using namespace loupe::nn;

namespace {

// Probabilities of a grid with `c` channels: every cell background (0.9) except the given cells.
std::vector<float> gridProbs(const Shape& grid, const std::vector<std::tuple<int, int, int, float>>& objects) {
  std::vector<float> p(static_cast<std::size_t>(grid.size()), 0.0f);
  for (int i = 0; i < grid.h * grid.w; ++i) {
    p[static_cast<std::size_t>(i * grid.c)] = 0.9f;
    for (int k = 1; k < grid.c; ++k) p[static_cast<std::size_t>(i * grid.c + k)] = 0.1f / float(grid.c - 1);
  }
  for (auto [row, col, cls, score] : objects) {
    float* cell = p.data() + (row * grid.w + col) * grid.c;
    for (int k = 0; k < grid.c; ++k) cell[k] = (1.0f - score) / float(grid.c - 1);
    cell[cls + 1] = score;
  }
  return p;
}

// 32x32 images with one bright 6x6 square at a random position on a noisy dark background,
// class 0 when it is in the left half, else class 1 (separable by position and brightness).
struct SquareSet {
  ImageSet images;
  std::vector<std::vector<ClassBox>> boxes;
};
SquareSet squares(int count, unsigned seed, bool twoClasses = false) {
  SquareSet s;
  s.images.shape = {32, 32, 1};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pos(1, 25), noise(0, 40);
  for (int i = 0; i < count; ++i) {
    const int x0 = pos(rng), y0 = pos(rng);
    for (int y = 0; y < 32; ++y)
      for (int x = 0; x < 32; ++x) {
        const bool on = x >= x0 && x < x0 + 6 && y >= y0 && y < y0 + 6;
        s.images.pixels.push_back(static_cast<std::uint8_t>(on ? 255 - noise(rng) : noise(rng)));
      }
    s.boxes.push_back({{twoClasses && x0 + 3 >= 16 ? 1 : 0, {double(x0), double(y0), 6, 6}}});
  }
  return s;
}

SampleSource sourceOf(const SquareSet& s, const Shape& grid, const Augmentation& aug) {
  return {.count = s.images.size(),
          .labels = [&s, grid, aug](int i, std::uint64_t seed, int* labels) {
            cellTargets(augmentBoxes(s.boxes[std::size_t(i)], s.images.shape, aug, seed), s.images.shape, grid, labels);
          },
          .input = [&s, aug](int i, std::uint64_t seed, float* input) {
            augmentDetectionImage(s.images.image(i), s.images.shape, aug, seed, input);
          }};
}

ImageSet withCells(const SquareSet& s, const Shape& grid) {
  ImageSet set = s.images;
  set.labels.assign(s.boxes.size() * std::size_t(grid.h * grid.w), 0);
  for (std::size_t i = 0; i < s.boxes.size(); ++i)
    cellTargets(s.boxes[i], set.shape, grid, set.labels.data() + i * std::size_t(grid.h * grid.w));
  return set;
}

// Fraction of boxes whose cell decodes to a detection of the right class containing the centre.
double recall(const std::vector<float>& outputs, const SquareSet& s, const Shape& grid) {
  int found = 0;
  for (int i = 0; i < s.images.size(); ++i) {
    const auto dets = decodeDetections(outputs.data() + std::size_t(i) * std::size_t(grid.size()), grid,
                                       s.images.shape, 0, 0);
    const auto& b = s.boxes[std::size_t(i)][0];
    for (const auto& d : dets)
      if (d.cls == b.cls && d.cx >= b.box.x - 4 && d.cx <= b.box.x + b.box.w + 4 && d.cy >= b.box.y - 4 &&
          d.cy <= b.box.y + b.box.h + 4) {
        ++found;
        break;
      }
  }
  return double(found) / s.images.size();
}

TrainOptions quickOptions() {
  TrainOptions o;
  o.batchSize = 16;
  o.epochs = 40;
  o.patience = 0;
  o.seed = 7;
  o.threads = 2;
  o.optimizer.learningRate = 3e-3f;
  o.classWeights = detectionClassWeights(1, 10.0f);
  return o;
}

}  // namespace

class TestNnDetection : public QObject {
  Q_OBJECT
 private slots:
  void targetGridFromBoxCentres() {
    // 32x32 input, 4x4 grid (8 px cells). Centres: (11, 5) -> cell (0, 1); (30, 30) -> (3, 3);
    // (16, 16) lies on a cell corner -> (2, 2); a second centre in cell (0, 1) loses to the first.
    const Shape input{32, 32, 1}, grid{4, 4, 3};
    const std::vector<ClassBox> boxes{{0, {8, 2, 6, 6}}, {1, {28, 28, 4, 4}}, {1, {12, 12, 8, 8}}, {1, {9, 1, 2, 2}},
                                      {0, {40, 40, 4, 4}}};
    std::vector<int> labels(16, -1);
    cellTargets(boxes, input, grid, labels.data());
    const std::vector<int> expected{0, 1, 0, 0,  //
                                    0, 0, 0, 0,  //
                                    0, 0, 2, 0,  //
                                    0, 0, 0, 2};
    QCOMPARE(labels, expected);
    // Non-square: 40 wide x 24 high with a 5x3 grid; centre (39, 23) -> the last cell.
    std::vector<int> wide(15, -1);
    cellTargets({{0, {38, 22, 2, 2}}}, {24, 40, 1}, {3, 5, 2}, wide.data());
    QCOMPARE(wide[14], 1);
    QCOMPARE(std::count(wide.begin(), wide.end(), 0), std::ptrdiff_t(14));
    QCOMPARE(detectionClassWeights(2, 10.0f), (std::vector<float>{1.0f, 10.0f, 10.0f}));
  }
  void adjacentCellsMergeSeparateOnesStayApart() {
    const Shape grid{4, 4, 3}, input{32, 32, 1};
    // Class 0 at (1,1) 0.8 and (1,2) 0.6 (4-adjacent: one detection); class 0 at (3,0) alone;
    // class 1 at (2,2), below (1,2) but another class; (3,3) of class 0 touches (2,2) only, and
    // diagonal neighbours never merge with (2,2) anyway.
    const auto p = gridProbs(grid, {{1, 1, 0, 0.8f}, {1, 2, 0, 0.6f}, {3, 0, 0, 0.7f}, {2, 2, 1, 0.9f}, {3, 3, 0, 0.55f}});
    const auto d = decodeDetections(p.data(), grid, input, 64, 32);  // image twice as wide as the input
    QCOMPARE(d.size(), std::size_t(4));
    // Objectness 1 - background: (1 - 0.9) / 2 = 0.05 background -> 0.95.
    QCOMPARE(d[0].cls, 1);  // best score first
    QCOMPARE(d[0].score, 0.95f);
    QCOMPARE(d[0].box, (Box{32, 16, 16, 8}));
    QCOMPARE(d[1].cls, 0);
    QCOMPARE(d[1].score, 0.9f);
    QCOMPARE(d[1].cells, 2);
    // Extent: columns 1..2, row 1 -> x 8..24, y 8..16 in input pixels; x doubled in the image.
    QCOMPARE(d[1].box, (Box{16, 8, 32, 8}));
    // Centroid: objectness-weighted cell centres (12, 12) and (20, 12): x = (0.9*12 + 0.8*20)/1.7.
    QVERIFY(std::abs(d[1].cx - 2 * (0.9 * 12 + 0.8 * 20) / 1.7) < 1e-4);
    QVERIFY(std::abs(d[1].cy - 12) < 1e-6);
    QCOMPARE(d[2].box, (Box{0, 24, 16, 8}));
    QCOMPARE(d[3].box, (Box{48, 24, 16, 8}));
  }
  void thresholdDropsWeakCells() {
    // (background, A, B) per cell of a 2 x 2 grid; the threshold is on 1 - background.
    const Shape grid{2, 2, 3}, input{16, 16, 1};
    const std::vector<float> p{0.31f, 0.35f, 0.34f,   // objectness 0.69: A, below the default 0.7
                               0.25f, 0.35f, 0.40f,   // 0.75: B
                               0.40f, 0.30f, 0.30f,   // 0.6: background is the argmax, A (tie: lower)
                               0.90f, 0.05f, 0.05f};  // background
    const auto d = decodeDetections(p.data(), grid, input, 0, 0);
    QCOMPARE(d.size(), std::size_t(1));
    QCOMPARE(d[0].cls, 1);
    QCOMPARE(d[0].score, 0.75f);
    QCOMPARE(d[0].box, (Box{8, 0, 8, 8}));
    // At 0.5 the two A cells, one above the other, merge; B stays apart.
    const auto low = decodeDetections(p.data(), grid, input, 0, 0, 0.5f);
    QCOMPARE(low.size(), std::size_t(2));
    QCOMPARE(low[1].cls, 0);
    QCOMPARE(low[1].cells, 2);
    QCOMPARE(low[1].box, (Box{0, 0, 8, 16}));
    QCOMPARE(decodeDetections(p.data(), grid, input, 0, 0, 0.8f).size(), std::size_t(0));
  }
  void flipMovesBoxesExactly() {
    const Shape shape{32, 32, 1};
    const std::vector<ClassBox> boxes{{0, {3, 5, 7, 4}}, {1, {20.5, 1, 10, 30}}};
    const auto flipped = transformBoxes(boxes, shape, {.flip = true});
    QCOMPARE(flipped[0].box, (Box{32 - 3 - 7, 5, 7, 4}));  // x' = W - x - w
    QCOMPARE(flipped[1].box, (Box{32 - 20.5 - 10, 1, 10, 30}));
    const auto shifted = transformBoxes(boxes, shape, {.dx = 2, .dy = -3});
    QCOMPARE(shifted[0].box, (Box{5, 2, 7, 4}));
    QCOMPARE(shifted[1].box, (Box{22.5, 0, 9.5, 28}));  // clipped to the image at the right and top
    const auto zoomed = transformBoxes({{0, {8, 8, 8, 8}}}, shape, {.scale = 2.0});
    QCOMPARE(zoomed[0].box, (Box{0, 0, 16, 16}));  // (8 - 16) * 2 + 16 = 0
    QVERIFY(transformBoxes({{0, {0, 0, 4, 4}}}, shape, {.dx = -5}).empty());  // centre left the image
  }
  void augmentedPixelsFollowTheBoxes() {
    // One bright square: after any drawn geometry, every pixel inside the moved box is bright and
    // the box's neighbourhood outside it is dark.
    SquareSet s = squares(1, 3);
    for (auto& p : s.images.pixels) p = p > 128 ? 255 : 0;
    const Augmentation aug{.flipHorizontal = true, .maxShift = 5, .scale = 0.3f};
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
      const auto moved = augmentBoxes(s.boxes[0], s.images.shape, aug, seed);
      std::vector<float> out(32 * 32);
      augmentDetectionImage(s.images.image(0), s.images.shape, aug, seed, out.data());
      if (moved.empty()) continue;
      const Box b = moved[0].box;
      for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x) {
          const double px = x + 0.5, py = y + 0.5;
          const bool inside = px > b.x + 0.5 && px < b.x + b.w - 0.5 && py > b.y + 0.5 && py < b.y + b.h - 0.5;
          const bool outside = px < b.x - 1 || px > b.x + b.w + 1 || py < b.y - 1 || py > b.y + b.h + 1;
          const float v = out[std::size_t(y * 32 + x)];
          if (inside) QVERIFY2(v > 0.9f, qPrintable(QString("seed %1 (%2,%3)").arg(seed).arg(x).arg(y)));
          if (outside) QVERIFY2(v < -0.9f, qPrintable(QString("seed %1 (%2,%3)").arg(seed).arg(x).arg(y)));
        }
    }
    // Flip only: the image is mirrored pixel for pixel.
    std::vector<float> plain(32 * 32), mirrored(32 * 32);
    normaliseImage(s.images.image(0), s.images.shape, plain.data());
    const Augmentation flipOnly{.flipHorizontal = true};
    std::uint64_t seed = 1;
    while (!drawGeometry(flipOnly, seed).flip) ++seed;
    augmentDetectionImage(s.images.image(0), s.images.shape, flipOnly, seed, mirrored.data());
    for (int y = 0; y < 32; ++y)
      for (int x = 0; x < 32; ++x) QCOMPARE(mirrored[std::size_t(y * 32 + x)], plain[std::size_t(y * 32 + 31 - x)]);
  }
  void softmaxIsPerCell() {
    // A 1x1 conv head + softmax on a 2x2x3 grid: every cell's probabilities sum to 1.
    NetworkSpec spec = buildInitialised(architecture("fomo-det-32x32"), {"a", "b"}, 1);
    const Network net(spec);
    QCOMPARE(net.classes(), 3);
    QCOMPARE(net.cells(), 16);
    QVERIFY(isDetector(spec));
    QVERIFY(!isDetector(buildInitialised(architecture("nano96-dscnn"), {"a", "b"}, 1)));
    ImageSet one = squares(1, 1).images;
    const auto p = predict(net, one, 1);
    QCOMPARE(p.size(), std::size_t(48));
    for (int cell = 0; cell < 16; ++cell)
      QVERIFY(std::abs(p[std::size_t(cell * 3)] + p[std::size_t(cell * 3 + 1)] + p[std::size_t(cell * 3 + 2)] - 1.0f) < 1e-5f);
  }
  void detectorArchitecturesAndBoardBudget() {
    const auto& arch = architecture("fomo96-det");
    QVERIFY(arch.detector);
    const NetworkSpec net = buildInitialised(arch, {"a", "b", "c"}, 1);
    const Shape out = activationShapes(net).back();
    QCOMPARE(out, (Shape{12, 12, 4}));  // 1/8 resolution, classes + background
    const std::size_t bytes = quant::int8BlobBytes(net);
    const std::size_t arena = pingPongArenaBytes(net);
    qInfo("fomo96-det, 3 classes: int8 blob %zu bytes, ping-pong arena %zu bytes, %lld MACs", bytes, arena,
          static_cast<long long>(multiplyAccumulates(net)));
    QVERIFY(bytes <= 100 * 1024);
    QVERIFY(arena <= 100 * 1024);
    // The runtime's own plan agrees that the arena fits.
    const auto samples = std::vector<quant::Tensor>(2, quant::Tensor(96 * 96, 0.1f));
    const quant::Int8Runner runner(quant::writeBlob(quant::quantize(net, quant::calibrate(net, samples))));
    QVERIFY(loupe::runtime::requiredArenaBytes(runner.model()) <= 100 * 1024);
    QCOMPARE(runner.model().outputShape().h, 12);
    QCOMPARE(runner.model().outputShape().c, 4);
    // Configurable input: 160x120 -> a 20x15 grid.
    QCOMPARE(activationShapes(architecture("fomo160x120-det").build({120, 160, 1}, {"a"})).back(), (Shape{15, 20, 2}));
    QCOMPARE(architecture("fomo-det-64x48").input, (Shape{48, 64, 1}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, architecture("fomo-det-30x30"));
  }
  void tinyTrainingFindsTheSquaresAndInt8AgreesWithFloat() {
    const SquareSet trainSet = squares(40, 11, true), valSet = squares(16, 12, true);
    NetworkSpec initial = buildInitialised(architecture("fomo-det-32x32"), {"left", "right"}, 5);
    const Shape grid = activationShapes(initial).back();
    TrainOptions o = quickOptions();
    o.classWeights = detectionClassWeights(2, 10.0f);
    o.augmentation = {.flipHorizontal = false, .maxShift = 2, .brightness = 0.1f, .noise = 0.02f};
    const auto r = train(std::move(initial), sourceOf(trainSet, grid, o.augmentation), withCells(valSet, grid), o);
    QVERIFY(r.curve.back().trainLoss < r.curve.front().trainLoss);
    const Network net(r.network);
    const auto probs = predict(net, valSet.images, 2);
    const double rec = recall(probs, valSet, grid);
    qInfo("val recall %.3f after %zu epochs", rec, r.curve.size());
    QVERIFY2(rec >= 0.8, qPrintable(QString::number(rec)));

    // int8 through the board's runtime: cell probabilities within a few quantisation steps and
    // (nearly) the same detections.
    std::vector<quant::Tensor> calib;
    for (int i = 0; i < trainSet.images.size(); ++i) calib.push_back(quant::normalised(trainSet.images, i));
    quant::Int8Runner runner(quant::writeBlob(quant::quantize(r.network, quant::calibrate(r.network, calib))));
    std::vector<float> int8(probs.size());
    double worst = 0;
    for (int i = 0; i < valSet.images.size(); ++i) {
      const auto q = runner.dequantize(runner.runFloat(quant::normalised(valSet.images, i)));
      for (std::size_t k = 0; k < q.size(); ++k) {
        int8[std::size_t(i) * q.size() + k] = q[k];
        worst = std::max(worst, double(std::abs(q[k] - probs[std::size_t(i) * q.size() + k])));
      }
    }
    qInfo("largest |int8 - float| cell probability: %.4f", worst);
    QVERIFY2(worst < 0.15, qPrintable(QString::number(worst)));
    QVERIFY(std::abs(recall(int8, valSet, grid) - rec) <= 0.1);
  }
  void trainingIsDeterministicForASeed() {
    const SquareSet trainSet = squares(20, 21);
    const Augmentation aug{.flipHorizontal = true, .maxShift = 3, .contrast = 0.2f, .noise = 0.05f, .scale = 0.2f};
    TrainOptions o = quickOptions();
    o.epochs = 2;
    o.augmentation = aug;
    auto run = [&](int threads) {
      NetworkSpec initial = buildInitialised(architecture("fomo-det-32x32"), {"sq"}, 3);
      const Shape grid = activationShapes(initial).back();
      o.threads = threads;
      return train(std::move(initial), sourceOf(trainSet, grid, aug), {}, o).network.layers[0].weights;
    };
    QCOMPARE(run(1), run(2));
  }
};

QTEST_GUILESS_MAIN(TestNnDetection)
#include "test_nn_detection.moc"
