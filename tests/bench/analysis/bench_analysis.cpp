// Builds (once) a project with 1,000,000 image-labelled items — reference, model and, on 5% of
// the items, a human labeler — then times what `loupe slices --by split` and `loupe confusion`
// do: load the labels from the file, the slice table with HLP, the confusion matrix and report.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "core/analysis/agreement_hlp.h"
#include "core/analysis/classification_report.h"
#include "core/analysis/slice_metrics.h"
#include "core/formats/dataset.h"
#include "storage/analysis_reads.h"
#include "storage/project.h"
#include "storage/transfer/import.h"
#include "tests/bench/bench_size.h"

using namespace loupe;
using Clock = std::chrono::steady_clock;

namespace {

const int kItems = bench::size(1'000'000, 2000);
constexpr int kClasses = 10;

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }
// Process CPU time: on a shared, overloaded machine wall time mostly measures the wait for a core.
double cpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Lcg {  // deterministic data without <random>'s distribution differences across libraries
  std::uint64_t s = 42;
  std::uint32_t next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(s >> 33);
  }
  double unit() { return next() / 2147483648.0; }
};

void build(const std::filesystem::path& path) {
  auto project = storage::Project::create(path);
  project.labelers().ensure("ref", LabelerKind::Reference);
  project.labelers().ensure("net", LabelerKind::Model);
  project.labelers().ensure("ann", LabelerKind::Human);
  Dataset d;
  for (int c = 0; c < kClasses; ++c) d.classes.push_back("class" + std::to_string(c));
  Lcg rng;
  const char* weather[] = {"sun", "rain", "fog"};
  d.images.reserve(kItems);
  d.annotations.reserve(2 * kItems + kItems / 20 + 1);
  for (int i = 0; i < kItems; ++i) {
    DatasetImage img;
    img.name = "item" + std::to_string(i);
    img.width = img.height = 28;
    const double u = rng.unit();
    img.split = u < 0.8 ? Split::Train : u < 0.9 ? Split::Val : Split::Test;
    img.attributes["weather"] = weather[rng.next() % 3];
    const int truth = static_cast<int>(rng.next() % kClasses);
    // The model is worse on higher class indices (95% .. 77%), humans 95% everywhere.
    const int model = rng.unit() < 0.95 - 0.02 * truth ? truth : static_cast<int>(rng.next() % kClasses);
    auto label = [&](const char* labeler, int cls, std::optional<double> score) {
      DatasetAnnotation a;
      a.item = img.name;
      a.className = d.classes[cls];
      a.labeler = labeler;
      a.score = score;
      d.annotations.push_back(std::move(a));
    };
    label("ref", truth, std::nullopt);
    label("net", model, 0.5 + 0.5 * rng.unit());
    if (i % 20 == 0) label("ann", rng.unit() < 0.95 ? truth : static_cast<int>(rng.next() % kClasses), std::nullopt);
    d.images.push_back(std::move(img));
  }
  storage::ImportOptions o;
  o.source = "import:bench";
  storage::importDataset(project, d, o);
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path path =
      argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::temp_directory_path() / "loupe-bench-analysis-1m.loupe";
  if (!std::filesystem::exists(path)) {
    const auto t0 = Clock::now();
    build(path);
    std::printf("built %d-item project in %.1f s: %s\n", kItems, seconds(t0, Clock::now()), path.c_str());
  }
  const auto project = storage::Project::open(path);

  // What `loupe slices P --model net --reference ref --by split` and `loupe confusion` compute.
  // The first pass is what a fresh `loupe slices` process pays (the file in the OS cache, SQLite's
  // own cache empty); the second finds SQLite's page cache warm, like a GUI refresh.
  storage::EvalLoadOptions o;
  o.model = "net";
  o.reference = "ref";
  for (const char* pass : {"cold", "warm"}) {
    const auto t0 = Clock::now();
    const double c0 = cpuSeconds();
    o.facets = std::vector<std::string>{"split"};
    const auto table = storage::loadEvalTable(project, o);
    const auto t1 = Clock::now();
    auto rows = analysis::sliceTable(table, analysis::groupRows(table, "split"), analysis::agreementHlp);
    analysis::sortByPriority(rows);
    const auto t2 = Clock::now();
    const auto report =
        analysis::classificationReport(analysis::confusionOn(table, table.model, analysis::selectRows(table, {})));
    const auto t3 = Clock::now();
    const double c3 = cpuSeconds();

    std::printf("[%s] items: %zu\n", pass, table.rows());
    std::printf("[%s] load from project file: %.3f s\n", pass, seconds(t0, t1));
    std::printf("[%s] slice table by split (with HLP): %.3f s\n", pass, seconds(t1, t2));
    std::printf("[%s] confusion matrix + report: %.3f s\n", pass, seconds(t2, t3));
    std::printf("[%s] slice table + confusion from the file: %.3f s wall, %.3f s CPU (target < 1 s)\n", pass,
                seconds(t0, t3), c3 - c0);
    std::printf("[%s] accuracy %.4f, macro F1 %.4f; top slice %s items %lld share %.4f priority %.4f\n", pass,
                report.accuracy, report.macroF1, rows.front().slice.c_str(),
                static_cast<long long>(rows.front().items), rows.front().share, rows.front().priority.value_or(0));
  }

  // The default table (every key: split, source, class, labeler, weather).
  const auto t4 = Clock::now();
  const double c4 = cpuSeconds();
  o.facets.reset();
  const auto full = storage::loadEvalTable(project, o);
  std::vector<analysis::SliceRows> slices;
  for (const auto& key : analysis::sliceKeys(full))
    for (auto& g : analysis::groupRows(full, key)) slices.push_back(std::move(g));
  const auto all = analysis::sliceTable(full, slices, analysis::agreementHlp);
  std::printf("default slice table (%zu slices, all keys) from the file: %.3f s wall, %.3f s CPU\n", all.size(),
              seconds(t4, Clock::now()), cpuSeconds() - c4);
  return 0;
}
