// One edit path (issue 13): edits made in the docked panels (Review's rename and merge, the
// Analysis dock's error tag) go through the same storage commands as the labeling edits, so
// every view of the shared session shows them at once — the class panel, the canvas captions,
// the browser's class filter, the device panel's class list, the item panel — and so does the
// window's undo. An undo whose rows another process changed is refused with a status-bar
// message, never an exception through the event loop.
#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <memory>

#include "fixture.h"
#include "storage/project.h"
#include "widgets/analysis/error_tag_editor.h"
#include "widgets/browser/browser_panel.h"
#include "widgets/canvas/box_layer.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/classes/class_panel.h"
#include "widgets/device/device_panel.h"
#include "widgets/item_panel/item_panel.h"
#include "widgets/analysis/analysis_dock.h"
#include "widgets/main_window/main_window.h"
#include "widgets/main_window/project_docks.h"
#include "widgets/review/review_panel.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

namespace {

QStringList comboTexts(const QComboBox* box) {
  QStringList out;
  for (int i = 0; i < box->count(); ++i) out << box->itemText(i);
  return out;
}

// The names a list shows, each entry trimmed of what surrounds the name ("[1]  cat" -> "cat").
QStringList listTexts(const QListWidget* list) {
  QStringList out;
  for (int i = 0; i < list->count(); ++i) out << list->item(i)->text().section(QStringLiteral("  "), -1).trimmed();
  return out;
}

}  // namespace

class EditPathTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  test::SmallProject proj_;
  std::unique_ptr<MainWindow> win_;

  widgets::ReviewPanel* review() { return win_->projectDocks()->review(); }
  storage::Project reopen() { return storage::Project::open(proj_.path.toStdString()); }
  QString status() { return win_->statusBar()->currentMessage(); }
  void undo() { win_->action("undo")->trigger(); }
  QAbstractButton* reviewButton(const QString& text) {
    for (auto* b : review()->findChildren<QAbstractButton*>())
      if (b->text() == text) return b;
    qFatal("no review button %s", qPrintable(text));
  }
  // Answers the next modal input dialog with `text` (a line edit's text or a list's choice).
  void answerNextDialog(const QString& text) {
    QTimer::singleShot(0, this, [text] {
      auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
      if (!dialog) qFatal("no input dialog is open");
      dialog->setTextValue(text);
      dialog->accept();
    });
  }
  // Picks `classId` as the class the review's rename/merge acts on.
  void chooseReviewClass(Id classId) {
    QComboBox* choice = review()->findChild<QComboBox*>("reviewConsensusClass");
    choice->setCurrentIndex(choice->findData(QVariant::fromValue<qlonglong>(classId)));
    QVERIFY(choice->currentIndex() >= 0);
  }
  void renameInReview(Id classId, const QString& name) {
    chooseReviewClass(classId);
    answerNextDialog(name);
    reviewButton(tr("Rename class…"))->click();
  }
  void mergeInReview(Id from, const QString& intoName) {
    chooseReviewClass(from);
    answerNextDialog(intoName);
    reviewButton(tr("Merge classes…"))->click();
  }

  // What every panel calls the classes, and the caption of bob's box on the canvas.
  QStringList classPanel() { return listTexts(win_->classPanel()->list()); }
  QStringList browserFilter() { return comboTexts(win_->browser()->findChild<QComboBox*>("classFilter")); }
  QStringList deviceClasses() { return comboTexts(win_->projectDocks()->device()->findChild<QComboBox*>("burstClass")); }
  QStringList reviewClasses() { return comboTexts(review()->findChild<QComboBox*>("reviewConsensusClass")); }
  QString bobCaption() {
    const CanvasBox* box = win_->canvas()->overlay(proj_.bob)->box(proj_.bobBox);
    return box ? box->label : QString();
  }

 private slots:
  void initTestCase() { QVERIFY(test::enterGuiTestMode(dir_)); }

  void init() {
    proj_ = test::freshSmallProject(dir_, "e");
    win_ = test::openInMainWindow(proj_.path, "alice", QSize(1400, 900));
    QVERIFY(win_);
    win_->workspace()->setCurrentItem(proj_.a);  // bob's dog box is on a.png
    QVERIFY(review());
    QVERIFY(win_->projectDocks()->device()->findChild<QComboBox*>("burstClass"));
  }

  void cleanup() { win_.reset(); }

  void renameInReviewReachesEveryPanelAndUndoes() {
    const QStringList before{"cat", "dog", "bird"};
    QCOMPARE(classPanel(), before);
    QVERIFY(browserFilter().contains("dog"));
    QCOMPARE(bobCaption(), QString("dog"));

    renameInReview(proj_.dog, "hound");
    QCOMPARE(reopen().classes().byId(proj_.dog)->name, std::string("hound"));
    const QStringList after{"cat", "hound", "bird"};
    QCOMPARE(classPanel(), after);
    QCOMPARE(reviewClasses(), after);
    QCOMPARE(deviceClasses(), after);
    QVERIFY(browserFilter().contains("hound"));
    QVERIFY(!browserFilter().contains("dog"));
    QCOMPARE(bobCaption(), QString("hound"));
    QCOMPARE(win_->workspace()->undoStack()->count(), 1);

    undo();
    QCOMPARE(reopen().classes().byId(proj_.dog)->name, std::string("dog"));
    QCOMPARE(classPanel(), before);
    QCOMPARE(reviewClasses(), before);
    QCOMPARE(deviceClasses(), before);
    QVERIFY(browserFilter().contains("dog"));
    QVERIFY(!browserFilter().contains("hound"));
    QCOMPARE(bobCaption(), QString("dog"));
  }

  void mergeInReviewReachesEveryPanelAndUndoes() {
    mergeInReview(proj_.dog, "cat");
    QVERIFY(!reopen().classes().byId(proj_.dog));
    QCOMPARE(reopen().annotations().byId(proj_.bobBox)->classId, proj_.cat);
    const QStringList merged{"cat", "bird"};
    QCOMPARE(classPanel(), merged);
    QCOMPARE(reviewClasses(), merged);
    QCOMPARE(deviceClasses(), merged);
    QVERIFY(!browserFilter().contains("dog"));
    QCOMPARE(bobCaption(), QString("cat"));

    undo();
    QCOMPARE(reopen().classes().byId(proj_.dog)->name, std::string("dog"));
    QCOMPARE(reopen().annotations().byId(proj_.bobBox)->classId, proj_.dog);
    const QStringList before{"cat", "dog", "bird"};
    QCOMPARE(classPanel(), before);
    QCOMPARE(reviewClasses(), before);
    QCOMPARE(deviceClasses(), before);
    QVERIFY(browserFilter().contains("dog"));
    QCOMPARE(bobCaption(), QString("dog"));
  }

  void errorTagFromAnalysisUndoesInTheItemPanel() {
    QTableWidget* attrs = win_->itemPanel()->findChild<QTableWidget*>("itemAttributes");
    auto tagShown = [attrs]() -> QString {
      for (int r = 0; r < attrs->rowCount(); ++r)
        if (attrs->item(r, 0) && attrs->item(r, 0)->text() == "error_tag") return attrs->item(r, 1)->text();
      return {};
    };
    QCOMPARE(tagShown(), QString());
    QLineEdit* edit = win_->projectDocks()->analysis()->findChild<widgets::ErrorTagEditor*>("analysisTagEditor")->lineEdit();
    QVERIFY(edit->isEnabled());  // bound to the current item, a.png
    edit->setText("blurry");
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(reopen().attributes().of(proj_.a).at("error_tag"), std::string("blurry"));
    QCOMPARE(tagShown(), QString("blurry"));

    undo();
    QVERIFY(!reopen().attributes().of(proj_.a).count("error_tag"));
    QCOMPARE(tagShown(), QString());
  }

  // Saved layouts key the docks by object name: the names stay the ones layouts were saved
  // under, whatever language the titles are in.
  void docksKeepTheirSavedLayoutNames() {
    QStringList names;
    for (const QDockWidget* d : win_->findChildren<QDockWidget*>()) names << d->objectName();
    names.sort();
    QCOMPARE(names, (QStringList{"dock_Analysis", "dock_Boxes", "dock_Classes", "dock_Dataset", "dock_Device",
                                 "dock_History", "dock_Item", "dock_LikelyErrors", "dock_Review", "dock_Shadow",
                                 "dock_Training"}));
  }

  // Another process renames the class again after Review renamed it: the undo must not write
  // the old name over theirs. It fails with a message, and the panels show the file's name.
  void reviewUndoOverAnOutsideChangeIsRefused() {
    renameInReview(proj_.dog, "hound");
    reopen().classes().rename(proj_.dog, "wolf");
    undo();
    QCOMPARE(reopen().classes().byId(proj_.dog)->name, std::string("wolf"));
    QVERIFY2(status().startsWith("Cannot undo"), qPrintable(status()));
    QVERIFY2(status().contains("changed by another process"), qPrintable(status()));
    QCOMPARE(win_->workspace()->undoStack()->count(), 0);  // dropped: the stack never disagrees
    QTRY_COMPARE(classPanel(), (QStringList{"cat", "wolf", "bird"}));

    // A merge whose moved box another process deleted: the undo of the merge is refused too
    // (restoring the class but not the box would be half an undo).
    mergeInReview(proj_.dog, "cat");
    QCOMPARE(reopen().annotations().byId(proj_.bobBox)->classId, proj_.cat);
    reopen().annotations().remove(proj_.bobBox);
    undo();
    QVERIFY(!reopen().classes().byId(proj_.dog));
    QVERIFY2(status().startsWith("Cannot undo"), qPrintable(status()));
    QVERIFY2(status().contains("removed by another process"), qPrintable(status()));
    QCOMPARE(win_->workspace()->undoStack()->count(), 0);
    QTRY_COMPARE(classPanel(), (QStringList{"cat", "bird"}));
  }
};

QTEST_MAIN(EditPathTest)
#include "test_edit_path.moc"
