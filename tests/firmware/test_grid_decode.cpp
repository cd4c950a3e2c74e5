// The board's detection decoder (firmware/inference/grid_decode) on a hand-worked grid, at its
// capacity, and against the float decoder the host trains and evaluates with (core/nn): on
// dequantized scores both must find the same objects.
#include <QtTest>

#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include "core/nn/detection_decode.h"
#include "firmware/inference/grid_decode.h"

using namespace loupe;
using inference::GridDetection;

namespace {

constexpr float kScale = 1.0f / 256;  // a softmax output's quantization
constexpr int kZero = -128;

// h x w cells of (background, A, B); every cell starts as confident background.
struct Grid {
  int h, w;
  std::vector<std::int8_t> q;
  Grid(int rows, int cols) : h(rows), w(cols), q(static_cast<std::size_t>(rows * cols * 3), -128) {
    for (int i = 0; i < rows * cols; ++i) q[static_cast<std::size_t>(i * 3)] = 127;
  }
  void set(int row, int col, int bg, int a, int b) {
    std::int8_t* p = &q[static_cast<std::size_t>((row * w + col) * 3)];
    p[0] = static_cast<std::int8_t>(bg), p[1] = static_cast<std::int8_t>(a), p[2] = static_cast<std::int8_t>(b);
  }
  runtime::TensorShape shape() const { return {h, w, 3}; }
};

inference::Detections decode(const Grid& g, int threshold) {
  auto decoder = std::make_unique<inference::GridDecoder>();
  inference::Detections out;
  out.scale = kScale;
  out.zeroPoint = kZero;
  if (!decoder->decode(g.q.data(), g.shape(), threshold, out)) qFatal("not a grid");
  return out;
}

}  // namespace

class TestGridDecode : public QObject {
  Q_OBJECT
 private slots:
  void backgroundCeilingIsTheLastBackgroundScoreThatPasses() {
    // Objectness 1 - (q + 128) / 256 = (128 - q) / 256.
    QCOMPARE(inference::backgroundCeiling(0.5f, kScale, kZero), 0);     // 128 / 256
    QCOMPARE(inference::backgroundCeiling(0.7f, kScale, kZero), -52);   // 180 / 256 = 0.703; -51: 0.699
    QCOMPARE(inference::backgroundCeiling(1.0f, kScale, kZero), -128);  // background exactly 0
    QCOMPARE(inference::backgroundCeiling(0.0f, kScale, kZero), 127);
    QCOMPARE(inference::backgroundCeiling(1.5f, kScale, kZero), -129);  // nothing reaches it
  }

  void handWorkedGrid() {
    // Objectness in steps of 1/256: 128 - background q; a detection's score is -128 + its best
    // cell's steps, clamped to 127. The ceiling for 0.5 is background q 0.
    Grid g(3, 4);
    g.set(0, 0, -128, 100, -128);  // A, objectness 1 (score clamps to 127); merges with (0,1)
    g.set(0, 1, -50, 20, -128);    // A, 178 steps
    g.set(1, 1, -128, -128, 50);   // B: touches (0,1) but is another class
    g.set(1, 2, 10, -10, -128);    // A wins the object channels but objectness 118/256 < 0.5
    g.set(2, 2, 0, -10, -128);     // exactly at the threshold (128 steps): an object cell
    g.set(2, 3, -100, 127, -128);  // 228 steps
    g.set(2, 0, -60, 60, 60);      // a tie goes to the lower channel (A)
    g.set(0, 3, -20, -30, -40);    // background is the argmax, yet objectness 148/256: an object (A)
    const auto d = decode(g, 0);
    QCOMPARE(d.count, std::uint8_t{5});
    QCOMPARE(d.found, std::uint16_t{5});
    QCOMPARE(d.gridW, std::uint8_t{4});
    // Centroids weighted by steps: (256 * 1 + 178 * 3) / 434 half-cells = 0.9101 cells -> 233/256.
    QCOMPARE(d.d[0], (GridDetection{0, 127, 0, 0, 1, 0, 233, 128, 2}));
    QCOMPARE(d.d[1], (GridDetection{1, 127, 1, 1, 1, 1, 384, 384, 1}));
    // (128 * 2.5 + 228 * 3.5) / 356 = 3.1404 cells -> 804/256.
    QCOMPARE(d.d[2], (GridDetection{0, 100, 2, 2, 3, 2, 804, 640, 2}));
    QCOMPARE(d.d[3], (GridDetection{0, 60, 0, 2, 0, 2, 128, 640, 1}));
    QCOMPARE(d.d[4], (GridDetection{0, 20, 3, 0, 3, 0, 896, 128, 1}));
    // Diagonal neighbours do not merge.
    Grid diag(2, 2);
    diag.set(0, 0, -128, 90, -128);
    diag.set(1, 1, -128, 90, -128);
    QCOMPARE(decode(diag, 0).count, std::uint8_t{2});
  }

  void moreObjectsThanTheListKeepsTheBest() {
    // Isolated cells on a checkerboard, objectness rising along the grid: background q -k gives
    // score k.
    Grid g(16, 16);
    int objects = 0;
    for (int r = 0; r < 16; ++r)
      for (int c = (r % 2); c < 16; c += 2) g.set(r, c, -std::min(127, ++objects), 100, -128);
    const auto d = decode(g, 0);
    QCOMPARE(int(d.found), objects);
    QCOMPARE(std::size_t{d.count}, inference::kMaxDetections);
    QCOMPARE(int(d.d[0].score), 127);
    for (std::size_t i = 1; i < d.count; ++i) QVERIFY(d.d[i - 1].score >= d.d[i].score);
    // Scores 1..127 and one more 127: the two 127s, then 126 down to 97.
    QCOMPARE(int(d.d[1].score), 127);
    QCOMPARE(int(d.d[d.count - 1].score), 97);
  }

  void shapesThatAreNotGrids() {
    QVERIFY(!inference::isGridOutput({1, 1, 4}));   // a classifier
    QVERIFY(!inference::isGridOutput({4, 4, 1}));   // no object channel
    QVERIFY(!inference::isGridOutput({64, 64, 2})); // more cells than the buffers hold
    QVERIFY(inference::isGridOutput({12, 12, 4}));
  }

  void agreesWithTheFloatDecoderOnDequantizedScores() {
    std::mt19937 rng(5);
    const nn::Shape grid{12, 12, 4}, input{96, 96, 1};
    auto decoder = std::make_unique<inference::GridDecoder>();
    int compared = 0;
    for (int trial = 0; trial < 200; ++trial) {
      std::vector<std::int8_t> q(static_cast<std::size_t>(grid.size()));
      // Mostly background with blobs of object cells, as a detector's output looks.
      for (int i = 0; i < grid.h * grid.w; ++i) {
        const bool object = rng() % 4 == 0;
        for (int k = 0; k < grid.c; ++k) q[static_cast<std::size_t>(i * grid.c + k)] = static_cast<std::int8_t>(int(rng() % 120) - 128);
        const int top = object ? 1 + int(rng() % 3) : 0;
        q[static_cast<std::size_t>(i * grid.c + top)] = static_cast<std::int8_t>(int(rng() % 256) - 128);
        // Background -128 is objectness 1, which int8 sends as 1 - 1/256 (handWorkedGrid): the
        // float decoder would rank such a cell above a 255/256 one that int8 ties with it.
        auto& background = q[static_cast<std::size_t>(i * grid.c)];
        if (background == -128) background = -127;
      }
      std::vector<float> p(q.size());
      for (std::size_t i = 0; i < q.size(); ++i) p[i] = static_cast<float>(q[i] - kZero) * kScale;
      const auto ref = nn::decodeDetections(p.data(), grid, input, 96, 96, 0.5f);
      inference::Detections ours;
      ours.scale = kScale;
      ours.zeroPoint = kZero;
      QVERIFY(decoder->decode(q.data(), {grid.h, grid.w, grid.c}, inference::backgroundCeiling(0.5f, kScale, kZero), ours));
      QCOMPARE(int(ours.found), int(ref.size()));
      for (std::size_t i = 0; i < std::min<std::size_t>(ours.count, ref.size()); ++i, ++compared) {
        const GridDetection& d = ours.d[i];
        QCOMPARE(int(d.cls), ref[i].cls);
        QCOMPARE(static_cast<float>(d.score - kZero) * kScale, ref[i].score);
        QCOMPARE(int(d.cells), ref[i].cells);
        QCOMPARE(d.col0 * 8.0, ref[i].box.x);
        QCOMPARE((d.row1 - d.row0 + 1) * 8.0, ref[i].box.h);
        // The centroid in 1/256 of a cell (8 px): within half a step of the float one.
        QVERIFY(std::abs(d.cx256 / 256.0 * 8 - ref[i].cx) <= 8.0 / 512 + 1e-9);
        QVERIFY(std::abs(d.cy256 / 256.0 * 8 - ref[i].cy) <= 8.0 / 512 + 1e-9);
      }
    }
    QVERIFY(compared > 1000);
  }
};

QTEST_APPLESS_MAIN(TestGridDecode)
#include "test_grid_decode.moc"
