#pragma once
// The board's model store: an active model and a staging slot for uploads. The active model only
// changes in commit(), after the staged bytes match the announced size and CRC and the runtime
// accepts them; any failure (bad CRC, invalid blob, abort, timeout) leaves it untouched.

#include <cstddef>
#include <cstdint>

#include "firmware/board/config.h"
#include "firmware/protocol/messages.h"

namespace loupe::board {

// Runtime check for a blob (format, version, arena fit). Supplied by the core.
using ModelAcceptFn = bool (*)(const std::uint8_t* blob, std::size_t size);

class ModelStore {
 public:
  struct Status {
    bool ok = true;
    protocol::ErrorCode error = protocol::ErrorCode::BadState;
  };

  explicit ModelStore(ModelAcceptFn accept) : accept_(accept) {}

  // A model present at start-up (e.g. a const array in flash); not copied.
  void setInitial(const std::uint8_t* blob, std::size_t size, const char* id);

  Status begin(const protocol::ModelBegin& m, std::uint64_t nowUs);
  Status chunk(const protocol::ModelChunk& c, std::uint64_t nowUs);
  Status commit(const protocol::ModelCommit& c);
  void abort() { staging_ = false; }
  // True once when a stalled upload has just been abandoned.
  bool expire(std::uint64_t nowUs);

  bool hasModel() const { return activeSize_ != 0; }
  const std::uint8_t* active() const { return active_; }
  std::size_t activeSize() const { return activeSize_; }
  const char* activeId() const { return activeId_; }
  bool uploading() const { return staging_; }
  std::uint32_t staged() const { return received_; }
  static constexpr std::size_t capacity() { return kModelSlotBytes; }

 private:
  std::uint8_t* stagingSlot() { return activeSlot_ == 0 ? slots_[1] : slots_[0]; }

  ModelAcceptFn accept_;
  std::uint8_t slots_[2][kModelSlotBytes] = {};
  int activeSlot_ = -1;  // -1: active model is not in a RAM slot (none, or a flash blob)
  const std::uint8_t* active_ = nullptr;
  std::size_t activeSize_ = 0;
  char activeId_[protocol::kNameWidth + 1] = {};

  bool staging_ = false;
  std::uint32_t expectedSize_ = 0;
  std::uint32_t expectedCrc_ = 0;
  std::uint32_t received_ = 0;
  std::uint64_t lastActivityUs_ = 0;
  char stagingId_[protocol::kNameWidth + 1] = {};
};

}  // namespace loupe::board
