#pragma once
// The line shown while walking through a model's errors: what the evaluated labeler answered on
// an item (with the model's score) and what the reference holds, e.g.
// "model net: cat (0.83) · reference: dog". Works for any pair the Analysis dock compares;
// boxes (detection) are counted, "no answer" when a labeler has nothing on the item.

#include <QString>

#include "storage/project.h"

namespace loupe::widgets {

QString evaluationText(const storage::Project& project, Id itemId, const Labeler& model, const Labeler& reference);

}  // namespace loupe::widgets
