// exportDataset: a project (or one labeler's view of it) as a format-neutral Dataset.
#include <stdexcept>
#include <unordered_map>

#include "storage/internal.h"
#include "storage/sql/connection.h"
#include "storage/transfer/import.h"

namespace loupe::storage {

Dataset exportDataset(const Project& project, const ExportOptions& options, const Progress& progress) {
  sql::Connection& db = project.connection();
  Dataset out;
  std::optional<Id> onlyLabeler;
  if (options.labeler) {
    const auto l = project.labelerByName(*options.labeler);
    if (!l) throw std::invalid_argument("no labeler named '" + *options.labeler + "'");
    onlyLabeler = l->id;
  }
  for (const auto& c : project.classes()) {
    out.classes.push_back(c.name);
    if (auto fid = project.classFileId(c.id)) out.classFileIds[c.name] = *fid;
  }

  // Attributes first, one pass, so each image below picks its own up by item id.
  std::unordered_map<Id, std::map<std::string, std::string>> attributes;
  {
    auto st = db.prepare("SELECT item_id, key, value FROM item_attributes");
    while (st.step()) attributes[st.int64(0)].emplace(st.text(1), st.text(2));
  }

  std::unordered_map<Id, std::string> itemNames;
  {
    auto st = db.prepare(
        "SELECT i.id, i.name, i.width, i.height, i.split, i.group_key, i.content_hash, "
        "       m.format, m.external_path, CASE WHEN ?1 THEN m.bytes END "
        "FROM items i LEFT JOIN media m ON m.id = i.media_id ORDER BY i.id");
    st.bind(1, options.withMedia ? 1 : 0);
    std::int64_t n = 0;
    while (st.step()) {
      if (n++ % 4096 == 0) progress(n, 0, "reading items");
      DatasetImage img;
      const Id id = st.int64(0);
      img.name = st.text(1);
      img.width = st.int32(2);
      img.height = st.int32(3);
      img.split = detail::splitFromDb(st.text(4));
      img.groupKey = st.text(5);
      img.contentHash = st.text(6);
      if (options.withMedia && !st.isNull(7)) {
        DatasetMedia m;
        m.format = st.text(7);
        m.externalPath = st.text(8);
        // The writers copy external images; a descriptor on the project file would drop our locks.
        if (!m.externalPath.empty() && detail::isProjectsOwnFile(project.path(), m.externalPath))
          throw ProjectFileError(project.path().string() + ": item '" + img.name +
                                 "': its image path names the project file itself");
        m.bytes = st.blob(9);
        img.media = std::move(m);
      }
      if (auto it = attributes.find(id); it != attributes.end()) img.attributes = std::move(it->second);
      itemNames.emplace(id, img.name);
      out.images.push_back(std::move(img));
    }
  }

  std::unordered_map<Id, std::string> classNames;
  for (const auto& c : project.classes()) classNames.emplace(c.id, c.name);
  std::unordered_map<Id, std::string> labelerNames;
  for (const auto& l : project.labelers()) labelerNames.emplace(l.id, l.name);
  // Foreign keys keep references whole in every file Loupe writes; another program may have
  // written with them off.
  auto lookUp = [&](const std::unordered_map<Id, std::string>& names, Id id, const Annotation& a,
                    const char* what) -> const std::string& {
    const auto it = names.find(id);
    if (it != names.end()) return it->second;
    const auto item = itemNames.find(a.itemId);
    const std::string on = item == itemNames.end() ? "" : " on item '" + item->second + "'";
    throw ProjectFileError(project.path().string() + ": project file is damaged (annotation " +
                           std::to_string(a.id) + on + " refers to " + what + " " + std::to_string(id) +
                           ", which is not in the project)");
  };
  auto add = [&](const Annotation& a) {
    DatasetAnnotation d;
    d.item = lookUp(itemNames, a.itemId, a, "item");
    d.className = lookUp(classNames, a.classId, a, "class");
    d.kind = a.kind;
    d.box = a.box;
    d.score = a.score;
    d.labeler = lookUp(labelerNames, a.labelerId, a, "labeler");
    out.annotations.push_back(std::move(d));
  };
  const std::string cols = std::string("SELECT ") + detail::kAnnotationColumns + " FROM annotations ";
  if (onlyLabeler) {
    auto st = db.prepare(cols + "WHERE labeler_id = ? ORDER BY item_id, id");
    st.bind(1, *onlyLabeler);
    while (st.step()) add(detail::readAnnotation(st));
  } else {
    auto st = db.prepare(cols + "ORDER BY item_id, id");
    while (st.step()) add(detail::readAnnotation(st));
  }
  return out;
}

}  // namespace loupe::storage
