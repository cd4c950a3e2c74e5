#include "core/analysis/agreement_hlp.h"

#include <stdexcept>

#include "core/agreement/agreement_data.h"
#include "core/agreement/hlp.h"

namespace loupe::analysis {

std::optional<double> agreementHlp(const EvalTable& t, const RowSet& rows) {
  if (t.humans.empty()) return std::nullopt;
  // Rows no human labeled cannot contribute; leaving them out keeps a million-row slice cheap.
  std::vector<Id> items;
  std::vector<std::uint32_t> kept;
  for (const auto r : rows)
    for (const auto& h : t.humans)
      if (h.hasLabel(r)) {
        items.push_back(t.itemIds[r]);
        kept.push_back(r);
        break;
      }
  if (items.empty()) return std::nullopt;

  // Labeler ids here are column positions: 1 = the reference, 2.. = the humans.
  std::vector<Labeler> labelers{{1, t.reference.name, LabelerKind::Reference}};
  for (std::size_t h = 0; h < t.humans.size(); ++h)
    labelers.push_back({static_cast<Id>(h + 2), t.humans[h].name, LabelerKind::Human});
  std::vector<ClassDef> classes;
  for (std::size_t c = 0; c < t.classes.size(); ++c)
    classes.push_back({static_cast<Id>(c + 1), t.classes[c], {}, {}, static_cast<int>(c)});

  agreement::AgreementDataBuilder builder(items, labelers, classes);
  auto add = [&](const LabelColumn& col, Id labeler, std::uint32_t r) {
    if (t.task == TaskKind::Classification) {
      if (col.label[r] >= 0) builder.addImageLabel(t.itemIds[r], labeler, col.label[r] + 1);
      return;
    }
    for (const auto& b : col.boxes[r])
      if (!b.crowd) builder.addBox(t.itemIds[r], labeler, b.cls + 1, b.box);
  };
  for (const auto r : kept) {
    add(t.reference, 1, r);
    for (std::size_t h = 0; h < t.humans.size(); ++h) add(t.humans[h], static_cast<Id>(h + 2), r);
  }
  try {
    const auto result = agreement::humanLevelPerformance(builder.finish(), std::vector<std::string>(items.size(), "s"),
                                                         {t.reference.name, 0.5});
    return result.slices.empty() ? std::nullopt : result.slices.front().hlp.value;
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // too few labelers on this slice: HLP is unknown, not an error
  }
}

}  // namespace loupe::analysis
