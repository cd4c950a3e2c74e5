#include "storage/project.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "storage/internal.h"
#include "storage/sql_stores.h"

namespace loupe::storage {
namespace fs = std::filesystem;

std::string nowUtc() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t t = system_clock::to_time_t(now);
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[80];  // GCC 12 -O3 sizes every %d at 11 chars (-Wformat-truncation)
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

Project::Project(fs::path path, std::unique_ptr<sql::Connection> db, bool readOnly)
    : state_(std::make_unique<detail::ProjectState>(std::move(path), std::move(db), readOnly)) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

const fs::path& Project::path() const { return state_->path; }
bool Project::isReadOnly() const { return state_->readOnly; }
void Project::setActor(std::optional<Id> labelerId) { state_->actor = labelerId; }
std::optional<Id> Project::actor() const { return state_->actor; }

int Project::schemaVersion() const { return static_cast<int>(state_->db->pragmaInt("user_version")); }

void Project::checkpoint() { state_->db->exec("PRAGMA wal_checkpoint(TRUNCATE)"); }

Project::Transaction::Transaction(Project& project)
    : tx_(std::make_unique<sql::Transaction>(*project.state_->db)) {}
Project::Transaction::~Transaction() = default;
void Project::Transaction::commit() { tx_->commit(); }

LabelerStore& Project::labelers() { return state_->labelers; }
const LabelerStore& Project::labelers() const { return state_->labelers; }
ClassStore& Project::classes() { return state_->classes; }
const ClassStore& Project::classes() const { return state_->classes; }
ItemStore& Project::items() { return state_->items; }
const ItemStore& Project::items() const { return state_->items; }
AttributeStore& Project::attributes() { return state_->attributes; }
const AttributeStore& Project::attributes() const { return state_->attributes; }
AnnotationStore& Project::annotations() { return state_->annotations; }
const AnnotationStore& Project::annotations() const { return state_->annotations; }
const DatasetReads& Project::reads() const { return state_->reads; }
ModelStore& Project::models() { return state_->models; }
const ModelStore& Project::models() const { return state_->models; }
SliceStore& Project::slices() { return state_->slices; }
const SliceStore& Project::slices() const { return state_->slices; }
AgreementHistory& Project::agreementHistory() { return state_->agreementHistory; }
const AgreementHistory& Project::agreementHistory() const { return state_->agreementHistory; }
IssueDecisionStore& Project::issueDecisions() { return state_->issueDecisions; }
const IssueDecisionStore& Project::issueDecisions() const { return state_->issueDecisions; }
ProposalStore& Project::proposals() { return state_->proposals; }
const ProposalStore& Project::proposals() const { return state_->proposals; }

sql::Connection& detail::connection(const Project& project) { return *project.state_->db; }

detail::SqlStore::SqlStore(ProjectState& state) : s_(state), db_(state.db.get()), path_(state.path) {}

void detail::SqlStore::logChange(const std::string& action, const std::string& entity, std::optional<Id> entityId,
                                 const std::string& detailJson) const {
  detail::logChange(*db_, s_.actor, action, entity, entityId, detailJson);
}

std::optional<std::string> Project::meta(const std::string& key) const {
  auto st = state_->db->prepare("SELECT value FROM project_meta WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void Project::setMeta(const std::string& key, const std::string& value) {
  sql::Transaction tx(*state_->db);
  state_->db->prepare("INSERT INTO project_meta (key, value) VALUES (?1, ?2) "
               "ON CONFLICT (key) DO UPDATE SET value = ?2")
      .bind(1, key)
      .bind(2, value)
      .run();
  detail::logChange(*state_->db, state_->actor, "set", "meta", std::nullopt, nlohmann::json{{"key", key}, {"value", value}}.dump());
  tx.commit();
}

ProjectStats Project::stats() const {
  ProjectStats s;
  s.schemaVersion = schemaVersion();
  auto count = [&](const char* sql) {
    auto st = state_->db->prepare(sql);
    st.step();
    return st.int64(0);
  };
  s.items = count("SELECT COUNT(*) FROM items");
  s.itemsWithMedia = count("SELECT COUNT(*) FROM items WHERE media_id IS NOT NULL");
  s.labelers = count("SELECT COUNT(*) FROM labelers");
  s.classes = count("SELECT COUNT(*) FROM classes");
  s.imageLabels = count("SELECT COUNT(*) FROM annotations WHERE kind = 'label'");
  s.boxes = count("SELECT COUNT(*) FROM annotations WHERE kind = 'box'");
  for (Split sp : {Split::Unassigned, Split::Train, Split::Val, Split::Test}) s.splits[sp] = 0;
  auto st = state_->db->prepare("SELECT split, COUNT(*) FROM items GROUP BY split");
  while (st.step()) s.splits[detail::splitFromDb(st.text(0))] = st.int64(1);
  return s;
}

void detail::logChange(sql::Connection& db, std::optional<Id> actor, const std::string& action,
                       const std::string& entity, std::optional<Id> entityId, const std::string& detailJson) {
  db.prepare("INSERT INTO change_log (time, labeler_id, action, entity, entity_id, detail) "
             "VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, nowUtc())
      .bind(2, actor)
      .bind(3, action)
      .bind(4, entity)
      .bind(5, entityId)
      .bind(6, detailJson)
      .run();
}

}  // namespace loupe::storage
