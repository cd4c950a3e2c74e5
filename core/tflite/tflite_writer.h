#pragma once
// Loupe's int8 model as a TensorFlow Lite flatbuffer for TensorFlow Lite Micro: int8 input and
// output, the per-channel weights, int32 biases and activation quantisation exactly as the blob
// stores them, one builtin operator per Loupe layer (plus a RESHAPE before the first dense layer
// of a spatial network).

#include <cstdint>
#include <string>
#include <vector>

#include "core/quant/quantized_model.h"

namespace loupe::tflite {

// What the file says about the model, in Model.description, so Loupe can recognise its own
// detectors when it reads the file back (core/tflite/tflite_reader.h).
inline constexpr const char* kClassifierDescription = "Loupe int8 classifier";
inline constexpr const char* kDetectorDescription = "Loupe int8 centroid-grid detector";

// Throws std::invalid_argument when a layer cannot be expressed (a dense layer whose input
// size does not match its weights).
std::vector<std::uint8_t> writeTflite(const quant::QuantizedModel& model, bool detector);

}  // namespace loupe::tflite
