// loupe eval P --model M --reference R --fail-under accuracy=0.9[,KEY=VALUE:accuracy=0.8] [--json]
// A model gate for CI: exit status 1 and a message naming each failing test.
#include <iostream>

#include "app/cli/analysis_support.h"
#include "app/cli/verb_registry.h"
#include "core/analysis/threshold_gate.h"

namespace {

using namespace loupe;

static loupe::app::cli::VerbRegistration reg{"eval", [](CLI::App& app) {
  auto args = std::make_shared<loupe::app::cli::EvalArgs>();
  auto spec = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("eval", "check a model against thresholds; non-zero exit when one fails");
  loupe::app::cli::addEvalOptions(sub, args);
  sub->add_option("--fail-under", *spec,
                  "comma-separated tests [SLICE:]METRIC=FRACTION, e.g. accuracy=0.9,split=test:macro_f1=0.8")
      ->required();
  return std::function<int()>([args, spec] {
    const auto tests = analysis::parseThresholds(*spec);
    const auto project = loupe::app::cli::openProject(args->project);
    const auto table = loupe::app::cli::loadTable(project, *args);
    const auto outcomes = analysis::runGate(table, tests);
    nlohmann::json list = nlohmann::json::array();
    std::string failures;
    for (const auto& o : outcomes) {
      list.push_back({{"test", o.test.text},
                      {"slice", analysis::describe(o.test.slice)},
                      {"metric", o.test.metric},
                      {"value", loupe::app::cli::fraction(o.value)},
                      {"threshold", o.test.threshold},
                      {"passed", o.passed}});
      if (!args->json)
        std::cout << (o.passed ? "PASS " : "FAIL ") << o.test.text << "  (value "
                  << (o.value ? std::to_string(*o.value) : std::string("none")) << ")\n";
      if (o.passed) continue;
      if (!failures.empty()) failures += "; ";
      failures += o.test.text + " (" + (o.value ? std::to_string(*o.value) : std::string("no items")) + ")";
    }
    if (args->json) std::cout << nlohmann::json{{"passed", failures.empty()}, {"tests", list}}.dump(2) << "\n";
    if (!failures.empty()) throw std::runtime_error("threshold failed: " + failures);
    return 0;
  });
}};

}  // namespace
