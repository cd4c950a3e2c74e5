// Host side of the protocol: encode and decode throughput, and the bytes the framing adds to a
// 96x96 gray camera frame (3 FrameChunk messages), for random, all-zero and zero-free pixels.
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "firmware/protocol/frame.h"
#include "firmware/protocol/messages.h"

using namespace loupe::protocol;
using Clock = std::chrono::steady_clock;

namespace {

void append(void* ctx, const std::uint8_t* d, std::size_t n) {
  auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
  v->insert(v->end(), d, d + n);
}

// Wire bytes of one camera frame, chunked as the board sends it.
void encodeFrame(std::vector<std::uint8_t>& wire, const std::vector<std::uint8_t>& px, std::uint32_t id,
                 std::uint16_t& seq) {
  FrameWriter w(append, &wire);
  FrameChunk c;
  c.frameId = id;
  c.width = 96;
  c.height = 96;
  c.totalSize = 96 * 96;
  for (std::size_t off = 0; off < px.size(); off += kMaxFrameChunkData) {
    const std::size_t n = std::min(kMaxFrameChunkData, px.size() - off);
    c.offset = static_cast<std::uint32_t>(off);
    std::uint8_t fixed[kFrameChunkFixedSize];
    encodeFixed(c, fixed, sizeof fixed);
    w.begin(static_cast<std::uint8_t>(MsgType::FrameChunk), seq++, sizeof fixed + n);
    w.write(fixed, sizeof fixed);
    w.write(px.data() + off, n);
    w.end();
  }
}

}  // namespace

int main() {
  std::mt19937 rng(1);
  std::vector<std::uint8_t> random(96 * 96), zeros(96 * 96, 0), ones(96 * 96, 0x80);
  for (auto& b : random) b = static_cast<std::uint8_t>(rng());
  std::uint16_t seq = 0;
  for (auto [name, px] : {std::pair{"random", &random}, std::pair{"all-zero", &zeros}, std::pair{"zero-free", &ones}}) {
    std::vector<std::uint8_t> wire;
    encodeFrame(wire, *px, 0, seq);
    std::printf("overhead_96x96_%s_bytes %zu (%.2f %%)\n", name, wire.size() - px->size(),
                100.0 * static_cast<double>(wire.size() - px->size()) / static_cast<double>(px->size()));
  }

  // 200 random frames (~1.9 MB of wire bytes), encoded and decoded repeatedly for about a second.
  std::vector<std::uint8_t> wire;
  const auto e0 = Clock::now();
  int encodeRounds = 0;
  do {
    wire.clear();
    for (std::uint32_t i = 0; i < 200; ++i) encodeFrame(wire, random, i, seq);
    ++encodeRounds;
  } while (Clock::now() - e0 < std::chrono::seconds(1));
  const double encodeSeconds = std::chrono::duration<double>(Clock::now() - e0).count();

  static std::uint8_t buffer[kMaxEncodedFrame];
  FrameDecoder decoder(buffer, sizeof buffer);
  std::size_t frames = 0, payload = 0;
  int rounds = 0;
  const auto d0 = Clock::now();
  do {
    for (std::uint8_t b : wire)
      if (decoder.push(b) == FrameDecoder::Result::Frame) {
        ++frames;
        payload += decoder.frame().size;
      }
    ++rounds;
  } while (Clock::now() - d0 < std::chrono::seconds(1));
  const double decodeSeconds = std::chrono::duration<double>(Clock::now() - d0).count();
  const double mb = static_cast<double>(wire.size()) * rounds / 1e6;
  std::printf("decode_throughput_MBps %.1f\n", mb / decodeSeconds);
  std::printf("decode_camera_frames_per_s %.0f\n", static_cast<double>(frames) / 3.0 / decodeSeconds);
  std::printf("encode_throughput_MBps %.1f\n", static_cast<double>(wire.size()) * encodeRounds / 1e6 / encodeSeconds);
  std::printf("payload_checksum %zu\n", payload % 1000003);  // keeps the decode loop observable
  return 0;
}
