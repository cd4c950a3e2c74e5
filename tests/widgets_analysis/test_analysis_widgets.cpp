#include <QCompleter>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "core/analysis/slice_metrics.h"
#include "storage/project.h"
#include "widgets/analysis/confusion_heatmap.h"
#include "widgets/analysis/error_tag_editor.h"
#include "widgets/analysis/slice_table_widget.h"

using namespace loupe;
using namespace loupe::analysis_ui;

namespace {

// Rows 11..18: reference 0,0,0,0,1,1,1,1; model 0,1,0,1,1,1,0,1 → cells (0,1) = {12, 14}, (1,0) = {17}.
analysis::EvalTable table() {
  analysis::EvalTable t;
  t.classes = {"cat", "dog"};
  t.itemIds = {11, 12, 13, 14, 15, 16, 17, 18};
  t.reference = {"ref", LabelerKind::Reference, {0, 0, 0, 0, 1, 1, 1, 1}, {}, {}};
  t.model = {"net", LabelerKind::Model, {0, 1, 0, 1, 1, 1, 0, 1}, {}, {}};
  return t;
}

}  // namespace

class TestAnalysisWidgets : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void clickingACellEmitsExactlyItsItems() {
    const auto t = table();
    std::vector<std::vector<std::vector<Id>>> cells;
    auto m = analysis::confusionOn(t, t.model, analysis::selectRows(t, {}), cells);
    ConfusionHeatmap heatmap;
    heatmap.resize(400, 400);
    heatmap.setMatrix(m, cells);
    heatmap.show();
    QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
    QSignalSpy spy(&heatmap, &ConfusionHeatmap::cellClicked);
    QTest::mouseClick(&heatmap, Qt::LeftButton, {}, heatmap.cellRect(0, 1).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 0);
    QCOMPARE(spy.at(0).at(1).toInt(), 1);
    QCOMPARE(spy.at(0).at(2).value<QList<qint64>>(), (QList<qint64>{12, 14}));
    QTest::mouseClick(&heatmap, Qt::LeftButton, {}, heatmap.cellRect(1, 0).center());
    QCOMPARE(spy.at(1).at(2).value<QList<qint64>>(), (QList<qint64>{17}));
    // Outside the grid: nothing.
    QTest::mouseClick(&heatmap, Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(spy.count(), 2);
  }

  void countsAndRowNormalizedToggle() {
    const auto t = table();
    std::vector<std::vector<std::vector<Id>>> cells;
    ConfusionHeatmap heatmap;
    heatmap.setMatrix(analysis::confusionOn(t, t.model, analysis::selectRows(t, {}), cells), cells);
    QCOMPARE(heatmap.cellText(0, 1), QString("2"));
    QCOMPARE(heatmap.cellText(1, 1), QString("3"));
    heatmap.setNormalized(true);
    QCOMPARE(heatmap.cellText(0, 1), QString("50.0%"));
    QCOMPARE(heatmap.cellText(1, 1), QString("75.0%"));
  }

  void sliceTableSortsAndSelectionEmitsItems() {
    SliceTableWidget w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    std::vector<analysis::SliceRow> rows{analysis::makeSliceRow("split=train", 6, 10, 0.9, 0.95),
                                         analysis::makeSliceRow("split=test", 4, 10, 0.5, 0.9),
                                         analysis::makeSliceRow("source=device:1", 2, 10, 0.5, std::nullopt)};
    rows[1].noPrediction = 3;  // test items the model has not answered yet
    w.model()->setSlices(rows, {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10}, {3, 9}});
    w.view()->sortByColumn(SliceTableModel::Priority, Qt::DescendingOrder);
    QCOMPARE(w.model()->sliceRow(0).slice, std::string("split=test"));  // 0.4 × 0.4 = 0.16
    QCOMPARE(w.model()->sliceRow(2).slice, std::string("source=device:1"));  // no HLP: last
    QCOMPARE(w.model()->data(w.model()->index(0, SliceTableModel::Priority), Qt::DisplayRole).toString(),
             QString("16.0%"));
    QCOMPARE(w.model()->data(w.model()->index(2, SliceTableModel::Hlp), Qt::DisplayRole).toString(), QString("–"));
    QCOMPARE(w.model()->data(w.model()->index(0, SliceTableModel::NoPrediction), Qt::DisplayRole).toString(),
             QString("3"));
    QCOMPARE(w.model()->headerData(SliceTableModel::NoPrediction, Qt::Horizontal, Qt::DisplayRole).toString(),
             QString("No prediction"));
    w.view()->sortByColumn(SliceTableModel::Items, Qt::AscendingOrder);
    QCOMPARE(w.model()->sliceRow(0).slice, std::string("source=device:1"));
    QSignalSpy spy(&w, &SliceTableWidget::sliceSelected);
    w.view()->selectRow(2);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QString("split=train"));
    QCOMPARE(spy.at(0).at(1).value<QList<qint64>>(), (QList<qint64>{1, 2, 3, 4, 5, 6}));
  }

  void errorTagsAreUndoableAttributesWithCompletion() {
    auto project = storage::Project::create(dir_.filePath("tags.loupe").toStdString());
    storage::NewItem a, b;
    a.name = "a";
    b.name = "b";
    const Id ia = project.addItem(a), ib = project.addItem(b);
    project.setAttribute(ib, kErrorTagKey, "occluded");
    QUndoStack undo;
    ErrorTagEditor editor(project, &undo);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QCOMPARE(qobject_cast<QStringListModel*>(editor.completer()->model())->stringList(), QStringList{"occluded"});
    QVERIFY(!editor.lineEdit()->isEnabled());
    editor.setItem(ia);
    QTest::keyClicks(editor.lineEdit(), "blurry");
    QTest::keyClick(editor.lineEdit(), Qt::Key_Return);
    QCOMPARE(project.attributes(ia).at(kErrorTagKey), std::string("blurry"));
    QCOMPARE(qobject_cast<QStringListModel*>(editor.completer()->model())->stringList(),
             (QStringList{"blurry", "occluded"}));
    undo.undo();
    QVERIFY(!project.attributes(ia).count(kErrorTagKey));
    undo.redo();
    QCOMPARE(project.attributes(ia).at(kErrorTagKey), std::string("blurry"));
    // Re-tagging b replaces its tag; undo restores the old one.
    editor.setItem(ib);
    QCOMPARE(editor.lineEdit()->text(), QString("occluded"));
    editor.lineEdit()->setText("label noise");
    QTest::keyClick(editor.lineEdit(), Qt::Key_Return);
    QCOMPARE(project.attributes(ib).at(kErrorTagKey), std::string("label noise"));
    undo.undo();
    QCOMPARE(project.attributes(ib).at(kErrorTagKey), std::string("occluded"));
  }
};

QTEST_MAIN(TestAnalysisWidgets)
#include "test_analysis_widgets.moc"
