// The device panel end to end: the real panel, offscreen, on a real project file, against the
// virtual board (the firmware core under QEMU mps2-an386, its UART on a real pseudo-terminal):
// live view with fps, capture by class key (undoable), burst, deploy with progress and a
// cancelled deploy that leaves the old model running, and flashing with a stand-in arduino-cli
// that records its arguments (and the message when no tool is installed).
#include <QtTest>

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>

#include <map>
#include <memory>

#include "fixture.h"
#include "firmware/protocol/crc32.h"
#include "serial_link/board_worker.h"
#include "serial_link/qemu_board.h"
#include "storage/project.h"
#include "tests/serial_link/spot_detector.h"
#include "tests/serial_link/tiny_model.h"
#include "widgets/device/device_panel.h"
#include "widgets/device/live_view.h"
#include "widgets/main_window/main_window.h"
#include "widgets/main_window/project_docks.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::uint32_t modelHash(const Bytes& blob) { return protocol::crc32(blob.data(), blob.size() - 4); }

// Captures of the device, read through a connection of the test's own.
std::vector<storage::ItemRecord> deviceItems(const QString& path) {
  const auto p = storage::Project::open(path.toStdString());
  storage::ItemFilter f;
  f.sourcePrefix = "device:";
  return p.items().page(f, 0, 1000);
}

QString readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

}  // namespace

class TestDevicePanel : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  test::SmallProject small_;
  Bytes tiny_, tiny2_;
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<DevicePanel> panel_;
  std::map<std::uint32_t, CapturedFrame> frames_;  // every frame the panel was sent
  QList<qint64> progress_;                                // deploy progress, in percent
  QByteArray savedPath_, savedHome_;

  // The label (class name, labeler name) of an item, read from the file.
  std::pair<std::string, std::string> labelOf(Id item) {
    const auto p = storage::Project::open(small_.path.toStdString());
    const auto a = p.annotations().of(item);
    if (a.size() != 1) return {};
    return {p.classes().byId(a[0].classId)->name, p.labelers().byId(a[0].labelerId)->name};
  }

 private slots:
  void initTestCase() {
    if (!serial_link::QemuBoard::available()) QSKIP("qemu-system-arm or the virtual board firmware is not installed");
    QStandardPaths::setTestModeEnabled(true);
    savedPath_ = qgetenv("PATH");
    savedHome_ = qgetenv("HOME");
    small_ = test::makeSmallProject(dir_.filePath("p.loupe"));
    tiny_ = test::tinyModel(7);
    tiny2_ = test::tinyModel(8);
    {
      auto p = storage::Project::open(small_.path.toStdString());
      storage::ModelRecord m;
      m.name = "tiny";
      m.architecture = "tiny-test";
      m.int8Blob = tiny_;
      m.labelsJson = R"(["cat","dog","bird","fish"])";
      m.created = "2026-01-01T00:00:00.000Z";
      p.models().store(m);
      m.name = "tiny2";
      m.int8Blob = tiny2_;
      m.created = "2026-01-02T00:00:00.000Z";
      p.models().store(m);
      storage::ModelRecord spot = test::spotDetectorRecord();
      spot.created = "2025-12-31T00:00:00.000Z";
      p.models().store(spot);
    }
    ws_ = std::make_unique<Workspace>();
    ws_->setProject(storage::Project::open(small_.path.toStdString()));
    ws_->setLabeler(*ws_->project().labelers().byName("alice"));
    panel_ = std::make_unique<DevicePanel>(ws_.get());
    panel_->resize(720, 720);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    auto* worker = panel_->findChild<serial_link::BoardWorker*>();
    QVERIFY(worker);
    connect(worker->engine(), &serial_link::BoardEngine::frameReceived, this, [this](const CapturedFrame& f) { frames_[f.frameId] = f; });
    connect(worker->engine(), &serial_link::BoardEngine::deployProgress, this,
            [this](qint64 done, qint64 total, const QString&) { progress_ << (total ? 100 * done / total : 0); });
  }

  void cleanupTestCase() {
    panel_.reset();  // closes the connection and stops QEMU
    ws_.reset();
    qputenv("PATH", savedPath_);
    qputenv("HOME", savedHome_);
  }

  void listsTheVirtualBoardAndTheProjectsInt8Models() {
    QVERIFY(panel_->listedPorts().contains("virtual"));
    QCOMPARE(panel_->deployableModels(), (QStringList{"tiny2", "tiny", "spot"}));  // newest first
    panel_->selectPort("virtual");
    QCOMPARE(panel_->selectedPort(), QString("virtual"));
    panel_->selectPort("/dev/ttyNOTLISTED");
    QCOMPARE(panel_->selectedPort(), QString("/dev/ttyNOTLISTED"));
  }

  void connectsAndShowsLiveFramesWithFps() {
    panel_->selectPort("virtual");
    QSignalSpy connected(panel_.get(), &DevicePanel::connectedChanged);
    panel_->connectBoard();
    QTRY_VERIFY_WITH_TIMEOUT(panel_->isConnected(), 20000);
    QCOMPARE(connected.count(), 1);
    QCOMPARE(panel_->device().deviceId, std::string("virtual-0001"));
    QCOMPARE(panel_->device().modelSize, 0u);
    QTRY_VERIFY_WITH_TIMEOUT(panel_->stats().frames >= 20, 20000);
    const QImage shown = panel_->liveView()->frame();
    QCOMPARE(shown.size(), QSize(96, 96));
    QVERIFY(panel_->stats().liveFps > 0);
    QCOMPARE(panel_->stats().crcErrors, std::uint64_t{0});
    const QStringList overlay = panel_->liveView()->overlay();
    QVERIFY2(overlay.size() == 2 && overlay[0].endsWith(" fps") && !overlay[0].startsWith("0.0"),
             qPrintable(overlay.join(" | ")));
    QCOMPARE(overlay[1], QString("no model on the board"));
    QVERIFY2(panel_->statsText().contains("0 CRC errors") && panel_->statsText().contains("0 dropped"),
             qPrintable(panel_->statsText()));
    // The view paints the frame scaled up: the screenshot holds more than the empty background.
    const QImage shot = panel_->grab().toImage();
    const QString outDir = QStringLiteral(LOUPE_BINARY_DIR "/test-output");
    QDir().mkpath(outDir);
    shot.save(outDir + "/device_panel.png");
  }

  void classKeyCapturesTheCurrentFrameUndoably() {
    QVERIFY(panel_->isConnected());
    QSignalSpy captured(panel_.get(), &DevicePanel::captured);
    // Key 2 is the second class, dog (the fixture's classes have no hotkeys of their own).
    QTest::keyClick(panel_->liveView(), Qt::Key_2);
    QCOMPARE(captured.count(), 1);
    const auto ids = captured.at(0).at(0).value<QList<qint64>>();
    QCOMPARE(ids.size(), 1);
    auto items = deviceItems(small_.path);
    QCOMPARE(items.size(), std::size_t{1});
    const Item& item = items[0].item;
    QCOMPARE(item.id, ids[0]);
    QCOMPARE(item.source, std::string("device:virtual-0001"));
    QVERIFY(!item.created.empty());
    QCOMPARE(item.width, 96);
    QCOMPARE(labelOf(item.id), std::make_pair(std::string("dog"), std::string("alice")));
    const auto p = storage::Project::open(small_.path.toStdString());
    const auto attrs = p.attributes().of(item.id);
    QCOMPARE(attrs.at("device_id"), std::string("virtual-0001"));
    // The stored pixels are exactly those of the frame the board sent with that id.
    const auto frameId = static_cast<std::uint32_t>(std::stoul(attrs.at("frame_id")));
    QVERIFY(frames_.count(frameId));
    const CapturedFrame& sent = frames_.at(frameId);
    QCOMPARE(attrs.at("board_timestamp_us"), std::to_string(sent.timestampUs));
    const auto media = p.items().media(item.id);
    QVERIFY(media);
    QImage png = QImage::fromData(media->bytes.data(), static_cast<int>(media->bytes.size()), "PNG");
    png = png.convertToFormat(QImage::Format_Grayscale8);
    QCOMPARE(png.size(), QSize(96, 96));
    for (int y = 0; y < 96; ++y)
      QVERIFY(std::equal(sent.pixels.begin() + y * 96, sent.pixels.begin() + (y + 1) * 96, png.constScanLine(y)));

    // Undo removes the item; redo stores the same capture again.
    const std::string name = item.name;
    ws_->undoStack()->undo();
    QVERIFY(deviceItems(small_.path).empty());
    QVERIFY(!storage::Project::open(small_.path.toStdString()).items().byId(item.id));
    ws_->undoStack()->redo();
    items = deviceItems(small_.path);
    QCOMPARE(items.size(), std::size_t{1});
    QCOMPARE(items[0].item.name, name);
    QCOMPARE(labelOf(items[0].item.id).first, std::string("dog"));

    // A digit without a class says so and stores nothing.
    QTest::keyClick(panel_->liveView(), Qt::Key_9);
    QCOMPARE(panel_->message(), QString("No class on key 9."));
    QCOMPARE(deviceItems(small_.path).size(), std::size_t{1});
  }

  void burstCapturesTheNextFramesAsOneEdit() {
    QSignalSpy captured(panel_.get(), &DevicePanel::captured);
    panel_->setBurstClass(small_.bird);
    panel_->setBurstCount(5);
    const int undoBefore = ws_->undoStack()->count();
    QTest::keyClick(panel_->liveView(), Qt::Key_B);
    QTRY_COMPARE_WITH_TIMEOUT(captured.count(), 1, 15000);
    const auto ids = captured.at(0).at(0).value<QList<qint64>>();
    QCOMPARE(ids.size(), 5);
    QCOMPARE(ws_->undoStack()->count(), undoBefore + 1);
    const auto items = deviceItems(small_.path);
    QCOMPARE(items.size(), std::size_t{6});
    const auto p = storage::Project::open(small_.path.toStdString());
    std::vector<std::uint32_t> frameIds;
    for (const qint64 id : ids) {
      QCOMPARE(labelOf(id).first, std::string("bird"));
      frameIds.push_back(static_cast<std::uint32_t>(std::stoul(p.attributes().of(id).at("frame_id"))));
    }
    // Five consecutive frames of the stream.
    for (std::size_t i = 1; i < frameIds.size(); ++i) QCOMPARE(frameIds[i], frameIds[0] + static_cast<std::uint32_t>(i));
    ws_->undoStack()->undo();
    QCOMPARE(deviceItems(small_.path).size(), std::size_t{1});
    ws_->undoStack()->redo();
    QCOMPARE(deviceItems(small_.path).size(), std::size_t{6});
  }

  void deployShowsProgressAndTheBoardRunsTheModel() {
    progress_.clear();
    panel_->selectModel("tiny");
    QSignalSpy deployed(panel_.get(), &DevicePanel::deployFinished);
    panel_->deploySelectedModel();
    QVERIFY(panel_->isDeploying());
    QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 60000);
    QVERIFY2(deployed.at(0).at(0).toBool(), qPrintable(panel_->deployMessage()));
    QVERIFY2(panel_->deployMessage().startsWith("Deployed tiny: "), qPrintable(panel_->deployMessage()));
    QCOMPARE(panel_->deployPercent(), 100);
    QVERIFY(progress_.size() >= 2);
    QCOMPARE(progress_.first(), qint64{0});
    QCOMPARE(progress_.last(), qint64{100});
    QVERIFY(std::is_sorted(progress_.begin(), progress_.end()));
    // The board's own device info (a handshake after the commit) names the new model.
    QCOMPARE(panel_->device().modelId, std::string("tiny"));
    QCOMPARE(panel_->device().modelCrc, modelHash(tiny_));
    QCOMPARE(panel_->device().modelSize, static_cast<std::uint32_t>(tiny_.size()));
    // The stream resumes with predictions, named after the model's classes.
    QTRY_VERIFY_WITH_TIMEOUT(panel_->liveView()->overlay().size() == 3, 15000);
    const QStringList overlay = panel_->liveView()->overlay();
    const QString top = overlay[1].section(' ', 0, 0);
    QVERIFY2(QStringList({"cat", "dog", "bird", "fish"}).contains(top), qPrintable(overlay.join(" | ")));
    // The tiny model may finish within one tick of the board's microsecond clock: 0 is valid.
    bool number = false;
    overlay[2].section(' ', 0, 0).toUInt(&number);
    QVERIFY2(overlay[2].endsWith(" µs") && number, qPrintable(overlay[2]));
  }

  void cancelledDeployLeavesTheOldModelRunning() {
    panel_->selectModel("tiny2");
    QSignalSpy deployed(panel_.get(), &DevicePanel::deployFinished);
    panel_->deploySelectedModel();
    panel_->cancelDeploy();
    QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 30000);
    QCOMPARE(deployed.at(0).at(0).toBool(), false);
    QVERIFY2(panel_->deployMessage().contains("cancelled") && panel_->deployMessage().contains("still runs model 'tiny'"),
             qPrintable(panel_->deployMessage()));
    QCOMPARE(panel_->device().modelCrc, modelHash(tiny_));
    QVERIFY(panel_->isConnected());
    const auto before = panel_->stats().frames;
    QTRY_VERIFY_WITH_TIMEOUT(panel_->stats().frames > before + 5, 15000);  // streaming again
  }

  void aDetectorsBoxesShowLiveAndAreCapturedAsTheModelsBoxes() {
    panel_->selectModel("spot");
    QSignalSpy deployed(panel_.get(), &DevicePanel::deployFinished);
    panel_->deploySelectedModel();
    QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 60000);
    QVERIFY2(deployed.at(0).at(0).toBool(), qPrintable(panel_->deployMessage()));
    // Boxes on the live view, named after the model's classes; the overlay counts them.
    QTRY_VERIFY_WITH_TIMEOUT(!panel_->liveView()->detections().empty(), 15000);
    for (const FrameDetection& d : panel_->liveView()->detections()) {
      QVERIFY2(d.label == "dim" || d.label == "bright", d.label.c_str());
      QVERIFY(d.score >= 0.5 && d.box.w >= 8 && d.box.x + d.box.w <= 96);
    }
    QTRY_VERIFY_WITH_TIMEOUT(panel_->liveView()->overlay().size() == 3 &&
                                 panel_->liveView()->overlay()[1].contains("box"), 15000);
    const QString outDir = QStringLiteral(LOUPE_BINARY_DIR "/test-output");
    QDir().mkpath(outDir);
    panel_->grab().toImage().save(outDir + "/device_panel_detections.png");

    // A burst stores each frame with the board's boxes for that frame, as model "spot"'s.
    QSignalSpy captured(panel_.get(), &DevicePanel::captured);
    panel_->setBurstClass(small_.cat);
    panel_->setBurstCount(4);
    QTest::keyClick(panel_->liveView(), Qt::Key_B);
    QTRY_COMPARE_WITH_TIMEOUT(captured.count(), 1, 15000);
    // And so does a single capture (key 1), waiting for its frame's boxes if need be.
    QTest::keyClick(panel_->liveView(), Qt::Key_1);
    QTRY_COMPARE_WITH_TIMEOUT(captured.count(), 2, 15000);
    auto ids = captured.at(0).at(0).value<QList<qint64>>();
    ids += captured.at(1).at(0).value<QList<qint64>>();
    QCOMPARE(ids.size(), 5);
    const auto p = storage::Project::open(small_.path.toStdString());
    const auto spot = p.labelers().byName("spot");
    QVERIFY(spot && spot->kind == LabelerKind::Model);
    int boxes = 0;
    for (const qint64 id : ids) {
      int human = 0;
      for (const auto& a : p.annotations().of(id)) {
        if (a.labelerId != spot->id) {
          ++human;
          continue;
        }
        ++boxes;
        QVERIFY(a.kind == AnnotationKind::Box);
        QVERIFY(a.score && *a.score >= 0.5);
      }
      QCOMPARE(human, 1);  // the capture label, by alice
    }
    QVERIFY2(boxes >= 5, qPrintable(QString::number(boxes)));
    // Undo takes the items with their boxes.
    ws_->undoStack()->undo();
    ws_->undoStack()->undo();
    for (const qint64 id : ids) QVERIFY(!storage::Project::open(small_.path.toStdString()).items().byId(id));
  }

  void flashingTheVirtualBoardIsRefused() {
    panel_->selectPort("virtual");
    panel_->flash();
    QVERIFY(!panel_->isFlashing());
    QVERIFY(panel_->flashMessage().contains("nothing to flash"));
    QVERIFY(panel_->isConnected());
  }

  void flashRunsArduinoCliWithTheChosenModel() {
    QTemporaryDir tools;
    const QString record = tools.filePath("args.txt");
    QDir().mkpath(tools.filePath("bin"));
    QFile f(tools.filePath("bin/arduino-cli"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Records its arguments, keeps the staged sketch's model header, prints upload progress.
    f.write(QString("#!/bin/sh\nfor a in \"$@\"; do echo \"$a\" >> '%1'; done\n"
                    "for last; do :; done\ncp \"$last/src/model_data.h\" '%1.model'\n"
                    "echo '[=====         ] 35% (100/285 pages)'\necho '[==============] 100% (285/285 pages)'\n")
                .arg(record)
                .toUtf8());
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    qputenv("PATH", tools.filePath("bin").toUtf8() + ":/usr/bin:/bin");
    panel_->selectModel("tiny");
    panel_->selectPort("/dev/ttyACM7");
    QSignalSpy flashed(panel_.get(), &DevicePanel::flashFinished);
    panel_->flash();
    QVERIFY(panel_->isFlashing());
    QTRY_VERIFY_WITH_TIMEOUT(!panel_->isConnected(), 10000);  // the panel let go of the board first
    QTRY_COMPARE_WITH_TIMEOUT(flashed.count(), 1, 30000);
    QVERIFY2(flashed.at(0).at(0).toBool(), qPrintable(panel_->flashMessage()));
    QCOMPARE(panel_->flashMessage(), QString("Flashed with arduino-cli on /dev/ttyACM7."));
    QCOMPARE(panel_->flashPercent(), 100);
    const QStringList args = readAll(record).split('\n', Qt::SkipEmptyParts);
    QVERIFY2(args.size() == 9, qPrintable(args.join(' ')));
    QCOMPARE(args.mid(0, 6), (QStringList{"compile", "--upload", "-p", "/dev/ttyACM7", "--fqbn",
                                          "arduino:mbed_nano:nano33ble"}));
    const QString header = readAll(record + ".model");
    QVERIFY2(header.contains("kModelDataId = \"tiny\"") &&
                 header.contains(QString("kModelDataSize = %1;").arg(tiny_.size())),
             qPrintable(header.left(400)));
  }

  void flashWithoutToolsNamesWhatToInstall() {
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    qputenv("PATH", "/usr/bin:/bin");
    panel_->selectPort("/dev/ttyACM7");
    QSignalSpy flashed(panel_.get(), &DevicePanel::flashFinished);
    panel_->flash();
    QTRY_COMPARE_WITH_TIMEOUT(flashed.count(), 1, 10000);
    QCOMPARE(flashed.at(0).at(0).toBool(), false);
    const QString m = panel_->flashMessage();
    QVERIFY2(m.startsWith("Flash failed: ") && m.contains("arduino-cli") && m.contains("bossac"), qPrintable(m));
  }

  void mainWindowDocksTheDevicePanel() {
    MainWindow win;
    QDockWidget* dock = win.projectDocks()->deviceDock();
    QVERIFY(dock);
    QCOMPARE(dock->windowTitle(), QString("Device"));
    QCOMPARE(ProjectDocks::panelOf(dock), static_cast<QWidget*>(win.projectDocks()->device()));
    bool listed = false;
    for (QMenu* menu : win.findChildren<QMenu*>())
      for (QAction* a : menu->actions()) listed = listed || a == dock->toggleViewAction();
    QVERIFY(listed);  // View > Panels
  }
};

QTEST_MAIN(TestDevicePanel)
#include "test_device_panel.moc"
