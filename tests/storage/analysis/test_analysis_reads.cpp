#include <QTemporaryDir>
#include <QtTest>

#include "storage/analysis_reads.h"
#include "storage/project.h"

using namespace loupe;

namespace {

Id addItem(storage::Project& p, const std::string& name, Split split, std::map<std::string, std::string> attrs = {}) {
  storage::NewItem it;
  it.name = name;
  it.split = split;
  it.source = "device:7";
  it.attributes = std::move(attrs);
  return p.addItem(it);
}

void label(storage::Project& p, Id item, Id labeler, Id cls) {
  Annotation a;
  a.itemId = item;
  a.labelerId = labeler;
  a.classId = cls;
  p.addAnnotation(a);
}

}  // namespace

class TestAnalysisReads : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void rowsLabelsAndFacets() {
    const auto path = dir_.filePath("reads.loupe").toStdString();
    {
      auto p = storage::Project::create(path);
      const auto a = p.addClass("a").id, b = p.addClass("b").id;
      const auto ref = p.addLabeler("ref", LabelerKind::Reference).id;
      const auto net = p.addLabeler("net", LabelerKind::Model).id;
      const auto ann = p.addLabeler("ann", LabelerKind::Human).id;
      const Id i1 = addItem(p, "i1", Split::Train, {{"class", "odd"}, {"weather", "sun"}});
      const Id i2 = addItem(p, "i2", Split::Test, {{"weather", "rain"}});
      const Id i3 = addItem(p, "i3", Split::Test);
      const Id i4 = addItem(p, "i4", Split::Train);  // no reference label: not a row
      label(p, i1, ref, a);
      label(p, i2, ref, a);
      label(p, i2, ref, b);  // relabelled: the latest counts
      label(p, i3, ref, b);
      label(p, i3, ref, a);  // relabelled to a class of lower id: still the latest counts
      label(p, i1, net, a);
      label(p, i2, net, b);
      label(p, i2, net, a);  // likewise for the model
      label(p, i4, net, b);
      label(p, i3, ann, b);
    }
    const auto project = storage::Project::open(path);
    const auto t = storage::loadEvalTable(project, {"net", "ref", std::nullopt, true});
    QVERIFY(t.task == analysis::TaskKind::Classification);
    QCOMPARE(t.rows(), std::size_t{3});
    QCOMPARE(t.reference.label, (std::vector<std::int32_t>{0, 1, 0}));
    QCOMPARE(t.model.label, (std::vector<std::int32_t>{0, 0, -1}));
    QCOMPARE(t.humans.size(), std::size_t{1});
    QCOMPARE(t.humans[0].label, (std::vector<std::int32_t>{-1, -1, 1}));
    QVERIFY(t.facet("split") && t.facet("source") && t.facet("weather") && t.facet("attr:class"));
    // Attribute rows arrive grouped by value (index order); codes still land on the right rows.
    QCOMPARE(t.facet("weather")->values, (std::vector<std::string>{"rain", "sun"}));
    QCOMPARE(t.facet("weather")->codes, (std::vector<std::int32_t>{1, 0, -1}));
    QCOMPARE(t.facet("split")->values, (std::vector<std::string>{"test", "train"}));  // sorted
    QCOMPARE(analysis::selectRows(t, analysis::parseSlice("attr:class=odd")), (analysis::RowSet{0}));
    QCOMPARE(analysis::selectRows(t, analysis::parseSlice("source=device:7&split=test")), (analysis::RowSet{1, 2}));

    const auto only = storage::loadEvalTable(project, {"net", "ref", std::vector<std::string>{"split"}, false});
    QCOMPARE(only.facets.size(), std::size_t{1});
    QCOMPARE(only.facets[0].values, (std::vector<std::string>{"test", "train"}));
    QCOMPARE(only.facets[0].codes, (std::vector<std::int32_t>{1, 0, 0}));  // i1 train, i2 and i3 test
    QVERIFY(only.humans.empty());

    try {
      storage::loadEvalTable(project, {"nobody", "ref", std::nullopt, true});
      QFAIL("no error");
    } catch (const std::invalid_argument& e) {
      QCOMPARE(std::string(e.what()), std::string("no labeler named 'nobody' (model)"));
    }
  }

  void leakageItemsHashStoredMedia() {
    const auto path = dir_.filePath("media.loupe").toStdString();
    {
      auto p = storage::Project::create(path);
      storage::NewItem it;
      it.name = "gray";
      it.split = Split::Train;
      it.groupKey = "g";
      it.width = it.height = 32;
      std::vector<std::uint8_t> pixels(32 * 32);
      for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>((i % 32) * 8);
      it.media = storage::NewMedia{pixels, {}, "raw-gray8", {}};
      p.addItem(it);
      it.name = "broken";
      it.media = storage::NewMedia{{1, 2, 3, 4}, {}, "png", {}};
      p.addItem(it);
      it.name = "nomedia";
      it.media.reset();
      p.addItem(it);
    }
    const auto project = storage::Project::open(path);
    const auto load = storage::loadLeakageItems(project, true);
    QCOMPARE(load.items.size(), std::size_t{3});
    QVERIFY(load.items[0].perceptualHash.has_value());
    QCOMPARE(load.items[0].contentHash.size(), std::size_t{64});  // hex SHA-256
    QCOMPARE(load.items[0].groupKey, std::string("g"));
    QVERIFY(!load.items[1].perceptualHash.has_value());
    QCOMPARE(load.warnings.size(), std::size_t{1});
    QVERIFY(load.warnings[0].starts_with("broken: "));
    QVERIFY(!load.items[2].perceptualHash.has_value());
    QVERIFY(!storage::loadLeakageItems(project, false).items[0].perceptualHash.has_value());
  }
};

QTEST_GUILESS_MAIN(TestAnalysisReads)
#include "test_analysis_reads.moc"
