// The Project API against a real project file: every edit committed and visible after reopening.
#include <QTemporaryDir>
#include <QtTest>

#include "storage/deploy/deployable_model.h"
#include "storage/project.h"
#include "storage/sql/connection.h"
#include "tests/support/annotation_values.h"
#include "tests/support/project_reads.h"

using namespace loupe;
using namespace loupe::storage;

namespace {
std::filesystem::path pathIn(const QTemporaryDir& dir, const char* name) {
  return std::filesystem::path(dir.path().toStdString()) / name;
}

Id addPlainItem(Project& p, const std::string& name, Split split = Split::Unassigned) {
  NewItem it;
  it.name = name;
  it.width = 64;
  it.height = 64;
  it.split = split;
  return p.items().add(it);
}

// The message of what fn throws; empty when it does not throw.
template <typename Fn>
QString expectThrow(Fn fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

// Short names for the support values (tests/support/annotation_values.h) the tests use a lot.
Annotation label(Id item, Id labeler, Id cls) { return test::imageLabel(item, labeler, cls); }
Annotation box(Id item, Id labeler, Id cls, Box b) { return test::boxLabel(item, labeler, cls, b); }
}  // namespace

class TestProject : public QObject {
  Q_OBJECT
 private slots:
  void createThenReopenKeepsEverything() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Id itemId = 0;
    {
      Project p = Project::create(file);
      QCOMPARE(p.schemaVersion(), 3);
      p.setMeta("name", "demo");
      const Labeler ann = p.labelers().add("ann", LabelerKind::Human);
      const ClassDef cat = p.classes().add("cat");
      NewItem it;
      it.name = "a/b.png";
      it.width = 640;
      it.height = 480;
      it.split = Split::Val;
      it.source = "import:folder";
      it.media = NewMedia{{1, 2, 3}, {}, "png", {}};
      it.attributes = {{"light", "dark"}};
      itemId = p.items().add(it);
      p.annotations().add(box(itemId, ann.id, cat.id, {0, 0, 640, 480}));
    }
    Project p = Project::open(file);
    QCOMPARE(p.meta("name").value_or(""), std::string("demo"));
    QVERIFY(!p.meta("missing"));
    const auto rec = p.items().byId(itemId);
    QVERIFY(rec);
    QCOMPARE(rec->item.name, std::string("a/b.png"));
    QCOMPARE(rec->item.width, 640);
    QVERIFY(rec->item.split == Split::Val);
    // SHA-256 of bytes 01 02 03 (computed with sha256sum).
    QCOMPARE(rec->item.contentHash,
             std::string("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"));
    const auto media = p.items().media(itemId);
    QVERIFY(media);
    QCOMPARE(media->bytes, (std::vector<std::uint8_t>{1, 2, 3}));
    QCOMPARE(media->format, std::string("png"));
    QCOMPARE(p.attributes().of(itemId).at("light"), std::string("dark"));
    const auto anns = p.annotations().of(itemId);
    QCOMPARE(anns.size(), std::size_t{1});
    QCOMPARE(anns[0].box, (Box{0, 0, 640, 480}));
    QVERIFY(!anns[0].score);
    const auto stats = p.stats();
    QCOMPARE(stats.items, 1);
    QCOMPARE(stats.boxes, 1);
    QCOMPARE(stats.imageLabels, 0);
    QCOMPARE(stats.splits.at(Split::Val), 1);
    QCOMPARE(stats.splits.at(Split::Train), 0);
  }

  void createRefusesExistingFile() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    { Project::create(file); }
    QVERIFY_THROWS_EXCEPTION(ProjectFileError, Project::create(file));
    QVERIFY_THROWS_EXCEPTION(ProjectFileError, Project::open(pathIn(dir, "missing.loupe")));
    QVERIFY(!std::filesystem::exists(pathIn(dir, "missing.loupe")));
  }

  void classCrudAndMerge() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const ClassDef a = p.classes().add("shirt", "", "1");
    const ClassDef b = p.classes().add("t-shirt");
    const ClassDef c = p.classes().add("coat", "#ff0000");
    QCOMPARE(a.order, 0);
    QCOMPARE(c.order, 2);
    QCOMPARE(c.color, std::string("#ff0000"));
    QVERIFY(a.color != b.color);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.classes().add("shirt"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.classes().rename(b.id, "shirt"));
    p.classes().rename(b.id, "tee");
    p.classes().setColor(b.id, "#00ff00");
    // A hotkey moves: the class that had it loses it.
    p.classes().setHotkey(c.id, "1");
    QCOMPARE(p.classes().byId(a.id)->hotkey, std::string());
    QCOMPARE(p.classes().byId(c.id)->hotkey, std::string("1"));
    p.classes().reorder({c.id, a.id, b.id});
    auto all = p.classes().all();
    QCOMPARE(all.size(), std::size_t{3});
    QCOMPARE(all[0].name, std::string("coat"));
    QCOMPARE(all[2].name, std::string("tee"));
    QCOMPARE(all[2].color, std::string("#00ff00"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.classes().reorder({c.id, a.id}));

    const Labeler ann = p.labelers().add("ann", LabelerKind::Human);
    const Id item = addPlainItem(p, "x");
    const Id l1 = p.annotations().add(label(item, ann.id, b.id)).id;
    const Id l2 = p.annotations().add(box(item, ann.id, b.id, {1, 2, 3, 4})).id;
    p.annotations().add(box(item, ann.id, a.id, {5, 6, 7, 8}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.classes().remove(b.id));
    const MergeResult merged = p.classes().merge(b.id, a.id);
    QCOMPARE(merged.removed.name, std::string("tee"));
    QCOMPARE(merged.movedAnnotationIds, (std::vector<Id>{l1, l2}));
    QVERIFY(!p.classes().byId(b.id));
    QCOMPARE(p.annotations().byId(l1)->classId, a.id);
    // Undo of the merge: restore the class and point the moved annotations back.
    p.classes().restore(merged.removed);
    for (Id id : merged.movedAnnotationIds) p.annotations().setClass(id, merged.removed.id);
    QCOMPARE(p.classes().byId(b.id)->name, std::string("tee"));
    QCOMPARE(p.annotations().byId(l2)->classId, b.id);
    const ClassDef unused = p.classes().add("unused");
    p.classes().remove(unused.id);
    QVERIFY(!p.classes().byName("unused"));
  }

  void annotationEditDeleteRestore() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Labeler ann = p.labelers().add("ann", LabelerKind::Human);
    const Labeler bob = p.labelers().add("bob", LabelerKind::Human);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.labelers().add("bob", LabelerKind::Model));
    QVERIFY(p.labelers().ensure("bob", LabelerKind::Model).kind == LabelerKind::Human);
    const ClassDef cat = p.classes().add("cat");
    const ClassDef dog = p.classes().add("dog");
    const Id item = addPlainItem(p, "x");
    const Annotation b1 = p.annotations().add(box(item, ann.id, cat.id, {10, 20, 30, 40}));
    p.annotations().add(box(item, bob.id, dog.id, {11, 21, 31, 41}));
    p.annotations().setBox(b1.id, {12.5, 20, 30, 40});
    p.annotations().setClass(b1.id, dog.id);
    p.annotations().setBox(b1.id, {12.5, 22, 30, 40});
    QCOMPARE(p.annotations().byId(b1.id)->box, (Box{12.5, 22, 30, 40}));
    QCOMPARE(p.annotations().byId(b1.id)->classId, dog.id);
    QCOMPARE(p.annotations().of(item).size(), std::size_t{2});
    QCOMPARE(p.annotations().of(item, bob.id).size(), std::size_t{1});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.annotations().setBox(b1.id, {0, 0, -1, 1}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.annotations().setClass(99999, cat.id));
    // A class id that does not exist is refused by the foreign key.
    QVERIFY_THROWS_EXCEPTION(sql::Error, p.annotations().setClass(b1.id, 4242));

    const Annotation removed = p.annotations().remove(b1.id);
    QVERIFY(!p.annotations().byId(b1.id));
    p.annotations().restore(removed);
    const auto back = p.annotations().byId(b1.id);
    QVERIFY(back);
    QCOMPARE(back->box, removed.box);
    QCOMPARE(back->created, removed.created);
    QCOMPARE(back->labelerId, ann.id);
  }

  void changeLogIsAppendOnly() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Labeler ann = p.labelers().add("ann", LabelerKind::Human);
    p.setActor(ann.id);
    const ClassDef cat = p.classes().add("cat");
    const auto log = test::changeLog(p, 10);
    QCOMPARE(log.size(), std::size_t{2});
    QCOMPARE(log[0].entity, std::string("class"));
    QCOMPARE(log[0].entityId.value_or(0), cat.id);
    QCOMPARE(log[0].labelerId.value_or(0), ann.id);
    QVERIFY(!log[1].labelerId);
    QVERIFY_THROWS_EXCEPTION(sql::Error, test::sqlOf(p).exec("DELETE FROM change_log"));
    QVERIFY_THROWS_EXCEPTION(sql::Error, test::sqlOf(p).exec("UPDATE change_log SET action = 'x'"));
    QCOMPARE(test::changeLog(p, 10).size(), std::size_t{2});
  }

  void filtersAndPaging() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Labeler ann = p.labelers().add("ann", LabelerKind::Human);
    const Labeler bob = p.labelers().add("bob", LabelerKind::Human);
    const Labeler net = p.labelers().add("net", LabelerKind::Model);
    const ClassDef cat = p.classes().add("cat");
    const ClassDef dog = p.classes().add("dog");
    std::vector<Id> ids;
    for (int i = 0; i < 10; ++i)
      ids.push_back(addPlainItem(p, "img" + std::to_string(i), i < 6 ? Split::Train : Split::Test));
    // item0: ann cat, bob cat       -> agreement
    // item1: ann cat, bob dog       -> disagreement
    // item2: ann dog, net cat       -> models do not count as disagreement
    // item3: bob box dog
    p.annotations().add(label(ids[0], ann.id, cat.id));
    p.annotations().add(label(ids[0], bob.id, cat.id));
    p.annotations().add(label(ids[1], ann.id, cat.id));
    p.annotations().add(label(ids[1], bob.id, dog.id));
    p.annotations().add(label(ids[2], ann.id, dog.id));
    p.annotations().add(label(ids[2], net.id, cat.id));
    p.annotations().add(box(ids[3], bob.id, dog.id, {0, 0, 1, 1}));
    p.items().setReviewed(ids[0], true);
    p.items().setAmbiguous(ids[1], true);
    p.attributes().set(ids[4], "light", "dark");
    p.attributes().set(ids[5], "light", "bright");
    p.attributes().set(ids[5], "light", "dark");  // upsert
    for (const Id id : {ids[8], ids[9]}) p.items().setSplit(id, Split::Val);

    QCOMPARE(p.items().count({}), 10);
    QCOMPARE(p.items().count({.split = Split::Train}), 6);
    QCOMPARE(p.items().count({.split = Split::Val}), 2);
    QCOMPARE(p.items().ids({.classId = cat.id}), (std::vector<Id>{ids[0], ids[1], ids[2]}));
    QCOMPARE(p.items().ids({.classId = cat.id, .labelerId = ann.id}), (std::vector<Id>{ids[0], ids[1]}));
    QCOMPARE(p.items().ids({.labelerId = bob.id}), (std::vector<Id>{ids[0], ids[1], ids[3]}));
    QCOMPARE(p.items().ids({.labelerId = bob.id, .unlabeled = true}),
             (std::vector<Id>{ids[2], ids[4], ids[5], ids[6], ids[7], ids[8], ids[9]}));
    QCOMPARE(p.items().count({.unlabeled = true}), 6);
    QCOMPARE(p.items().ids({.attributeKey = "light", .attributeValue = "dark"}), (std::vector<Id>{ids[4], ids[5]}));
    QCOMPARE(p.items().ids({.attributeKey = "light"}).size(), std::size_t{2});
    QCOMPARE(p.items().ids({.reviewed = true}), (std::vector<Id>{ids[0]}));
    QCOMPARE(p.items().count({.reviewed = false}), 9);
    QCOMPARE(p.items().ids({.ambiguous = true}), (std::vector<Id>{ids[1]}));
    QCOMPARE(p.items().ids({.hasDisagreement = true}), (std::vector<Id>{ids[1]}));
    QCOMPARE(p.items().ids({.nameContains = "IMG1"}), (std::vector<Id>{ids[1]}));
    QCOMPARE(p.items().count({.split = Split::Train, .unlabeled = true}), 2);

    const auto page = p.items().page({.split = Split::Train}, 2, 3);
    QCOMPARE(page.size(), std::size_t{3});
    QCOMPARE(page[0].item.name, std::string("img2"));
    QCOMPARE(page[2].item.name, std::string("img4"));
    QCOMPARE(p.items().page({}, 9, 100).size(), std::size_t{1});
    QCOMPARE(p.items().rowOf({.split = Split::Train}, ids[4]).value_or(-1), 4);
    QVERIFY(!p.items().rowOf({.split = Split::Test}, ids[4]));
    const auto byIds = p.items().byIds({ids[7], 12345, ids[0]});
    QCOMPARE(byIds.size(), std::size_t{2});
    QCOMPARE(byIds[0].item.id, ids[7]);
    QVERIFY(byIds[1].reviewed);

    QCOMPARE(p.attributes().keys(), (std::vector<std::string>{"light"}));
    QCOMPARE(p.attributes().valueCounts("light").at(0), (std::pair<std::string, std::int64_t>{"dark", 2}));
    p.attributes().remove(ids[4], "light");
    QCOMPARE(p.attributes().values("light"), (std::vector<std::pair<Id, std::string>>{{ids[5], "dark"}}));
  }

  void bulkReads() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Labeler ann = p.labelers().add("ann", LabelerKind::Human);
    const Labeler net = p.labelers().add("net", LabelerKind::Model);
    const ClassDef cat = p.classes().add("cat");
    const Id a = addPlainItem(p, "a", Split::Train);
    const Id b = addPlainItem(p, "b", Split::Test);
    p.items().setGroupKey(b, "session-2");
    p.annotations().add(label(b, ann.id, cat.id));
    Annotation scored = label(a, net.id, cat.id);
    scored.score = 0.75;
    p.annotations().add(scored);
    p.annotations().add(label(a, ann.id, cat.id));
    p.annotations().add(box(a, ann.id, cat.id, {1, 1, 2, 2}));
    p.annotations().add(box(b, ann.id, cat.id, {3, 3, 2, 2}));
    p.annotations().add(box(a, net.id, cat.id, {1, 1, 2, 3}));

    std::vector<ImageLabelRow> rows;
    p.reads().forEachImageLabel([&](const ImageLabelRow& r) { rows.push_back(r); });
    QCOMPARE(rows.size(), std::size_t{3});
    QCOMPARE(rows[0].itemId, a);  // ordered by item, then labeler
    QCOMPARE(rows[0].labelerId, ann.id);
    QCOMPARE(rows[1].score.value_or(0), 0.75);
    QCOMPARE(rows[2].itemId, b);
    int netRows = 0;
    p.reads().forEachImageLabel([&](const ImageLabelRow&) { ++netRows; }, net.id);
    QCOMPARE(netRows, 1);

    const auto boxes = test::boxesByItem(p.reads());
    QCOMPARE(boxes.at(a).size(), std::size_t{2});
    QCOMPARE(boxes.at(b).size(), std::size_t{1});
    QCOMPARE(test::boxesByItem(p.reads(), net.id).at(a).front().box, (Box{1, 1, 2, 3}));

    const auto placements = test::itemPlacements(p.items());
    QCOMPARE(placements.size(), std::size_t{2});
    QCOMPARE(placements[1].groupKey, std::string("session-2"));
    QVERIFY(placements[1].split == Split::Test);

    // Predictions replace the model labeler's earlier output on the given items only.
    p.annotations().replace(net.id, {box(a, 0, cat.id, {0, 0, 5, 5}), box(a, 0, cat.id, {1, 1, 5, 5})}, {a});
    QCOMPARE(p.annotations().of(a, net.id).size(), std::size_t{2});
    QCOMPARE(p.annotations().of(a, ann.id).size(), std::size_t{2});
  }

  void trainingSamplesAndCapture() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Labeler ref = p.labelers().add("reference", LabelerKind::Reference);
    const Labeler dev = p.labelers().add("device", LabelerKind::Human);
    const ClassDef cat = p.classes().add("cat");
    const ClassDef dog = p.classes().add("dog");
    Capture c;
    c.deviceId = "nano-1";
    c.item.name = "cap/0001";
    c.item.width = 2;
    c.item.height = 2;
    c.item.split = Split::Train;
    c.item.media = NewMedia{{0, 64, 128, 255}, {}, "raw-gray8", {}};
    c.item.attributes = {{"exposure", "auto"}};
    c.labelClassId = dog.id;
    c.labelerId = dev.id;
    const Id capId = p.items().addCapture(c);
    QCOMPARE(p.items().byId(capId)->item.source, std::string("device:nano-1"));
    QCOMPARE(p.items().count({.sourcePrefix = "device:"}), 1);
    QCOMPARE(p.attributes().of(capId).at("exposure"), std::string("auto"));

    // A capture whose label names an unknown class leaves nothing behind.
    Capture bad = c;
    bad.item.name = "cap/0002";
    bad.labelClassId = 999;
    QVERIFY_THROWS_EXCEPTION(sql::Error, p.items().addCapture(bad));
    QVERIFY(!p.items().byName("cap/0002"));

    NewItem other;
    other.name = "t/1";
    other.split = Split::Train;
    other.media = NewMedia{{9}, {}, "raw-gray8", {}};
    other.width = other.height = 1;
    const Id otherId = p.items().add(other);
    p.annotations().add(label(otherId, ref.id, cat.id));
    addPlainItem(p, "no-media", Split::Train);

    const auto devSamples = test::trainingSamples(p.reads(), Split::Train, dev.id);
    QCOMPARE(devSamples.size(), std::size_t{1});
    QCOMPARE(devSamples[0].classId, dog.id);
    QCOMPARE(devSamples[0].media.bytes, (std::vector<std::uint8_t>{0, 64, 128, 255}));
    const auto refSamples = test::trainingSamples(p.reads(), Split::Train, ref.id);
    QCOMPARE(refSamples.size(), std::size_t{1});
    QCOMPARE(refSamples[0].itemId, otherId);
    QVERIFY(test::trainingSamples(p.reads(), Split::Test, ref.id).empty());
  }

  void deleteItemRemovesItsAnnotationsAttributesAndMedia() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Labeler dev = p.labelers().add("device", LabelerKind::Human);
    const ClassDef dog = p.classes().add("dog");
    Capture c;
    c.deviceId = "nano-1";
    c.item.name = "cap/0001";
    c.item.width = c.item.height = 2;
    c.item.media = NewMedia{{0, 64, 128, 255}, {}, "raw-gray8", {}};
    c.item.attributes = {{"frame_id", "7"}};
    c.labelClassId = dog.id;
    c.labelerId = dev.id;
    const Id first = p.items().addCapture(c);
    c.item.name = "cap/0002";
    c.item.media = NewMedia{{1, 2, 3, 4}, {}, "raw-gray8", {}};
    const Id second = p.items().addCapture(c);
    QCOMPARE(p.stats().itemsWithMedia, 2);

    p.items().remove(first);
    QVERIFY(!p.items().byId(first));
    QVERIFY(p.annotations().of(first).empty());
    QVERIFY(p.attributes().of(first).empty());
    QCOMPARE(p.items().count(), 1);
    QCOMPARE(p.stats().itemsWithMedia, 1);
    // The other capture keeps its own pixels and label.
    QCOMPARE(p.items().media(second)->bytes, (std::vector<std::uint8_t>{1, 2, 3, 4}));
    QCOMPARE(p.annotations().of(second).size(), std::size_t{1});
    QCOMPARE(test::changeLog(p, 1).at(0).action, std::string("delete"));
    QCOMPARE(test::changeLog(p, 1).at(0).entityId, std::optional<Id>(first));
    // No stray media row is left behind.
    sql::Connection raw(p.path(), sql::OpenMode::ReadOnly);
    auto rows = raw.prepare("SELECT COUNT(*) FROM media");
    QVERIFY(rows.step());
    QCOMPARE(rows.int64(0), std::int64_t{1});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.items().remove(first));
  }

  void deployableModelsAreTheNewestInt8OnesByName() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    QVERIFY(deployableModelNames(p).empty());
    const QString none = expectThrow([&] { deployableModel(p, "cnn"); });
    QVERIFY2(none.contains("no model named 'cnn'") && none.contains("it has no models"), qPrintable(none));
    ModelRecord m;
    m.architecture = "tiny-cnn";
    m.name = "float-only";
    m.created = "2026-01-01T00:00:00.000Z";
    p.models().store(m);
    m.name = "cnn";
    m.int8Blob = {1, 2};
    m.labelsJson = R"(["cat","dog"])";
    m.created = "2026-01-02T00:00:00.000Z";
    p.models().store(m);
    m.int8Blob = {3, 4, 5};
    m.labelsJson = R"(["cat","dog","bird"])";
    m.created = "2026-01-03T00:00:00.000Z";
    p.models().store(m);
    QCOMPARE(deployableModelNames(p), (std::vector<std::string>{"cnn"}));
    const DeployableModel newest = deployableModel(p, "cnn");
    QCOMPARE(newest.int8Blob, (std::vector<std::uint8_t>{3, 4, 5}));
    QCOMPARE(newest.labels, (std::vector<std::string>{"cat", "dog", "bird"}));
    const QString floatOnly = expectThrow([&] { deployableModel(p, "float-only"); });
    QVERIFY2(floatOnly.contains("no int8 blob") && floatOnly.contains("p.loupe"), qPrintable(floatOnly));
    const QString unknown = expectThrow([&] { deployableModel(p, "resnet"); });
    QVERIFY2(unknown.contains("models: cnn, cnn, float-only"), qPrintable(unknown));
  }

  void modelsSlicesSnapshots() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Id modelId = 0;
    {
      Project p = Project::create(file);
      ModelRecord m;
      m.name = "cnn-1";
      m.architecture = "tiny-cnn";
      m.floatBlob = {1, 2, 3, 4};
      m.int8Blob = {5};
      m.metricsJson = R"({"accuracy":0.9})";
      m.labelsJson = R"(["cat","dog"])";
      modelId = p.models().store(m);
      p.slices().save("dark", R"({"attribute":"light=dark"})");
      p.slices().save("dark", R"({"attribute":"light=dim"})");
      p.slices().save("val", R"({"split":"val"})");
      p.agreementHistory().add("all", R"({"kappa":0.5})");
      p.agreementHistory().add("split=val", R"({"kappa":0.6})");
      p.agreementHistory().add("all", R"({"kappa":0.7})");
    }
    Project p = Project::open(file);
    const auto models = p.models().all();
    QCOMPARE(models.size(), std::size_t{1});
    QVERIFY(models[0].floatBlob.empty());
    const auto loaded = p.models().load(modelId);
    QVERIFY(loaded);
    QCOMPARE(loaded->floatBlob, (std::vector<std::uint8_t>{1, 2, 3, 4}));
    QCOMPARE(loaded->int8Blob, (std::vector<std::uint8_t>{5}));
    QCOMPARE(loaded->labelsJson, std::string(R"(["cat","dog"])"));
    QCOMPARE(p.slices().all().size(), std::size_t{2});
    QCOMPARE(p.slices().byName("dark")->definitionJson, std::string(R"({"attribute":"light=dim"})"));
    const auto all = p.agreementHistory().all("all");
    QCOMPARE(all.size(), std::size_t{2});
    QCOMPARE(all[1].metricsJson, std::string(R"({"kappa":0.7})"));
    QCOMPARE(p.agreementHistory().all().size(), std::size_t{3});
  }

  void transactionRollsBackOnException() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    try {
      Project::Transaction tx(p);
      p.classes().add("a");
      addPlainItem(p, "x");
      throw std::runtime_error("boom");
    } catch (const std::runtime_error&) {
    }
    QVERIFY(p.classes().all().empty());
    QCOMPARE(p.items().count(), 0);
    {
      Project::Transaction tx(p);
      p.classes().add("a");
      tx.commit();
    }
    QCOMPARE(p.classes().all().size(), std::size_t{1});
  }
};

QTEST_GUILESS_MAIN(TestProject)
#include "test_project.moc"
