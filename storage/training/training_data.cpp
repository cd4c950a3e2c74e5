#include "storage/training/training_data.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <stdexcept>

#include "core/nn/image_input.h"
#include "storage/training/training_common.h"

namespace loupe::storage {
namespace {

void appendImage(SplitImages& out, const std::vector<std::uint8_t>& pixels, Id itemId) {
  out.images.pixels.insert(out.images.pixels.end(), pixels.begin(), pixels.end());
  out.itemIds.push_back(itemId);
}

}  // namespace

std::vector<std::uint8_t> decodeItemMedia(const storage::MediaBlob& media, int width, int height,
                                          const nn::Shape& input, const std::string& itemName) {
  try {
    return nn::mediaToInput(media.bytes, media.format, width, height, input);
  } catch (const std::invalid_argument& e) {
    throw InputError({.file = itemName, .line = 0, .field = "media"}, e.what());
  }
}

Labeler chooseLabeler(const storage::Project& project, const std::string& name) {
  const auto all = project.labelers().all();
  auto listed = [](const std::vector<Labeler>& labelers) {
    std::string out;
    for (const auto& l : labelers) out += (out.empty() ? "" : ", ") + l.name + " (" + std::string(toString(l.kind)) + ")";
    return out;
  };
  if (!name.empty()) {
    if (auto l = project.labelers().byName(name)) return *l;
    throw std::invalid_argument("unknown labeler '" + name + "' (known: " + listed(all) + ")");
  }
  for (const auto& l : all)
    if (l.kind == LabelerKind::Reference) return l;
  std::vector<Labeler> consensus;
  std::copy_if(all.begin(), all.end(), std::back_inserter(consensus), [](const Labeler& l) { return l.kind == LabelerKind::Consensus; });
  if (consensus.size() == 1) return consensus.front();
  // Several (the review panel's, `loupe consensus` runs): which one is the truth is the user's call.
  if (consensus.size() > 1)
    throw std::invalid_argument("no reference labeler and several consensus labelers; pass --labeler (one of: " +
                                listed(consensus) + ")");
  throw std::invalid_argument("no reference or consensus labeler; pass --labeler (known: " + listed(all) + ")");
}

std::pair<int, int> typicalImageSize(const storage::Project& project, Id labelerId, const std::vector<Split>& splits) {
  int width = 0, height = 0;
  for (Split split : splits)
    project.reads().forEachTrainingSample(split, labelerId, [&](const storage::TrainingSample& s) {
      width = std::max(width, s.width);
      height = std::max(height, s.height);
    });
  return {width, height};
}

SplitImages loadLabelledSplit(const storage::Project& project, Split split, Id labelerId,
                              const std::vector<std::string>& classes, const nn::Shape& input,
                              const Progress& progress) {
  const std::map<Id, int> classIndex = modelClassIndex(project, classes);
  SplitImages out;
  out.images.shape = input;
  const std::string stage = "loading " + std::string(toString(split));
  project.reads().forEachTrainingSample(split, labelerId, [&](const storage::TrainingSample& s) {
    const auto cls = classIndex.find(s.classId);
    if (cls == classIndex.end())
      throw InputError({.file = s.name, .line = 0, .field = "label"}, "class id " + std::to_string(s.classId) +
                                                                          " is not one of the model's classes");
    appendImage(out, decodeItemMedia(s.media, s.width, s.height, input, s.name), s.itemId);
    out.images.labels.push_back(cls->second);
    if (out.itemIds.size() % 256 == 0) progress(static_cast<std::int64_t>(out.itemIds.size()), 0, stage);
  });
  return out;
}

SplitImages loadSplit(const storage::Project& project, Split split, const nn::Shape& input, const Progress& progress) {
  SplitImages out;
  out.images.shape = input;
  const auto ids = project.items().ids({.split = split});
  constexpr std::size_t kPage = 512;
  for (std::size_t first = 0; first < ids.size(); first += kPage) {
    progress(static_cast<std::int64_t>(first), static_cast<std::int64_t>(ids.size()), "loading " + std::string(toString(split)));
    const std::vector<Id> page(ids.begin() + static_cast<std::ptrdiff_t>(first),
                               ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), first + kPage)));
    for (const auto& record : project.items().byIds(page)) {
      const auto media = project.items().media(record.item.id);
      if (!media) continue;
      appendImage(out, decodeItemMedia(*media, record.item.width, record.item.height, input, record.item.name), record.item.id);
    }
  }
  return out;
}

}  // namespace loupe::storage
