// `loupe next P --labeler L`: the items L should label next, in list order or the stored
// classifier's uncertainty order (active learning).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "app/cli/terminal_progress.h"
#include "app/cli/verb_registry.h"
#include "storage/active_learning/next_items.h"
#include "storage/project.h"

namespace {

struct Args {
  std::string project, labeler, order = "list", model, measure = "margin", split;
  std::size_t count = 10;
  int threads = 0;
  bool json = false, noBalance = false;
};

int run(const Args& a) {
  using namespace loupe;
  auto project = storage::Project::open(a.project, storage::OpenMode::ReadOnly);
  storage::NextRequest request;
  request.labeler = a.labeler;
  if (a.order != "list" && a.order != "uncertainty")
    throw std::invalid_argument("--order must be uncertainty or list, not '" + a.order + "'");
  request.order = a.order == "uncertainty" ? storage::NextOrder::Uncertainty : storage::NextOrder::List;
  request.model = a.model;
  const auto measure = active_learning::uncertaintyFromString(a.measure);
  if (!measure) throw std::invalid_argument("--measure must be margin or entropy, not '" + a.measure + "'");
  request.measure = *measure;
  request.count = a.count;
  request.balanceClasses = !a.noBalance;
  request.threads = a.threads;
  if (!a.split.empty()) {
    request.split = splitFromString(a.split);
    if (!request.split) throw std::invalid_argument("--split must be train, val, test or unassigned, not '" + a.split + "'");
  }
  storage::NextItems next;
  {
    app::cli::TerminalProgress bar;
    next = storage::nextItems(project, request, bar.progress());
  }
  if (a.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : next.items)
      out.push_back({{"item", i.item},
                     {"item_id", i.itemId},
                     {"score", i.score ? nlohmann::json(*i.score) : nlohmann::json(nullptr)},
                     {"predicted", i.predicted.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.predicted)}});
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (!next.model.empty()) std::printf("most uncertain first (%s of model %s)\n", a.measure.c_str(), next.model.c_str());
  for (const auto& i : next.items) {
    if (i.score) std::printf("%.4f\t%s\n", *i.score, i.item.c_str());
    else std::printf("%s\n", i.item.c_str());
  }
  return 0;
}

loupe::app::cli::VerbRegistration reg{"next", [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("next", "Items a labeler should label next (list or uncertainty order)");
  sub->add_option("project", a->project, "Project file (.loupe)")->required();
  sub->add_option("--labeler", a->labeler, "The labeler who labels next")->required();
  sub->add_option("--order", a->order, "list (id order) or uncertainty (least sure first)")->capture_default_str();
  sub->add_option("--model", a->model, "Classifier for the uncertainty order (default: the newest)");
  sub->add_option("--measure", a->measure, "margin or entropy")->capture_default_str();
  sub->add_flag("--no-balance", a->noBalance,
                "Uncertainty order: strictly by score (default: round-robin over the predicted classes)");
  sub->add_option("--count", a->count, "How many items")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--split", a->split, "Only this split's items");
  sub->add_option("--threads", a->threads, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  sub->add_flag("--json", a->json, "Print JSON");
  return std::function<int()>([a] { return run(*a); });
}};

}  // namespace
