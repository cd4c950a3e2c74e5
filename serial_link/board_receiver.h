#pragma once
// The host's receive path, free of Qt and of the port: bytes from the board -> frames (with
// resynchronisation) -> messages -> device info, replies, camera frames and predictions, with the
// link statistics. Every value the board sends is checked before it is used (device_check.h,
// FrameAssembler); what fails is dropped, counted and reported. BoardSession owns one and feeds
// it what the port reads; the fuzz target feeds it arbitrary bytes.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "firmware/protocol/frame.h"
#include "firmware/protocol/messages.h"
#include "serial_link/frame_assembler.h"
#include "serial_link/link_stats.h"

namespace loupe::serial_link {

// DeviceInfo with owned strings.
struct DeviceDescription {
  int protocolVersion = 0;
  std::string board, firmwareVersion, sensor, deviceId, modelId;
  int frameWidth = 0, frameHeight = 0;
  protocol::PixelFormat pixelFormat = protocol::PixelFormat::Gray8;
  int maxPayload = 0;
  std::uint32_t modelSize = 0, modelCrc = 0, freeRam = 0, modelCapacity = 0;
};

struct BoardInference {
  std::uint32_t frameId = 0;
  std::uint32_t latencyUs = 0;
  std::vector<std::int8_t> scores;
  float scale = 0;
  std::int32_t zeroPoint = 0;
};

// A detector's boxes for one frame, in grid cells (board_detections.h turns them into pixels).
struct BoardDetections {
  std::uint32_t frameId = 0;
  std::uint32_t latencyUs = 0;
  int gridW = 0, gridH = 0;
  float scale = 0;
  std::int32_t zeroPoint = 0;
  std::vector<protocol::DetectionRecord> detections;  // best score first
};

// The board's answer to a request: an Ack or an Error.
struct Reply {
  bool ok = false;
  std::uint32_t value = 0;  // Ack value
  protocol::ErrorCode error = protocol::ErrorCode::BadState;
  std::string text;         // Error text
};

class BoardReceiver {
 public:
  struct Handlers {
    std::function<void(const CapturedFrame&)> frame;
    std::function<void(const BoardInference&)> inference;
    std::function<void(const BoardDetections&)> detections;
    std::function<void(const std::string&)> boardError;  // an Error message's text
    std::function<void(const std::string&)> rejected;    // a message dropped for implausible values
  };

  BoardReceiver();
  void setHandlers(Handlers handlers) { handlers_ = std::move(handlers); }

  // Bytes from the wire; `now` is a monotonic time in seconds (for the rates).
  void feed(const std::uint8_t* data, std::size_t size, double now);
  // A new line (port reopened): a half-received packet is discarded.
  void resetDecoder() { decoder_.reset(); }

  // Handshake: forget the last DeviceInfo, then wait for deviceInfo() or deviceInfoProblem().
  void awaitDeviceInfo();
  const std::optional<DeviceDescription>& deviceInfo() const { return info_; }
  // Why the last DeviceInfo was refused (field, value, accepted range); empty if none was.
  const std::string& deviceInfoProblem() const { return infoProblem_; }
  // The protocol version of the last DeviceInfo (0: none yet), refused or not.
  int deviceInfoVersion() const { return infoVersion_; }
  // Frames are checked against this (the validated DeviceInfo of the handshake).
  void useDevice(const DeviceDescription& d);

  // Requests: forget the last reply, then wait for replyTo(seq).
  void awaitReply() { reply_.reset(); }
  const Reply* replyTo(std::uint16_t seq) const { return reply_ && reply_->first == seq ? &reply_->second : nullptr; }

  const LinkStats& stats() const { return tracker_.stats(); }
  void restartStats() { tracker_.restart(); }
  // The line dropped and came back: the frame in progress is lost.
  void reconnected();

 private:
  void handle(const protocol::FrameView& f, double now);
  void reject(const std::string& why);

  Handlers handlers_;
  std::vector<std::uint8_t> rx_;
  protocol::FrameDecoder decoder_;
  StatsTracker tracker_;
  FrameAssembler assembler_;
  std::optional<DeviceDescription> info_;
  std::string infoProblem_;
  int infoVersion_ = 0;
  std::optional<std::pair<std::uint16_t, Reply>> reply_;  // (ofSeq, reply)
};

}  // namespace loupe::serial_link
