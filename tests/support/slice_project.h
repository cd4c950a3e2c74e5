#pragma once
// The ten-item cat/dog project the slice tests of the CLI and of the analysis dock read, built
// through the storage API. train (items 1..5): the model is right on all, the human on 4 of 5;
// test (items 6..10): the model is right on 6, 7 and 10 (3 of 5), the human on all; weather rain
// on items 1..3 and 6. Labelers: "ref" (reference), "net" (model, score 0.9), "ann" (human).

#include <string>

#include "storage/project.h"
#include "tests/support/annotation_values.h"

namespace loupe::test {

struct SliceProjectOptions {
  bool sunnyTail = false;      // weather sun on items 8..10 as well
  bool netSkipsItem5 = false;  // the model gives no answer on item 5
};

inline void buildSliceProject(const std::string& path, SliceProjectOptions options = {}) {
  auto p = storage::Project::create(path);
  const Id cat = p.classes().add("cat").id, dog = p.classes().add("dog").id;
  const Id ref = p.labelers().add("ref", LabelerKind::Reference).id;
  const Id net = p.labelers().add("net", LabelerKind::Model).id;
  const Id ann = p.labelers().add("ann", LabelerKind::Human).id;
  const int truth[] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
  const int model[] = {0, 1, 0, 1, 0, 1, 0, 0, 1, 1};
  const int human[] = {0, 1, 0, 1, 1, 1, 0, 1, 0, 1};
  for (int i = 0; i < 10; ++i) {
    storage::NewItem it;
    it.name = "img" + std::to_string(i + 1);
    it.split = i < 5 ? Split::Train : Split::Test;
    it.source = "import:csv";
    if (i < 3 || i == 5)
      it.attributes["weather"] = "rain";
    else if (options.sunnyTail && i > 6)
      it.attributes["weather"] = "sun";
    const Id id = p.items().add(it);
    p.annotations().add(imageLabel(id, ref, truth[i] ? dog : cat));
    if (!(options.netSkipsItem5 && i == 4)) p.annotations().add(imageLabel(id, net, model[i] ? dog : cat, 0.9));
    p.annotations().add(imageLabel(id, ann, human[i] ? dog : cat));
  }
}

}  // namespace loupe::test
