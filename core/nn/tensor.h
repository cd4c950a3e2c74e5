#pragma once
// Eigen views over the flat float buffers the layers pass around. A batch of activations is
// sample-major and each sample is HWC (the NetworkSpec layout), so a batch of n samples of shape
// (h, w, c) is also a row-major [n*h*w][c] matrix: convolutions become one GEMM per batch.

#include <Eigen/Core>

namespace loupe::nn {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<RowMatrix>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;
using VectorMap = Eigen::Map<Eigen::VectorXf>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXf>;

}  // namespace loupe::nn
