// Placeholder: `loupe device flash` stages a copy of this sketch with src/model_data.h holding
// the chosen model. Without one the board starts with no model; deploy one over the protocol.
#pragma once
#include <cstddef>
#include <cstdint>
#define LOUPE_SKETCH_VERSION "0.1.0"
alignas(4) inline const std::uint8_t kModelData[1] = {0};
inline constexpr std::size_t kModelDataSize = 0;
inline constexpr const char* kModelDataId = "";
