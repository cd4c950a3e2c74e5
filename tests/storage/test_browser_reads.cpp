// The dataset browser's reads (storage/browser_rows.cpp) on a real project file: a page of rows
// with one labeler's boxes and image label, and "next unlabeled".
#include <QTemporaryDir>
#include <QtTest>

#include "storage/project.h"

using namespace loupe;
using namespace loupe::storage;

namespace {

Annotation label(Id item, Id labeler, Id cls) {
  Annotation a;
  a.itemId = item;
  a.labelerId = labeler;
  a.classId = cls;
  return a;
}

Annotation box(Id item, Id labeler, Id cls) {
  Annotation a = label(item, labeler, cls);
  a.kind = AnnotationKind::Box;
  a.box = Box{1, 2, 3, 4};
  return a;
}

}  // namespace

class TestBrowserReads : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  Id me_ = 0, other_ = 0;
  Id a_ = 0, b_ = 0, c_ = 0, d_ = 0, e_ = 0;

  Project fixture(const char* name) {
    auto p = Project::create((dir_.path() + "/" + name).toStdString());
    const Id cat = p.classes().add("cat").id, dog = p.classes().add("dog").id;
    me_ = p.labelers().add("me", LabelerKind::Human).id;
    other_ = p.labelers().add("other", LabelerKind::Human).id;
    auto item = [&](const char* n, Split split) {
      NewItem it;
      it.name = n;
      it.split = split;
      return p.items().add(it);
    };
    a_ = item("a", Split::Train);  // two boxes and a label by me
    b_ = item("b", Split::Test);   // two labels by the other labeler only: not mine
    c_ = item("c", Split::Train);  // relabeled by me: the latest label shows
    d_ = item("d", Split::Val);    // nothing
    e_ = item("e", Split::Train);  // a box by the other labeler only
    p.annotations().add(box(a_, me_, cat));
    p.annotations().add(box(a_, me_, dog));
    p.annotations().add(label(a_, me_, cat));
    p.annotations().add(label(b_, other_, cat));
    p.annotations().add(label(b_, other_, dog));
    p.annotations().add(label(c_, me_, cat));
    p.annotations().add(label(c_, me_, dog));
    p.annotations().add(box(e_, other_, cat));
    p.items().setReviewed(c_, true);
    return p;
  }

 private slots:
  void browserRowsCountOnlyTheLabelersWork() {
    auto p = fixture("rows.loupe");
    const std::vector<BrowserItemRow> all{{a_, "a", Split::Train, false, 2, "cat"},
                                          {b_, "b", Split::Test, false, 0, ""},
                                          {c_, "c", Split::Train, true, 0, "dog"},
                                          {d_, "d", Split::Val, false, 0, ""},
                                          {e_, "e", Split::Train, false, 0, ""}};
    QCOMPARE(p.reads().browserRows({}, 0, 100, me_), all);
    // A page of a filter, in id order.
    ItemFilter train;
    train.split = Split::Train;
    QCOMPARE(p.reads().browserRows(train, 1, 5, me_), (std::vector<BrowserItemRow>{all[2], all[4]}));
    QCOMPARE(p.reads().browserRows(train, 0, 1, me_), (std::vector<BrowserItemRow>{all[0]}));
    QVERIFY(p.reads().browserRows(train, 3, 10, me_).empty());
    // The other labeler sees their own work: b's latest label, e's box.
    const auto theirs = p.reads().browserRows({}, 0, 100, other_);
    QCOMPARE(theirs[1], (BrowserItemRow{b_, "b", Split::Test, false, 0, "dog"}));
    QCOMPARE(theirs[4], (BrowserItemRow{e_, "e", Split::Train, false, 1, ""}));
    QCOMPARE(theirs[0], (BrowserItemRow{a_, "a", Split::Train, false, 0, ""}));
    // By ids: in the order given, unknown ids skipped.
    QCOMPARE(p.reads().browserRowsOf({d_, 999, a_}, me_), (std::vector<BrowserItemRow>{all[3], all[0]}));
    QVERIFY(p.reads().browserRowsOf({}, me_).empty());
  }

  void nextUnlabeledWrapsAroundAndHonoursTheList() {
    auto p = fixture("next.loupe");
    // Unlabeled by me: b, d, e (b and e only have the other labeler's work).
    QCOMPARE(p.reads().nextUnlabeled({}, me_, a_), std::optional<Id>(b_));
    QCOMPARE(p.reads().nextUnlabeled({}, me_, b_), std::optional<Id>(d_));
    QCOMPARE(p.reads().nextUnlabeled({}, me_, e_), std::optional<Id>(b_));  // wraps around
    QCOMPARE(p.reads().nextUnlabeled({}, me_, 0), std::optional<Id>(b_));   // no current item
    QCOMPARE(p.reads().nextUnlabeled({}, other_, a_), std::optional<Id>(c_));
    // Within the browser's filter.
    ItemFilter train;
    train.split = Split::Train;
    QCOMPARE(p.reads().nextUnlabeled(train, me_, a_), std::optional<Id>(e_));
    QCOMPARE(p.reads().nextUnlabeled(train, me_, e_), std::optional<Id>());  // the current item is excluded
    // Within a panel's list of items.
    QCOMPARE(p.reads().nextUnlabeled({}, me_, d_, {a_, b_, c_}), std::optional<Id>(b_));
    QCOMPARE(p.reads().nextUnlabeled({}, me_, b_, {a_, b_, c_}), std::optional<Id>());
    QCOMPARE(p.reads().nextUnlabeled({}, me_, a_, {e_, d_}), std::optional<Id>(d_));
  }
};

QTEST_GUILESS_MAIN(TestBrowserReads)
#include "test_browser_reads.moc"
