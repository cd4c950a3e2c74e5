// Item attributes: key=value pairs slices are defined over.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/domain/names.h"
#include "storage/item_rows.h"
#include "storage/sql_stores.h"

namespace loupe::storage {

void detail::SqlAttributeStore::set(Id itemId, const std::string& key, const std::string& value) {
  if (std::string problem = attributeProblem(key, value); !problem.empty()) throw std::invalid_argument(problem);
  if (!s_.items.byId(itemId)) throw std::invalid_argument("item " + std::to_string(itemId) + " does not exist");
  sql::Transaction tx(*db_);
  detail::ItemInserter(*db_).setAttribute(itemId, key, value);
  logChange("set", "attribute", itemId, nlohmann::json{{"key", key}, {"value", value}}.dump());
  tx.commit();
}

void detail::SqlAttributeStore::remove(Id itemId, const std::string& key) {
  sql::Transaction tx(*db_);
  db_->prepare("DELETE FROM item_attributes WHERE item_id = ? AND key = ?").bind(1, itemId).bind(2, key).run();
  if (db_->changes() > 0) logChange("remove", "attribute", itemId, nlohmann::json{{"key", key}}.dump());
  tx.commit();
}

std::map<std::string, std::string> detail::SqlAttributeStore::of(Id itemId) const {
  auto st = db_->prepare("SELECT key, value FROM item_attributes WHERE item_id = ?");
  st.bind(1, itemId);
  std::map<std::string, std::string> out;
  while (st.step()) out.emplace(st.text(0), st.text(1));
  return out;
}

std::vector<std::string> detail::SqlAttributeStore::keys() const {
  auto st = db_->prepare("SELECT DISTINCT key FROM item_attributes ORDER BY key");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> detail::SqlAttributeStore::valueCounts(const std::string& key) const {
  auto st = db_->prepare("SELECT value, COUNT(*) FROM item_attributes WHERE key = ? GROUP BY value ORDER BY value");
  st.bind(1, key);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (st.step()) out.emplace_back(st.text(0), st.int64(1));
  return out;
}

std::vector<std::pair<Id, std::string>> detail::SqlAttributeStore::values(const std::string& key) const {
  auto st = db_->prepare("SELECT item_id, value FROM item_attributes WHERE key = ? ORDER BY item_id");
  st.bind(1, key);
  std::vector<std::pair<Id, std::string>> out;
  while (st.step()) out.emplace_back(st.int64(0), st.text(1));
  return out;
}

}  // namespace loupe::storage
