#pragma once
// Post-training calibration: run the float reference on a representative subset and record the
// min/max of every activation tensor (after the fused activation), as TFLite's converter does.

#include <vector>

#include "core/domain/progress.h"
#include "core/nn/network_spec.h"
#include "core/quant/float_reference.h"

namespace loupe::quant {

struct TensorRange {
  float min = 0.0f, max = 0.0f;
};

// One range per activation: [input, after layer 0, ...]. Throws std::invalid_argument when
// `samples` is empty. Reports progress per sample and honours cancellation.
std::vector<TensorRange> calibrate(const nn::NetworkSpec& net, const std::vector<Tensor>& samples,
                                   const Progress& progress = {});

}  // namespace loupe::quant
