// Fashion-MNIST with fmnist-cnn: trains on the full 60k training set and prints one line per
// epoch ("epoch N seconds S train_loss L train_acc A") and the final float test accuracy.
// Recipe "plain" is torch_fmnist.py's (Adam lr 1e-3, batch 64, no augmentation), for timing;
// "best" adds horizontal flips and a cosine learning-rate schedule, for accuracy.
//
// usage: bench_train [DATASET_DIR] [EPOCHS] [THREADS] [plain|best]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/nn/architectures.h"
#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "core/nn/trainer.h"
#include "core/quant/report.h"
#include "tests/bench/train/idx_reader.h"

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/usr/share/datasets/fashion-mnist";
  const int epochs = argc > 2 ? std::atoi(argv[2]) : 3;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
  const std::string recipe = argc > 4 ? argv[4] : "plain";
  try {
    const auto trainSet = readIdxPair(dir + "/train-images-idx3-ubyte.gz", dir + "/train-labels-idx1-ubyte.gz");
    const auto testSet = readIdxPair(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz");
    const std::vector<std::string> classes = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                              "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    loupe::nn::TrainOptions o{.batchSize = 64, .epochs = epochs, .patience = 0, .seed = 1, .threads = threads};
    if (recipe == "best") {
      o.cosineSchedule = true;
      o.augmentation.flipHorizontal = true;
    }
    const auto result = loupe::nn::train(
        loupe::nn::buildInitialised(loupe::nn::architecture("fmnist-cnn"), classes, 1), trainSet, {}, o, {},
        [](const loupe::nn::EpochMetrics& m) {
          std::printf("epoch %d seconds %.2f train_loss %.4f train_acc %.4f\n", m.epoch, m.seconds, m.trainLoss,
                      m.trainAccuracy);
          std::fflush(stdout);
        });
    const auto e = loupe::nn::evaluate(loupe::nn::Network(result.network), testSet, threads);
    std::printf("test_accuracy %.4f\n", e.accuracy);
    std::fflush(stdout);
    const auto q = loupe::quant::quantizeNetwork(result.network, trainSet, testSet, threads);
    std::printf("int8_test_accuracy %.4f\nint8_bytes %zu\narena_bytes %lld\n", q.report.int8Accuracy, q.blob.size(),
                static_cast<long long>(q.report.arenaBytes));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_train: %s\n", e.what());
    return 1;
  }
  return 0;
}
