#include "firmware/runtime/interpreter.h"

#include <cstdint>

#include "firmware/runtime/geometry.h"
#include "firmware/runtime/ops/average_pool.h"
#include "firmware/runtime/ops/conv2d.h"
#include "firmware/runtime/ops/depthwise_conv2d.h"
#include "firmware/runtime/ops/fully_connected.h"
#include "firmware/runtime/ops/max_pool.h"
#include "firmware/runtime/ops/softmax.h"

namespace loupe::runtime {
namespace {

// Kernel parameters from the blob's layer view, spelled out field by field (TFLM's op params).
void runLayer(const LayerView& v, const int8_t* in, int8_t* out) {
  ConvParams cp;
  cp.strideH = v.strideH;
  cp.strideW = v.strideW;
  const bool same = v.padding == blob::Padding::Same;
  cp.padH = same ? leadingPadding(v.strideH, v.in.h, v.kernelH, v.out.h) : 0;
  cp.padW = same ? leadingPadding(v.strideW, v.in.w, v.kernelW, v.out.w) : 0;
  cp.depthMultiplier = v.depthMultiplier;
  cp.inputOffset = -v.inZeroPoint;
  cp.outputOffset = v.outZeroPoint;
  cp.actMin = v.actMin;
  cp.actMax = v.actMax;
  PoolParams pp;
  pp.strideH = cp.strideH;
  pp.strideW = cp.strideW;
  pp.padH = cp.padH;
  pp.padW = cp.padW;
  pp.filterH = v.kernelH;
  pp.filterW = v.kernelW;
  pp.actMin = v.actMin;
  pp.actMax = v.actMax;
  switch (v.op) {
    case blob::Op::Conv2D:
      conv2dPerChannel(cp, v.quant, v.in, in, v.kernelH, v.kernelW, v.weights, v.out, out);
      break;
    case blob::Op::DepthwiseConv2D:
      depthwiseConv2dPerChannel(cp, v.quant, v.in, in, v.kernelH, v.kernelW, v.weights, v.out, out);
      break;
    case blob::Op::AveragePool2D: averagePool(pp, v.in, in, v.out, out); break;
    case blob::Op::MaxPool2D: maxPool(pp, v.in, in, v.out, out); break;
    case blob::Op::FullyConnected:
      fullyConnectedPerChannel(cp, v.quant, v.in.size(), in, v.out.c, v.weights, out);
      break;
    case blob::Op::Softmax: softmax(v.expTable, v.out, in, out); break;
  }
}

}  // namespace

Interpreter::Interpreter(const Model& model, uint8_t* arena, size_t arenaBytes)
    : model_(model), arena_(arena), status_(Status::Ok) {
  if (!model.loaded())
    status_ = Status::NotLoaded;
  else if (arenaBytes < requiredArenaBytes(model) || (arena == nullptr && requiredArenaBytes(model) > 0))
    status_ = Status::ArenaTooSmall;
  else if (reinterpret_cast<uintptr_t>(arena) % 4 != 0)
    status_ = Status::Misaligned;
}

Status Interpreter::invoke(const int8_t* input, int8_t* output) {
  if (status_ != Status::Ok) return status_;
  int8_t* slots[2] = {reinterpret_cast<int8_t*>(arena_), reinterpret_cast<int8_t*>(arena_ + model_.slotBytes(0))};
  const int count = model_.layerCount();
  const int8_t* in = input;
  for (int i = 0; i < count; ++i) {
    int8_t* out = (i + 1 == count) ? output : slots[i % 2];
    runLayer(model_.layer(i), in, out);
    in = out;
  }
  return Status::Ok;
}

}  // namespace loupe::runtime
