#include "firmware/runtime/ops/conv2d.h"

#include "firmware/runtime/ops/requantize.h"

namespace loupe::runtime {

void conv2dPerChannel(const ConvParams& p, const PerChannelQuant& quant, const TensorShape& inShape,
                      const int8_t* input, int32_t kernelH, int32_t kernelW, const int8_t* filter,
                      const TensorShape& outShape, int8_t* output) {
  const int32_t inC = inShape.c;
  for (int32_t oy = 0; oy < outShape.h; ++oy) {
    const int32_t inY0 = oy * p.strideH - p.padH;
    for (int32_t ox = 0; ox < outShape.w; ++ox) {
      const int32_t inX0 = ox * p.strideW - p.padW;
      for (int32_t oc = 0; oc < outShape.c; ++oc) {
        int32_t acc = 0;
        for (int32_t ky = 0; ky < kernelH; ++ky) {
          const int32_t iy = inY0 + ky;
          // Taps in the padding see the real value 0, i.e. (zero point + offset) == 0: skipping
          // them is exactly padding with the input zero point.
          if (iy < 0 || iy >= inShape.h) continue;
          for (int32_t kx = 0; kx < kernelW; ++kx) {
            const int32_t ix = inX0 + kx;
            if (ix < 0 || ix >= inShape.w) continue;
            const int8_t* in = input + (iy * inShape.w + ix) * inC;
            const int8_t* w = filter + ((oc * kernelH + ky) * kernelW + kx) * inC;
            for (int32_t ic = 0; ic < inC; ++ic) acc += static_cast<int32_t>(w[ic]) * (in[ic] + p.inputOffset);
          }
        }
        output[(oy * outShape.w + ox) * outShape.c + oc] = requantizeChannel(acc, p, quant, oc);
      }
    }
  }
}

}  // namespace loupe::runtime
