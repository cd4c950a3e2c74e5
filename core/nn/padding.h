#pragma once
// TensorFlow's SAME padding puts the odd pixel at the bottom/right: the leading pad is
// floor(total / 2). Shared by every windowed layer so training and the int8 runtime agree.

#include <algorithm>

#include "core/nn/network_spec.h"

namespace loupe::nn {

inline int leadingPad(int in, int out, int kernel, int stride, Padding padding) {
  if (padding == Padding::Valid) return 0;
  const int total = std::max((out - 1) * stride + kernel - in, 0);
  return total / 2;
}

}  // namespace loupe::nn
