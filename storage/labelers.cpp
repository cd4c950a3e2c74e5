// Labelers: humans, models, the reference (ground truth) and consensus.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/domain/names.h"
#include "storage/internal.h"
#include "storage/sql_stores.h"

namespace loupe::storage {
namespace {
constexpr const char* kSelect = "SELECT id, name, kind FROM labelers";

Labeler readLabeler(const sql::Statement& st) {
  return Labeler{st.int64(0), st.text(1), detail::labelerKindFromDb(st.text(2))};
}
}  // namespace

Labeler detail::SqlLabelerStore::add(const std::string& name, LabelerKind kind) {
  if (std::string problem = nameProblem(name, NameKind::Labeler); !problem.empty()) throw std::invalid_argument(problem);
  if (byName(name)) throw std::invalid_argument("labeler '" + name + "' already exists");
  sql::Transaction tx(*db_);
  db_->prepare("INSERT INTO labelers (name, kind, created) VALUES (?, ?, ?)")
      .bind(1, name)
      .bind(2, toString(kind))
      .bind(3, nowUtc())
      .run();
  const Id id = db_->lastInsertId();
  logChange("add", "labeler", id,
            nlohmann::json{{"name", name}, {"kind", std::string(toString(kind))}}.dump());
  tx.commit();
  return Labeler{id, name, kind};
}

Labeler detail::SqlLabelerStore::ensure(const std::string& name, LabelerKind kind) {
  if (auto existing = byName(name)) return *existing;
  return add(name, kind);
}

std::vector<Labeler> detail::SqlLabelerStore::all() const {
  auto st = db_->prepare(std::string(kSelect) + " ORDER BY id");
  std::vector<Labeler> out;
  while (st.step()) out.push_back(readLabeler(st));
  return out;
}

std::optional<Labeler> detail::SqlLabelerStore::byId(Id id) const {
  auto st = db_->prepare(std::string(kSelect) + " WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readLabeler(st);
}

std::optional<Labeler> detail::SqlLabelerStore::byName(const std::string& name) const {
  auto st = db_->prepare(std::string(kSelect) + " WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return readLabeler(st);
}

}  // namespace loupe::storage
