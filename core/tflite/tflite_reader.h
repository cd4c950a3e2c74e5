#pragma once
// A TensorFlow Lite int8 model made anywhere -> Loupe's QuantizedModel, for the runtime blob.
// Reads one subgraph whose operators form a chain of CONV_2D, DEPTHWISE_CONV_2D,
// AVERAGE_POOL_2D, MAX_POOL_2D, FULLY_CONNECTED, RESHAPE (a flatten) and SOFTMAX on int8
// tensors, optionally behind a QUANTIZE of a float input and before a DEQUANTIZE of the output.
// Anything else is refused by name. The file is untrusted: every failure is an InputError
// naming the file and the field, never a crash or an allocation the file chose.

#include <cstdint>
#include <string>

#include "core/quant/quantized_model.h"

namespace loupe::tflite {

// Larger files are refused unread: a board model is well under 1 MB.
inline constexpr std::size_t kMaxFileBytes = std::size_t(64) << 20;

struct ImportedTflite {
  quant::QuantizedModel model;
  std::string description;    // Model.description, empty when absent
  bool loupeDetector = false;  // written by Loupe as a centroid-grid detector
};

ImportedTflite readTflite(const std::uint8_t* data, std::size_t size, const std::string& file);

}  // namespace loupe::tflite
