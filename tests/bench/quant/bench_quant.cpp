// Fashion-MNIST int8: trains fmnist-cnn on the full 60k training set (same recipe as
// tests/bench/train), quantises it calibrated on the training set, and prints float and int8
// test accuracy (10k images), blob bytes, arena bytes, MACs, and the seconds quantisation and
// int8 inference take.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/nn/architectures.h"
#include "core/nn/trainer.h"
#include "core/quant/report.h"
#include "tests/bench/train/idx_reader.h"

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/usr/share/datasets/fashion-mnist";
  const int epochs = argc > 2 ? std::atoi(argv[2]) : 8;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
  try {
    const auto trainSet = readIdxPair(dir + "/train-images-idx3-ubyte.gz", dir + "/train-labels-idx1-ubyte.gz");
    const auto testSet = readIdxPair(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz");
    const std::vector<std::string> classes = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                              "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    loupe::nn::TrainOptions o{.batchSize = 64, .epochs = epochs, .patience = 0, .seed = 1, .threads = threads};
    const auto trained = loupe::nn::train(
        loupe::nn::buildInitialised(loupe::nn::architecture("fmnist-cnn"), classes, 1), trainSet, {}, o, {},
        [](const loupe::nn::EpochMetrics& m) {
          std::printf("epoch %d seconds %.2f train_acc %.4f\n", m.epoch, m.seconds, m.trainAccuracy);
          std::fflush(stdout);
        });
    const auto start = std::chrono::steady_clock::now();
    const auto q = loupe::quant::quantizeNetwork(trained.network, trainSet, testSet, threads);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& r = q.report;
    std::printf("float_test_accuracy %.4f\nint8_test_accuracy %.4f\nint8_minus_float_points %.2f\n",
                r.floatAccuracy, r.int8Accuracy, 100.0 * (r.int8Accuracy - r.floatAccuracy));
    std::printf("argmax_agreement %.4f\nint8_bytes %lld\narena_bytes %lld\nmacs %lld\n", r.argmaxAgreement,
                static_cast<long long>(r.modelBytes), static_cast<long long>(r.arenaBytes),
                static_cast<long long>(r.macs));
    std::printf("quantize_and_evaluate_seconds %.2f\n", seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_quant: %s\n", e.what());
    return 1;
  }
  return 0;
}
