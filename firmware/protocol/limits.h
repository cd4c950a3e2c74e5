#pragma once
// The ranges a host accepts in what a board reports (docs/protocol.md, "Ranges"). They bound every
// allocation and loop the host sizes from the board's numbers: a board outside them is refused at
// the handshake, naming the field, instead of being trusted with, say, a 4 GiB frame or a model
// chunk of 0 bytes. A board build checks its own configuration against them at compile time.

#include <cstddef>
#include <cstdint>

#include "firmware/protocol/messages.h"

namespace loupe::protocol {

// Max payload: every host-to-board message's fixed fields fit (ModelBegin is the largest), and a
// model chunk carries at least 60 bytes, so an upload of the largest slot stays a bounded loop.
inline constexpr std::size_t kMinBoardPayload = 64;
static_assert(kMinBoardPayload >= kModelBeginSize && kMinBoardPayload > kModelChunkFixedSize);
// Camera: each side 1..1024 pixels and at most 1 MiB per frame (far above what 256 KB of board RAM
// can capture); the host allocates at most this per frame.
inline constexpr std::uint32_t kMaxCameraSide = 1024;
inline constexpr std::uint32_t kMaxCameraFrameBytes = 1u << 20;
// Model slot and active model: at most 16 MiB (the Nano 33 BLE has 1 MB of flash).
inline constexpr std::uint32_t kMaxModelBytes = 16u << 20;

}  // namespace loupe::protocol
