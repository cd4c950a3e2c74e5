#include "core/tflite/tensor_reader.h"

#include <cmath>
#include <cstring>

#include "core/domain/errors.h"

namespace loupe::tflite {

TensorReader::TensorReader(const fb::Model& model, const fb::SubGraph& graph, std::string file)
    : model_(model), graph_(graph), file_(std::move(file)) {}

void TensorReader::fail(const std::string& field, const std::string& message) const {
  throw InputError({file_, 0, field}, message);
}

std::string TensorReader::field(int tensor) const { return "subgraphs[0].tensors[" + std::to_string(tensor) + "]"; }

const fb::Tensor& TensorReader::tensor(int index, const std::string& usedAs) const {
  const auto* tensors = graph_.tensors();
  const std::size_t count = tensors ? tensors->size() : 0;
  if (index < 0 || std::size_t(index) >= count)
    fail(usedAs, "tensor index " + std::to_string(index) + " out of range (the subgraph has " + std::to_string(count) +
                     " tensors)");
  const auto* t = tensors->Get(flatbuffers::uoffset_t(index));
  if (!t) fail(field(index), "missing tensor");
  // Field 6 (sparsity) is outside Loupe's schema subset: a sparse tensor would be misread as dense.
  if (reinterpret_cast<const flatbuffers::Table*>(t)->CheckField(16)) fail(field(index), "sparse tensors are not supported");
  return *t;
}

std::vector<int> TensorReader::dims(int index) const {
  const auto& t = tensor(index, field(index));
  if (!t.shape() || t.shape()->size() == 0 || t.shape()->size() > 4)
    fail(field(index) + ".shape", "expected 1 to 4 dimensions");
  std::vector<int> out;
  for (const int d : *t.shape()) {
    if (d < 1 || d > kMaxDim)
      fail(field(index) + ".shape", "dimension " + std::to_string(d) + " outside 1.." + std::to_string(kMaxDim));
    out.push_back(d);
  }
  return out;
}

bool TensorReader::isFloatActivation(int index) const {
  return tensor(index, field(index)).type() == fb::TensorType::FLOAT32;
}

nn::Shape TensorReader::activationShape(int index) const {
  const auto& t = tensor(index, field(index));
  if (t.type() != fb::TensorType::INT8)
    fail(field(index) + ".type", std::string("expected an INT8 activation, not ") + fb::EnumNameTensorType(t.type()));
  const auto d = dims(index);
  if (d[0] != 1) fail(field(index) + ".shape", "batch must be 1");
  nn::Shape s;
  if (d.size() == 4) s = {d[1], d[2], d[3]};
  else if (d.size() == 2) s = {1, 1, d[1]};
  else fail(field(index) + ".shape", "expected [1, H, W, C] or [1, N]");
  if (std::int64_t(s.h) * s.w * s.c > std::int64_t(kMaxConstantElements))
    fail(field(index) + ".shape", "activation too large");
  return s;
}

quant::QuantParams TensorReader::activationQuant(int index) const {
  const auto& t = tensor(index, field(index));
  const auto* q = t.quantization();
  const std::string f = field(index) + ".quantization";
  if (!q || !q->scale() || !q->zero_point() || q->scale()->size() != 1 || q->zero_point()->size() != 1)
    fail(f, "expected one scale and one zero point (per-tensor int8)");
  const float scale = q->scale()->Get(0);
  const std::int64_t zp = q->zero_point()->Get(0);
  if (!std::isfinite(scale) || scale <= 0.0f || scale > 1e6f) fail(f + ".scale", "must be a positive finite number");
  if (zp < -128 || zp > 127) fail(f + ".zero_point", "outside -128..127");
  return {scale, static_cast<std::int32_t>(zp)};
}

std::vector<std::uint8_t> TensorReader::constantBytes(int index, std::size_t bytes) const {
  const auto& t = tensor(index, field(index));
  const auto* buffers = model_.buffers();
  const std::uint32_t b = t.buffer();
  const std::size_t count = buffers ? buffers->size() : 0;
  if (b == 0 || b >= count)
    fail(field(index) + ".buffer", "buffer " + std::to_string(b) + " is not a constant buffer (the model has " +
                                       std::to_string(count) + " buffers)");
  const auto* buf = buffers->Get(b);
  const auto* data = buf ? buf->data() : nullptr;
  const std::size_t have = data ? data->size() : 0;
  if (have != bytes)
    fail("buffers[" + std::to_string(b) + "].data",
         "holds " + std::to_string(have) + " bytes, tensor " + std::to_string(index) + " needs " + std::to_string(bytes));
  return {data->begin(), data->end()};
}

std::vector<std::int8_t> TensorReader::int8Constant(int index, std::size_t count) const {
  if (tensor(index, field(index)).type() != fb::TensorType::INT8) fail(field(index) + ".type", "expected INT8 weights");
  if (count > kMaxConstantElements) fail(field(index) + ".shape", "constant too large");
  const auto bytes = constantBytes(index, count);
  std::vector<std::int8_t> out(count);
  if (count) std::memcpy(out.data(), bytes.data(), count);
  return out;
}

std::vector<std::int32_t> TensorReader::int32Constant(int index, std::size_t count) const {
  if (tensor(index, field(index)).type() != fb::TensorType::INT32) fail(field(index) + ".type", "expected an INT32 bias");
  if (count > kMaxConstantElements) fail(field(index) + ".shape", "constant too large");
  const auto bytes = constantBytes(index, count * 4);
  std::vector<std::int32_t> out(count);
  for (std::size_t i = 0; i < count; ++i)  // little-endian, whatever the host
    out[i] = static_cast<std::int32_t>(std::uint32_t(bytes[4 * i]) | std::uint32_t(bytes[4 * i + 1]) << 8 |
                                       std::uint32_t(bytes[4 * i + 2]) << 16 | std::uint32_t(bytes[4 * i + 3]) << 24);
  return out;
}

std::vector<float> TensorReader::weightScales(int index, int channels, int dimension) const {
  const auto* q = tensor(index, field(index)).quantization();
  const std::string f = field(index) + ".quantization";
  if (!q || !q->scale() || q->scale()->size() == 0) fail(f, "int8 weights need a scale");
  const std::size_t n = q->scale()->size();
  if (n != 1 && n != std::size_t(channels))
    fail(f + ".scale", std::to_string(n) + " scales for " + std::to_string(channels) + " output channels");
  if (n > 1 && q->quantized_dimension() != dimension)
    fail(f + ".quantized_dimension", "per-channel scales must run along dimension " + std::to_string(dimension));
  if (q->zero_point())
    for (const std::int64_t zp : *q->zero_point())
      if (zp != 0) fail(f + ".zero_point", "weights must be symmetric (zero point 0)");
  std::vector<float> out;
  for (int c = 0; c < channels; ++c) {
    const float s = q->scale()->Get(n == 1 ? 0 : flatbuffers::uoffset_t(c));
    if (!std::isfinite(s) || s <= 0.0f || s > 1e6f) fail(f + ".scale", "must be positive finite numbers");
    out.push_back(s);
  }
  return out;
}

}  // namespace loupe::tflite
