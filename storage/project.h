#pragma once
// The project file: one SQLite database (.loupe). This is the whole storage API the GUI, the CLI,
// agreement/analysis, training and the device capture use.
//
// Rules every method follows:
//  - Each write method is one committed transaction (the GUI has no Save button). Callers that
//    need several writes to be atomic wrap them in a Project::Transaction; writes inside it nest.
//  - Bad arguments (unknown id, duplicate name) throw std::invalid_argument or InputError; SQLite
//    failures throw storage::sql::Error. Nothing is half-written in either case.
//  - Every edit appends to the change log, attributed to the current actor (setActor).
//  - A Project is used from one thread. Open a second Project on the same file for a worker
//    thread: WAL lets readers run while a writer commits.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/domain/types.h"
#include "storage/records.h"

namespace loupe::storage {

namespace sql {
class Connection;
class Transaction;
}  // namespace sql

// A file that cannot be opened as a project, the message saying why and naming the file:
//   "not a Loupe project: <file>"            not SQLite, another program's database, or a schema
//                                            that is not exactly Loupe's ("...: unexpected view "v"")
//   "<file>: project file is damaged (...)"  truncated or corrupt
//   "<file>: in use by another program (waited 5 s)"
//   "<file>: project schema version N is newer than..."
class ProjectFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ReadWrite falls back to read-only when the file or its folder cannot be written (isReadOnly()
// says so); ReadOnly never writes, not even the WAL mode or a migration.
enum class OpenMode { ReadWrite, ReadOnly };

class Project {
 public:
  // Creates a new, empty project; refuses to overwrite an existing file.
  static Project create(const std::filesystem::path& path);
  // Opens an existing project. An older schema is backed up to "<file>.bak-v<N>" and migrated
  // (refused on a read-only project); a newer one, or a file that is not a Loupe project, throws
  // ProjectFileError naming the file. Reads the file through SQLite only: any other descriptor on
  // it would drop the POSIX locks of every Project open on it in this process.
  static Project open(const std::filesystem::path& path, OpenMode mode = OpenMode::ReadWrite);

  Project(Project&&) noexcept;
  Project& operator=(Project&&) noexcept;
  ~Project();

  const std::filesystem::path& path() const { return path_; }
  // True when opened read-only (asked to, or the file or its folder is not writable). Every write
  // method then throws storage::sql::Error "<file>: project is read-only" and changes nothing.
  bool isReadOnly() const { return readOnly_; }
  int schemaVersion() const;
  // Moves everything from the WAL into the main file (e.g. before copying or hashing it).
  void checkpoint();

  // Groups several writes into one atomic commit. Rolls back unless commit() is called.
  class Transaction {
   public:
    explicit Transaction(Project& project);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

   private:
    std::unique_ptr<sql::Transaction> tx_;
  };

  // Who the following edits are attributed to in the change log (empty: nobody in particular).
  void setActor(std::optional<Id> labelerId) { actor_ = labelerId; }
  std::optional<Id> actor() const { return actor_; }

  // ---- project metadata (free-form key/value: "name", "description", "created") -----------
  std::optional<std::string> meta(const std::string& key) const;
  void setMeta(const std::string& key, const std::string& value);

  ProjectStats stats() const;

  // ---- labelers ----------------------------------------------------------------------------
  Labeler addLabeler(const std::string& name, LabelerKind kind);
  // The labeler with this name, created with `kind` if absent (an existing one keeps its kind).
  Labeler ensureLabeler(const std::string& name, LabelerKind kind);
  std::vector<Labeler> labelers() const;
  std::optional<Labeler> labeler(Id id) const;
  std::optional<Labeler> labelerByName(const std::string& name) const;

  // ---- classes (ordered by `order`) ---------------------------------------------------------
  // Empty color: the next colour of a fixed palette. Order: after the last class.
  ClassDef addClass(const std::string& name, const std::string& color = {},
                    const std::string& hotkey = {});
  ClassDef ensureClass(const std::string& name);
  std::vector<ClassDef> classes() const;
  std::optional<ClassDef> classById(Id id) const;
  std::optional<ClassDef> classByName(const std::string& name) const;
  void renameClass(Id id, const std::string& name);
  void setClassColor(Id id, const std::string& color);
  // A hotkey belongs to at most one class: setting it clears it from any other class.
  void setClassHotkey(Id id, const std::string& hotkey);
  // `orderedIds` must list every class exactly once; their orders become 0..n-1.
  void reorderClasses(const std::vector<Id>& orderedIds);
  // Moves every annotation of `from` to `into`, then removes `from`.
  MergeResult mergeClass(Id from, Id into);
  // Removes a class that has no annotations (throws otherwise).
  void deleteClass(Id id);
  // Puts back a removed class with its id, name, colour, hotkey and order (undo).
  void restoreClass(const ClassDef& cls);
  // COCO category id a class had in the file it was imported from.
  std::optional<std::int64_t> classFileId(Id id) const;
  void setClassFileId(Id id, std::optional<std::int64_t> fileId);

  // ---- items --------------------------------------------------------------------------------
  Id addItem(const NewItem& item);
  // One transaction: the item, its attributes and the optional device label.
  Id addCapture(const Capture& capture);
  // Removes an item with its annotations, attributes and media (the undo of a capture). Throws
  // std::invalid_argument for an unknown id.
  void deleteItem(Id id);
  std::optional<ItemRecord> item(Id id) const;
  std::optional<ItemRecord> itemByName(const std::string& name) const;
  std::int64_t countItems(const ItemFilter& filter = {}) const;
  // A page of matching items ordered by id, for a virtualized list: rows [offset, offset+limit).
  std::vector<ItemRecord> items(const ItemFilter& filter, std::int64_t offset, std::int64_t limit) const;
  // Every matching id in id order (100k ids are 800 KB; fetch records by page or by ids).
  std::vector<Id> itemIds(const ItemFilter& filter = {}) const;
  // Records of the given ids, in the order given; unknown ids are skipped.
  std::vector<ItemRecord> itemsByIds(const std::vector<Id>& ids) const;
  // Row of `id` within the filtered id order, for "jump to item"; nullopt when filtered out.
  std::optional<std::int64_t> rowOfItem(const ItemFilter& filter, Id id) const;
  void setItemSplit(Id id, Split split);
  void setItemsSplit(const std::vector<Id>& ids, Split split);
  void setItemGroupKey(Id id, const std::string& groupKey);
  void setItemReviewed(Id id, bool reviewed);
  void setItemAmbiguous(Id id, bool ambiguous);
  // Encoded bytes of the item's image; nullopt for a labels-only item. External media is read
  // from disk (throws if the file is gone).
  std::optional<MediaBlob> media(Id itemId) const;

  // ---- item attributes (key=value, the raw material of slices) -----------------------------
  void setAttribute(Id itemId, const std::string& key, const std::string& value);
  void removeAttribute(Id itemId, const std::string& key);
  std::map<std::string, std::string> attributes(Id itemId) const;
  std::vector<std::string> attributeKeys() const;
  // Distinct values of a key with how many items have each.
  std::vector<std::pair<std::string, std::int64_t>> attributeValueCounts(const std::string& key) const;
  // Every item that has `key`, with its value, in item-id order.
  std::vector<std::pair<Id, std::string>> attributeValues(const std::string& key) const;

  // ---- annotations --------------------------------------------------------------------------
  // `a.id`, created and updated are ignored; returns the stored annotation.
  Annotation addAnnotation(const Annotation& a);
  std::optional<Annotation> annotation(Id id) const;
  // Annotations of an item (by one labeler when given), ordered by id.
  std::vector<Annotation> annotations(Id itemId, std::optional<Id> labelerId = std::nullopt) const;
  void setAnnotationClass(Id id, Id classId);
  void setAnnotationBox(Id id, const Box& box);
  // Class and box together, one change-log entry (a drag that also relabels).
  void updateAnnotation(Id id, Id classId, const Box& box);
  // Returns what was deleted so an undo can restore it.
  Annotation deleteAnnotation(Id id);
  // Re-inserts a deleted annotation with its original id and timestamps (undo).
  void restoreAnnotation(const Annotation& a);
  // Replaces every annotation of `labelerId` on the given items (all items when empty) with
  // `annotations`, in one transaction: how model predictions are written.
  void replaceAnnotations(Id labelerId, const std::vector<Annotation>& annotations,
                          const std::vector<Id>& onItems = {});

  // ---- bulk reads (agreement, HLP, error analysis) ------------------------------------------
  // Every image label, ordered by item then labeler. One query, no per-row allocation.
  void forEachImageLabel(const std::function<void(const ImageLabelRow&)>& fn,
                         std::optional<Id> labelerId = std::nullopt) const;
  // Every box (by one labeler when given), ordered by item then id.
  void forEachBox(const std::function<void(const Annotation&)>& fn,
                  std::optional<Id> labelerId = std::nullopt) const;
  // Boxes grouped per item (by one labeler when given).
  std::map<Id, std::vector<Annotation>> boxesByItem(std::optional<Id> labelerId = std::nullopt) const;
  std::vector<ItemPlacement> itemPlacements() const;

  // ---- the dataset browser (browser_rows.cpp) ------------------------------------------------
  // A page of the filtered items in id order, each with `labelerId`'s box count and image label:
  // two queries per page however many items and labels it holds.
  std::vector<BrowserItemRow> browserRows(const ItemFilter& filter, std::int64_t offset, std::int64_t limit,
                                          Id labelerId) const;
  // The same for these items in the order given, skipping ids that do not exist. One query.
  std::vector<BrowserItemRow> browserRowsOf(const std::vector<Id>& ids, Id labelerId) const;
  // "Next unlabeled": the first item after `after` in id order, wrapping around, that matches
  // `filter`, has no annotation by `labelerId` and, unless `restrictTo` is empty, is one of those
  // ids. Never `after` itself; nullopt when no other item qualifies.
  std::optional<Id> nextUnlabeledItem(ItemFilter filter, Id labelerId, Id after,
                                      const std::vector<Id>& restrictTo = {}) const;

  // ---- training -----------------------------------------------------------------------------
  // Items of `split` that have an image label by `labelerId`, with media, in id order.
  // Items without media are skipped. Calls fn per item so 60k images need not fit in memory.
  void forEachTrainingSample(Split split, Id labelerId,
                             const std::function<void(const TrainingSample&)>& fn) const;
  std::vector<TrainingSample> trainingSamples(Split split, Id labelerId) const;

  // ---- models -------------------------------------------------------------------------------
  // Stores a model (created = now when empty); returns its id.
  Id storeModel(const ModelRecord& model);
  // Every model without blobs, newest first.
  std::vector<ModelRecord> models() const;
  std::optional<ModelRecord> loadModel(Id id) const;

  // ---- saved slices -------------------------------------------------------------------------
  // Creates or replaces the slice called `name`.
  SavedSlice saveSlice(const std::string& name, const std::string& definitionJson);
  std::vector<SavedSlice> slices() const;
  std::optional<SavedSlice> slice(const std::string& name) const;
  void deleteSlice(const std::string& name);

  // ---- agreement snapshots (trend view) -----------------------------------------------------
  AgreementSnapshot addAgreementSnapshot(const std::string& scope, const std::string& metricsJson);
  // Oldest first; all scopes when `scope` is empty.
  std::vector<AgreementSnapshot> agreementSnapshots(const std::string& scope = {}) const;

  // ---- change log ---------------------------------------------------------------------------
  // Newest first.
  std::vector<ChangeLogEntry> changeLog(std::int64_t limit = 100) const;
  // For storage's own bulk operations (import) that log one summary entry.
  void logChange(const std::string& action, const std::string& entity, std::optional<Id> entityId,
                 const std::string& detailJson);

  // ---- several writers on one file (GUI and CLI at once; storage/concurrent_writers.cpp) ------
  // Changes whenever another connection (another process, or another Project in this one)
  // commits to the file; this connection's own commits leave it alone. Cheap enough to poll.
  std::int64_t dataVersion() const;
  // Throws EditConflict unless annotation `expected.id` exists with the item, labeler, class,
  // kind, box and score of `expected`. An undo calls it inside its transaction so it never
  // writes over what another process changed since.
  void requireAnnotation(const Annotation& expected) const;

  // The connection, for storage's own modules (import, export). Not for other layers.
  sql::Connection& connection() const { return *db_; }

 private:
  Project(std::filesystem::path path, std::unique_ptr<sql::Connection> db, bool readOnly);
  std::filesystem::path path_;
  std::unique_ptr<sql::Connection> db_;
  bool readOnly_ = false;
  std::optional<Id> actor_;
};

// Current time as ISO-8601 UTC with milliseconds, the format of every timestamp in a project.
std::string nowUtc();

// The rows an edit (usually an undo) would write are no longer as it left them: another process
// changed or removed them. The edit was not applied.
class EditConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace loupe::storage
