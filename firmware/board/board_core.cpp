#include "firmware/board/board_core.h"

#include <cstring>

namespace loupe::board {

using protocol::MsgType;

BoardCore::BoardCore(BoardPort& port, FlashPort& flash, const BoardIdentity& identity)
    : port_(port), identity_(identity), decoder_(rx_, sizeof rx_), writer_(&BoardCore::sink, this),
      models_(flash, &inference::modelAccepts) {}

void BoardCore::setInitialModel(const std::uint8_t* blob, std::size_t size, const char* id) {
  if (!inference::modelAccepts(blob, size)) return;
  models_.setInitial(blob, size, id);
  inference_.load(models_.active(), models_.activeSize());
}

void BoardCore::start() {
  if (models_.restore()) inference_.load(models_.active(), models_.activeSize());
}

std::uint32_t BoardCore::modelHash() const { return inference_.loaded() ? inference_.model().id() : 0; }

void BoardCore::sink(void* self, const std::uint8_t* data, std::size_t size) {
  auto* core = static_cast<BoardCore*>(self);
  while (size > 0) {
    const std::size_t n = size < sizeof core->tx_ - core->txLen_ ? size : sizeof core->tx_ - core->txLen_;
    std::memcpy(core->tx_ + core->txLen_, data, n);
    core->txLen_ += n;
    data += n;
    size -= n;
    if (core->txLen_ == sizeof core->tx_) core->flushTx();
  }
}

void BoardCore::flushTx() {
  if (txLen_ > 0) port_.write(tx_, txLen_);
  txLen_ = 0;
}

void BoardCore::poll() {
  std::uint8_t in[64];
  for (;;) {
    const std::size_t n = port_.read(in, sizeof in);
    if (n == 0) break;
    for (std::size_t i = 0; i < n; ++i) {
      const auto r = decoder_.push(in[i]);
      if (r == protocol::FrameDecoder::Result::Frame)
        handle(decoder_.frame());
      else if (r != protocol::FrameDecoder::Result::None)
        ++rxErrors_;
    }
  }
  if (models_.expire(port_.micros()))
    sendError(protocol::ErrorCode::Timeout, static_cast<std::uint8_t>(MsgType::ModelChunk), 0,
              "upload stalled; previous model kept");
  if (streaming_) streamOne();
  flushTx();
}

void BoardCore::handle(const protocol::FrameView& f) {
  switch (static_cast<MsgType>(f.type)) {
    case MsgType::Hello: {
      protocol::Hello h;
      if (!protocol::decode(f.payload, f.size, h)) return sendError(protocol::ErrorCode::Malformed, f.type, f.seq, "hello");
      // Answer even on a version mismatch: DeviceInfo carries our version so the host can say which.
      streaming_ = false;
      return sendDeviceInfo();
    }
    case MsgType::StartStream: return handleStart(f);
    case MsgType::StopStream:
      streaming_ = false;
      return sendAck(f, frameId_);
    case MsgType::ModelBegin:
    case MsgType::ModelChunk:
    case MsgType::ModelCommit:
    case MsgType::ModelAbort: return handleModel(f);
    default: return;  // unknown or host-bound types: ignored, so newer hosts can probe
  }
}

void BoardCore::handleStart(const protocol::FrameView& f) {
  protocol::StartStream s;
  if (!protocol::decode(f.payload, f.size, s)) return sendError(protocol::ErrorCode::Malformed, f.type, f.seq, "start");
  streaming_ = true;
  streamFlags_ = s.flags;
  unlimited_ = s.count == 0;
  remaining_ = s.count;
  sendAck(f, frameId_);
}

void BoardCore::handleModel(const protocol::FrameView& f) {
  const std::uint64_t now = port_.micros();
  ModelStore::Status st;
  std::uint32_t value = 0;
  switch (static_cast<MsgType>(f.type)) {
    case MsgType::ModelBegin: {
      protocol::ModelBegin m;
      if (!protocol::decode(f.payload, f.size, m)) return sendError(protocol::ErrorCode::Malformed, f.type, f.seq, "begin");
      // Stop streaming: the host wants the line for the upload.
      streaming_ = false;
      st = models_.begin(m, now);
      break;
    }
    case MsgType::ModelChunk: {
      protocol::ModelChunk c;
      if (!protocol::decode(f.payload, f.size, c)) return sendError(protocol::ErrorCode::Malformed, f.type, f.seq, "chunk");
      st = models_.chunk(c, now);
      value = models_.staged();
      break;
    }
    case MsgType::ModelCommit: {
      protocol::ModelCommit c;
      if (!protocol::decode(f.payload, f.size, c)) return sendError(protocol::ErrorCode::Malformed, f.type, f.seq, "commit");
      st = models_.commit(c);
      if (st.ok) inference_.load(models_.active(), models_.activeSize());
      value = modelHash();
      break;
    }
    default:
      models_.abort();
      break;
  }
  if (!st.ok) {
    const char* why = st.error == protocol::ErrorCode::CrcMismatch    ? "crc mismatch; previous model kept"
                      : st.error == protocol::ErrorCode::InvalidModel ? "model rejected by runtime; previous model kept"
                      : st.error == protocol::ErrorCode::TooLarge     ? "model larger than the staging slot"
                      : st.error == protocol::ErrorCode::BadOffset    ? "chunk offset not contiguous"
                      : st.error == protocol::ErrorCode::FlashWrite   ? "flash write failed; previous model kept"
                                                                   : "no upload in progress";
    return sendError(st.error, f.type, f.seq, why);
  }
  sendAck(f, value);
}

void BoardCore::send(MsgType type, const std::uint8_t* fixed, std::size_t fixedSize, const std::uint8_t* bulk,
                     std::size_t bulkSize) {
  writer_.begin(static_cast<std::uint8_t>(type), seq_++, fixedSize + bulkSize);
  writer_.write(fixed, fixedSize);
  if (bulkSize > 0) writer_.write(bulk, bulkSize);
  writer_.end();
}

void BoardCore::sendAck(const protocol::FrameView& of, std::uint32_t value) {
  std::uint8_t p[protocol::kAckSize];
  const std::size_t n = protocol::encode(protocol::Ack{static_cast<MsgType>(of.type), of.seq, value}, p, sizeof p);
  send(MsgType::Ack, p, n);
}

void BoardCore::sendError(protocol::ErrorCode code, std::uint8_t ofType, std::uint16_t ofSeq, const char* text) {
  protocol::ErrorMsg e;
  e.code = code;
  e.ofType = static_cast<MsgType>(ofType);
  e.ofSeq = ofSeq;
  std::uint8_t p[protocol::kErrorFixedSize];
  const std::size_t n = protocol::encodeFixed(e, p, sizeof p);
  send(MsgType::Error, p, n, reinterpret_cast<const std::uint8_t*>(text), std::strlen(text));
}

void BoardCore::sendDeviceInfo() {
  protocol::DeviceInfo info;
  auto copy = [](char* dst, std::size_t width, const char* src) {
    std::size_t i = 0;
    for (; src && src[i] && i < width; ++i) dst[i] = src[i];
    dst[i] = 0;
  };
  copy(info.board, protocol::kNameWidth, identity_.board);
  copy(info.firmwareVersion, protocol::kShortWidth, identity_.firmwareVersion);
  copy(info.sensor, protocol::kShortWidth, identity_.sensor);
  copy(info.deviceId, protocol::kNameWidth, identity_.deviceId);
  info.frameWidth = identity_.frame.width;
  info.frameHeight = identity_.frame.height;
  info.pixelFormat = identity_.frame.format;
  info.maxPayload = static_cast<std::uint16_t>(protocol::kMaxPayload);
  copy(info.modelId, protocol::kNameWidth, models_.activeId());
  info.modelSize = static_cast<std::uint32_t>(models_.activeSize());
  info.modelCrc = modelHash();
  info.freeRam = port_.freeRam();
  info.modelCapacity = static_cast<std::uint32_t>(ModelStore::capacity());
  std::uint8_t p[protocol::kDeviceInfoSize];
  const std::size_t n = protocol::encode(info, p, sizeof p);
  send(MsgType::DeviceInfo, p, n);
}

void BoardCore::streamOne() {
  inference::FrameInfo fi;
  if (!port_.capture(frame_, sizeof frame_, fi)) return;
  const std::uint64_t stamp = port_.micros();
  const std::uint32_t id = frameId_++;
  const std::size_t total = static_cast<std::size_t>(fi.width) * fi.height * protocol::bytesPerPixel(fi.format);
  if (streamFlags_ & protocol::StartStream::kFrames) {
    protocol::FrameChunk c;
    c.frameId = id;
    c.timestampUs = stamp;
    c.width = fi.width;
    c.height = fi.height;
    c.format = fi.format;
    c.totalSize = static_cast<std::uint32_t>(total);
    for (std::size_t off = 0; off < total; off += protocol::kMaxFrameChunkData) {
      const std::size_t n = total - off < protocol::kMaxFrameChunkData ? total - off : protocol::kMaxFrameChunkData;
      c.offset = static_cast<std::uint32_t>(off);
      std::uint8_t fixed[protocol::kFrameChunkFixedSize];
      protocol::encodeFixed(c, fixed, sizeof fixed);
      send(MsgType::FrameChunk, fixed, sizeof fixed, frame_ + off, n);
    }
  }
  if ((streamFlags_ & protocol::StartStream::kInference) && inference_.isDetector()) {
    sendDetections(id, fi);
  } else if ((streamFlags_ & protocol::StartStream::kInference) && inference_.loaded()) {
    inference::Scores s;
    const std::uint64_t t0 = port_.micros();
    if (inference_.run(frame_, fi, s)) {
      protocol::InferenceResult r;
      r.frameId = id;
      r.latencyUs = static_cast<std::uint32_t>(port_.micros() - t0);
      r.kind = protocol::ScoreKind::Int8;
      r.count = s.count;
      r.scale = s.scale;
      r.zeroPoint = s.zeroPoint;
      std::uint8_t fixed[protocol::kInferenceFixedSize];
      protocol::encodeFixed(r, fixed, sizeof fixed);
      send(MsgType::InferenceResult, fixed, sizeof fixed, reinterpret_cast<const std::uint8_t*>(s.q), s.count);
    }
  }
  if (!unlimited_ && --remaining_ == 0) streaming_ = false;
}

void BoardCore::sendDetections(std::uint32_t frameId, const inference::FrameInfo& fi) {
  inference::Detections found;
  const std::uint64_t t0 = port_.micros();
  if (!inference_.detect(frame_, fi, found)) return;
  protocol::DetectionsMsg m;
  m.frameId = frameId;
  m.latencyUs = static_cast<std::uint32_t>(port_.micros() - t0);
  m.gridW = found.gridW;
  m.gridH = found.gridH;
  m.count = found.count;
  m.scale = found.scale;
  m.zeroPoint = found.zeroPoint;
  std::uint8_t fixed[protocol::kDetectionsFixedSize];
  protocol::encodeFixed(m, fixed, sizeof fixed);
  std::uint8_t records[inference::kMaxDetections * protocol::kDetectionRecordSize];
  for (std::size_t i = 0; i < found.count; ++i) {
    protocol::encode(inference::wireRecord(found.d[i]), records + i * protocol::kDetectionRecordSize, protocol::kDetectionRecordSize);
  }
  send(protocol::MsgType::Detections, fixed, sizeof fixed, records, found.count * protocol::kDetectionRecordSize);
}

}  // namespace loupe::board
