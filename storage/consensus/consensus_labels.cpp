#include "storage/consensus/consensus_labels.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <unordered_map>

namespace loupe::storage {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

std::vector<Labeler> chooseLabelers(const Project& project, const std::vector<std::string>& names) {
  const auto all = project.labelers().all();
  std::vector<Labeler> chosen;
  if (names.empty()) {
    std::copy_if(all.begin(), all.end(), std::back_inserter(chosen), [](const Labeler& l) { return l.kind == LabelerKind::Human; });
  } else {
    for (const auto& name : names) {
      const auto l = project.labelers().byName(name);
      if (!l) {
        std::vector<std::string> known;
        for (const auto& k : all) known.push_back(k.name);
        throw std::invalid_argument("unknown labeler '" + name + "' (the project has: " + joined(known) + ")");
      }
      if (std::none_of(chosen.begin(), chosen.end(), [&](const Labeler& c) { return c.id == l->id; })) chosen.push_back(*l);
    }
  }
  if (chosen.size() < 2) {
    std::vector<std::string> have;
    for (const auto& l : chosen) have.push_back(l.name);
    throw std::invalid_argument("consensus needs at least two labelers (" +
                                std::string(names.empty() ? "human labelers: " : "given: ") + joined(have) +
                                "); name them with --labelers");
  }
  return chosen;
}

}  // namespace

std::string defaultConsensusName(consensus::Method method) { return "consensus-" + std::string(consensus::toString(method)); }

ConsensusOutcome writeConsensus(Project& project, const ConsensusRequest& request) {
  Project::Transaction tx(project);
  ConsensusOutcome out;
  out.method = request.method;
  out.labeler = request.name.empty() ? defaultConsensusName(request.method) : request.name;
  if (const auto existing = project.labelers().byName(out.labeler); existing && existing->kind != LabelerKind::Consensus)
    throw std::invalid_argument("labeler '" + out.labeler + "' exists and is of kind " +
                                std::string(toString(existing->kind)) + ", not consensus; choose another --name");
  const auto chosen = chooseLabelers(project, request.labelers);
  for (const auto& l : chosen) {
    out.labelers.push_back(l.name);
    if (l.name == out.labeler)
      throw std::invalid_argument("labeler '" + out.labeler + "' is one of the labelers combined; choose another --name");
  }

  const auto classes = project.classes().all();
  std::unordered_map<Id, int> classIndex, labelerIndex, itemIndex;
  for (const auto& c : classes) {
    classIndex.emplace(c.id, static_cast<int>(out.classes.size()));
    out.classes.push_back(c.name);
  }
  for (std::size_t l = 0; l < chosen.size(); ++l) labelerIndex.emplace(chosen[l].id, static_cast<int>(l));
  consensus::ConsensusInput input{.items = 0, .labelers = static_cast<int>(chosen.size()),
                                  .classes = static_cast<int>(classes.size()), .ratings = {}};
  project.reads().forEachImageLabel([&](const ImageLabelRow& row) {
    const auto labeler = labelerIndex.find(row.labelerId);
    if (labeler == labelerIndex.end()) return;
    const auto [item, added] = itemIndex.emplace(row.itemId, static_cast<int>(out.items.size()));
    if (added) out.items.push_back(row.itemId);
    input.ratings.push_back({.item = item->second, .labeler = labeler->second, .label = classIndex.at(row.classId)});
  });
  if (input.ratings.empty())
    throw std::invalid_argument("no image labels by " + joined(out.labelers) +
                                " to combine (consensus combines image labels, not boxes)");
  input.items = static_cast<int>(out.items.size());
  out.result = consensus::estimate(request.method, input);

  const Labeler target = project.labelers().ensure(out.labeler, LabelerKind::Consensus);
  std::vector<Annotation> labels;
  labels.reserve(out.items.size());
  for (std::size_t i = 0; i < out.items.size(); ++i) {
    const auto cls = static_cast<std::size_t>(out.result.label[i]);
    labels.push_back({.itemId = out.items[i],
                      .labelerId = target.id,
                      .classId = classes[cls].id,
                      .kind = AnnotationKind::ImageLabel,
                      .score = std::clamp(out.result.posterior[i][cls], 0.0, 1.0)});
  }
  // The labeler holds this run's result and nothing else: an item no longer labelled by the
  // labelers combined loses its old consensus label.
  project.annotations().replace(target.id, labels);
  tx.commit();
  return out;
}

}  // namespace loupe::storage
