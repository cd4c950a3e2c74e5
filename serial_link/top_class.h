#pragma once
// The board's prediction for one frame in human terms: the highest int8 score, dequantized
// (real = (q - zero_point) * scale, the TFLite rule). Shown over the live view.

#include "serial_link/board_session.h"

namespace loupe::serial_link {

struct TopClass {
  int index = -1;    // -1 when the result has no scores
  float score = 0;   // dequantized; a probability for a softmax output
};

TopClass topClass(const BoardInference& result);

}  // namespace loupe::serial_link
