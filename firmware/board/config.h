#pragma once
// Compile-time sizes of the board core's static buffers. A board build may override any of them
// with -D; the defaults fit the Nano 33 BLE Sense (256 KB RAM) with room for the Arduino core.

#include <cstddef>

#include "firmware/protocol/frame.h"

namespace loupe::board {

#ifndef LOUPE_FW_MODEL_SLOT_BYTES
#define LOUPE_FW_MODEL_SLOT_BYTES (128 * 1024)
#endif
#ifndef LOUPE_FW_MAX_FRAME_BYTES
#define LOUPE_FW_MAX_FRAME_BYTES (96 * 96)
#endif
#ifndef LOUPE_FW_UPLOAD_TIMEOUT_US
#define LOUPE_FW_UPLOAD_TIMEOUT_US 3000000u
#endif

// Two flash slots (model_store.h): the active model, read in place, and the one being uploaded. A
// commit switches their roles, so the old model runs until the new one has passed its CRC and
// the runtime's own checks. 2 x 128 KB + two 4 KB journal pages of the Nano's 1 MB flash.
inline constexpr std::size_t kModelSlotBytes = LOUPE_FW_MODEL_SLOT_BYTES;
inline constexpr std::size_t kMaxFrameBytes = LOUPE_FW_MAX_FRAME_BYTES;
// An upload with no chunk for this long is abandoned (host gone mid-upload).
inline constexpr unsigned long long kUploadTimeoutUs = LOUPE_FW_UPLOAD_TIMEOUT_US;
inline constexpr std::size_t kRxBufferBytes = protocol::kMaxEncodedFrame;

}  // namespace loupe::board

#include "firmware/inference/grid_decode.h"
#include "firmware/protocol/limits.h"

namespace loupe::board {

// What the board reports must lie in the ranges a host accepts (firmware/protocol/limits.h).
static_assert(kMaxFrameBytes <= protocol::kMaxCameraFrameBytes, "camera frame larger than a host accepts");
static_assert(kModelSlotBytes <= protocol::kMaxModelBytes, "model slot larger than a host accepts");
static_assert(protocol::kDetectionsFixedSize + inference::kMaxDetections * protocol::kDetectionRecordSize <=
                  protocol::kMaxPayload,
              "a frame's detections must fit one message");

}  // namespace loupe::board
