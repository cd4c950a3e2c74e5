#pragma once
// Train a model on a project and keep the results in it: the use case behind `loupe train`,
// `loupe predict` and the GUI training panel.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/nn/detection_decode.h"
#include "core/domain/progress.h"
#include "core/nn/network_spec.h"
#include "core/nn/trainer.h"
#include "storage/project.h"

namespace loupe::storage {

enum class TrainTask {
  Auto,            // detection when the architecture is a detector or the labeler drew boxes and no image labels
  Classification,  // image labels -> class probabilities
  Detection,       // boxes -> a centroid grid detector (storage/training/detection_training.h)
};

struct TrainRequest {
  TrainTask task = TrainTask::Auto;
  std::string arch;       // empty: the default for the task and the train items' image size
  std::string labeler;    // empty: the reference labeler, else the consensus labeler
  std::string modelName;  // empty: "<arch>-<n>", the first free n
  nn::TrainOptions options;
  float objectWeight = 10.0f;  // detection: loss weight of object cells (background cells: 1)
  float threshold = nn::kDefaultDetectionThreshold;  // detection: the objectness an object cell needs
};

struct TrainOutcome {
  Id modelId = 0;
  std::string modelName;
  std::string arch;
  std::string labeler;
  nn::TrainResult result;
  double floatAccuracy = 0.0;  // on the test split; NaN without labelled test items
  int trainItems = 0, valItems = 0, testItems = 0;
  std::int64_t macs = 0;
  std::size_t arenaBytes = 0;       // the int8 runtime's arena for this model
  std::size_t pingPongArenaBytes = 0;  // activations alone, two-buffer plan (nn::pingPongArenaBytes)
  double int8Accuracy = 0.0;        // the int8 model on the test split; NaN without test items
  std::size_t int8Bytes = 0;        // the int8 model blob the board loads
  double meanEpochSeconds = 0.0;
  bool detection = false;
  // Detection on the test split (NaN without test items): class-aware centroid F1 (a prediction
  // matches an unmatched reference box of its class containing its centroid, best score first)
  // and COCO mAP at IoU 0.5 of the merged-cell boxes (core/analysis/coco_eval).
  double floatF1 = std::numeric_limits<double>::quiet_NaN(), int8F1 = std::numeric_limits<double>::quiet_NaN();
  double floatMap50 = std::numeric_limits<double>::quiet_NaN(), int8Map50 = std::numeric_limits<double>::quiet_NaN();
};

// What trainAndStore would build for `request`: the architecture (the same labeler and
// image-size rule) and the exact byte size of the int8 blob it would store (quant::int8BlobBytes
// for the project's classes), so a UI can say before training whether the model fits the board.
// Throws like trainAndStore when no train item with media is labelled by the labeler.
struct TrainPlan {
  std::string arch;
  std::size_t int8Bytes = 0;
};
TrainPlan planTraining(const storage::Project& project, const TrainRequest& request);

// Whether `request` trains a detector (resolves TrainTask::Auto).
bool isDetectionRequest(const storage::Project& project, const TrainRequest& request);

// Loads the splits, trains, quantises to int8 (calibrated on the train split, evaluated on
// test), and in one transaction stores the model (serialised float network, int8 blob, metrics
// with the training curve, class list and labels snapshot) and writes the float model's
// predictions on val and test as a `model` labeler named after the model. A detection request
// goes to trainDetectorAndStore.
TrainOutcome trainAndStore(storage::Project& project, const TrainRequest& request, const Progress& progress = {},
                           const nn::EpochFn& onEpoch = {});

struct Prediction {
  Id itemId = 0;
  std::string item;
  int label = 0;              // index into the model's classes
  std::vector<float> scores;  // softmax probability per class
};

struct StoredNetwork {
  storage::ModelRecord record;  // with blobs
  nn::NetworkSpec network;
};
// The newest model called `name`; throws std::invalid_argument listing the stored models.
StoredNetwork loadStoredNetwork(const storage::Project& project, const std::string& name);
// The detection threshold the model was trained and stored with (metrics "threshold"), or the
// default for a model stored without one.
float storedDetectionThreshold(const StoredNetwork& stored);

// Predictions of a stored model on every item of `split` that has media, in item-id order.
std::vector<Prediction> predictSplit(const storage::Project& project, const nn::NetworkSpec& network, Split split,
                                     int threads, const Progress& progress = {});

// Replaces the labeler's image labels on `onItems` with the predicted class and its score.
void writePredictions(storage::Project& project, const std::string& labelerName, const nn::NetworkSpec& network,
                      const std::vector<Prediction>& predictions, const std::vector<Id>& onItems);

}  // namespace loupe::storage
