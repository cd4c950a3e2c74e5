#include "core/formats/json_locate.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <system_error>
#include <variant>
#include <vector>

#include "core/formats/text_fields.h"

namespace loupe {
namespace {

using Step = std::variant<std::string, std::size_t>;

std::vector<Step> parsePath(std::string_view path) {
  std::vector<Step> steps;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
    } else if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) break;
      steps.emplace_back(static_cast<std::size_t>(parseInt(path.substr(i + 1, close - i - 1)).value_or(0)));
      i = close + 1;
    } else {
      const std::size_t end = path.find_first_of(".[", i);
      steps.emplace_back(std::string(path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)));
      i = end == std::string_view::npos ? path.size() : end;
    }
  }
  return steps;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  // Offset of the value at steps[depth..] starting at pos_; `best` tracks the deepest match.
  std::size_t find(const std::vector<Step>& steps, std::size_t depth) {
    skipSpace();
    best_ = pos_;
    if (depth == steps.size() || pos_ >= t_.size()) return pos_;
    const char open = t_[pos_];
    if (open == '{' && std::holds_alternative<std::string>(steps[depth])) {
      ++pos_;
      for (;;) {
        skipSpace();
        if (pos_ >= t_.size() || t_[pos_] != '"') return best_;
        const std::string key = readString();
        skipSpace();
        if (pos_ >= t_.size() || t_[pos_] != ':') return best_;
        ++pos_;
        if (key == std::get<std::string>(steps[depth])) return find(steps, depth + 1);
        if (!skipValue()) return best_;
        skipSpace();
        if (pos_ >= t_.size() || t_[pos_] != ',') return best_;
        ++pos_;
      }
    }
    if (open == '[' && std::holds_alternative<std::size_t>(steps[depth])) {
      ++pos_;
      for (std::size_t index = 0;; ++index) {
        skipSpace();
        if (index == std::get<std::size_t>(steps[depth])) return find(steps, depth + 1);
        if (!skipValue()) return best_;
        skipSpace();
        if (pos_ >= t_.size() || t_[pos_] != ',') return best_;
        ++pos_;
      }
    }
    return best_;
  }

 private:
  void skipSpace() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\n' || t_[pos_] == '\r' || t_[pos_] == '\t')) ++pos_;
  }

  // At an opening quote; returns the raw string content (escapes left as written).
  std::string readString() {
    const std::size_t start = ++pos_;
    while (pos_ < t_.size() && t_[pos_] != '"') pos_ += (t_[pos_] == '\\') ? 2 : 1;
    const std::string s(t_.substr(start, std::min(pos_, t_.size()) - start));
    ++pos_;
    return s;
  }

  bool skipValue() {
    skipSpace();
    if (pos_ >= t_.size()) return false;
    if (t_[pos_] == '"') {
      readString();
      return true;
    }
    if (t_[pos_] == '{' || t_[pos_] == '[') {
      int depth = 0;
      while (pos_ < t_.size()) {
        const char c = t_[pos_];
        if (c == '"') {
          readString();
          continue;
        }
        ++pos_;
        if (c == '{' || c == '[') ++depth;
        if ((c == '}' || c == ']') && --depth == 0) return true;
      }
      return false;
    }
    while (pos_ < t_.size() && t_[pos_] != ',' && t_[pos_] != '}' && t_[pos_] != ']') ++pos_;
    return true;
  }

  std::string_view t_;
  std::size_t pos_ = 0;
  std::size_t best_ = 0;
};

// Whether the number token `t` fits: integers in int64/uint64, everything else in a finite double.
bool numberFits(std::string_view t) {
  if (t.find_first_of(".eE") == std::string_view::npos) {
    std::string_view digits = t;
    if (!digits.empty() && digits.front() == '-') {
      std::int64_t v = 0;
      return std::from_chars(digits.data(), digits.data() + digits.size(), v).ec == std::errc();
    }
    std::uint64_t v = 0;
    return std::from_chars(digits.data(), digits.data() + digits.size(), v).ec == std::errc();
  }
  // strtod tells overflow (HUGE_VAL) from underflow (1e-400 reads as 0, harmless), which
  // from_chars does not.
  const std::string copy(t);
  errno = 0;
  const double d = std::strtod(copy.c_str(), nullptr);
  return !(errno == ERANGE && std::isinf(d));
}

std::string pathText(const std::vector<Step>& steps) {
  std::string path;
  for (const Step& step : steps) {
    if (const auto* key = std::get_if<std::string>(&step))
      path += (path.empty() ? "" : ".") + *key;
    else
      path += "[" + std::to_string(std::get<std::size_t>(step)) + "]";
  }
  return path;
}

}  // namespace

std::optional<JsonNumberIssue> findOutOfRangeNumber(std::string_view t) {
  // One frame per open container: arrays count elements, objects remember the current key.
  struct Frame {
    bool array;
    std::size_t index = 0;
    std::string key;
  };
  std::vector<Frame> stack;
  const auto path = [&] {
    std::vector<Step> steps;
    for (const Frame& f : stack) {
      if (f.array)
        steps.emplace_back(f.index);
      else
        steps.emplace_back(f.key);
    }
    return pathText(steps);
  };
  bool expectKey = false;
  for (std::size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '"') {
      std::size_t end = i + 1;
      while (end < t.size() && t[end] != '"') end += (t[end] == '\\') ? 2 : 1;
      if (expectKey && !stack.empty()) stack.back().key = std::string(t.substr(i + 1, std::min(end, t.size()) - i - 1));
      expectKey = false;
      i = end + 1;
    } else if (c == '{') {
      stack.push_back({false});
      expectKey = true;
      ++i;
    } else if (c == '[') {
      stack.push_back({true});
      ++i;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      ++i;
    } else if (c == ',') {
      if (!stack.empty()) {
        if (stack.back().array)
          ++stack.back().index;
        else
          expectKey = true;
      }
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < t.size() && (t[end] == '-' || t[end] == '+' || t[end] == '.' || t[end] == 'e' || t[end] == 'E' ||
                                (t[end] >= '0' && t[end] <= '9')))
        ++end;
      if (!numberFits(t.substr(i, end - i))) return JsonNumberIssue{i, path()};
      i = end;
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

int lineOfJsonPath(std::string_view text, std::string_view path) {
  Scanner scanner(text);
  const std::size_t offset = scanner.find(parsePath(path), 0);
  return offset <= text.size() ? lineOfOffset(text, offset) : 0;
}

}  // namespace loupe
