#include "storage/project.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "storage/internal.h"
#include "storage/sql/connection.h"

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
    : path_(std::move(path)), db_(std::move(db)), readOnly_(readOnly) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

int Project::schemaVersion() const { return static_cast<int>(db_->pragmaInt("user_version")); }

void Project::checkpoint() { db_->exec("PRAGMA wal_checkpoint(TRUNCATE)"); }

Project::Transaction::Transaction(Project& project)
    : tx_(std::make_unique<sql::Transaction>(*project.db_)) {}
Project::Transaction::~Transaction() = default;
void Project::Transaction::commit() { tx_->commit(); }

std::optional<std::string> Project::meta(const std::string& key) const {
  auto st = db_->prepare("SELECT value FROM project_meta WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void Project::setMeta(const std::string& key, const std::string& value) {
  sql::Transaction tx(*db_);
  db_->prepare("INSERT INTO project_meta (key, value) VALUES (?1, ?2) "
               "ON CONFLICT (key) DO UPDATE SET value = ?2")
      .bind(1, key)
      .bind(2, value)
      .run();
  logChange("set", "meta", std::nullopt, nlohmann::json{{"key", key}, {"value", value}}.dump());
  tx.commit();
}

ProjectStats Project::stats() const {
  ProjectStats s;
  s.schemaVersion = schemaVersion();
  auto count = [&](const char* sql) {
    auto st = db_->prepare(sql);
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
  auto st = db_->prepare("SELECT split, COUNT(*) FROM items GROUP BY split");
  while (st.step()) s.splits[detail::splitFromDb(st.text(0))] = st.int64(1);
  return s;
}

void Project::logChange(const std::string& action, const std::string& entity,
                        std::optional<Id> entityId, const std::string& detailJson) {
  db_->prepare("INSERT INTO change_log (time, labeler_id, action, entity, entity_id, detail) "
               "VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, nowUtc())
      .bind(2, actor_)
      .bind(3, action)
      .bind(4, entity)
      .bind(5, entityId)
      .bind(6, detailJson)
      .run();
}

std::vector<ChangeLogEntry> Project::changeLog(std::int64_t limit) const {
  auto st = db_->prepare("SELECT id, time, labeler_id, action, entity, entity_id, detail "
                         "FROM change_log ORDER BY id DESC LIMIT ?");
  st.bind(1, limit);
  std::vector<ChangeLogEntry> out;
  while (st.step())
    out.push_back({st.int64(0), st.text(1), st.optInt64(2), st.text(3), st.text(4), st.optInt64(5),
                   st.text(6)});
  return out;
}

}  // namespace loupe::storage
