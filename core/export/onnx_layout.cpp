#include "core/export/onnx_layout.h"

#include <algorithm>

namespace loupe::exporting {

std::vector<std::int64_t> onnxPads(nn::Padding padding, const nn::Shape& in, const nn::Shape& out, int kernelH,
                                   int kernelW, int strideH, int strideW) {
  if (padding == nn::Padding::Valid) return {0, 0, 0, 0};
  const int totalH = std::max((out.h - 1) * strideH + kernelH - in.h, 0);
  const int totalW = std::max((out.w - 1) * strideW + kernelW - in.w, 0);
  return {totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2};
}

}  // namespace loupe::exporting
