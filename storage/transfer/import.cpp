// importDataset: validate everything first, then write in one transaction.
#include "storage/transfer/import.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/domain/names.h"
#include "core/formats/box_checks.h"
#include "core/formats/image_bytes.h"
#include "core/formats/item_names.h"
#include "storage/item_rows.h"
#include "storage/sql/connection.h"

namespace loupe::storage {
namespace {

constexpr std::int64_t kProgressEvery = 2048;

struct Size {
  int width = 0;
  int height = 0;
};

// Every name the dataset uses, resolved to an index once while validating, so the writer never
// hashes a name again (with 300,000 boxes, name lookups cost as much as SQLite's inserts).
struct Resolved {
  // Dataset images keep their own index; names that only annotations give follow, in first-use order.
  std::vector<std::string_view> itemNames;
  std::vector<std::string> classNames;          // the classes annotations use, in first-use order
  std::vector<std::uint32_t> annotationItem;    // per annotation: index into itemNames
  std::vector<std::uint32_t> annotationClass;   // per annotation: index into classNames
};

// Phase 1: nothing is written until the whole dataset is known to be valid. Error locations are
// built only when something is wrong.
class Validator {
 public:
  Validator(const Project& project, const Dataset& dataset, const ImportOptions& options)
      : project_(project), dataset_(dataset), file_(options.sourceFile), defaultLabeler_(options.labeler) {}

  Resolved run(const Progress& progress) {
    Resolved r;
    const auto& images = dataset_.images;
    itemIndex_.reserve(images.size());
    r.itemNames.reserve(images.size());
    sizes_.reserve(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
      const DatasetImage& img = images[i];
      auto where = [&](const char* field) {
        return InputLocation{file_, 0, "images[" + std::to_string(i) + "]." + field};
      };
      if (std::string problem = itemNameProblem(img.name); !problem.empty()) throw InputError(where("name"), problem);
      if (!itemIndex_.emplace(img.name, static_cast<std::uint32_t>(i)).second)
        throw InputError(where("name"), "duplicate item name '" + printableName(img.name) + "'");
      if (img.width < 0 || img.height < 0) throw InputError(where("width"), "negative image size");
      if (img.width > 0 || img.height > 0)
        if (std::string problem = imageSizeProblem(img.width, img.height); !problem.empty())
          throw InputError(where("width"), problem);
      for (const auto& [key, value] : img.attributes)
        if (std::string problem = attributeProblem(key, value); !problem.empty())
          throw InputError(where("attributes"), problem);
      r.itemNames.push_back(img.name);
      sizes_.push_back(img.width > 0 ? Size{img.width, img.height} : storedSize(img.name));
    }

    constexpr std::uint32_t kUnused = UINT32_MAX;
    projectClasses_ = project_.classes();  // kept: classIndex views its names
    std::unordered_map<std::string_view, std::uint32_t> classIndex;
    for (std::size_t c = 0; c < dataset_.classes.size(); ++c) {
      if (std::string problem = nameProblem(dataset_.classes[c], NameKind::Class); !problem.empty())
        throw InputError({file_, 0, "classes[" + std::to_string(c) + "]"}, problem);
      classIndex.emplace(dataset_.classes[c], kUnused);
    }
    if (std::string problem = nameProblem(defaultLabeler_, NameKind::Labeler); !problem.empty())
      throw InputError({file_, 0, "labeler"}, problem);
    std::unordered_set<std::string_view> checkedLabelers;
    std::string_view lastLabeler;
    for (const auto& c : projectClasses_) classIndex.emplace(c.name, kUnused);

    const auto& annotations = dataset_.annotations;
    r.annotationItem.reserve(annotations.size());
    r.annotationClass.reserve(annotations.size());
    for (std::size_t k = 0; k < annotations.size(); ++k) {
      if (k % kProgressEvery == 0)
        progress(static_cast<std::int64_t>(k), static_cast<std::int64_t>(annotations.size()), "validating");
      const DatasetAnnotation& a = annotations[k];
      auto where = [&](const char* field) {
        return InputLocation{file_, a.sourceLine,
                             a.sourceLine > 0 ? std::string(field)
                                              : "annotations[" + std::to_string(k) + "]." + field};
      };
      const auto [item, added] = itemIndex_.try_emplace(a.item, static_cast<std::uint32_t>(r.itemNames.size()));
      if (added) {
        // Named only by annotations: a labels-only item, or one the project already has.
        if (std::string problem = itemNameProblem(a.item); !problem.empty()) throw InputError(where("item"), problem);
        r.itemNames.push_back(a.item);
        sizes_.push_back(storedSize(a.item));
      }
      r.annotationItem.push_back(item->second);

      const auto cls = a.className.empty() ? classIndex.end() : classIndex.find(a.className);
      if (cls == classIndex.end()) throw InputError(where("class"), "unknown class '" + printableName(a.className) + "'");
      // Files name one labeler for long runs of rows: each distinct name is checked once.
      if (!a.labeler.empty() && a.labeler != lastLabeler && checkedLabelers.insert(a.labeler).second)
        if (std::string problem = nameProblem(a.labeler, NameKind::Labeler); !problem.empty())
          throw InputError(where("labeler"), problem);
      lastLabeler = a.labeler;
      if (a.score)
        if (std::string problem = scoreProblem(*a.score); !problem.empty()) throw InputError(where("score"), problem);
      if (cls->second == kUnused) {
        cls->second = static_cast<std::uint32_t>(r.classNames.size());
        r.classNames.emplace_back(cls->first);
      }
      r.annotationClass.push_back(cls->second);

      if (a.kind != AnnotationKind::Box) continue;
      const Box& b = a.box;
      const Size size = sizes_[item->second];
      if (std::string problem = boxProblem(b, size.width, size.height); !problem.empty())
        throw InputError(where("box"), problem);
    }
    return r;
  }

 private:
  // The size the project stores for an item (a CSV of boxes for stored items carries none).
  // Read in one scan on first use; a new project has nothing to read.
  Size storedSize(std::string_view name) {
    if (!storedSizes_) {
      storedSizes_.emplace();
      if (project_.countItems() > 0) {
        auto st = project_.connection().prepare("SELECT name, width, height FROM items");
        while (st.step()) storedSizes_->emplace(st.text(0), Size{st.int32(1), st.int32(2)});
      }
    }
    if (storedSizes_->empty()) return {};
    const auto it = storedSizes_->find(std::string(name));
    return it == storedSizes_->end() ? Size{} : it->second;
  }

  const Project& project_;
  const Dataset& dataset_;
  std::string file_;
  std::string defaultLabeler_;
  std::unordered_map<std::string_view, std::uint32_t> itemIndex_;
  std::vector<Size> sizes_;  // per item index
  std::vector<ClassDef> projectClasses_;
  std::optional<std::unordered_map<std::string, Size>> storedSizes_;
};

// Identity of an annotation for de-duplication: boxes equal to 1e-3 px are the same box.
// Ordered so duplicates can be found by sorting instead of hashing every key.
struct AnnotationKey {
  std::array<std::int64_t, 8> v{};
  friend auto operator<=>(const AnnotationKey&, const AnnotationKey&) = default;
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

// Phase 2: the writes, with statements prepared once and reused for every row. Every name was
// resolved to an index by the validator; ids are looked up by index here. Stored items and
// annotations are read in one scan each, and only when the project has any.
class Writer {
 public:
  Writer(Project& project, const Dataset& dataset, const Resolved& resolved, const ImportOptions& options,
         ImportReport& report)
      : project_(project),
        db_(project.connection()),
        dataset_(dataset),
        resolved_(resolved),
        options_(options),
        report_(report),
        now_(nowUtc()),
        itemIds_(resolved.itemNames.size(), 0),
        classIds_(resolved.classNames.size(), 0) {
    auto st = db_.prepare("SELECT id, name, media_id IS NOT NULL FROM items");
    while (st.step()) existing_.emplace(st.text(1), ExistingItem{st.int64(0), st.int64(2) != 0});
  }

  void classes() {
    for (const auto& name : dataset_.classes) classId(name);
    for (std::size_t c = 0; c < resolved_.classNames.size(); ++c) classIds_[c] = classId(resolved_.classNames[c]);
  }

  void image(std::size_t index) { itemIds_[index] = item(dataset_.images[index]); }

  // Creates the items only annotations name, then marks every annotation that repeats a stored
  // one or an earlier one of the dataset, so annotation() only writes.
  void prepareAnnotations() {
    for (std::size_t i = dataset_.images.size(); i < itemIds_.size(); ++i) {
      DatasetImage labelsOnly;
      labelsOnly.name = std::string(resolved_.itemNames[i]);
      itemIds_[i] = item(labelsOnly);
    }
    const auto& annotations = dataset_.annotations;
    labelerIds_.reserve(annotations.size());
    std::vector<std::pair<AnnotationKey, std::uint32_t>> keys;
    keys.reserve(annotations.size());
    for (std::size_t k = 0; k < annotations.size(); ++k) {
      const DatasetAnnotation& a = annotations[k];
      labelerIds_.push_back(labelerId(a.labeler));
      keys.emplace_back(keyOf(itemIds_[resolved_.annotationItem[k]], labelerIds_.back(),
                              classIds_[resolved_.annotationClass[k]], a.kind, a.box),
                        static_cast<std::uint32_t>(k));
    }
    // Equal keys end up adjacent, the first in file order leading: later ones are duplicates.
    std::sort(keys.begin(), keys.end());
    duplicate_.assign(annotations.size(), false);
    for (std::size_t i = 1; i < keys.size(); ++i)
      if (keys[i].first == keys[i - 1].first) duplicate_[keys[i].second] = true;
    if (matched_.empty()) return;

    std::vector<AnnotationKey> stored;
    auto st = db_.prepare("SELECT item_id, labeler_id, class_id, kind, x, y, w, h FROM annotations");
    while (st.step()) {
      if (!matched_.count(st.int64(0))) continue;
      const auto kind = annotationKindFromString(st.textView(3)).value_or(AnnotationKind::ImageLabel);
      const Box b{st.real(4), st.real(5), st.real(6), st.real(7)};
      stored.push_back(keyOf(st.int64(0), st.int64(1), st.int64(2), kind, b));
    }
    std::sort(stored.begin(), stored.end());
    for (const auto& [key, k] : keys)
      if (std::binary_search(stored.begin(), stored.end(), key)) duplicate_[k] = true;
  }

  void annotation(std::size_t k) {
    if (duplicate_[k]) {
      ++report_.annotationsSkipped;
      return;
    }
    const DatasetAnnotation& a = dataset_.annotations[k];
    if (!insertAnnotation_)
      insertAnnotation_.emplace(db_.prepare(
          "INSERT INTO annotations (item_id, labeler_id, class_id, kind, x, y, w, h, score, created, updated) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"));
    sql::Statement& st = *insertAnnotation_;
    st.bind(1, itemIds_[resolved_.annotationItem[k]])
        .bind(2, labelerIds_[k])
        .bind(3, classIds_[resolved_.annotationClass[k]])
        .bindStatic(4, toString(a.kind));
    if (a.kind == AnnotationKind::Box) {
      st.bind(5, a.box.x).bind(6, a.box.y).bind(7, a.box.w).bind(8, a.box.h);
    } else {
      for (int i = 5; i <= 8; ++i) st.bindNull(i);
    }
    st.bind(9, a.score).bindStatic(10, now_);
    st.run();
    ++report_.annotationsAdded;
  }

 private:
  struct ExistingItem {
    Id id = 0;
    bool hasMedia = false;
  };

  Id item(const DatasetImage& img) {
    if (!existing_.empty())
      if (auto it = existing_.find(img.name); it != existing_.end()) {
        ++report_.itemsMatched;
        updateExisting(it->second.id, it->second.hasMedia, img);
        matched_.insert(it->second.id);
        return it->second.id;
      }
    ++report_.itemsAdded;
    return insertItem(img);
  }

  Id classId(const std::string& name) {
    if (auto it = classByName_.find(name); it != classByName_.end()) return it->second;
    auto existing = project_.classByName(name);
    if (!existing) {
      existing = project_.addClass(name);
      ++report_.classesAdded;
    }
    if (auto fid = dataset_.classFileIds.find(name); fid != dataset_.classFileIds.end())
      if (!project_.classFileId(existing->id)) project_.setClassFileId(existing->id, fid->second);
    return classByName_[name] = existing->id;
  }

  Id labelerId(const std::string& requested) {
    const std::string& name = requested.empty() ? options_.labeler : requested;
    // Files name one labeler for long runs of rows: remember the last one.
    if (lastLabeler_ && *lastLabeler_ == name) return lastLabelerId_;
    Id id = 0;
    if (auto it = labelerByName_.find(name); it != labelerByName_.end()) {
      id = it->second;
    } else {
      auto existing = project_.labelerByName(name);
      if (!existing) {
        existing = project_.addLabeler(name, options_.kind);
        ++report_.labelersAdded;
      }
      id = labelerByName_[name] = existing->id;
    }
    lastLabeler_ = &name;
    lastLabelerId_ = id;
    return id;
  }

  static std::optional<detail::MediaRow> mediaOf(const DatasetImage& img) {
    if (!img.media) return std::nullopt;
    return detail::MediaRow{img.media->format, img.media->bytes, img.media->externalPath};
  }

  Id insertItem(const DatasetImage& img) {
    if (img.media) ++report_.mediaAdded;
    const Id id = insert_.insert({.name = img.name,
                                  .media = mediaOf(img),
                                  .width = img.width,
                                  .height = img.height,
                                  .split = img.split.value_or(Split::Unassigned),
                                  .groupKey = img.groupKey,
                                  .source = options_.source,
                                  .created = now_,
                                  .contentHash = img.contentHash});
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
      const auto media = mediaOf(img);
      const std::string hash = detail::contentHash(img.contentHash, media);
      const Id mediaId = insert_.insertMedia(*media, hash);
      ++report_.mediaAdded;
      db_.prepare("UPDATE items SET media_id = ?, width = ?, height = ?, content_hash = ? WHERE id = ?")
          .bind(1, mediaId)
          .bind(2, img.width)
          .bind(3, img.height)
          .bind(4, hash)
          .bind(5, id)
          .run();
      ++changed;
    }
    if (changed > 0) ++report_.itemsUpdated;
    setAttributes(id, img);
  }

  void setAttributes(Id id, const DatasetImage& img) {
    for (const auto& [key, value] : img.attributes)
      if (insert_.setAttribute(id, key, value)) ++report_.attributesSet;
  }

  Project& project_;
  sql::Connection& db_;
  const Dataset& dataset_;
  const Resolved& resolved_;
  const ImportOptions& options_;
  ImportReport& report_;
  const std::string now_;  // one timestamp for the whole import
  std::unordered_map<std::string, ExistingItem> existing_;
  std::unordered_set<Id> matched_;
  std::vector<Id> itemIds_;   // per Resolved::itemNames index
  std::vector<Id> classIds_;  // per Resolved::classNames index
  std::vector<Id> labelerIds_;  // per annotation
  std::vector<bool> duplicate_;  // per annotation
  std::unordered_map<std::string, Id> classByName_;
  std::unordered_map<std::string, Id> labelerByName_;
  const std::string* lastLabeler_ = nullptr;
  Id lastLabelerId_ = 0;
  // Held for the whole import: one compiled statement per table, no cache lookup per row.
  detail::ItemInserter insert_{db_};
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
    // Names and SQL come from the file: one statement per call, the name quoted (Project::open
    // has already refused any schema that is not Loupe's own).
    for (const auto& name : names_) db_.runOne("DROP INDEX " + sql::quoteIdentifier(name));
  }
  void rebuild() {
    for (const auto& create : creates_) db_.runOne(create);
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
  const Resolved resolved = Validator(project, dataset, options).run(progress);

  ImportReport report;
  report.warnings = dataset.warnings;
  Project::Transaction tx(project);
  DeferredIndexes itemIndexes(project.connection(), "items");
  DeferredIndexes annotationIndexes(project.connection(), "annotations");
  Writer writer(project, dataset, resolved, options, report);
  writer.classes();
  const auto total = static_cast<std::int64_t>(dataset.images.size() + dataset.annotations.size());
  std::int64_t done = 0;
  for (std::size_t i = 0; i < dataset.images.size(); ++i) {
    if (done++ % kProgressEvery == 0) progress(done, total, "writing items");
    writer.image(i);
  }
  writer.prepareAnnotations();
  for (std::size_t k = 0; k < dataset.annotations.size(); ++k) {
    if (done++ % kProgressEvery == 0) progress(done, total, "writing annotations");
    writer.annotation(k);
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
