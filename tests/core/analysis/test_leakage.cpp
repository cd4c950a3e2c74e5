#include <QtTest>

#include "core/analysis/group_split.h"
#include "core/analysis/leakage.h"
#include "core/analysis/perceptual_hash.h"
#include "tests/core/analysis/suites.h"
#include "tests/support/scene_image.h"

using namespace loupe;
using namespace loupe::analysis;

namespace {

using loupe::test::sceneImage;

std::vector<std::uint8_t> encode(const cv::Mat& img, const std::string& ext) { return loupe::test::encodeImage(img, ext); }

LeakageItem item(Id id, Split split, std::string group, std::string hash, std::optional<std::uint64_t> phash) {
  return {id, "item" + std::to_string(id), split, std::move(group), std::move(hash), phash};
}

}  // namespace

class TestLeakage : public QObject {
  Q_OBJECT
 private slots:
  void perceptualHashSurvivesBrighteningAndReencoding() {
    const cv::Mat a = sceneImage(0);
    const cv::Mat brighter = sceneImage(0, 25);  // +25 on every channel, saturated
    const auto ha = perceptualHashOfEncoded(encode(a, ".png"));
    const auto hb = perceptualHashOfEncoded(encode(brighter, ".jpg"));
    const auto hc = perceptualHashOfEncoded(encode(sceneImage(3), ".png"));
    QVERIFY2(hammingDistance(ha, hb) <= LeakageOptions{}.maxHammingDistance,
             qPrintable(QString::number(hammingDistance(ha, hb))));
    QVERIFY2(hammingDistance(ha, hc) > 2 * LeakageOptions{}.maxHammingDistance,
             qPrintable(QString::number(hammingDistance(ha, hc))));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, perceptualHashOfEncoded({1, 2, 3}));
  }

  void findsExactNearAndGroupLeaks() {
    const auto pa = perceptualHashOfEncoded(encode(sceneImage(0), ".png"));
    const cv::Mat brighter = sceneImage(0, 25);
    const auto pa2 = perceptualHashOfEncoded(encode(brighter, ".jpg"));
    const auto pb = perceptualHashOfEncoded(encode(sceneImage(3), ".png"));
    const auto pc = perceptualHashOfEncoded(encode(sceneImage(1), ".png"));
    const std::vector<LeakageItem> items{
        item(1, Split::Train, "p1", "hashA", pa),
        item(2, Split::Test, "", "hashA", pa),        // exact copy of 1 in test
        item(3, Split::Val, "", "hashA2", pa2),       // brightened, re-encoded copy of 1
        item(4, Split::Test, "p1", "hashB", pb),      // subject p1 again, in test
        item(5, Split::Train, "p2", "hashC", pc),     // unrelated picture
        item(6, Split::Unassigned, "p2", "hashA", pa),  // no split: cannot leak
        item(7, Split::Train, "", "hashC", pc),       // duplicate within one split: not leakage
    };
    const auto r = findLeakage(items);
    QCOMPARE(r.exactDuplicates.size(), std::size_t{1});
    QCOMPARE(r.exactDuplicates[0].items, (std::vector<Id>{1, 2}));
    QCOMPARE(r.nearDuplicates.size(), std::size_t{2});  // 1–3 and 2–3, both across splits
    QCOMPARE(r.nearDuplicates[0].a, Id{1});
    QCOMPARE(r.nearDuplicates[0].b, Id{3});
    QCOMPARE(r.nearDuplicates[1].a, Id{2});
    for (const auto& n : r.nearDuplicates) QVERIFY(n.a != 4 && n.b != 4 && n.a != 5 && n.b != 5);
    QCOMPARE(r.groupLeaks.size(), std::size_t{1});
    QCOMPARE(r.groupLeaks[0].groupKey, std::string("p1"));
    QCOMPARE(r.groupLeaks[0].itemsPerSplit.at(Split::Train), std::int64_t{1});
    QCOMPARE(r.groupLeaks[0].itemsPerSplit.at(Split::Test), std::int64_t{1});
  }

  void groupAwareSplitLeavesNoLeakage() {
    // 40 items in 10 subjects of 4; every subject is spread over the splits, and two items are
    // copies of each other across subjects (so two subjects must end up together).
    std::vector<LeakageItem> items;
    const Split cycle[] = {Split::Train, Split::Train, Split::Val, Split::Test, Split::Train};
    for (int i = 0; i < 40; ++i)
      items.push_back(item(100 + i, cycle[i % 5], "s" + std::to_string(i / 4), "h" + std::to_string(i), std::nullopt));
    items[5].contentHash = items[30].contentHash;  // s1 and s7 share a picture
    QVERIFY(!findLeakage(items).clean());

    const auto result = groupAwareSplit(items, SplitFractions{0.6, 0.2, 0.2});
    QCOMPARE(result.groups, std::size_t{9});
    auto after = items;
    for (const auto& move : result.moves)
      for (auto& it : after)
        if (it.id == move.item) {
          QVERIFY(it.split == move.from);
          it.split = move.to;
        }
    QVERIFY(findLeakage(after).clean());
    // Groups of 4 (and one of 8): 24 / 8 / 8 is reachable and is what the tool finds.
    QCOMPARE(result.itemsPerSplit.at(Split::Train), std::int64_t{24});
    QCOMPARE(result.itemsPerSplit.at(Split::Val), std::int64_t{8});
    QCOMPARE(result.itemsPerSplit.at(Split::Test), std::int64_t{8});
    // Deterministic.
    const auto again = groupAwareSplit(items, SplitFractions{0.6, 0.2, 0.2});
    QCOMPARE(again.moves.size(), result.moves.size());
    for (std::size_t i = 0; i < again.moves.size(); ++i) QVERIFY(again.moves[i].to == result.moves[i].to);
  }

  void cleanSplitsStayPut() {
    std::vector<LeakageItem> items;
    for (int i = 0; i < 10; ++i)
      items.push_back(item(i + 1, i < 8 ? Split::Train : Split::Test, "g" + std::to_string(i), "h" + std::to_string(i),
                           std::nullopt));
    const auto result = groupAwareSplit(items);
    QVERIFY(result.moves.empty());
    QCOMPARE(result.itemsPerSplit.at(Split::Train), std::int64_t{8});
  }

  void badFractionsAreRejected() {
    const std::vector<LeakageItem> items{item(1, Split::Train, "", "h", std::nullopt)};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, groupAwareSplit(items, SplitFractions{0, 0, 0}));
  }
};

static RegisterSuite<TestLeakage> reg;
#include "test_leakage.moc"
