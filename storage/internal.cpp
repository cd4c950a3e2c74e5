#include "storage/internal.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace loupe::storage::detail {

Annotation readAnnotation(const sql::Statement& st, int c) {
  Annotation a;
  a.id = st.int64(c + 0);
  a.itemId = st.int64(c + 1);
  a.labelerId = st.int64(c + 2);
  a.classId = st.int64(c + 3);
  a.kind = annotationKindFromString(st.text(c + 4)).value_or(AnnotationKind::ImageLabel);
  if (a.kind == AnnotationKind::Box)
    a.box = Box{st.real(c + 5), st.real(c + 6), st.real(c + 7), st.real(c + 8)};
  a.score = st.optReal(c + 9);
  a.created = st.text(c + 10);
  a.updated = st.text(c + 11);
  return a;
}

void requireChanged(const sql::Connection& db, std::string_view what, Id id) {
  if (db.changes() == 0)
    throw std::invalid_argument(std::string(what) + " " + std::to_string(id) + " does not exist");
}

bool isProjectsOwnFile(const std::filesystem::path& project, const std::filesystem::path& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;  // stat() both, open neither
    if (std::filesystem::equivalent(project.string() + suffix, path, ec)) return true;
  }
  return false;
}

std::vector<std::uint8_t> readExternalMedia(const std::filesystem::path& project, const std::string& path) {
  if (isProjectsOwnFile(project, path))
    throw std::runtime_error(path + ": an item's image path names the project file itself");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read the item's image");
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Split splitFromDb(const std::string& text) { return splitFromString(text).value_or(Split::Unassigned); }

LabelerKind labelerKindFromDb(const std::string& text) {
  return labelerKindFromString(text).value_or(LabelerKind::Human);
}

}  // namespace loupe::storage::detail
