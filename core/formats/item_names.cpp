#include "core/formats/item_names.h"

#include <cctype>

#include "core/domain/names.h"

namespace loupe {

std::string normalItemName(std::string_view name) {
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (!part.empty() && part != ".") {
      if (!out.empty()) out += '/';
      out.append(part);
    }
    start = end + 1;
  }
  // "/x" stays absolute, so itemNameProblem refuses it instead of it quietly becoming "x".
  if (!name.empty() && name.front() == '/') out.insert(0, 1, '/');
  return out;
}

std::string itemNameProblem(std::string_view name) {
  if (std::string problem = nameProblem(name, NameKind::Item); !problem.empty()) return problem;
  const bool absolute = name.front() == '/' || name.front() == '\\' ||
                        (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) &&
                         name[1] == ':');
  if (absolute) return "absolute file name not allowed: '" + printableName(name) + "'";
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (part == "..") return "'..' not allowed in file name: '" + printableName(name) + "'";
    start = end + 1;
  }
  // Readers pass names through normalItemName, so "./a.png" and "a.png" are one item.
  if (normalItemName(name) != name)
    return "not a normalised relative path (empty or '.' component): '" + printableName(name) + "'";
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
