// `loupe shadow` on a hand-built project with known answers: four proposals of class A of which
// the labeler agrees with three (0.75, trend 1.0 then 0.5 in buckets of two), one pending item,
// proposing from the CLI once per item, accepting a proposal, and the refusals.
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/nn/architectures.h"
#include "core/nn/spec_io.h"
#include "storage/project.h"
#include "tests/support/cli_json.h"

using namespace loupe;
using nlohmann::json;

namespace {
Id addItem(storage::Project& p, const std::string& name) {
  storage::NewItem it;
  it.name = name;
  it.width = it.height = 28;
  storage::NewMedia m;
  m.format = "raw-gray8";
  m.bytes.assign(28 * 28, 0);
  for (std::size_t i = 0; i < m.bytes.size(); ++i) m.bytes[i] = static_cast<std::uint8_t>((i * 13) % 256);
  it.media = m;
  return p.items().add(it);
}

storage::PrelabelProposal labelProposal(Id item, Id labeler, const std::string& cls) {
  storage::PrelabelProposal p;
  p.itemId = item;
  p.labelerId = labeler;
  p.model = "net";
  p.className = cls;
  p.score = 0.8;
  return p;
}
}  // namespace

class TestCliShadow : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString project_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    project_ = dir_.filePath("shadow.loupe");
    auto p = storage::Project::create(project_.toStdString());
    const Id ann = p.labelers().add("ann", LabelerKind::Human).id;
    const Id a = p.classes().add("A", "#ff0000").id;
    const Id b = p.classes().add("B", "#0000ff").id;
    const auto& arch = nn::architecture("board28-cnn");
    p.models().store({.id = 0, .name = "net", .architecture = arch.name, .created = {},
                      .floatBlob = nn::serializeNetwork(nn::buildInitialised(arch, {"A", "B"}, 3)), .int8Blob = {},
                      .metricsJson = "{}", .labelsJson = R"(["A","B"])"});
    std::vector<Id> items;
    for (int i = 0; i < 6; ++i) items.push_back(addItem(p, "i" + std::to_string(i) + ".png"));
    for (int i = 0; i < 4; ++i) p.proposals().add({labelProposal(items[i], ann, "A")});
    p.proposals().add({labelProposal(items[4], ann, "B")});  // not answered: pending
    for (int i = 0; i < 4; ++i)
      p.annotations().add({.itemId = items[i], .labelerId = ann, .classId = i == 2 ? b : a,
                           .kind = AnnotationKind::ImageLabel});
    // i5 has no proposal and no label: what --propose-unlabeled finds.
  }

  void agreementPerClassWithTrend() {
    const json r = test::runLoupeJson({"shadow", project_, "--labeler", "ann", "--bucket", "2", "--json"});
    QCOMPARE(r["model"].get<std::string>(), std::string("net"));
    QCOMPARE(r["items"].get<int>(), 5);
    QCOMPARE(r["pending_items"].get<int>(), 1);
    QCOMPARE(r["classes"].size(), std::size_t{2});
    const json& a = r["classes"][0];
    QCOMPARE(a["class"].get<std::string>(), std::string("A"));
    QCOMPARE(a["proposals"].get<int>(), 4);
    QCOMPARE(a["answered"].get<int>(), 4);
    QCOMPARE(a["agreed"].get<int>(), 3);
    QCOMPARE(a["rate"].get<double>(), 0.75);
    QCOMPARE(a["trend"], json::parse("[1.0, 0.5]"));  // i0,i1 agree; i2 disagrees, i3 agrees
    const json& b = r["classes"][1];
    QCOMPARE(b["pending"].get<int>(), 1);
    QVERIFY(b["rate"].is_null());
    QCOMPARE(r["total"]["agreed"].get<int>(), 3);
    QVERIFY(!r.contains("proposed"));

    const auto text = test::runLoupeFinished({"shadow", project_, "--labeler", "ann"});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.find("75.0%") != std::string::npos, text.out.c_str());
  }

  void proposesOncePerItem() {
    const json r = test::runLoupeJson({"shadow", project_, "--labeler", "ann", "--propose-unlabeled", "5", "--json"});
    QCOMPARE(r["proposed"].size(), std::size_t{1});  // only i5 is neither labeled nor proposed on
    QCOMPARE(r["proposed"][0]["item"].get<std::string>(), std::string("i5.png"));
    const json& p = r["proposed"][0]["proposals"];
    QCOMPARE(p.size(), std::size_t{1});
    const auto cls = p[0]["class"].get<std::string>();
    QVERIFY(cls == "A" || cls == "B");
    QVERIFY(p[0]["box"].is_null());
    QCOMPARE(r["items"].get<int>(), 6);
    QCOMPARE(r["pending_items"].get<int>(), 2);
    // Naming an item already proposed on returns the stored proposal; nothing new is recorded.
    const json again = test::runLoupeJson({"shadow", project_, "--labeler", "ann", "--propose", "i5.png", "--json"});
    QCOMPARE(again["proposed"][0]["proposals"][0]["class"].get<std::string>(), cls);
    QCOMPARE(again["total"]["proposals"].get<int>(), 6);
  }

  // What Y does in the GUI: i4's pending B proposal becomes ann's label, so B agrees.
  void acceptWritesTheProposalsAsAnswers() {
    const json r = test::runLoupeJson({"shadow", project_, "--labeler", "ann", "--accept", "i4.png", "--json"});
    QCOMPARE(r["accepted"][0]["added"].get<int>(), 1);
    QCOMPARE(r["accepted"][0]["replaced"].get<int>(), 0);
    QCOMPARE(r["pending_items"].get<int>(), 1);  // i5 is left
    const json& b = r["classes"][1];
    QCOMPARE(b["class"].get<std::string>(), std::string("B"));
    QCOMPARE(b["agreed"].get<int>(), 1);
    QCOMPARE(b["rate"].get<double>(), 1.0);
    const auto p = storage::Project::open(project_.toStdString(), storage::OpenMode::ReadOnly);
    const auto answers = p.annotations().of(p.items().byName("i4.png")->item.id, p.labelers().byName("ann")->id);
    QCOMPARE(answers.size(), std::size_t{1});
    QCOMPARE(p.classes().byId(answers[0].classId)->name, std::string("B"));
  }

  void refusals() {
    auto r = test::runLoupeFinished({"shadow", project_, "--labeler", "nobody", "--json"});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.find("unknown labeler 'nobody'") != std::string::npos, r.err.c_str());
    r = test::runLoupeFinished({"shadow", project_, "--labeler", "ann", "--model", "nope", "--json"});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.find("unknown model 'nope'") != std::string::npos, r.err.c_str());
    r = test::runLoupeFinished({"shadow", project_, "--labeler", "ann", "--propose", "missing.png"});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.find("unknown item 'missing.png'") != std::string::npos, r.err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestCliShadow)
#include "test_cli_shadow.moc"
