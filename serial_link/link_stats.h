#pragma once
// Live statistics of a board link: throughput over the whole stream and over the last second,
// integrity errors, and losses (camera frames that never arrived whole, sequence-number gaps).

#include <cstdint>
#include <deque>

namespace loupe::serial_link {

struct LinkStats {
  std::uint64_t frames = 0;        // complete camera frames
  std::uint64_t bytes = 0;         // raw bytes received
  std::uint64_t packets = 0;       // valid protocol frames
  std::uint64_t crcErrors = 0;     // packets failing CRC-32
  std::uint64_t malformed = 0;     // invalid COBS, bad length, overlong packets
  std::uint64_t dropped = 0;       // camera frames lost (id gaps, missing chunks)
  std::uint64_t sequenceGaps = 0;  // protocol frames lost, from sequence numbers
  std::uint64_t rejected = 0;      // valid messages dropped for implausible values (e.g. a frame
                                   // chunk larger than the camera the board announced)
  std::uint64_t reconnects = 0;
  double fps = 0;                  // since the first frame of the stream
  double bytesPerSecond = 0;
  double liveFps = 0;              // over the last second
  double liveBytesPerSecond = 0;
};

// Feeds events with a monotonic time in seconds; keeps counters and rates.
class StatsTracker {
 public:
  void bytes(std::uint64_t n, double now);
  void packet() { ++stats_.packets; }
  void crcError() { ++stats_.crcErrors; }
  void malformed() { ++stats_.malformed; }
  void rejected() { ++stats_.rejected; }
  void frame(double now);
  void dropped(std::uint64_t n) { stats_.dropped += n; }
  void sequence(std::uint16_t seq);
  void resetSequence() { haveSeq_ = false; }
  void reconnected() { ++stats_.reconnects; }
  // Starts a new measurement (a new stream): throughput and counters from zero.
  void restart();
  const LinkStats& stats() const { return stats_; }

 private:
  void rates(double now);

  LinkStats stats_;
  bool haveSeq_ = false;
  std::uint16_t nextSeq_ = 0;
  double firstByte_ = -1;
  double firstFrame_ = -1;
  std::uint64_t bytesAtFirstFrame_ = 0;
  std::deque<std::pair<double, std::uint64_t>> window_;  // (time, bytes so far) per frame
};

}  // namespace loupe::serial_link
