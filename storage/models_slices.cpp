// Trained models, saved slices and agreement snapshots: the project's derived artefacts.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "storage/internal.h"
#include "storage/sql_stores.h"

namespace loupe::storage {
namespace {
// Columns id, name, architecture, created, metrics, labels (blobs are read by loadModel only).
ModelRecord readModelHeader(const sql::Statement& st) {
  ModelRecord m;
  m.id = st.int64(0);
  m.name = st.text(1);
  m.architecture = st.text(2);
  m.created = st.text(3);
  m.metricsJson = st.text(4);
  m.labelsJson = st.text(5);
  return m;
}
}  // namespace

Id detail::SqlModelStore::store(const ModelRecord& m) {
  if (m.name.empty()) throw std::invalid_argument("model name is empty");
  sql::Transaction tx(*db_);
  db_->prepare("INSERT INTO models (name, architecture, created, float_blob, int8_blob, metrics, labels) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, m.name)
      .bind(2, m.architecture)
      .bind(3, m.created.empty() ? nowUtc() : m.created)
      .bindBlob(4, m.floatBlob)
      .bindBlob(5, m.int8Blob)
      .bind(6, m.metricsJson)
      .bind(7, m.labelsJson)
      .run();
  const Id id = db_->lastInsertId();
  logChange("add", "model", id, nlohmann::json{{"name", m.name}, {"architecture", m.architecture}}.dump());
  tx.commit();
  return id;
}

std::vector<ModelRecord> detail::SqlModelStore::all() const {
  auto st = db_->prepare("SELECT id, name, architecture, created, metrics, labels FROM models "
                         "ORDER BY created DESC, id DESC");
  std::vector<ModelRecord> out;
  while (st.step()) out.push_back(readModelHeader(st));
  return out;
}

std::optional<ModelRecord> detail::SqlModelStore::load(Id id) const {
  auto st = db_->prepare("SELECT id, name, architecture, created, metrics, labels, float_blob, int8_blob "
                         "FROM models WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  ModelRecord m = readModelHeader(st);
  m.floatBlob = st.blob(6);
  m.int8Blob = st.blob(7);
  return m;
}

SavedSlice detail::SqlSliceStore::save(const std::string& name, const std::string& definitionJson) {
  if (name.empty()) throw std::invalid_argument("slice name is empty");
  const std::string now = nowUtc();
  sql::Transaction tx(*db_);
  db_->prepare("INSERT INTO saved_slices (name, definition, created, updated) VALUES (?1, ?2, ?3, ?3) "
               "ON CONFLICT (name) DO UPDATE SET definition = ?2, updated = ?3")
      .bind(1, name)
      .bind(2, definitionJson)
      .bind(3, now)
      .run();
  logChange("save", "slice", std::nullopt, nlohmann::json{{"name", name}}.dump());
  tx.commit();
  return *byName(name);
}

std::vector<SavedSlice> detail::SqlSliceStore::all() const {
  auto st = db_->prepare("SELECT id, name, definition, created, updated FROM saved_slices ORDER BY name");
  std::vector<SavedSlice> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return out;
}

std::optional<SavedSlice> detail::SqlSliceStore::byName(const std::string& name) const {
  auto st = db_->prepare("SELECT id, name, definition, created, updated FROM saved_slices WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return SavedSlice{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

AgreementSnapshot detail::SqlAgreementHistory::add(const std::string& scope, const std::string& metricsJson) {
  AgreementSnapshot s{0, nowUtc(), scope, metricsJson};
  sql::Transaction tx(*db_);
  db_->prepare("INSERT INTO agreement_snapshots (time, scope, metrics) VALUES (?, ?, ?)")
      .bind(1, s.time)
      .bind(2, s.scope)
      .bind(3, s.metricsJson)
      .run();
  s.id = db_->lastInsertId();
  tx.commit();
  return s;
}

std::vector<AgreementSnapshot> detail::SqlAgreementHistory::all(const std::string& scope) const {
  std::vector<AgreementSnapshot> out;
  auto read = [&](sql::Statement& st) {
    while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3)});
  };
  if (scope.empty()) {
    auto st = db_->prepare("SELECT id, time, scope, metrics FROM agreement_snapshots ORDER BY time, id");
    read(st);
  } else {
    auto st = db_->prepare("SELECT id, time, scope, metrics FROM agreement_snapshots WHERE scope = ? "
                           "ORDER BY time, id");
    st.bind(1, scope);
    read(st);
  }
  return out;
}

}  // namespace loupe::storage
