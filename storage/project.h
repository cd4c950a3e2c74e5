#pragma once
// The project file: one SQLite database (.loupe). Project is the open file (create/open, read-only
// state, transactions, the actor, metadata); what it holds is reached through one interface per
// concept (labelers(), classes(), items(), attributes(), annotations(), reads(), models(),
// slices(), agreementHistory(), issueDecisions(), proposals()). Only their SQLite implementations (storage/sql_stores.h) see
// SQL, so a second backend (a shared server) implements the same interfaces. This is the whole
// storage API the GUI, the CLI, agreement/analysis, training and the device capture use.
//
// Rules every method of Project and of the interfaces follows:
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
#include "storage/agreement_history.h"
#include "storage/annotation_store.h"
#include "storage/attribute_store.h"
#include "storage/class_store.h"
#include "storage/dataset_reads.h"
#include "storage/item_store.h"
#include "storage/labeler_store.h"
#include "storage/model_store.h"
#include "storage/records.h"
#include "storage/review_store.h"
#include "storage/slice_store.h"

namespace loupe::storage {

namespace sql {
class Connection;
class Transaction;
}  // namespace sql
class Project;
namespace detail {
struct ProjectState;
// The project's connection, for storage's own modules (storage/internal.h). Not for other layers.
sql::Connection& connection(const Project& project);
}  // namespace detail

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

  const std::filesystem::path& path() const;
  // True when opened read-only (asked to, or the file or its folder is not writable). Every write
  // method then throws storage::sql::Error "<file>: project is read-only" and changes nothing.
  bool isReadOnly() const;
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
  void setActor(std::optional<Id> labelerId);
  std::optional<Id> actor() const;

  // ---- project metadata (free-form key/value: "name", "description", "created") -----------
  std::optional<std::string> meta(const std::string& key) const;
  void setMeta(const std::string& key, const std::string& value);

  ProjectStats stats() const;

  // ---- the project's contents, one interface per concept (SQLite implementations inside) ---
  // Each reference lives as long as this Project (and follows it when moved).
  LabelerStore& labelers();
  const LabelerStore& labelers() const;
  ClassStore& classes();
  const ClassStore& classes() const;
  ItemStore& items();
  const ItemStore& items() const;
  AttributeStore& attributes();
  const AttributeStore& attributes() const;
  AnnotationStore& annotations();
  const AnnotationStore& annotations() const;
  const DatasetReads& reads() const;
  ModelStore& models();
  const ModelStore& models() const;
  SliceStore& slices();
  const SliceStore& slices() const;
  AgreementHistory& agreementHistory();
  const AgreementHistory& agreementHistory() const;
  IssueDecisionStore& issueDecisions();
  const IssueDecisionStore& issueDecisions() const;
  ProposalStore& proposals();
  const ProposalStore& proposals() const;

  // ---- several writers on one file (GUI and CLI at once; storage/concurrent_writers.cpp) ------
  // Changes whenever another connection (another process, or another Project in this one)
  // commits to the file; this connection's own commits leave it alone. Cheap enough to poll.
  std::int64_t dataVersion() const;

 private:
  Project(std::filesystem::path path, std::unique_ptr<sql::Connection> db, bool readOnly);
  friend sql::Connection& detail::connection(const Project&);
  // On the heap so that the stores' references to it survive a move of the Project.
  std::unique_ptr<detail::ProjectState> state_;
};

// Current time as ISO-8601 UTC with milliseconds, the format of every timestamp in a project.
std::string nowUtc();

}  // namespace loupe::storage
