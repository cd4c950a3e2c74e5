#include "core/formats/json_locate.h"

#include <string>
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

}  // namespace

int lineOfJsonPath(std::string_view text, std::string_view path) {
  Scanner scanner(text);
  const std::size_t offset = scanner.find(parsePath(path), 0);
  return offset <= text.size() ? lineOfOffset(text, offset) : 0;
}

}  // namespace loupe
