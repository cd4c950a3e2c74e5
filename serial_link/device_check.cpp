#include "serial_link/device_check.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "firmware/protocol/limits.h"

namespace loupe::serial_link {

namespace {

std::string outside(const char* field, std::uint64_t value, std::uint64_t lo, std::uint64_t hi) {
  return std::string(field) + " " + std::to_string(value) + " (accepted: " + std::to_string(lo) + ".." +
         std::to_string(hi) + ")";
}

// A quantized score's parameters: real = (q - zeroPoint) * scale.
std::string scoreQuantizationProblem(float scale, std::int32_t zeroPoint) {
  if (!std::isfinite(scale) || scale <= 0) return "scale " + std::to_string(scale) + " (accepted: finite, > 0)";
  if (zeroPoint < -128 || zeroPoint > 127) return "zero point " + std::to_string(zeroPoint) + " (accepted: -128..127)";
  return {};
}

// Text fields end up in captions, logs and capture sources: printable ASCII only.
std::string badText(const char* field, const char* s) {
  for (std::size_t i = 0; s[i]; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c > 0x7E)
      return std::string(field) + " has a non-printable byte 0x" + "0123456789abcdef"[c >> 4] +
             "0123456789abcdef"[c & 15] + " at position " + std::to_string(i) + " (accepted: printable ASCII)";
  }
  return {};
}

}  // namespace

std::string deviceInfoProblem(const protocol::DeviceInfo& i) {
  if (i.protocolVersion != protocol::kProtocolVersion)
    return outside("protocol version", i.protocolVersion, protocol::kProtocolVersion, protocol::kProtocolVersion);
  for (const auto& [field, text] : {std::pair{"board name", i.board}, std::pair{"firmware version", i.firmwareVersion},
                                    std::pair{"sensor", i.sensor}, std::pair{"device id", i.deviceId},
                                    std::pair{"model id", i.modelId}})
    if (std::string why = badText(field, text); !why.empty()) return why;
  if (i.deviceId[0] == 0) return "device id is empty (accepted: 1..24 printable characters)";
  const std::size_t bpp = protocol::bytesPerPixel(i.pixelFormat);
  if (bpp == 0) return outside("pixel format", static_cast<unsigned>(i.pixelFormat), 0, 1);
  const std::uint32_t width = i.frameWidth, height = i.frameHeight, payload = i.maxPayload;
  if (width < 1 || width > protocol::kMaxCameraSide) return outside("frame width", width, 1, protocol::kMaxCameraSide);
  if (height < 1 || height > protocol::kMaxCameraSide) return outside("frame height", height, 1, protocol::kMaxCameraSide);
  const std::uint64_t frameBytes = std::uint64_t{width} * height * bpp;
  if (frameBytes > protocol::kMaxCameraFrameBytes) return outside("frame size in bytes", frameBytes, 1, protocol::kMaxCameraFrameBytes);
  if (payload < protocol::kMinBoardPayload || payload > protocol::kMaxPayload)
    return outside("max payload", payload, protocol::kMinBoardPayload, protocol::kMaxPayload);
  if (i.modelCapacity > protocol::kMaxModelBytes) return outside("model capacity", i.modelCapacity, 0, protocol::kMaxModelBytes);
  if (i.modelSize > protocol::kMaxModelBytes) return outside("active model size", i.modelSize, 0, protocol::kMaxModelBytes);
  return {};
}

std::string inferenceProblem(const protocol::InferenceResult& r) {
  if (r.count < 1) return outside("class count", r.count, 1, 255);
  if (r.kind == protocol::ScoreKind::Int8) return scoreQuantizationProblem(r.scale, r.zeroPoint);
  return {};
}

std::string detectionsProblem(const protocol::DetectionsMsg& m) {
  if (m.gridW < 1) return outside("grid width", m.gridW, 1, 255);
  if (m.gridH < 1) return outside("grid height", m.gridH, 1, 255);
  if (std::string why = scoreQuantizationProblem(m.scale, m.zeroPoint); !why.empty()) return why;
  for (std::size_t i = 0; i < m.count; ++i) {
    const protocol::DetectionRecord d = protocol::detectionRecord(m, i);
    const std::string which = "detection " + std::to_string(i) + " ";
    if (d.col0 > d.col1 || d.col1 >= m.gridW)
      return which + "columns " + std::to_string(d.col0) + ".." + std::to_string(d.col1) + " (accepted: within 0.." +
             std::to_string(m.gridW - 1) + ", first <= last)";
    if (d.row0 > d.row1 || d.row1 >= m.gridH)
      return which + "rows " + std::to_string(d.row0) + ".." + std::to_string(d.row1) + " (accepted: within 0.." +
             std::to_string(m.gridH - 1) + ", first <= last)";
    if (d.cx256 < d.col0 * 256u || d.cx256 > (d.col1 + 1u) * 256u)
      return which + "centroid x " + std::to_string(d.cx256) + "/256 (accepted: inside its columns)";
    if (d.cy256 < d.row0 * 256u || d.cy256 > (d.row1 + 1u) * 256u)
      return which + "centroid y " + std::to_string(d.cy256) + "/256 (accepted: inside its rows)";
  }
  return {};
}

std::size_t modelChunkBytes(std::size_t maxPayload) {
  return std::min(protocol::kMaxModelChunkData, std::max(maxPayload, protocol::kMinBoardPayload) - protocol::kModelChunkFixedSize);
}

}  // namespace loupe::serial_link
