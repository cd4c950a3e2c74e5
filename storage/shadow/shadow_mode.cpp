#include "storage/shadow/shadow_mode.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "core/agreement/box_matching.h"
#include "core/nn/architectures.h"
#include "core/nn/detection_decode.h"
#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "storage/training/model_training.h"
#include "storage/training/training_data.h"

namespace loupe::storage {

namespace {

constexpr double kIou = 0.5;

enum class State { Pending, Agreed, Disagreed };

struct Judged {
  const PrelabelProposal* proposal;
  State state;
};

double rateOf(std::size_t agreed, std::size_t answered) {
  return answered > 0 ? double(agreed) / double(answered) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::string shadowModelName(const Project& project, const std::string& name) {
  const auto models = project.models().all();  // newest first
  if (models.empty()) throw std::invalid_argument("the project has no model: train one first (loupe train)");
  if (name.empty()) return models.front().name;
  for (const auto& m : models)
    if (m.name == name) return name;
  std::string known;
  for (const auto& m : models) known += (known.empty() ? "" : ", ") + m.name;
  throw std::invalid_argument("unknown model '" + name + "' (stored: " + known + ")");
}

std::vector<PrelabelProposal> computeProposals(const Project& project, Id itemId, Id labelerId, const std::string& model) {
  const auto record = project.items().byId(itemId);
  if (!record) throw std::invalid_argument("unknown item " + std::to_string(itemId));
  const auto media = project.items().media(itemId);
  if (!media) throw std::invalid_argument("item '" + record->item.name + "' has no image");
  const auto stored = loadStoredNetwork(project, model);
  const auto& spec = stored.network;
  nn::ImageSet images;
  images.shape = spec.input;
  images.pixels = decodeItemMedia(*media, record->item.width, record->item.height, spec.input, record->item.name);
  const nn::Network net(spec);
  const auto out = nn::predict(net, images, 1);
  std::vector<PrelabelProposal> proposals;
  const PrelabelProposal base{.id = 0, .itemId = itemId, .labelerId = labelerId, .model = model, .className = {},
                              .box = std::nullopt, .score = 0.0, .time = {}};
  if (nn::isDetector(spec)) {
    // The threshold the model was trained and stored with, as `loupe predict` uses it.
    const auto detections = nn::decodeDetections(out.data(), net.shapes().back(), spec.input, record->item.width,
                                                 record->item.height, storedDetectionThreshold(stored));
    for (const auto& d : detections) {
      auto p = base;
      p.className = spec.classes.at(static_cast<std::size_t>(d.cls));
      p.box = d.box;
      p.score = d.score;
      proposals.push_back(std::move(p));
    }
  } else {
    const int classes = static_cast<int>(spec.classes.size());
    const int top = nn::argmax(out.data(), classes);
    auto p = base;
    p.className = spec.classes.at(static_cast<std::size_t>(top));
    p.score = out.at(static_cast<std::size_t>(top));
    proposals.push_back(std::move(p));
  }
  return proposals;
}

std::vector<PrelabelProposal> storedProposals(const Project& project, Id itemId, Id labelerId, const std::string& model) {
  return project.proposals().on(itemId, labelerId, model);
}

std::vector<PrelabelProposal> recordProposals(Project& project, Id itemId, Id labelerId, const std::string& model,
                                              const std::vector<PrelabelProposal>& proposals) {
  Project::Transaction tx(project);
  if (project.proposals().proposed(itemId, labelerId, model)) return storedProposals(project, itemId, labelerId, model);
  for (const auto& p : proposals)
    if (p.itemId != itemId || p.labelerId != labelerId || p.model != model)
      throw std::invalid_argument("recordProposals: every proposal must be of the same item, labeler and model");
  auto added = proposals.empty() ? std::vector<PrelabelProposal>{} : project.proposals().add(proposals);
  tx.commit();
  return added;
}

std::vector<PrelabelProposal> proposeFor(Project& project, Id itemId, Id labelerId, const std::string& model) {
  const std::string name = shadowModelName(project, model);
  if (project.proposals().proposed(itemId, labelerId, name)) return storedProposals(project, itemId, labelerId, name);
  return recordProposals(project, itemId, labelerId, name, computeProposals(project, itemId, labelerId, name));
}

AcceptResult acceptProposals(Project& project, Id labelerId, const std::vector<PrelabelProposal>& proposals) {
  AcceptResult result;
  Project::Transaction tx(project);
  for (const auto& p : proposals) {
    const auto cls = project.classes().byName(p.className);
    if (!cls) {
      ++result.skipped;
      continue;
    }
    const auto existing = project.annotations().of(p.itemId, labelerId);
    if (p.box) {
      const bool present = std::any_of(existing.begin(), existing.end(), [&](const Annotation& a) {
        return a.kind == AnnotationKind::Box && a.classId == cls->id && a.box == *p.box;
      });
      if (present) continue;
      result.added.push_back(project.annotations().add(
          {.itemId = p.itemId, .labelerId = labelerId, .classId = cls->id, .kind = AnnotationKind::Box, .box = *p.box}));
    } else {
      for (const auto& a : existing)
        if (a.kind == AnnotationKind::ImageLabel) result.replaced.push_back(project.annotations().remove(a.id));
      result.added.push_back(project.annotations().add(
          {.itemId = p.itemId, .labelerId = labelerId, .classId = cls->id, .kind = AnnotationKind::ImageLabel}));
    }
  }
  tx.commit();
  return result;
}

ShadowAgreement shadowAgreement(const Project& project, Id labelerId, const std::string& model, std::size_t bucket) {
  if (bucket == 0) throw std::invalid_argument("the trend bucket must hold at least one proposal");
  ShadowAgreement out;
  out.model = model;
  out.bucket = bucket;
  const auto proposals = project.proposals().of(labelerId, model);
  std::map<Id, std::string> classNames;
  for (const auto& c : project.classes().all()) classNames[c.id] = c.name;
  const auto nameOf = [&](Id classId) {
    const auto it = classNames.find(classId);
    return it == classNames.end() ? std::string() : it->second;
  };

  std::map<Id, std::vector<const PrelabelProposal*>> byItem;
  for (const auto& p : proposals) byItem[p.itemId].push_back(&p);
  std::vector<Judged> judged;
  std::map<std::string, std::size_t> missed;
  for (const auto& [itemId, ofItem] : byItem) {
    ++out.items;
    const auto answers = project.annotations().of(itemId, labelerId);
    if (answers.empty()) {
      ++out.pendingItems;
      for (const auto* p : ofItem) judged.push_back({p, State::Pending});
      continue;
    }
    std::set<std::string> labels;  // the labeler's image labels (class names)
    std::map<std::string, std::vector<agreement::LabeledBox>> humanBoxes;
    for (const auto& a : answers) {
      if (a.kind == AnnotationKind::ImageLabel)
        labels.insert(nameOf(a.classId));
      else
        humanBoxes[nameOf(a.classId)].push_back({.category = 0, .box = a.box});
    }
    // Per model (several when every model is reported), per class: one-to-one box matching.
    std::map<std::pair<std::string, std::string>, std::vector<const PrelabelProposal*>> boxGroups;
    std::set<std::string> boxModels;
    for (const auto* p : ofItem) {
      if (p->box) {
        boxGroups[{p->model, p->className}].push_back(p);
        boxModels.insert(p->model);
      } else {
        judged.push_back({p, labels.count(p->className) ? State::Agreed : State::Disagreed});
      }
    }
    std::map<std::pair<std::string, std::string>, std::size_t> matchedOf;
    for (const auto& [key, group] : boxGroups) {
      std::vector<agreement::LabeledBox> proposed;
      for (const auto* p : group) proposed.push_back({.category = 0, .box = *p->box});
      const auto it = humanBoxes.find(key.second);
      const std::size_t matched =
          it == humanBoxes.end() ? 0 : agreement::matchBoxes(it->second, proposed, kIou).matched;
      matchedOf[key] = matched;
      // Proposals of one item share a time: which of them matched does not move the trend.
      for (std::size_t i = 0; i < group.size(); ++i) judged.push_back({group[i], i < matched ? State::Agreed : State::Disagreed});
    }
    for (const auto& m : boxModels)
      for (const auto& [cls, boxes] : humanBoxes) {
        const auto it = matchedOf.find({m, cls});
        missed[cls] += boxes.size() - (it == matchedOf.end() ? 0 : it->second);
      }
  }

  std::stable_sort(judged.begin(), judged.end(), [](const Judged& a, const Judged& b) {
    return std::tie(a.proposal->time, a.proposal->id) < std::tie(b.proposal->time, b.proposal->id);
  });
  std::map<std::string, std::vector<const Judged*>> byClass;
  for (const auto& j : judged) byClass[j.proposal->className].push_back(&j);
  for (const auto& [cls, n] : missed) byClass.try_emplace(cls);

  const auto summarise = [bucket](const std::string& name, const std::vector<const Judged*>& rows, std::size_t missedBoxes) {
    ShadowClassAgreement c;
    c.className = name;
    c.proposals = rows.size();
    c.missed = missedBoxes;
    std::size_t inBucket = 0, agreedInBucket = 0;
    for (const auto* j : rows) {
      if (j->state == State::Pending) {
        ++c.pending;
        continue;
      }
      ++c.answered;
      ++inBucket;
      if (j->state == State::Agreed) {
        ++c.agreed;
        ++agreedInBucket;
      }
      if (inBucket == bucket) {
        c.trend.push_back(rateOf(agreedInBucket, inBucket));
        inBucket = agreedInBucket = 0;
      }
    }
    if (inBucket > 0) c.trend.push_back(rateOf(agreedInBucket, inBucket));
    c.rate = rateOf(c.agreed, c.answered);
    return c;
  };
  std::vector<const Judged*> all;
  std::size_t allMissed = 0;
  for (const auto& [cls, rows] : byClass) {
    const auto m = missed.find(cls);
    const std::size_t missedBoxes = m == missed.end() ? 0 : m->second;
    out.classes.push_back(summarise(cls, rows, missedBoxes));
    allMissed += missedBoxes;
  }
  for (const auto& j : judged) all.push_back(&j);
  out.total = summarise({}, all, allMissed);
  return out;
}

}  // namespace loupe::storage
