// loupe leakage P [--max-distance N] [--no-perceptual] [--json]
// Exact duplicates, near-duplicates and group keys across train/val/test.
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/verb_registry.h"
#include "core/analysis/leakage.h"
#include "storage/analysis_reads.h"

namespace {

using namespace loupe;

struct LeakageArgs {
  std::string project;
  int maxDistance = analysis::LeakageOptions{}.maxHammingDistance;
  bool noPerceptual = false;
  bool json = false;
};

static loupe::app::cli::VerbRegistration reg{"leakage", [](CLI::App& app) {
  auto args = std::make_shared<LeakageArgs>();
  auto* sub = app.add_subcommand("leakage", "find duplicates and group keys shared across train/val/test");
  sub->add_option("project", args->project, "project file (.loupe)")->required();
  sub->add_option("--max-distance", args->maxDistance, "perceptual-hash Hamming distance for near-duplicates (0..63)")
      ->check(CLI::Range(0, 63));
  sub->add_flag("--no-perceptual", args->noPerceptual, "exact duplicates and groups only (no image decoding)");
  sub->add_flag("--json", args->json, "print JSON");
  return std::function<int()>([args] {
    const auto project = storage::Project::open(args->project);
    const auto load = storage::loadLeakageItems(project, !args->noPerceptual);
    const auto report = analysis::findLeakage(load.items, {args->maxDistance});
    std::map<Id, const analysis::LeakageItem*> byId;
    for (const auto& i : load.items) byId[i.id] = &i;
    auto ref = [&](Id id) {
      return nlohmann::json{{"item", id}, {"name", byId.at(id)->name}, {"split", toString(byId.at(id)->split)}};
    };
    nlohmann::json exact = nlohmann::json::array(), nearDup = nlohmann::json::array(), groups = nlohmann::json::array();
    for (const auto& d : report.exactDuplicates) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto id : d.items) items.push_back(ref(id));
      exact.push_back({{"content_hash", d.contentHash}, {"items", items}});
    }
    for (const auto& n : report.nearDuplicates) nearDup.push_back({{"a", ref(n.a)}, {"b", ref(n.b)}, {"distance", n.distance}});
    for (const auto& g : report.groupLeaks) {
      nlohmann::json splits = nlohmann::json::object();
      for (const auto& [split, count] : g.itemsPerSplit) splits[std::string(toString(split))] = count;
      groups.push_back({{"group", g.groupKey}, {"splits", splits}});
    }
    const nlohmann::json j{{"clean", report.clean()},       {"exact_duplicates", exact},
                           {"near_duplicates", nearDup},    {"group_leaks", groups},
                           {"max_distance", args->maxDistance}, {"warnings", load.warnings}};
    if (args->json) {
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    std::cout << "exact duplicates across splits: " << exact.size() << "\nnear-duplicates across splits: "
              << nearDup.size() << "\ngroups in more than one split: " << groups.size() << "\n";
    for (const auto& w : load.warnings) std::cerr << "loupe: warning: " << w << "\n";
    if (!report.clean()) std::cout << "run 'loupe split P --group-aware' to reassign splits without leakage\n";
    return 0;
  });
}};

}  // namespace
