#pragma once
// What a network costs on the board, computed from the spec alone: multiply-accumulates per
// inference, int8 parameter bytes (int8 weights + int32 biases, as TFLite stores them) and the
// activation arena of a ping-pong plan. The plan keeps two buffers and alternates them: layer i
// reads buffer i % 2 and writes buffer (i + 1) % 2, so the arena is the largest even-indexed
// activation plus the largest odd-indexed one (int8: one byte per element).

#include <cstddef>
#include <cstdint>

#include "core/nn/network_spec.h"

namespace loupe::nn {

std::int64_t multiplyAccumulates(const NetworkSpec& net);
std::size_t int8ParameterBytes(const NetworkSpec& net);
std::size_t pingPongArenaBytes(const NetworkSpec& net);

}  // namespace loupe::nn
