#pragma once
// The few bits of the protocol-buffers wire format that ONNX export needs (varints, 32-bit
// floats, length-delimited fields), so Loupe needs no protobuf library or generated code.
// https://protobuf.dev/programming-guides/encoding/

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace loupe::model_export {

class ProtoWriter {
 public:
  void varintField(int field, std::uint64_t v);           // int32/int64/enum/bool (negatives: 10 bytes)
  void int64Field(int field, std::int64_t v) { varintField(field, static_cast<std::uint64_t>(v)); }
  void floatField(int field, float v);                    // wire type 5
  void bytesField(int field, std::span<const std::uint8_t> bytes);  // wire type 2
  void stringField(int field, std::string_view s);
  void messageField(int field, const ProtoWriter& message) { bytesField(field, message.bytes()); }
  void packedInt64Field(int field, std::span<const std::int64_t> values);

  const std::vector<std::uint8_t>& bytes() const { return bytes_; }

 private:
  void tag(int field, int wireType);
  void varint(std::uint64_t v);
  std::vector<std::uint8_t> bytes_;
};

}  // namespace loupe::model_export
