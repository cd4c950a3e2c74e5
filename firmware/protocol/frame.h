#pragma once
// The frame layer: every message travels as
//   COBS( type:u8 | seq:u16 | len:u16 | payload[len] | crc32:u32 ) 0x00
// all integers little-endian, CRC-32 over type..payload. See docs/protocol.md.
//
// Both ends stream: FrameWriter emits encoded bytes as they are produced (no frame-sized buffer on
// the board), FrameDecoder consumes one byte at a time and resynchronises on the next 0x00 after
// garbage, lost bytes or an overlong packet.

#include <cstddef>
#include <cstdint>

#include "firmware/protocol/cobs.h"

namespace loupe::protocol {

inline constexpr std::size_t kHeaderSize = 5;
inline constexpr std::size_t kCrcSize = 4;
// Large enough that a 96x96 gray frame needs 3 chunks, small enough for a 4 KB receive buffer.
inline constexpr std::size_t kMaxPayload = 4096;
// Decoder buffer that holds any valid encoded frame.
inline constexpr std::size_t kMaxEncodedFrame = cobsMaxEncodedSize(kHeaderSize + kMaxPayload + kCrcSize);

// Bytes on the wire for a payload of `payload` bytes, worst case (COBS overhead + delimiter).
constexpr std::size_t wireSizeBound(std::size_t payload) {
  return cobsMaxEncodedSize(kHeaderSize + payload + kCrcSize) + 1;
}

// Byte sink: the board passes its UART writer, the host appends to a buffer.
using ByteSink = void (*)(void* context, const std::uint8_t* data, std::size_t size);

class FrameWriter {
 public:
  FrameWriter(ByteSink sink, void* context) : sink_(sink), context_(context) {}

  // begin(), then exactly `payloadSize` bytes through write(), then end(). Returns false if the
  // payload is too large or the byte count does not match (nothing valid is emitted then: the
  // receiver sees a CRC or length error and drops the frame).
  bool begin(std::uint8_t type, std::uint16_t seq, std::size_t payloadSize);
  void write(const std::uint8_t* data, std::size_t size);
  bool end();

  // One-call form for payloads already in memory.
  bool send(std::uint8_t type, std::uint16_t seq, const std::uint8_t* payload, std::size_t size);

  std::size_t bytesEmitted() const { return emitted_; }

 private:
  void put(std::uint8_t byte);
  void flushBlock(std::uint8_t code);

  ByteSink sink_;
  void* context_;
  std::uint8_t block_[254] = {};
  std::size_t blockLen_ = 0;
  bool lastBlockFull_ = false;
  std::uint32_t crc_ = 0;
  std::size_t expected_ = 0;
  std::size_t written_ = 0;
  std::size_t emitted_ = 0;
  bool open_ = false;
};

struct FrameView {
  std::uint8_t type = 0;
  std::uint16_t seq = 0;
  const std::uint8_t* payload = nullptr;
  std::uint16_t size = 0;
};

class FrameDecoder {
 public:
  enum class Result : std::uint8_t {
    None,       // need more bytes
    Frame,      // frame() is valid until the next push()
    BadCrc,     // well-formed packet whose CRC does not match
    Malformed,  // invalid COBS, too short, or length field disagrees with the packet
    Overflow,   // more than capacity bytes without a delimiter; skipping to the next 0x00
  };

  // `buffer` must hold kMaxEncodedFrame bytes for every valid frame to fit; owned by the caller
  // so the board can place it in static RAM.
  FrameDecoder(std::uint8_t* buffer, std::size_t capacity) : buf_(buffer), cap_(capacity) {}

  Result push(std::uint8_t byte);
  const FrameView& frame() const { return frame_; }
  void reset() {
    len_ = 0;
    discarding_ = false;
  }

 private:
  Result finishPacket();

  std::uint8_t* buf_;
  std::size_t cap_;
  std::size_t len_ = 0;
  bool discarding_ = false;
  FrameView frame_;
};

}  // namespace loupe::protocol
