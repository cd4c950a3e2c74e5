// TFLite's fixed-point primitives, checked against values worked out by hand from their
// definitions (gemmlowp fixedpoint.h, TFLite common.h) and the board-and-int8 note.
#include <QtTest>

#include <cstdint>

#include "firmware/runtime/crc32.h"
#include "firmware/runtime/quant_math.h"

using namespace loupe::runtime;

class TestQuantMath : public QObject {
  Q_OBJECT
 private slots:
  void doublingHighMulSaturatesOnlyForMinTimesMin() {
    QCOMPARE(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN), INT32_MAX);
    // INT32_MIN * INT32_MAX = -2^31 * (2^31 - 1): doubled high part is -(2^31 - 1).
    QCOMPARE(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MAX), -INT32_MAX);
    QCOMPARE(saturatingRoundingDoublingHighMul(INT32_MAX, INT32_MAX), INT32_MAX - 1);
  }
  void doublingHighMulIsProductOver2To31() {
    QCOMPARE(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);
    QCOMPARE(saturatingRoundingDoublingHighMul(1000, 1 << 30), 500);
    QCOMPARE(saturatingRoundingDoublingHighMul(-1000, 1 << 30), -500);
    QCOMPARE(saturatingRoundingDoublingHighMul(0, INT32_MAX), 0);
  }
  void doublingHighMulRoundsTiesUpward() {
    // 1 * 2^30 / 2^31 = 0.5 -> 1, but -0.5 -> 0 (nudge 1 - 2^30) and -1.5 -> -1, 1.5 -> 2.
    QCOMPARE(saturatingRoundingDoublingHighMul(1, 1 << 30), 1);
    QCOMPARE(saturatingRoundingDoublingHighMul(-1, 1 << 30), 0);
    QCOMPARE(saturatingRoundingDoublingHighMul(3, 1 << 30), 2);
    QCOMPARE(saturatingRoundingDoublingHighMul(-3, 1 << 30), -1);
    // Not a tie: -0.75 -> -1, 0.25 -> 0.
    QCOMPARE(saturatingRoundingDoublingHighMul(-3, 1 << 29), -1);
    QCOMPARE(saturatingRoundingDoublingHighMul(1, 1 << 29), 0);
  }
  void roundingDivideByPOTRoundsHalfAwayFromZero() {
    QCOMPARE(roundingDivideByPOT(5, 1), 3);    // 2.5
    QCOMPARE(roundingDivideByPOT(-5, 1), -3);  // -2.5
    QCOMPARE(roundingDivideByPOT(-6, 2), -2);  // -1.5
    QCOMPARE(roundingDivideByPOT(-7, 2), -2);  // -1.75
    QCOMPARE(roundingDivideByPOT(-5, 2), -1);  // -1.25
    QCOMPARE(roundingDivideByPOT(-4, 2), -1);  // exact
    QCOMPARE(roundingDivideByPOT(6, 2), 2);    // 1.5
    QCOMPARE(roundingDivideByPOT(-1, 0), -1);  // exponent 0 is the identity
    QCOMPARE(roundingDivideByPOT(INT32_MIN, 31), -1);
    QCOMPARE(roundingDivideByPOT(INT32_MAX, 31), 1);  // 0.99999...
  }
  void multiplyByQuantizedMultiplier_data() {
    QTest::addColumn<int>("x");
    QTest::addColumn<int>("m0");
    QTest::addColumn<int>("shift");
    QTest::addColumn<int>("expected");
    // M = 0.5: 3 * 0.5 = 1.5 -> 2 (doubling high mul rounds the tie up).
    QTest::newRow("half") << 3 << (1 << 30) << 0 << 2;
    QTest::newRow("half negative") << -3 << (1 << 30) << 0 << -1;
    // M = 0.25 (2^30, -1): 100 -> 50 -> 25.
    QTest::newRow("quarter") << 100 << (1 << 30) << -1 << 25;
    // M = 0.375 = 0.75 * 2^-1: -12 -> -9 -> -4.5 -> -5 (rounding shift: half away from zero).
    QTest::newRow("right shift tie") << -12 << 1610612736 << -1 << -5;
    // M = 2.0 = 0.5 * 2^2: positive shifts go left first.
    QTest::newRow("left shift") << 3 << (1 << 30) << 2 << 6;
    // M = 1/sqrt(2)/8: 1000 * 0.0883883... = 88.39 -> 88.
    QTest::newRow("irrational") << 1000 << 1518500250 << -3 << 88;
    // M = (2^31-1)/2^31 * 2^-31 -> everything below 2^30 in magnitude goes to 0.
    QTest::newRow("tiny") << (1 << 29) << INT32_MAX << -31 << 0;
    QTest::newRow("min x min") << INT32_MIN << INT32_MIN << 0 << INT32_MAX;
  }
  void multiplyByQuantizedMultiplier() {
    QFETCH(int, x);
    QFETCH(int, m0);
    QFETCH(int, shift);
    QFETCH(int, expected);
    QCOMPARE(loupe::runtime::multiplyByQuantizedMultiplier(x, m0, shift), expected);
  }
  void crc32MatchesTheStandardCheckValue() {
    const char* text = "123456789";
    QCOMPARE(crc32(reinterpret_cast<const uint8_t*>(text), 9), 0xCBF43926u);
    QCOMPARE(crc32(nullptr, 0), 0u);
    // Incremental use gives the same value.
    const uint32_t part = crc32(reinterpret_cast<const uint8_t*>(text), 4);
    QCOMPARE(crc32(reinterpret_cast<const uint8_t*>(text) + 4, 5, part), 0xCBF43926u);
  }
};

int runQuantMathTests(int argc, char** argv) {
  TestQuantMath t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_quant_math.moc"
