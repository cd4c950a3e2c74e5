#include "storage/training/detection_training.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>

#include "core/analysis/centroid_eval.h"
#include "core/analysis/coco_eval.h"
#include "core/nn/detection_augment.h"
#include "core/nn/footprint.h"
#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "core/nn/parallel.h"
#include "core/nn/spec_io.h"
#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "core/quant/int8_runner.h"
#include "core/quant/report.h"
#include "storage/training/training_common.h"
#include "storage/training/training_data.h"

namespace loupe::storage {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

nn::Shape gridOf(const nn::NetworkSpec& net) { return nn::activationShapes(net).back(); }

// Un-augmented images with one label per output cell: the val set early stopping watches.
nn::ImageSet withCellLabels(const DetectionSplit& split, const nn::Shape& grid) {
  nn::ImageSet set = split.images;
  const int cells = grid.h * grid.w;
  set.labels.assign(split.boxes.size() * static_cast<std::size_t>(cells), 0);
  for (std::size_t i = 0; i < split.boxes.size(); ++i)
    nn::cellTargets(split.boxes[i], set.shape, grid, set.labels.data() + i * static_cast<std::size_t>(cells));
  return set;
}

std::vector<std::vector<nn::Detection>> decodeAll(const std::vector<float>& outputs, const DetectionSplit& split,
                                                  const nn::Shape& grid, float threshold) {
  std::vector<std::vector<nn::Detection>> out;
  const auto size = static_cast<std::size_t>(grid.size());
  for (std::size_t i = 0; i < split.itemIds.size(); ++i)
    out.push_back(nn::decodeDetections(outputs.data() + i * size, grid, split.images.shape, split.sizes[i].first,
                                       split.sizes[i].second, threshold));
  return out;
}

// Dequantised int8 outputs of every image, through the board's runtime.
std::vector<float> int8Outputs(const std::vector<std::uint8_t>& blob, const nn::ImageSet& images, int threads,
                               const Progress& progress) {
  const int n = images.size();
  threads = std::min(nn::resolveThreadCount(threads), std::max(n, 1));
  std::vector<std::unique_ptr<quant::Int8Runner>> runners;
  for (int t = 0; t < threads; ++t) runners.push_back(std::make_unique<quant::Int8Runner>(blob));
  const auto size = runners.front()->model().outputShape().size();
  std::vector<float> out(static_cast<std::size_t>(n) * size);
  nn::parallelFor(n, threads, [&](int i, int worker) {
    if (worker == 0) progress(i, n, "evaluating int8");
    else if (progress.cancel) progress.cancel->throwIfCancelled();
    auto& runner = *runners[static_cast<std::size_t>(worker)];
    const auto probs = runner.dequantize(runner.runFloat(quant::normalised(images, i)));
    std::copy(probs.begin(), probs.end(), out.begin() + static_cast<std::ptrdiff_t>(i) * size);
  });
  return out;
}

double map50(const std::vector<std::string>& classes, const std::vector<std::vector<nn::Detection>>& predicted,
             const std::vector<std::vector<nn::ClassBox>>& reference) {
  std::vector<analysis::CocoImage> images;
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    analysis::CocoImage image;
    for (const auto& b : reference[i]) image.groundTruth.push_back({.cls = b.cls, .box = b.box});
    for (const auto& d : predicted[i]) image.detections.push_back({.cls = d.cls, .box = d.box, .score = d.score});
    images.push_back(std::move(image));
  }
  const double v = analysis::cocoEvaluate(classes, images).map50;
  return v < 0 ? kNaN : v;
}

std::vector<quant::Tensor> calibrationSamples(const nn::ImageSet& images) {
  const int n = images.size();
  const int take = std::min(n, quant::kCalibrationSamples);
  std::vector<quant::Tensor> samples;
  for (int k = 0; k < take; ++k) samples.push_back(quant::normalised(images, int(std::int64_t(k) * n / take)));
  return samples;
}

nlohmann::json itemIdsJson(const DetectionSplit& split) { return split.itemIds; }

}  // namespace

bool labelerDrawsBoxesOnly(const storage::Project& project, Id labelerId) {
  bool labels = false;
  project.reads().forEachImageLabel([&](const storage::ImageLabelRow&) { labels = true; }, labelerId);
  if (labels) return false;
  bool boxes = false;
  project.reads().forEachBox([&](const Annotation&) { boxes = true; }, labelerId);
  return boxes;
}

const nn::Architecture& chooseDetectorArchitecture(const storage::Project& project, const TrainRequest& request,
                                                   const Labeler& labeler) {
  const nn::Architecture& arch =
      request.arch.empty() ? nn::defaultDetectorArchitecture() : nn::architecture(request.arch);
  if (!arch.detector)
    throw std::invalid_argument("architecture '" + arch.name + "' is a classifier; detection needs a detector (" +
                                nn::defaultDetectorArchitecture().name + ", fomo160x120-det, fomo-det-<W>x<H>)");
  if (project.items().ids({.split = Split::Train, .labelerId = labeler.id}).empty())
    throw std::invalid_argument("no train items with media are labelled by '" + labeler.name + "'");
  return arch;
}

DetectionSplit loadDetectionSplit(const storage::Project& project, Split split, Id labelerId,
                                  const std::vector<std::string>& classes, const nn::Shape& input,
                                  const Progress& progress) {
  const std::map<Id, int> classIndex = modelClassIndex(project, classes);
  std::map<Id, std::vector<Annotation>> boxes;
  project.reads().forEachBox([&](const Annotation& a) { boxes[a.itemId].push_back(a); }, labelerId);
  const auto ids = project.items().ids({.split = split, .labelerId = labelerId});
  DetectionSplit out;
  out.images.shape = input;
  const std::string stage = "loading " + std::string(toString(split));
  constexpr std::size_t kPage = 512;
  for (std::size_t first = 0; first < ids.size(); first += kPage) {
    progress(static_cast<std::int64_t>(first), static_cast<std::int64_t>(ids.size()), stage);
    const std::vector<Id> page(ids.begin() + static_cast<std::ptrdiff_t>(first),
                               ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), first + kPage)));
    for (const auto& record : project.items().byIds(page)) {
      const Item& item = record.item;
      const auto media = project.items().media(item.id);
      if (!media) continue;
      if (item.width <= 0 || item.height <= 0)
        throw InputError({.file = item.name, .line = 0, .field = "width"}, "the item has no image size");
      const auto pixels = decodeItemMedia(*media, item.width, item.height, input, item.name);
      out.images.pixels.insert(out.images.pixels.end(), pixels.begin(), pixels.end());
      out.itemIds.push_back(item.id);
      out.sizes.emplace_back(item.width, item.height);
      const double sx = double(input.w) / item.width, sy = double(input.h) / item.height;
      auto& scaled = out.boxes.emplace_back();
      auto& original = out.imageBoxes.emplace_back();
      if (const auto it = boxes.find(item.id); it != boxes.end())
        for (const auto& a : it->second) {
          const auto cls = classIndex.find(a.classId);
          if (cls == classIndex.end())
            throw InputError({.file = item.name, .line = 0, .field = "box"},
                             "class id " + std::to_string(a.classId) + " is not one of the model's classes");
          original.push_back({cls->second, a.box});
          scaled.push_back({cls->second, {a.box.x * sx, a.box.y * sy, a.box.w * sx, a.box.h * sy}});
        }
    }
  }
  return out;
}

// The centroid F1 that `loupe detection` reports for the stored detections (core/analysis's
// centroid metric, one-to-one, best score first): a stored detection is its box, so the metric
// takes the box's centre, not the score-weighted centroid `loupe predict` prints beside it. The
// decoder has already applied the model's score threshold, so none is applied again here.
double centroidF1(const std::vector<std::vector<nn::Detection>>& predicted,
                  const std::vector<std::vector<nn::ClassBox>>& reference, const std::vector<std::string>& classes) {
  std::vector<std::vector<analysis::ScoredBox>> truth(reference.size()), found(predicted.size());
  for (std::size_t i = 0; i < reference.size(); ++i)
    for (const auto& b : reference[i]) truth[i].push_back({.cls = b.cls, .box = b.box});
  for (std::size_t i = 0; i < predicted.size(); ++i)
    for (const auto& d : predicted[i]) found[i].push_back({.cls = d.cls, .box = d.box, .score = d.score});
  return analysis::centroidEvaluate(classes, truth, found, {.scoreThreshold = 0.0}).overall.f1;
}

TrainOutcome trainDetectorAndStore(storage::Project& project, const TrainRequest& request, const Progress& progress,
                                   const nn::EpochFn& onEpoch) {
  const Labeler labeler = chooseLabeler(project, request.labeler);
  const std::vector<std::string> classes = classNames(project);
  const nn::Architecture& arch = chooseDetectorArchitecture(project, request, labeler);
  nn::NetworkSpec initial = nn::buildInitialised(arch, classes, request.options.seed);
  const nn::Shape grid = gridOf(initial);

  const auto trainSet = loadDetectionSplit(project, Split::Train, labeler.id, classes, arch.input, progress);
  const auto valSet = loadDetectionSplit(project, Split::Val, labeler.id, classes, arch.input, progress);
  const auto testSet = loadDetectionSplit(project, Split::Test, labeler.id, classes, arch.input, progress);
  if (trainSet.itemIds.empty()) throw std::invalid_argument("no train items with media are labelled by '" + labeler.name + "'");

  nn::TrainOptions options = request.options;
  if (options.classWeights.empty())
    options.classWeights = nn::detectionClassWeights(static_cast<int>(classes.size()), request.objectWeight);
  const auto& aug = options.augmentation;
  const nn::SampleSource source{
      .count = trainSet.images.size(),
      .labels =
          [&](int i, std::uint64_t seed, int* labels) {
            nn::cellTargets(nn::augmentBoxes(trainSet.boxes[static_cast<std::size_t>(i)], arch.input, aug, seed),
                            arch.input, grid, labels);
          },
      .input = [&](int i, std::uint64_t seed,
                   float* input) { nn::augmentDetectionImage(trainSet.images.image(i), arch.input, aug, seed, input); }};

  TrainOutcome out;
  out.detection = true;
  out.arch = arch.name;
  out.labeler = labeler.name;
  out.trainItems = trainSet.images.size();
  out.valItems = valSet.images.size();
  out.testItems = testSet.images.size();
  out.floatAccuracy = out.int8Accuracy = kNaN;
  out.result = nn::train(std::move(initial), source, withCellLabels(valSet, grid), options, progress, onEpoch);
  const int threads = options.threads;
  out.macs = nn::multiplyAccumulates(out.result.network);
  out.pingPongArenaBytes = nn::pingPongArenaBytes(out.result.network);
  const auto blob = quant::writeBlob(quant::quantize(
      out.result.network, quant::calibrate(out.result.network, calibrationSamples(trainSet.images), progress)));
  out.int8Bytes = blob.size();
  {
    const quant::Int8Runner runner(blob);
    out.arenaBytes = loupe::runtime::requiredArenaBytes(runner.model());
  }
  if (testSet.images.size() > 0) {
    const auto floatOut = nn::predict(nn::Network(out.result.network), testSet.images, threads, progress);
    const auto floatDet = decodeAll(floatOut, testSet, grid, request.threshold);
    const auto int8Det = decodeAll(int8Outputs(blob, testSet.images, threads, progress), testSet, grid, request.threshold);
    out.floatF1 = centroidF1(floatDet, testSet.imageBoxes, classes);
    out.int8F1 = centroidF1(int8Det, testSet.imageBoxes, classes);
    out.floatMap50 = map50(classes, floatDet, testSet.imageBoxes);
    out.int8Map50 = map50(classes, int8Det, testSet.imageBoxes);
  }
  out.meanEpochSeconds = meanEpochSeconds(out.result.curve);
  out.modelName = request.modelName.empty() ? freeModelName(project, arch.name) : request.modelName;

  // Detections on every val/test item with media, labelled or not, for the error analysis.
  std::vector<DetectionPrediction> predictions;
  std::vector<Id> predicted;
  for (Split split : {Split::Val, Split::Test}) {
    auto part = predictDetections(project, out.result.network, split, threads, request.threshold, progress);
    for (auto& p : part) predicted.push_back(p.itemId);
    predictions.insert(predictions.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }

  const auto& o = options;
  nlohmann::json metrics = trainedModelMetrics(out, o, /*withClassWeights=*/true);
  metrics.update(nlohmann::json{
      {"task", "detection"},
      {"labeler", out.labeler},
      {"float_f1", out.floatF1},
      {"int8_f1", out.int8F1},
      {"float_map_50", out.floatMap50},
      {"int8_map_50", out.int8Map50},
      {"grid", {grid.h, grid.w}},
      {"threshold", request.threshold},
      {"items", {{"train", itemIdsJson(trainSet)}, {"val", itemIdsJson(valSet)}, {"test", itemIdsJson(testSet)}}}});

  storage::Project::Transaction tx(project);
  out.modelId = project.models().store({.id = 0,
                                    .name = out.modelName,
                                    .architecture = arch.name,
                                    .created = {},
                                    .floatBlob = nn::serializeNetwork(out.result.network),
                                    .int8Blob = blob,
                                    .metricsJson = metrics.dump(),
                                    .labelsJson = nlohmann::json(classes).dump()});
  writeDetections(project, out.modelName, out.result.network, predictions, predicted);
  tx.commit();
  return out;
}

std::vector<DetectionPrediction> predictDetections(const storage::Project& project, const nn::NetworkSpec& network,
                                                   Split split, int threads, float threshold,
                                                   const Progress& progress) {
  const nn::Network net(network);
  const auto images = loadSplit(project, split, network.input, progress);
  const auto outputs = nn::predict(net, images.images, threads, progress);
  const nn::Shape grid = net.shapes().back();
  const auto records = project.items().byIds(images.itemIds);
  std::vector<DetectionPrediction> out;
  for (std::size_t i = 0; i < images.itemIds.size(); ++i) {
    const Item* item = i < records.size() ? &records[i].item : nullptr;
    out.push_back({.itemId = images.itemIds[i],
                   .item = item ? item->name : std::string(),
                   .detections = nn::decodeDetections(outputs.data() + i * static_cast<std::size_t>(grid.size()), grid,
                                                      network.input, item ? item->width : 0, item ? item->height : 0,
                                                      threshold)});
  }
  return out;
}

void writeDetections(storage::Project& project, const std::string& labelerName, const nn::NetworkSpec& network,
                     const std::vector<DetectionPrediction>& predictions, const std::vector<Id>& onItems) {
  replaceModelOutputs(project, labelerName, network.classes, onItems, [&](Id labelerId, const std::vector<Id>& classIds) {
    std::vector<Annotation> annotations;
    for (const auto& p : predictions)
      for (const auto& d : p.detections)
        annotations.push_back({.itemId = p.itemId,
                               .labelerId = labelerId,
                               .classId = classIds[static_cast<std::size_t>(d.cls)],
                               .kind = AnnotationKind::Box,
                               .box = d.box,
                               .score = static_cast<double>(d.score)});
    return annotations;
  });
}

}  // namespace loupe::storage
