// Shadow mode on a real SQLite project file: a model proposes once per (item, labeler, model);
// agreement per class with hand-computed tables for image labels and boxes; pending items are
// not counted; a later correction changes the rate; accepting writes annotations.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/nn/architectures.h"
#include "core/nn/spec_io.h"
#include "storage/project.h"
#include "storage/shadow/shadow_mode.h"

using namespace loupe;
using namespace loupe::storage;

namespace {
std::filesystem::path pathIn(const QTemporaryDir& dir, const char* name) {
  return std::filesystem::path(dir.path().toStdString()) / name;
}

Id addItem(Project& p, const std::string& name, bool withImage = false) {
  NewItem it;
  it.name = name;
  it.width = 28;
  it.height = 28;
  if (withImage) {
    NewMedia m;
    m.format = "raw-gray8";
    m.bytes.resize(28 * 28);
    for (std::size_t i = 0; i < m.bytes.size(); ++i) m.bytes[i] = static_cast<std::uint8_t>((i * 7) % 251);
    it.media = m;
  }
  return p.items().add(it);
}

PrelabelProposal proposal(Id item, Id labeler, const std::string& cls, std::optional<Box> box = std::nullopt) {
  PrelabelProposal p;
  p.itemId = item;
  p.labelerId = labeler;
  p.model = "net";
  p.className = cls;
  p.box = box;
  p.score = 0.9;
  return p;
}

Annotation label(Id item, Id labeler, Id cls) {
  return {.itemId = item, .labelerId = labeler, .classId = cls, .kind = AnnotationKind::ImageLabel};
}
Annotation box(Id item, Id labeler, Id cls, Box b) {
  return {.itemId = item, .labelerId = labeler, .classId = cls, .kind = AnnotationKind::Box, .box = b};
}

const ShadowClassAgreement* classOf(const ShadowAgreement& a, const std::string& name) {
  for (const auto& c : a.classes)
    if (c.className == name) return &c;
  return nullptr;
}
}  // namespace

class TestShadow : public QObject {
  Q_OBJECT
 private slots:
  void labelAgreementCountsAnsweredItemsAndFollowsCorrections() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Id ann = p.labelers().add("ann", LabelerKind::Human).id;
    const Id a = p.classes().add("A", "#ff0000").id;
    const Id b = p.classes().add("B", "#00ff00").id;
    std::vector<Id> items;
    for (int i = 0; i < 5; ++i) items.push_back(addItem(p, "i" + std::to_string(i) + ".png"));
    // The model proposes A on i0..i3 and B on i4, one item after the other (time order).
    for (int i = 0; i < 4; ++i) p.proposals().add({proposal(items[i], ann, "A")});
    p.proposals().add({proposal(items[4], ann, "B")});
    // The human agrees on i0, i1, i2 and says B on i3; i4 is not answered yet.
    for (int i = 0; i < 3; ++i) p.annotations().add(label(items[i], ann, a));
    const Annotation i3 = p.annotations().add(label(items[3], ann, b));

    auto r = shadowAgreement(p, ann, "net", 2);
    QCOMPARE(r.items, std::size_t{5});
    QCOMPARE(r.pendingItems, std::size_t{1});
    const auto* ca = classOf(r, "A");
    QVERIFY(ca);
    QCOMPARE(ca->proposals, std::size_t{4});
    QCOMPARE(ca->answered, std::size_t{4});
    QCOMPARE(ca->agreed, std::size_t{3});
    QCOMPARE(ca->rate, 0.75);
    QCOMPARE(ca->trend, (std::vector<double>{1.0, 0.5}));  // buckets of 2 in time order
    const auto* cb = classOf(r, "B");
    QVERIFY(cb);
    QCOMPARE(cb->proposals, std::size_t{1});
    QCOMPARE(cb->pending, std::size_t{1});
    QCOMPARE(cb->answered, std::size_t{0});
    QVERIFY(std::isnan(cb->rate));
    QVERIFY(cb->trend.empty());
    QCOMPARE(r.total.answered, std::size_t{4});
    QCOMPARE(r.total.agreed, std::size_t{3});
    // Another model's proposals are not counted for "net", but are with every model.
    auto other = proposal(items[0], ann, "B");
    other.model = "other";
    p.proposals().add({other});
    QCOMPARE(shadowAgreement(p, ann, "net", 2).total.proposals, std::size_t{5});
    QCOMPARE(shadowAgreement(p, ann, "", 2).total.proposals, std::size_t{6});

    // A later correction counts: i3 relabelled A, and i4 answered B.
    p.annotations().setClass(i3.id, a);
    p.annotations().add(label(items[4], ann, b));
    r = shadowAgreement(p, ann, "net", 10);
    QCOMPARE(classOf(r, "A")->rate, 1.0);
    QCOMPARE(classOf(r, "A")->trend, (std::vector<double>{1.0}));
    QCOMPARE(classOf(r, "B")->rate, 1.0);
    QCOMPARE(r.pendingItems, std::size_t{0});
  }

  void boxAgreementIsOneToOneAtIou50() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Id ann = p.labelers().add("ann", LabelerKind::Human).id;
    const Id a = p.classes().add("A", "#ff0000").id;
    const Id b = p.classes().add("B", "#00ff00").id;
    const Id j1 = addItem(p, "j1.png"), j2 = addItem(p, "j2.png"), j3 = addItem(p, "j3.png");
    // j1: A near a human A box (IoU 81/119), A far from anything, B over nothing of class B.
    p.proposals().add({proposal(j1, ann, "A", Box{0, 0, 10, 10}), proposal(j1, ann, "A", Box{15, 15, 5, 5}),
                       proposal(j1, ann, "B", Box{0, 0, 10, 10})});
    p.annotations().add(box(j1, ann, a, {1, 1, 10, 10}));
    p.annotations().add(box(j1, ann, a, {20, 0, 6, 6}));   // the model missed it
    p.annotations().add(box(j1, ann, b, {16, 16, 10, 10}));  // IoU with the B proposal 0: missed
    // j2: not answered (pending).
    p.proposals().add({proposal(j2, ann, "A", Box{0, 0, 10, 10})});
    // j3: two A proposals on one human A box: only one of them agrees.
    p.proposals().add({proposal(j3, ann, "A", Box{0, 0, 10, 10}), proposal(j3, ann, "A", Box{1, 0, 10, 10})});
    p.annotations().add(box(j3, ann, a, {0, 0, 10, 10}));

    const auto r = shadowAgreement(p, ann, "net", 10);
    const auto* ca = classOf(r, "A");
    QVERIFY(ca);
    QCOMPARE(ca->proposals, std::size_t{5});
    QCOMPARE(ca->pending, std::size_t{1});
    QCOMPARE(ca->answered, std::size_t{4});
    QCOMPARE(ca->agreed, std::size_t{2});
    QCOMPARE(ca->rate, 0.5);
    QCOMPARE(ca->missed, std::size_t{1});
    const auto* cb = classOf(r, "B");
    QVERIFY(cb);
    QCOMPARE(cb->answered, std::size_t{1});
    QCOMPARE(cb->agreed, std::size_t{0});
    QCOMPARE(cb->rate, 0.0);
    QCOMPARE(cb->missed, std::size_t{1});
    QCOMPARE(r.total.missed, std::size_t{2});
    QCOMPARE(r.items, std::size_t{3});
    QCOMPARE(r.pendingItems, std::size_t{1});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shadowAgreement(p, ann, "net", 0));
  }

  void proposalsAreRecordedOnceAndAcceptedAsAnnotations() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Project p = Project::create(file);
    const Id ann = p.labelers().add("ann", LabelerKind::Human).id;
    p.classes().add("A", "#ff0000");
    p.classes().add("B", "#00ff00");
    const Id item = addItem(p, "x.png", true);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, proposeFor(p, item, ann));  // no model yet
    // An untrained classifier stands in for a trained one: what it proposes is not the point.
    const auto& arch = nn::architecture("board28-cnn");
    const auto spec = nn::buildInitialised(arch, {"A", "B"}, 7);
    p.models().store({.id = 0, .name = "net", .architecture = arch.name, .created = {},
                      .floatBlob = nn::serializeNetwork(spec), .int8Blob = {}, .metricsJson = "{}",
                      .labelsJson = R"(["A","B"])"});
    QCOMPARE(shadowModelName(p), std::string("net"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shadowModelName(p, "nope"));

    const auto first = proposeFor(p, item, ann);
    QCOMPARE(first.size(), std::size_t{1});
    QVERIFY(!first[0].box);
    QVERIFY(first[0].className == "A" || first[0].className == "B");
    QVERIFY(first[0].score >= 0.5 && first[0].score <= 1.0);  // the top of two probabilities
    QVERIFY(first[0].id > 0);
    QVERIFY(!first[0].time.empty());
    const auto again = proposeFor(p, item, ann, "net");
    QCOMPARE(again.size(), std::size_t{1});
    QCOMPARE(again[0].id, first[0].id);
    QCOMPARE(p.proposals().of(ann).size(), std::size_t{1});
    // Computing is read-only; recording twice keeps the first.
    const auto computed = computeProposals(p, item, ann, "net");
    QCOMPARE(computed[0].className, first[0].className);
    QCOMPARE(recordProposals(p, item, ann, "net", computed)[0].id, first[0].id);
    QCOMPARE(p.proposals().of(ann).size(), std::size_t{1});

    // Pending until answered; accepting answers it, so it agrees.
    QCOMPARE(shadowAgreement(p, ann, "net").pendingItems, std::size_t{1});
    const Id other = first[0].className == "A" ? p.classes().byName("B")->id : p.classes().byName("A")->id;
    p.annotations().add(label(item, ann, other));
    QCOMPARE(shadowAgreement(p, ann, "net").total.rate, 0.0);
    auto boxProposal = proposal(item, ann, "B", Box{2, 2, 8, 8});
    auto unknown = proposal(item, ann, "Z", Box{2, 2, 8, 8});
    const auto accepted = acceptProposals(p, ann, {first[0], boxProposal, unknown});
    QCOMPARE(accepted.added.size(), std::size_t{2});
    QCOMPARE(accepted.replaced.size(), std::size_t{1});
    QCOMPARE(accepted.replaced[0].classId, other);
    QCOMPARE(accepted.skipped, std::size_t{1});
    const auto answers = p.annotations().of(item, ann);
    QCOMPARE(answers.size(), std::size_t{2});
    QCOMPARE(shadowAgreement(p, ann, "net").total.rate, 1.0);
    // Accepting the same box again adds nothing.
    QCOMPARE(acceptProposals(p, ann, {boxProposal}).added.size(), std::size_t{0});
  }

  // A detector proposes its boxes at the threshold stored with it: its last layer made to say
  // "A" in every cell with probability e/(1+e) = 0.73 gives one box over the whole image at 0.5,
  // and nothing at 0.8.
  void detectorProposesBoxesAtItsThreshold() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Id ann = p.labelers().add("ann", LabelerKind::Human).id;
    p.classes().add("A", "#ff0000");
    const Id item = addItem(p, "x.png", true);
    const Id other = addItem(p, "y.png", true);
    const auto& arch = nn::architecture("fomo-det-16x16");
    auto spec = nn::buildInitialised(arch, {"A"}, 5);
    for (auto it = spec.layers.rbegin(); it != spec.layers.rend(); ++it) {
      if (it->bias.empty()) continue;
      std::fill(it->weights.begin(), it->weights.end(), 0.0f);
      QCOMPARE(it->bias.size(), std::size_t{2});  // background, A
      it->bias = {0.0f, 1.0f};
      break;
    }
    const auto store = [&](const char* name, const char* metrics) {
      p.models().store({.id = 0, .name = name, .architecture = arch.name, .created = {},
                        .floatBlob = nn::serializeNetwork(spec), .int8Blob = {}, .metricsJson = metrics,
                        .labelsJson = R"(["A"])"});
    };
    store("strict", R"({"threshold": 0.8})");
    const auto none = proposeFor(p, item, ann, "strict");
    QVERIFY(none.empty());
    QVERIFY(!p.proposals().proposed(item, ann, "strict"));  // nothing proposed: tried again next time
    store("det", R"({"threshold": 0.5})");
    const auto boxes = proposeFor(p, item, ann);  // the newest model
    QCOMPARE(boxes.size(), std::size_t{1});
    QCOMPARE(boxes[0].model, std::string("det"));
    QCOMPARE(boxes[0].className, std::string("A"));
    QVERIFY(boxes[0].box);
    QCOMPARE(boxes[0].box->x, 0.0);
    QCOMPARE(boxes[0].box->y, 0.0);
    QCOMPARE(boxes[0].box->w, 28.0);
    QCOMPARE(boxes[0].box->h, 28.0);
    QVERIFY(std::abs(boxes[0].score - 0.7311) < 1e-3);
    // The labeler draws a box close to it on the item, and one elsewhere on the other item.
    const Id a = p.classes().byName("A")->id;
    p.annotations().add(box(item, ann, a, {1, 1, 26, 26}));
    proposeFor(p, other, ann);
    p.annotations().add(box(other, ann, a, {0, 0, 5, 5}));
    const auto r = shadowAgreement(p, ann, "det");
    QCOMPARE(r.classes.size(), std::size_t{1});
    QCOMPARE(r.classes[0].answered, std::size_t{2});
    QCOMPARE(r.classes[0].agreed, std::size_t{1});
    QCOMPARE(r.classes[0].missed, std::size_t{1});
  }
};

QTEST_GUILESS_MAIN(TestShadow)
#include "test_shadow.moc"
