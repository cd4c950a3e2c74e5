#include "firmware/runtime/ops/max_pool.h"

#include "firmware/runtime/quant_math.h"

namespace loupe_rt {

void maxPool(const PoolParams& p, const TensorShape& inShape, const int8_t* input, const TensorShape& outShape,
             int8_t* output) {
  for (int32_t oy = 0; oy < outShape.h; ++oy) {
    for (int32_t ox = 0; ox < outShape.w; ++ox) {
      const int32_t y0 = oy * p.strideH - p.padH;
      const int32_t x0 = ox * p.strideW - p.padW;
      const int32_t yStart = y0 > 0 ? y0 : 0;
      const int32_t xStart = x0 > 0 ? x0 : 0;
      const int32_t yEnd = y0 + p.filterH < inShape.h ? y0 + p.filterH : inShape.h;
      const int32_t xEnd = x0 + p.filterW < inShape.w ? x0 + p.filterW : inShape.w;
      for (int32_t c = 0; c < outShape.c; ++c) {
        int32_t best = -128;
        for (int32_t y = yStart; y < yEnd; ++y)
          for (int32_t x = xStart; x < xEnd; ++x) {
            const int32_t v = input[(y * inShape.w + x) * inShape.c + c];
            if (v > best) best = v;
          }
        output[(oy * outShape.w + ox) * outShape.c + c] = static_cast<int8_t>(clampI32(best, p.actMin, p.actMax));
      }
    }
  }
}

}  // namespace loupe_rt
