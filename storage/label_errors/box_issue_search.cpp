#include "storage/label_errors/box_issue_search.h"

#include <algorithm>
#include <stdexcept>

#include "storage/analysis_reads.h"
#include "storage/training/training_data.h"

namespace loupe::storage {

BoxIssueOutcome findBoxIssues(const storage::Project& project, const BoxIssueRequest& request) {
  const Labeler labeler = chooseLabeler(project, request.labeler);
  if (request.model.empty()) throw std::invalid_argument("name the detector whose boxes to check against (--model)");
  const auto table = loadEvalTable(project, {.model = request.model,
                                             .reference = labeler.name,
                                             .facets = std::vector<std::string>{},
                                             .humans = false});
  if (table.task != analysis::TaskKind::Detection)
    throw std::invalid_argument("labeler '" + labeler.name + "' drew no boxes; box issues need boxes");

  BoxIssueOutcome out;
  out.labeler = labeler.name;
  out.model = request.model;
  std::vector<FoundBoxImage> flagged;
  std::vector<Id> flaggedIds;
  for (std::size_t row = 0; row < table.rows(); ++row) {
    if (!table.model.hasLabel(row) || !table.reference.hasLabel(row)) continue;
    ++out.images;
    const auto& given = table.reference.boxes[row];
    const auto& predicted = table.model.boxes[row];
    const auto found = label_errors::findBoxIssues(given, predicted, request.options);
    if (found.issues.empty()) continue;
    FoundBoxImage image{.itemId = table.itemIds[row], .item = {}, .score = found.score, .issues = {}};
    for (const auto& i : found.issues) {
      FoundBoxIssue issue{.kind = std::string(label_errors::toString(i.kind)), .iou = i.iou, .score = i.score};
      if (i.given >= 0) {
        const auto& g = given[static_cast<std::size_t>(i.given)];
        issue.given = g.box;
        issue.givenClass = table.classes[static_cast<std::size_t>(g.cls)];
      }
      if (i.predicted >= 0) {
        const auto& p = predicted[static_cast<std::size_t>(i.predicted)];
        issue.predicted = p.box;
        issue.predictedClass = table.classes[static_cast<std::size_t>(p.cls)];
        issue.predictedScore = p.score;
      }
      image.issues.push_back(std::move(issue));
    }
    flaggedIds.push_back(image.itemId);
    flagged.push_back(std::move(image));
  }
  if (out.images == 0)
    throw std::invalid_argument("model '" + request.model + "' has no predictions on the images '" + labeler.name +
                                "' labelled");
  const auto records = project.items().byIds(flaggedIds);
  for (std::size_t k = 0; k < flagged.size() && k < records.size(); ++k) flagged[k].item = records[k].item.name;
  std::stable_sort(flagged.begin(), flagged.end(), [](const FoundBoxImage& a, const FoundBoxImage& b) { return a.score > b.score; });
  out.flagged = std::move(flagged);
  return out;
}

}  // namespace loupe::storage
