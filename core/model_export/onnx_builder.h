#pragma once
// Builds an ONNX ModelProto with the protobuf wire format directly. Field numbers are those of
// onnx/onnx.proto (IR version 7, opset 13):
//   ModelProto        ir_version=1 producer_name=2 producer_version=3 graph=7 opset_import=8
//   OperatorSetIdProto domain=1 version=2
//   GraphProto        node=1 name=2 initializer=5 input=11 output=12
//   NodeProto         input=1 output=2 name=3 op_type=4 attribute=5
//   AttributeProto    name=1 f=2 i=3 ints=8 type=20 (FLOAT=1 INT=2 INTS=7)
//   TensorProto       dims=1 data_type=2 name=8 raw_data=9 (FLOAT=1 INT8=3 INT32=6 INT64=7)
//   ValueInfoProto    name=1 type=2;  TypeProto tensor_type=1;  TypeProto.Tensor elem_type=1 shape=2
//   TensorShapeProto  dim=1;  Dimension dim_value=1 dim_param=2

#include <cstdint>
#include <string>
#include <vector>

#include "core/model_export/protobuf_writer.h"

namespace loupe::model_export::onnx {

enum class ElemType { Float = 1, Int8 = 3, Int32 = 6, Int64 = 7 };

constexpr std::int64_t kBatch = -1;  // a dimension written as the symbolic "N"
constexpr int kOpset = 13;
constexpr int kIrVersion = 7;

struct Attribute {
  std::string name;
  enum class Kind { Int, Ints, Float } kind = Kind::Int;
  std::int64_t i = 0;
  std::vector<std::int64_t> ints;
  float f = 0.0f;
  static Attribute integer(std::string n, std::int64_t v) { return {std::move(n), Kind::Int, v, {}, 0.0f}; }
  static Attribute integers(std::string n, std::vector<std::int64_t> v) { return {std::move(n), Kind::Ints, 0, std::move(v), 0.0f}; }
  static Attribute real(std::string n, float v) { return {std::move(n), Kind::Float, 0, {}, v}; }
};

class GraphBuilder {
 public:
  explicit GraphBuilder(std::string name) : name_(std::move(name)) {}

  // Initializers; each returns its name.
  std::string floats(const std::string& name, const std::vector<std::int64_t>& dims, const std::vector<float>& v);
  std::string int8s(const std::string& name, const std::vector<std::int64_t>& dims, const std::vector<std::int8_t>& v);
  std::string int32s(const std::string& name, const std::vector<std::int64_t>& dims, const std::vector<std::int32_t>& v);
  std::string int64s(const std::string& name, const std::vector<std::int64_t>& dims, const std::vector<std::int64_t>& v);

  bool hasInitializer(const std::string& name) const;

  // Adds a node with one output and returns the output's name: `outputName`, or a fresh one.
  std::string node(const std::string& opType, const std::vector<std::string>& inputs,
                   const std::vector<Attribute>& attributes = {}, const std::string& outputName = {});

  void input(const std::string& name, ElemType type, const std::vector<std::int64_t>& dims);
  void output(const std::string& name, ElemType type, const std::vector<std::int64_t>& dims);

  // The serialised ModelProto.
  std::vector<std::uint8_t> model(const std::string& producerVersion) const;

 private:
  void tensor(const std::string& name, ElemType type, const std::vector<std::int64_t>& dims,
              const std::vector<std::uint8_t>& raw);
  static ProtoWriter valueInfo(const std::string& name, ElemType type, const std::vector<std::int64_t>& dims);

  std::string name_;
  std::vector<ProtoWriter> nodes_, initializers_, inputs_, outputs_;
  std::vector<std::string> initializerNames_;
  int counter_ = 0;
};

}  // namespace loupe::model_export::onnx
