#include "tests/bench/train/idx_reader.h"

#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace {
std::vector<std::uint8_t> gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error(path + ": cannot open");
  std::vector<std::uint8_t> out;
  std::uint8_t buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.insert(out.end(), buf, buf + n);
  gzclose(f);
  if (n < 0) throw std::runtime_error(path + ": corrupt gzip stream");
  return out;
}
std::uint32_t be32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return (std::uint32_t(b[at]) << 24) | (std::uint32_t(b[at + 1]) << 16) | (std::uint32_t(b[at + 2]) << 8) | b[at + 3];
}
}  // namespace

loupe::nn::ImageSet readIdxPair(const std::string& imagesGz, const std::string& labelsGz) {
  const auto images = gunzip(imagesGz);
  const auto labels = gunzip(labelsGz);
  if (images.size() < 16 || be32(images, 0) != 0x00000803) throw std::runtime_error(imagesGz + ": not an IDX image file");
  if (labels.size() < 8 || be32(labels, 0) != 0x00000801) throw std::runtime_error(labelsGz + ": not an IDX label file");
  const auto n = be32(images, 4), h = be32(images, 8), w = be32(images, 12);
  if (be32(labels, 4) != n || images.size() != 16 + std::size_t(n) * h * w || labels.size() != 8 + std::size_t(n))
    throw std::runtime_error(imagesGz + ": sizes do not match");
  loupe::nn::ImageSet set{.shape = {int(h), int(w), 1}, .pixels = {images.begin() + 16, images.end()}, .labels = {}};
  for (std::size_t i = 0; i < n; ++i) set.labels.push_back(labels[8 + i]);
  return set;
}
