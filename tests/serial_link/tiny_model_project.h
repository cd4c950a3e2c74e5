#pragma once
// A real project file holding tiny_model.h's classifier as model "tiny", for the tests that deploy
// it to a board (the virtual one or a scripted one).

#include <QString>

#include "storage/project.h"
#include "tests/serial_link/tiny_model.h"

namespace loupe::test {

inline storage::Project createProjectWithTinyModel(const QString& path) {
  auto p = storage::Project::create(path.toStdString());
  storage::ModelRecord m;
  m.name = "tiny";
  m.architecture = "test";
  m.int8Blob = tinyModel(1);
  p.storeModel(m);
  return p;
}

}  // namespace loupe::test
