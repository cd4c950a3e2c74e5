#include "core/quant/int8_runner.h"

#include <stdexcept>
#include <string>

#include "core/quant/quantize_multiplier.h"

namespace loupe::quant {

Int8Runner::Int8Runner(std::vector<std::uint8_t> blob) : blob_(std::move(blob)) {
  const loupe::runtime::Status s = model_.load(blob_.data(), blob_.size());
  if (s != loupe::runtime::Status::Ok) throw std::runtime_error(std::string("model blob: ") + loupe::runtime::statusName(s));
  arena_.resize((loupe::runtime::requiredArenaBytes(model_) + 3) / 4);
}

std::vector<std::int8_t> Int8Runner::run(const std::vector<std::int8_t>& input) {
  if (input.size() != std::size_t(model_.inputShape().size()))
    throw std::invalid_argument("int8 input has " + std::to_string(input.size()) + " values, the model expects " +
                                std::to_string(model_.inputShape().size()));
  std::vector<std::int8_t> out(std::size_t(model_.outputShape().size()));
  loupe::runtime::Interpreter interp(model_, reinterpret_cast<std::uint8_t*>(arena_.data()), arena_.size() * 4);
  const loupe::runtime::Status s = interp.invoke(input.data(), out.data());
  if (s != loupe::runtime::Status::Ok) throw std::runtime_error(std::string("int8 runtime: ") + loupe::runtime::statusName(s));
  return out;
}

std::vector<std::int8_t> Int8Runner::runFloat(const Tensor& input) {
  const QuantParams q{model_.inputScale(), model_.inputZeroPoint()};
  std::vector<std::int8_t> in(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) in[i] = quantizeValue(input[i], q);
  return run(in);
}

std::vector<float> Int8Runner::dequantize(const std::vector<std::int8_t>& output) const {
  const QuantParams q{model_.outputScale(), model_.outputZeroPoint()};
  std::vector<float> out(output.size());
  for (std::size_t i = 0; i < output.size(); ++i) out[i] = dequantizeValue(output[i], q);
  return out;
}

}  // namespace loupe::quant
