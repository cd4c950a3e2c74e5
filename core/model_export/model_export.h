#pragma once
// One entry point for `loupe export-model` and the GUI: a stored model (its float and int8
// blobs) to the bytes of one export format.

#include <cstdint>
#include <string>
#include <vector>

namespace loupe::model_export {

enum class Format { CHeader, Onnx, OnnxInt8, TFLite };

// "c", "onnx", "onnx-int8", "tflite"; throws std::invalid_argument listing the valid names.
Format parseFormat(const std::string& name);
const char* formatName(Format f);

struct StoredModel {
  std::string name;
  std::vector<std::uint8_t> floatBlob;  // core/nn/spec_io serialisation (may be empty)
  std::vector<std::uint8_t> int8Blob;   // runtime blob (may be empty)
};

// Throws std::runtime_error naming the model when the blob the format needs is missing or
// invalid. TFLite is written from the int8 blob (core/tflite).
std::vector<std::uint8_t> exportModel(const StoredModel& model, Format format);

}  // namespace loupe::model_export
