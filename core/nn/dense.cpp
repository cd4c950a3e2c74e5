#include "core/nn/dense.h"

#include "core/nn/activation.h"
#include "core/nn/tensor.h"

namespace loupe::nn {

DenseLayer::DenseLayer(const LayerSpec& spec, const Shape& in) : Layer(in, loupe::nn::outputShape(in, spec)) {}

void DenseLayer::forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch&) const {
  const int inSize = inputShape().size();
  const int outSize = outputShape().size();
  ConstMatrixMap x(in, n, inSize);
  ConstMatrixMap w(spec.weights.data(), outSize, inSize);
  MatrixMap y(out, n, outSize);
  y.noalias() = x * w.transpose();
  y.rowwise() += ConstVectorMap(spec.bias.data(), outSize).transpose();
  applyActivation(spec.activation, out, static_cast<std::size_t>(n) * outSize);
}

void DenseLayer::backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n,
                          float* dW, float* dB, LayerScratch&) const {
  const int inSize = inputShape().size();
  const int outSize = outputShape().size();
  maskActivationGradient(spec.activation, out, dOut, static_cast<std::size_t>(n) * outSize);
  ConstMatrixMap g(dOut, n, outSize);
  ConstMatrixMap x(in, n, inSize);
  MatrixMap(dW, outSize, inSize).noalias() += g.transpose() * x;
  VectorMap(dB, outSize) += g.colwise().sum().transpose();
  if (dIn) MatrixMap(dIn, n, inSize).noalias() = g * ConstMatrixMap(spec.weights.data(), outSize, inSize);
}

}  // namespace loupe::nn
