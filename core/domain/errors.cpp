#include "core/domain/errors.h"

namespace loupe {
namespace {
std::string describe(const InputLocation& w, const std::string& message) {
  std::string s = w.file.empty() ? std::string("<input>") : w.file;
  if (w.line > 0) s += ":" + std::to_string(w.line);
  s += ": ";
  if (!w.field.empty()) s += w.field + ": ";
  return s + message;
}
}  // namespace

InputError::InputError(InputLocation where, const std::string& message)
    : std::runtime_error(describe(where, message)), where_(std::move(where)), message_(message) {}

}  // namespace loupe
