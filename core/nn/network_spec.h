#pragma once
// A trained float network as a plain value: the contract between training (core/nn), quantization
// (core/quant), export and storage. Layout conventions follow TensorFlow Lite so the int8
// conversion needs no transposes:
//   activations  NHWC (batch implicit)
//   conv2d       weights [out_c][kh][kw][in_c]         (OHWI)
//   depthwise    weights [kh][kw][in_c * multiplier]   (1HWO)
//   dense        weights [out][in]; its input is the previous activation flattened in HWC order
// Input normalisation: x = (pixel - 128) / 128, so the int8 input is exactly pixel - 128
// (scale 1/128, zero point 0), as the board's camera pipeline produces it.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace loupe::nn {

enum class LayerType { Conv2D, DepthwiseConv2D, AveragePool2D, MaxPool2D, Dense, Softmax };
enum class Padding { Valid, Same };
enum class Activation { None, ReLU, ReLU6 };  // fused into the preceding conv/dense/pool layer

struct Shape {
  int h = 1, w = 1, c = 1;
  int size() const { return h * w * c; }
  friend bool operator==(const Shape&, const Shape&) = default;
};

struct LayerSpec {
  LayerType type = LayerType::Dense;
  int kernelH = 1, kernelW = 1;
  int strideH = 1, strideW = 1;
  Padding padding = Padding::Valid;
  int outChannels = 0;      // conv2d / dense
  int depthMultiplier = 1;  // depthwise
  Activation activation = Activation::None;
  std::vector<float> weights;
  std::vector<float> bias;  // one per output channel (empty for pools/softmax)
};

struct NetworkSpec {
  std::string arch;  // e.g. "fmnist-cnn", "nano96-dscnn"
  Shape input;
  std::vector<std::string> classes;
  std::vector<LayerSpec> layers;
};

constexpr float kInputScale = 1.0f / 128.0f;
constexpr int kInputZeroPoint = 0;
inline float normalisePixel(unsigned char p) { return (static_cast<float>(p) - 128.0f) * kInputScale; }

}  // namespace loupe::nn

namespace loupe::nn {
// Output shape of one layer for a given input shape (TensorFlow's SAME/VALID arithmetic).
Shape outputShape(const Shape& in, const LayerSpec& layer);
// Shapes of every activation: [input, after layer 0, after layer 1, ...].
std::vector<Shape> activationShapes(const NetworkSpec& net);
// Parameter counts a LayerSpec must have for its input shape; 0 for pools and softmax.
std::size_t expectedWeightCount(const LayerSpec& spec, const Shape& in);
std::size_t expectedBiasCount(const LayerSpec& spec, const Shape& in);
// The structural rules of a spec, the one check Network and core/quant make: a positive input
// shape; per layer a positive kernel and stride (windowed layers), outChannels (conv2d, dense)
// and depthMultiplier (depthwise), a non-empty output and parameter counts that fit its input.
// specProblem gives the first rule broken (each caller words it for its own users); validateSpec
// throws std::invalid_argument with Network's wording ("layer 2 (dense): ...").
struct SpecProblem {
  enum class Kind { InputShape, Window, OutChannels, DepthMultiplier, OutputShape, Parameters };
  Kind kind = Kind::InputShape;
  std::size_t layer = 0;  // for every kind but InputShape
  Shape in;               // that layer's input shape
};
std::optional<SpecProblem> specProblem(const NetworkSpec& net);
void validateSpec(const NetworkSpec& net);
}  // namespace loupe::nn
