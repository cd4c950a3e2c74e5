#pragma once
// Dawid & Skene (1979), "Maximum Likelihood Estimation of Observer Error-Rates Using the EM
// Algorithm", Applied Statistics 28(1): every labeler has a confusion matrix (the probability of
// each label given the true class), the classes a prior; EM estimates both and each item's
// posterior over the true class, starting, as the paper does, from the vote shares (eq. 3.1).

#include "core/consensus/consensus.h"

namespace loupe::consensus {

struct DawidSkeneOptions {
  int maxIterations = 500;
  // Converged when no prior or confusion entry moved by more than this in an iteration, or the
  // log-likelihood changed by less than `logLikelihoodTolerance` of itself.
  double parameterTolerance = 1e-7;
  double logLikelihoodTolerance = 1e-12;
  // Added to every confusion cell and prior entry before normalising, so a label a labeler never
  // gave for a class has a tiny probability, not 0: no log(0), no 0/0, and one unusual rating
  // cannot veto a class outright. Small enough that the paper's example gives its published
  // maximum-likelihood estimates. Must be positive.
  double pseudoCount = 1e-6;
};

// label: the most probable class (lowest index on a tie); posterior: P(true class | ratings);
// prior and confusion: the estimates; accuracy: sum_k prior_k * confusion[k][k], the probability
// that the labeler labels a random item correctly (the paper's "probability of a correct
// allocation"); iterations, converged and logLikelihood as EM ended. Throws what validate() throws,
// and std::invalid_argument for bad options.
ConsensusResult dawidSkene(const ConsensusInput& input, const DawidSkeneOptions& options = {});

}  // namespace loupe::consensus
