#pragma once
// Training a centroid grid detector (core/nn/detection_*) from a labeler's boxes, and storing
// its detections as a `model` labeler's boxes with scores, so the detection metrics and views
// work on it as on any box model.
//
// Images are stretched to the network input (no letterbox: the aspect ratio changes, and each
// box is scaled by the same factors input.w / width and input.h / height); detections are
// scaled back by the inverse factors.

#include <string>
#include <utility>
#include <vector>

#include "core/domain/progress.h"
#include "core/nn/architectures.h"
#include "core/nn/detection_decode.h"
#include "core/nn/detection_targets.h"
#include "core/nn/image_set.h"
#include "storage/project.h"
#include "storage/training/model_training.h"

namespace loupe::storage {

// The labeler drew at least one box and no image label (what makes `--task` default to detection).
bool labelerDrawsBoxesOnly(const storage::Project& project, Id labelerId);

// The requested detector (fomo96-det by default); throws when the requested one is a classifier
// or when no train item with media carries an annotation of the labeler.
const nn::Architecture& chooseDetectorArchitecture(const storage::Project& project, const TrainRequest& request,
                                                   const Labeler& labeler);

struct DetectionSplit {
  nn::ImageSet images;  // stretched to the input; labels empty
  std::vector<Id> itemIds;
  std::vector<std::pair<int, int>> sizes;             // original width, height
  std::vector<std::vector<nn::ClassBox>> boxes;       // input pixels
  std::vector<std::vector<nn::ClassBox>> imageBoxes;  // original image pixels
};

// Items of `split` with media on which the labeler made at least one annotation (an item it saw
// and left without boxes is a background-only example), with its boxes mapped to `classes`
// indices. A box of a class outside `classes` is an error naming the item.
DetectionSplit loadDetectionSplit(const storage::Project& project, Split split, Id labelerId,
                                  const std::vector<std::string>& classes, const nn::Shape& input,
                                  const Progress& progress = {});

// Trains (per-cell cross-entropy, object cells weighted request.objectWeight against background
// 1, augmentation moving the boxes), quantises to int8, evaluates float and int8 on test, and in
// one transaction stores the model and writes the float model's detections on val and test.
TrainOutcome trainDetectorAndStore(storage::Project& project, const TrainRequest& request,
                                   const Progress& progress = {}, const nn::EpochFn& onEpoch = {});

struct DetectionPrediction {
  Id itemId = 0;
  std::string item;
  std::vector<nn::Detection> detections;  // original image pixels
};

// Detections of a stored detector on every item of `split` with media, in item-id order.
std::vector<DetectionPrediction> predictDetections(const storage::Project& project, const nn::NetworkSpec& network,
                                                   Split split, int threads, float threshold = nn::kDefaultDetectionThreshold,
                                                   const Progress& progress = {});

// Replaces the labeler's annotations on `onItems` with the detections' boxes and scores.
void writeDetections(storage::Project& project, const std::string& labelerName, const nn::NetworkSpec& network,
                     const std::vector<DetectionPrediction>& predictions, const std::vector<Id>& onItems);

// Centroid F1 over images, as `loupe detection` reports it for stored detections
// (core/analysis/centroid_eval.h: one-to-one, best score first, a detection's centre is its box's
// centre, edges inclusive); 0 when there is nothing to find and nothing found.
double centroidF1(const std::vector<std::vector<nn::Detection>>& predicted,
                  const std::vector<std::vector<nn::ClassBox>>& reference, const std::vector<std::string>& classes);

}  // namespace loupe::storage
