#include "core/model_export/protobuf_writer.h"

#include <bit>

namespace loupe::model_export {

void ProtoWriter::varint(std::uint64_t v) {
  while (v >= 0x80) {
    bytes_.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  bytes_.push_back(static_cast<std::uint8_t>(v));
}

void ProtoWriter::tag(int field, int wireType) { varint((static_cast<std::uint64_t>(field) << 3) | unsigned(wireType)); }

void ProtoWriter::varintField(int field, std::uint64_t v) {
  tag(field, 0);
  varint(v);
}

void ProtoWriter::floatField(int field, float v) {
  tag(field, 5);
  const auto bits = std::bit_cast<std::uint32_t>(v);
  for (int i = 0; i < 4; ++i) bytes_.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
}

void ProtoWriter::bytesField(int field, std::span<const std::uint8_t> b) {
  tag(field, 2);
  varint(b.size());
  bytes_.insert(bytes_.end(), b.begin(), b.end());
}

void ProtoWriter::stringField(int field, std::string_view s) {
  bytesField(field, {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
}

void ProtoWriter::packedInt64Field(int field, std::span<const std::int64_t> values) {
  ProtoWriter packed;
  for (auto v : values) packed.varint(static_cast<std::uint64_t>(v));
  bytesField(field, packed.bytes());
}

}  // namespace loupe::model_export
