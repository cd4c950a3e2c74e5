#pragma once
// Dawid & Skene (1979), Table 1: 45 patients, each rated for fitness for an operation on a
// four-point scale (1..4) by five anaesthetists; anaesthetist 1 rated every patient three times.
// The same table is in dallascard/dawid_skene (generate_sample_data), x-lin/consensusalgorithms
// (DawidSkeneAlgorithmTest.java) and R's rater package (`anesthesia`, whose row 20 is item 3,
// rater 4, rating 2, as here).

#include <array>

#include "core/consensus/consensus.h"

namespace loupe::test {

// Per patient: anaesthetist 1's three ratings, then anaesthetists 2, 3, 4 and 5.
inline constexpr std::array<std::array<int, 7>, 45> kAnaesthesia1979{{
    {1, 1, 1, 1, 1, 1, 1}, {3, 3, 3, 4, 3, 3, 4}, {1, 1, 2, 2, 1, 2, 2}, {2, 2, 2, 3, 1, 2, 1},
    {2, 2, 2, 3, 2, 2, 2}, {2, 2, 2, 3, 3, 2, 2}, {1, 2, 2, 2, 1, 1, 1}, {3, 3, 3, 3, 4, 3, 3},
    {2, 2, 2, 2, 2, 2, 3}, {2, 3, 2, 2, 2, 2, 3}, {4, 4, 4, 4, 4, 4, 4}, {2, 2, 2, 3, 3, 4, 3},
    {1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 3, 2, 1, 2}, {1, 2, 1, 1, 1, 1, 1}, {1, 1, 1, 2, 1, 1, 1},
    {1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 2, 2, 1}, {2, 2, 2, 1, 3, 2, 2},
    {2, 2, 2, 2, 2, 2, 2}, {2, 2, 2, 2, 2, 2, 1}, {2, 2, 2, 3, 2, 2, 2}, {2, 2, 1, 2, 2, 2, 2},
    {1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1}, {2, 3, 2, 2, 2, 2, 2}, {1, 1, 1, 1, 1, 1, 1},
    {1, 1, 1, 1, 1, 1, 1}, {1, 1, 2, 1, 1, 2, 1}, {1, 1, 1, 1, 1, 1, 1}, {3, 3, 3, 3, 2, 3, 3},
    {1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 2, 2, 2}, {2, 2, 2, 3, 2, 3, 2}, {4, 3, 3, 4, 3, 4, 3},
    {2, 2, 1, 2, 2, 3, 2}, {2, 3, 2, 3, 2, 3, 3}, {3, 3, 3, 3, 4, 3, 2}, {1, 1, 1, 1, 1, 1, 1},
    {1, 1, 1, 1, 1, 1, 1}, {1, 2, 1, 2, 1, 1, 1}, {2, 3, 2, 2, 2, 2, 2}, {1, 2, 1, 1, 1, 1, 1},
    {2, 2, 2, 2, 2, 2, 2},
}};

// The table as consensus input: classes 0..3 for ratings 1..4, labelers 0..4.
inline consensus::ConsensusInput anaesthesiaInput() {
  consensus::ConsensusInput in{.items = 45, .labelers = 5, .classes = 4, .ratings = {}};
  for (int patient = 0; patient < 45; ++patient) {
    const auto& row = kAnaesthesia1979[static_cast<std::size_t>(patient)];
    for (int column = 0; column < 7; ++column)
      in.ratings.push_back({.item = patient, .labeler = column < 3 ? 0 : column - 2, .label = row[static_cast<std::size_t>(column)] - 1});
  }
  return in;
}

}  // namespace loupe::test
