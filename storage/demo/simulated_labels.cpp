#include "storage/demo/simulated_labels.h"

#include <map>
#include <utility>
#include <vector>

namespace loupe::storage::demo {
namespace {

// How often each class is mislabelled relative to the labeler's base error rate, and what it
// is mistaken for. Upper-body garments are the classic Fashion-MNIST confusions (shirt vs
// T-shirt vs pullover vs coat), then the three kinds of footwear; trousers and bags are easy.
struct Confusion {
  double difficulty;
  std::vector<std::pair<const char*, double>> mistakenFor;
};

const std::map<std::string, Confusion>& confusions() {
  static const std::map<std::string, Confusion> table{
      {"T-shirt/top", {2.0, {{"Shirt", 0.6}, {"Pullover", 0.2}, {"Dress", 0.2}}}},
      {"Trouser", {0.3, {{"Dress", 1.0}}}},
      {"Pullover", {2.2, {{"Coat", 0.5}, {"Shirt", 0.4}, {"T-shirt/top", 0.1}}}},
      {"Dress", {1.2, {{"T-shirt/top", 0.4}, {"Coat", 0.3}, {"Shirt", 0.3}}}},
      {"Coat", {2.2, {{"Pullover", 0.6}, {"Shirt", 0.4}}}},
      {"Sandal", {0.8, {{"Sneaker", 0.7}, {"Ankle boot", 0.3}}}},
      {"Shirt", {3.0, {{"T-shirt/top", 0.45}, {"Pullover", 0.3}, {"Coat", 0.25}}}},
      {"Sneaker", {0.8, {{"Sandal", 0.6}, {"Ankle boot", 0.4}}}},
      {"Bag", {0.4, {{"Pullover", 0.5}, {"Sandal", 0.5}}}},
      {"Ankle boot", {0.7, {{"Sneaker", 0.7}, {"Sandal", 0.3}}}},
  };
  return table;
}

}  // namespace

double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

int between(std::mt19937_64& rng, int lo, int hi) {
  return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

std::string simulateLabel(const std::string& truth, double baseError, std::mt19937_64& rng) {
  const Confusion& c = confusions().at(truth);
  if (unit(rng) >= baseError * c.difficulty) return truth;
  double pick = unit(rng);
  for (const auto& [other, weight] : c.mistakenFor) {
    if (pick < weight) return other;
    pick -= weight;
  }
  return c.mistakenFor.back().first;
}

}  // namespace loupe::storage::demo
