#include "firmware/board/model_store.h"

#include <cstring>

#include "firmware/protocol/crc32.h"

namespace loupe::board {
namespace {

constexpr std::uint32_t kRecordMagic = 0x4A4D504Cu;  // "LPMJ"
constexpr std::uint32_t kErased = 0xFFFFFFFFu;

void copyId(char (&dst)[protocol::kNameWidth + 1], const char* src) {
  std::size_t i = 0;
  for (; src && src[i] && i < protocol::kNameWidth; ++i) dst[i] = src[i];
  dst[i] = 0;
}

std::uint32_t wordAt(const std::uint8_t* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

ModelStore::Status fail(protocol::ErrorCode code) { return {false, code}; }

}  // namespace

bool ModelStore::usable() const {
  const std::size_t page = flash_.pageBytes();
  return page >= kRecordBytes && page % 4 == 0 && kModelSlotBytes % page == 0 &&
         flash_.size() >= requiredFlashBytes(page);
}

bool ModelStore::recordEmpty(std::size_t page, std::size_t index) const {
  const std::uint8_t* p = flash_.data() + page * flash_.pageBytes() + index * kRecordBytes;
  for (std::size_t i = 0; i < kRecordWords; ++i)
    if (wordAt(p + 4 * i) != kErased) return false;
  return true;
}

bool ModelStore::readRecord(std::size_t page, std::size_t index, Record& out) const {
  const std::uint8_t* p = flash_.data() + page * flash_.pageBytes() + index * kRecordBytes;
  if (wordAt(p) != kRecordMagic || wordAt(p + 44) != protocol::crc32(p, 44)) return false;
  out.sequence = wordAt(p + 4);
  out.slot = wordAt(p + 8);
  out.size = wordAt(p + 12);
  out.crc = wordAt(p + 16);
  std::memcpy(out.id, p + 20, protocol::kNameWidth);
  out.id[protocol::kNameWidth] = 0;
  return out.slot <= 1 && out.size > 0 && out.size <= kModelSlotBytes;
}

template <typename Fn>
void ModelStore::forEachRecord(Fn&& fn) const {
  const std::size_t perPage = flash_.pageBytes() / kRecordBytes;
  for (std::size_t page = 0; page < 2; ++page)
    for (std::size_t i = 0; i < perPage; ++i) {
      Record r;
      if (readRecord(page, i, r)) fn(page, r);
    }
}

bool ModelStore::blobMatches(const Record& r) const {
  const std::uint8_t* blob = slotData(static_cast<int>(r.slot));
  return protocol::crc32(blob, r.size) == r.crc && (!accept_ || accept_(blob, r.size));
}

bool ModelStore::restore() {
  if (!usable()) return false;
  // Newest valid record whose blob is intact. Sequences only grow, so the largest wins.
  Record best;
  bool found = false;
  std::uint32_t newest = 0;
  forEachRecord([&](std::size_t, const Record& r) {
    if (r.sequence > newest) newest = r.sequence;
    if ((!found || r.sequence > best.sequence) && blobMatches(r)) {
      best = r;
      found = true;
    }
  });
  sequence_ = newest;
  if (!found) return false;
  activeSlot_ = static_cast<int>(best.slot);
  active_ = slotData(activeSlot_);
  activeSize_ = best.size;
  copyId(activeId_, best.id);
  return true;
}

void ModelStore::setInitial(const std::uint8_t* blob, std::size_t size, const char* id) {
  if (activeSlot_ >= 0) return;  // a committed upload outranks the compiled-in model
  active_ = blob;
  activeSize_ = blob ? size : 0;
  copyId(activeId_, id);
}

bool ModelStore::appendRecord(const Record& r) {
  const std::size_t page = flash_.pageBytes(), perPage = page / kRecordBytes;
  // The page holding the newest record, and the first unused place after it.
  std::size_t current = 0, next = 0;
  std::uint32_t newest = 0;
  bool any = false;
  forEachRecord([&](std::size_t p, const Record& seen) {
    if (!any || seen.sequence >= newest) {
      newest = seen.sequence;
      current = p;
      any = true;
    }
  });
  for (std::size_t i = perPage; i > 0; --i)
    if (!recordEmpty(current, i - 1)) {
      next = i;
      break;
    }
  if (next == perPage) {  // full: start over on the other page, which holds only older records
    current = 1 - current;
    next = 0;
    if (!flash_.erasePage(current * page)) return false;
  }
  std::uint32_t w[kRecordWords];
  std::uint8_t bytes[kRecordBytes] = {};
  w[0] = kRecordMagic;
  w[1] = r.sequence;
  w[2] = r.slot;
  w[3] = r.size;
  w[4] = r.crc;
  std::memcpy(bytes, w, 20);
  std::memcpy(bytes + 20, r.id, protocol::kNameWidth);
  const std::uint32_t crc = protocol::crc32(bytes, 44);
  std::memcpy(bytes + 44, &crc, 4);
  std::memcpy(w, bytes, kRecordBytes);
  return flash_.writeWords(current * page + next * kRecordBytes, w, kRecordWords);
}

ModelStore::Status ModelStore::begin(const protocol::ModelBegin& m, std::uint64_t nowUs) {
  // A new Begin replaces any unfinished upload: the host restarted it.
  staging_ = false;
  if (!usable() || m.size == 0 || m.size > kModelSlotBytes) return fail(protocol::ErrorCode::TooLarge);
  staging_ = true;
  stagingSlot_ = activeSlot_ == 0 ? 1 : 0;
  expectedSize_ = m.size;
  expectedCrc_ = m.crc;
  received_ = 0;
  erasedBytes_ = 0;
  wordFill_ = 0;
  flashFailed_ = false;
  lastActivityUs_ = nowUs;
  copyId(stagingId_, m.modelId);
  return {};
}

bool ModelStore::flushWord() {
  const std::size_t at = slotOffset(stagingSlot_) + ((received_ - wordFill_) & ~std::size_t{3});
  for (std::size_t i = wordFill_; i < 4; ++i) word_[i] = 0xFF;  // the tail of the last word stays erased
  std::uint32_t w;
  std::memcpy(&w, word_, 4);
  wordFill_ = 0;
  return flash_.writeWords(at, &w, 1);
}

bool ModelStore::programStaged(const std::uint8_t* data, std::size_t size) {
  const std::size_t page = flash_.pageBytes();
  // Erase the pages this chunk reaches, just before writing them.
  while (erasedBytes_ < received_ + size) {
    if (!flash_.erasePage(slotOffset(stagingSlot_) + erasedBytes_)) return false;
    erasedBytes_ += page;
  }
  for (std::size_t i = 0; i < size; ++i) {
    word_[wordFill_++] = data[i];
    ++received_;
    if (wordFill_ == 4 && !flushWord()) return false;
  }
  return true;
}

ModelStore::Status ModelStore::chunk(const protocol::ModelChunk& c, std::uint64_t nowUs) {
  if (!staging_) return fail(protocol::ErrorCode::BadState);
  // Uploads are sequential; a repeated chunk (the host retrying after a lost ack) is accepted
  // again only at the current end, anything else is a gap.
  if (c.offset != received_ || c.dataSize > expectedSize_ - received_) return fail(protocol::ErrorCode::BadOffset);
  lastActivityUs_ = nowUs;
  if (!programStaged(c.data, c.dataSize)) {
    staging_ = false;
    return fail(protocol::ErrorCode::FlashWrite);
  }
  return {};
}

ModelStore::Status ModelStore::commit(const protocol::ModelCommit& c) {
  if (!staging_) return fail(protocol::ErrorCode::BadState);
  staging_ = false;
  if (received_ != expectedSize_) return fail(protocol::ErrorCode::BadState);
  if (wordFill_ > 0 && !flushWord()) return fail(protocol::ErrorCode::FlashWrite);
  // Verify what the flash holds, not what was sent.
  const std::uint8_t* blob = slotData(stagingSlot_);
  const std::uint32_t crc = protocol::crc32(blob, received_);
  if (crc != expectedCrc_ || crc != c.crc) return fail(protocol::ErrorCode::CrcMismatch);
  if (accept_ && !accept_(blob, received_)) return fail(protocol::ErrorCode::InvalidModel);
  Record r;
  r.sequence = sequence_ + 1;
  r.slot = static_cast<std::uint32_t>(stagingSlot_);
  r.size = received_;
  r.crc = crc;
  std::memcpy(r.id, stagingId_, sizeof r.id);
  // The blob must be durable before the record that names it, and the record before the Ack.
  if (!flash_.sync() || !appendRecord(r) || !flash_.sync()) return fail(protocol::ErrorCode::FlashWrite);
  // The switch: from here on (and after any reset) the new model is the active one.
  sequence_ = r.sequence;
  activeSlot_ = stagingSlot_;
  active_ = blob;
  activeSize_ = received_;
  std::memcpy(activeId_, stagingId_, sizeof activeId_);
  return {};
}

bool ModelStore::expire(std::uint64_t nowUs) {
  // A clock that stepped back (nowUs < last activity) has not timed anything out.
  if (!staging_ || nowUs < lastActivityUs_ || nowUs - lastActivityUs_ < kUploadTimeoutUs) return false;
  staging_ = false;
  return true;
}

}  // namespace loupe::board
