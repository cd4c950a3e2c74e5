#include <QtTest>

#include "core/analysis/coco_eval.h"
#include "tests/core/analysis/suites.h"

using namespace loupe;
using namespace loupe::analysis;

namespace {

ScoredBox gt(double x, double y, double w, double h, int cls = 0, bool crowd = false) {
  return {cls, {x, y, w, h}, 1.0, crowd};
}
ScoredBox det(double x, double y, double w, double h, double score, int cls = 0) {
  return {cls, {x, y, w, h}, score, false};
}

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }

// Hand-computed case (derivation in docs/metrics/coco_eval_example.md):
// image 1: g1 (0,0,10,10); d1 = g1 exactly, score 0.9; d2 (50,50,10,10) score 0.8 hits nothing.
// image 2: g2 (0,0,10,10); g3 (100,100,100,100) (large); d3 (1,0,10,10) score 0.7,
//          IoU(d3, g2) = 90 / 110 = 0.818 → a hit at thresholds 0.50..0.80, a miss at 0.85..0.95.
std::vector<CocoImage> handCase() {
  return {{{gt(0, 0, 10, 10)}, {det(0, 0, 10, 10, 0.9), det(50, 50, 10, 10, 0.8)}},
          {{gt(0, 0, 10, 10), gt(100, 100, 100, 100)}, {det(1, 0, 10, 10, 0.7)}}};
}

}  // namespace

class TestCocoEval : public QObject {
  Q_OBJECT
 private slots:
  // Published reference output: the torchmetrics MeanAveragePrecision docstring example
  // (pycocotools-compatible). Prediction xyxy (258,41,606,285) score 0.536 against target
  // (214,41,562,285): map 0.6, map_50 1.0, map_75 1.0, map_small -1, map_medium -1,
  // map_large 0.6, mar_1 0.6, mar_10 0.6, mar_100 0.6.
  void torchmetricsDocstringExample() {
    const std::vector<CocoImage> images{{{gt(214, 41, 562 - 214, 285 - 41)}, {det(258, 41, 606 - 258, 285 - 41, 0.536)}}};
    const auto s = cocoEvaluate({"a"}, images);
    QVERIFY(near(s.map, 0.6));
    QVERIFY(near(s.map50, 1.0));
    QVERIFY(near(s.map75, 1.0));
    QCOMPARE(s.mapSmall, -1.0);
    QCOMPARE(s.mapMedium, -1.0);
    QVERIFY(near(s.mapLarge, 0.6));
    QVERIFY(near(s.mar1, 0.6));
    QVERIFY(near(s.mar10, 0.6));
    QVERIFY(near(s.mar100, 0.6));
  }

  void handComputedTwoImages() {
    const auto s = cocoEvaluate({"a"}, handCase());
    // AP at 0.50..0.80: 34 recall points at precision 1, 33 at 2/3 → 56/101; at 0.85..0.95: 34/101.
    QVERIFY(near(s.map50, 56.0 / 101.0));
    QVERIFY(near(s.map75, 56.0 / 101.0));
    QVERIFY(near(s.map, (7 * 56.0 + 3 * 34.0) / 1010.0));
    // Small: g3 is ignored, 2 counted boxes → 51 points at 1 and 50 at 2/3 (hit) or 51 at 1 (miss).
    QVERIFY(near(s.mapSmall, 223.0 / 303.0));
    QCOMPARE(s.mapMedium, -1.0);
    // Large: only g3 counts and nothing hits it; the small detections are ignored → AP 0.
    QVERIFY(near(s.mapLarge, 0.0));
    // Recall 2/3 at seven thresholds, 1/3 at three.
    QVERIFY(near(s.mar100, (7 * 2.0 / 3.0 + 3 * 1.0 / 3.0) / 10.0));
    QVERIFY(near(s.mar1, s.mar100));  // one detection per image already holds every hit
    QVERIFY(near(s.perClass[0].ap, s.map));
  }

  // A detection inside a crowd region is neither a hit nor a false positive.
  void crowdRegionsAreIgnored() {
    auto images = handCase();
    images.push_back({{gt(0, 0, 50, 50, 0, true)}, {det(10, 10, 10, 10, 0.95)}});
    const auto s = cocoEvaluate({"a"}, images);
    QVERIFY(near(s.map, (7 * 56.0 + 3 * 34.0) / 1010.0));
    // Control: the same region not marked crowd is a missed box and the detection a false one.
    images.back().groundTruth[0].crowd = false;
    QVERIFY(cocoEvaluate({"a"}, images).map < s.map - 0.1);
  }

  // A class with no ground truth is excluded from the mean, even with detections.
  void classWithoutGroundTruthIsExcluded() {
    auto images = handCase();
    images[0].detections.push_back(det(0, 0, 10, 10, 0.99, 1));
    const auto s = cocoEvaluate({"a", "b"}, images);
    QVERIFY(near(s.map, (7 * 56.0 + 3 * 34.0) / 1010.0));
    QCOMPARE(s.perClass[1].ap, -1.0);
    QCOMPARE(s.perClass[1].name, std::string("b"));
  }

  // maxDets: two boxes found in one image; with one detection per image only one counts.
  void maxDetectionsLimitRecall() {
    const std::vector<CocoImage> images{{{gt(0, 0, 10, 10), gt(20, 0, 10, 10)},
                                         {det(0, 0, 10, 10, 0.9), det(20, 0, 10, 10, 0.8)}}};
    const auto s = cocoEvaluate({"a"}, images);
    QVERIFY(near(s.map, 1.0));
    QVERIFY(near(s.mar1, 0.5));
    QVERIFY(near(s.mar10, 1.0));
    QVERIFY(near(s.mar100, 1.0));
  }

  // Area bounds are inclusive as in pycocotools: a 32×32 box is both small and medium.
  void areaBoundaryBelongsToBothRanges() {
    const std::vector<CocoImage> images{{{gt(0, 0, 32, 32)}, {det(0, 0, 32, 32, 0.5)}}};
    const auto s = cocoEvaluate({"a"}, images);
    QVERIFY(near(s.mapSmall, 1.0));
    QVERIFY(near(s.mapMedium, 1.0));
    QCOMPARE(s.mapLarge, -1.0);
  }

  // Wrong class: a perfect box with the wrong label is a false positive of that class.
  void wrongClassIsNotAHit() {
    const std::vector<CocoImage> images{{{gt(0, 0, 10, 10, 0)}, {det(0, 0, 10, 10, 0.9, 1)}}};
    const auto s = cocoEvaluate({"a", "b"}, images);
    QVERIFY(near(s.map, 0.0));
    QCOMPARE(s.perClass[1].ap, -1.0);
  }
};

static RegisterSuite<TestCocoEval> reg;
#include "test_coco_eval.moc"
