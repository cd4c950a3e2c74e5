#include <QComboBox>
#include <QCompleter>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QPushButton>
#include <QtTest>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/analysis/slice_metrics.h"
#include "storage/project.h"
#include "tests/support/annotation_values.h"
#include "tests/support/cli_run.h"
#include "widgets/analysis/confusion_heatmap.h"
#include "widgets/analysis/evaluation_text.h"
#include "widgets/analysis/error_tag_editor.h"
#include "widgets/analysis/slice_table_widget.h"
#include "widgets/analysis/analysis_dock.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

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

QStringList choices(const QComboBox* box) {
  QStringList out;
  for (int i = 0; i < box->count(); ++i) out << box->itemText(i);
  return out;
}

// A slice row as `loupe slices --json` writes it (null for an undefined number).
nlohmann::json rowJson(const analysis::SliceRow& r) {
  auto num = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"slice", r.slice},          {"items", r.items},         {"share", r.share},
          {"no_prediction", r.noPrediction}, {"accuracy", num(r.accuracy)}, {"hlp", num(r.hlp)},
          {"gap", num(r.gap)},         {"priority", num(r.priority)}};
}

// By slice name: the view sorts ties its own way, the rows themselves must be the same.
std::string bySlice(nlohmann::json rows) {
  std::sort(rows.begin(), rows.end(),
            [](const nlohmann::json& a, const nlohmann::json& b) { return a["slice"] < b["slice"]; });
  return rows.dump(1);
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
    widgets::Workspace ws;  // the editor edits through the session, as in the main window
    ws.setProject(storage::Project::create(dir_.filePath("tags.loupe").toStdString()));
    storage::Project& project = ws.project();
    storage::NewItem a, b;
    a.name = "a";
    b.name = "b";
    const Id ia = project.addItem(a), ib = project.addItem(b);
    project.setAttribute(ib, kErrorTagKey, "occluded");
    QUndoStack& undo = *ws.undoStack();
    ErrorTagEditor editor(&ws);
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

  // Issue 12, defect 7: Fashion-MNIST's names, ten columns: drawn across, "T-shirt/top" ran into
  // "Trouser". Each column name must be drawn whole, inside the header band, apart from its
  // neighbours; hovering a cell names both classes.
  void heatmapColumnNamesAreReadable() {
    const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                         "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    analysis::ConfusionMatrix m = analysis::ConfusionMatrix::zeros(names);
    m.counts[1][0] = 3;
    m.counts[1][1] = 7;
    ConfusionHeatmap heatmap;
    heatmap.setMatrix(m, {});
    heatmap.resize(heatmap.sizeHint());
    const QFontMetrics fm(heatmap.font());
    for (int c = 0; c < 10; ++c) {
      const QRect r = heatmap.columnLabelRect(c);
      const int advance = fm.horizontalAdvance(QString::fromStdString(names[static_cast<std::size_t>(c)]));
      QVERIFY2(std::max(r.width(), r.height()) >= advance, names[static_cast<std::size_t>(c)].c_str());
      QVERIFY(r.top() >= 0);
      QVERIFY(r.bottom() < heatmap.cellRect(0, 0).top());
      QVERIFY(r.left() >= heatmap.cellRect(0, c).left() && r.right() <= heatmap.cellRect(0, c).right());
      if (c > 0) QVERIFY2(!r.intersects(heatmap.columnLabelRect(c - 1)), names[static_cast<std::size_t>(c)].c_str());
    }
    QCOMPARE(heatmap.toolTipAt(heatmap.cellRect(1, 0).center()),
             QString("reference: Trouser · model: T-shirt/top · 3 item(s)"));
    QCOMPARE(heatmap.toolTipAt(heatmap.columnLabelRect(9).center()), QString("model: Ankle boot"));
    QCOMPARE(heatmap.toolTipAt(QPoint(-5, -5)), QString());
  }

  // Issue 12, defect 7: the view shows a Priority sort arrow from the start; new slices must
  // come in that order, not in the order they were computed.
  void sliceTableIsSortedByPriorityWhenFilled() {
    SliceTableWidget w;
    std::vector<analysis::SliceRow> rows{analysis::makeSliceRow("split=train", 6, 10, 0.9, 0.95),
                                         analysis::makeSliceRow("split=test", 4, 10, 0.5, 0.9),
                                         analysis::makeSliceRow("source=device:1", 2, 10, 0.5, std::nullopt)};
    w.model()->setSlices(rows, {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10}, {3, 9}});
    QCOMPARE(w.view()->horizontalHeader()->sortIndicatorSection(), int(SliceTableModel::Priority));
    QCOMPARE(w.view()->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(w.model()->sliceRow(0).slice, std::string("split=test"));  // priority 0.16
    QCOMPARE(w.model()->sliceRow(1).slice, std::string("split=train"));  // 0.05 × 0.6
    QCOMPARE(w.model()->itemsOf(0), (QList<qint64>{7, 8, 9, 10}));
    // The user's own choice of column holds across a refill too.
    w.view()->sortByColumn(SliceTableModel::Items, Qt::AscendingOrder);
    w.model()->setSlices(rows, {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10}, {3, 9}});
    QCOMPARE(w.model()->sliceRow(0).slice, std::string("source=device:1"));
  }

  // Issue 12, defect 4: "vs" offers the reference and consensus labelers (the reference first
  // and chosen, as `loupe hlp` and `loupe train` default to it) and never the model itself.
  void analysisComparesAgainstTheReferenceByDefault() {
    widgets::Workspace ws;
    ws.setProject(storage::Project::create(dir_.filePath("pick.loupe").toStdString()));
    storage::Project& project = ws.project();
    project.addLabeler("alice", LabelerKind::Human);
    project.addLabeler("bob", LabelerKind::Human);
    project.addLabeler("consensus", LabelerKind::Consensus);
    project.addLabeler("ground truth", LabelerKind::Reference);
    project.addLabeler("net", LabelerKind::Model);
    widgets::AnalysisDock dock(&ws);
    QCOMPARE(dock.modelChoice()->currentText(), QString("net"));
    QCOMPARE(dock.referenceChoice()->currentText(), QString("ground truth"));
    QCOMPARE(choices(dock.referenceChoice()), (QStringList{"ground truth", "consensus", "alice", "bob"}));
    // A person evaluated against the others: never against herself.
    dock.modelChoice()->setCurrentText("alice");
    QCOMPARE(choices(dock.referenceChoice()), (QStringList{"ground truth", "consensus", "bob"}));
    QCOMPARE(dock.referenceChoice()->currentText(), QString("ground truth"));
    dock.referenceChoice()->setCurrentText("bob");
    dock.modelChoice()->setCurrentText("net");
    QCOMPARE(dock.referenceChoice()->currentText(), QString("bob"));  // the user's choice stays
    dock.modelChoice()->setCurrentText("bob");
    QVERIFY(dock.referenceChoice()->currentText() != QString("bob"));
    QCOMPARE(dock.referenceChoice()->currentText(), QString("ground truth"));
    dock.reloadLabelers();
    QCOMPARE(dock.modelChoice()->currentText(), QString("bob"));
    QCOMPARE(dock.referenceChoice()->currentText(), QString("ground truth"));
  }

  void analysisWithOnlyPeopleComparesTwoOfThem() {
    widgets::Workspace ws;
    ws.setProject(storage::Project::create(dir_.filePath("people.loupe").toStdString()));
    storage::Project& project = ws.project();
    project.addLabeler("alice", LabelerKind::Human);
    project.addLabeler("bob", LabelerKind::Human);
    widgets::AnalysisDock dock(&ws);
    QCOMPARE(dock.modelChoice()->currentText(), QString("alice"));
    QCOMPARE(dock.referenceChoice()->currentText(), QString("bob"));
  }

  // Issue 12, defect 7: the line shown while walking through errors.
  void evaluationLineNamesPredictionScoreAndReference() {
    auto project = storage::Project::create(dir_.filePath("eval.loupe").toStdString());
    const Id cat = project.addClass("cat").id, dog = project.addClass("dog").id;
    const Labeler net = project.addLabeler("net", LabelerKind::Model);
    const Labeler ref = project.addLabeler("reference", LabelerKind::Reference);
    const Labeler alice = project.addLabeler("alice", LabelerKind::Human);
    storage::NewItem it;
    it.name = "a";
    const Id a = project.addItem(it);
    it.name = "b";
    const Id b = project.addItem(it);
    project.addAnnotation(test::imageLabel(a, net.id, cat, 0.8312));
    project.addAnnotation(test::imageLabel(a, ref.id, dog));
    QCOMPARE(evaluationText(project, a, net, ref), QString("model net: cat (0.83) · reference: dog"));
    QCOMPARE(evaluationText(project, b, net, ref), QString("model net: no answer · reference: no answer"));
    // Boxes (detection) are counted; any pair of labelers can be compared.
    Annotation box = test::imageLabel(b, alice.id, cat);
    box.kind = AnnotationKind::Box;
    box.box = Box{1, 1, 5, 5};
    project.addAnnotation(box);
    project.addAnnotation(box);
    QCOMPARE(evaluationText(project, b, alice, ref), QString("model alice: 2 box(es) · reference: no answer"));
    QCOMPARE(evaluationText(project, a, ref, alice), QString("model reference: dog · reference alice: no answer"));
  }
  // Issue 13, item 2: the dock and `loupe slices` compute the table through one function, so the
  // GUI shows the saved slices too (it used to leave them out) and every number is the CLI's.
  void analysisDockShowsTheSlicesOfTheCli() {
    const QString path = dir_.filePath("same.loupe");
    {
      auto p = storage::Project::create(path.toStdString());
      const Id cat = p.addClass("cat").id, dog = p.addClass("dog").id;
      const Id ref = p.addLabeler("ref", LabelerKind::Reference).id;
      const Id net = p.addLabeler("net", LabelerKind::Model).id;
      const Id ann = p.addLabeler("ann", LabelerKind::Human).id;
      const int truth[] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
      const int model[] = {0, 1, 0, 1, 0, 1, 0, 0, 1, 1};
      const int human[] = {0, 1, 0, 1, 1, 1, 0, 1, 0, 1};
      for (int i = 0; i < 10; ++i) {
        storage::NewItem it;
        it.name = "img" + std::to_string(i + 1);
        it.split = i < 5 ? Split::Train : Split::Test;
        it.source = "import:csv";
        if (i < 3 || i == 5) it.attributes["weather"] = "rain";
        else if (i > 6) it.attributes["weather"] = "sun";
        const Id id = p.addItem(it);
        p.addAnnotation(test::imageLabel(id, ref, truth[i] ? dog : cat));
        if (i != 4) p.addAnnotation(test::imageLabel(id, net, model[i] ? dog : cat, 0.9));  // one unanswered
        p.addAnnotation(test::imageLabel(id, ann, human[i] ? dog : cat));
      }
    }
    const auto saved = test::runLoupe({"slices", path, "--model", "net", "--reference", "ref", "--save", "rainy test",
                                       "--where", "weather=rain", "--where", "split=test", "--json"});
    QCOMPARE(saved.exitCode, 0);
    const auto cli = test::runLoupe({"slices", path, "--model", "net", "--reference", "ref", "--json"});
    QCOMPARE(cli.exitCode, 0);
    const nlohmann::json cliRows = nlohmann::json::parse(cli.out)["slices"];

    widgets::Workspace ws;
    ws.setProject(storage::Project::open(path.toStdString()));
    widgets::AnalysisDock dock(&ws);
    QCOMPARE(dock.modelChoice()->currentText(), QString("net"));
    QCOMPARE(dock.referenceChoice()->currentText(), QString("ref"));
    auto* analyse = dock.findChild<QPushButton*>("analysisCompute");
    QVERIFY(analyse);
    QTest::mouseClick(analyse, Qt::LeftButton);
    QCOMPARE(dock.statusText(), QString("10 evaluated item(s)"));  // the items the reference labeled
    const SliceTableModel* table = dock.findChild<SliceTableWidget*>()->model();
    nlohmann::json guiRows = nlohmann::json::array();
    for (int r = 0; r < table->rowCount(); ++r) guiRows.push_back(rowJson(table->sliceRow(r)));

    QVERIFY2(std::any_of(guiRows.begin(), guiRows.end(), [](const nlohmann::json& r) { return r["slice"] == "rainy test"; }),
             "the saved slice is missing from the dock's table");
    QCOMPARE(QString::fromStdString(bySlice(guiRows)), QString::fromStdString(bySlice(cliRows)));
    // rainy test is img6 alone.
    for (int r = 0; r < table->rowCount(); ++r)
      if (table->sliceRow(r).slice == "rainy test") QCOMPARE(table->itemsOf(r).size(), qsizetype(1));
  }
};

QTEST_MAIN(TestAnalysisWidgets)
#include "test_analysis_widgets.moc"
