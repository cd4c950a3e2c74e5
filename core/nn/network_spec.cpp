#include "core/nn/network_spec.h"

#include <stdexcept>

#include "firmware/runtime/geometry.h"

namespace loupe::nn {
namespace {
int outExtent(int in, int kernel, int stride, Padding padding) {
  return loupe::runtime::outputExtent(in, kernel, stride, padding == Padding::Same);
}

std::string layerName(std::size_t i, const LayerSpec& l) {
  static const char* const kNames[] = {"conv2d", "depthwise_conv2d", "average_pool2d", "max_pool2d", "dense",
                                       "softmax"};
  return "layer " + std::to_string(i) + " (" + kNames[static_cast<int>(l.type)] + ")";
}
}  // namespace

Shape outputShape(const Shape& in, const LayerSpec& l) {
  switch (l.type) {
    case LayerType::Conv2D:
      return {outExtent(in.h, l.kernelH, l.strideH, l.padding), outExtent(in.w, l.kernelW, l.strideW, l.padding),
              l.outChannels};
    case LayerType::DepthwiseConv2D:
      return {outExtent(in.h, l.kernelH, l.strideH, l.padding), outExtent(in.w, l.kernelW, l.strideW, l.padding),
              in.c * l.depthMultiplier};
    case LayerType::AveragePool2D:
    case LayerType::MaxPool2D:
      return {outExtent(in.h, l.kernelH, l.strideH, l.padding), outExtent(in.w, l.kernelW, l.strideW, l.padding),
              in.c};
    case LayerType::Dense:
      return {1, 1, l.outChannels};
    case LayerType::Softmax:
      return in;
  }
  throw std::logic_error("unknown layer type");
}

std::vector<Shape> activationShapes(const NetworkSpec& net) {
  std::vector<Shape> shapes{net.input};
  for (const auto& layer : net.layers) shapes.push_back(outputShape(shapes.back(), layer));
  return shapes;
}

std::size_t expectedWeightCount(const LayerSpec& spec, const Shape& in) {
  const int out = outputShape(in, spec).c;
  switch (spec.type) {
    case LayerType::Conv2D:
      return static_cast<std::size_t>(loupe::runtime::convWeightCount(out, spec.kernelH, spec.kernelW, in.c));
    case LayerType::DepthwiseConv2D:
      return static_cast<std::size_t>(loupe::runtime::depthwiseWeightCount(spec.kernelH, spec.kernelW, out));
    case LayerType::Dense:
      return static_cast<std::size_t>(loupe::runtime::fullyConnectedWeightCount(out, in.size()));
    default:
      return 0;
  }
}

std::size_t expectedBiasCount(const LayerSpec& spec, const Shape& in) {
  switch (spec.type) {
    case LayerType::Conv2D:
    case LayerType::DepthwiseConv2D:
    case LayerType::Dense:
      return static_cast<std::size_t>(outputShape(in, spec).c);
    default:
      return 0;
  }
}

std::optional<SpecProblem> specProblem(const NetworkSpec& net) {
  using Kind = SpecProblem::Kind;
  if (net.input.h <= 0 || net.input.w <= 0 || net.input.c <= 0) return SpecProblem{};
  Shape in = net.input;
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const LayerSpec& l = net.layers[i];
    const auto problem = [&](Kind kind) { return SpecProblem{kind, i, in}; };
    // Dense and softmax ignore kernel and stride (the int8 converter writes 1 for them).
    const bool windowed = l.type != LayerType::Dense && l.type != LayerType::Softmax;
    if (windowed && (l.kernelH <= 0 || l.kernelW <= 0 || l.strideH <= 0 || l.strideW <= 0)) return problem(Kind::Window);
    if ((l.type == LayerType::Conv2D || l.type == LayerType::Dense) && l.outChannels <= 0)
      return problem(Kind::OutChannels);
    if (l.type == LayerType::DepthwiseConv2D && l.depthMultiplier <= 0) return problem(Kind::DepthMultiplier);
    const Shape out = outputShape(in, l);
    if (out.h <= 0 || out.w <= 0 || out.c <= 0) return problem(Kind::OutputShape);
    if (l.weights.size() != expectedWeightCount(l, in) || l.bias.size() != expectedBiasCount(l, in))
      return problem(Kind::Parameters);
    in = out;
  }
  return std::nullopt;
}

void validateSpec(const NetworkSpec& net) {
  const auto p = specProblem(net);
  if (!p) return;
  if (p->kind == SpecProblem::Kind::InputShape) throw std::invalid_argument("network input shape must be positive");
  const LayerSpec& l = net.layers[p->layer];
  const Shape& in = p->in;
  const std::string where = layerName(p->layer, l) + ": ";
  switch (p->kind) {
    case SpecProblem::Kind::InputShape: break;
    case SpecProblem::Kind::Window: throw std::invalid_argument(where + "kernel and stride must be positive");
    case SpecProblem::Kind::OutChannels: throw std::invalid_argument(where + "outChannels must be positive");
    case SpecProblem::Kind::DepthMultiplier: throw std::invalid_argument(where + "depthMultiplier must be positive");
    case SpecProblem::Kind::OutputShape:
      throw std::invalid_argument(where + "input " + std::to_string(in.h) + "x" + std::to_string(in.w) +
                                  " is smaller than its kernel");
    case SpecProblem::Kind::Parameters:
      throw std::invalid_argument(where + "expected " + std::to_string(expectedWeightCount(l, in)) + " weights and " +
                                  std::to_string(expectedBiasCount(l, in)) + " biases, found " +
                                  std::to_string(l.weights.size()) + " and " + std::to_string(l.bias.size()));
  }
}

}  // namespace loupe::nn
