#include "storage/slice_report.h"

#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

#include "core/analysis/agreement_hlp.h"
#include "core/analysis/slice_definition.h"
#include "core/analysis/slice_metrics.h"
#include "storage/analysis_reads.h"

namespace loupe::storage {

SliceReport sliceReport(const Project& project, const SliceReportOptions& options) {
  EvalLoadOptions load;
  load.model = options.model;
  load.reference = options.reference;
  // Load only the facets the requested groupings need (the big win at a million items).
  if (!options.by.empty()) {
    load.facets.emplace();
    for (const auto& k : options.by) {
      std::string key;
      analysis::fieldOfKey(k, &key);
      load.facets->push_back(key);
    }
  }
  const analysis::EvalTable table = loadEvalTable(project, load);

  std::vector<analysis::SliceRows> slices;
  const auto keys = options.by.empty() ? analysis::sliceKeys(table) : options.by;
  for (const auto& key : keys)
    for (auto& g : analysis::groupRows(table, key)) slices.push_back(std::move(g));
  if (options.by.empty())
    for (const auto& saved : project.slices().all()) {
      auto def = analysis::sliceFromJson(nlohmann::json::parse(saved.definitionJson));
      def.name = saved.name;
      auto rows = analysis::selectRows(table, def);
      slices.push_back({std::move(def), std::move(rows)});
    }

  SliceReport report;
  report.referenceItems = static_cast<std::int64_t>(table.rows());
  report.task = table.task;
  auto rows = analysis::sliceTable(table, slices, analysis::agreementHlp);
  // The same stable order as sortByPriority, applied to the item lists too.
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return analysis::higherPriority(rows[a], rows[b]); });
  report.rows.reserve(rows.size());
  for (const std::size_t i : order) {
    report.rows.push_back(std::move(rows[i]));
    if (!options.itemIds) continue;
    std::vector<Id> ids;
    ids.reserve(slices[i].rows.size());
    for (const std::uint32_t r : slices[i].rows) ids.push_back(table.itemIds[r]);
    report.itemIds.push_back(std::move(ids));
  }
  if (options.confusion) {
    analysis::RowSet all(table.rows());
    std::iota(all.begin(), all.end(), std::uint32_t{0});
    report.confusion = analysis::confusionOn(table, table.model, all, report.confusionItems);
  }
  return report;
}

}  // namespace loupe::storage
