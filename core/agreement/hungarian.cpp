#include "core/agreement/hungarian.h"

#include <limits>
#include <stdexcept>

namespace loupe::agreement {
namespace {

// Minimum-cost assignment of every row to a distinct column, rows <= cols. Potentials u (rows)
// and v (columns) keep reduced costs non-negative; each row is added by a Dijkstra-like search for
// the shortest augmenting path. Index 0 is a sentinel column, so arrays are 1-based.
std::vector<int> minCostRowsToCols(const std::vector<double>& cost, int n, int m) {
  const double inf = std::numeric_limits<double>::infinity();
  const auto sz = static_cast<std::size_t>(m) + 1;
  std::vector<double> u(static_cast<std::size_t>(n) + 1, 0.0), v(sz, 0.0);
  std::vector<int> rowOfCol(sz, 0), way(sz, 0);
  auto at = [&](int i, int j) { return cost[static_cast<std::size_t>(i - 1) * static_cast<std::size_t>(m) + static_cast<std::size_t>(j - 1)]; };
  for (int i = 1; i <= n; ++i) {
    rowOfCol[0] = i;
    int j0 = 0;
    std::vector<double> minv(sz, inf);
    std::vector<char> used(sz, 0);
    do {
      used[static_cast<std::size_t>(j0)] = 1;
      const int i0 = rowOfCol[static_cast<std::size_t>(j0)];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= m; ++j) {
        const auto js = static_cast<std::size_t>(j);
        if (used[js]) continue;
        const double cur = at(i0, j) - u[static_cast<std::size_t>(i0)] - v[js];
        if (cur < minv[js]) {
          minv[js] = cur;
          way[js] = j0;
        }
        if (minv[js] < delta) {
          delta = minv[js];
          j1 = j;
        }
      }
      for (int j = 0; j <= m; ++j) {
        const auto js = static_cast<std::size_t>(j);
        if (used[js]) {
          u[static_cast<std::size_t>(rowOfCol[js])] += delta;
          v[js] -= delta;
        } else {
          minv[js] -= delta;
        }
      }
      j0 = j1;
    } while (rowOfCol[static_cast<std::size_t>(j0)] != 0);
    do {  // flip the augmenting path
      const int j1 = way[static_cast<std::size_t>(j0)];
      rowOfCol[static_cast<std::size_t>(j0)] = rowOfCol[static_cast<std::size_t>(j1)];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> colOfRow(static_cast<std::size_t>(n), -1);
  for (int j = 1; j <= m; ++j)
    if (rowOfCol[static_cast<std::size_t>(j)] != 0) colOfRow[static_cast<std::size_t>(rowOfCol[static_cast<std::size_t>(j)] - 1)] = j - 1;
  return colOfRow;
}

}  // namespace

std::vector<int> maxWeightAssignment(const std::vector<double>& weights, int rows, int cols) {
  if (rows < 0 || cols < 0 || weights.size() != static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols))
    throw std::invalid_argument("assignment: weight matrix size does not match rows × cols");
  if (rows == 0 || cols == 0) return std::vector<int>(static_cast<std::size_t>(rows), -1);
  const auto r = static_cast<std::size_t>(rows), c = static_cast<std::size_t>(cols);
  if (rows <= cols) {
    std::vector<double> cost(weights.size());
    for (std::size_t i = 0; i < weights.size(); ++i) cost[i] = -weights[i];
    return minCostRowsToCols(cost, rows, cols);
  }
  // More rows than columns: assign columns to rows on the transposed matrix.
  std::vector<double> cost(weights.size());
  for (std::size_t i = 0; i < r; ++i)
    for (std::size_t j = 0; j < c; ++j) cost[j * r + i] = -weights[i * c + j];
  const auto rowOfCol = minCostRowsToCols(cost, cols, rows);
  std::vector<int> colOfRow(r, -1);
  for (std::size_t j = 0; j < c; ++j)
    if (rowOfCol[j] >= 0) colOfRow[static_cast<std::size_t>(rowOfCol[j])] = static_cast<int>(j);
  return colOfRow;
}

}  // namespace loupe::agreement
