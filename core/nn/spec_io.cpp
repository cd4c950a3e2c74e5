#include "core/nn/spec_io.h"

#include <nlohmann/json.hpp>

#include <bit>
#include <cstring>
#include <stdexcept>

#include "core/nn/network.h"

namespace loupe::nn {
namespace {

static_assert(std::endian::native == std::endian::little, "the blob format is little-endian");
constexpr char kMagic[8] = {'L', 'O', 'U', 'P', 'E', 'N', 'N', '1'};

constexpr std::string_view kTypes[] = {"conv2d", "depthwise_conv2d", "average_pool2d", "max_pool2d", "dense", "softmax"};
constexpr std::string_view kPaddings[] = {"valid", "same"};
constexpr std::string_view kActivations[] = {"none", "relu", "relu6"};

template <typename Enum, std::size_t N>
Enum parseEnum(const std::string_view (&names)[N], const std::string& text, const std::string& field) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  throw std::invalid_argument("model header: " + field + ": unknown value '" + text + "'");
}

void appendFloats(std::vector<std::uint8_t>& out, const std::vector<float>& v) {
  const std::size_t at = out.size();
  out.resize(at + v.size() * sizeof(float));
  if (!v.empty()) std::memcpy(out.data() + at, v.data(), v.size() * sizeof(float));
}

}  // namespace

std::string_view toString(LayerType t) { return kTypes[static_cast<int>(t)]; }
std::string_view toString(Padding p) { return kPaddings[static_cast<int>(p)]; }
std::string_view toString(Activation a) { return kActivations[static_cast<int>(a)]; }

std::vector<std::uint8_t> serializeNetwork(const NetworkSpec& net) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : net.layers)
    layers.push_back({{"type", toString(l.type)},
                      {"kernel", {l.kernelH, l.kernelW}},
                      {"stride", {l.strideH, l.strideW}},
                      {"padding", toString(l.padding)},
                      {"out_channels", l.outChannels},
                      {"depth_multiplier", l.depthMultiplier},
                      {"activation", toString(l.activation)},
                      {"weights", l.weights.size()},
                      {"bias", l.bias.size()}});
  const nlohmann::json header = {{"format", "loupe-nn"},
                                 {"version", 1},
                                 {"arch", net.arch},
                                 {"input", {net.input.h, net.input.w, net.input.c}},
                                 {"classes", net.classes},
                                 {"layers", layers}};
  const std::string text = header.dump();
  std::vector<std::uint8_t> out(kMagic, kMagic + sizeof kMagic);
  const auto length = static_cast<std::uint32_t>(text.size());
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
  out.insert(out.end(), text.begin(), text.end());
  for (const auto& l : net.layers) {
    appendFloats(out, l.weights);
    appendFloats(out, l.bias);
  }
  return out;
}

NetworkSpec deserializeNetwork(const std::vector<std::uint8_t>& blob) {
  if (blob.size() < 12 || std::memcmp(blob.data(), kMagic, sizeof kMagic) != 0)
    throw std::invalid_argument("model blob: not a Loupe network (bad magic)");
  std::uint32_t length = 0;
  for (int i = 0; i < 4; ++i) length |= static_cast<std::uint32_t>(blob[8 + static_cast<std::size_t>(i)]) << (8 * i);
  if (blob.size() - 12 < length) throw std::invalid_argument("model blob: header truncated");
  const std::string text(blob.begin() + 12, blob.begin() + 12 + length);
  NetworkSpec net;
  std::size_t at = 12 + length;
  try {
    const auto h = nlohmann::json::parse(text);
    net.arch = h.at("arch").get<std::string>();
    const auto input = h.at("input").get<std::vector<int>>();
    if (input.size() != 3) throw std::invalid_argument("model header: input: expected [h, w, c]");
    net.input = {input[0], input[1], input[2]};
    net.classes = h.at("classes").get<std::vector<std::string>>();
    for (std::size_t i = 0; i < h.at("layers").size(); ++i) {
      const auto& j = h["layers"][i];
      const std::string field = "layers[" + std::to_string(i) + "]";
      LayerSpec l;
      l.type = parseEnum<LayerType>(kTypes, j.at("type").get<std::string>(), field + ".type");
      const auto kernel = j.at("kernel").get<std::vector<int>>();
      const auto stride = j.at("stride").get<std::vector<int>>();
      if (kernel.size() != 2 || stride.size() != 2)
        throw std::invalid_argument("model header: " + field + ": kernel and stride need two values");
      l.kernelH = kernel[0], l.kernelW = kernel[1], l.strideH = stride[0], l.strideW = stride[1];
      l.padding = parseEnum<Padding>(kPaddings, j.at("padding").get<std::string>(), field + ".padding");
      l.outChannels = j.at("out_channels").get<int>();
      l.depthMultiplier = j.at("depth_multiplier").get<int>();
      l.activation = parseEnum<Activation>(kActivations, j.at("activation").get<std::string>(), field + ".activation");
      const auto weights = j.at("weights").get<std::size_t>();
      const auto bias = j.at("bias").get<std::size_t>();
      const std::size_t bytes = (weights + bias) * sizeof(float);
      if (weights > blob.size() || bias > blob.size() || blob.size() - at < bytes)
        throw std::invalid_argument("model blob: " + field + ": parameters truncated");
      l.weights.resize(weights);
      l.bias.resize(bias);
      if (weights) std::memcpy(l.weights.data(), blob.data() + at, weights * sizeof(float));
      at += weights * sizeof(float);
      if (bias) std::memcpy(l.bias.data(), blob.data() + at, bias * sizeof(float));
      at += bias * sizeof(float);
      net.layers.push_back(std::move(l));
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("model header: ") + e.what());
  }
  if (at != blob.size()) throw std::invalid_argument("model blob: " + std::to_string(blob.size() - at) + " trailing bytes");
  Network check(net);  // throws on shapes or parameter counts that do not fit
  return net;
}

}  // namespace loupe::nn
