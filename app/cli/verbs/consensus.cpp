// `loupe consensus P`: combine several labelers' image labels into a consensus labeler (Dawid-Skene
// or majority vote) and report each labeler's estimated accuracy and confusion matrix.
#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <memory>

#include "app/cli/verb_registry.h"
#include "storage/consensus/consensus_labels.h"
#include "storage/project.h"

namespace {

struct Options {
  std::string project;
  std::string method = "dawid-skene";
  std::vector<std::string> labelers;
  std::string name;
  bool json = false;
};

nlohmann::json toJson(const loupe::storage::ConsensusOutcome& out) {
  const auto& r = out.result;
  nlohmann::json labelers = nlohmann::json::array();
  for (std::size_t l = 0; l < out.labelers.size(); ++l)
    labelers.push_back({{"name", out.labelers[l]},
                        {"accuracy", r.accuracy[l] ? nlohmann::json(*r.accuracy[l]) : nlohmann::json(nullptr)},
                        {"confusion", r.confusion[l]}});
  return {{"method", loupe::consensus::toString(out.method)},
          {"labeler", out.labeler},
          {"items", out.items.size()},
          {"labelers", labelers},
          {"classes", out.classes},
          {"prior", r.prior},
          {"iterations", r.iterations},
          {"converged", r.converged},
          {"log_likelihood", r.logLikelihood ? nlohmann::json(*r.logLikelihood) : nlohmann::json(nullptr)}};
}

void printText(const loupe::storage::ConsensusOutcome& out) {
  const auto& r = out.result;
  std::cout << "wrote " << out.items.size() << " image labels to '" << out.labeler << "' ("
            << loupe::consensus::toString(out.method);
  if (out.method == loupe::consensus::Method::DawidSkene)
    std::cout << ", " << (r.converged ? "converged after " : "stopped unconverged after ") << r.iterations << " iterations";
  std::cout << ")\n\nlabeler\taccuracy\n";
  for (std::size_t l = 0; l < out.labelers.size(); ++l) {
    std::cout << out.labelers[l] << "\t";
    if (r.accuracy[l])
      std::cout << std::fixed << std::setprecision(3) << *r.accuracy[l] << "\n";
    else
      std::cout << "—\n";
  }
}

int run(const Options& o) {
  using namespace loupe;
  auto project = storage::Project::open(o.project);
  storage::ConsensusRequest request;
  request.method = *consensus::methodFromString(o.method);  // CLI11 checked the name
  request.labelers = o.labelers;
  request.name = o.name;
  const auto out = storage::writeConsensus(project, request);
  if (o.json)
    std::cout << toJson(out).dump(2) << "\n";
  else
    printText(out);
  return 0;
}

loupe::app::cli::VerbRegistration reg{"consensus", [](CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* sub = app.add_subcommand("consensus", "Consensus labels from several labelers (Dawid-Skene or majority "
                                              "vote), with each labeler's estimated accuracy");
  sub->add_option("project", o->project, "Project file (.loupe)")->required();
  sub->add_option("--method", o->method, "dawid-skene or majority")
      ->capture_default_str()
      ->check(CLI::IsMember({"dawid-skene", "majority"}));
  sub->add_option("--labelers", o->labelers, "Labelers to combine (default: every human labeler)")->delimiter(',');
  sub->add_option("--name", o->name, "Consensus labeler to write (default: consensus-<method>)");
  sub->add_flag("--json", o->json, "Print JSON");
  return std::function<int()>([o] { return run(*o); });
}};

}  // namespace
