#include "storage/agreement/agreement_source.h"

#include <stdexcept>
#include <unordered_map>

#include "core/agreement/report_json.h"
#include "storage/sql/connection.h"

namespace loupe::storage {
namespace {

// Every box as (item, labeler, class, box). Project::forEachBox sorts by item and builds full
// Annotation values with their timestamps; the builder buckets rows itself, so a plain table scan
// of the needed columns is several times faster on millions of boxes.
template <class Fn>
void forEachBoxRow(const Project& project, Fn&& fn) {
  auto st = project.connection().prepare(
      "SELECT item_id, labeler_id, class_id, x, y, w, h FROM annotations WHERE kind = 'box'");
  while (st.step()) fn(st.int64(0), st.int64(1), st.int64(2), Box{st.real(3), st.real(4), st.real(5), st.real(6)});
}

}  // namespace

agreement::AgreementData loadAgreementData(const Project& project, const AgreementSource& source) {
  const auto all = project.labelers();
  std::vector<Labeler> chosen;
  if (source.labelers.empty()) {
    for (const auto& l : all)
      if (l.kind == LabelerKind::Human || l.kind == LabelerKind::Reference) chosen.push_back(l);
  } else {
    for (const auto& name : source.labelers) {
      const auto l = project.labelerByName(name);
      if (!l) {
        std::string known;
        for (const auto& k : all) known += (known.empty() ? "" : ", ") + k.name;
        throw std::invalid_argument("unknown labeler '" + name + "' (the project has: " +
                                    (known.empty() ? std::string("none") : known) + ")");
      }
      chosen.push_back(*l);
    }
  }
  ItemFilter filter;
  if (!source.sliceKey.empty()) {
    filter.attributeKey = source.sliceKey;
    filter.attributeValue = source.sliceValue;
  }
  agreement::AgreementDataBuilder builder(project.itemIds(filter), chosen, project.classes());
  project.forEachImageLabel([&](const ImageLabelRow& row) { builder.addImageLabel(row.itemId, row.labelerId, row.classId); });
  forEachBoxRow(project, [&](Id item, Id labeler, Id cls, const Box& box) { builder.addBox(item, labeler, cls, box); });
  auto data = builder.finish();
  if (source.className.empty()) return data;
  for (std::size_t c = 0; c < data.classes.size(); ++c)
    if (data.classes[c].name == source.className) return agreement::oneClassScope(data, static_cast<int>(c));
  throw std::invalid_argument("unknown class '" + source.className + "'");
}

std::string scopeName(const AgreementSource& source) {
  std::string scope;
  if (!source.sliceKey.empty()) scope = source.sliceKey + "=" + source.sliceValue;
  if (!source.className.empty()) {
    if (!scope.empty()) scope += ';';
    scope += "class:";
    scope += source.className;
  }
  return scope.empty() ? "all" : scope;
}

agreement::AgreementReport computeAgreement(Project& project, const AgreementSource& source,
                                            const agreement::AgreementOptions& options, bool store) {
  auto report = agreement::computeAgreement(loadAgreementData(project, source), options);
  if (store) project.addAgreementSnapshot(scopeName(source), agreement::toJson(report).dump());
  return report;
}

std::vector<std::string> attributeOfUnits(const Project& project, const agreement::AgreementData& data,
                                          const std::string& key, const std::string& missing) {
  std::unordered_map<Id, std::string> valueOf;
  for (auto& [item, value] : project.attributeValues(key)) valueOf.emplace(item, std::move(value));
  std::vector<std::string> out;
  out.reserve(data.items.size());
  for (Id item : data.items) {
    const auto it = valueOf.find(item);
    out.push_back(it == valueOf.end() ? missing : it->second);
  }
  return out;
}

}  // namespace loupe::storage
