#include <QtTest>

#include "core/domain/errors.h"
#include "core/domain/types.h"

using namespace loupe;

class TestDomain : public QObject {
  Q_OBJECT
 private slots:
  void enumsRoundTripThroughText() {
    for (auto s : {Split::Unassigned, Split::Train, Split::Val, Split::Test})
      QCOMPARE(splitFromString(toString(s)), std::optional<Split>(s));
    for (auto k : {LabelerKind::Human, LabelerKind::Model, LabelerKind::Reference, LabelerKind::Consensus})
      QCOMPARE(labelerKindFromString(toString(k)), std::optional<LabelerKind>(k));
    QCOMPARE(toString(Split::Val), std::string_view("val"));
    QVERIFY(!splitFromString("validation").has_value());
  }

  void inputErrorNamesFileLineAndField() {
    const InputError e({"labels.csv", 7, "column w"}, "not a number: 'abc'");
    QCOMPARE(std::string(e.what()), std::string("labels.csv:7: column w: not a number: 'abc'"));
    const InputError noLine({"a.json", 0, "images[2].width"}, "missing");
    QCOMPARE(std::string(noLine.what()), std::string("a.json: images[2].width: missing"));
  }
};

QTEST_GUILESS_MAIN(TestDomain)
#include "test_domain.moc"
