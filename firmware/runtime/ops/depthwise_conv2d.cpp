#include "firmware/runtime/ops/depthwise_conv2d.h"

#include "firmware/runtime/ops/requantize.h"

namespace loupe::runtime {

void depthwiseConv2dPerChannel(const ConvParams& p, const PerChannelQuant& quant, const TensorShape& inShape,
                               const int8_t* input, int32_t kernelH, int32_t kernelW, const int8_t* filter,
                               const TensorShape& outShape, int8_t* output) {
  const int32_t mult = p.depthMultiplier;
  for (int32_t oy = 0; oy < outShape.h; ++oy) {
    const int32_t inY0 = oy * p.strideH - p.padH;
    for (int32_t ox = 0; ox < outShape.w; ++ox) {
      const int32_t inX0 = ox * p.strideW - p.padW;
      for (int32_t ic = 0; ic < inShape.c; ++ic) {
        for (int32_t m = 0; m < mult; ++m) {
          const int32_t oc = ic * mult + m;
          int32_t acc = 0;
          for (int32_t ky = 0; ky < kernelH; ++ky) {
            const int32_t iy = inY0 + ky;
            if (iy < 0 || iy >= inShape.h) continue;  // padding contributes the real value 0
            for (int32_t kx = 0; kx < kernelW; ++kx) {
              const int32_t ix = inX0 + kx;
              if (ix < 0 || ix >= inShape.w) continue;
              const int32_t x = input[(iy * inShape.w + ix) * inShape.c + ic];
              const int32_t w = filter[(ky * kernelW + kx) * outShape.c + oc];
              acc += w * (x + p.inputOffset);
            }
          }
          output[(oy * outShape.w + ox) * outShape.c + oc] = requantizeChannel(acc, p, quant, oc);
        }
      }
    }
  }
}

}  // namespace loupe::runtime
