#include "storage/label_errors/label_issue_search.h"

#include <algorithm>
#include <stdexcept>

#include "core/label_errors/folds.h"
#include "core/nn/architectures.h"
#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "storage/training/model_training.h"
#include "storage/training/training_common.h"
#include "storage/training/training_data.h"

namespace loupe::storage {
namespace {

std::vector<Split> splitsOf(const LabelIssueRequest& request) {
  if (request.split) return {*request.split};
  return {Split::Train, Split::Val, Split::Test, Split::Unassigned};
}

// Every item the labeler gave an image label to, whatever its split: a wrong label hurts in
// the test split as much as in training.
SplitImages loadAllLabelled(const storage::Project& project, const std::vector<Split>& splits, Id labelerId,
                            const std::vector<std::string>& classes, const nn::Shape& input, const Progress& progress) {
  SplitImages all;
  all.images.shape = input;
  for (Split split : splits) {
    auto part = loadLabelledSplit(project, split, labelerId, classes, input, progress);
    all.images.pixels.insert(all.images.pixels.end(), part.images.pixels.begin(), part.images.pixels.end());
    all.images.labels.insert(all.images.labels.end(), part.images.labels.begin(), part.images.labels.end());
    all.itemIds.insert(all.itemIds.end(), part.itemIds.begin(), part.itemIds.end());
  }
  return all;
}

nn::ImageSet subset(const nn::ImageSet& from, const std::vector<int>& indices) {
  nn::ImageSet out;
  out.shape = from.shape;
  const auto size = static_cast<std::size_t>(from.shape.size());
  out.pixels.reserve(indices.size() * size);
  for (int i : indices) {
    out.pixels.insert(out.pixels.end(), from.image(i), from.image(i) + size);
    out.labels.push_back(from.labels[static_cast<std::size_t>(i)]);
  }
  return out;
}

Progress prefixed(const Progress& progress, const std::string& prefix) {
  Progress out;
  out.cancel = progress.cancel;
  if (progress.report)
    out.report = [report = progress.report, prefix](std::int64_t done, std::int64_t total, const std::string& stage) {
      report(done, total, prefix + stage);
    };
  return out;
}

// Out-of-fold probabilities: each item scored by the model that did not train on it.
std::vector<float> crossValidatedProbabilities(const storage::Project& project, const SplitImages& data,
                                               const nn::Architecture& arch, const std::vector<std::string>& classes,
                                               const LabelIssueRequest& request, LabelIssueOutcome& out,
                                               const Progress& progress) {
  std::vector<std::string> groups;
  groups.reserve(data.itemIds.size());
  for (const auto& record : project.items().byIds(data.itemIds)) groups.push_back(record.item.groupKey);
  if (groups.size() != data.itemIds.size()) throw std::runtime_error("items changed while reading them");
  const auto fold = label_errors::assignFolds(data.images.labels, groups, request.folds, request.options.seed);

  const auto K = classes.size();
  std::vector<float> probs(data.itemIds.size() * K, 0.0f);
  double seconds = 0.0;
  int epochs = 0;
  for (int f = 0; f < request.folds; ++f) {
    std::vector<int> trainIdx, heldIdx;
    for (std::size_t i = 0; i < fold.size(); ++i) (fold[i] == f ? heldIdx : trainIdx).push_back(static_cast<int>(i));
    const auto stage = prefixed(progress, "fold " + std::to_string(f + 1) + "/" + std::to_string(request.folds) + ": ");
    nn::TrainOptions options = request.options;
    options.seed = request.options.seed + static_cast<std::uint64_t>(f);
    auto result = nn::train(nn::buildInitialised(arch, classes, options.seed), subset(data.images, trainIdx),
                            nn::ImageSet{.shape = arch.input, .pixels = {}, .labels = {}}, options, stage);
    for (const auto& e : result.curve) seconds += e.seconds;
    epochs += static_cast<int>(result.curve.size());
    const auto held = nn::predict(nn::Network(result.network), subset(data.images, heldIdx), options.threads, stage);
    for (std::size_t h = 0; h < heldIdx.size(); ++h)
      std::copy_n(held.begin() + static_cast<std::ptrdiff_t>(h * K), K,
                  probs.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(heldIdx[h]) * K));
  }
  out.meanEpochSeconds = epochs > 0 ? seconds / epochs : 0.0;
  return probs;
}

}  // namespace

LabelIssueOutcome findLabelIssues(const storage::Project& project, const LabelIssueRequest& request,
                                  const Progress& progress) {
  const Labeler labeler = chooseLabeler(project, request.labeler);
  LabelIssueOutcome out;
  out.labeler = labeler.name;

  SplitImages data;
  std::vector<float> probs;
  if (!request.model.empty()) {
    const auto stored = loadStoredNetwork(project, request.model);
    if (nn::isDetector(stored.network))
      throw std::invalid_argument("model '" + request.model + "' is a detector; label issues need a classifier");
    out.source = "model";
    out.model = request.model;
    out.classes = stored.network.classes;
    data = loadAllLabelled(project, splitsOf(request), labeler.id, out.classes, stored.network.input, progress);
    probs = nn::predict(nn::Network(stored.network), data.images, request.options.threads, progress);
  } else {
    if (request.folds < 2) throw std::invalid_argument("--folds must be at least 2");
    const auto [width, height] = typicalImageSize(project, labeler.id, splitsOf(request));
    if (width == 0) throw std::invalid_argument("labeler '" + labeler.name + "' gave no image labels to items with media");
    const nn::Architecture& arch = request.arch.empty() ? nn::defaultArchitecture(width, height) : nn::architecture(request.arch);
    if (arch.detector) throw std::invalid_argument("architecture '" + arch.name + "' is a detector; label issues need a classifier");
    out.source = "cross_validation";
    out.arch = arch.name;
    out.folds = request.folds;
    out.classes = classNames(project);
    data = loadAllLabelled(project, splitsOf(request), labeler.id, out.classes, arch.input, progress);
    if (data.itemIds.size() < static_cast<std::size_t>(request.folds))
      throw std::invalid_argument(std::to_string(data.itemIds.size()) + " labelled items cannot fill " +
                                  std::to_string(request.folds) + " folds");
    probs = crossValidatedProbabilities(project, data, arch, out.classes, request, out, progress);
  }
  if (data.itemIds.empty()) throw std::invalid_argument("labeler '" + labeler.name + "' gave no image labels to items with media");

  const int classes = static_cast<int>(out.classes.size());
  auto found = label_errors::findLabelIssues(data.images.labels, probs, classes, request.ranking);
  out.items = static_cast<int>(data.itemIds.size());
  std::vector<Id> flaggedIds;
  for (const auto& issue : found.issues) flaggedIds.push_back(data.itemIds[static_cast<std::size_t>(issue.index)]);
  const auto records = project.items().byIds(flaggedIds);
  for (std::size_t k = 0; k < found.issues.size(); ++k) {
    const auto& issue = found.issues[k];
    out.issues.push_back({.itemId = flaggedIds[k],
                          .item = k < records.size() ? records[k].item.name : std::string(),
                          .given = out.classes[static_cast<std::size_t>(issue.given)],
                          .suggested = out.classes[static_cast<std::size_t>(issue.suggested)],
                          .score = issue.score});
  }
  out.joint = std::move(found.joint);
  out.itemIds = std::move(data.itemIds);
  out.labels = std::move(data.images.labels);
  out.probabilities = std::move(probs);
  return out;
}

}  // namespace loupe::storage
