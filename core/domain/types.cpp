#include "core/domain/types.h"

#include <array>
#include <utility>

namespace loupe {
namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view text) {
  for (const auto& [value, name] : table)
    if (name == text) return value;
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

constexpr std::array<std::pair<LabelerKind, std::string_view>, 4> kLabelerKinds{{
    {LabelerKind::Human, "human"},
    {LabelerKind::Model, "model"},
    {LabelerKind::Reference, "reference"},
    {LabelerKind::Consensus, "consensus"},
}};
constexpr std::array<std::pair<Split, std::string_view>, 4> kSplits{{
    {Split::Unassigned, "unassigned"},
    {Split::Train, "train"},
    {Split::Val, "val"},
    {Split::Test, "test"},
}};
constexpr std::array<std::pair<AnnotationKind, std::string_view>, 2> kAnnotationKinds{{
    {AnnotationKind::ImageLabel, "label"},
    {AnnotationKind::Box, "box"},
}};

}  // namespace

std::string_view toString(LabelerKind k) { return nameOf(kLabelerKinds, k); }
std::string_view toString(Split s) { return nameOf(kSplits, s); }
std::string_view toString(AnnotationKind k) { return nameOf(kAnnotationKinds, k); }
std::optional<LabelerKind> labelerKindFromString(std::string_view t) { return lookup(kLabelerKinds, t); }
std::optional<Split> splitFromString(std::string_view t) { return lookup(kSplits, t); }
std::optional<AnnotationKind> annotationKindFromString(std::string_view t) { return lookup(kAnnotationKinds, t); }

}  // namespace loupe
