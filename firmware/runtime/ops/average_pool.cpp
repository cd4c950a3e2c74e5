#include "firmware/runtime/ops/average_pool.h"

#include "firmware/runtime/quant_math.h"

namespace loupe::runtime {

void averagePool(const PoolParams& p, const TensorShape& inShape, const int8_t* input, const TensorShape& outShape,
                 int8_t* output) {
  for (int32_t oy = 0; oy < outShape.h; ++oy) {
    for (int32_t ox = 0; ox < outShape.w; ++ox) {
      const PoolWindow win = poolWindow(p, inShape.h, inShape.w, oy, ox);
      const int32_t count = win.count();
      for (int32_t c = 0; c < outShape.c; ++c) {
        int32_t sum = 0;
        for (int32_t y = win.y0; y < win.y1; ++y)
          for (int32_t x = win.x0; x < win.x1; ++x) sum += input[(y * inShape.w + x) * inShape.c + c];
        int32_t avg = 0;
        if (count > 0) avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;  // half away from 0
        output[(oy * outShape.w + ox) * outShape.c + c] = static_cast<int8_t>(clampI32(avg, p.actMin, p.actMax));
      }
    }
  }
}

}  // namespace loupe::runtime
