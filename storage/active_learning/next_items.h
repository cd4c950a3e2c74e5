#pragma once
// The items a labeler should label next: unlabelled by them, in id order or most uncertain first.

#include <optional>
#include <string>
#include <vector>

#include "core/active_learning/uncertainty.h"
#include "core/domain/progress.h"
#include "storage/project.h"

namespace loupe::storage {

enum class NextOrder { List, Uncertainty };

struct NextRequest {
  std::string labeler;  // required: "unlabelled" means by this labeler
  NextOrder order = NextOrder::List;
  std::string model;  // uncertainty order: this stored classifier (empty: the newest one)
  active_learning::Uncertainty measure = active_learning::Uncertainty::Margin;
  // Spread the order over the classes the model predicts: the most uncertain item of each
  // predicted class first, then the second of each, and so on (each round by uncertainty).
  // Without it a batch of the most uncertain items is often one confusion over and over (on
  // Fashion-MNIST, 281 of 500 picks were bags the model took for pullovers), and a model trained
  // on such batches loses the other classes.
  bool balanceClasses = true;
  std::size_t count = 10;
  std::optional<Split> split;
  int threads = 0;
};

struct NextItem {
  Id itemId = 0;
  std::string item;
  std::optional<double> score;  // the uncertainty; none in list order
  std::string predicted;        // the model's class (uncertainty order)
};

struct NextItems {
  std::string model;  // the classifier that scored them (uncertainty order)
  std::vector<NextItem> items;
};

// Throws std::invalid_argument for an unknown labeler or model, or when uncertainty order is
// asked and no classifier is stored. Items without media cannot be scored and come last, in
// id order. Reads only.
NextItems nextItems(const storage::Project& project, const NextRequest& request, const Progress& progress = {});

// The name of the newest stored classifier (not a detector), if any.
std::optional<std::string> newestClassifier(const storage::Project& project);

}  // namespace loupe::storage
