#include "serial_link/link_stats.h"

namespace loupe::serial_link {

void StatsTracker::restart() {
  const std::uint64_t reconnects = stats_.reconnects;
  stats_ = LinkStats{};
  stats_.reconnects = reconnects;
  firstByte_ = firstFrame_ = -1;
  bytesAtFirstFrame_ = 0;
  window_.clear();
}

void StatsTracker::bytes(std::uint64_t n, double now) {
  if (firstByte_ < 0) firstByte_ = now;
  stats_.bytes += n;
}

void StatsTracker::frame(double now) {
  ++stats_.frames;
  if (firstFrame_ < 0) {
    firstFrame_ = now;
    bytesAtFirstFrame_ = stats_.bytes;
  }
  window_.emplace_back(now, stats_.bytes);
  while (window_.size() > 2 && now - window_.front().first > 1.0) window_.pop_front();
  rates(now);
}

void StatsTracker::rates(double now) {
  // Rates count intervals between frames, so the first frame's latency does not dilute them.
  const double span = now - firstFrame_;
  if (stats_.frames > 1 && span > 0) {
    stats_.fps = static_cast<double>(stats_.frames - 1) / span;
    stats_.bytesPerSecond = static_cast<double>(stats_.bytes - bytesAtFirstFrame_) / span;
  }
  if (window_.size() > 1) {
    const double w = window_.back().first - window_.front().first;
    if (w > 0) {
      stats_.liveFps = static_cast<double>(window_.size() - 1) / w;
      stats_.liveBytesPerSecond = static_cast<double>(window_.back().second - window_.front().second) / w;
    }
  }
}

void StatsTracker::sequence(std::uint16_t seq) {
  if (haveSeq_ && seq != nextSeq_) stats_.sequenceGaps += static_cast<std::uint16_t>(seq - nextSeq_);
  haveSeq_ = true;
  nextSeq_ = static_cast<std::uint16_t>(seq + 1);
}

}  // namespace loupe::serial_link
