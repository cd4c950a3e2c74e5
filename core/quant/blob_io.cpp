#include "core/quant/blob_io.h"

#include <bit>
#include <stdexcept>
#include <string>

#include "firmware/runtime/blob_format.h"
#include "firmware/runtime/byte_io.h"
#include "firmware/runtime/crc32.h"
#include "firmware/runtime/model.h"

namespace loupe::quant {
namespace {

namespace b = loupe::runtime::blob;

b::Op toOp(nn::LayerType t) {
  switch (t) {
    case nn::LayerType::Conv2D: return b::Op::Conv2D;
    case nn::LayerType::DepthwiseConv2D: return b::Op::DepthwiseConv2D;
    case nn::LayerType::AveragePool2D: return b::Op::AveragePool2D;
    case nn::LayerType::MaxPool2D: return b::Op::MaxPool2D;
    case nn::LayerType::Dense: return b::Op::FullyConnected;
    case nn::LayerType::Softmax: return b::Op::Softmax;
  }
  throw std::logic_error("unknown layer type");
}
nn::LayerType fromOp(b::Op op) {
  switch (op) {
    case b::Op::Conv2D: return nn::LayerType::Conv2D;
    case b::Op::DepthwiseConv2D: return nn::LayerType::DepthwiseConv2D;
    case b::Op::AveragePool2D: return nn::LayerType::AveragePool2D;
    case b::Op::MaxPool2D: return nn::LayerType::MaxPool2D;
    case b::Op::FullyConnected: return nn::LayerType::Dense;
    case b::Op::Softmax: return nn::LayerType::Softmax;
  }
  throw std::logic_error("unknown op");
}

class Writer {
 public:
  std::size_t size() const { return bytes_.size(); }
  void u8(std::uint8_t v) { bytes_.push_back(v); }
  void u16(int v) {
    if (v < 0 || v > 0xFFFF) throw std::invalid_argument("model blob: value " + std::to_string(v) + " exceeds 16 bits");
    bytes_.resize(bytes_.size() + 2);
    loupe::runtime::storeU16(bytes_.data() + bytes_.size() - 2, static_cast<std::uint16_t>(v));
  }
  void u8Checked(int v) {
    if (v < 0 || v > 0xFF) throw std::invalid_argument("model blob: value " + std::to_string(v) + " exceeds 8 bits");
    u8(static_cast<std::uint8_t>(v));
  }
  void u32(std::uint32_t v) {
    bytes_.resize(bytes_.size() + 4);
    loupe::runtime::storeU32(bytes_.data() + bytes_.size() - 4, v);
  }
  void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
  void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }
  void pad4() {
    while (bytes_.size() % 4) u8(0);
  }
  void patchU32(std::size_t at, std::uint32_t v) { loupe::runtime::storeU32(bytes_.data() + at, v); }
  std::vector<std::uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace

std::vector<std::uint8_t> writeBlob(const QuantizedModel& model) {
  Writer w;
  for (auto c : b::kMagic) w.u8(c);
  w.u16(b::kVersion);
  w.u16(b::kHeaderBytes);
  w.u32(0);  // blob size, patched below
  w.u16(static_cast<int>(model.layers.size()));
  w.u16(0);
  w.u16(model.input.h);
  w.u16(model.input.w);
  w.u16(model.input.c);
  w.u16(0);
  w.f32(model.inputQ.scale);
  w.i32(model.inputQ.zeroPoint);
  for (const auto& l : model.layers) {
    const std::size_t start = w.size();
    const std::size_t n = l.multipliers.size();
    if (l.weightScales.size() != n || l.bias.size() != n)
      throw std::invalid_argument("model blob: per-channel arrays differ in length");
    w.u32(0);  // record size, patched below
    w.u8(static_cast<std::uint8_t>(toOp(l.type)));
    w.u8(static_cast<std::uint8_t>(l.activation));
    w.u8(l.padding == nn::Padding::Same ? 1 : 0);
    w.u8(0);
    w.u8Checked(l.kernelH);
    w.u8Checked(l.kernelW);
    w.u8Checked(l.strideH);
    w.u8Checked(l.strideW);
    w.u16(l.depthMultiplier);
    w.u16(l.out.c);
    w.u16(l.out.h);
    w.u16(l.out.w);
    w.f32(l.outQ.scale);
    w.i32(l.outQ.zeroPoint);
    w.i32(l.actMin);
    w.i32(l.actMax);
    w.f32(l.inQ.scale);
    w.i32(l.inQ.zeroPoint);
    w.u32(static_cast<std::uint32_t>(n));
    w.u32(static_cast<std::uint32_t>(l.type == nn::LayerType::Softmax ? l.expTable.size() * 4 : l.weights.size()));
    for (float s : l.weightScales) w.f32(s);
    for (const auto& m : l.multipliers) w.i32(m.multiplier);
    for (const auto& m : l.multipliers) w.i32(m.shift);
    for (auto v : l.bias) w.i32(v);
    for (auto v : l.weights) w.u8(static_cast<std::uint8_t>(v));
    for (auto v : l.expTable) w.u32(v);
    w.pad4();
    w.patchU32(start, static_cast<std::uint32_t>(w.size() - start));
  }
  w.patchU32(b::kHdrBlobBytes, static_cast<std::uint32_t>(w.size() + 4));
  std::vector<std::uint8_t> bytes = w.take();
  const std::uint32_t crc = loupe::runtime::crc32(bytes.data(), bytes.size());
  bytes.resize(bytes.size() + 4);
  loupe::runtime::storeU32(bytes.data() + bytes.size() - 4, crc);
  return bytes;
}

QuantizedModel readBlob(const std::uint8_t* data, std::size_t len) {
  loupe::runtime::Model m;
  const loupe::runtime::Status s = m.load(data, len);
  if (s != loupe::runtime::Status::Ok) throw std::runtime_error(std::string("model blob: ") + loupe::runtime::statusName(s));
  QuantizedModel q;
  q.input = {m.inputShape().h, m.inputShape().w, m.inputShape().c};
  q.inputQ = {m.inputScale(), m.inputZeroPoint()};
  for (int i = 0; i < m.layerCount(); ++i) {
    const loupe::runtime::LayerView v = m.layer(i);
    QuantizedLayer l;
    l.type = fromOp(v.op);
    l.activation = static_cast<nn::Activation>(v.activation);
    l.padding = v.padding == b::Padding::Same ? nn::Padding::Same : nn::Padding::Valid;
    l.kernelH = v.kernelH;
    l.kernelW = v.kernelW;
    l.strideH = v.strideH;
    l.strideW = v.strideW;
    l.depthMultiplier = v.depthMultiplier;
    l.in = {v.in.h, v.in.w, v.in.c};
    l.out = {v.out.h, v.out.w, v.out.c};
    l.inQ = {std::bit_cast<float>(v.inScaleBits), v.inZeroPoint};
    l.outQ = {std::bit_cast<float>(v.outScaleBits), v.outZeroPoint};
    l.actMin = v.actMin;
    l.actMax = v.actMax;
    for (int c = 0; c < v.channels; ++c) {
      l.weightScales.push_back(std::bit_cast<float>(loupe::runtime::loadU32(v.weightScales + 4 * c)));
      l.multipliers.push_back({v.quant.multiplier(c), v.quant.shift(c)});
      l.bias.push_back(v.quant.bias(c));
    }
    if (v.weights) l.weights.assign(v.weights, v.weights + v.weightCount);
    if (v.expTable)
      for (int d = 0; d < b::kSoftmaxTableSize; ++d) l.expTable.push_back(loupe::runtime::loadU32(v.expTable + 4 * d));
    q.layers.push_back(std::move(l));
  }
  return q;
}

}  // namespace loupe::quant
