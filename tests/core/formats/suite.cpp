#include "tests/core/formats/suite.h"

#include <QCoreApplication>

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <cmath>
#include <fstream>
#include <iterator>
#include <random>

namespace fs = std::filesystem;

namespace loupe::test {

std::vector<SuiteFactory>& suites() {
  static std::vector<SuiteFactory> all;
  return all;
}

bool registerSuite(SuiteFactory factory) {
  suites().push_back(std::move(factory));
  return true;
}

fs::path fixture(const std::string& sub) { return fs::path(LOUPE_TEST_DATA) / "formats" / sub; }

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = fs::temp_directory_path() /
          ("loupe-formats-" + std::to_string(rd()) + "-" + std::to_string(counter++));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

cv::Mat writeTestImage(const fs::path& file, int width, int height) {
  cv::Mat image(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x * 255 / std::max(1, width - 1)),
                                            static_cast<uchar>(y * 255 / std::max(1, height - 1)), 90);
  fs::create_directories(file.parent_path());
  if (file.extension() == ".pgm") {
    cv::Mat gray;
    cv::extractChannel(image, gray, 0);
    image = gray;
  }
  if (!cv::imwrite(file.string(), image)) throw std::runtime_error("cannot write " + file.string());
  return image;
}

void writeText(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

std::vector<std::uint8_t> readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

InputError expectInputError(const std::function<void()>& f, const std::vector<std::string>& parts) {
  try {
    f();
  } catch (const InputError& e) {
    const std::string what = e.what();
    for (const auto& part : parts)
      if (what.find(part) == std::string::npos)
        throw std::runtime_error("error '" + what + "' does not mention '" + part + "'");
    return e;
  }
  throw std::runtime_error("expected an InputError mentioning '" + (parts.empty() ? "" : parts.front()) + "'");
}

Dataset writeAndReadBack(const std::string& format, const Dataset& dataset, const fs::path& out) {
  writeDataset(format, dataset, out);
  return readDataset(format, out);
}

std::function<std::function<void()>(const std::string&)> badInputReader(const std::string& format, const fs::path& file,
                                                                        fs::path readPath) {
  if (readPath.empty()) readPath = file;
  return [format, file, readPath](const std::string& text) {
    writeText(file, text);
    return std::function<void()>([format, readPath] { readDataset(format, readPath); });
  };
}

const DatasetImage* findImage(const Dataset& d, const std::string& name) {
  for (const auto& image : d.images)
    if (image.name == name) return &image;
  return nullptr;
}

std::vector<DatasetAnnotation> boxesOf(const Dataset& d, const std::string& item) {
  std::vector<DatasetAnnotation> out;
  for (const auto& a : d.annotations)
    if (a.item == item && a.kind == AnnotationKind::Box) out.push_back(a);
  return out;
}

void compareBoxes(const Dataset& expected, const Dataset& actual) {
  std::vector<const DatasetAnnotation*> e, a;
  for (const auto& x : expected.annotations)
    if (x.kind == AnnotationKind::Box) e.push_back(&x);
  for (const auto& x : actual.annotations)
    if (x.kind == AnnotationKind::Box) a.push_back(&x);
  if (e.size() != a.size())
    throw std::runtime_error("box count " + std::to_string(a.size()) + " != " + std::to_string(e.size()));
  for (std::size_t i = 0; i < e.size(); ++i) {
    const std::string where = "box " + std::to_string(i) + " of " + e[i]->item;
    if (e[i]->item != a[i]->item || e[i]->className != a[i]->className)
      throw std::runtime_error(where + ": item/class " + a[i]->item + "/" + a[i]->className);
    const Box& p = e[i]->box;
    const Box& q = a[i]->box;
    if (std::abs(p.x - q.x) > 1e-3 || std::abs(p.y - q.y) > 1e-3 || std::abs(p.w - q.w) > 1e-3 ||
        std::abs(p.h - q.h) > 1e-3)
      throw std::runtime_error(where + ": box differs");
    if (e[i]->score.has_value() != a[i]->score.has_value() ||
        (e[i]->score && std::abs(*e[i]->score - *a[i]->score) > 1e-9))
      throw std::runtime_error(where + ": score differs");
    if (e[i]->flags != a[i]->flags) throw std::runtime_error(where + ": flags differ");
  }
}

}  // namespace loupe::test

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  int status = 0;
  for (const auto& make : loupe::test::suites()) {
    const std::unique_ptr<QObject> suite = make();
    status |= QTest::qExec(suite.get(), argc, argv);
  }
  return status;
}
