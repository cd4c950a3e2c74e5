// `loupe hlp P`: human-level performance per slice, against the reference labeler when there is
// one, else the mean agreement between human labelers.
#include <iomanip>
#include <iostream>
#include <memory>

#include "app/cli/verb_registry.h"
#include "core/agreement/hlp.h"
#include "core/agreement/report_json.h"
#include "storage/agreement/agreement_source.h"
#include "storage/project.h"

namespace {

struct Options {
  std::string project;
  std::string reference;
  std::string by;
  double iou = 0.5;
  bool json = false;
};

constexpr const char* kNoValue = "(none)";

int run(const Options& o) {
  using namespace loupe;
  auto project = storage::Project::open(o.project);
  storage::AgreementSource source;  // every human and reference labeler
  if (!o.reference.empty()) {
    if (!project.labelerByName(o.reference)) throw std::invalid_argument("unknown reference labeler '" + o.reference + "'");
    for (const auto& l : project.labelers())
      if (l.kind == LabelerKind::Human || l.name == o.reference) source.labelers.push_back(l.name);
  }
  const auto data = storage::loadAgreementData(project, source);
  const auto slices = o.by.empty() ? std::vector<std::string>(data.items.size(), "all")
                                   : storage::attributeOfUnits(project, data, o.by, kNoValue);
  agreement::HlpOptions options;
  if (!o.reference.empty()) options.reference = o.reference;
  options.iouThreshold = o.iou;
  const auto result = agreement::humanLevelPerformance(data, slices, options);
  if (o.json) {
    std::cout << agreement::toJson(result).dump(2) << "\n";
    return 0;
  }
  std::cout << "HLP (" << (result.boxes ? "box F1" : "accuracy") << ", "
            << (result.reference ? "against '" + *result.reference + "'" : std::string("between humans")) << ")\n";
  for (const auto& s : result.slices) {
    std::cout << s.slice << "\t" << s.items << " items\t";
    if (s.hlp.value)
      std::cout << std::fixed << std::setprecision(3) << *s.hlp.value << "\n";
    else
      std::cout << "—\n";
  }
  for (const auto& n : result.notes) std::cout << "note: " << n << "\n";
  return 0;
}

loupe::app::cli::VerbRegistration reg{"hlp", [](CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* sub = app.add_subcommand("hlp", "Human-level performance per slice");
  sub->add_option("project", o->project, "Project file (.loupe)")->required();
  sub->add_option("--reference", o->reference, "Reference labeler (default: the one labeler of kind reference)");
  sub->add_option("--by", o->by, "Attribute key: one slice per value");
  sub->add_option("--iou", o->iou, "IoU threshold for box F1")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  sub->add_flag("--json", o->json, "Print JSON");
  return std::function<int()>([o] { return run(*o); });
}};

}  // namespace
