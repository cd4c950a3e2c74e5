#pragma once
// The SQLite implementations of the storage interfaces, and the state of one open project they
// share. Not part of the public API: the rest of the program sees only Project and the interfaces.
// One class per interface; each lives in the .cpp file of its concept (labelers.cpp, classes.cpp,
// items.cpp, attributes.cpp, annotations.cpp, bulk_reads.cpp + browser_rows.cpp, models_slices.cpp,
// reviews.cpp).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "storage/project.h"
#include "storage/sql/connection.h"

namespace loupe::storage::detail {

struct ProjectState;

// What every implementation needs: the connection, the project's path (external media) and the
// change log, attributed to the current actor.
class SqlStore {
 public:
  explicit SqlStore(ProjectState& state);

 protected:
  void logChange(const std::string& action, const std::string& entity, std::optional<Id> entityId,
                 const std::string& detailJson) const;
  ProjectState& s_;
  sql::Connection* db_;
  const std::filesystem::path& path_;
};

class SqlLabelerStore final : public LabelerStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  Labeler add(const std::string& name, LabelerKind kind) override;
  Labeler ensure(const std::string& name, LabelerKind kind) override;
  std::vector<Labeler> all() const override;
  std::optional<Labeler> byId(Id id) const override;
  std::optional<Labeler> byName(const std::string& name) const override;
};

class SqlClassStore final : public ClassStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  ClassDef add(const std::string& name, const std::string& color, const std::string& hotkey) override;
  ClassDef ensure(const std::string& name) override;
  std::vector<ClassDef> all() const override;
  std::optional<ClassDef> byId(Id id) const override;
  std::optional<ClassDef> byName(const std::string& name) const override;
  void rename(Id id, const std::string& name) override;
  void setColor(Id id, const std::string& color) override;
  void setHotkey(Id id, const std::string& hotkey) override;
  void reorder(const std::vector<Id>& orderedIds) override;
  MergeResult merge(Id from, Id into) override;
  void remove(Id id) override;
  void restore(const ClassDef& cls) override;
  std::optional<std::int64_t> fileId(Id id) const override;
  void setFileId(Id id, std::optional<std::int64_t> fileId) override;
};

class SqlItemStore final : public ItemStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  Id add(const NewItem& item) override;
  Id addCapture(const Capture& capture) override;
  void remove(Id id) override;
  std::optional<ItemRecord> byId(Id id) const override;
  std::optional<ItemRecord> byName(const std::string& name) const override;
  std::int64_t count(const ItemFilter& filter) const override;
  std::vector<ItemRecord> page(const ItemFilter& filter, std::int64_t offset, std::int64_t limit) const override;
  std::vector<Id> ids(const ItemFilter& filter) const override;
  std::vector<ItemRecord> byIds(const std::vector<Id>& ids) const override;
  std::optional<std::int64_t> rowOf(const ItemFilter& filter, Id id) const override;
  void setSplit(Id id, Split split) override;
  void setGroupKey(Id id, const std::string& groupKey) override;
  void setReviewed(Id id, bool reviewed) override;
  void setAmbiguous(Id id, bool ambiguous) override;
  std::optional<MediaBlob> media(Id itemId) const override;
};

class SqlAttributeStore final : public AttributeStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  void set(Id itemId, const std::string& key, const std::string& value) override;
  void remove(Id itemId, const std::string& key) override;
  std::map<std::string, std::string> of(Id itemId) const override;
  std::vector<std::string> keys() const override;
  std::vector<std::pair<std::string, std::int64_t>> valueCounts(const std::string& key) const override;
  std::vector<std::pair<Id, std::string>> values(const std::string& key) const override;
};

class SqlAnnotationStore final : public AnnotationStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  Annotation add(const Annotation& a) override;
  std::optional<Annotation> byId(Id id) const override;
  std::vector<Annotation> of(Id itemId, std::optional<Id> labelerId) const override;
  void setClass(Id id, Id classId) override;
  void setBox(Id id, const Box& box) override;
  Annotation remove(Id id) override;
  void restore(const Annotation& a) override;
  void replace(Id labelerId, const std::vector<Annotation>& annotations, const std::vector<Id>& onItems) override;
  void require(const Annotation& expected) const override;
};

class SqlDatasetReads final : public DatasetReads, SqlStore {
 public:
  using SqlStore::SqlStore;
  void forEachImageLabel(const std::function<void(const ImageLabelRow&)>& fn,
                         std::optional<Id> labelerId) const override;
  void forEachBox(const std::function<void(const Annotation&)>& fn, std::optional<Id> labelerId) const override;
  std::vector<BrowserItemRow> browserRows(const ItemFilter& filter, std::int64_t offset, std::int64_t limit,
                                          Id labelerId) const override;
  std::vector<BrowserItemRow> browserRowsOf(const std::vector<Id>& ids, Id labelerId) const override;
  std::optional<Id> nextUnlabeled(ItemFilter filter, Id labelerId, Id after,
                                  const std::vector<Id>& restrictTo) const override;
  void forEachTrainingSample(Split split, Id labelerId,
                             const std::function<void(const TrainingSample&)>& fn) const override;
};

class SqlModelStore final : public ModelStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  Id store(const ModelRecord& model) override;
  std::vector<ModelRecord> all() const override;
  std::optional<ModelRecord> load(Id id) const override;
};

class SqlSliceStore final : public SliceStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  SavedSlice save(const std::string& name, const std::string& definitionJson) override;
  std::vector<SavedSlice> all() const override;
  std::optional<SavedSlice> byName(const std::string& name) const override;
};

class SqlAgreementHistory final : public AgreementHistory, SqlStore {
 public:
  using SqlStore::SqlStore;
  AgreementSnapshot add(const std::string& scope, const std::string& metricsJson) override;
  std::vector<AgreementSnapshot> all(const std::string& scope) const override;
};

class SqlIssueDecisionStore final : public IssueDecisionStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  IssueDecision record(Id itemId, Id labelerId, const std::string& subject, IssueDecisionKind decision) override;
  void restore(const IssueDecision& decision) override;
  void remove(Id decisionId) override;
  std::optional<IssueDecision> byId(Id decisionId) const override;
  std::optional<IssueDecision> find(Id itemId, Id labelerId, const std::string& subject) const override;
  std::vector<IssueDecision> of(Id labelerId) const override;
};

class SqlProposalStore final : public ProposalStore, SqlStore {
 public:
  using SqlStore::SqlStore;
  std::vector<PrelabelProposal> add(const std::vector<PrelabelProposal>& proposals) override;
  bool proposed(Id itemId, Id labelerId, const std::string& model) const override;
  std::vector<PrelabelProposal> on(Id itemId, Id labelerId, const std::string& model) const override;
  std::vector<PrelabelProposal> of(Id labelerId, const std::string& model) const override;
};

// One open project file. Project holds it on the heap, so the stores' references stay valid when
// the Project is moved. Member order matters: the stores are built from the members above them.
struct ProjectState {
  ProjectState(std::filesystem::path p, std::unique_ptr<sql::Connection> c, bool ro)
      : path(std::move(p)), db(std::move(c)), readOnly(ro) {}
  std::filesystem::path path;
  std::unique_ptr<sql::Connection> db;
  bool readOnly = false;
  std::optional<Id> actor;

  SqlLabelerStore labelers{*this};
  SqlClassStore classes{*this};
  SqlItemStore items{*this};
  SqlAttributeStore attributes{*this};
  SqlAnnotationStore annotations{*this};
  SqlDatasetReads reads{*this};
  SqlModelStore models{*this};
  SqlSliceStore slices{*this};
  SqlAgreementHistory agreementHistory{*this};
  SqlIssueDecisionStore issueDecisions{*this};
  SqlProposalStore proposals{*this};
};

}  // namespace loupe::storage::detail
