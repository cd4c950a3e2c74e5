// loupe confusion P --model M --reference R [--where KEY=VALUE] [--slice NAME] [--normalize] --json
#include <iomanip>
#include <iostream>

#include "app/cli/analysis_support.h"
#include "app/cli/verb_registry.h"
#include "core/analysis/classification_report.h"
#include "core/analysis/slice_metrics.h"

namespace {

using namespace loupe;

nlohmann::json confusionJson(const analysis::ConfusionMatrix& m, bool detection, bool normalize) {
  const auto report = analysis::classificationReport(m, detection);
  nlohmann::json perClass = nlohmann::json::array();
  for (const auto& c : report.perClass)
    perClass.push_back({{"class", c.name}, {"precision", c.precision}, {"recall", c.recall}, {"f1", c.f1},
                        {"support", c.support}});
  nlohmann::json matrix = normalize ? nlohmann::json(m.rowNormalized()) : nlohmann::json(m.counts);
  return {{"classes", m.classes},       {"matrix", matrix},         {"per_class", perClass},
          {"accuracy", report.accuracy}, {"macro_f1", report.macroF1}, {"weighted_f1", report.weightedF1}};
}

void printText(const nlohmann::json& j) {
  std::cout << "rows = reference, columns = model\n";
  const auto& classes = j["classes"];
  std::cout << std::setw(14) << "";
  for (const auto& c : classes) std::cout << std::setw(12) << c.get<std::string>().substr(0, 11);
  std::cout << "\n";
  for (std::size_t r = 0; r < classes.size(); ++r) {
    std::cout << std::setw(14) << classes[r].get<std::string>().substr(0, 13);
    for (const auto& v : j["matrix"][r]) std::cout << std::setw(12) << v.dump();
    std::cout << "\n";
  }
  std::cout << "\n" << std::left << std::setw(14) << "class" << std::right << std::setw(10) << "precision"
            << std::setw(10) << "recall" << std::setw(10) << "f1" << std::setw(10) << "support\n";
  for (const auto& c : j["per_class"])
    std::cout << std::left << std::setw(14) << c["class"].get<std::string>().substr(0, 13) << std::right << std::fixed
              << std::setprecision(3) << std::setw(10) << c["precision"].get<double>() << std::setw(10)
              << c["recall"].get<double>() << std::setw(10) << c["f1"].get<double>() << std::setw(10)
              << c["support"].get<std::int64_t>() << "\n";
  std::cout << "accuracy " << j["accuracy"].get<double>() << "  macro F1 " << j["macro_f1"].get<double>()
            << "  weighted F1 " << j["weighted_f1"].get<double>() << "\n";
}

static loupe::app::cli::VerbRegistration reg{"confusion", [](CLI::App& app) {
  auto args = std::make_shared<loupe::app::cli::EvalArgs>();
  auto normalize = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand("confusion", "confusion matrix and per-class precision/recall/F1 of a model");
  loupe::app::cli::addEvalOptions(sub, args);
  loupe::app::cli::addSliceOptions(sub, args);
  sub->add_flag("--normalize", *normalize, "row-normalized matrix (each reference row sums to 1)");
  return std::function<int()>([args, normalize] {
    const auto project = loupe::app::cli::openProject(args->project);
    const auto table = loupe::app::cli::loadTable(project, *args);
    const auto rows = analysis::selectRows(table, loupe::app::cli::requestedSlice(project, *args));
    const auto m = analysis::confusionOn(table, table.model, rows);
    const auto j = confusionJson(m, table.task == analysis::TaskKind::Detection, *normalize);
    if (args->json)
      std::cout << j.dump(2) << "\n";
    else
      printText(j);
    return 0;
  });
}};

}  // namespace
