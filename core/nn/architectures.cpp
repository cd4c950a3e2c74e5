#include "core/nn/architectures.h"

#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/nn/init.h"

namespace loupe::nn {
namespace {

LayerSpec conv(int k, int stride, int out, Activation act) {
  return {.type = LayerType::Conv2D, .kernelH = k, .kernelW = k, .strideH = stride, .strideW = stride,
          .padding = Padding::Same, .outChannels = out, .activation = act};
}
LayerSpec depthwise(int stride) {
  return {.type = LayerType::DepthwiseConv2D, .kernelH = 3, .kernelW = 3, .strideH = stride, .strideW = stride,
          .padding = Padding::Same, .activation = Activation::ReLU6};
}
LayerSpec maxPool2() {
  return {.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2};
}
LayerSpec dense(int out, Activation act) { return {.type = LayerType::Dense, .outChannels = out, .activation = act}; }
LayerSpec softmaxLayer() { return {.type = LayerType::Softmax}; }

// ~55 KB of int8 weights, ~1.07 M MACs at 28x28: two conv/pool stages and a small dense head.
NetworkSpec fmnistCnn(const Shape& input, const std::vector<std::string>& classes) {
  return {.arch = "fmnist-cnn",
          .input = input,
          .classes = classes,
          .layers = {conv(3, 1, 16, Activation::ReLU), maxPool2(), conv(3, 1, 32, Activation::ReLU), maxPool2(),
                     dense(32, Activation::ReLU), dense(static_cast<int>(classes.size()), Activation::None),
                     softmaxLayer()}};
}

// fmnist-cnn with a 16-wide dense layer: the 7x7x32 -> dense weights are most of fmnist-cnn's
// bytes, and halving them gives a ~32 KB int8 blob with 10 classes (the board's flash slot holds
// 128 KB; this architecture dates from its 48 KB RAM slots, and stays the small default).
NetworkSpec board28Cnn(const Shape& input, const std::vector<std::string>& classes) {
  NetworkSpec net = fmnistCnn(input, classes);
  net.arch = "board28-cnn";
  net.layers[4].outChannels = 16;
  return net;
}

// MobileNet-style depthwise-separable stack for the board: a strided stem, then
// (depthwise 3x3 + pointwise 1x1) blocks halving the resolution while widening, a global average
// pool and a dense classifier. At 96x96x1: ~20 KB int8 weights, 54 KB ping-pong arena.
NetworkSpec nano96Dscnn(const Shape& input, const std::vector<std::string>& classes) {
  NetworkSpec net{.arch = "nano96-dscnn", .input = input, .classes = classes, .layers = {}};
  net.layers.push_back(conv(3, 2, 8, Activation::ReLU6));
  const int widths[] = {16, 32, 32, 64, 64, 128};
  const int strides[] = {1, 2, 1, 2, 1, 2};
  for (int b = 0; b < 6; ++b) {
    net.layers.push_back(depthwise(strides[b]));
    net.layers.push_back(conv(1, 1, widths[b], Activation::ReLU6));
  }
  const Shape last = activationShapes(net).back();
  net.layers.push_back({.type = LayerType::AveragePool2D, .kernelH = last.h, .kernelW = last.w,
                        .strideH = last.h, .strideW = last.w});
  net.layers.push_back(dense(static_cast<int>(classes.size()), Activation::None));
  net.layers.push_back(softmaxLayer());
  return net;
}

// FOMO-style centroid grid detector: nano96-dscnn's depthwise-separable backbone cut after its
// second stride-2 block (1/8 resolution: 12 x 12 cells at 96 x 96), one more 64-wide block for
// context, and a 1 x 1 convolution head with one channel per class plus background, softmax per
// cell. At 96 x 96 x 1 with 3 classes: ~17 KB int8 (16 176 parameter bytes), a 54 KB ping-pong
// arena (36 864 + 18 432), 3.48 M MACs.
NetworkSpec fomoDetector(const Shape& input, const std::vector<std::string>& classes) {
  NetworkSpec net{.arch = "fomo96-det", .input = input, .classes = classes, .layers = {}};
  net.layers.push_back(conv(3, 2, 8, Activation::ReLU6));
  const int widths[] = {16, 32, 32, 64, 64, 64};
  const int strides[] = {1, 2, 1, 2, 1, 1};
  for (int b = 0; b < 6; ++b) {
    net.layers.push_back(depthwise(strides[b]));
    net.layers.push_back(conv(1, 1, widths[b], Activation::ReLU6));
  }
  net.layers.push_back(conv(1, 1, static_cast<int>(classes.size()) + 1, Activation::None));
  net.layers.push_back(softmaxLayer());
  return net;
}

Architecture detectorAt(const std::string& name, int width, int height) {
  return {name,
          "FOMO-style centroid grid detector, " + std::to_string(width) + "x" + std::to_string(height) +
              " grayscale, " + std::to_string(width / 8) + "x" + std::to_string(height / 8) + " cells",
          {height, width, 1},
          [name](const Shape& in, const std::vector<std::string>& classes) {
            NetworkSpec net = fomoDetector(in, classes);
            net.arch = name;
            return net;
          },
          true};
}

// "fomo-det-<W>x<H>" -> (W, H), or (0, 0) when the name is not of that form or out of range.
std::pair<int, int> parseDetectorSize(const std::string& name) {
  const std::string prefix = "fomo-det-";
  if (name.rfind(prefix, 0) != 0) return {0, 0};
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(name.c_str() + prefix.size(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x') return {0, 0};
  if (w < 16 || h < 16 || w > 640 || h > 640 || w % 8 || h % 8) return {0, 0};
  if (name != prefix + std::to_string(w) + "x" + std::to_string(h)) return {0, 0};
  return {w, h};
}

}  // namespace

const std::vector<Architecture>& architectures() {
  static const std::vector<Architecture> kAll = {
      {"fmnist-cnn", "28x28 grayscale CNN: conv16-pool-conv32-pool-dense32 (Fashion-MNIST)", {28, 28, 1}, fmnistCnn},
      {"board28-cnn", "28x28 grayscale CNN sized for the board: conv16-pool-conv32-pool-dense16", {28, 28, 1},
       board28Cnn},
      {"nano96-dscnn", "96x96 grayscale depthwise-separable CNN for the Nano 33 BLE Sense", {96, 96, 1}, nano96Dscnn},
      detectorAt("fomo96-det", 96, 96),
      detectorAt("fomo160x120-det", 160, 120),
  };
  return kAll;
}

const Architecture& architecture(const std::string& name) {
  std::string known;
  for (const auto& a : architectures()) {
    if (a.name == name) return a;
    known += (known.empty() ? "" : ", ") + a.name;
  }
  if (const auto [w, h] = parseDetectorSize(name); w > 0) {
    // Built on first use and kept, so the reference stays valid like the registry's.
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Architecture>> sized;
    const std::lock_guard lock(mutex);
    auto& slot = sized[name];
    if (!slot) slot = std::make_unique<Architecture>(detectorAt(name, w, h));
    return *slot;
  }
  throw std::invalid_argument("unknown architecture '" + name + "' (known: " + known +
                              ", fomo-det-<W>x<H> with W, H multiples of 8 in 16..640)");
}

const Architecture& defaultDetectorArchitecture() { return architecture("fomo96-det"); }

bool isDetector(const NetworkSpec& net) {
  if (net.layers.empty()) return false;
  const Shape out = activationShapes(net).back();
  return out.h * out.w > 1;
}

const Architecture& defaultArchitecture(int imageWidth, int imageHeight) {
  return architecture(imageWidth <= 48 && imageHeight <= 48 ? "board28-cnn" : "nano96-dscnn");
}

NetworkSpec buildInitialised(const Architecture& arch, const std::vector<std::string>& classes, std::uint64_t seed) {
  // A detector's background is a class of its own, so one object class is enough.
  if (classes.size() < (arch.detector ? 1u : 2u)) throw std::invalid_argument("training needs at least two classes");
  NetworkSpec net = arch.build(arch.input, classes);
  initialiseParameters(net, seed);
  return net;
}

}  // namespace loupe::nn
