#pragma once
// A hostile (or merely odd) board for tests: a thread on the master side of a real pseudo-terminal
// pair that speaks the real protocol code (firmware/protocol) but reports what the test scripts —
// any DeviceInfo, wrong Ack values, camera frames of any declared size. Set the script, start(),
// then the session (or the `loupe` CLI) opens port() like any serial port.

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "firmware/protocol/frame.h"
#include "firmware/protocol/messages.h"

namespace loupe::test {

class ScriptedBoard {
 public:
  using Bytes = std::vector<std::uint8_t>;

  // What the board says about itself: the virtual board's answer by default.
  static protocol::DeviceInfo plausibleInfo() {
    protocol::DeviceInfo i;
    std::strcpy(i.board, "Scripted board");
    std::strcpy(i.firmwareVersion, "test");
    std::strcpy(i.sensor, "none");
    std::strcpy(i.deviceId, "scripted-0001");
    i.frameWidth = 96;
    i.frameHeight = 96;
    i.maxPayload = static_cast<std::uint16_t>(protocol::kMaxPayload);
    i.freeRam = 100000;
    i.modelCapacity = 48 * 1024;
    return i;
  }

  protocol::DeviceInfo info = plausibleInfo();
  // Added to the staged byte count in every ModelChunk Ack (0: honest).
  std::int64_t ackSkew = 0;
  // Sent after the Ack of StartStream (e.g. frame chunks built with frameChunk()).
  std::function<Bytes()> onStartStream;

  ScriptedBoard() {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) return;
    port_ = ::ptsname(master_);
    termios t{};
    ::tcgetattr(master_, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(master_, TCSANOW, &t);
  }
  // The script above is read by the board's thread from here on.
  void start() { thread_ = std::thread([this] { run(); }); }
  ~ScriptedBoard() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (master_ >= 0) ::close(master_);
  }
  ScriptedBoard(const ScriptedBoard&) = delete;
  ScriptedBoard& operator=(const ScriptedBoard&) = delete;

  // The slave side, e.g. /dev/pts/7; empty if no pseudo-terminal could be made.
  const std::string& port() const { return port_; }
  // Counters of what the board received.
  int hellos() const { return hellos_; }
  int modelChunks() const { return modelChunks_; }

  // One encoded FrameChunk as the board would send it; `declaredWidth/Height` may lie.
  static Bytes frameChunk(std::uint16_t seq, std::uint32_t frameId, std::uint16_t width, std::uint16_t height,
                          std::uint32_t offset, const Bytes& pixels) {
    protocol::FrameChunk c;
    c.frameId = frameId;
    c.timestampUs = 1000u * frameId;
    c.width = width;
    c.height = height;
    c.totalSize = static_cast<std::uint32_t>(width) * height;
    c.offset = offset;
    Bytes p(protocol::kFrameChunkFixedSize);
    protocol::encodeFixed(c, p.data(), p.size());
    p.insert(p.end(), pixels.begin(), pixels.end());
    return encode(protocol::MsgType::FrameChunk, seq, p);
  }

  static Bytes encode(protocol::MsgType type, std::uint16_t seq, const Bytes& payload) {
    Bytes out;
    protocol::FrameWriter w(&append, &out);
    w.send(static_cast<std::uint8_t>(type), seq, payload.data(), payload.size());
    return out;
  }

 private:
  static void append(void* ctx, const std::uint8_t* d, std::size_t n) {
    auto* b = static_cast<Bytes*>(ctx);
    b->insert(b->end(), d, d + n);
  }

  void write(const Bytes& b) {
    std::size_t done = 0;
    while (done < b.size() && !stop_) {
      const ssize_t n = ::write(master_, b.data() + done, b.size() - done);
      if (n > 0)
        done += static_cast<std::size_t>(n);
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  void reply(protocol::MsgType type, const Bytes& payload) { write(encode(type, seq_++, payload)); }

  void ack(const protocol::FrameView& of, std::uint32_t value) {
    protocol::Ack a;
    a.ofType = static_cast<protocol::MsgType>(of.type);
    a.ofSeq = of.seq;
    a.value = value;
    Bytes p(protocol::kAckSize);
    protocol::encode(a, p.data(), p.size());
    reply(protocol::MsgType::Ack, p);
  }

  void handle(const protocol::FrameView& f) {
    switch (static_cast<protocol::MsgType>(f.type)) {
      case protocol::MsgType::Hello: {
        ++hellos_;
        seq_ = 0;
        Bytes p(protocol::kDeviceInfoSize);
        protocol::encode(info, p.data(), p.size());
        reply(protocol::MsgType::DeviceInfo, p);
        return;
      }
      case protocol::MsgType::StartStream:
        ack(f, 0);
        if (onStartStream) write(onStartStream());
        return;
      case protocol::MsgType::StopStream: return ack(f, 0);
      case protocol::MsgType::ModelBegin:
        staged_.clear();
        return ack(f, 0);
      case protocol::MsgType::ModelChunk: {
        ++modelChunks_;
        protocol::ModelChunk c;
        if (protocol::decode(f.payload, f.size, c)) staged_.insert(staged_.end(), c.data, c.data + c.dataSize);
        return ack(f, static_cast<std::uint32_t>(static_cast<std::int64_t>(staged_.size()) + ackSkew));
      }
      case protocol::MsgType::ModelCommit: {
        // The new model becomes the active one; its hash is the blob's CRC-32 trailer.
        std::uint32_t trailer = 0;
        if (staged_.size() >= 4) std::memcpy(&trailer, staged_.data() + staged_.size() - 4, 4);
        info.modelSize = static_cast<std::uint32_t>(staged_.size());
        info.modelCrc = trailer;
        return ack(f, trailer);
      }
      case protocol::MsgType::ModelAbort: return ack(f, 0);
      default: return;
    }
  }

  void run() {
    std::vector<std::uint8_t> buffer(protocol::kMaxEncodedFrame);
    protocol::FrameDecoder decoder(buffer.data(), buffer.size());
    std::uint8_t in[512];
    while (!stop_) {
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      if (!(p.revents & POLLIN)) {
        // POLLHUP: nobody has the slave open (between two CLI runs).
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      const ssize_t n = ::read(master_, in, sizeof in);
      for (ssize_t i = 0; i < n; ++i)
        if (decoder.push(in[i]) == protocol::FrameDecoder::Result::Frame) handle(decoder.frame());
    }
  }

  int master_ = -1;
  std::string port_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> hellos_{0}, modelChunks_{0};
  std::uint16_t seq_ = 0;
  Bytes staged_;
};

}  // namespace loupe::test
