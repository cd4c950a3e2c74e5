// loupe split P --group-aware [--fractions TRAIN,VAL,TEST] [--dry-run] [--json]
// Reassigns splits so that no group key, duplicate or near-duplicate spans two splits, and
// reports every item that moved. Writes all moves in one transaction.
#include <iostream>

#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/verb_registry.h"
#include "core/analysis/group_split.h"
#include "storage/analysis_reads.h"

namespace {

using namespace loupe;

struct SplitArgs {
  std::string project;
  bool groupAware = false;
  std::vector<double> fractions;
  int maxDistance = analysis::LeakageOptions{}.maxHammingDistance;
  bool noPerceptual = false;
  bool dryRun = false;
  bool json = false;
};

static loupe::app::cli::VerbRegistration reg{"split", [](CLI::App& app) {
  auto args = std::make_shared<SplitArgs>();
  auto* sub = app.add_subcommand("split", "reassign train/val/test splits");
  sub->add_option("project", args->project, "project file (.loupe)")->required();
  sub->add_flag("--group-aware", args->groupAware, "keep groups and (near-)duplicates in one split")->required();
  sub->add_option("--fractions", args->fractions, "target train,val,test fractions (default: the current ones)")
      ->delimiter(',')
      ->expected(3);
  sub->add_option("--max-distance", args->maxDistance, "perceptual-hash distance that links near-duplicates")
      ->check(CLI::Range(0, 63));
  sub->add_flag("--no-perceptual", args->noPerceptual, "link exact duplicates and groups only");
  sub->add_flag("--dry-run", args->dryRun, "report the moves without writing them");
  sub->add_flag("--json", args->json, "print JSON");
  return std::function<int()>([args] {
    auto project = storage::Project::open(args->project);
    const auto load = storage::loadLeakageItems(project, !args->noPerceptual);
    std::optional<analysis::SplitFractions> fractions;
    if (!args->fractions.empty())
      fractions = analysis::SplitFractions{args->fractions[0], args->fractions[1], args->fractions[2]};
    const auto result = analysis::groupAwareSplit(load.items, fractions, {args->maxDistance});
    if (!args->dryRun && !result.moves.empty()) {
      storage::Project::Transaction tx(project);
      for (const auto& m : result.moves) project.setItemSplit(m.item, m.to);
      tx.commit();
    }
    std::map<Id, std::string> names;
    for (const auto& i : load.items) names[i.id] = i.name;
    nlohmann::json moved = nlohmann::json::array(), counts = nlohmann::json::object(), targets = nlohmann::json::object();
    for (const auto& m : result.moves)
      moved.push_back({{"item", m.item}, {"name", names[m.item]}, {"from", toString(m.from)}, {"to", toString(m.to)}});
    for (const auto& [s, n] : result.itemsPerSplit) counts[std::string(toString(s))] = n;
    for (const auto& [s, n] : result.targetPerSplit) targets[std::string(toString(s))] = n;
    const nlohmann::json j{{"moved", moved}, {"splits", counts}, {"targets", targets},
                           {"groups", result.groups}, {"written", !args->dryRun}};
    if (args->json) {
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    for (const auto& m : moved)
      std::cout << m["name"].get<std::string>() << ": " << m["from"].get<std::string>() << " -> "
                << m["to"].get<std::string>() << "\n";
    std::cout << moved.size() << " items " << (args->dryRun ? "would move" : "moved") << "; train "
              << counts.value("train", 0) << ", val " << counts.value("val", 0) << ", test " << counts.value("test", 0)
              << "\n";
    return 0;
  });
}};

}  // namespace
