#pragma once
// The confident joint of confident learning (Northcutt et al., JAIR 2021, section 3.1): how many
// items given label i probably belong to class j, counted only where the model is confident.
// Probabilities must be out-of-sample (cross-validated), or every training label looks right.

#include <cstdint>
#include <vector>

namespace loupe::label_errors {

struct ConfidentJoint {
  int classes = 0;
  // t_j: the mean predicted probability of class j over the items given label j; an item counts
  // as confidently class j when p(j|x) >= t_j. A class nobody was given has threshold > 1, so
  // nothing is ever confidently in it.
  std::vector<double> thresholds;
  // classes x classes, row-major [given][confident]: C_{ỹ=i, y*=j}.
  std::vector<std::int64_t> counts;
  // The counts with each row rescaled to the number of items given label i (eq. 2 of the paper),
  // so the off-diagonal mass estimates the label errors. A row with no confident item keeps all
  // of its items on the diagonal (nothing is known against those labels).
  std::vector<double> calibrated;
  // Per item: the class it confidently belongs to (the most probable among the classes whose
  // threshold it reaches; a tie with the given label keeps it), or -1 when it reaches none.
  std::vector<int> confident;
  std::vector<std::int64_t> given;  // items given each label

  double at(int i, int j) const { return calibrated[static_cast<std::size_t>(i * classes + j)]; }
  std::int64_t countAt(int i, int j) const { return counts[static_cast<std::size_t>(i * classes + j)]; }
  // Sum of the calibrated off-diagonal entries: the estimated number of label errors.
  double estimatedErrors() const;
};

// Throws std::invalid_argument for a label out of range, a size mismatch or a probability that
// is not finite and in [0, 1].
void validateProbabilities(const std::vector<int>& labels, const std::vector<float>& probs, int classes);

// labels: the given label per item (0..classes-1). probs: labels.size() x classes, row-major.
// Throws like validateProbabilities.
ConfidentJoint confidentJoint(const std::vector<int>& labels, const std::vector<float>& probs, int classes);

}  // namespace loupe::label_errors
