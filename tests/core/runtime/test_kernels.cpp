// Each reference kernel on a case small enough to work out by hand (arithmetic in comments).
#include <QtTest>

#include <cmath>
#include <cstdint>
#include <vector>

#include "firmware/runtime/byte_io.h"
#include "firmware/runtime/ops/average_pool.h"
#include "firmware/runtime/ops/conv2d.h"
#include "firmware/runtime/ops/depthwise_conv2d.h"
#include "firmware/runtime/ops/fully_connected.h"
#include "firmware/runtime/ops/max_pool.h"
#include "firmware/runtime/ops/softmax.h"

using namespace loupe::runtime;

namespace {
// Little-endian int32 array as the blob stores per-channel parameters.
std::vector<uint8_t> le(const std::vector<int32_t>& v) {
  std::vector<uint8_t> out(v.size() * 4);
  for (std::size_t i = 0; i < v.size(); ++i) storeU32(out.data() + 4 * i, static_cast<uint32_t>(v[i]));
  return out;
}
std::vector<int> ints(const std::vector<int8_t>& v) { return {v.begin(), v.end()}; }
}  // namespace

class TestKernels : public QObject {
  Q_OBJECT
 private slots:
  void conv2dPerChannelByHand() {
    // Input 3x3x1 with zero point 1, so the kernel sees x - 1 = [0 1 2; 3 4 5; 6 7 8].
    const std::vector<int8_t> in{1, 2, 3, 4, 5, 6, 7, 8, 9};
    // Channel 0: kernel [1 -1; 2 0], bias 3, M = 0.5 (2^30, 0).
    //   sums 5, 7, 11, 13 -> +3 -> 8, 10, 14, 16 -> *0.5 -> 4, 5, 7, 8 -> +zp(-2) -> 2, 3, 5, 6 -> clamp 5.
    // Channel 1: kernel all 1, bias -20, M = 0.375 (0.75 * 2^31, -1).
    //   sums 8, 12, 20, 24 -> -12, -8, 0, 4 -> -4.5, -3, 0, 1.5 -> -5, -3, 0, 2 -> +zp -> -7, -5, -2, 0.
    const std::vector<int8_t> filter{1, -1, 2, 0, 1, 1, 1, 1};  // OHWI
    const auto mult = le({1 << 30, 1610612736}), shift = le({0, -1}), bias = le({3, -20});
    ConvParams p;
    p.inputOffset = -1;
    p.outputOffset = -2;
    p.actMax = 5;
    std::vector<int8_t> out(8);
    conv2dPerChannel(p, {mult.data(), shift.data(), bias.data()}, {3, 3, 1}, in.data(), 2, 2, filter.data(),
                     {2, 2, 2}, out.data());
    QCOMPARE(ints(out), (std::vector<int>{2, -7, 3, -5, 5, -2, 5, 0}));
  }
  void conv2dSamePaddingSkipsTheBorder() {
    // 2x2 input, 3x3 all-ones kernel, SAME, stride 1: padding 1 on each side. With input zero point
    // -10 each output is the sum of the (x + 10) in its window: padded taps add nothing.
    const std::vector<int8_t> in{-9, -8, -7, -6};  // x + 10 = 1, 2, 3, 4
    const std::vector<int8_t> filter(9, 1);
    const auto mult = le({1 << 30}), shift = le({1}), bias = le({0});  // M = 1
    ConvParams p;
    p.padH = p.padW = 1;
    p.inputOffset = 10;
    std::vector<int8_t> out(4);
    conv2dPerChannel(p, {mult.data(), shift.data(), bias.data()}, {2, 2, 1}, in.data(), 3, 3, filter.data(),
                     {2, 2, 1}, out.data());
    QCOMPARE(ints(out), (std::vector<int>{10, 10, 10, 10}));
  }
  void depthwiseWithMultiplierTwo() {
    // Input 2x2x2: channel 0 = [1 2; 3 4], channel 1 = -channel 0. 3x3 kernel, SAME, stride 2 ->
    // one output pixel whose window covers rows/cols 0..1 (leading padding 0; row/col 2 is padding).
    const std::vector<int8_t> in{1, -1, 2, -2, 3, -3, 4, -4};
    // Filter 1HWO [3][3][4]; output channel oc reads input channel oc / 2.
    std::vector<int8_t> filter(36, 0);
    auto tap = [&](int ky, int kx, int oc) -> int8_t& { return filter[(ky * 3 + kx) * 4 + oc]; };
    for (int ky = 0; ky < 2; ++ky)
      for (int kx = 0; kx < 2; ++kx) tap(ky, kx, 0) = tap(ky, kx, 2) = 1;  // sums: 10 and -10
    tap(0, 0, 1) = 2;                                                       // 2 * 1 = 2
    tap(1, 1, 3) = -1;                                                      // -1 * -4 = 4
    for (int kx = 0; kx < 3; ++kx) tap(2, kx, 3) = 100;                     // padding: must not count
    const auto mult = le({1 << 30, 1 << 30, 1 << 30, 1 << 30}), shift = le({1, 1, 1, 1}), bias = le({0, 0, 0, 1});
    ConvParams p;
    p.strideH = p.strideW = 2;
    p.depthMultiplier = 2;
    std::vector<int8_t> out(4);
    depthwiseConv2dPerChannel(p, {mult.data(), shift.data(), bias.data()}, {2, 2, 2}, in.data(), 3, 3,
                              filter.data(), {1, 1, 4}, out.data());
    QCOMPARE(ints(out), (std::vector<int>{10, 2, -10, 5}));
  }
  void fullyConnectedByHand() {
    // x - zp(10) = [0, -30, 20]; rows [1 2 3] and [-1 0 1]; biases 100, -1; M = 0.5; zp_out 5.
    // acc0 = 0 - 60 + 60 + 100 = 100 -> 50 -> 55;  acc1 = 20 - 1 = 19 -> 9.5 -> 10 -> 15.
    const std::vector<int8_t> in{10, -20, 30}, w{1, 2, 3, -1, 0, 1};
    const auto mult = le({1 << 30, 1 << 30}), shift = le({0, 0}), bias = le({100, -1});
    ConvParams p;
    p.inputOffset = -10;
    p.outputOffset = 5;
    std::vector<int8_t> out(2);
    fullyConnectedPerChannel(p, {mult.data(), shift.data(), bias.data()}, 3, in.data(), 2, w.data(), out.data());
    QCOMPARE(ints(out), (std::vector<int>{55, 15}));
  }
  void averagePoolRoundsHalfAwayFromZero() {
    const std::vector<int8_t> in{-1, -4, 1, 4};  // 1x4x1, pairs average -2.5 and 2.5
    PoolParams p;
    p.filterW = 2;
    p.strideW = 2;
    std::vector<int8_t> out(2);
    averagePool(p, {1, 4, 1}, in.data(), {1, 2, 1}, out.data());
    QCOMPARE(ints(out), (std::vector<int>{-3, 3}));
  }
  void averagePoolDoesNotCountPadding() {
    // 1x3 input [3 4 8], 1x2 filter, stride 2, SAME: windows [3 4] -> 3.5 -> 4 and [8, pad] -> 8.
    const std::vector<int8_t> in{3, 4, 8};
    PoolParams p;
    p.filterW = 2;
    p.strideW = 2;
    std::vector<int8_t> out(2);
    averagePool(p, {1, 3, 1}, in.data(), {1, 2, 1}, out.data());
    QCOMPARE(ints(out), (std::vector<int>{4, 8}));
  }
  void maxPoolSamePaddingAndClamp() {
    // 2x2x2, 2x2 filter, stride 1, SAME (trailing padding). Channel 0 = [5 -3; 7 -100], channel 1 = -128.
    const std::vector<int8_t> in{5, -128, -3, -128, 7, -128, -100, -128};
    PoolParams p;
    p.filterH = p.filterW = 2;
    p.actMax = 6;  // a fused ReLU6 with scale 1
    std::vector<int8_t> out(8);
    maxPool(p, {2, 2, 2}, in.data(), {2, 2, 2}, out.data());
    QCOMPARE(ints(out), (std::vector<int>{6, -128, -3, -128, 6, -128, -100, -128}));
  }
  void softmaxFromTheExpTable() {
    // Input scale ln 2: table[d] = 2^24 * 2^-d, so probabilities are exact powers of two ratios.
    std::vector<uint8_t> table(1024);
    for (int d = 0; d < 256; ++d)
      storeU32(table.data() + 4 * d, static_cast<uint32_t>(std::lround(16777216.0 * std::exp(-d * std::log(2.0)))));
    std::vector<int8_t> out(2);
    // [5, 4]: weights 2:1 -> 256 * 2/3 = 170.67 -> 171 - 128 = 43; 85.33 -> 85 - 128 = -43.
    const std::vector<int8_t> twoOne{5, 4};
    softmax(table.data(), {1, 1, 2}, twoOne.data(), out.data());
    QCOMPARE(ints(out), (std::vector<int>{43, -43}));
    // Equal inputs: 1/2 each -> 128 - 128 = 0; three equal: 85.33 -> -43.
    const std::vector<int8_t> equal{-7, -7};
    softmax(table.data(), {1, 1, 2}, equal.data(), out.data());
    QCOMPARE(ints(out), (std::vector<int>{0, 0}));
    std::vector<int8_t> three{9, 9, 9}, out3(3);
    softmax(table.data(), {1, 1, 3}, three.data(), out3.data());
    QCOMPARE(ints(out3), (std::vector<int>{-43, -43, -43}));
    // A certain class: 256 clamps to 127; the far extremes (d = 255) still index the table.
    const std::vector<int8_t> extreme{127, -128};
    softmax(table.data(), {1, 1, 2}, extreme.data(), out.data());
    QCOMPARE(ints(out), (std::vector<int>{127, -128}));
    // Two pixels are independent rows.
    std::vector<int8_t> rows{5, 4, 4, 5}, out4(4);
    softmax(table.data(), {1, 2, 2}, rows.data(), out4.data());
    QCOMPARE(ints(out4), (std::vector<int>{43, -43, -43, 43}));
  }
};

int runKernelTests(int argc, char** argv) {
  TestKernels t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_kernels.moc"
