#include <QtTest>

#include "core/domain/class_order.h"
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

  // Issue 13, item 2: the class panel's drag-to-reorder, moved out of MainWindow.
  void moveClassPutsTheClassAtThePosition() {
    using Order = std::vector<Id>;
    const Order order{10, 20, 30, 40};
    QCOMPARE(moveClass(order, 30, 0), std::optional<Order>(Order{30, 10, 20, 40}));
    QCOMPARE(moveClass(order, 10, 2), std::optional<Order>(Order{20, 30, 10, 40}));
    QCOMPARE(moveClass(order, 20, 3), std::optional<Order>(Order{10, 30, 40, 20}));  // the end
    QCOMPARE(moveClass(order, 20, 1), std::optional<Order>(order));                  // where it is
    QCOMPARE(moveClass(order, 40, -5), std::optional<Order>(Order{40, 10, 20, 30}));  // clamped
    QCOMPARE(moveClass(order, 10, 99), std::optional<Order>(Order{20, 30, 40, 10}));
    QCOMPARE(moveClass(order, 99, 0), std::optional<Order>());  // not a class of the list
    QCOMPARE(moveClass({}, 1, 0), std::optional<Order>());
  }
};

QTEST_GUILESS_MAIN(TestDomain)
#include "test_domain.moc"
