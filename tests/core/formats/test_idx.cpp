#include <zlib.h>

#include <opencv2/imgcodecs.hpp>

#include <set>

#include "core/formats/registry.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

namespace {

const std::filesystem::path kDebianFolder = "/usr/share/datasets/fashion-mnist";

void writeGz(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
  gzFile gz = gzopen(file.string().c_str(), "wb");
  gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(gz);
}

std::vector<std::uint8_t> header(std::vector<std::uint32_t> words) {
  std::vector<std::uint8_t> out;
  for (auto w : words) out.insert(out.end(), {std::uint8_t(w >> 24), std::uint8_t(w >> 16), std::uint8_t(w >> 8), std::uint8_t(w)});
  return out;
}

// n images of 2 x 3 pixels (pixel value = image index) and the given labels.
void writeIdxSet(const std::filesystem::path& dir, const char* prefix, const std::vector<std::uint8_t>& labels) {
  auto images = header({0x803, std::uint32_t(labels.size()), 2, 3});
  for (std::size_t i = 0; i < labels.size(); ++i) images.insert(images.end(), 6, std::uint8_t(i));
  auto labelBytes = header({0x801, std::uint32_t(labels.size())});
  labelBytes.insert(labelBytes.end(), labels.begin(), labels.end());
  writeGz(dir / (std::string(prefix) + "-images-idx3-ubyte.gz"), images);
  writeGz(dir / (std::string(prefix) + "-labels-idx1-ubyte.gz"), labelBytes);
}

std::set<std::string> valItems(const Dataset& d) {
  std::set<std::string> out;
  for (const auto& image : d.images)
    if (image.split == Split::Val) out.insert(image.name);
  return out;
}

}  // namespace

class TestIdx : public QObject {
  Q_OBJECT
 private slots:
  void readsTheDebianFashionMnistFiles() {
    if (!std::filesystem::exists(kDebianFolder / "train-images-idx3-ubyte.gz"))
      QSKIP("dataset-fashion-mnist is not installed");
    ReadOptions options;
    options.limitPerSplit = 20;
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("idx", kDebianFolder, options));
    QCOMPARE(d.images.size(), std::size_t(40));
    QCOMPARE(d.annotations.size(), std::size_t(40));
    QCOMPARE(d.classes.front(), std::string("T-shirt/top"));
    QCOMPARE(d.classes.back(), std::string("Ankle boot"));
    // First labels of the published files: train 9,0,0,3,..., test 9,2,1,1,6,...
    QCOMPARE(d.images[0].name, std::string("train/00000"));
    QCOMPARE(d.annotations[0].className, std::string("Ankle boot"));
    QCOMPARE(d.annotations[1].className, std::string("T-shirt/top"));
    QCOMPARE(d.annotations[3].className, std::string("Dress"));
    QCOMPARE(d.images[20].name, std::string("test/00000"));
    QVERIFY(d.images[20].split == Split::Test);
    QCOMPARE(d.annotations[21].className, std::string("Pullover"));
    QCOMPARE(d.annotations[24].className, std::string("Shirt"));
    QCOMPARE(d.images[0].width, 28);
    QCOMPARE(d.images[0].media->format, std::string("png"));
    // The PNG holds the raw pixels: their sum for train/00000 is 76247.
    const cv::Mat pixels = cv::imdecode(d.images[0].media->bytes, cv::IMREAD_UNCHANGED);
    QCOMPARE(pixels.type(), CV_8UC1);
    QCOMPARE(cv::sum(pixels)[0], 76247.0);
    QCOMPARE(valItems(d).size(), std::size_t(2));  // 10% of 20
  }

  void validationSplitIsReproducible() {
    TempDir dir;
    writeIdxSet(dir.path(), "train", std::vector<std::uint8_t>(40, 3));
    writeIdxSet(dir.path(), "t10k", {0, 1, 2});
    ReadOptions options;
    options.valFraction = 0.25;
    Dataset a, b, c;
    LOUPE_NOTHROW(a = readDataset("idx", dir.path(), options));
    LOUPE_NOTHROW(b = readDataset("idx", dir.path(), options));
    options.seed = 7;
    LOUPE_NOTHROW(c = readDataset("idx", dir.path(), options));
    QCOMPARE(valItems(a).size(), std::size_t(10));
    QCOMPARE(valItems(a), valItems(b));
    QCOMPARE(valItems(c).size(), std::size_t(10));
    QVERIFY(valItems(a) != valItems(c));
    QCOMPARE(a.images.size(), std::size_t(43));
    QCOMPARE(a.images[42].name, std::string("test/00002"));
    QCOMPARE(a.annotations[42].className, std::string("Pullover"));
    QCOMPARE(a.images[5].height, 2);
    QCOMPARE(a.images[5].width, 3);
    const cv::Mat pixels = cv::imdecode(a.images[5].media->bytes, cv::IMREAD_UNCHANGED);
    QCOMPARE(int(pixels.at<uchar>(1, 2)), 5);
  }

  void badFilesAreReportedByName() {
    TempDir dir;
    writeIdxSet(dir.path(), "train", {1, 12});
    writeIdxSet(dir.path(), "t10k", {0});
    LOUPE_NOTHROW(expectInputError([&] { readDataset("idx", dir.path()); },
                                   {"train-labels-idx1-ubyte.gz: labels[1]", "label 12 is not 0..9"}));
    writeIdxSet(dir.path(), "train", {1, 2});
    writeGz(dir / "t10k-images-idx3-ubyte.gz", header({0x803, 5, 2, 3}));  // 5 images promised, none present
    LOUPE_NOTHROW(expectInputError([&] { readDataset("idx", dir.path()); }, {"t10k-images-idx3-ubyte.gz: count", "the header declares 5 images"}));
    writeGz(dir / "t10k-images-idx3-ubyte.gz", header({0x801, 1, 2, 3}));
    LOUPE_NOTHROW(expectInputError([&] { readDataset("idx", dir.path()); }, {"t10k-images-idx3-ubyte.gz: magic"}));
    writeGz(dir / "t10k-images-idx3-ubyte.gz", header({0x803, 0xFFFFFFFF, 28, 28}));
    LOUPE_NOTHROW(expectInputError([&] { readDataset("idx", dir.path()); }, {"t10k-images-idx3-ubyte.gz: count", "byte limit"}));
    std::filesystem::remove(dir / "t10k-labels-idx1-ubyte.gz");
    writeIdxSet(dir.path(), "train", {1, 2});
    writeGz(dir / "t10k-images-idx3-ubyte.gz", header({0x803, 0, 2, 3}));
    LOUPE_NOTHROW(expectInputError([&] { readDataset("idx", dir.path()); }, {"t10k-labels-idx1-ubyte.gz", "cannot open"}));
  }
};

LOUPE_REGISTER_SUITE(TestIdx);
#include "test_idx.moc"
