#pragma once
// A small valid int8 classifier blob for tests, written field by field after docs/model-format.md:
// 28x28x1 input -> conv 3x3/2 (4 ch, ReLU) -> max pool 2x2/2 -> dense (classes) -> softmax.
// Weights come from a seeded generator, so two seeds give two different models (different CRC and
// outputs) of the same shape.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "firmware/protocol/crc32.h"

namespace loupe::test {

class BlobWriter {
 public:
  void u8(std::uint8_t v) { b.push_back(v); }
  void u16(std::uint16_t v) { le(v, 2); }
  void u32(std::uint32_t v) { le(v, 4); }
  void i32(std::int32_t v) { le(static_cast<std::uint32_t>(v), 4); }
  void f32(float v) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, 4);
    le(bits, 4);
  }
  void pad4() {
    while (b.size() % 4) b.push_back(0);
  }
  std::vector<std::uint8_t> b;

 private:
  void le(std::uint32_t v, int n) {
    for (int k = 0; k < n; ++k) b.push_back(static_cast<std::uint8_t>(v >> (8 * k)));
  }
};

// TFLite QuantizeMultiplier.
inline void quantizeMultiplier(double m, std::int32_t& m0, std::int32_t& shift) {
  int e = 0;
  const double q = std::frexp(m, &e);
  auto r = static_cast<std::int64_t>(std::llround(q * 2147483648.0));
  if (r == 2147483648LL) {
    r /= 2;
    ++e;
  }
  m0 = static_cast<std::int32_t>(r);
  shift = e;
}

struct LayerSpec {
  std::uint8_t op, act = 0, kh = 1, kw = 1, sh = 1, sw = 1;
  std::uint16_t outC, outH, outW;
  float outScale;
  std::int32_t outZp, actMin = -128, actMax = 127;
  float inScale;
  std::int32_t inZp;
};

inline void writeRecord(BlobWriter& w, const LayerSpec& s, const std::vector<float>& wScales,
                        const std::vector<std::int8_t>& weights, const std::vector<std::uint32_t>& table) {
  const std::size_t n = wScales.size();
  const std::size_t payload = n * 16 + weights.size() + table.size() * 4;
  const std::size_t bytes = (52 + payload + 3) & ~std::size_t{3};
  w.u32(static_cast<std::uint32_t>(bytes));
  w.u8(s.op);
  w.u8(s.act);
  w.u8(0);
  w.u8(0);
  w.u8(s.kh);
  w.u8(s.kw);
  w.u8(s.sh);
  w.u8(s.sw);
  w.u16(1);
  w.u16(s.outC);
  w.u16(s.outH);
  w.u16(s.outW);
  w.f32(s.outScale);
  w.i32(s.outZp);
  w.i32(s.actMin);
  w.i32(s.actMax);
  w.f32(s.inScale);
  w.i32(s.inZp);
  w.u32(static_cast<std::uint32_t>(n));
  w.u32(static_cast<std::uint32_t>(table.empty() ? weights.size() : table.size() * 4));
  for (float f : wScales) w.f32(f);
  std::vector<std::int32_t> m0(n), sh(n);
  for (std::size_t c = 0; c < n; ++c)
    quantizeMultiplier(static_cast<double>(s.inScale) * wScales[c] / s.outScale, m0[c], sh[c]);
  for (auto v : m0) w.i32(v);
  for (auto v : sh) w.i32(v);
  for (std::size_t c = 0; c < n; ++c) w.i32(static_cast<std::int32_t>(c) * 3 - 4);  // small biases
  for (auto v : weights) w.u8(static_cast<std::uint8_t>(v));
  for (auto v : table) w.u32(v);
  w.pad4();
}

inline std::vector<std::uint8_t> tinyModel(unsigned seed, std::uint16_t classes = 4) {
  std::mt19937 rng(seed);
  auto weights = [&](std::size_t count) {
    std::vector<std::int8_t> v(count);
    for (auto& x : v) x = static_cast<std::int8_t>(static_cast<int>(rng() % 255) - 127);
    return v;
  };
  const float sIn = 1.0f / 128, s1 = 0.05f, s2 = 0.1f;
  BlobWriter w;
  for (char c : {'L', 'P', 'R', 'T'}) w.u8(static_cast<std::uint8_t>(c));
  w.u16(1);
  w.u16(32);
  w.u32(0);  // size, patched below
  w.u16(4);
  w.u16(0);
  w.u16(28);
  w.u16(28);
  w.u16(1);
  w.u16(0);
  w.f32(sIn);
  w.i32(0);
  writeRecord(w, {1, 1, 3, 3, 2, 2, 4, 13, 13, s1, -128, -128, 127, sIn, 0}, std::vector<float>(4, 0.01f),
              weights(4 * 9), {});
  writeRecord(w, {4, 0, 2, 2, 2, 2, 4, 6, 6, s1, -128, -128, 127, s1, -128}, {}, {}, {});
  writeRecord(w, {5, 0, 1, 1, 1, 1, classes, 1, 1, s2, 0, -128, 127, s1, -128},
              std::vector<float>(classes, 0.01f), weights(std::size_t{classes} * 144), {});
  std::vector<std::uint32_t> table(256);
  for (int d = 0; d < 256; ++d) table[d] = static_cast<std::uint32_t>(std::llround(16777216.0 * std::exp(-d * double{s2})));
  writeRecord(w, {6, 0, 1, 1, 1, 1, classes, 1, 1, 1.0f / 256, -128, -128, 127, s2, 0}, {}, {}, table);
  const auto size = static_cast<std::uint32_t>(w.b.size() + 4);
  for (int k = 0; k < 4; ++k) w.b[8 + k] = static_cast<std::uint8_t>(size >> (8 * k));
  const std::uint32_t crc = protocol::crc32(w.b.data(), w.b.size());
  w.u32(crc);
  return w.b;
}

}  // namespace loupe::test
