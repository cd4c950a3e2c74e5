#include "core/domain/errors.h"

#include "core/domain/names.h"

namespace loupe {
namespace {
// Every part may hold bytes from the input (a JSON key with a newline, a file name that is not
// UTF-8): each is made printable here, once, so what() is always one valid line.
std::string describe(const InputLocation& w, const std::string& message) {
  std::string s = w.file.empty() ? std::string("<input>") : printableName(w.file, 1024);
  if (w.line > 0) {
    // Appended in two steps: GCC 12 at -O3 reports a false -Wrestrict on ":" + to_string().
    s += ':';
    s += std::to_string(w.line);
  }
  s += ": ";
  if (!w.field.empty()) s += printableName(w.field, 200) + ": ";
  return s + printableName(message, 2000);
}
}  // namespace

InputError::InputError(InputLocation where, const std::string& message)
    : std::runtime_error(describe(where, message)), where_(std::move(where)), message_(message) {}

}  // namespace loupe
