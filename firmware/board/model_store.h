#pragma once
// The board's model store: models live in two flash slots (A/B) and run in place; only the
// activation arena is in RAM. An upload erases and programs the slot that is not active, then
// commit() checks size, CRC-32 and the runtime's own validation, and switches the active slot in
// one step: one commit record appended to a journal. Until that record is written the old model
// keeps running, and after a reset restore() finds the last committed model again. Any failure
// (bad CRC, invalid blob, abort, timeout, power cut) leaves the active model untouched.
//
// Flash layout (offsets in the FlashPort region): two journal pages, then slot 0 and slot 1 of
// kModelSlotBytes each. The journal is a sequence of fixed-size commit records {magic, sequence,
// slot, size, blob CRC, id, record CRC}; the valid record with the highest sequence whose slot
// still holds a blob of that size and CRC names the active model. A record torn by a power cut
// fails its CRC and is skipped, so the previous one still counts. When a journal page is full the
// other one is erased and written next: it holds only older records.

#include <cstddef>
#include <cstdint>

#include "firmware/board/config.h"
#include "firmware/board/flash_port.h"
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

  ModelStore(FlashPort& flash, ModelAcceptFn accept) : flash_(flash), accept_(accept) {}

  // Flash bytes the store needs: two journal pages and two slots.
  static std::size_t requiredFlashBytes(std::size_t pageBytes) { return 2 * pageBytes + 2 * kModelSlotBytes; }
  // False when the flash region is too small or its pages do not divide a slot: uploads are then
  // refused (TooLarge) and only an initial model runs.
  bool usable() const;

  // At start-up: the last committed model in flash, if any. True when one was found.
  bool restore();
  // A model compiled into the firmware (a const array); used when flash holds no committed model.
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
  int activeSlot() const { return activeSlot_; }  // -1: none, or the compiled-in model
  bool uploading() const { return staging_; }
  std::uint32_t staged() const { return received_; }
  static constexpr std::size_t capacity() { return kModelSlotBytes; }

 private:
  static constexpr std::size_t kRecordWords = 12;
  static constexpr std::size_t kRecordBytes = kRecordWords * 4;
  struct Record {
    std::uint32_t sequence = 0, slot = 0, size = 0, crc = 0;
    char id[protocol::kNameWidth + 1] = {};
  };

  std::size_t slotOffset(int slot) const { return 2 * flash_.pageBytes() + static_cast<std::size_t>(slot) * kModelSlotBytes; }
  const std::uint8_t* slotData(int slot) const { return flash_.data() + slotOffset(slot); }
  bool readRecord(std::size_t page, std::size_t index, Record& out) const;
  bool recordEmpty(std::size_t page, std::size_t index) const;
  // fn(page, record) for every valid record of both journal pages, in flash order.
  template <typename Fn>
  void forEachRecord(Fn&& fn) const;
  bool blobMatches(const Record& r) const;
  bool appendRecord(const Record& r);
  bool programStaged(const std::uint8_t* data, std::size_t size);
  bool flushWord();

  FlashPort& flash_;
  ModelAcceptFn accept_;
  const std::uint8_t* active_ = nullptr;
  std::size_t activeSize_ = 0;
  int activeSlot_ = -1;
  std::uint32_t sequence_ = 0;  // of the active model's record (0: none yet)
  char activeId_[protocol::kNameWidth + 1] = {};

  bool staging_ = false;
  int stagingSlot_ = 0;
  std::uint32_t expectedSize_ = 0;
  std::uint32_t expectedCrc_ = 0;
  std::uint32_t received_ = 0;
  std::size_t erasedBytes_ = 0;  // of the staging slot, from its start
  std::uint8_t word_[4] = {};     // bytes of a word not yet programmed
  std::size_t wordFill_ = 0;
  bool flashFailed_ = false;
  std::uint64_t lastActivityUs_ = 0;
  char stagingId_[protocol::kNameWidth + 1] = {};
};

}  // namespace loupe::board
