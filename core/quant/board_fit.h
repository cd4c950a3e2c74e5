#pragma once
// Whether an int8 model fits the board's model slot, said before training or deploying.
// The size is the one writeBlob produces: a blob's length depends on the network's structure
// (layers, shapes, channels, classes), never on weight or range values, so quantising an
// untrained network of the same structure gives the exact size training will store.

#include <cstddef>
#include <string>

#include "core/nn/network_spec.h"

namespace loupe::quant {

// Bytes of the int8 blob (trailer included) for a network of this structure.
std::size_t int8BlobBytes(const nn::NetworkSpec& structure);

// The model slot of the board firmware as built by default (firmware/board/config.h). A
// connected board reports its own capacity, which is what a deploy checks.
std::size_t defaultBoardModelSlotBytes();

// "fits the board: 41 KB of 48 KB" or "too large for the board: 57 KB of 48 KB" (KB = 1024
// bytes, rounded up, so a blob one byte over never reads "48 KB of 48 KB").
std::string boardFitText(std::size_t blobBytes, std::size_t slotBytes);

}  // namespace loupe::quant
