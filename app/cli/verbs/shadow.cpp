// `loupe shadow P --labeler L [--model M] [--bucket N] [--propose ITEM...] [--propose-unlabeled N] [--accept ITEM...]`:
// pre-labels in shadow mode (storage/shadow). With --propose / --propose-unlabeled the model first
// proposes on those items (once per item, labeler and model); then the per-class agreement of
// the labeler's current answers with the model's proposals, and its trend.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "app/cli/verb_registry.h"
#include "storage/project.h"
#include "storage/shadow/shadow_mode.h"

namespace {

struct Args {
  std::string project, labeler, model;
  std::vector<std::string> propose, accept;
  std::size_t proposeUnlabeled = 0;
  std::size_t bucket = 10;
  bool json = false;
};

nlohmann::ordered_json rateJson(double r) { return std::isnan(r) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r); }

nlohmann::ordered_json classJson(const loupe::storage::ShadowClassAgreement& c) {
  nlohmann::ordered_json trend = nlohmann::ordered_json::array();
  for (double t : c.trend) trend.push_back(rateJson(t));
  return {{"class", c.className}, {"proposals", c.proposals}, {"pending", c.pending}, {"answered", c.answered},
          {"agreed", c.agreed},   {"rate", rateJson(c.rate)},  {"missed", c.missed},   {"trend", trend}};
}

nlohmann::ordered_json proposalJson(const loupe::storage::PrelabelProposal& p) {
  nlohmann::ordered_json box = nullptr;
  if (p.box) box = {{"x", p.box->x}, {"y", p.box->y}, {"w", p.box->w}, {"h", p.box->h}};
  return {{"class", p.className}, {"score", p.score}, {"box", box}};
}

std::string percent(double r) {
  if (std::isnan(r)) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * r);
  return buf;
}

int run(const Args& a) {
  using namespace loupe;
  const bool proposing = !a.propose.empty() || a.proposeUnlabeled > 0;
  const bool writing = proposing || !a.accept.empty();
  auto project = storage::Project::open(a.project, writing ? storage::OpenMode::ReadWrite : storage::OpenMode::ReadOnly);
  const auto labeler = project.labelers().byName(a.labeler);
  if (!labeler) throw std::invalid_argument("unknown labeler '" + a.labeler + "'");
  const std::string model = storage::shadowModelName(project, a.model);

  std::vector<Id> items;
  for (const auto& name : a.propose) {
    const auto record = project.items().byName(name);
    if (!record) throw std::invalid_argument("unknown item '" + name + "'");
    items.push_back(record->item.id);
  }
  if (a.proposeUnlabeled > 0) {
    std::size_t taken = 0;
    for (const Id id : project.items().ids({.labelerId = labeler->id, .unlabeled = true})) {
      if (taken == a.proposeUnlabeled) break;
      if (project.proposals().proposed(id, labeler->id, model) || !project.items().media(id)) continue;
      items.push_back(id);
      ++taken;
    }
  }
  nlohmann::ordered_json proposed = nlohmann::ordered_json::array();
  for (const Id id : items) {
    const auto ps = storage::proposeFor(project, id, labeler->id, model);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& p : ps) list.push_back(proposalJson(p));
    proposed.push_back({{"item", project.items().byId(id)->item.name}, {"item_id", id}, {"proposals", list}});
  }

  // Accepting: the model's proposals on the item (proposed now if need be) as L's annotations.
  nlohmann::ordered_json accepted = nlohmann::ordered_json::array();
  for (const auto& name : a.accept) {
    const auto record = project.items().byName(name);
    if (!record) throw std::invalid_argument("unknown item '" + name + "'");
    const auto ps = storage::proposeFor(project, record->item.id, labeler->id, model);
    const auto done = storage::acceptProposals(project, labeler->id, ps);
    accepted.push_back({{"item", name}, {"item_id", record->item.id}, {"added", done.added.size()},
                        {"replaced", done.replaced.size()}, {"skipped", done.skipped}});
  }

  const auto r = storage::shadowAgreement(project, labeler->id, model, a.bucket);
  if (a.json) {
    nlohmann::ordered_json classes = nlohmann::ordered_json::array();
    for (const auto& c : r.classes) classes.push_back(classJson(c));
    nlohmann::ordered_json out = {{"model", model},           {"labeler", a.labeler},   {"bucket", r.bucket},
                                  {"items", r.items},         {"pending_items", r.pendingItems},
                                  {"classes", classes},       {"total", classJson(r.total)}};
    if (proposing) out["proposed"] = proposed;
    if (!a.accept.empty()) out["accepted"] = accepted;
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& p : proposed) std::printf("proposed %zu on %s\n", p["proposals"].size(), p["item"].get<std::string>().c_str());
  for (const auto& x : accepted)
    std::printf("accepted %zu on %s\n", x["added"].get<std::size_t>(), x["item"].get<std::string>().c_str());
  std::printf("model %s, labeler %s: %zu items proposed on, %zu not answered yet\n", model.c_str(), a.labeler.c_str(),
              r.items, r.pendingItems);
  std::printf("%-20s %9s %8s %7s %7s %7s  trend (per %zu)\n", "class", "proposals", "answered", "agreed", "rate", "missed",
              r.bucket);
  auto line = [](const storage::ShadowClassAgreement& c, const char* name) {
    std::string trend;
    for (double t : c.trend) trend += (trend.empty() ? "" : " ") + percent(t);
    std::printf("%-20s %9zu %8zu %7zu %7s %7zu  %s\n", name, c.proposals, c.answered, c.agreed, percent(c.rate).c_str(),
                c.missed, trend.c_str());
  };
  for (const auto& c : r.classes) line(c, c.className.c_str());
  line(r.total, "(all)");
  return 0;
}

loupe::app::cli::VerbRegistration reg{"shadow", [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("shadow", "Pre-labels in shadow mode: propose on items, and how often a labeler agrees with the model per class");
  sub->add_option("project", a->project, "Project file (.loupe)")->required();
  sub->add_option("--labeler", a->labeler, "The labeler the model proposes to")->required();
  sub->add_option("--model", a->model, "Model name (default: the newest model)");
  sub->add_option("--bucket", a->bucket, "Proposals per point of the trend")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--propose", a->propose, "Items (names) the model proposes on first");
  sub->add_option("--propose-unlabeled", a->proposeUnlabeled,
                  "Propose on the first N items with an image the labeler has not labeled nor been proposed")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--accept", a->accept,
                  "Items (names) whose proposals become the labeler's annotations (what Y does in the GUI)");
  sub->add_flag("--json", a->json, "Print JSON");
  return std::function<int()>([a] { return run(*a); });
}};

}  // namespace
