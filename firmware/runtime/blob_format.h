#pragma once
// The flat model blob, format version 1 (full description: docs/model-format.md). Shared by the
// runtime's reader and the host's writer (core/quant) so both use the same offsets.
//
//   header (32 bytes) | layer record 0 | layer record 1 | ... | CRC-32 of everything before (4 bytes)
//
// All integers are little-endian; scales are IEEE-754 binary32 bit patterns. Every record is a
// multiple of 4 bytes, so a 4-byte aligned blob keeps its per-channel arrays aligned.

#include <cstdint>

namespace loupe::runtime::blob {

constexpr uint8_t kMagic[4] = {'L', 'P', 'R', 'T'};
constexpr uint16_t kVersion = 1;

// Header field offsets.
constexpr uint32_t kHeaderBytes = 32;
constexpr uint32_t kHdrMagic = 0;         // 4 bytes "LPRT"
constexpr uint32_t kHdrVersion = 4;       // u16
constexpr uint32_t kHdrHeaderBytes = 6;   // u16, 32 in version 1
constexpr uint32_t kHdrBlobBytes = 8;     // u32, whole blob including the CRC trailer
constexpr uint32_t kHdrLayerCount = 12;   // u16
constexpr uint32_t kHdrReserved0 = 14;    // u16, 0
constexpr uint32_t kHdrInputH = 16;       // u16
constexpr uint32_t kHdrInputW = 18;       // u16
constexpr uint32_t kHdrInputC = 20;       // u16
constexpr uint32_t kHdrReserved1 = 22;    // u16, 0
constexpr uint32_t kHdrInputScale = 24;   // f32
constexpr uint32_t kHdrInputZeroPoint = 28;  // i32

// Layer record field offsets (relative to the record start).
constexpr uint32_t kRecHeaderBytes = 52;
constexpr uint32_t kRecBytes = 0;          // u32, whole record incl. payload and padding
constexpr uint32_t kRecOp = 4;             // u8, Op
constexpr uint32_t kRecActivation = 5;     // u8, FusedActivation (informational: act min/max rule)
constexpr uint32_t kRecPadding = 6;        // u8, Padding
constexpr uint32_t kRecReserved = 7;       // u8, 0
constexpr uint32_t kRecKernelH = 8;        // u8
constexpr uint32_t kRecKernelW = 9;        // u8
constexpr uint32_t kRecStrideH = 10;       // u8
constexpr uint32_t kRecStrideW = 11;       // u8
constexpr uint32_t kRecDepthMultiplier = 12;  // u16
constexpr uint32_t kRecOutC = 14;          // u16
constexpr uint32_t kRecOutH = 16;          // u16
constexpr uint32_t kRecOutW = 18;          // u16
constexpr uint32_t kRecOutScale = 20;      // f32
constexpr uint32_t kRecOutZeroPoint = 24;  // i32
constexpr uint32_t kRecActMin = 28;        // i32, clamp applied to the int8 output
constexpr uint32_t kRecActMax = 32;        // i32
constexpr uint32_t kRecInScale = 36;       // f32, equals the previous tensor's scale
constexpr uint32_t kRecInZeroPoint = 40;   // i32, equals the previous tensor's zero point
constexpr uint32_t kRecChannels = 44;      // u32, per-channel parameter count (0 for pools)
constexpr uint32_t kRecWeightBytes = 48;   // u32, int8 weight count (softmax: table bytes)
// Payload at kRecHeaderBytes:
//   conv / depthwise / dense: f32 weightScale[N] | i32 multiplier[N] | i32 shift[N] |
//                             i32 bias[N] | i8 weights[weightBytes] | zero padding to 4
//   softmax:                  u32 expTable[256]   (weightBytes = 1024, N = 0)
//   pools:                    nothing

enum class Op : uint8_t { Conv2D = 1, DepthwiseConv2D = 2, AveragePool2D = 3, MaxPool2D = 4, FullyConnected = 5,
                          Softmax = 6 };
enum class FusedActivation : uint8_t { None = 0, ReLU = 1, ReLU6 = 2 };
enum class Padding : uint8_t { Valid = 0, Same = 1 };

// Softmax: expTable[d] = round(2^kSoftmaxTableBits * exp(-d * inputScale)) for d = max - x.
constexpr int kSoftmaxTableBits = 24;
constexpr int kSoftmaxTableSize = 256;
// TFLite fixes the int8 softmax output quantisation to scale 1/256, zero point -128.
constexpr int32_t kSoftmaxOutZeroPoint = -128;
constexpr uint32_t kSoftmaxOutScaleBits = 0x3B800000u;  // 1.0f / 256

}  // namespace loupe::runtime::blob
