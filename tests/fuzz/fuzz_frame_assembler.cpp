// libFuzzer target: camera frame reassembly (serial_link/frame_assembler) from chunks whose every
// field comes from the input. Only chunks that pass protocol::decode reach the assembler, as in the
// session. Properties beyond "no crash, no leak, no huge allocation" (ASan, -rss_limit_mb):
// - a completed frame has exactly the camera's size and geometry, never more than the hard cap;
// - its pixels are the bytes of its chunks in order (checked against a shadow copy);
// - a chunk whose geometry is not the camera's is rejected and counted.
//
// Input: camera width u16, height u16, format u8 (folded into the accepted ranges), then chunks:
//   frame id step u8 | width u16 | height u16 | format u8 | offset u32 | data length u16 | data
// (total frame bytes follow from width x height x format, as decode() requires).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "firmware/protocol/bytes.h"
#include "firmware/protocol/limits.h"
#include "firmware/protocol/messages.h"
#include "serial_link/frame_assembler.h"

using namespace loupe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  protocol::ByteReader in(data, size);
  std::uint32_t camW = 1 + in.u16() % protocol::kMaxCameraSide;
  std::uint32_t camH = 1 + in.u16() % protocol::kMaxCameraSide;
  const auto format = (in.u8() & 1) ? protocol::PixelFormat::Rgb565 : protocol::PixelFormat::Gray8;
  const std::uint32_t bpp = static_cast<std::uint32_t>(protocol::bytesPerPixel(format));
  if (camW * camH * bpp > protocol::kMaxCameraFrameBytes) camH = protocol::kMaxCameraFrameBytes / (camW * bpp);
  const std::size_t frameBytes = std::size_t{camW} * camH * bpp;

  serial_link::FrameAssembler a;
  a.setCamera(static_cast<std::uint16_t>(camW), static_cast<std::uint16_t>(camH), format);
  std::uint32_t frameId = 0;
  std::vector<std::uint8_t> shadow;  // the bytes of the frame in progress, as the chunks gave them
  bool shadowValid = false;
  std::uint32_t shadowId = 0;
  std::uint64_t rejected = 0;

  std::vector<std::uint8_t> payload;
  while (in.remaining() > 0) {
    protocol::FrameChunk c;
    frameId += in.u8() % 4;
    c.frameId = frameId;
    c.width = in.u16();
    c.height = in.u16();
    c.format = static_cast<protocol::PixelFormat>(in.u8() % 3);
    c.totalSize = static_cast<std::uint32_t>(std::uint64_t{c.width} * c.height * protocol::bytesPerPixel(c.format));
    c.offset = in.u32();
    std::size_t n = std::min<std::size_t>(in.u16(), protocol::kMaxFrameChunkData);
    std::size_t avail = 0;
    const std::uint8_t* bytes = in.rest(avail);
    n = std::min(n, avail);
    // Give back what this chunk does not use.
    in = protocol::ByteReader(bytes + n, avail - n);

    payload.assign(protocol::kFrameChunkFixedSize, 0);
    protocol::encodeFixed(c, payload.data(), payload.size());
    payload.insert(payload.end(), bytes, bytes + n);
    protocol::FrameChunk d;
    if (!protocol::decode(payload.data(), payload.size(), d)) continue;

    const bool fits = std::uint32_t{d.width} == camW && std::uint32_t{d.height} == camH && d.format == format;
    const std::uint64_t before = a.rejected();
    auto frame = a.add(d);
    if (!fits) {
      if (a.rejected() != before + 1 || frame) std::abort();
      ++rejected;
      continue;
    }
    if (a.rejected() != before) std::abort();
    if (d.offset == 0) {
      shadow.assign(d.data, d.data + d.dataSize);
      shadowValid = true;
      shadowId = d.frameId;
    } else if (shadowValid && d.frameId == shadowId && d.offset == shadow.size()) {
      shadow.insert(shadow.end(), d.data, d.data + d.dataSize);
    } else {
      shadowValid = false;
    }
    if (!frame) continue;
    if (frame->pixels.size() != frameBytes || frame->pixels.size() > protocol::kMaxCameraFrameBytes) std::abort();
    if (std::uint32_t{frame->width} != camW || std::uint32_t{frame->height} != camH || frame->format != format)
      std::abort();
    if (!shadowValid || shadowId != frame->frameId || shadow != frame->pixels) std::abort();
  }
  if (a.rejected() != rejected) std::abort();
  return 0;
}
