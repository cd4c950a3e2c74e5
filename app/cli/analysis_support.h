#pragma once
// Shared pieces of the error-analysis verbs (slices, confusion, detection, eval): the
// --model/--reference options, loading the evaluated set, and JSON for optional numbers.

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/eval_table.h"
#include "core/analysis/slice_definition.h"
#include "storage/project.h"

namespace loupe::app::cli {

struct EvalArgs {
  std::string project;
  std::string model;
  std::string reference;
  std::vector<std::string> where;  // KEY=VALUE conditions, ANDed
  std::string slice;               // a saved slice by name
  bool json = false;
};

// Adds P, --model, --reference and --json to `sub`.
void addEvalOptions(CLI::App* sub, const std::shared_ptr<EvalArgs>& args);
// Adds --where (repeatable) and --slice NAME.
void addSliceOptions(CLI::App* sub, const std::shared_ptr<EvalArgs>& args);

storage::Project openProject(const std::string& path);
analysis::EvalTable loadTable(const storage::Project& project, const EvalArgs& args);
// The slice named by --slice and --where together (AND); the whole set when neither is given.
analysis::SliceDefinition requestedSlice(const storage::Project& project, const EvalArgs& args);

// A fraction, or null when it is undefined (-1 or absent).
nlohmann::json fraction(std::optional<double> value);
nlohmann::json cocoValue(double value);

}  // namespace loupe::app::cli
