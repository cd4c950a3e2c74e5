// Whether a model fits the board, said before training: the predicted blob size must be the size
// of the blob the real path (calibrate on images, quantise, write) produces, for every
// architecture, and the default architectures must fit the board's model slot.
#include <QtTest>

#include "core/nn/architectures.h"
#include "core/nn/init.h"
#include "core/quant/board_fit.h"
#include "core/quant/report.h"
#include "test_nets.h"

using namespace loupe;

namespace {
std::vector<std::string> classNames(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("c" + std::to_string(i));
  return out;
}
}  // namespace

class TestBoardFit : public QObject {
  Q_OBJECT
 private slots:
  void predictionEqualsTheRealBlob() {
    for (const auto& arch : nn::architectures()) {
      for (int classes : {2, 10}) {
        const nn::NetworkSpec net = nn::buildInitialised(arch, classNames(classes), 3);
        const auto samples = testnets::images(net.input, 4, 5);
        const auto real = quant::quantizeNetwork(net, samples, samples, std::vector<int>(samples.size(), 0));
        QCOMPARE(quant::int8BlobBytes(net), real.blob.size());
        // The bare architecture (no parameters yet), as the Training panel asks before training.
        QCOMPARE(quant::int8BlobBytes(arch.build(arch.input, classNames(classes))), real.blob.size());
      }
    }
  }
  void fmnistCnnFitsTheFlashSlot() {
    // Once refused ("model is 58112 bytes; the board's model slot holds 49152", two 48 KB RAM
    // slots), it fits the 128 KB flash slots of the model store.
    const auto& arch = nn::architecture("fmnist-cnn");
    QCOMPARE(quant::int8BlobBytes(arch.build(arch.input, classNames(10))), std::size_t(58112));
    QCOMPARE(quant::defaultBoardModelSlotBytes(), std::size_t(131072));
    QVERIFY(quant::int8BlobBytes(arch.build({56, 56, 1}, classNames(10))) > quant::defaultBoardModelSlotBytes());
  }
  void defaultArchitecturesFitTheBoard() {
    for (const auto& [w, h] : {std::pair{28, 28}, std::pair{48, 48}, std::pair{96, 96}, std::pair{320, 240}}) {
      const auto& arch = nn::defaultArchitecture(w, h);
      const std::size_t bytes = quant::int8BlobBytes(arch.build(arch.input, classNames(10)));
      QVERIFY2(bytes <= quant::defaultBoardModelSlotBytes(), (arch.name + ": " + std::to_string(bytes)).c_str());
    }
  }
  void fitText() {
    QCOMPARE(quant::boardFitText(41 * 1024, 49152), std::string("fits the board: 41 KB of 48 KB"));
    QCOMPARE(quant::boardFitText(49152, 49152), std::string("fits the board: 48 KB of 48 KB"));
    QCOMPARE(quant::boardFitText(49153, 49152), std::string("too large for the board: 49 KB of 48 KB"));
    QCOMPARE(quant::boardFitText(58112, 49152), std::string("too large for the board: 57 KB of 48 KB"));
  }
};

int runBoardFitTests(int argc, char** argv) {
  TestBoardFit t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_board_fit.moc"
