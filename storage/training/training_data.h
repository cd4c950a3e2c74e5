#pragma once
// Reading training material out of a project: which labeler's labels to train on, the class
// list, and a split's images decoded and resized to the network input.

#include <optional>
#include <string>
#include <vector>

#include "core/domain/progress.h"
#include "core/nn/image_set.h"
#include "storage/project.h"

namespace loupe::storage {

// The labeler called `name`; with an empty name the project's (first) reference labeler, else
// its consensus labeler when it has exactly one. Throws std::invalid_argument naming the known
// labelers when none fits, or the consensus labelers when there are several to choose from.
Labeler chooseLabeler(const storage::Project& project, const std::string& name);

// Largest width and height among the items of `splits` the labeler labelled (for the default
// architecture; training looks at the train split).
std::pair<int, int> typicalImageSize(const storage::Project& project, Id labelerId,
                                     const std::vector<Split>& splits = {Split::Train});

struct SplitImages {
  nn::ImageSet images;
  std::vector<Id> itemIds;  // parallel to images
};

// Items of `split` labelled by `labelerId` (with media), labels mapped to indices of `classes`
// (class names). Items labelled with a class outside `classes` are an error naming the item.
SplitImages loadLabelledSplit(const storage::Project& project, Split split, Id labelerId,
                              const std::vector<std::string>& classes, const nn::Shape& input,
                              const Progress& progress = {});

// An item's media decoded and resized to `input`; a decoding failure is an InputError naming
// the item and the field "media".
std::vector<std::uint8_t> decodeItemMedia(const storage::MediaBlob& media, int width, int height,
                                          const nn::Shape& input, const std::string& itemName);

// Every item of `split` with media, labelled or not (for prediction); labels stay empty.
SplitImages loadSplit(const storage::Project& project, Split split, const nn::Shape& input,
                      const Progress& progress = {});

}  // namespace loupe::storage
