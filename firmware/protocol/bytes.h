#pragma once
// Little-endian field packing over a caller-owned byte range. Both classes latch a failure flag
// instead of throwing (no exceptions on the board): check ok() once after a sequence of calls.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace loupe::protocol {

class ByteWriter {
 public:
  ByteWriter(std::uint8_t* data, std::size_t capacity) : p_(data), cap_(capacity) {}
  void u8(std::uint8_t v) { raw(&v, 1); }
  void u16(std::uint16_t v) { le(v, 2); }
  void u32(std::uint32_t v) { le(v, 4); }
  void u64(std::uint64_t v) { le(v, 8); }
  void i32(std::int32_t v) { le(static_cast<std::uint32_t>(v), 4); }
  void f32(float v) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, 4);
    le(bits, 4);
  }
  // Fixed-width text field: copied up to `width`, zero-padded.
  void text(const char* s, std::size_t width) {
    if (n_ + width > cap_) {
      ok_ = false;
      return;
    }
    std::size_t i = 0;
    for (; s && s[i] && i < width; ++i) p_[n_ + i] = static_cast<std::uint8_t>(s[i]);
    for (; i < width; ++i) p_[n_ + i] = 0;
    n_ += width;
  }
  void raw(const void* src, std::size_t size) {
    if (n_ + size > cap_) {
      ok_ = false;
      return;
    }
    std::memcpy(p_ + n_, src, size);
    n_ += size;
  }
  std::size_t size() const { return n_; }
  bool ok() const { return ok_; }

 private:
  void le(std::uint64_t v, int bytes) {
    if (n_ + static_cast<std::size_t>(bytes) > cap_) {
      ok_ = false;
      return;
    }
    for (int k = 0; k < bytes; ++k) p_[n_++] = static_cast<std::uint8_t>(v >> (8 * k));
  }
  std::uint8_t* p_;
  std::size_t cap_;
  std::size_t n_ = 0;
  bool ok_ = true;
};

class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : p_(data), size_(size) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(le(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(le(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(le(4)); }
  std::uint64_t u64() { return le(8); }
  std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(le(4))); }
  float f32() {
    const std::uint32_t bits = static_cast<std::uint32_t>(le(4));
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
  }
  // Fixed-width text into out[width + 1], always terminated.
  void text(char* out, std::size_t width) {
    if (n_ + width > size_) {
      ok_ = false;
      out[0] = 0;
      return;
    }
    std::size_t i = 0;
    for (; i < width && p_[n_ + i]; ++i) out[i] = static_cast<char>(p_[n_ + i]);
    out[i] = 0;
    n_ += width;
  }
  // The remaining bytes (a view into the payload).
  const std::uint8_t* rest(std::size_t& size) {
    size = size_ - n_;
    const std::uint8_t* r = p_ + n_;
    n_ = size_;
    return r;
  }
  std::size_t remaining() const { return size_ - n_; }
  bool ok() const { return ok_; }

 private:
  std::uint64_t le(int bytes) {
    if (n_ + static_cast<std::size_t>(bytes) > size_) {
      ok_ = false;
      n_ = size_;
      return 0;
    }
    std::uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) v |= static_cast<std::uint64_t>(p_[n_++]) << (8 * k);
    return v;
  }
  const std::uint8_t* p_;
  std::size_t size_;
  std::size_t n_ = 0;
  bool ok_ = true;
};

}  // namespace loupe::protocol
