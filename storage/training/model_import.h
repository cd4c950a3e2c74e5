#pragma once
// An int8 model made elsewhere (an imported .tflite, already converted to a runtime blob) stored
// like a trained one: the blob the board runs, the float network it stands for, the class list,
// and its predictions on val and test as a `model` labeler, so predict, the error analysis and
// `device deploy` treat it as any trained model.

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/detection_decode.h"
#include "core/domain/progress.h"
#include "core/nn/network_spec.h"
#include "storage/project.h"

namespace loupe::storage {

struct ModelImport {
  std::string name;
  std::string source;  // the imported file, kept in the metrics
  std::vector<std::uint8_t> int8Blob;
  nn::NetworkSpec network;  // classes set; a detector when its output is a grid (nn::isDetector)
  float threshold = nn::kDefaultDetectionThreshold;  // detector: the objectness an object cell needs
  int threads = 0;
};

struct ModelImportOutcome {
  Id modelId = 0;
  int predictedItems = 0;  // val and test items with media
};

// Predicts first, then stores the model and the predictions in one transaction: a failure
// leaves the project as it was.
ModelImportOutcome storeImportedModel(Project& project, const ModelImport& request, const Progress& progress = {});

}  // namespace loupe::storage
