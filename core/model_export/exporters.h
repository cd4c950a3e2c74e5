#pragma once
// Model exports, one file per format. Input layout of the ONNX files: float32 NCHW [N, C, H, W],
// normalised x = (pixel - 128) / 128 like the trained network; output [N, classes] (softmax
// probabilities when the network ends in softmax).

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/network_spec.h"
#include "core/quant/quantized_model.h"

namespace loupe::model_export {

// ONNX (opset 13) of the float network.
std::vector<std::uint8_t> onnxFloat(const nn::NetworkSpec& net);

// ONNX (opset 13) in QDQ form: the int8 weights, int32 biases and every activation's scale/zero
// point of the quantised model, as QuantizeLinear/DequantizeLinear pairs around float ops.
std::vector<std::uint8_t> onnxQdq(const quant::QuantizedModel& model);

// A C/C++ header for the firmware: the blob as a 4-byte aligned const array plus defines
// (id, sizes, arena, shapes) and the class names.
std::string cHeader(const std::vector<std::uint8_t>& blob, const std::string& modelName,
                    const std::vector<std::string>& classes);

}  // namespace loupe::model_export
