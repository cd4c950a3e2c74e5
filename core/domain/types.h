#pragma once
// Plain domain values shared by every layer. No behaviour beyond conversions to and from text,
// so storage, formats, metrics and widgets can all speak them without depending on each other.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loupe {

using Id = std::int64_t;

enum class LabelerKind { Human, Model, Reference, Consensus };
enum class Split { Unassigned, Train, Val, Test };
enum class AnnotationKind { ImageLabel, Box };

// Absolute pixel coordinates in the displayed (EXIF-applied) orientation; x, y = top-left corner.
struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  friend bool operator==(const Box&, const Box&) = default;
};

struct ClassDef {
  Id id = 0;
  std::string name;
  std::string color;   // "#rrggbb"
  std::string hotkey;  // "1".."9" or empty
  int order = 0;
};

struct Labeler {
  Id id = 0;
  std::string name;
  LabelerKind kind = LabelerKind::Human;
};

struct Item {
  Id id = 0;
  std::string name;
  std::optional<Id> mediaId;  // empty for items created from a labels-only CSV
  int width = 0;
  int height = 0;
  Split split = Split::Unassigned;
  std::string groupKey;
  std::string source;       // "import:<format>" or "device:<id>"
  std::string contentHash;  // hex SHA-256 of the encoded media bytes
  std::string created;      // ISO-8601 UTC
};

struct Annotation {
  Id id = 0;
  Id itemId = 0;
  Id labelerId = 0;
  Id classId = 0;
  AnnotationKind kind = AnnotationKind::ImageLabel;
  Box box;                     // meaningful for kind == Box
  std::optional<double> score;  // model outputs
  std::string created;
  std::string updated;
};

struct Attribute {
  Id itemId = 0;
  std::string key;
  std::string value;
};

std::string_view toString(LabelerKind);
std::string_view toString(Split);
std::string_view toString(AnnotationKind);
std::optional<LabelerKind> labelerKindFromString(std::string_view);
std::optional<Split> splitFromString(std::string_view);
std::optional<AnnotationKind> annotationKindFromString(std::string_view);

}  // namespace loupe
