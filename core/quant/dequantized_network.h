#pragma once
// The float network an int8 model stands for (weights · scale, biases · s_in · s_w), for a model
// that arrived int8-only (an imported .tflite): what `loupe predict`, label issues and the ONNX
// float export run. Its input is Loupe's x = (pixel - 128) / 128; a model quantised for another
// input range gets a 1 x 1 depthwise layer in front that maps x to the real input it expects.

#include <string>
#include <vector>

#include "core/nn/network_spec.h"
#include "core/quant/quantized_model.h"

namespace loupe::quant {

nn::NetworkSpec dequantizedNetwork(const QuantizedModel& model, const std::string& arch,
                                   const std::vector<std::string>& classes);

}  // namespace loupe::quant
