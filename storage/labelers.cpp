// Labelers: humans, models, the reference (ground truth) and consensus.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/domain/names.h"
#include "storage/internal.h"
#include "storage/project.h"

namespace loupe::storage {
namespace {
constexpr const char* kSelect = "SELECT id, name, kind FROM labelers";

Labeler readLabeler(const sql::Statement& st) {
  return Labeler{st.int64(0), st.text(1), detail::labelerKindFromDb(st.text(2))};
}
}  // namespace

Labeler Project::addLabeler(const std::string& name, LabelerKind kind) {
  if (std::string problem = nameProblem(name, NameKind::Labeler); !problem.empty()) throw std::invalid_argument(problem);
  if (labelerByName(name)) throw std::invalid_argument("labeler '" + name + "' already exists");
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

Labeler Project::ensureLabeler(const std::string& name, LabelerKind kind) {
  if (auto existing = labelerByName(name)) return *existing;
  return addLabeler(name, kind);
}

std::vector<Labeler> Project::labelers() const {
  auto st = db_->prepare(std::string(kSelect) + " ORDER BY id");
  std::vector<Labeler> out;
  while (st.step()) out.push_back(readLabeler(st));
  return out;
}

std::optional<Labeler> Project::labeler(Id id) const {
  auto st = db_->prepare(std::string(kSelect) + " WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readLabeler(st);
}

std::optional<Labeler> Project::labelerByName(const std::string& name) const {
  auto st = db_->prepare(std::string(kSelect) + " WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return readLabeler(st);
}

}  // namespace loupe::storage
