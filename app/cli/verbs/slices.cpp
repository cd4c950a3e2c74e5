// loupe slices P --model M --reference R [--by KEY]... [--save NAME --where K=V...] --json
// The slice table: per slice items, share, model accuracy (F1 at IoU 0.5 for boxes), HLP, gap
// and priority = gap × share, highest priority first.
#include <cstdio>
#include <iostream>

#include "app/cli/analysis_support.h"
#include "app/cli/verb_registry.h"
#include "storage/slice_report.h"

namespace {

using namespace loupe;

struct SlicesArgs {
  std::vector<std::string> by;
  std::string save;
};

std::string percent(const std::optional<double>& v) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *v * 100);
  return buf;
}

static loupe::app::cli::VerbRegistration reg{"slices", [](CLI::App& app) {
  auto args = std::make_shared<loupe::app::cli::EvalArgs>();
  auto extra = std::make_shared<SlicesArgs>();
  auto* sub = app.add_subcommand("slices", "slice table: where the model falls furthest short of HLP");
  loupe::app::cli::addEvalOptions(sub, args);
  sub->add_option("--by", extra->by,
                  "group by KEY: class, split, labeler, source or an attribute (repeatable; default: all keys "
                  "and every saved slice)");
  sub->add_option("--save", extra->save, "save the --where conditions as a slice with this name");
  sub->add_option("--where", args->where, "KEY=VALUE condition for --save; repeat to AND");
  return std::function<int()>([args, extra] {
    auto project = loupe::app::cli::openProject(args->project);
    if (!extra->save.empty()) {
      if (args->where.empty()) throw std::invalid_argument("--save needs at least one --where KEY=VALUE");
      auto def = loupe::app::cli::requestedSlice(project, *args);
      def.name = extra->save;
      project.saveSlice(extra->save, analysis::toJson(def).dump());
    }
    storage::SliceReportOptions options;
    options.model = args->model;
    options.reference = args->reference;
    options.by = extra->by;
    const auto rows = storage::sliceReport(project, options).rows;
    if (args->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : rows)
        out.push_back({{"slice", r.slice},
                       {"items", r.items},
                       {"share", r.share},
                       {"no_prediction", r.noPrediction},
                       {"accuracy", loupe::app::cli::fraction(r.accuracy)},
                       {"hlp", loupe::app::cli::fraction(r.hlp)},
                       {"gap", loupe::app::cli::fraction(r.gap)},
                       {"priority", loupe::app::cli::fraction(r.priority)}});
      std::cout << nlohmann::json{{"slices", out}}.dump(2) << "\n";
      return 0;
    }
    std::printf("%-32s %9s %7s %7s %9s %7s %7s %9s\n", "slice", "items", "share", "no-pred", "accuracy", "hlp", "gap",
                "priority");
    for (const auto& r : rows)
      std::printf("%-32s %9lld %7s %7lld %9s %7s %7s %9s\n", r.slice.substr(0, 32).c_str(),
                  static_cast<long long>(r.items), percent(r.share).c_str(), static_cast<long long>(r.noPrediction),
                  percent(r.accuracy).c_str(), percent(r.hlp).c_str(),
                  percent(r.gap).c_str(), percent(r.priority).c_str());
    return 0;
  });
}};

}  // namespace
