#include "core/quant/board_fit.h"

#include <vector>

#include "core/nn/layer.h"
#include "core/quant/blob_io.h"
#include "core/quant/converter.h"
#include "firmware/board/config.h"

namespace loupe::quant {

std::size_t int8BlobBytes(const nn::NetworkSpec& structure) {
  // Zero parameters where the spec has none (an architecture not yet initialised) and any valid
  // range per activation: the values written change, the byte count does not.
  nn::NetworkSpec net = structure;
  nn::Shape in = net.input;
  for (auto& l : net.layers) {
    l.weights.resize(nn::expectedWeightCount(l, in), 0.0f);
    l.bias.resize(nn::expectedBiasCount(l, in), 0.0f);
    in = nn::outputShape(in, l);
  }
  const std::vector<TensorRange> ranges(net.layers.size() + 1, TensorRange{-1.0f, 1.0f});
  return writeBlob(quantize(net, ranges)).size();
}

std::size_t defaultBoardModelSlotBytes() { return board::kModelSlotBytes; }

std::string boardFitText(std::size_t blobBytes, std::size_t slotBytes) {
  const auto kb = [](std::size_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KB"; };
  const std::string sizes = kb(blobBytes) + " of " + kb(slotBytes);
  return blobBytes <= slotBytes ? "fits the board: " + sizes : "too large for the board: " + sizes;
}

}  // namespace loupe::quant
