#include "core/agreement/hlp.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/agreement/box_matching.h"

namespace loupe::agreement {
namespace {

// Image labels: share of units both rated on which they agree; boxes: F1 over the units where
// either drew a box. Empty when the two share nothing to compare.
std::optional<double> pairScore(const AgreementData& d, const std::vector<std::size_t>& units, int a, int b,
                                bool boxes, double iouThreshold) {
  if (boxes) {
    BoxCounts sum;
    for (auto u : units) {
      if (d.boxes.countAt(u, a) == 0 && d.boxes.countAt(u, b) == 0) continue;
      sum += matchBoxes(d.boxes.at(u, a), d.boxes.at(u, b), iouThreshold);
    }
    return summarize(sum).f1.value;
  }
  std::size_t n = 0, same = 0;
  for (auto u : units) {
    const int x = d.labels.at(u, a), y = d.labels.at(u, b);
    if (x == kMissing || y == kMissing) continue;
    ++n;
    if (x == y) ++same;
  }
  if (n == 0) return std::nullopt;
  return double(same) / double(n);
}

}  // namespace

HlpResult humanLevelPerformance(const AgreementData& data, const std::vector<std::string>& sliceOfUnit,
                                const HlpOptions& options) {
  if (sliceOfUnit.size() != data.items.size()) throw std::invalid_argument("HLP: one slice name per item is needed");
  HlpResult result;
  std::optional<int> reference;
  if (options.reference) {
    for (std::size_t r = 0; r < data.labelers.size(); ++r)
      if (data.labelers[r].name == *options.reference) reference = static_cast<int>(r);
    if (!reference) throw std::invalid_argument("unknown reference labeler '" + *options.reference + "'");
  } else {
    std::vector<int> refs;
    for (std::size_t r = 0; r < data.labelers.size(); ++r)
      if (data.labelers[r].kind == LabelerKind::Reference) refs.push_back(static_cast<int>(r));
    if (refs.size() == 1) reference = refs.front();
    if (refs.size() > 1)
      result.notes.push_back("several reference labelers and none chosen: HLP is the mean agreement between humans");
  }
  std::vector<int> humans;
  for (std::size_t r = 0; r < data.labelers.size(); ++r)
    if (data.labelers[r].kind == LabelerKind::Human && static_cast<int>(r) != reference) humans.push_back(static_cast<int>(r));
  if (reference && humans.empty())
    throw std::invalid_argument("HLP needs at least one human labeler besides the reference");
  if (!reference && humans.size() < 2)
    throw std::invalid_argument("HLP without a reference labeler needs at least two human labelers; got " +
                                std::to_string(humans.size()));
  if (reference) result.reference = data.labelers[static_cast<std::size_t>(*reference)].name;
  result.boxes = !data.boxes.boxes.empty();
  if (result.boxes && std::any_of(data.labels.values.begin(), data.labels.values.end(), [](int v) { return v != kMissing; }))
    result.notes.push_back("the project has boxes and image labels: HLP uses the boxes (F1)");

  std::map<std::string, std::vector<std::size_t>> slices;
  for (std::size_t u = 0; u < sliceOfUnit.size(); ++u) slices[sliceOfUnit[u]].push_back(u);

  std::vector<int> involved = humans;
  if (reference) involved.push_back(*reference);
  for (const auto& [name, units] : slices) {
    HlpSlice s;
    s.slice = name;
    for (auto u : units)
      if (std::any_of(involved.begin(), involved.end(), [&](int r) {
            return data.labels.at(u, r) != kMissing || data.boxes.countAt(u, r) > 0;
          }))
        ++s.items;
    double sum = 0;
    std::size_t scored = 0;
    auto add = [&](int a, int b) {
      if (const auto v = pairScore(data, units, a, b, result.boxes, options.iouThreshold)) {
        sum += *v;
        ++scored;
      }
    };
    if (reference) {
      for (int h : humans) add(*reference, h);
    } else {
      for (std::size_t i = 0; i < humans.size(); ++i)
        for (std::size_t j = i + 1; j < humans.size(); ++j) add(humans[i], humans[j]);
    }
    s.hlp = scored > 0 ? Coefficient::of(sum / double(scored))
                       : Coefficient::undefined("slice '" + name + "': no item labeled by " +
                                                (reference ? "the reference and a human" : "two humans"));
    if (!s.hlp.value) result.notes.push_back(s.hlp.note);
    result.slices.push_back(std::move(s));
  }
  return result;
}

}  // namespace loupe::agreement
