#include "app/cli/analysis_support.h"

#include <nlohmann/json.hpp>

#include "storage/analysis_reads.h"

namespace loupe::app::cli {

void addEvalOptions(CLI::App* sub, const std::shared_ptr<EvalArgs>& args) {
  sub->add_option("project", args->project, "project file (.loupe)")->required();
  sub->add_option("--model", args->model, "labeler whose outputs are evaluated (kind model)")->required();
  sub->add_option("--reference", args->reference, "labeler that holds the ground truth")->required();
  sub->add_flag("--json", args->json, "print JSON");
}

void addSliceOptions(CLI::App* sub, const std::shared_ptr<EvalArgs>& args) {
  sub->add_option("--where", args->where,
                  "KEY=VALUE condition (class, split, labeler, source or an attribute); repeat to AND");
  sub->add_option("--slice", args->slice, "a saved slice, by name");
}

storage::Project openProject(const std::string& path) { return storage::Project::open(path); }

analysis::EvalTable loadTable(const storage::Project& project, const EvalArgs& args) {
  storage::EvalLoadOptions o;
  o.model = args.model;
  o.reference = args.reference;
  return storage::loadEvalTable(project, o);
}

analysis::SliceDefinition requestedSlice(const storage::Project& project, const EvalArgs& args) {
  analysis::SliceDefinition slice;
  if (!args.slice.empty()) {
    const auto saved = project.slice(args.slice);
    if (!saved) throw std::invalid_argument("no saved slice named '" + args.slice + "'");
    slice = analysis::sliceFromJson(nlohmann::json::parse(saved->definitionJson));
    slice.name.clear();  // describe by the conditions when combined
  }
  for (const auto& w : args.where) {
    const auto more = analysis::parseSlice(w);
    slice.all.insert(slice.all.end(), more.all.begin(), more.all.end());
  }
  return slice;
}

nlohmann::json fraction(std::optional<double> value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json cocoValue(double value) { return value < 0 ? nlohmann::json(nullptr) : nlohmann::json(value); }

}  // namespace loupe::app::cli
