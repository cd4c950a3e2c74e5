#include "core/model_export/onnx_builder.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace loupe::model_export::onnx {
namespace {

template <class T>
std::vector<std::uint8_t> littleEndian(const std::vector<T>& v) {
  std::vector<std::uint8_t> out;
  out.reserve(v.size() * sizeof(T));
  for (const T& x : v) {
    std::uint64_t bits = 0;
    if constexpr (std::is_same_v<T, float>) bits = std::bit_cast<std::uint32_t>(x);
    else bits = static_cast<std::uint64_t>(static_cast<std::make_unsigned_t<T>>(x));
    for (std::size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
  }
  return out;
}

std::int64_t elementCount(const std::vector<std::int64_t>& dims) {
  std::int64_t n = 1;
  for (auto d : dims) n *= d;
  return n;
}

}  // namespace

void GraphBuilder::tensor(const std::string& name, ElemType type, const std::vector<std::int64_t>& dims,
                          const std::vector<std::uint8_t>& raw) {
  ProtoWriter t;
  t.packedInt64Field(1, dims);
  t.varintField(2, static_cast<std::uint64_t>(type));
  t.stringField(8, name);
  t.bytesField(9, raw);
  initializers_.push_back(std::move(t));
  initializerNames_.push_back(name);
}

bool GraphBuilder::hasInitializer(const std::string& name) const {
  return std::find(initializerNames_.begin(), initializerNames_.end(), name) != initializerNames_.end();
}

std::string GraphBuilder::floats(const std::string& name, const std::vector<std::int64_t>& dims, const std::vector<float>& v) {
  if (elementCount(dims) != std::int64_t(v.size())) throw std::logic_error("onnx: initializer " + name + " size mismatch");
  tensor(name, ElemType::Float, dims, littleEndian(v));
  return name;
}
std::string GraphBuilder::int8s(const std::string& name, const std::vector<std::int64_t>& dims,
                                const std::vector<std::int8_t>& v) {
  if (elementCount(dims) != std::int64_t(v.size())) throw std::logic_error("onnx: initializer " + name + " size mismatch");
  tensor(name, ElemType::Int8, dims, littleEndian(v));
  return name;
}
std::string GraphBuilder::int32s(const std::string& name, const std::vector<std::int64_t>& dims,
                                 const std::vector<std::int32_t>& v) {
  if (elementCount(dims) != std::int64_t(v.size())) throw std::logic_error("onnx: initializer " + name + " size mismatch");
  tensor(name, ElemType::Int32, dims, littleEndian(v));
  return name;
}
std::string GraphBuilder::int64s(const std::string& name, const std::vector<std::int64_t>& dims,
                                 const std::vector<std::int64_t>& v) {
  if (elementCount(dims) != std::int64_t(v.size())) throw std::logic_error("onnx: initializer " + name + " size mismatch");
  tensor(name, ElemType::Int64, dims, littleEndian(v));
  return name;
}

std::string GraphBuilder::node(const std::string& opType, const std::vector<std::string>& inputs,
                               const std::vector<Attribute>& attributes, const std::string& outputName) {
  const std::string id = std::to_string(counter_++);
  const std::string out = outputName.empty() ? opType + "_" + id : outputName;
  ProtoWriter n;
  for (const auto& in : inputs) n.stringField(1, in);
  n.stringField(2, out);
  n.stringField(3, opType + "_node_" + id);
  n.stringField(4, opType);
  for (const auto& a : attributes) {
    ProtoWriter attr;
    attr.stringField(1, a.name);
    switch (a.kind) {
      case Attribute::Kind::Int:
        attr.int64Field(3, a.i);
        attr.varintField(20, 2);
        break;
      case Attribute::Kind::Ints:
        attr.packedInt64Field(8, a.ints);
        attr.varintField(20, 7);
        break;
      case Attribute::Kind::Float:
        attr.floatField(2, a.f);
        attr.varintField(20, 1);
        break;
    }
    n.messageField(5, attr);
  }
  nodes_.push_back(std::move(n));
  return out;
}

ProtoWriter GraphBuilder::valueInfo(const std::string& name, ElemType type, const std::vector<std::int64_t>& dims) {
  ProtoWriter shape;
  for (auto d : dims) {
    ProtoWriter dim;
    if (d == kBatch) dim.stringField(2, "N");
    else dim.int64Field(1, d);
    shape.messageField(1, dim);
  }
  ProtoWriter tensorType;
  tensorType.varintField(1, static_cast<std::uint64_t>(type));
  tensorType.messageField(2, shape);
  ProtoWriter typeProto;
  typeProto.messageField(1, tensorType);
  ProtoWriter vi;
  vi.stringField(1, name);
  vi.messageField(2, typeProto);
  return vi;
}

void GraphBuilder::input(const std::string& name, ElemType type, const std::vector<std::int64_t>& dims) {
  inputs_.push_back(valueInfo(name, type, dims));
}
void GraphBuilder::output(const std::string& name, ElemType type, const std::vector<std::int64_t>& dims) {
  outputs_.push_back(valueInfo(name, type, dims));
}

std::vector<std::uint8_t> GraphBuilder::model(const std::string& producerVersion) const {
  ProtoWriter graph;
  for (const auto& n : nodes_) graph.messageField(1, n);
  graph.stringField(2, name_);
  for (const auto& t : initializers_) graph.messageField(5, t);
  for (const auto& i : inputs_) graph.messageField(11, i);
  for (const auto& o : outputs_) graph.messageField(12, o);
  ProtoWriter opset;
  opset.stringField(1, "");
  opset.int64Field(2, kOpset);
  ProtoWriter model;
  model.int64Field(1, kIrVersion);
  model.stringField(2, "loupe");
  model.stringField(3, producerVersion);
  model.messageField(7, graph);
  model.messageField(8, opset);
  return model.bytes();
}

}  // namespace loupe::model_export::onnx
