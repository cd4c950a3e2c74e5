#include "firmware/runtime/model.h"

#include "firmware/runtime/byte_io.h"
#include "firmware/runtime/crc32.h"

namespace loupe::runtime {
namespace {

using namespace blob;


size_t round4(size_t n) { return (n + 3u) & ~size_t{3}; }

LayerView decode(const uint8_t* r) {
  LayerView v;
  v.op = static_cast<Op>(r[kRecOp]);
  v.activation = static_cast<FusedActivation>(r[kRecActivation]);
  v.padding = static_cast<Padding>(r[kRecPadding]);
  v.kernelH = r[kRecKernelH];
  v.kernelW = r[kRecKernelW];
  v.strideH = r[kRecStrideH];
  v.strideW = r[kRecStrideW];
  v.depthMultiplier = loadU16(r + kRecDepthMultiplier);
  v.out = {loadU16(r + kRecOutH), loadU16(r + kRecOutW), loadU16(r + kRecOutC)};
  v.outScaleBits = loadU32(r + kRecOutScale);
  v.outZeroPoint = loadI32(r + kRecOutZeroPoint);
  v.actMin = loadI32(r + kRecActMin);
  v.actMax = loadI32(r + kRecActMax);
  v.inScaleBits = loadU32(r + kRecInScale);
  v.inZeroPoint = loadI32(r + kRecInZeroPoint);
  v.channels = static_cast<int32_t>(loadU32(r + kRecChannels));
  v.weightCount = static_cast<int32_t>(loadU32(r + kRecWeightBytes));
  const uint8_t* payload = r + kRecHeaderBytes;
  if (v.op == Op::Softmax) {
    v.expTable = payload;
  } else if (v.channels > 0) {
    const size_t n = static_cast<size_t>(v.channels) * 4u;
    v.weightScales = payload;
    v.quant.multipliers = payload + n;
    v.quant.shifts = payload + 2 * n;
    v.quant.biases = payload + 3 * n;
    v.weights = reinterpret_cast<const int8_t*>(payload + 4 * n);
  }
  return v;
}

bool isInt8(int32_t v) { return v >= -128 && v <= 127; }

// Checks one decoded record against its input shape; `recordBytes` is what the record declares.
Status validate(const LayerView& v, const TensorShape& in, size_t recordBytes) {
  const bool conv = v.op == Op::Conv2D || v.op == Op::DepthwiseConv2D;
  const bool pool = v.op == Op::AveragePool2D || v.op == Op::MaxPool2D;
  const bool fc = v.op == Op::FullyConnected;
  const bool sm = v.op == Op::Softmax;
  if (!conv && !pool && !fc && !sm) return Status::BadLayer;
  if (static_cast<uint8_t>(v.activation) > 2 || static_cast<uint8_t>(v.padding) > 1) return Status::BadLayer;
  if (v.kernelH < 1 || v.kernelW < 1 || v.strideH < 1 || v.strideW < 1 || v.depthMultiplier < 1)
    return Status::BadLayer;
  if (!isInt8(v.inZeroPoint) || !isInt8(v.outZeroPoint) || !isInt8(v.actMin) || !isInt8(v.actMax) ||
      v.actMin > v.actMax)
    return Status::BadLayer;
  if (v.channels < 0 || v.weightCount < 0) return Status::BadLayer;

  // Expected output shape, as TensorFlow infers it.
  TensorShape expect = in;
  const bool same = v.padding == Padding::Same;
  if (conv || pool) {
    if (!same && (v.kernelH > in.h || v.kernelW > in.w)) return Status::ShapeMismatch;
    expect.h = outputExtent(in.h, v.kernelH, v.strideH, same);
    expect.w = outputExtent(in.w, v.kernelW, v.strideW, same);
  }
  if (v.op == Op::DepthwiseConv2D) expect.c = in.c * v.depthMultiplier;
  if (v.op == Op::Conv2D) expect.c = v.out.c;
  if (fc) expect = {1, 1, v.out.c};
  if (expect.h != v.out.h || expect.w != v.out.w || expect.c != v.out.c || v.out.size() <= 0)
    return Status::ShapeMismatch;

  // Payload sizes.
  size_t payload = 0;
  if (conv || fc) {
    int64_t wanted = 0;
    if (v.op == Op::Conv2D) wanted = int64_t{v.out.c} * v.kernelH * v.kernelW * in.c;
    if (v.op == Op::DepthwiseConv2D) wanted = int64_t{v.kernelH} * v.kernelW * v.out.c;
    if (fc) wanted = int64_t{v.out.c} * in.size();
    if (v.channels != v.out.c || v.weightCount != wanted) return Status::BadLayer;
    payload = static_cast<size_t>(v.channels) * 16u + static_cast<size_t>(v.weightCount);
  } else if (sm) {
    if (v.channels != 0 || v.weightCount != kSoftmaxTableSize * 4) return Status::BadLayer;
    payload = kSoftmaxTableSize * 4;
  } else if (v.channels != 0 || v.weightCount != 0) {
    return Status::BadLayer;
  }
  if (recordBytes != round4(kRecHeaderBytes + payload)) return Status::BadLayer;

  if (conv || fc) {
    for (int32_t c = 0; c < v.channels; ++c) {
      const int32_t m = v.quant.multiplier(c);
      const int32_t s = v.quant.shift(c);
      // QuantizeMultiplier yields M0 in [2^30, 2^31) or 0, and shift in [-31, 30].
      if (m < 0 || (m != 0 && m < (int32_t{1} << 30)) || s < -31 || s > 30) return Status::BadLayer;
    }
  }
  if (pool && (v.outZeroPoint != v.inZeroPoint || v.outScaleBits != v.inScaleBits)) return Status::BadLayer;
  if (sm) {
    if (v.outZeroPoint != kSoftmaxOutZeroPoint || v.outScaleBits != kSoftmaxOutScaleBits) return Status::BadLayer;
    // The kernel divides by the sum, which is at least expTable[0]; entries never grow with d.
    uint32_t prev = loadU32(v.expTable);
    if (prev != (uint32_t{1} << kSoftmaxTableBits)) return Status::BadLayer;
    for (int d = 1; d < kSoftmaxTableSize; ++d) {
      const uint32_t e = loadU32(v.expTable + 4 * d);
      if (e > prev) return Status::BadLayer;
      prev = e;
    }
  }
  return Status::Ok;
}

}  // namespace

Status Model::load(const uint8_t* data, size_t len) {
  *this = Model();
  if (data == nullptr || len < kHeaderBytes + 4) return Status::Truncated;
  for (int i = 0; i < 4; ++i)
    if (data[kHdrMagic + i] != kMagic[i]) return Status::BadMagic;
  if (loadU16(data + kHdrVersion) != kVersion) return Status::UnsupportedVersion;
  if (loadU16(data + kHdrHeaderBytes) != kHeaderBytes) return Status::BadLayer;
  const uint32_t declared = loadU32(data + kHdrBlobBytes);
  if (declared > len || declared < kHeaderBytes + 4) return Status::Truncated;
  len = declared;  // trailing bytes beyond the declared length (e.g. flash padding) are ignored
  if (crc32(data, len - 4) != loadU32(data + len - 4)) return Status::BadCrc;

  const int count = loadU16(data + kHdrLayerCount);
  if (count < 1) return Status::BadLayer;
  if (count > kMaxLayers) return Status::TooManyLayers;
  TensorShape shape{loadU16(data + kHdrInputH), loadU16(data + kHdrInputW), loadU16(data + kHdrInputC)};
  if (shape.size() <= 0) return Status::ShapeMismatch;
  int32_t zeroPoint = loadI32(data + kHdrInputZeroPoint);
  uint32_t scaleBits = loadU32(data + kHdrInputScale);
  if (!isInt8(zeroPoint)) return Status::BadLayer;

  Model m;
  m.input_ = shape;
  m.inputZeroPoint_ = zeroPoint;
  m.inputScaleBits_ = scaleBits;
  size_t offset = kHeaderBytes;
  const size_t end = len - 4;
  for (int i = 0; i < count; ++i) {
    if (end - offset < kRecHeaderBytes) return Status::Truncated;
    const size_t recordBytes = loadU32(data + offset + kRecBytes);
    if (recordBytes < kRecHeaderBytes || recordBytes > end - offset) return Status::Truncated;
    const uint8_t* r = data + offset;
    // Sizes are checked against the record before any payload pointer is used.
    const size_t channels = loadU32(r + kRecChannels);
    const size_t weights = loadU32(r + kRecWeightBytes);
    if (channels > recordBytes / 16u || weights > recordBytes) return Status::BadLayer;
    if (kRecHeaderBytes + channels * 16u + weights > recordBytes) return Status::BadLayer;
    LayerView v = decode(r);
    v.in = shape;
    if (v.inZeroPoint != zeroPoint || v.inScaleBits != scaleBits) return Status::BadLayer;
    const Status s = validate(v, shape, recordBytes);
    if (s != Status::Ok) return s;
    m.offsets_[i] = static_cast<uint32_t>(offset);
    shape = v.out;
    zeroPoint = v.outZeroPoint;
    scaleBits = v.outScaleBits;
    if (i + 1 < count) {
      size_t& slot = (i % 2 == 0) ? m.slot0_ : m.slot1_;
      const size_t bytes = round4(static_cast<size_t>(shape.size()));
      if (bytes > slot) slot = bytes;
    }
    offset += recordBytes;
  }
  if (offset != end) return Status::BadLayer;  // bytes between the last record and the CRC
  m.output_ = shape;
  m.layerCount_ = count;
  m.blob_ = data;
  m.size_ = len;
  m.id_ = loadU32(data + len - 4);
  *this = m;
  return Status::Ok;
}

LayerView Model::layer(int index) const {
  LayerView v = decode(blob_ + offsets_[index]);
  v.in = index == 0 ? input_ : decode(blob_ + offsets_[index - 1]).out;
  return v;
}

int32_t Model::outputZeroPoint() const { return layerCount_ ? layer(layerCount_ - 1).outZeroPoint : 0; }
uint32_t Model::outputScaleBits() const { return layerCount_ ? layer(layerCount_ - 1).outScaleBits : 0; }

}  // namespace loupe::runtime
