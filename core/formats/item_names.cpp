#include "core/formats/item_names.h"

#include <cctype>

namespace loupe {

std::string itemNameProblem(std::string_view name) {
  if (name.empty()) return "empty item name";
  const bool absolute = name.front() == '/' || name.front() == '\\' ||
                        (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) &&
                         name[1] == ':');
  if (absolute) return "absolute file name not allowed: '" + std::string(name) + "'";
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return "'..' not allowed in file name: '" + std::string(name) + "'";
    start = end + 1;
  }
  return {};
}

void requireSafeItemName(std::string_view name, const InputLocation& where) {
  if (std::string problem = itemNameProblem(name); !problem.empty()) throw InputError(where, problem);
}

std::string withoutExtension(std::string_view name) {
  const std::size_t slash = name.find_last_of('/');
  const std::size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash) ||
      dot == (slash == std::string_view::npos ? 0 : slash + 1))
    return std::string(name);
  return std::string(name.substr(0, dot));
}

}  // namespace loupe
