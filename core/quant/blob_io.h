#pragma once
// QuantizedModel <-> the runtime's flat blob (docs/model-format.md). Reading goes through the
// runtime's own validating loader, so the host accepts exactly what the board accepts.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/quant/quantized_model.h"

namespace loupe::quant {

std::vector<std::uint8_t> writeBlob(const QuantizedModel& model);

// Throws std::runtime_error("model blob: <reason>") when the runtime rejects the blob.
QuantizedModel readBlob(const std::uint8_t* data, std::size_t len);
inline QuantizedModel readBlob(const std::vector<std::uint8_t>& blob) { return readBlob(blob.data(), blob.size()); }

}  // namespace loupe::quant
