// Review decisions on suggested fixes and shadow-mode proposals: the records that make the
// "Likely errors" queue and the pre-label agreement survive a restart.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "storage/internal.h"
#include "storage/sql_stores.h"

namespace loupe::storage {
namespace {

const char* toText(IssueDecisionKind d) {
  switch (d) {
    case IssueDecisionKind::Accepted: return "accepted";
    case IssueDecisionKind::Relabeled: return "relabeled";
    case IssueDecisionKind::Dismissed: return "dismissed";
  }
  return "dismissed";
}

IssueDecisionKind decisionFrom(const std::string& text) {
  if (text == "accepted") return IssueDecisionKind::Accepted;
  if (text == "relabeled") return IssueDecisionKind::Relabeled;
  return IssueDecisionKind::Dismissed;
}

constexpr const char* kDecisionColumns = "id, item_id, labeler_id, subject, decision, reviewer_id, time";

IssueDecision readDecision(const sql::Statement& st) {
  return {.id = st.int64(0),
          .itemId = st.int64(1),
          .labelerId = st.int64(2),
          .subject = st.text(3),
          .decision = decisionFrom(st.text(4)),
          .reviewerId = st.optInt64(5),
          .time = st.text(6)};
}

constexpr const char* kProposalColumns = "id, item_id, labeler_id, model, class, kind, x, y, w, h, score, time";

PrelabelProposal readProposal(const sql::Statement& st) {
  PrelabelProposal p{.id = st.int64(0), .itemId = st.int64(1), .labelerId = st.int64(2), .model = st.text(3),
                     .className = st.text(4), .box = std::nullopt, .score = st.real(10), .time = st.text(11)};
  if (st.text(5) == "box") p.box = Box{st.real(6), st.real(7), st.real(8), st.real(9)};
  return p;
}

nlohmann::json describe(const IssueDecision& d) {
  return {{"item_id", d.itemId}, {"labeler_id", d.labelerId}, {"subject", d.subject}, {"decision", toText(d.decision)}};
}

}  // namespace

IssueDecision detail::SqlIssueDecisionStore::record(Id itemId, Id labelerId, const std::string& subject,
                                                    IssueDecisionKind decision) {
  if (subject.empty()) throw std::invalid_argument("an issue decision needs a subject");
  IssueDecision d{.id = 0, .itemId = itemId, .labelerId = labelerId, .subject = subject, .decision = decision,
                  .reviewerId = s_.actor, .time = nowUtc()};
  sql::Transaction tx(*db_);
  if (const auto old = find(itemId, labelerId, subject)) remove(old->id);
  db_->prepare("INSERT INTO issue_decisions (item_id, labeler_id, subject, decision, reviewer_id, time) "
               "VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, d.itemId)
      .bind(2, d.labelerId)
      .bind(3, d.subject)
      .bind(4, toText(d.decision))
      .bind(5, d.reviewerId)
      .bind(6, d.time)
      .run();
  d.id = db_->lastInsertId();
  logChange("decide", "issue", d.id, describe(d).dump());
  tx.commit();
  return d;
}

void detail::SqlIssueDecisionStore::restore(const IssueDecision& d) {
  if (d.id <= 0) throw std::invalid_argument("restoring an issue decision needs its original id");
  sql::Transaction tx(*db_);
  db_->prepare("INSERT INTO issue_decisions (id, item_id, labeler_id, subject, decision, reviewer_id, time) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, d.id)
      .bind(2, d.itemId)
      .bind(3, d.labelerId)
      .bind(4, d.subject)
      .bind(5, toText(d.decision))
      .bind(6, d.reviewerId)
      .bind(7, d.time.empty() ? nowUtc() : d.time)
      .run();
  logChange("restore", "issue", d.id, describe(d).dump());
  tx.commit();
}

void detail::SqlIssueDecisionStore::remove(Id decisionId) {
  sql::Transaction tx(*db_);
  const auto d = byId(decisionId);
  if (!d) throw std::invalid_argument("unknown issue decision id " + std::to_string(decisionId));
  db_->prepare("DELETE FROM issue_decisions WHERE id = ?").bind(1, decisionId).run();
  logChange("delete", "issue", decisionId, describe(*d).dump());
  tx.commit();
}

std::optional<IssueDecision> detail::SqlIssueDecisionStore::byId(Id decisionId) const {
  auto st = db_->prepare(std::string("SELECT ") + kDecisionColumns + " FROM issue_decisions WHERE id = ?");
  st.bind(1, decisionId);
  if (!st.step()) return std::nullopt;
  return readDecision(st);
}

std::optional<IssueDecision> detail::SqlIssueDecisionStore::find(Id itemId, Id labelerId,
                                                                 const std::string& subject) const {
  auto st = db_->prepare(std::string("SELECT ") + kDecisionColumns +
                         " FROM issue_decisions WHERE item_id = ? AND labeler_id = ? AND subject = ?");
  st.bind(1, itemId).bind(2, labelerId).bind(3, subject);
  if (!st.step()) return std::nullopt;
  return readDecision(st);
}

std::vector<IssueDecision> detail::SqlIssueDecisionStore::of(Id labelerId) const {
  auto st = db_->prepare(std::string("SELECT ") + kDecisionColumns +
                         " FROM issue_decisions WHERE labeler_id = ? ORDER BY item_id, id");
  st.bind(1, labelerId);
  std::vector<IssueDecision> out;
  while (st.step()) out.push_back(readDecision(st));
  return out;
}

std::vector<PrelabelProposal> detail::SqlProposalStore::add(const std::vector<PrelabelProposal>& proposals) {
  std::vector<PrelabelProposal> out;
  const std::string now = nowUtc();
  sql::Transaction tx(*db_);
  auto ins = db_->prepare("INSERT INTO prelabel_proposals (item_id, labeler_id, model, class, kind, x, y, w, h, "
                          "score, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (PrelabelProposal p : proposals) {
    if (p.model.empty() || p.className.empty()) throw std::invalid_argument("a proposal needs a model and a class");
    p.time = now;
    ins.bind(1, p.itemId).bind(2, p.labelerId).bind(3, p.model).bind(4, p.className);
    ins.bind(5, p.box ? "box" : "label");
    ins.bind(6, p.box ? std::optional<double>(p.box->x) : std::nullopt);
    ins.bind(7, p.box ? std::optional<double>(p.box->y) : std::nullopt);
    ins.bind(8, p.box ? std::optional<double>(p.box->w) : std::nullopt);
    ins.bind(9, p.box ? std::optional<double>(p.box->h) : std::nullopt);
    ins.bind(10, p.score).bind(11, p.time).run();
    p.id = db_->lastInsertId();
    out.push_back(std::move(p));
  }
  tx.commit();
  return out;
}

bool detail::SqlProposalStore::proposed(Id itemId, Id labelerId, const std::string& model) const {
  auto st = db_->prepare("SELECT 1 FROM prelabel_proposals WHERE labeler_id = ? AND model = ? AND item_id = ? LIMIT 1");
  st.bind(1, labelerId).bind(2, model).bind(3, itemId);
  return st.step();
}

std::vector<PrelabelProposal> detail::SqlProposalStore::on(Id itemId, Id labelerId, const std::string& model) const {
  auto st = db_->prepare(std::string("SELECT ") + kProposalColumns +
                         " FROM prelabel_proposals WHERE labeler_id = ? AND model = ? AND item_id = ? ORDER BY time, id");
  st.bind(1, labelerId).bind(2, model).bind(3, itemId);
  std::vector<PrelabelProposal> out;
  while (st.step()) out.push_back(readProposal(st));
  return out;
}

std::vector<PrelabelProposal> detail::SqlProposalStore::of(Id labelerId, const std::string& model) const {
  auto st = db_->prepare(std::string("SELECT ") + kProposalColumns + " FROM prelabel_proposals WHERE labeler_id = ?" +
                         (model.empty() ? "" : " AND model = ?") + " ORDER BY time, id");
  st.bind(1, labelerId);
  if (!model.empty()) st.bind(2, model);
  std::vector<PrelabelProposal> out;
  while (st.step()) out.push_back(readProposal(st));
  return out;
}

}  // namespace loupe::storage
