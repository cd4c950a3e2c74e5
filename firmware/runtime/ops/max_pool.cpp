#include "firmware/runtime/ops/max_pool.h"

#include "firmware/runtime/quant_math.h"

namespace loupe::runtime {

void maxPool(const PoolParams& p, const TensorShape& inShape, const int8_t* input, const TensorShape& outShape,
             int8_t* output) {
  for (int32_t oy = 0; oy < outShape.h; ++oy) {
    for (int32_t ox = 0; ox < outShape.w; ++ox) {
      const PoolWindow win = poolWindow(p, inShape.h, inShape.w, oy, ox);
      for (int32_t c = 0; c < outShape.c; ++c) {
        int32_t best = -128;
        for (int32_t y = win.y0; y < win.y1; ++y)
          for (int32_t x = win.x0; x < win.x1; ++x) {
            const int32_t v = input[(y * inShape.w + x) * inShape.c + c];
            if (v > best) best = v;
          }
        output[(oy * outShape.w + ox) * outShape.c + c] = static_cast<int8_t>(clampI32(best, p.actMin, p.actMax));
      }
    }
  }
}

}  // namespace loupe::runtime
