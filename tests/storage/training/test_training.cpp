// Training wired to a real project file: loading splits with one labeler's labels, storing the
// model with its metrics and labels snapshot, writing predictions as a model labeler, and the
// `loupe train` / `loupe predict` verbs end to end (including Ctrl-C).
#include <QtTest>

#include <nlohmann/json.hpp>

#include <signal.h>
#include <filesystem>
#include <random>

#include "core/nn/architectures.h"
#include "core/nn/spec_io.h"
#include "core/quant/board_fit.h"
#include "storage/project.h"
#include "storage/training/model_training.h"
#include "storage/training/training_data.h"
#include "tests/support/bars_project.h"

using namespace loupe;
namespace fs = std::filesystem;

namespace {
// Starts the CLI with progress lines on: in a pipe they are off unless asked for, and the tests
// follow them (to interrupt mid-training).
void startWithProgress(QProcess& process, const QStringList& args) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("LOUPE_PROGRESS", "1");
  process.setProcessEnvironment(env);
  process.start(qEnvironmentVariable("LOUPE_CLI"), args);
}
}  // namespace

class TestTraining : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void choosesTheReferenceLabelerByDefault() {
    const auto f = test::makeBarsProject(fs::path(dir_.path().toStdString()) / "a");
    auto project = storage::Project::open(f.path);
    QCOMPARE(storage::chooseLabeler(project, "").id, f.reference);
    QCOMPARE(storage::chooseLabeler(project, "ann").id, f.human);
    try {
      storage::chooseLabeler(project, "nobody");
      QFAIL("expected an error");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(QString(e.what()).contains("unknown labeler 'nobody' (known: ref (reference), ann (human))"), e.what());
    }
  }
  // Without a reference the one consensus labeler is used; with several (the review panel's and
  // a `loupe consensus` run) none is guessed, and the error names them.
  void choosesTheConsensusLabelerOnlyWhenThereIsOne() {
    auto project = storage::Project::create(fs::path(dir_.path().toStdString()) / "consensus.loupe");
    project.labelers().add("ann", LabelerKind::Human);
    const Id review = project.labelers().add("consensus", LabelerKind::Consensus).id;
    QCOMPARE(storage::chooseLabeler(project, "").id, review);
    const Id ds = project.labelers().add("consensus-dawid-skene", LabelerKind::Consensus).id;
    QCOMPARE(storage::chooseLabeler(project, "consensus-dawid-skene").id, ds);
    try {
      storage::chooseLabeler(project, "");
      QFAIL("expected an error");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(QString(e.what()).contains("several consensus labelers; pass --labeler (one of: consensus (consensus), "
                                          "consensus-dawid-skene (consensus))"),
               e.what());
    }
    const Id ref = project.labelers().add("truth", LabelerKind::Reference).id;
    QCOMPARE(storage::chooseLabeler(project, "").id, ref);
  }
  void loadsASplitWithTheChosenLabels() {
    const auto f = test::makeBarsProject(fs::path(dir_.path().toStdString()) / "b");
    auto project = storage::Project::open(f.path);
    const auto train = storage::loadLabelledSplit(project, Split::Train, f.reference, {"hbar", "vbar", "diag"}, {28, 28, 1});
    QCOMPARE(train.images.size(), 120);
    QCOMPARE(train.itemIds, f.items.at(Split::Train));
    for (int i = 0; i < 120; ++i) QCOMPARE(train.images.labels[static_cast<std::size_t>(i)], i % 3);
    const auto wrong = storage::loadLabelledSplit(project, Split::Train, f.human, {"hbar", "vbar", "diag"}, {28, 28, 1});
    QCOMPARE(wrong.images.labels[0], 1);
    // Resizing to another input shape: 28x28 -> 14x14 by area averaging.
    QCOMPARE(storage::loadLabelledSplit(project, Split::Val, f.reference, {"hbar", "vbar", "diag"}, {14, 14, 1})
                 .images.pixels.size(),
             std::size_t(30 * 14 * 14));
    QCOMPARE(storage::loadSplit(project, Split::Test, {28, 28, 1}).images.size(), 32);
  }
  void trainsStoresTheModelAndWritesPredictions() {
    const auto f = test::makeBarsProject(fs::path(dir_.path().toStdString()) / "c");
    auto project = storage::Project::open(f.path);
    storage::TrainRequest request;
    request.options = {.batchSize = 16, .epochs = 6, .patience = 0, .seed = 3, .threads = 2};
    const auto out = storage::trainAndStore(project, request);
    QCOMPARE(out.arch, std::string("board28-cnn"));  // 28x28 items: the default that fits the board
    QCOMPARE(out.modelName, std::string("board28-cnn-1"));
    QCOMPARE(out.labeler, std::string("ref"));
    QCOMPARE(out.trainItems, 120);
    QCOMPARE(out.testItems, 30);
    QVERIFY2(out.floatAccuracy >= 0.9, qPrintable(QString::number(out.floatAccuracy)));

    // The stored model: same network, metrics, class list and labels snapshot.
    const auto stored = storage::loadStoredNetwork(project, "board28-cnn-1");
    QCOMPARE(stored.record.architecture, std::string("board28-cnn"));
    QVERIFY(stored.network.layers[0].weights == out.result.network.layers[0].weights);
    QCOMPARE(nlohmann::json::parse(stored.record.labelsJson), nlohmann::json({"hbar", "vbar", "diag"}));
    const auto metrics = nlohmann::json::parse(stored.record.metricsJson);
    QCOMPARE(metrics["float_accuracy"].get<double>(), out.floatAccuracy);
    // The int8 model is stored and stays close to the float one.
    QCOMPARE(stored.record.int8Blob.size(), out.int8Bytes);
    // What the Training panel predicts before training is the size of the blob stored.
    const auto& arch = nn::architecture(out.arch);
    QCOMPARE(quant::int8BlobBytes(arch.build(arch.input, {"hbar", "vbar", "diag"})), out.int8Bytes);
    QVERIFY(out.int8Bytes <= quant::defaultBoardModelSlotBytes());
    QVERIFY2(std::abs(out.int8Accuracy - out.floatAccuracy) <= 0.05,
             qPrintable(QString("%1 vs %2").arg(out.int8Accuracy).arg(out.floatAccuracy)));
    QCOMPARE(metrics["int8_accuracy"].get<double>(), out.int8Accuracy);
    QCOMPARE(metrics["curve"].size(), std::size_t(6));
    QCOMPARE(metrics["labels_snapshot"]["train"].size(), std::size_t(120));
    QCOMPARE(metrics["labels_snapshot"]["train"][1], nlohmann::json({f.items.at(Split::Train)[1], 1}));

    // Predictions: one image label with a score on every val/test item (labelled or not),
    // none on train; they agree with predictSplit.
    const auto labeler = project.labelers().byName("board28-cnn-1");
    QVERIFY(labeler && labeler->kind == LabelerKind::Model);
    QVERIFY(project.annotations().of(f.items.at(Split::Train)[0], labeler->id).empty());
    const auto predicted = storage::predictSplit(project, stored.network, Split::Test, 1);
    QCOMPARE(predicted.size(), std::size_t(32));
    for (const auto& p : predicted) {
      const auto anns = project.annotations().of(p.itemId, labeler->id);
      QCOMPARE(anns.size(), std::size_t(1));
      QCOMPARE(anns[0].classId, f.classIds[static_cast<std::size_t>(p.label)]);
      QVERIFY(anns[0].score && std::abs(*anns[0].score - p.scores[static_cast<std::size_t>(p.label)]) < 1e-6);
    }
    QCOMPARE(project.annotations().of(f.items.at(Split::Val)[3], labeler->id).size(), std::size_t(1));

    // A second run gets the next free name and its own labeler.
    request.options.epochs = 1;
    QCOMPARE(storage::trainAndStore(project, request).modelName, std::string("board28-cnn-2"));
  }
  void corruptMediaNamesTheItemAndStoresNothing() {
    const auto f = test::makeBarsProject(fs::path(dir_.path().toStdString()) / "d");
    {
      auto project = storage::Project::open(f.path);
      project.items().add({.name = "broken.png", .media = storage::NewMedia{.bytes = {1, 2, 3}, .format = "png"},
                       .width = 28, .height = 28, .split = Split::Train, .source = "test"});
      const Id broken = project.items().byName("broken.png")->item.id;
      project.annotations().add({.itemId = broken, .labelerId = f.reference, .classId = f.classIds[0]});
      try {
        storage::trainAndStore(project, {.options = {.epochs = 1}});
        QFAIL("expected an error");
      } catch (const InputError& e) {
        QVERIFY2(QString(e.what()).startsWith("broken.png: media: cannot decode png"), e.what());
      }
      QVERIFY(project.models().all().empty());
      QVERIFY(!project.labelers().byName("board28-cnn-1"));
    }
  }
  void cliTrainAndPredict() {
    const auto f = test::makeBarsProject(fs::path(dir_.path().toStdString()) / "e");
    QProcess train;
    startWithProgress(train, {"train", QString::fromStdString(f.path.string()), "--epochs", "3", "--seed", "5",
                              "--threads", "2", "--name", "bars", "--json"});
    QVERIFY(train.waitForFinished(120000));
    QVERIFY2(train.exitCode() == 0, train.readAllStandardError().constData());
    const auto j = nlohmann::json::parse(train.readAllStandardOutput().toStdString());
    for (const char* key : {"model", "float_accuracy", "int8_accuracy", "int8_bytes", "arena_bytes", "macs", "epoch_seconds"})
      QVERIFY2(j.contains(key), key);
    QCOMPARE(j["model"].get<std::string>(), std::string("bars"));
    // board28-cnn: conv 28*28*16*9 + conv 14*14*32*144 + dense 1568*16 + dense 16*3
    QCOMPARE(j["macs"].get<std::int64_t>(), std::int64_t(112896 + 903168 + 25088 + 48));
    // The runtime's arena holds at least the two largest ping-pong activations (3136 + 12544).
    QVERIFY(j["arena_bytes"].get<std::int64_t>() >= 3136 + 12544);
    const auto& arch = nn::architecture("board28-cnn");
    QCOMPARE(j["int8_bytes"].get<std::size_t>(), quant::int8BlobBytes(arch.build(arch.input, {"hbar", "vbar", "diag"})));
    QCOMPARE(j["fits_board"].get<bool>(), true);
    QVERIFY(std::abs(j["int8_accuracy"].get<double>() - j["float_accuracy"].get<double>()) <= 0.05);
    QVERIFY(j["epoch_seconds"].get<double>() > 0);

    QProcess predict;
    predict.start(qEnvironmentVariable("LOUPE_CLI"),
                  {"predict", QString::fromStdString(f.path.string()), "--model", "bars", "--split", "val", "--json"});
    QVERIFY(predict.waitForFinished(60000));
    QVERIFY2(predict.exitCode() == 0, predict.readAllStandardError().constData());
    const auto rows = nlohmann::json::parse(predict.readAllStandardOutput().toStdString());
    QCOMPARE(rows.size(), std::size_t(30));
    QCOMPARE(rows[0]["item"].get<std::string>(), std::string("img120.png"));
    double sum = 0;
    std::string best;
    double bestScore = -1;
    for (const auto& [name, score] : rows[0]["scores"].items()) {
      sum += score.get<double>();
      if (score.get<double>() > bestScore) bestScore = score.get<double>(), best = name;
    }
    QVERIFY(std::abs(sum - 1.0) < 1e-4);
    QCOMPARE(rows[0]["label"].get<std::string>(), best);

    QProcess unknown;
    unknown.start(qEnvironmentVariable("LOUPE_CLI"), {"predict", QString::fromStdString(f.path.string()), "--model", "nope"});
    QVERIFY(unknown.waitForFinished(60000));
    QCOMPARE(unknown.exitCode(), 1);
    QCOMPARE(unknown.readAllStandardError().trimmed(), QByteArray("loupe: unknown model 'nope' (stored: bars)"));
  }
  void cliCtrlCCancelsWithoutStoring() {
    const auto f = test::makeBarsProject(fs::path(dir_.path().toStdString()) / "f");
    QProcess train;
    startWithProgress(train, {"train", QString::fromStdString(f.path.string()), "--epochs", "1000", "--patience", "0",
                              "--threads", "1"});
    train.setReadChannel(QProcess::StandardError);
    // Wait for the progress lines to reach the training stage, then interrupt.
    QByteArray err;
    while (!err.contains("epoch") && train.waitForReadyRead(60000)) err += train.readAllStandardError();
    QVERIFY(err.contains("epoch"));
    ::kill(static_cast<pid_t>(train.processId()), SIGINT);
    QVERIFY(train.waitForFinished(10000));
    QCOMPARE(train.exitCode(), 130);
    QVERIFY(train.readAllStandardError().contains("loupe: cancelled"));
    QVERIFY(storage::Project::open(f.path).models().all().empty());
  }
};

QTEST_GUILESS_MAIN(TestTraining)
#include "test_training.moc"
