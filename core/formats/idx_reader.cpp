// Fashion-MNIST as installed by Debian's dataset-fashion-mnist: a folder holding
// train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,
// t10k-labels-idx1-ubyte.gz (IDX: big-endian magic 0x00000803 images / 0x00000801 labels).
// Items train/00000.., test/00000..; media = each 28x28 gray image as PNG bytes (portable to
// every exporter); one image label per item by class name; a validation split carved from train
// by a seeded Fisher-Yates shuffle (std::mt19937_64 is specified bit-for-bit by the standard, so
// the same seed gives the same split everywhere).

#include <zlib.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <random>

#include "core/formats/format_io.h"
#include "core/formats/sha256.h"

namespace fs = std::filesystem;

namespace loupe::formats {
namespace {

// An IDX header is 16 bytes that nothing vouches for: sides beyond this, or more pixel bytes than
// kMaxIdxPixelBytes in one file, are refused before anything is read (Fashion-MNIST's train file
// holds 47 MB of pixels).
constexpr std::size_t kMaxIdxSide = 4096;
constexpr std::size_t kMaxIdxPixelBytes = std::size_t{1} << 30;

const std::vector<std::string> kClassNames{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

class GzFile {
 public:
  explicit GzFile(const fs::path& file) : name_(file.string()), gz_(gzopen(name_.c_str(), "rb"), &gzclose) {
    if (!gz_) throw InputError({name_}, "cannot open file");
  }
  void read(void* out, std::size_t bytes, const char* what) {
    if (readSome(out, bytes) != bytes) throw InputError({name_, 0, what}, "truncated or corrupt gzip data");
  }
  // Reads `bytes` into `out`, growing it a chunk at a time, so memory follows the data the file
  // really holds rather than what its header claims. Returns the bytes read (fewer at the end).
  std::size_t readInto(std::vector<std::uint8_t>& out, std::size_t bytes) {
    constexpr std::size_t kChunk = std::size_t{8} << 20;
    out.clear();
    while (out.size() < bytes) {
      const std::size_t want = std::min(kChunk, bytes - out.size());
      const std::size_t at = out.size();
      out.resize(at + want);
      const std::size_t got = readSome(out.data() + at, want);
      out.resize(at + got);
      if (got < want) break;
    }
    return out.size();
  }
  std::uint32_t bigEndian32(const char* what) {
    unsigned char b[4];
    read(b, 4, what);
    return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
  }
  const std::string& name() const { return name_; }

 private:
  std::size_t readSome(void* out, std::size_t bytes) {
    const int n = gzread(gz_.get(), out, static_cast<unsigned>(bytes));
    if (n < 0) throw InputError({name_, 0}, "corrupt gzip data");
    return static_cast<std::size_t>(n);
  }
  std::string name_;
  std::unique_ptr<gzFile_s, decltype(&gzclose)> gz_;
};

struct IdxImages {
  std::size_t count = 0, rows = 0, cols = 0;
  std::vector<std::uint8_t> pixels;
};

IdxImages readImages(const fs::path& file, std::size_t limit) {
  GzFile gz(file);
  if (gz.bigEndian32("magic") != 0x803) throw InputError({gz.name(), 0, "magic"}, "not an IDX image file (expected 0x00000803)");
  IdxImages out;
  out.count = gz.bigEndian32("count");
  out.rows = gz.bigEndian32("rows");
  out.cols = gz.bigEndian32("cols");
  if (out.rows == 0 || out.cols == 0 || out.rows > kMaxIdxSide || out.cols > kMaxIdxSide)
    throw InputError({gz.name(), 0, out.rows == 0 || out.rows > kMaxIdxSide ? "rows" : "cols"},
                     "image size " + std::to_string(out.rows) + "x" + std::to_string(out.cols) + " is not 1.." +
                         std::to_string(kMaxIdxSide) + " a side");
  if (limit) out.count = std::min(out.count, limit);
  const std::size_t declared = out.count * out.rows * out.cols;  // < 2^32 * 2^24: no overflow
  if (declared > kMaxIdxPixelBytes)
    throw InputError({gz.name(), 0, "count"}, std::to_string(out.count) + " images of " + std::to_string(out.rows) +
                                                  "x" + std::to_string(out.cols) + " are " + std::to_string(declared) +
                                                  " bytes, more than the " + std::to_string(kMaxIdxPixelBytes) +
                                                  "-byte limit");
  // The header's count is checked against the data, not trusted for an allocation.
  if (const std::size_t got = gz.readInto(out.pixels, declared); got != declared)
    throw InputError({gz.name(), 0, "count"}, "the header declares " + std::to_string(out.count) + " images of " +
                                                  std::to_string(out.rows) + "x" + std::to_string(out.cols) + " (" +
                                                  std::to_string(declared) + " bytes) but the file holds " +
                                                  std::to_string(got) + " bytes of pixels");
  return out;
}

std::vector<std::uint8_t> readLabels(const fs::path& file, std::size_t expected) {
  GzFile gz(file);
  if (gz.bigEndian32("magic") != 0x801) throw InputError({gz.name(), 0, "magic"}, "not an IDX label file (expected 0x00000801)");
  const std::size_t count = gz.bigEndian32("count");
  if (count < expected)
    throw InputError({gz.name(), 0, "count"}, std::to_string(count) + " labels for " + std::to_string(expected) + " images");
  std::vector<std::uint8_t> labels;
  if (const std::size_t got = gz.readInto(labels, expected); got != expected)
    throw InputError({gz.name(), 0, "count"}, "the header declares " + std::to_string(count) + " labels but the file holds " +
                                                  std::to_string(got));
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] >= kClassNames.size())
      throw InputError({gz.name(), 0, "labels[" + std::to_string(i) + "]"}, "label " + std::to_string(labels[i]) + " is not 0..9");
  return labels;
}

// Indices of `n` train items that go to validation: the first round(n * fraction) of a seeded
// Fisher-Yates permutation (using raw engine output, not a distribution, whose algorithm is
// implementation-defined).
std::vector<bool> validationMask(std::size_t n, double fraction, std::uint64_t seed) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 engine(seed);
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[engine() % i]);
  const auto take = static_cast<std::size_t>(std::llround(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(n)));
  std::vector<bool> mask(n, false);
  for (std::size_t k = 0; k < take; ++k) mask[order[k]] = true;
  return mask;
}

void addSplit(const fs::path& folder, const char* filePrefix, const char* itemPrefix, bool carveVal,
              const ReadOptions& options, const Progress& progress, Dataset& dataset) {
  const IdxImages images = readImages(folder / (std::string(filePrefix) + "-images-idx3-ubyte.gz"), options.limitPerSplit);
  const std::vector<std::uint8_t> labels =
      readLabels(folder / (std::string(filePrefix) + "-labels-idx1-ubyte.gz"), images.count);
  const std::vector<bool> val = carveVal ? validationMask(images.count, options.valFraction, options.seed)
                                         : std::vector<bool>(images.count, false);
  const std::size_t pixels = images.rows * images.cols;
  const auto total = static_cast<std::int64_t>(images.count);
  for (std::size_t i = 0; i < images.count; ++i) {
    if ((i & 0x3FF) == 0) progress(static_cast<std::int64_t>(i), total, std::string("reading ") + itemPrefix);
    char name[32];
    std::snprintf(name, sizeof name, "%s/%05zu", itemPrefix, i);
    const cv::Mat gray(static_cast<int>(images.rows), static_cast<int>(images.cols), CV_8UC1,
                       const_cast<std::uint8_t*>(images.pixels.data() + i * pixels));
    DatasetMedia media;
    media.format = "png";
    if (!cv::imencode(".png", gray, media.bytes)) throw std::runtime_error("PNG encoding failed");
    DatasetImage image;
    image.name = name;
    image.width = static_cast<int>(images.cols);
    image.height = static_cast<int>(images.rows);
    image.contentHash = sha256Hex(media.bytes);
    image.media = std::move(media);
    image.split = carveVal ? (val[i] ? Split::Val : Split::Train) : Split::Test;
    dataset.annotations.push_back(DatasetAnnotation{.item = name, .className = kClassNames[labels[i]]});
    dataset.images.push_back(std::move(image));
  }
}

}  // namespace

Dataset readIdx(const fs::path& folder, const ReadOptions& options, const Progress& progress) {
  if (!isFolder(folder)) throw InputError({folder.string()}, "not a folder (expected the Fashion-MNIST folder)");
  Dataset dataset;
  dataset.classes = kClassNames;
  for (std::size_t i = 0; i < kClassNames.size(); ++i) dataset.classFileIds[kClassNames[i]] = static_cast<std::int64_t>(i);
  addSplit(folder, "train", "train", true, options, progress, dataset);
  addSplit(folder, "t10k", "test", false, options, progress, dataset);
  return dataset;
}

}  // namespace loupe::formats
