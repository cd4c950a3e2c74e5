#include "firmware/runtime/ops/average_pool.h"

#include "firmware/runtime/quant_math.h"

namespace loupe_rt {

void averagePool(const PoolParams& p, const TensorShape& inShape, const int8_t* input, const TensorShape& outShape,
                 int8_t* output) {
  for (int32_t oy = 0; oy < outShape.h; ++oy) {
    for (int32_t ox = 0; ox < outShape.w; ++ox) {
      const int32_t y0 = oy * p.strideH - p.padH;
      const int32_t x0 = ox * p.strideW - p.padW;
      const int32_t yStart = y0 > 0 ? y0 : 0;
      const int32_t xStart = x0 > 0 ? x0 : 0;
      const int32_t yEnd = y0 + p.filterH < inShape.h ? y0 + p.filterH : inShape.h;
      const int32_t xEnd = x0 + p.filterW < inShape.w ? x0 + p.filterW : inShape.w;
      const int32_t count = (yEnd - yStart) * (xEnd - xStart);
      for (int32_t c = 0; c < outShape.c; ++c) {
        int32_t sum = 0;
        for (int32_t y = yStart; y < yEnd; ++y)
          for (int32_t x = xStart; x < xEnd; ++x) sum += input[(y * inShape.w + x) * inShape.c + c];
        int32_t avg = 0;
        if (count > 0) avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;  // half away from 0
        output[(oy * outShape.w + ox) * outShape.c + c] = static_cast<int8_t>(clampI32(avg, p.actMin, p.actMax));
      }
    }
  }
}

}  // namespace loupe_rt
