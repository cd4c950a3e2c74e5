// importDataset: validate everything first, then write in one transaction.
#include "storage/transfer/import.h"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/formats/box_checks.h"
#include "core/formats/item_names.h"
#include "core/formats/sha256.h"
#include "storage/sqlite/connection.h"

namespace loupe::storage {
namespace {

constexpr std::int64_t kProgressEvery = 2048;

struct Size {
  int width = 0;
  int height = 0;
};

// Phase 1: nothing is written until the whole dataset is known to be valid.
class Validator {
 public:
  Validator(const Project& project, const Dataset& dataset, const ImportOptions& options)
      : project_(project), dataset_(dataset), file_(options.sourceFile) {}

  void run(const Progress& progress) {
    images_.reserve(dataset_.images.size());
    for (std::size_t i = 0; i < dataset_.images.size(); ++i) {
      const DatasetImage& img = dataset_.images[i];
      const InputLocation where{file_, 0, "images[" + std::to_string(i) + "].name"};
      requireSafeItemName(img.name, where);
      if (!images_.emplace(img.name, &img).second)
        throw InputError(where, "duplicate item name '" + img.name + "'");
      if (img.width < 0 || img.height < 0)
        throw InputError({file_, 0, "images[" + std::to_string(i) + "].width"}, "negative image size");
    }
    std::unordered_set<std::string> classes(dataset_.classes.begin(), dataset_.classes.end());
    for (const auto& c : project_.classes()) classes.insert(c.name);
    for (std::size_t k = 0; k < dataset_.annotations.size(); ++k) {
      if (k % kProgressEvery == 0)
        progress(static_cast<std::int64_t>(k), static_cast<std::int64_t>(dataset_.annotations.size()), "validating");
      const DatasetAnnotation& a = dataset_.annotations[k];
      auto where = [&](const char* field) {
        return InputLocation{file_, a.sourceLine,
                             a.sourceLine > 0 ? std::string(field)
                                              : "annotations[" + std::to_string(k) + "]." + field};
      };
      requireSafeItemName(a.item, where("item"));
      if (a.className.empty() || !classes.count(a.className))
        throw InputError(where("class"), "unknown class '" + a.className + "'");
      if (a.kind != AnnotationKind::Box) continue;
      const Box& b = a.box;
      if (!std::isfinite(b.x) || !std::isfinite(b.y) || !std::isfinite(b.w) || !std::isfinite(b.h))
        throw InputError(where("box"), "box coordinates must be finite numbers");
      const Size size = sizeOf(a.item);
      requireBoxInsideImage(b, size.width, size.height, where("box"));
    }
  }

 private:
  // The image's size from the dataset, else from the project (a CSV of boxes for stored items).
  Size sizeOf(const std::string& item) {
    if (auto it = images_.find(item); it != images_.end() && it->second->width > 0)
      return {it->second->width, it->second->height};
    if (auto it = projectSizes_.find(item); it != projectSizes_.end()) return it->second;
    Size s;
    if (auto rec = project_.itemByName(item)) s = {rec->item.width, rec->item.height};
    projectSizes_.emplace(item, s);
    return s;
  }

  const Project& project_;
  const Dataset& dataset_;
  std::string file_;
  std::unordered_map<std::string, const DatasetImage*> images_;
  std::unordered_map<std::string, Size> projectSizes_;
};

// Identity of an annotation for de-duplication: boxes equal to 1e-3 px are the same box.
struct AnnotationKey {
  std::array<std::int64_t, 8> v{};
  friend bool operator==(const AnnotationKey&, const AnnotationKey&) = default;
};
struct AnnotationKeyHash {
  std::size_t operator()(const AnnotationKey& k) const {
    // A full avalanche per field (splitmix64 finaliser) so nearby item ids and pixel values spread
    // over the buckets; FNV applied to whole 64-bit words only mixes upwards.
    std::uint64_t h = 0;
    for (auto x : k.v) {
      h ^= static_cast<std::uint64_t>(x) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
      h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
      h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
      h ^= h >> 31;
    }
    return static_cast<std::size_t>(h);
  }
};

std::int64_t milliPixels(double v) { return std::llround(v * 1000.0); }

AnnotationKey keyOf(Id item, Id labeler, Id cls, AnnotationKind kind, const Box& b) {
  AnnotationKey k;
  k.v = {item, labeler, cls, kind == AnnotationKind::Box ? 1 : 0, 0, 0, 0, 0};
  if (kind == AnnotationKind::Box) {
    k.v[4] = milliPixels(b.x);
    k.v[5] = milliPixels(b.y);
    k.v[6] = milliPixels(b.w);
    k.v[7] = milliPixels(b.h);
  }
  return k;
}

// Phase 2: the writes, with statements prepared once and reused for every row. Lookups (items by
// name, existing annotations) are done in memory from one scan each rather than one query per
// row: a 300,000-box import is dominated by per-row overhead.
class Writer {
 public:
  Writer(Project& project, const ImportOptions& options, ImportReport& report)
      : project_(project), db_(project.connection()), options_(options), report_(report), now_(nowUtc()) {
    auto st = db_.prepare("SELECT id, name, media_id IS NOT NULL FROM items");
    while (st.step()) existing_.emplace(st.text(1), ExistingItem{st.int64(0), st.int64(2) != 0});
  }

  void classes(const Dataset& dataset) {
    for (const auto& name : dataset.classes) classId(name, dataset);
  }

  void image(const DatasetImage& img) {
    if (itemIds_.count(img.name)) return;
    if (auto it = existing_.find(img.name); it != existing_.end()) {
      ++report_.itemsMatched;
      updateExisting(it->second.id, it->second.hasMedia, img);
      matched_.insert(it->second.id);
      itemIds_[img.name] = it->second.id;
    } else {
      itemIds_[img.name] = insertItem(img);
      ++report_.itemsAdded;
    }
  }

  // Resolves every annotation's item (creating labels-only items), then loads what the matched
  // items already have, so annotation() can de-duplicate in memory.
  void prepareAnnotations(const Dataset& dataset) {
    seen_.reserve(dataset.annotations.size());
    for (const auto& a : dataset.annotations) itemId(a.item);
    if (matched_.empty()) return;
    auto st = db_.prepare("SELECT item_id, labeler_id, class_id, kind, x, y, w, h FROM annotations");
    while (st.step()) {
      if (!matched_.count(st.int64(0))) continue;
      const auto kind = st.text(3) == "box" ? AnnotationKind::Box : AnnotationKind::ImageLabel;
      const Box b{st.real(4), st.real(5), st.real(6), st.real(7)};
      seen_.insert(keyOf(st.int64(0), st.int64(1), st.int64(2), kind, b));
    }
  }

  void annotation(const DatasetAnnotation& a, const Dataset& dataset) {
    const Id item = itemId(a.item);
    const Id labeler = labelerId(a.labeler);
    const Id cls = classId(a.className, dataset);
    if (!seen_.insert(keyOf(item, labeler, cls, a.kind, a.box)).second) {
      ++report_.annotationsSkipped;
      return;
    }
    if (!insertAnnotation_)
      insertAnnotation_.emplace(db_.prepare(
          "INSERT INTO annotations (item_id, labeler_id, class_id, kind, x, y, w, h, score, created, updated) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"));
    sql::Statement& st = *insertAnnotation_;
    st.bind(1, item).bind(2, labeler).bind(3, cls).bind(4, toString(a.kind));
    if (a.kind == AnnotationKind::Box) {
      st.bind(5, a.box.x).bind(6, a.box.y).bind(7, a.box.w).bind(8, a.box.h);
    } else {
      for (int i = 5; i <= 8; ++i) st.bindNull(i);
    }
    st.bind(9, a.score).bind(10, now_);
    st.run();
    ++report_.annotationsAdded;
  }

 private:
  struct ExistingItem {
    Id id = 0;
    bool hasMedia = false;
  };

  Id classId(const std::string& name, const Dataset& dataset) {
    if (auto it = classIds_.find(name); it != classIds_.end()) return it->second;
    auto existing = project_.classByName(name);
    if (!existing) {
      existing = project_.addClass(name);
      ++report_.classesAdded;
    }
    if (auto fid = dataset.classFileIds.find(name); fid != dataset.classFileIds.end())
      if (!project_.classFileId(existing->id)) project_.setClassFileId(existing->id, fid->second);
    return classIds_[name] = existing->id;
  }

  Id labelerId(const std::string& requested) {
    const std::string& name = requested.empty() ? options_.labeler : requested;
    if (auto it = labelerIds_.find(name); it != labelerIds_.end()) return it->second;
    auto existing = project_.labelerByName(name);
    if (!existing) {
      existing = project_.addLabeler(name, options_.kind);
      ++report_.labelersAdded;
    }
    return labelerIds_[name] = existing->id;
  }

  Id itemId(const std::string& name) {
    if (auto it = itemIds_.find(name); it != itemIds_.end()) return it->second;
    // Named only by an annotation: use the stored item, or create a labels-only one.
    DatasetImage labelsOnly;
    labelsOnly.name = name;
    image(labelsOnly);
    return itemIds_.at(name);
  }

  std::optional<Id> insertMedia(const DatasetImage& img) {
    if (!img.media) return std::nullopt;
    const DatasetMedia& m = *img.media;
    const bool inlineBytes = m.externalPath.empty();
    auto st = db_.prepare("INSERT INTO media (format, bytes, external_path, sha256, size) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, m.format);
    if (inlineBytes)
      st.bindBlob(2, m.bytes).bindNull(3);
    else
      st.bindNull(2).bind(3, m.externalPath);
    st.bind(4, hashOf(img)).bind(5, static_cast<std::int64_t>(m.bytes.size()));
    st.run();
    ++report_.mediaAdded;
    return db_.lastInsertId();
  }

  static std::string hashOf(const DatasetImage& img) {
    if (!img.contentHash.empty()) return img.contentHash;
    if (img.media && img.media->externalPath.empty()) return sha256Hex(img.media->bytes);
    return {};
  }

  Id insertItem(const DatasetImage& img) {
    const auto mediaId = insertMedia(img);
    if (!insertItem_)
      insertItem_.emplace(db_.prepare("INSERT INTO items (name, media_id, width, height, split, group_key, source, "
                                      "content_hash, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    sql::Statement& st = *insertItem_;
    st.bind(1, img.name).bind(2, mediaId).bind(3, img.width).bind(4, img.height);
    st.bind(5, toString(img.split.value_or(Split::Unassigned)));
    st.bind(6, img.groupKey).bind(7, options_.source).bind(8, hashOf(img)).bind(9, now_);
    st.run();
    const Id id = db_.lastInsertId();
    setAttributes(id, img);
    return id;
  }

  void updateExisting(Id id, bool hasMedia, const DatasetImage& img) {
    int changed = 0;
    if (img.split) {
      db_.prepare("UPDATE items SET split = ?1 WHERE id = ?2 AND split <> ?1").bind(1, toString(*img.split)).bind(2, id).run();
      changed += db_.changes();
    }
    if (!img.groupKey.empty()) {
      db_.prepare("UPDATE items SET group_key = ?1 WHERE id = ?2 AND group_key <> ?1").bind(1, img.groupKey).bind(2, id).run();
      changed += db_.changes();
    }
    if (!hasMedia && img.media) {
      // An item first known from a labels spreadsheet now gets its image.
      const auto mediaId = insertMedia(img);
      db_.prepare("UPDATE items SET media_id = ?, width = ?, height = ?, content_hash = ? WHERE id = ?")
          .bind(1, mediaId)
          .bind(2, img.width)
          .bind(3, img.height)
          .bind(4, hashOf(img))
          .bind(5, id)
          .run();
      ++changed;
    }
    if (changed > 0) ++report_.itemsUpdated;
    setAttributes(id, img);
  }

  void setAttributes(Id id, const DatasetImage& img) {
    for (const auto& [key, value] : img.attributes) {
      db_.prepare("INSERT INTO item_attributes (item_id, key, value) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (item_id, key) DO UPDATE SET value = ?3 WHERE value <> ?3")
          .bind(1, id)
          .bind(2, key)
          .bind(3, value)
          .run();
      report_.attributesSet += db_.changes();
    }
  }

  Project& project_;
  sql::Connection& db_;
  const ImportOptions& options_;
  ImportReport& report_;
  std::string now_;
  std::unordered_map<std::string, ExistingItem> existing_;
  std::unordered_set<Id> matched_;
  std::unordered_map<std::string, Id> itemIds_;
  std::unordered_map<std::string, Id> classIds_;
  std::unordered_map<std::string, Id> labelerIds_;
  std::unordered_set<AnnotationKey, AnnotationKeyHash> seen_;
  // Held for the whole import: one compiled statement per table, no cache lookup per row.
  std::optional<sql::Statement> insertItem_;
  std::optional<sql::Statement> insertAnnotation_;
};

// Secondary indexes of a table that is empty when the import starts are dropped and rebuilt
// after the rows are in: one sort per index instead of a B-tree insert per row. All of it runs
// inside the import's transaction, so a failure rolls the indexes back too. Only explicit
// indexes (sqlite_master.sql non-NULL) are touched; UNIQUE constraints stay and keep checking.
class DeferredIndexes {
 public:
  DeferredIndexes(sql::Connection& db, const char* table) : db_(db) {
    {
      auto any = db_.prepare(std::string("SELECT EXISTS (SELECT 1 FROM ") + table + ")");
      if (!any.step() || any.int64(0) != 0) return;
    }
    auto st = db_.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                          "AND sql IS NOT NULL");
    st.bind(1, table);
    while (st.step()) {
      names_.push_back(st.text(0));
      creates_.push_back(st.text(1));
    }
    st.reset();
    for (const auto& name : names_) db_.exec("DROP INDEX \"" + name + "\"");
  }
  void rebuild() {
    for (const auto& create : creates_) db_.exec(create);
    creates_.clear();
  }

 private:
  sql::Connection& db_;
  std::vector<std::string> names_;
  std::vector<std::string> creates_;
};

}  // namespace

ImportReport importDataset(Project& project, const Dataset& dataset, const ImportOptions& options,
                           const Progress& progress) {
  Validator(project, dataset, options).run(progress);

  ImportReport report;
  report.warnings = dataset.warnings;
  Project::Transaction tx(project);
  DeferredIndexes itemIndexes(project.connection(), "items");
  DeferredIndexes annotationIndexes(project.connection(), "annotations");
  Writer writer(project, options, report);
  writer.classes(dataset);
  const auto total = static_cast<std::int64_t>(dataset.images.size() + dataset.annotations.size());
  std::int64_t done = 0;
  for (const auto& img : dataset.images) {
    if (done++ % kProgressEvery == 0) progress(done, total, "writing items");
    writer.image(img);
  }
  writer.prepareAnnotations(dataset);
  for (const auto& a : dataset.annotations) {
    if (done++ % kProgressEvery == 0) progress(done, total, "writing annotations");
    writer.annotation(a, dataset);
  }
  progress(total, total, "indexing");
  itemIndexes.rebuild();
  annotationIndexes.rebuild();
  progress(total, total, "committing");
  const bool changedAnything = report.itemsAdded + report.itemsUpdated + report.mediaAdded +
                                   report.annotationsAdded + report.classesAdded + report.labelersAdded +
                                   report.attributesSet > 0;
  // A re-import that changes nothing leaves the file byte-for-byte as it was (no log entry).
  if (!changedAnything) return report;
  project.logChange("import", "dataset", std::nullopt,
                    nlohmann::json{{"file", options.sourceFile},
                                   {"labeler", options.labeler},
                                   {"items_added", report.itemsAdded},
                                   {"annotations_added", report.annotationsAdded},
                                   {"annotations_skipped", report.annotationsSkipped}}
                        .dump());
  tx.commit();
  return report;
}

}  // namespace loupe::storage
