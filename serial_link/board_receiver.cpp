#include "serial_link/board_receiver.h"

#include "serial_link/device_check.h"

namespace loupe::serial_link {

using protocol::MsgType;

namespace {

// The wire message into the host's description, field by field (alike in shape to other copies).
DeviceDescription describe(const protocol::DeviceInfo& i) {
  DeviceDescription d;
  d.protocolVersion = i.protocolVersion;
  d.board = i.board;
  d.firmwareVersion = i.firmwareVersion;
  d.sensor = i.sensor;
  d.deviceId = i.deviceId;
  d.modelId = i.modelId;
  d.frameWidth = i.frameWidth;
  d.frameHeight = i.frameHeight;
  d.pixelFormat = i.pixelFormat;
  d.maxPayload = i.maxPayload;
  d.modelSize = i.modelSize;
  d.modelCrc = i.modelCrc;
  d.freeRam = i.freeRam;
  d.modelCapacity = i.modelCapacity;
  return d;
}

}  // namespace

BoardReceiver::BoardReceiver() : rx_(protocol::kMaxEncodedFrame), decoder_(rx_.data(), rx_.size()) {}

void BoardReceiver::awaitDeviceInfo() {
  info_.reset();
  infoProblem_.clear();
  infoVersion_ = 0;
}

void BoardReceiver::useDevice(const DeviceDescription& d) {
  assembler_.setCamera(static_cast<std::uint16_t>(d.frameWidth), static_cast<std::uint16_t>(d.frameHeight), d.pixelFormat);
}

void BoardReceiver::reconnected() {
  assembler_.reset();
  tracker_.reconnected();
}

void BoardReceiver::feed(const std::uint8_t* data, std::size_t size, double now) {
  tracker_.bytes(size, now);
  for (std::size_t i = 0; i < size; ++i) {
    switch (decoder_.push(data[i])) {
      case protocol::FrameDecoder::Result::Frame: handle(decoder_.frame(), now); break;
      case protocol::FrameDecoder::Result::BadCrc: tracker_.crcError(); break;
      case protocol::FrameDecoder::Result::Malformed:
      case protocol::FrameDecoder::Result::Overflow: tracker_.malformed(); break;
      case protocol::FrameDecoder::Result::None: break;
    }
  }
}

void BoardReceiver::reject(const std::string& why) {
  tracker_.rejected();
  if (handlers_.rejected) handlers_.rejected(why);
}

void BoardReceiver::handle(const protocol::FrameView& f, double now) {
  tracker_.packet();
  if (static_cast<MsgType>(f.type) == MsgType::DeviceInfo) tracker_.resetSequence();  // the board restarted counting
  tracker_.sequence(f.seq);
  switch (static_cast<MsgType>(f.type)) {
    case MsgType::DeviceInfo: {
      protocol::DeviceInfo info;
      // A board of another version may lay the rest out differently: its version comes first.
      infoVersion_ = f.size > 0 ? f.payload[0] : 0;
      if (infoVersion_ != protocol::kProtocolVersion) {
        info.protocolVersion = static_cast<std::uint8_t>(infoVersion_);
        infoProblem_ = serial_link::deviceInfoProblem(info);
        return;
      }
      if (!protocol::decode(f.payload, f.size, info)) {
        infoProblem_ = "a DeviceInfo of " + std::to_string(f.size) + " bytes (accepted: at least " +
                       std::to_string(protocol::kDeviceInfoSize) + ")";
        return tracker_.malformed();
      }
      infoProblem_ = serial_link::deviceInfoProblem(info);
      if (infoProblem_.empty()) info_ = describe(info);
      return;
    }
    case MsgType::FrameChunk: {
      protocol::FrameChunk c;
      if (!protocol::decode(f.payload, f.size, c)) return tracker_.malformed();
      const std::uint64_t dropped = assembler_.dropped(), rejected = assembler_.rejected();
      auto frame = assembler_.add(c);
      tracker_.dropped(assembler_.dropped() - dropped);
      if (assembler_.rejected() != rejected) return reject(assembler_.lastRejection());
      if (!frame) return;
      tracker_.frame(now);
      if (handlers_.frame) handlers_.frame(*frame);
      return;
    }
    case MsgType::InferenceResult: {
      protocol::InferenceResult r;
      if (!protocol::decode(f.payload, f.size, r)) return tracker_.malformed();
      if (r.kind != protocol::ScoreKind::Int8) return;  // float scores are not produced by this firmware
      if (std::string why = inferenceProblem(r); !why.empty())
        return reject("prediction (frame " + std::to_string(r.frameId) + ") rejected: " + why);
      BoardInference out;
      out.frameId = r.frameId;
      out.latencyUs = r.latencyUs;
      out.scale = r.scale;
      out.zeroPoint = r.zeroPoint;
      out.scores.assign(reinterpret_cast<const std::int8_t*>(r.scores),
                        reinterpret_cast<const std::int8_t*>(r.scores) + r.count);
      if (handlers_.inference) handlers_.inference(out);
      return;
    }
    case MsgType::Detections: {
      protocol::DetectionsMsg m;
      if (!protocol::decode(f.payload, f.size, m)) return tracker_.malformed();
      if (std::string why = detectionsProblem(m); !why.empty())
        return reject("detections (frame " + std::to_string(m.frameId) + ") rejected: " + why);
      BoardDetections out;
      out.frameId = m.frameId;
      out.latencyUs = m.latencyUs;
      out.gridW = m.gridW;
      out.gridH = m.gridH;
      out.scale = m.scale;
      out.zeroPoint = m.zeroPoint;
      for (std::size_t i = 0; i < m.count; ++i) out.detections.push_back(protocol::detectionRecord(m, i));
      if (handlers_.detections) handlers_.detections(out);
      return;
    }
    case MsgType::Ack: {
      protocol::Ack a;
      if (!protocol::decode(f.payload, f.size, a)) return tracker_.malformed();
      Reply r;
      r.ok = true;
      r.value = a.value;
      reply_ = std::make_pair(a.ofSeq, r);
      return;
    }
    case MsgType::Error: {
      protocol::ErrorMsg e;
      if (!protocol::decode(f.payload, f.size, e)) return tracker_.malformed();
      Reply r;
      r.error = e.code;
      r.text = e.text ? std::string(e.text, e.textSize) : std::string();
      reply_ = std::make_pair(e.ofSeq, r);
      if (handlers_.boardError) handlers_.boardError(r.text);
      return;
    }
    default: return;  // unknown types are ignored (a newer firmware may send more)
  }
}

}  // namespace loupe::serial_link
