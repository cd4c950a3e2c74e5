// `loupe agreement P`: labeler agreement over the project, a slice or one class; every run is
// stored as an agreement snapshot for the trend view.
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "app/cli/verb_registry.h"
#include "core/agreement/report.h"
#include "core/agreement/report_json.h"
#include "storage/agreement/agreement_source.h"
#include "storage/project.h"

namespace {

struct Options {
  std::string project;
  std::vector<std::string> labelers;
  std::string level = "nominal";
  double iou = 0.5;
  std::string slice;      // KEY=VALUE
  std::string className;  // one-vs-rest scope
  bool json = false;
  bool noSnapshot = false;
};

std::string show(const loupe::agreement::Coefficient& c) {
  if (!c.value) return "—";
  std::ostringstream s;
  s << std::fixed << std::setprecision(3) << *c.value;
  return s.str();
}

void printText(const loupe::agreement::AgreementReport& r) {
  std::cout << "items " << r.items << ", labelers " << r.labelers.size() << ", level "
            << loupe::agreement::toString(r.level) << "\n"
            << "percent agreement  " << show(r.percentAgreement) << "\n"
            << "Fleiss' kappa      " << show(r.fleissKappa) << "\n"
            << "Krippendorff alpha " << show(r.krippendorffAlpha) << "\n";
  if (!r.pairs.empty()) std::cout << "\npair\tn\tagree\tkappa\tlinear\tquadr.\tpi\n";
  for (const auto& p : r.pairs)
    std::cout << p.a << "/" << p.b << "\t" << p.n << "\t" << show(p.percentAgreement) << "\t" << show(p.cohenKappa)
              << "\t" << show(p.cohenKappaLinear) << "\t" << show(p.cohenKappaQuadratic) << "\t" << show(p.scottPi)
              << "\n";
  if (!r.boxPairs.empty())
    std::cout << "\nboxes (IoU >= " << r.iouThreshold << ")\tprec.\trecall\tF1\tmIoU\tmatch\tmiss\textra\tclass\n";
  for (const auto& p : r.boxPairs) {
    const auto& b = p.agreement;
    std::cout << p.a << "/" << p.b << "\t" << show(b.precision) << "\t" << show(b.recall) << "\t" << show(b.f1) << "\t"
              << show(b.meanIou) << "\t" << b.counts.matched << "\t" << b.counts.missing() << "\t" << b.counts.extra()
              << "\t" << b.counts.classMismatch << "\n";
  }
  for (const auto& n : r.notes) std::cout << "note: " << n << "\n";
}

int run(const Options& o) {
  using namespace loupe;
  const auto level = agreement::levelFromString(o.level);
  if (!level) throw std::invalid_argument("--level must be nominal, ordinal, interval or ratio, not '" + o.level + "'");
  storage::AgreementSource source;
  source.labelers = o.labelers;
  source.className = o.className;
  if (!o.slice.empty()) {
    const auto eq = o.slice.find('=');
    if (eq == std::string::npos || eq == 0) throw std::invalid_argument("--slice must be KEY=VALUE, not '" + o.slice + "'");
    source.sliceKey = o.slice.substr(0, eq);
    source.sliceValue = o.slice.substr(eq + 1);
  }
  auto project = storage::Project::open(o.project);
  agreement::AgreementOptions options;
  options.level = *level;
  options.iouThreshold = o.iou;
  const auto report = storage::computeAgreement(project, source, options, !o.noSnapshot);
  if (o.json)
    std::cout << agreement::toJson(report).dump(2) << "\n";
  else
    printText(report);
  return 0;
}

loupe::app::cli::VerbRegistration reg{"agreement", [](CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* sub = app.add_subcommand("agreement", "Labeler agreement: percent agreement, kappas, Scott's pi, "
                                              "Krippendorff's alpha and box agreement per labeler pair");
  sub->add_option("project", o->project, "Project file (.loupe)")->required();
  sub->add_option("--labelers", o->labelers, "Labelers to compare (default: every human and reference labeler)")
      ->delimiter(',');
  sub->add_option("--level", o->level, "Krippendorff's alpha level: nominal, ordinal, interval or ratio")
      ->capture_default_str();
  sub->add_option("--iou", o->iou, "IoU threshold for box matching")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  sub->add_option("--slice", o->slice, "Only items whose attribute KEY equals VALUE (KEY=VALUE)");
  sub->add_option("--class", o->className, "One class against the rest");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->add_flag("--no-snapshot", o->noSnapshot, "Do not store this computation as an agreement snapshot");
  return std::function<int()>([o] { return run(*o); });
}};

}  // namespace
