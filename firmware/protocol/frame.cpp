#include "firmware/protocol/frame.h"

#include "firmware/protocol/crc32.h"

namespace loupe::protocol {

bool FrameWriter::begin(std::uint8_t type, std::uint16_t seq, std::size_t payloadSize) {
  if (payloadSize > kMaxPayload) return false;
  open_ = true;
  blockLen_ = 0;
  lastBlockFull_ = false;
  expected_ = payloadSize;
  written_ = 0;
  crc_ = kCrc32Init;
  const std::uint8_t header[kHeaderSize] = {
      type,
      static_cast<std::uint8_t>(seq & 0xFF),
      static_cast<std::uint8_t>(seq >> 8),
      static_cast<std::uint8_t>(payloadSize & 0xFF),
      static_cast<std::uint8_t>(payloadSize >> 8),
  };
  crc_ = crc32Update(crc_, header, kHeaderSize);
  for (std::uint8_t b : header) put(b);
  return true;
}

void FrameWriter::write(const std::uint8_t* data, std::size_t size) {
  if (!open_) return;
  crc_ = crc32Update(crc_, data, size);
  written_ += size;
  for (std::size_t i = 0; i < size; ++i) put(data[i]);
}

bool FrameWriter::end() {
  if (!open_) return false;
  open_ = false;
  const std::uint32_t crc = crc32Final(crc_);
  for (int k = 0; k < 4; ++k) put(static_cast<std::uint8_t>(crc >> (8 * k)));
  // Canonical COBS: a full 254-byte block that ends the packet is not followed by an empty one.
  if (!(blockLen_ == 0 && lastBlockFull_)) flushBlock(static_cast<std::uint8_t>(blockLen_ + 1));
  const std::uint8_t delimiter = 0;
  sink_(context_, &delimiter, 1);
  ++emitted_;
  return written_ == expected_;
}

bool FrameWriter::send(std::uint8_t type, std::uint16_t seq, const std::uint8_t* payload, std::size_t size) {
  if (!begin(type, seq, size)) return false;
  write(payload, size);
  return end();
}

void FrameWriter::put(std::uint8_t byte) {
  lastBlockFull_ = false;
  if (byte == 0) {
    flushBlock(static_cast<std::uint8_t>(blockLen_ + 1));
    return;
  }
  block_[blockLen_++] = byte;
  if (blockLen_ == 254) {
    flushBlock(0xFF);
    lastBlockFull_ = true;
  }
}

void FrameWriter::flushBlock(std::uint8_t code) {
  sink_(context_, &code, 1);
  if (blockLen_ > 0) sink_(context_, block_, blockLen_);
  emitted_ += 1 + blockLen_;
  blockLen_ = 0;
}

FrameDecoder::Result FrameDecoder::push(std::uint8_t byte) {
  if (byte == 0) {
    if (discarding_) {
      discarding_ = false;
      len_ = 0;
      return Result::None;  // the overflow was already reported
    }
    if (len_ == 0) return Result::None;  // back-to-back delimiters: an idle line, not an error
    return finishPacket();
  }
  if (discarding_) return Result::None;
  if (len_ == cap_) {
    discarding_ = true;
    len_ = 0;
    return Result::Overflow;
  }
  buf_[len_++] = byte;
  return Result::None;
}

FrameDecoder::Result FrameDecoder::finishPacket() {
  const long n = cobsDecode(buf_, len_, buf_);
  len_ = 0;
  if (n < static_cast<long>(kHeaderSize + kCrcSize)) return Result::Malformed;
  const std::size_t size = static_cast<std::size_t>(n);
  const std::size_t payload = static_cast<std::size_t>(buf_[3]) | (static_cast<std::size_t>(buf_[4]) << 8);
  if (kHeaderSize + payload + kCrcSize != size) return Result::Malformed;
  const std::uint8_t* c = buf_ + kHeaderSize + payload;
  const std::uint32_t got = static_cast<std::uint32_t>(c[0]) | (static_cast<std::uint32_t>(c[1]) << 8) |
                            (static_cast<std::uint32_t>(c[2]) << 16) | (static_cast<std::uint32_t>(c[3]) << 24);
  if (crc32(buf_, kHeaderSize + payload) != got) return Result::BadCrc;
  frame_.type = buf_[0];
  frame_.seq = static_cast<std::uint16_t>(buf_[1] | (buf_[2] << 8));
  frame_.payload = buf_ + kHeaderSize;
  frame_.size = static_cast<std::uint16_t>(payload);
  return Result::Frame;
}

}  // namespace loupe::protocol
