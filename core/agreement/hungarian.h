#pragma once
// Optimal one-to-one assignment (Kuhn-Munkres with potentials, O(n^2 m) for n <= m). Debian has
// no small, maintained C++ assignment library that fits core's dependency rules, so this is a
// clean implementation of the textbook shortest-augmenting-path form.

#include <vector>

namespace loupe::agreement {

// weights: rows × cols, row-major. Returns, for each row, the column assigned to it so that the
// sum of weights over assigned pairs is maximal, or -1 when the row is left out (rows > cols).
// Every row (or every column, if there are fewer) is assigned; callers drop pairs they deem
// invalid (weight 0) afterwards.
std::vector<int> maxWeightAssignment(const std::vector<double>& weights, int rows, int cols);

}  // namespace loupe::agreement
