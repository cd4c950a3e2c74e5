#pragma once
// Pieces both demo projects draw their simulated people from: a uniform double from raw engine
// output (std::uniform_real_distribution's algorithm is implementation-defined, the engine's
// output is not, so the demo files are the same on every platform) and Fashion-MNIST's real
// class confusions.

#include <cstdint>
#include <random>
#include <string>

namespace loupe::storage::demo {

// Uniform in [0, 1).
double unit(std::mt19937_64& rng);
// Uniform integer in [lo, hi] (both inclusive).
int between(std::mt19937_64& rng, int lo, int hi);

// `truth`, or with probability baseError × the class's difficulty the class people mistake it
// for most (shirt / T-shirt / pullover / coat, the three kinds of footwear; trousers and bags are easy).
std::string simulateLabel(const std::string& truth, double baseError, std::mt19937_64& rng);

}  // namespace loupe::storage::demo
