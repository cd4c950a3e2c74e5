#include "firmware/board/model_store.h"

#include <cstring>

#include "firmware/protocol/crc32.h"

namespace loupe::board {
namespace {

void copyId(char (&dst)[protocol::kNameWidth + 1], const char* src) {
  std::size_t i = 0;
  for (; src && src[i] && i < protocol::kNameWidth; ++i) dst[i] = src[i];
  dst[i] = 0;
}

ModelStore::Status fail(protocol::ErrorCode code) { return {false, code}; }

}  // namespace

void ModelStore::setInitial(const std::uint8_t* blob, std::size_t size, const char* id) {
  active_ = blob;
  activeSize_ = blob ? size : 0;
  activeSlot_ = -1;
  copyId(activeId_, id);
}

ModelStore::Status ModelStore::begin(const protocol::ModelBegin& m, std::uint64_t nowUs) {
  // A new Begin replaces any unfinished upload: the host restarted it.
  staging_ = false;
  if (m.size == 0 || m.size > kModelSlotBytes) return fail(protocol::ErrorCode::TooLarge);
  staging_ = true;
  expectedSize_ = m.size;
  expectedCrc_ = m.crc;
  received_ = 0;
  lastActivityUs_ = nowUs;
  copyId(stagingId_, m.modelId);
  return {};
}

ModelStore::Status ModelStore::chunk(const protocol::ModelChunk& c, std::uint64_t nowUs) {
  if (!staging_) return fail(protocol::ErrorCode::BadState);
  // Uploads are sequential; a repeated chunk (the host retrying after a lost ack) is accepted
  // again only at the current end, anything else is a gap.
  if (c.offset != received_ || c.dataSize > expectedSize_ - received_) return fail(protocol::ErrorCode::BadOffset);
  std::memcpy(stagingSlot() + c.offset, c.data, c.dataSize);
  received_ += static_cast<std::uint32_t>(c.dataSize);
  lastActivityUs_ = nowUs;
  return {};
}

ModelStore::Status ModelStore::commit(const protocol::ModelCommit& c) {
  if (!staging_) return fail(protocol::ErrorCode::BadState);
  staging_ = false;
  if (received_ != expectedSize_) return fail(protocol::ErrorCode::BadState);
  std::uint8_t* slot = stagingSlot();
  const std::uint32_t crc = protocol::crc32(slot, received_);
  if (crc != expectedCrc_ || crc != c.crc) return fail(protocol::ErrorCode::CrcMismatch);
  if (accept_ && !accept_(slot, received_)) return fail(protocol::ErrorCode::InvalidModel);
  activeSlot_ = (slot == slots_[0]) ? 0 : 1;
  active_ = slot;
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
