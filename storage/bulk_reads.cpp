// Bulk reads for agreement, HLP, error analysis and training: one query each, streamed to a
// callback so a million labels never become a million small allocations.
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "storage/internal.h"
#include "storage/sql_stores.h"

namespace loupe::storage {

void detail::SqlDatasetReads::forEachImageLabel(const std::function<void(const ImageLabelRow&)>& fn,
                                std::optional<Id> labelerId) const {
  auto run = [&](sql::Statement& st) {
    ImageLabelRow row;
    while (st.step()) {
      row.itemId = st.int64(0);
      row.labelerId = st.int64(1);
      row.classId = st.int64(2);
      row.score = st.optReal(3);
      fn(row);
    }
  };
  if (labelerId) {
    auto st = db_->prepare("SELECT item_id, labeler_id, class_id, score FROM annotations "
                           "WHERE labeler_id = ? AND kind = 'label' ORDER BY item_id, id");
    st.bind(1, *labelerId);
    run(st);
  } else {
    auto st = db_->prepare("SELECT item_id, labeler_id, class_id, score FROM annotations "
                           "WHERE kind = 'label' ORDER BY item_id, labeler_id, id");
    run(st);
  }
}

void detail::SqlDatasetReads::forEachBox(const std::function<void(const Annotation&)>& fn, std::optional<Id> labelerId) const {
  const std::string cols = std::string("SELECT ") + detail::kAnnotationColumns + " FROM annotations ";
  if (labelerId) {
    auto st = db_->prepare(cols + "WHERE labeler_id = ? AND kind = 'box' ORDER BY item_id, id");
    st.bind(1, *labelerId);
    while (st.step()) fn(detail::readAnnotation(st));
  } else {
    auto st = db_->prepare(cols + "WHERE kind = 'box' ORDER BY item_id, id");
    while (st.step()) fn(detail::readAnnotation(st));
  }
}

void detail::SqlDatasetReads::forEachTrainingSample(Split split, Id labelerId,
                                    const std::function<void(const TrainingSample&)>& fn) const {
  // One image label per item is expected; should a labeler have given two, the latest wins.
  auto st = db_->prepare(
      "SELECT i.id, i.name, i.width, i.height, m.bytes, m.format, m.external_path, m.sha256, "
      "  (SELECT a.class_id FROM annotations a WHERE a.item_id = i.id AND a.labeler_id = ?1 "
      "   AND a.kind = 'label' ORDER BY a.id DESC LIMIT 1) AS class_id "
      "FROM items i JOIN media m ON m.id = i.media_id "
      "WHERE i.split = ?2 AND class_id IS NOT NULL ORDER BY i.id");
  st.bind(1, labelerId).bind(2, toString(split));
  TrainingSample s;
  while (st.step()) {
    s.itemId = st.int64(0);
    s.name = st.text(1);
    s.width = st.int32(2);
    s.height = st.int32(3);
    s.media = MediaBlob{st.blob(4), st.text(5), st.text(6), st.text(7)};
    s.classId = st.int64(8);
    if (!s.media.externalPath.empty()) {
      s.media.bytes = detail::readExternalMedia(path_, s.media.externalPath);
    }
    fn(s);
  }
}

}  // namespace loupe::storage
