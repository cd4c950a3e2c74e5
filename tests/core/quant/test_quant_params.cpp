// The converter's parameter choices against TFLite's definitions, with hand-computed values.
#include <QtTest>

#include <cmath>
#include <limits>

#include "core/quant/converter.h"
#include "core/quant/quantize_multiplier.h"

using namespace loupe::quant;
using namespace loupe::nn;

class TestQuantParams : public QObject {
  Q_OBJECT
 private slots:
  void quantizeMultiplierKnownValues() {
    QCOMPARE(quantizeMultiplier(0.5), (QuantizedMultiplier{1 << 30, 0}));
    QCOMPARE(quantizeMultiplier(1.0), (QuantizedMultiplier{1 << 30, 1}));
    QCOMPARE(quantizeMultiplier(0.25), (QuantizedMultiplier{1 << 30, -1}));
    QCOMPARE(quantizeMultiplier(0.75), (QuantizedMultiplier{1610612736, 0}));  // 0.75 * 2^31
    QCOMPARE(quantizeMultiplier(0.0), (QuantizedMultiplier{0, 0}));
    // 1/sqrt(2) = 0.70710678118...: round(0.70710678118 * 2^31) = 1518500250.
    QCOMPARE(quantizeMultiplier(std::sqrt(0.5)), (QuantizedMultiplier{1518500250, 0}));
  }
  void quantizeMultiplierEdges() {
    // A mantissa that rounds up to 2^31 is halved and the shift bumped.
    QCOMPARE(quantizeMultiplier(1.0 - std::ldexp(1.0, -40)), (QuantizedMultiplier{1 << 30, 1}));
    // Below 2^-32 the shift would be < -31: the multiplier flushes to zero.
    QCOMPARE(quantizeMultiplier(std::ldexp(1.0, -40)), (QuantizedMultiplier{0, 0}));
    QCOMPARE(quantizeMultiplier(std::ldexp(1.0, -32)), (QuantizedMultiplier{1 << 30, -31}));
    // Above 2^30 the shift saturates.
    QCOMPARE(quantizeMultiplier(std::ldexp(1.0, 40)), (QuantizedMultiplier{std::numeric_limits<std::int32_t>::max(), 30}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, quantizeMultiplier(-1.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, quantizeMultiplier(std::nan("")));
  }
  void asymmetricParamsNudgeTheZeroPoint() {
    // [0, 6] (ReLU6): scale 6/255, zero point -128.
    QCOMPARE(chooseAsymmetricInt8(0.0f, 6.0f), (QuantParams{6.0f / 255.0f, -128}));
    // [-1, 1]: zero point -0.5 from the max end (smaller error), rounded away from zero to -1.
    QCOMPARE(chooseAsymmetricInt8(-1.0f, 1.0f), (QuantParams{2.0f / 255.0f, -1}));
    // [-3, 1]: zero point -128 + 3 / (4/255) = 63.25 -> 63.
    QCOMPARE(chooseAsymmetricInt8(-3.0f, 1.0f), (QuantParams{4.0f / 255.0f, 63}));
    // Ranges are widened to contain 0 so that 0 (padding, ReLU) is exact.
    QCOMPARE(chooseAsymmetricInt8(0.5f, 2.0f), (QuantParams{2.0f / 255.0f, -128}));
    QCOMPARE(chooseAsymmetricInt8(-2.0f, -0.5f), (QuantParams{2.0f / 255.0f, 127}));
    QCOMPARE(chooseAsymmetricInt8(0.0f, 0.0f), (QuantParams{1.0f, 0}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, chooseAsymmetricInt8(1.0f, -1.0f));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, chooseAsymmetricInt8(0.0f, std::numeric_limits<float>::infinity()));
  }
  void quantizeValueRoundsHalfAwayAndClamps() {
    const QuantParams q{0.5f, 3};
    QCOMPARE(int(quantizeValue(0.25f, q)), 4);   // 0.5 -> 1, + 3
    QCOMPARE(int(quantizeValue(-0.25f, q)), 2);  // -0.5 -> -1, + 3
    QCOMPARE(int(quantizeValue(1000.0f, q)), 127);
    QCOMPARE(int(quantizeValue(-1000.0f, q)), -128);
    // The contract's input: (p - 128) / 128 with scale 1/128 is exactly p - 128.
    for (int p : {0, 1, 127, 128, 200, 255})
      QCOMPARE(int(quantizeValue(normalisePixel(static_cast<unsigned char>(p)), {kInputScale, 0})), p - 128);
  }
  void perChannelScalesFollowTheChannelAxis() {
    // Conv 1x1, 2 inputs, 2 outputs (OHWI): channel 0 = [0.5, -1.27], channel 1 all zero.
    LayerSpec conv{.type = LayerType::Conv2D, .outChannels = 2, .weights = {0.5f, -1.27f, 0.0f, 0.0f}};
    const auto cs = perChannelWeightScales(conv, 2);
    QCOMPARE(cs[0], 1.27f / 127.0f);
    QCOMPARE(cs[1], 1.0f);
    // Depthwise 2x1 kernel, 2 channels (1HWO: channel is the innermost axis).
    LayerSpec dw{.type = LayerType::DepthwiseConv2D, .kernelH = 2, .weights = {1.0f, -2.0f, -4.0f, 0.5f}};
    const auto ds = perChannelWeightScales(dw, 2);
    QCOMPARE(ds[0], 4.0f / 127.0f);
    QCOMPARE(ds[1], 2.0f / 127.0f);
  }
  void activationRangesAreClampsInQuantisedUnits() {
    std::int32_t lo = 0, hi = 0;
    activationRange(Activation::None, {0.1f, 5}, lo, hi);
    QCOMPARE(lo, -128);
    QCOMPARE(hi, 127);
    activationRange(Activation::ReLU, {0.1f, -10}, lo, hi);
    QCOMPARE(lo, -10);
    QCOMPARE(hi, 127);
    activationRange(Activation::ReLU6, {0.05f, -10}, lo, hi);  // 6 / 0.05 = 120
    QCOMPARE(lo, -10);
    QCOMPARE(hi, 110);
    activationRange(Activation::ReLU6, {6.0f / 255.0f, -128}, lo, hi);
    QCOMPARE(lo, -128);
    QCOMPARE(hi, 127);
  }
  void softmaxTableHalvesPerStepAtScaleLn2() {
    const auto t = softmaxExpTable(float(std::log(2.0)));
    QCOMPARE(t.size(), std::size_t(256));
    QCOMPARE(t[0], 1u << 24);
    QCOMPARE(t[1], 1u << 23);
    QCOMPARE(t[10], 1u << 14);
    QCOMPARE(t[24], 1u);
    QCOMPARE(t[26], 0u);
    QCOMPARE(t[255], 0u);
  }
  void denseLayerQuantisedByHand() {
    // input 1x1x2, dense 1: w = [0.5, -0.25], b = 0.1; output calibrated to [-1, 1].
    NetworkSpec net{.arch = "t", .input = {1, 1, 2}, .classes = {}, .layers = {
        {.type = LayerType::Dense, .outChannels = 1, .weights = {0.5f, -0.25f}, .bias = {0.1f}}}};
    const QuantizedModel q = quantize(net, {{-1, 1}, {-1, 1}});
    const QuantizedLayer& l = q.layers[0];
    QCOMPARE(l.weightScales[0], 0.5f / 127.0f);
    // -0.25 / (0.5/127) = -63.5 -> -64 (half away from zero).
    QCOMPARE(std::vector<int>(l.weights.begin(), l.weights.end()), (std::vector<int>{127, -64}));
    // 0.1 / (1/128 * 0.5/127) = 3251.2 -> 3251.
    QCOMPARE(l.bias[0], 3251);
    QCOMPARE(l.outQ, (QuantParams{2.0f / 255.0f, -1}));
    // M = (1/128)(0.5/127)/(2/255) = 0.0039216...: frexp -> 0.50196.. * 2^-7.
    const double m = l.multipliers[0].multiplier * std::ldexp(1.0, l.multipliers[0].shift - 31);
    QVERIFY(std::abs(m - 63.75 / 16256.0) < 1e-9);
    QCOMPARE(l.multipliers[0].shift, -7);
  }
};

int runQuantParamTests(int argc, char** argv) {
  TestQuantParams t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_quant_params.moc"
