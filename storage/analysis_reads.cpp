#include "storage/analysis_reads.h"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "core/analysis/perceptual_hash.h"
#include "storage/internal.h"

namespace loupe::storage {
namespace {

using analysis::EvalTable;
using analysis::LabelColumn;
using analysis::ScoredBox;

// Item id → row. Ids are usually dense, so a flat vector beats a hash map by far at 1M rows.
class RowIndex {
 public:
  explicit RowIndex(const std::vector<Id>& ids) {
    if (ids.empty()) return;
    min_ = ids.front();
    const Id span = ids.back() - min_ + 1;
    if (span <= static_cast<Id>(4 * ids.size() + 1024)) {
      dense_.assign(static_cast<std::size_t>(span), -1);
      for (std::size_t r = 0; r < ids.size(); ++r) dense_[ids[r] - min_] = static_cast<std::int64_t>(r);
    } else {
      for (std::size_t r = 0; r < ids.size(); ++r) sparse_[ids[r]] = static_cast<std::int64_t>(r);
    }
  }
  std::int64_t operator[](Id id) const {
    if (!dense_.empty()) {
      const Id off = id - min_;
      return off < 0 || off >= static_cast<Id>(dense_.size()) ? -1 : dense_[off];
    }
    const auto it = sparse_.find(id);
    return it == sparse_.end() ? -1 : it->second;
  }

 private:
  Id min_ = 0;
  std::vector<std::int64_t> dense_;
  std::unordered_map<Id, std::int64_t> sparse_;
};

Labeler requireLabeler(const Project& p, const std::string& name, const char* role) {
  if (name.empty()) throw std::invalid_argument(std::string("no ") + role + " labeler given");
  auto l = p.labelers().byName(name);
  if (!l) throw std::invalid_argument(std::string("no labeler named '") + name + "' (" + role + ")");
  return *l;
}

bool drewBoxes(const Project& p, Id labelerId) {
  auto st = detail::connection(p).prepare("SELECT 1 FROM annotations WHERE labeler_id = ? AND kind = 'box' LIMIT 1");
  st.bind(1, labelerId);
  return st.step();
}

// Codes a text column: values in first-seen order are re-sorted at the end for stable output.
// Reads come grouped by value (index order), so a value equal to the previous row's skips the hash.
struct FacetBuilder {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  analysis::Facet facet;
  std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> codeOf;
  std::int32_t lastCode = -1;
  void set(std::size_t row, std::string_view value) {
    if (lastCode < 0 || value != facet.values[static_cast<std::size_t>(lastCode)]) {
      auto it = codeOf.find(value);
      if (it == codeOf.end()) {
        it = codeOf.emplace(std::string(value), static_cast<std::int32_t>(facet.values.size())).first;
        facet.values.emplace_back(value);
      }
      lastCode = it->second;
    }
    facet.codes[row] = lastCode;
  }
  analysis::Facet finish() {
    std::vector<std::int32_t> order(facet.values.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return facet.values[a] < facet.values[b]; });
    std::vector<std::int32_t> remap(order.size());
    std::vector<std::string> sorted;
    for (std::size_t i = 0; i < order.size(); ++i) {
      remap[order[i]] = static_cast<std::int32_t>(i);
      sorted.push_back(facet.values[order[i]]);
    }
    for (auto& c : facet.codes)
      if (c >= 0) c = remap[c];
    facet.values = std::move(sorted);
    return std::move(facet);
  }
};

// Class id → column index of the table; ids are small and dense, so a flat vector.
class ClassIndex {
 public:
  void add(Id id, std::int32_t index) {
    if (id < 0) throw std::logic_error("negative class id");
    if (static_cast<std::size_t>(id) >= index_.size()) index_.resize(static_cast<std::size_t>(id) + 1, -1);
    index_[static_cast<std::size_t>(id)] = index;
  }
  std::int32_t operator[](Id id) const {
    const auto i = id >= 0 && static_cast<std::size_t>(id) < index_.size() ? index_[static_cast<std::size_t>(id)] : -1;
    if (i < 0) throw std::logic_error("annotation names unknown class id " + std::to_string(id));
    return i;
  }

 private:
  std::vector<std::int32_t> index_;
};

// One labeler's image labels in item order; the index annotations_kind_labeler (schema v2)
// answers it without reading the table. Several labels on one item come one after another.
constexpr const char* kLabelsOfLabeler =
    "SELECT item_id, class_id, id FROM annotations WHERE kind = 'label' AND labeler_id = ? ORDER BY item_id";

bool wanted(const EvalLoadOptions& o, const std::string& key) {
  return !o.facets || std::find(o.facets->begin(), o.facets->end(), key) != o.facets->end();
}

void loadBoxes(const Project& p, Id labelerId, const RowIndex& rows, const ClassIndex& cls,
               LabelColumn& column) {
  p.reads().forEachBox(
      [&](const Annotation& a) {
        const auto r = rows[a.itemId];
        if (r < 0) return;
        column.boxes[r].push_back({cls[a.classId], a.box, a.score.value_or(1.0), false});
        column.labeled[r] = 1;
      },
      labelerId);
}

}  // namespace

EvalTable loadEvalTable(const Project& project, const EvalLoadOptions& options) {
  const Labeler reference = requireLabeler(project, options.reference, "reference");
  const Labeler model = requireLabeler(project, options.model, "model");
  EvalTable t;
  t.task = drewBoxes(project, reference.id) ? analysis::TaskKind::Detection : analysis::TaskKind::Classification;
  ClassIndex classIndex;
  for (const auto& c : project.classes().all()) {
    classIndex.add(c.id, static_cast<std::int32_t>(t.classes.size()));
    t.classes.push_back(c.name);
  }
  auto& db = detail::connection(project);

  std::vector<Labeler> humans;
  if (options.humans)
    for (const auto& l : project.labelers().all())
      if (l.kind == LabelerKind::Human && l.id != reference.id && l.id != model.id) humans.push_back(l);

  // Rows: the items the reference labeled (image labels) or drew boxes on.
  std::vector<std::int32_t> referenceLabels;
  if (t.task == analysis::TaskKind::Classification) {
    // Where a labeler labeled an item twice, the later label (higher id) counts.
    std::vector<Id> latest;
    auto st = db.prepare(kLabelsOfLabeler);
    st.bind(1, reference.id);
    while (st.step()) {
      const Id item = st.int64(0), id = st.int64(2);
      const auto cls = classIndex[st.int64(1)];
      if (!t.itemIds.empty() && t.itemIds.back() == item) {
        if (id > latest.back()) latest.back() = id, referenceLabels.back() = cls;
        continue;
      }
      t.itemIds.push_back(item);
      latest.push_back(id);
      referenceLabels.push_back(cls);
    }
  } else {
    auto st = db.prepare("SELECT DISTINCT item_id FROM annotations WHERE labeler_id = ? AND kind = 'box' ORDER BY item_id");
    st.bind(1, reference.id);
    while (st.step()) t.itemIds.push_back(st.int64(0));
  }
  const RowIndex rows(t.itemIds);
  const std::size_t n = t.itemIds.size();

  auto column = [&](const Labeler& l) {
    LabelColumn c{l.name, l.kind, {}, {}, {}};
    if (t.task == analysis::TaskKind::Classification) {
      c.label.assign(n, -1);
      std::vector<Id> latest(n, 0);
      auto st = db.prepare(kLabelsOfLabeler);
      st.bind(1, l.id);
      while (st.step()) {
        const auto r = rows[st.int64(0)];
        const Id id = st.int64(2);
        if (r < 0 || id < latest[static_cast<std::size_t>(r)]) continue;
        latest[static_cast<std::size_t>(r)] = id;
        c.label[static_cast<std::size_t>(r)] = classIndex[st.int64(1)];
      }
    } else {
      c.boxes.resize(n);
      c.labeled.assign(n, 0);
      loadBoxes(project, l.id, rows, classIndex, c);
    }
    return c;
  };
  if (t.task == analysis::TaskKind::Classification)
    t.reference = {reference.name, reference.kind, std::move(referenceLabels), {}, {}};
  else
    t.reference = column(reference);
  t.model = column(model);
  // A model that ran on an image and found nothing has still answered: every reference image
  // is scored, so missed objects on images without any prediction count as misses.
  if (t.task == analysis::TaskKind::Detection) t.model.labeled.assign(n, 1);
  for (const auto& h : humans) t.humans.push_back(column(h));

  // Facets: split and source from the items table, then one per attribute key.
  const bool wantSplit = wanted(options, "split"), wantSource = wanted(options, "source");
  if (wantSplit || wantSource) {
    FacetBuilder split{{"split", {}, std::vector<std::int32_t>(n, -1)}, {}};
    FacetBuilder source{{"source", {}, std::vector<std::int32_t>(n, -1)}, {}};
    if (!wantSource) {
      // Split alone: one range of the covering index items_split per value the schema allows,
      // so each row costs one integer and no text.
      auto st = db.prepare("SELECT id FROM items WHERE split = ?");
      for (const char* value : {"unassigned", "train", "val", "test"}) {
        st.bind(1, value);
        while (st.step()) {
          const auto r = rows[st.int64(0)];
          if (r >= 0) split.set(static_cast<std::size_t>(r), value);
        }
        st.reset();
      }
    } else {
      auto st = db.prepare("SELECT id, split, source FROM items");
      while (st.step()) {
        const auto r = rows[st.int64(0)];
        if (r < 0) continue;
        if (wantSplit) split.set(static_cast<std::size_t>(r), st.textView(1));
        const auto s = st.textView(2);
        if (!s.empty()) source.set(static_cast<std::size_t>(r), s);
      }
    }
    if (wantSplit) t.facets.push_back(split.finish());
    if (wantSource && !source.facet.values.empty()) t.facets.push_back(source.finish());
  }
  for (const auto& key : project.attributes().keys()) {
    if (!wanted(options, key)) continue;
    const bool reserved = analysis::fieldOfKey(key, nullptr) != analysis::SliceField::Attribute;
    FacetBuilder f{{reserved ? "attr:" + key : key, {}, std::vector<std::int32_t>(n, -1)}, {}};
    // The covering index item_attributes_key yields the rows grouped by value; no sort needed.
    auto st = db.prepare("SELECT item_id, value FROM item_attributes WHERE key = ?");
    st.bind(1, key);
    while (st.step()) {
      const auto r = rows[st.int64(0)];
      if (r >= 0) f.set(static_cast<std::size_t>(r), st.textView(1));
    }
    if (!f.facet.values.empty()) t.facets.push_back(f.finish());
  }
  return t;
}

LeakageLoad loadLeakageItems(const Project& project, bool perceptual, const Progress& progress) {
  LeakageLoad out;
  const std::int64_t total = project.items().count();
  auto st = detail::connection(project).prepare(
      "SELECT i.id, i.name, i.split, i.group_key, i.content_hash, i.width, i.height, m.format, m.bytes, "
      "m.external_path, m.sha256 FROM items i LEFT JOIN media m ON m.id = i.media_id ORDER BY i.id");
  std::int64_t done = 0;
  while (st.step()) {
    analysis::LeakageItem item;
    item.id = st.int64(0);
    item.name = st.text(1);
    item.split = detail::splitFromDb(st.text(2));
    item.groupKey = st.text(3);
    item.contentHash = st.text(4);
    if (item.contentHash.empty() && !st.isNull(10)) item.contentHash = st.text(10);
    if (perceptual && !st.isNull(7) && item.split != Split::Unassigned) {
      const std::string format = st.text(7);
      std::vector<std::uint8_t> bytes = st.isNull(8) ? std::vector<std::uint8_t>{} : st.blob(8);
      try {
        if (bytes.empty() && !st.isNull(9)) bytes = detail::readExternalMedia(project.path(), st.text(9));
        const int w = st.int32(5), h = st.int32(6);
        if (format == "raw-gray8" && static_cast<std::int64_t>(bytes.size()) == static_cast<std::int64_t>(w) * h)
          item.perceptualHash = analysis::perceptualHashOfGray(bytes.data(), w, h);
        else
          item.perceptualHash = analysis::perceptualHashOfEncoded(bytes);
      } catch (const std::exception& e) {
        out.warnings.push_back(item.name + ": " + e.what());
      }
    }
    out.items.push_back(std::move(item));
    if (++done % 256 == 0) progress(done, total, "hashing images");
  }
  progress(done, total, "hashing images");
  return out;
}

}  // namespace loupe::storage
