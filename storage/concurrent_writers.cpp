// Support for several writers on one project file: noticing outside commits, and refusing an
// edit whose rows someone else changed in the meantime.
#include <string>

#include "storage/project.h"
#include "storage/sql/connection.h"

namespace loupe::storage {

std::int64_t Project::dataVersion() const {
  // Per connection, no file I/O beyond what SQLite already mapped: a 500 ms poll costs nothing.
  auto st = db_->prepare("PRAGMA data_version");
  st.step();
  return st.int64(0);
}

void Project::requireAnnotation(const Annotation& expected) const {
  const auto now = annotation(expected.id);
  const std::string which = "annotation " + std::to_string(expected.id);
  if (!now) throw EditConflict(which + " was removed by another process");
  const bool same = now->itemId == expected.itemId && now->labelerId == expected.labelerId &&
                    now->classId == expected.classId && now->kind == expected.kind &&
                    now->score == expected.score &&
                    (now->kind != AnnotationKind::Box || now->box == expected.box);
  if (!same) throw EditConflict(which + " was changed by another process");
}

}  // namespace loupe::storage
