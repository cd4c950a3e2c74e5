#pragma once
// Several Qt Test classes share the test_core_formats executable (one per format); each file
// registers its class here and main.cpp runs them all.

#include <QObject>
#include <QTest>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/domain/errors.h"
#include "core/formats/dataset.h"
#include "core/formats/registry.h"

namespace loupe::test {

using SuiteFactory = std::function<std::unique_ptr<QObject>()>;
std::vector<SuiteFactory>& suites();
bool registerSuite(SuiteFactory factory);

// Fixture folder tests/data/formats/<sub>.
std::filesystem::path fixture(const std::string& sub);

// A fresh empty folder removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A width x height BGR image with a gradient (so encoders produce real content) written as `file`
// (format from the extension, parent folders created).
cv::Mat writeTestImage(const std::filesystem::path& file, int width, int height);
void writeText(const std::filesystem::path& file, const std::string& text);
std::vector<std::uint8_t> readBytes(const std::filesystem::path& file);
void writeBytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes);

// Runs `f`, requires an InputError whose what() contains every one of `parts`; returns it.
InputError expectInputError(const std::function<void()>& f, const std::vector<std::string>& parts);

// Writes `dataset` as `format` to `out` and reads it back (the round trip every writer must pass).
Dataset writeAndReadBack(const std::string& format, const Dataset& dataset, const std::filesystem::path& out);

// bad(text) writes `text` to `file` and returns a thunk reading `readPath` (default: `file`) as
// `format`, for feeding one malformed input after another to expectInputError.
std::function<std::function<void()>(const std::string&)> badInputReader(const std::string& format,
                                                                        const std::filesystem::path& file,
                                                                        std::filesystem::path readPath = {});

const DatasetImage* findImage(const Dataset& d, const std::string& name);
// Box annotations of `item`, in dataset order.
std::vector<DatasetAnnotation> boxesOf(const Dataset& d, const std::string& item);
// Compares every box annotation (item, class, box to 1e-3 px, score, flags), in order.
void compareBoxes(const Dataset& expected, const Dataset& actual);

}  // namespace loupe::test

#define LOUPE_REGISTER_SUITE(Class) \
  static const bool registered##Class = loupe::test::registerSuite([] { return std::make_unique<Class>(); })

// Fails the current Qt test with the exception's message instead of aborting the suite.
#define LOUPE_NOTHROW(statement)            \
  do {                                      \
    try {                                   \
      statement;                            \
    } catch (const std::exception& e_) {    \
      QFAIL(e_.what());                     \
    }                                       \
  } while (0)
