#include "core/domain/names.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace loupe {
namespace {

// Length of the valid UTF-8 sequence starting at text[i] and its code point, or 0 when the bytes
// there are not valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
std::size_t utf8Sequence(std::string_view text, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  std::size_t length = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return length;
}

bool isControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::string hexByte(unsigned char b) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", b);
  return buffer;
}

const char* kindName(NameKind kind) {
  switch (kind) {
    case NameKind::Item: return "item name";
    case NameKind::Class: return "class name";
    case NameKind::Labeler: return "labeler name";
    case NameKind::AttributeKey: return "attribute key";
    case NameKind::AttributeValue: return "attribute value";
  }
  return "name";
}

}  // namespace

std::size_t maxNameBytes(NameKind kind) {
  switch (kind) {
    case NameKind::Item: return kMaxItemNameBytes;
    case NameKind::AttributeValue: return kMaxAttributeValueBytes;
    default: return kMaxLabelNameBytes;
  }
}

std::string nameProblem(std::string_view name, NameKind kind) {
  const std::string what = kindName(kind);
  if (name.empty() && kind != NameKind::AttributeValue) return "empty " + what;
  if (name.size() > maxNameBytes(kind))
    return what + " is " + std::to_string(name.size()) + " bytes, longer than the " +
           std::to_string(maxNameBytes(kind)) + "-byte limit";
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp = 0;
    const std::size_t length = utf8Sequence(name, i, cp);
    if (length == 0)
      return what + " is not valid UTF-8 (byte " + hexByte(static_cast<unsigned char>(name[i])) + " at offset " +
             std::to_string(i) + ")";
    if (isControl(cp)) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
      return what + " contains the control character " + code + " at offset " + std::to_string(i);
    }
    i += length;
  }
  return {};
}

std::string attributeProblem(std::string_view key, std::string_view value) {
  if (std::string problem = nameProblem(key, NameKind::AttributeKey); !problem.empty()) return problem;
  return nameProblem(value, NameKind::AttributeValue);
}

std::string printableName(std::string_view text, std::size_t maxBytes) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (out.size() >= maxBytes) return out + "...";
    char32_t cp = 0;
    const std::size_t length = utf8Sequence(text, i, cp);
    if (length == 0 || isControl(cp)) {
      for (std::size_t k = 0; k < std::max<std::size_t>(length, 1); ++k)
        out += hexByte(static_cast<unsigned char>(text[i + k]));
      i += std::max<std::size_t>(length, 1);
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace loupe
