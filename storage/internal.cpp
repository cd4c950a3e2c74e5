#include "storage/internal.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace loupe::storage::detail {

std::string sha256Hex(std::span<const std::uint8_t> bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
  return out;
}

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

Split splitFromDb(const std::string& text) { return splitFromString(text).value_or(Split::Unassigned); }

LabelerKind labelerKindFromDb(const std::string& text) {
  return labelerKindFromString(text).value_or(LabelerKind::Human);
}

}  // namespace loupe::storage::detail
