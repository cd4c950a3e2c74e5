#include <QtTest/QtTest>

#include <cmath>

#include "core/active_learning/uncertainty.h"

using namespace loupe::active_learning;

class TestUncertainty : public QObject {
  Q_OBJECT
 private slots:
  void margin() {
    const float p[] = {0.5f, 0.3f, 0.2f};
    QVERIFY(std::abs(uncertainty(p, 3, Uncertainty::Margin) - 0.8) < 1e-6);  // 1 - (0.5 - 0.3)
    const float sure[] = {0.0f, 1.0f, 0.0f};
    QCOMPARE(uncertainty(sure, 3, Uncertainty::Margin), 0.0);
    const float tie[] = {0.25f, 0.375f, 0.375f};
    QCOMPARE(uncertainty(tie, 3, Uncertainty::Margin), 1.0);
  }

  void entropy() {
    // -(0.5 ln 0.5 + 0.3 ln 0.3 + 0.2 ln 0.2) / ln 3 = 1.029653 / 1.098612 = 0.937231
    const float p[] = {0.5f, 0.3f, 0.2f};
    QVERIFY(std::abs(uncertainty(p, 3, Uncertainty::Entropy) - 0.937231) < 1e-5);
    const float uniform[] = {0.25f, 0.25f, 0.25f, 0.25f};
    QVERIFY(std::abs(uncertainty(uniform, 4, Uncertainty::Entropy) - 1.0) < 1e-9);
    const float sure[] = {1.0f, 0.0f};
    QCOMPARE(uncertainty(sure, 2, Uncertainty::Entropy), 0.0);
  }

  void ordersAgreeOnExtremes() {
    const float a[] = {0.9f, 0.05f, 0.05f}, b[] = {0.4f, 0.35f, 0.25f};
    for (auto m : {Uncertainty::Margin, Uncertainty::Entropy}) QVERIFY(uncertainty(b, 3, m) > uncertainty(a, 3, m));
  }

  void names() {
    QCOMPARE(uncertaintyFromString("entropy"), std::optional<Uncertainty>(Uncertainty::Entropy));
    QVERIFY(!uncertaintyFromString("random"));
    QCOMPARE(toString(Uncertainty::Margin), std::string_view("margin"));
    const float one[] = {1.0f};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, uncertainty(one, 1, Uncertainty::Margin));
  }
};

QTEST_GUILESS_MAIN(TestUncertainty)
#include "test_uncertainty.moc"
