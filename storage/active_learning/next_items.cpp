#include "storage/active_learning/next_items.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>

#include "core/nn/architectures.h"
#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "core/nn/spec_io.h"
#include "storage/training/model_training.h"
#include "storage/training/training_data.h"

namespace loupe::storage {
namespace {

// Round k holds the k-th most uncertain item of every predicted class, ordered by uncertainty;
// `sorted` is already most uncertain first, so each class keeps its own order.
std::vector<NextItem> balancedByPredictedClass(std::vector<NextItem> sorted) {
  std::map<std::string, std::size_t> seen;
  std::vector<std::size_t> round(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) round[i] = seen[sorted[i].predicted]++;
  std::vector<std::size_t> order(sorted.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return round[a] < round[b]; });
  std::vector<NextItem> out;
  out.reserve(sorted.size());
  for (std::size_t i : order) out.push_back(std::move(sorted[i]));
  return out;
}

}  // namespace

std::optional<std::string> newestClassifier(const storage::Project& project) {
  for (const auto& m : project.models().all()) {  // newest first
    const auto record = project.models().load(m.id);
    if (!record || record->floatBlob.empty()) continue;
    if (!nn::isDetector(nn::deserializeNetwork(record->floatBlob))) return m.name;
  }
  return std::nullopt;
}

NextItems nextItems(const storage::Project& project, const NextRequest& request, const Progress& progress) {
  if (request.labeler.empty()) throw std::invalid_argument("name the labeler who labels next (--labeler)");
  const Labeler labeler = chooseLabeler(project, request.labeler);  // by name: empty was refused above
  ItemFilter filter;
  filter.split = request.split;
  filter.labelerId = labeler.id;
  filter.unlabeled = true;
  const auto ids = project.items().ids(filter);

  NextItems out;
  if (request.order == NextOrder::List) {
    const std::vector<Id> first(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), request.count)));
    for (const auto& r : project.items().byIds(first)) out.items.push_back({r.item.id, r.item.name, std::nullopt});
    return out;
  }

  out.model = request.model.empty() ? newestClassifier(project).value_or("") : request.model;
  if (out.model.empty()) throw std::invalid_argument("uncertainty order needs a trained classifier (loupe train), or --model");
  const auto stored = loadStoredNetwork(project, out.model);
  if (nn::isDetector(stored.network))
    throw std::invalid_argument("model '" + out.model + "' is a detector; uncertainty order needs a classifier");
  const nn::Network net(stored.network);
  const int classes = net.classes();

  std::vector<NextItem> scored, unscored;
  constexpr std::size_t kPage = 512;  // bounded memory however many items wait
  for (std::size_t first = 0; first < ids.size(); first += kPage) {
    progress(static_cast<std::int64_t>(first), static_cast<std::int64_t>(ids.size()), "scoring unlabelled items");
    const std::vector<Id> page(ids.begin() + static_cast<std::ptrdiff_t>(first),
                               ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), first + kPage)));
    nn::ImageSet images;
    images.shape = stored.network.input;
    std::vector<NextItem> pageItems;
    for (const auto& record : project.items().byIds(page)) {
      const auto media = project.items().media(record.item.id);
      if (!media) {
        unscored.push_back({record.item.id, record.item.name, std::nullopt});
        continue;
      }
      const auto pixels = decodeItemMedia(*media, record.item.width, record.item.height, images.shape, record.item.name);
      images.pixels.insert(images.pixels.end(), pixels.begin(), pixels.end());
      pageItems.push_back({record.item.id, record.item.name, std::nullopt});
    }
    const auto probs = nn::predict(net, images, request.threads);
    for (std::size_t i = 0; i < pageItems.size(); ++i) {
      const float* p = probs.data() + i * static_cast<std::size_t>(classes);
      pageItems[i].score = active_learning::uncertainty(p, classes, request.measure);
      pageItems[i].predicted = stored.network.classes[static_cast<std::size_t>(nn::argmax(p, classes))];
      scored.push_back(std::move(pageItems[i]));
    }
  }
  const auto byScore = [](const NextItem& a, const NextItem& b) { return *a.score > *b.score; };
  std::stable_sort(scored.begin(), scored.end(), byScore);
  if (request.balanceClasses) scored = balancedByPredictedClass(std::move(scored));
  scored.insert(scored.end(), unscored.begin(), unscored.end());
  if (scored.size() > request.count) scored.resize(request.count);
  out.items = std::move(scored);
  return out;
}

}  // namespace loupe::storage
