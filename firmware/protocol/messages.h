#pragma once
// Message payloads of the Loupe board protocol (version kProtocolVersion). Byte layouts are in
// docs/protocol.md; every encode/decode pair here is the single implementation of that table.
// Bulk data (pixels, model bytes, scores) is not copied into the structs: decoded messages point
// into the frame payload, and senders stream it after the fixed fields (see *FixedSize).

#include <cstddef>
#include <cstdint>

#include "firmware/protocol/frame.h"

namespace loupe::protocol {

inline constexpr std::uint8_t kProtocolVersion = 1;

enum class MsgType : std::uint8_t {
  Hello = 0x01,        // host -> board: handshake request
  DeviceInfo = 0x02,   // board -> host: handshake answer
  StartStream = 0x03,  // host -> board
  StopStream = 0x04,   // host -> board
  FrameChunk = 0x10,   // board -> host: part of one camera frame
  InferenceResult = 0x11,
  Detections = 0x12,   // board -> host: a detector's boxes for one frame (own layout version)
  ModelBegin = 0x20,   // host -> board: model upload
  ModelChunk = 0x21,
  ModelCommit = 0x22,
  ModelAbort = 0x23,
  Ack = 0x30,          // either way: request accepted
  Error = 0x31,        // either way: request refused
};

enum class PixelFormat : std::uint8_t { Gray8 = 0, Rgb565 = 1 };
enum class ScoreKind : std::uint8_t { Int8 = 0, Float32 = 1 };

enum class ErrorCode : std::uint8_t {
  BadVersion = 1,
  BadState = 2,     // e.g. a chunk without ModelBegin
  TooLarge = 3,     // model larger than the staging slot
  BadOffset = 4,    // chunk not contiguous with what was received
  CrcMismatch = 5,  // staged model does not match the announced CRC: old model kept
  InvalidModel = 6, // CRC fine but the runtime rejects the blob: old model kept
  Timeout = 7,      // upload stalled: staging discarded, old model kept
  Malformed = 8,    // payload too short for its type
  FlashWrite = 9,   // the flash failed to erase or program: old model kept
};

inline constexpr std::size_t kNameWidth = 24;  // fixed-width, zero-padded text fields
inline constexpr std::size_t kShortWidth = 16;

struct Hello {
  std::uint8_t protocolVersion = kProtocolVersion;
};
inline constexpr std::size_t kHelloSize = 1;

struct DeviceInfo {
  std::uint8_t protocolVersion = kProtocolVersion;
  char board[kNameWidth + 1] = {};
  char firmwareVersion[kShortWidth + 1] = {};
  char sensor[kShortWidth + 1] = {};
  char deviceId[kNameWidth + 1] = {};
  std::uint16_t frameWidth = 0;
  std::uint16_t frameHeight = 0;
  PixelFormat pixelFormat = PixelFormat::Gray8;
  std::uint16_t maxPayload = 0;
  char modelId[kNameWidth + 1] = {};  // empty when no model is loaded
  std::uint32_t modelSize = 0;
  std::uint32_t modelCrc = 0;         // model hash: the blob's CRC-32 trailer (loupe::runtime::Model::id())
  std::uint32_t freeRam = 0;
  std::uint32_t modelCapacity = 0;    // largest model the staging slot takes
};
inline constexpr std::size_t kDeviceInfoSize = 1 + kNameWidth + kShortWidth + kShortWidth + kNameWidth + 2 + 2 + 1 +
                                               2 + kNameWidth + 4 + 4 + 4 + 4;

struct StartStream {
  enum Flags : std::uint8_t { kFrames = 1, kInference = 2 };
  std::uint8_t flags = kFrames | kInference;
  std::uint32_t count = 0;  // frames to send; 0 = until StopStream
};
inline constexpr std::size_t kStartStreamSize = 5;

struct FrameChunk {
  std::uint32_t frameId = 0;
  std::uint64_t timestampUs = 0;
  std::uint16_t width = 0;
  std::uint16_t height = 0;
  PixelFormat format = PixelFormat::Gray8;
  std::uint32_t totalSize = 0;  // bytes of the whole frame
  std::uint32_t offset = 0;     // of this chunk within the frame
  const std::uint8_t* data = nullptr;
  std::size_t dataSize = 0;
};
inline constexpr std::size_t kFrameChunkFixedSize = 4 + 8 + 2 + 2 + 1 + 4 + 4;
inline constexpr std::size_t kMaxFrameChunkData = kMaxPayload - kFrameChunkFixedSize;

struct InferenceResult {
  std::uint32_t frameId = 0;
  std::uint32_t latencyUs = 0;
  ScoreKind kind = ScoreKind::Int8;
  std::uint8_t count = 0;
  float scale = 0;              // real = (q - zeroPoint) * scale, for kind == Int8
  std::int32_t zeroPoint = 0;
  const std::uint8_t* scores = nullptr;  // count int8, or count float32 LE
};
inline constexpr std::size_t kInferenceFixedSize = 4 + 4 + 1 + 1 + 4 + 4;

// A grid detector's result. Added within protocol version 1: hosts that predate it ignore the
// type. Its own layout version and record size let later firmware append fields to each record
// (layouts only ever append); a host reads the fields it knows and skips the rest.
inline constexpr std::uint8_t kDetectionsLayout = 1;
inline constexpr std::size_t kDetectionRecordSize = 10;  // layout 1
struct DetectionRecord {
  std::uint8_t cls = 0;   // 0-based object class
  std::int8_t score = 0;  // real = (score - zeroPoint) * scale
  std::uint8_t col0 = 0, row0 = 0, col1 = 0, row1 = 0;  // inclusive grid-cell extent
  std::uint16_t cx256 = 0, cy256 = 0;                   // centroid, grid units x 256
  // Spelled out, not defaulted: the board's toolchain may stop at C++17.
  friend bool operator==(const DetectionRecord& a, const DetectionRecord& b) {
    return a.cls == b.cls && a.score == b.score && a.col0 == b.col0 && a.row0 == b.row0 && a.col1 == b.col1 &&
           a.row1 == b.row1 && a.cx256 == b.cx256 && a.cy256 == b.cy256;
  }
};
struct DetectionsMsg {
  std::uint32_t frameId = 0;
  std::uint32_t latencyUs = 0;
  std::uint8_t layout = kDetectionsLayout;
  std::uint8_t recordSize = kDetectionRecordSize;
  std::uint8_t gridW = 0, gridH = 0;
  std::uint8_t count = 0;
  float scale = 0;
  std::int32_t zeroPoint = 0;
  const std::uint8_t* records = nullptr;  // count * recordSize bytes
};
inline constexpr std::size_t kDetectionsFixedSize = 4 + 4 + 1 + 1 + 1 + 1 + 1 + 4 + 4;

struct ModelBegin {
  std::uint32_t size = 0;
  std::uint32_t crc = 0;  // CRC-32 of all `size` bytes as sent (transfer check)
  char modelId[kNameWidth + 1] = {};
};
inline constexpr std::size_t kModelBeginSize = 8 + kNameWidth;

struct ModelChunk {
  std::uint32_t offset = 0;
  const std::uint8_t* data = nullptr;
  std::size_t dataSize = 0;
};
inline constexpr std::size_t kModelChunkFixedSize = 4;
inline constexpr std::size_t kMaxModelChunkData = kMaxPayload - kModelChunkFixedSize;

struct ModelCommit {
  std::uint32_t crc = 0;  // repeats ModelBegin's; the Ack's value is the new model hash
};
inline constexpr std::size_t kModelCommitSize = 4;

struct Ack {
  MsgType ofType = MsgType::Hello;
  std::uint16_t ofSeq = 0;
  std::uint32_t value = 0;  // type-specific: bytes staged so far for ModelChunk
};
inline constexpr std::size_t kAckSize = 7;

struct ErrorMsg {
  ErrorCode code = ErrorCode::BadState;
  MsgType ofType = MsgType::Hello;
  std::uint16_t ofSeq = 0;
  const char* text = nullptr;  // not terminated on the wire; textSize bytes
  std::size_t textSize = 0;
};
inline constexpr std::size_t kErrorFixedSize = 4;

// encode*: writes the fixed fields into out (capacity bytes); returns bytes written or 0 when out
// is too small. Bulk data follows separately. decode*: false when the payload is too short or a
// field is out of range.
std::size_t encode(const Hello&, std::uint8_t* out, std::size_t capacity);
std::size_t encode(const DeviceInfo&, std::uint8_t* out, std::size_t capacity);
std::size_t encode(const StartStream&, std::uint8_t* out, std::size_t capacity);
std::size_t encodeFixed(const FrameChunk&, std::uint8_t* out, std::size_t capacity);
std::size_t encodeFixed(const InferenceResult&, std::uint8_t* out, std::size_t capacity);
std::size_t encodeFixed(const DetectionsMsg&, std::uint8_t* out, std::size_t capacity);
std::size_t encode(const DetectionRecord&, std::uint8_t* out, std::size_t capacity);
std::size_t encode(const ModelBegin&, std::uint8_t* out, std::size_t capacity);
std::size_t encodeFixed(const ModelChunk&, std::uint8_t* out, std::size_t capacity);
std::size_t encode(const ModelCommit&, std::uint8_t* out, std::size_t capacity);
std::size_t encode(const Ack&, std::uint8_t* out, std::size_t capacity);
std::size_t encodeFixed(const ErrorMsg&, std::uint8_t* out, std::size_t capacity);

bool decode(const std::uint8_t* payload, std::size_t size, Hello&);
bool decode(const std::uint8_t* payload, std::size_t size, DeviceInfo&);
bool decode(const std::uint8_t* payload, std::size_t size, StartStream&);
bool decode(const std::uint8_t* payload, std::size_t size, FrameChunk&);
bool decode(const std::uint8_t* payload, std::size_t size, InferenceResult&);
// Fails on layout 0, a record size below layout 1's, or a payload that is not exactly the records.
bool decode(const std::uint8_t* payload, std::size_t size, DetectionsMsg&);
// Record i of a decoded DetectionsMsg (i < count).
DetectionRecord detectionRecord(const DetectionsMsg&, std::size_t i);
bool decode(const std::uint8_t* payload, std::size_t size, ModelBegin&);
bool decode(const std::uint8_t* payload, std::size_t size, ModelChunk&);
bool decode(const std::uint8_t* payload, std::size_t size, ModelCommit&);
bool decode(const std::uint8_t* payload, std::size_t size, Ack&);
bool decode(const std::uint8_t* payload, std::size_t size, ErrorMsg&);

// Bytes per pixel of a format; 0 for unknown values.
std::size_t bytesPerPixel(PixelFormat);

}  // namespace loupe::protocol
