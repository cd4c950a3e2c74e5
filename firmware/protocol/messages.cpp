#include "firmware/protocol/messages.h"

#include "firmware/protocol/bytes.h"
#include "firmware/protocol/frame.h"

namespace loupe::protocol {
namespace {

std::size_t done(const ByteWriter& w) { return w.ok() ? w.size() : 0; }

}  // namespace

static_assert(kMaxFrameChunkData + kFrameChunkFixedSize == kMaxPayload);
static_assert(kMaxModelChunkData + kModelChunkFixedSize == kMaxPayload);

std::size_t bytesPerPixel(PixelFormat f) {
  switch (f) {
    case PixelFormat::Gray8: return 1;
    case PixelFormat::Rgb565: return 2;
  }
  return 0;
}

// One encoder per message, writing its fields in wire order (docs/protocol.md): alike in shape
// only, each is that message's layout, kept spelled out so it reads against the table.
std::size_t encode(const Hello& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u8(m.protocolVersion);
  return done(w);
}

std::size_t encode(const DeviceInfo& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u8(m.protocolVersion);
  w.text(m.board, kNameWidth);
  w.text(m.firmwareVersion, kShortWidth);
  w.text(m.sensor, kShortWidth);
  w.text(m.deviceId, kNameWidth);
  w.u16(m.frameWidth);
  w.u16(m.frameHeight);
  w.u8(static_cast<std::uint8_t>(m.pixelFormat));
  w.u16(m.maxPayload);
  w.text(m.modelId, kNameWidth);
  w.u32(m.modelSize);
  w.u32(m.modelCrc);
  w.u32(m.freeRam);
  w.u32(m.modelCapacity);
  return done(w);
}

std::size_t encode(const StartStream& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u8(m.flags);
  w.u32(m.count);
  return done(w);
}

std::size_t encodeFixed(const FrameChunk& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u32(m.frameId);
  w.u64(m.timestampUs);
  w.u16(m.width);
  w.u16(m.height);
  w.u8(static_cast<std::uint8_t>(m.format));
  w.u32(m.totalSize);
  w.u32(m.offset);
  return done(w);
}

std::size_t encodeFixed(const InferenceResult& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u32(m.frameId);
  w.u32(m.latencyUs);
  w.u8(static_cast<std::uint8_t>(m.kind));
  w.u8(m.count);
  w.f32(m.scale);
  w.i32(m.zeroPoint);
  return done(w);
}

std::size_t encodeFixed(const DetectionsMsg& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u32(m.frameId);
  w.u32(m.latencyUs);
  w.u8(m.layout);
  w.u8(m.recordSize);
  w.u8(m.gridW);
  w.u8(m.gridH);
  w.u8(m.count);
  w.f32(m.scale);
  w.i32(m.zeroPoint);
  return done(w);
}

std::size_t encode(const DetectionRecord& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u8(m.cls);
  w.u8(static_cast<std::uint8_t>(m.score));
  w.u8(m.col0);
  w.u8(m.row0);
  w.u8(m.col1);
  w.u8(m.row1);
  w.u16(m.cx256);
  w.u16(m.cy256);
  return done(w);
}

std::size_t encode(const ModelBegin& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u32(m.size);
  w.u32(m.crc);
  w.text(m.modelId, kNameWidth);
  return done(w);
}

std::size_t encodeFixed(const ModelChunk& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u32(m.offset);
  return done(w);
}

std::size_t encode(const ModelCommit& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u32(m.crc);
  return done(w);
}

std::size_t encode(const Ack& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u8(static_cast<std::uint8_t>(m.ofType));
  w.u16(m.ofSeq);
  w.u32(m.value);
  return done(w);
}

std::size_t encodeFixed(const ErrorMsg& m, std::uint8_t* out, std::size_t capacity) {
  ByteWriter w(out, capacity);
  w.u8(static_cast<std::uint8_t>(m.code));
  w.u8(static_cast<std::uint8_t>(m.ofType));
  w.u16(m.ofSeq);
  return done(w);
}

bool decode(const std::uint8_t* p, std::size_t size, Hello& m) {
  ByteReader r(p, size);
  m.protocolVersion = r.u8();
  return r.ok();
}

bool decode(const std::uint8_t* p, std::size_t size, DeviceInfo& m) {
  ByteReader r(p, size);
  m.protocolVersion = r.u8();
  r.text(m.board, kNameWidth);
  r.text(m.firmwareVersion, kShortWidth);
  r.text(m.sensor, kShortWidth);
  r.text(m.deviceId, kNameWidth);
  m.frameWidth = r.u16();
  m.frameHeight = r.u16();
  m.pixelFormat = static_cast<PixelFormat>(r.u8());
  m.maxPayload = r.u16();
  r.text(m.modelId, kNameWidth);
  m.modelSize = r.u32();
  m.modelCrc = r.u32();
  m.freeRam = r.u32();
  m.modelCapacity = r.u32();
  // Field ranges (the pixel format too) are the receiver's check, so its error can name the field.
  return r.ok();
}

bool decode(const std::uint8_t* p, std::size_t size, StartStream& m) {
  ByteReader r(p, size);
  m.flags = r.u8();
  m.count = r.u32();
  return r.ok();
}

bool decode(const std::uint8_t* p, std::size_t size, FrameChunk& m) {
  ByteReader r(p, size);
  m.frameId = r.u32();
  m.timestampUs = r.u64();
  m.width = r.u16();
  m.height = r.u16();
  m.format = static_cast<PixelFormat>(r.u8());
  m.totalSize = r.u32();
  m.offset = r.u32();
  m.data = r.rest(m.dataSize);
  if (!r.ok()) return false;
  const std::size_t bpp = bytesPerPixel(m.format);
  // The frame size must follow from its dimensions and the chunk must lie inside the frame, so a
  // receiver can size its buffer from the first chunk and copy without further checks.
  return bpp != 0 && m.totalSize == static_cast<std::uint32_t>(m.width) * m.height * bpp &&
         m.offset <= m.totalSize && m.dataSize <= m.totalSize - m.offset;
}

bool decode(const std::uint8_t* p, std::size_t size, InferenceResult& m) {
  ByteReader r(p, size);
  m.frameId = r.u32();
  m.latencyUs = r.u32();
  m.kind = static_cast<ScoreKind>(r.u8());
  m.count = r.u8();
  m.scale = r.f32();
  m.zeroPoint = r.i32();
  std::size_t rest = 0;
  m.scores = r.rest(rest);
  if (!r.ok()) return false;
  if (m.kind == ScoreKind::Int8) return rest == m.count;
  if (m.kind == ScoreKind::Float32) return rest == 4u * m.count;
  return false;
}

bool decode(const std::uint8_t* p, std::size_t size, DetectionsMsg& m) {
  ByteReader r(p, size);
  m.frameId = r.u32();
  m.latencyUs = r.u32();
  m.layout = r.u8();
  m.recordSize = r.u8();
  m.gridW = r.u8();
  m.gridH = r.u8();
  m.count = r.u8();
  m.scale = r.f32();
  m.zeroPoint = r.i32();
  std::size_t rest = 0;
  m.records = r.rest(rest);
  if (!r.ok() || m.layout < kDetectionsLayout || m.recordSize < kDetectionRecordSize) return false;
  return rest == std::size_t{m.count} * m.recordSize;
}

DetectionRecord detectionRecord(const DetectionsMsg& m, std::size_t i) {
  ByteReader r(m.records + i * m.recordSize, kDetectionRecordSize);
  DetectionRecord d;
  d.cls = r.u8();
  d.score = static_cast<std::int8_t>(r.u8());
  d.col0 = r.u8();
  d.row0 = r.u8();
  d.col1 = r.u8();
  d.row1 = r.u8();
  d.cx256 = r.u16();
  d.cy256 = r.u16();
  return d;
}

bool decode(const std::uint8_t* p, std::size_t size, ModelBegin& m) {
  ByteReader r(p, size);
  m.size = r.u32();
  m.crc = r.u32();
  r.text(m.modelId, kNameWidth);
  return r.ok();
}

bool decode(const std::uint8_t* p, std::size_t size, ModelChunk& m) {
  ByteReader r(p, size);
  m.offset = r.u32();
  m.data = r.rest(m.dataSize);
  return r.ok();
}

bool decode(const std::uint8_t* p, std::size_t size, ModelCommit& m) {
  ByteReader r(p, size);
  m.crc = r.u32();
  return r.ok();
}

bool decode(const std::uint8_t* p, std::size_t size, Ack& m) {
  ByteReader r(p, size);
  m.ofType = static_cast<MsgType>(r.u8());
  m.ofSeq = r.u16();
  m.value = r.u32();
  return r.ok();
}

bool decode(const std::uint8_t* p, std::size_t size, ErrorMsg& m) {
  ByteReader r(p, size);
  m.code = static_cast<ErrorCode>(r.u8());
  m.ofType = static_cast<MsgType>(r.u8());
  m.ofSeq = r.u16();
  const std::uint8_t* text = r.rest(m.textSize);
  m.text = reinterpret_cast<const char*>(text);
  return r.ok();
}

}  // namespace loupe::protocol
