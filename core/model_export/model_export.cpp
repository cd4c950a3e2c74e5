#include "core/model_export/model_export.h"

#include <stdexcept>

#include "core/model_export/exporters.h"
#include "core/nn/spec_io.h"
#include "core/quant/blob_io.h"
#include "core/tflite/tflite_writer.h"

namespace loupe::model_export {

Format parseFormat(const std::string& name) {
  if (name == "c") return Format::CHeader;
  if (name == "onnx") return Format::Onnx;
  if (name == "onnx-int8") return Format::OnnxInt8;
  if (name == "tflite") return Format::TFLite;
  throw std::invalid_argument("unknown export format '" + name + "' (expected c, onnx, onnx-int8 or tflite)");
}

const char* formatName(Format f) {
  switch (f) {
    case Format::CHeader: return "c";
    case Format::Onnx: return "onnx";
    case Format::OnnxInt8: return "onnx-int8";
    case Format::TFLite: return "tflite";
  }
  return "?";
}

namespace {
nn::NetworkSpec floatSpec(const StoredModel& m) {
  if (m.floatBlob.empty()) throw std::runtime_error("model '" + m.name + "' has no float network stored");
  try {
    return nn::deserializeNetwork(m.floatBlob);
  } catch (const std::exception& e) {
    throw std::runtime_error("model '" + m.name + "': float network: " + e.what());
  }
}
const std::vector<std::uint8_t>& int8Blob(const StoredModel& m) {
  if (m.int8Blob.empty()) throw std::runtime_error("model '" + m.name + "' has no int8 model stored (quantize it first)");
  return m.int8Blob;
}
quant::QuantizedModel int8Model(const StoredModel& m) {
  const auto& blob = int8Blob(m);
  try {
    return quant::readBlob(blob);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("model '" + m.name + "': " + e.what());
  }
}
}  // namespace

std::vector<std::uint8_t> exportModel(const StoredModel& m, Format format) {
  switch (format) {
    case Format::Onnx: return onnxFloat(floatSpec(m));
    case Format::OnnxInt8: return onnxQdq(int8Model(m));
    case Format::CHeader: {
      int8Model(m);  // validates with a message naming the model
      const std::vector<std::string> classes = m.floatBlob.empty() ? std::vector<std::string>{} : floatSpec(m).classes;
      const std::string h = cHeader(int8Blob(m), m.name, classes);
      return {h.begin(), h.end()};
    }
    case Format::TFLite: {
      const auto q = int8Model(m);
      // A detector's output is a grid of cells; a classifier's a single 1 x 1 cell.
      const nn::Shape out = q.layers.empty() ? q.input : q.layers.back().out;
      return tflite::writeTflite(q, out.h * out.w > 1);
    }
  }
  throw std::logic_error("unknown export format");
}

}  // namespace loupe::model_export
