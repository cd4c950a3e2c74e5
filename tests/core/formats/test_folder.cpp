#include <algorithm>
#include <array>

#include <opencv2/imgcodecs.hpp>

#include "core/formats/image_bytes.h"
#include "core/formats/registry.h"
#include "core/formats/sha256.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

namespace {

// Inserts an APP1 EXIF segment holding only the orientation tag right after SOI, the way a
// camera writes it. `bigEndian` picks the TIFF byte order ("MM" or "II").
std::vector<std::uint8_t> withExifOrientation(const std::vector<std::uint8_t>& jpeg, int orientation, bool bigEndian) {
  const auto u16 = [&](std::uint16_t v) {
    return bigEndian ? std::vector<std::uint8_t>{std::uint8_t(v >> 8), std::uint8_t(v)}
                     : std::vector<std::uint8_t>{std::uint8_t(v), std::uint8_t(v >> 8)};
  };
  const auto u32 = [&](std::uint32_t v) {
    auto hi = u16(std::uint16_t(v >> 16)), lo = u16(std::uint16_t(v));
    if (!bigEndian) std::swap(hi, lo);
    hi.insert(hi.end(), lo.begin(), lo.end());
    return hi;
  };
  std::vector<std::uint8_t> tiff{bigEndian ? std::uint8_t('M') : std::uint8_t('I'), bigEndian ? std::uint8_t('M') : std::uint8_t('I')};
  for (const auto& part : {u16(42), u32(8), u16(1), u16(0x0112), u16(3), u32(1), u16(std::uint16_t(orientation)), u16(0), u32(0)})
    tiff.insert(tiff.end(), part.begin(), part.end());
  std::vector<std::uint8_t> payload{'E', 'x', 'i', 'f', 0, 0};
  payload.insert(payload.end(), tiff.begin(), tiff.end());
  const std::size_t length = payload.size() + 2;
  // Copied into a buffer of the final size: GCC 12 at -O3 takes vector::insert into the 2-byte
  // SOI vector for an overflow (a false -Warray-bounds).
  const std::array<std::uint8_t, 4> app1{0xFF, 0xE1, std::uint8_t(length >> 8), std::uint8_t(length)};
  std::vector<std::uint8_t> out(jpeg.size() + app1.size() + payload.size());
  auto at = std::copy(jpeg.begin(), jpeg.begin() + 2, out.begin());  // SOI
  at = std::copy(app1.begin(), app1.end(), at);
  at = std::copy(payload.begin(), payload.end(), at);
  std::copy(jpeg.begin() + 2, jpeg.end(), at);
  return out;
}

// 40 wide x 30 tall: top half white, bottom half black.
std::vector<std::uint8_t> topWhiteJpeg() {
  cv::Mat image(30, 40, CV_8UC3, cv::Scalar(0, 0, 0));
  image.rowRange(0, 15).setTo(cv::Scalar(255, 255, 255));
  std::vector<std::uint8_t> jpeg;
  cv::imencode(".jpg", image, jpeg);
  return jpeg;
}

void truncateFile(const std::filesystem::path& file) {
  auto bytes = readBytes(file);
  bytes.resize(bytes.size() * 2 / 3);
  writeBytes(file, bytes);
}

}  // namespace

class TestFolder : public QObject {
  Q_OBJECT
 private slots:
  void sha256MatchesThePublishedVector() {
    const std::string abc = "abc";  // FIPS 180-2, appendix B.1
    QCOMPARE(sha256Hex({reinterpret_cast<const std::uint8_t*>(abc.data()), abc.size()}),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  }

  void readsEveryFormatRecursivelyWithRelativeNames() {
    TempDir dir;
    writeTestImage(dir / "a.png", 64, 36);
    writeTestImage(dir / "b/c/deep.bmp", 50, 20);
    writeTestImage(dir / "b/photo.JPG", 30, 45);
    writeTestImage(dir / "gray.pgm", 17, 9);
    writeText(dir / "notes.txt", "not an image");
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path()));
    QCOMPARE(d.images.size(), std::size_t(4));
    QVERIFY(d.warnings.empty());
    const struct { const char* name; int w, h; const char* format; } expected[] = {
        {"a.png", 64, 36, "png"}, {"b/c/deep.bmp", 50, 20, "bmp"}, {"b/photo.JPG", 30, 45, "jpeg"}, {"gray.pgm", 17, 9, "pgm"}};
    for (const auto& e : expected) {
      const DatasetImage* image = findImage(d, e.name);
      QVERIFY2(image, e.name);
      QCOMPARE(image->width, e.w);
      QCOMPARE(image->height, e.h);
      QCOMPARE(image->media->format, std::string(e.format));
      QCOMPARE(image->media->bytes, readBytes(dir / e.name));  // stored as they are
      QCOMPARE(image->contentHash, sha256Hex(image->media->bytes));
      QVERIFY(!image->split.has_value());
    }
  }

  void largeImagesAreReferencedByPath() {
    TempDir dir;
    writeTestImage(dir / "big.png", 64, 64);
    ReadOptions options;
    options.inlineMediaLimit = 100;
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path(), options));
    QVERIFY(d.images[0].media->bytes.empty());
    QCOMPARE(std::filesystem::path(d.images[0].media->externalPath), std::filesystem::absolute(dir / "big.png"));
    QCOMPARE(d.images[0].contentHash, sha256Hex(readBytes(dir / "big.png")));
  }

  void exifOrientationIsAppliedOnce() {
    TempDir dir;
    writeBytes(dir / "cw.jpg", withExifOrientation(topWhiteJpeg(), 6, true));    // rotate 90 clockwise
    writeBytes(dir / "ccw.jpg", withExifOrientation(topWhiteJpeg(), 8, false));  // rotate 90 counter-clockwise
    writeBytes(dir / "upright.jpg", withExifOrientation(topWhiteJpeg(), 1, true));
    QCOMPARE(jpegExifOrientation(readBytes(dir / "cw.jpg")), 6);
    QCOMPARE(jpegExifOrientation(readBytes(dir / "ccw.jpg")), 8);
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path()));
    QCOMPARE(d.images.size(), std::size_t(3));
    for (const char* name : {"cw.jpg", "ccw.jpg"}) {
      const DatasetImage* image = findImage(d, name);
      QCOMPARE(image->width, 30);  // was 40 x 30 on disk
      QCOMPARE(image->height, 40);
      QCOMPARE(image->media->format, std::string("png"));  // the upright pixels, re-encoded
      QCOMPARE(image->contentHash, sha256Hex(image->media->bytes));
      // Decoding the stored bytes must not rotate again: they carry no EXIF.
      const cv::Mat shown = cv::imdecode(image->media->bytes, cv::IMREAD_GRAYSCALE);
      QCOMPARE(shown.cols, 30);
      const bool whiteOnRight = std::string(name) == "cw.jpg";  // the raw top goes right when turned clockwise
      QVERIFY(shown.at<uchar>(20, whiteOnRight ? 27 : 2) > 200);
      QVERIFY(shown.at<uchar>(20, whiteOnRight ? 2 : 27) < 50);
    }
    const DatasetImage* upright = findImage(d, "upright.jpg");
    QCOMPARE(upright->width, 40);
    QCOMPARE(upright->media->format, std::string("jpeg"));
    QCOMPARE(upright->media->bytes, readBytes(dir / "upright.jpg"));
  }

  // OpenCV's own EXIF handling (cv::imdecode with IMREAD_COLOR) is the oracle for all eight
  // orientations: the stored upright image must equal it pixel for pixel.
  void allEightOrientationsMatchOpenCv() {
    TempDir dir;
    cv::Mat raw(30, 40, CV_8UC3);
    for (int y = 0; y < 30; ++y)
      for (int x = 0; x < 40; ++x) raw.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x * 6), uchar(y * 8), uchar((x * y) % 256));
    std::vector<std::uint8_t> jpeg;
    cv::imencode(".jpg", raw, jpeg);
    for (int orientation = 1; orientation <= 8; ++orientation)
      writeBytes(dir / ("o" + std::to_string(orientation) + ".jpg"), withExifOrientation(jpeg, orientation, orientation % 2 == 0));
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path()));
    QCOMPARE(d.images.size(), std::size_t(8));
    for (int orientation = 1; orientation <= 8; ++orientation) {
      const std::string name = "o" + std::to_string(orientation) + ".jpg";
      const cv::Mat expected = cv::imdecode(readBytes(dir / name), cv::IMREAD_COLOR);
      const DatasetImage* image = findImage(d, name);
      const cv::Mat stored = cv::imdecode(image->media->bytes, cv::IMREAD_COLOR);
      QCOMPARE(image->width, expected.cols);
      QCOMPARE(image->height, expected.rows);
      QVERIFY2(cv::norm(stored, expected, cv::NORM_INF) == 0, name.c_str());
      QCOMPARE(image->media->format, std::string(orientation == 1 ? "jpeg" : "png"));
    }
  }

  void unreadableFilesAreReportedAndSkipped() {
    TempDir dir;
    writeTestImage(dir / "good.png", 8, 6);
    for (const char* name : {"t.png", "t.jpg", "t.bmp", "t.pgm"}) {
      writeTestImage(dir / name, 40, 30);
      truncateFile(dir / name);
    }
    writeText(dir / "fake.png", "plain text, not a PNG");
    writeText(dir / "huge.pgm", "P5 99999999999999999999 1 255\n");
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path()));
    QCOMPARE(d.images.size(), std::size_t(1));
    QCOMPARE(d.images[0].name, std::string("good.png"));
    QCOMPARE(d.warnings.size(), std::size_t(6));
    const std::vector<std::pair<std::string, std::string>> expected{
        {"fake.png", "not a PNG, JPEG, BMP or PGM"}, {"huge.pgm", "number too large"}, {"t.bmp", "truncated BMP"}, {"t.jpg", "truncated JPEG"},
        {"t.pgm", "truncated PGM"}, {"t.png", "truncated PNG"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
      QVERIFY2(d.warnings[i].find(expected[i].first) != std::string::npos, d.warnings[i].c_str());
      QVERIFY2(d.warnings[i].find(expected[i].second) != std::string::npos, d.warnings[i].c_str());
    }
  }

  void notAFolderIsAnError() {
    TempDir dir;
    writeText(dir / "x.txt", "x");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("folder", dir / "x.txt"); }, {"x.txt", "not a folder"}));
  }
};

LOUPE_REGISTER_SUITE(TestFolder);
#include "test_folder.moc"
