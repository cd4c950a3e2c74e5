// libFuzzer target: arbitrary bytes through the streaming frame decoder and every message
// decoder. Properties checked beyond "no crash, no out-of-bounds" (ASan): a decoded frame's
// payload lies inside the decoder buffer, and re-encoding it yields a frame that decodes to the
// same type, sequence number and payload.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "firmware/protocol/frame.h"
#include "firmware/protocol/messages.h"

using namespace loupe::protocol;

namespace {

std::uint8_t g_buffer[kMaxEncodedFrame];
std::uint8_t g_check[kMaxEncodedFrame];

void append(void* ctx, const std::uint8_t* d, std::size_t n) {
  auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
  v->insert(v->end(), d, d + n);
}

template <typename M>
void tryDecode(const FrameView& f) {
  M m;
  (void)decode(f.payload, f.size, m);
}

void roundTrip(const FrameView& f) {
  std::vector<std::uint8_t> wire;
  FrameWriter w(append, &wire);
  if (!w.send(f.type, f.seq, f.payload, f.size)) std::abort();
  FrameDecoder again(g_check, sizeof g_check);
  int frames = 0;
  for (std::uint8_t b : wire) {
    if (again.push(b) != FrameDecoder::Result::Frame) continue;
    const FrameView& g = again.frame();
    if (g.type != f.type || g.seq != f.seq || g.size != f.size || std::memcmp(g.payload, f.payload, f.size) != 0)
      std::abort();
    ++frames;
  }
  if (frames != 1) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FrameDecoder decoder(g_buffer, sizeof g_buffer);
  for (std::size_t i = 0; i < size; ++i) {
    if (decoder.push(data[i]) != FrameDecoder::Result::Frame) continue;
    const FrameView& f = decoder.frame();
    if (f.payload < g_buffer || f.payload + f.size > g_buffer + sizeof g_buffer) std::abort();
    tryDecode<Hello>(f);
    tryDecode<DeviceInfo>(f);
    tryDecode<StartStream>(f);
    tryDecode<FrameChunk>(f);
    tryDecode<InferenceResult>(f);
    tryDecode<ModelBegin>(f);
    tryDecode<ModelChunk>(f);
    tryDecode<ModelCommit>(f);
    tryDecode<Ack>(f);
    tryDecode<ErrorMsg>(f);
    roundTrip(f);
  }
  return 0;
}
