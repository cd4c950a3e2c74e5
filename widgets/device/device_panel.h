#pragma once
// The board in the GUI: pick a port (USB boards by id, or the virtual board under QEMU),
// connect, watch the camera live with the on-device prediction, latency and link statistics,
// capture the current frame into the project with one key per class (1-9, the classes' hotkeys)
// or a burst of the next N frames, deploy one of the project's int8 models, flash the sketch.
//
// The panel only wires things together: serial work runs on serial_link::BoardWorker's thread,
// flashing on a pool thread (serial_link::flashBoard), captures are CaptureCommands on the workspace's
// undo stack, models come from storage::deployableModel. It reaches the project through the
// Workspace when it needs it, so it survives opening another project (the connection stays).

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "serial_link/board_session.h"
#include "serial_link/link_stats.h"
#include "serial_link/top_class.h"
#include "storage/records.h"
#include "storage/capture/capture_writer.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace loupe::serial_link {
class BoardWorker;
}

namespace loupe::widgets {
class LiveView;
}

namespace loupe::widgets {

class Workspace;

class DevicePanel : public QWidget {
  Q_OBJECT
 public:
  explicit DevicePanel(Workspace* workspace, QWidget* parent = nullptr);
  ~DevicePanel() override;

  // ---- ports --------------------------------------------------------------------------------
  void refreshPorts();
  // Selects a listed port by its name ("virtual", "/dev/ttyACM0"), else types it in.
  void selectPort(const QString& port);
  QString selectedPort() const;
  QStringList listedPorts() const;

  // ---- state, for the window and tests ------------------------------------------------------
  bool isConnected() const { return connected_; }
  bool isDeploying() const { return deploying_; }
  bool isFlashing() const;
  const serial_link::DeviceDescription& device() const { return device_; }
  const serial_link::LinkStats& stats() const { return stats_; }
  widgets::LiveView* liveView() const { return view_; }
  // The latest connection / capture message, and the outcome of the last deploy and flash.
  QString message() const;
  QString deployMessage() const;
  QString flashMessage() const;
  QString statsText() const;
  int deployPercent() const;
  int flashPercent() const;
  QStringList deployableModels() const;
  // Before deploying: whether the selected model's int8 blob fits the board's model slot (the
  // connected board's own capacity, else the firmware's default slot), e.g.
  // "fits the board: 32 KB of 128 KB" or "too large for the board: 196 KB of 128 KB".
  QString modelFitText() const;
  void selectModel(const QString& name);
  void setBurstCount(int frames);
  // The class a burst labels its frames with (by id).
  void setBurstClass(Id classId);

 public slots:
  void connectBoard();
  void disconnectBoard();
  // Saves the current frame labelled with the class on digit key `digit` (1-9).
  void captureDigit(int digit);
  // Saves the next N frames labelled with the burst class.
  void startBurst();
  void deploySelectedModel();
  void cancelDeploy();
  void flash();
  // Re-reads the project's classes and deployable models (after training, on a new project).
  void reloadProject();

 signals:
  void connectedChanged(bool connected);
  void captured(const QList<qint64>& itemIds);
  void deployFinished(bool committed);
  void flashFinished(bool ok);

 protected:
  void keyPressEvent(QKeyEvent* e) override;
  // Claims the capture keys before any window shortcut while the panel has focus.
  bool event(QEvent* e) override;

 private:
  struct FlashOutcome {
    bool ok = false;
    QString text;
  };
  void buildLayout();
  void onOpened(const serial_link::DeviceDescription& device, const QString& port);
  void onClosed();
  void onFrame(const CapturedFrame& frame);
  void onInference(const serial_link::BoardInference& result);
  void onDetections(const serial_link::BoardDetections& result);
  void onDeployFinished(const serial_link::DeployResult& result, const serial_link::DeviceDescription& device);
  void onFlashDone();
  void capture(std::vector<storage::PendingCapture> items, const std::string& className);
  void finishBurst();
  void forgetPredictions();
  // The board model's boxes for frame `frameId` when they have arrived (shadow mode).
  std::optional<FramePrediction> predictionFor(std::uint32_t frameId) const;
  void updateOverlay();
  void updateDeviceLine();
  void updateEnabled();
  void updateModelFit();
  void say(const QString& text);
  // Class names of the model the board runs, from the project's model of that name.
  std::vector<std::string> modelLabels(const std::string& modelId) const;

  Workspace* ws_;
  serial_link::BoardWorker* worker_;
  QComboBox* port_;
  QPushButton* refresh_;
  QPushButton* connect_;
  widgets::LiveView* view_;
  QLabel* statsLabel_;
  QLabel* deviceLine_;
  QComboBox* burstClass_;
  QSpinBox* burstCount_;
  QPushButton* burst_;
  QComboBox* model_;
  QPushButton* deploy_;
  QPushButton* cancelDeploy_;
  QProgressBar* deployProgress_;
  QLabel* modelFit_;
  QLabel* deployStatus_;
  QPushButton* flash_;
  QProgressBar* flashProgress_;
  QLabel* flashStatus_;
  QLabel* message_;
  QFutureWatcher<FlashOutcome> flashWatcher_;

  bool connecting_ = false;
  bool connected_ = false;
  bool deploying_ = false;
  serial_link::DeviceDescription device_;
  serial_link::LinkStats stats_;
  std::vector<std::string> labels_;
  std::optional<CapturedFrame> lastFrame_;
  std::optional<serial_link::TopClass> top_;
  std::uint32_t latencyUs_ = 0;
  // A burst in progress: frames still to take, what they become.
  int burstLeft_ = 0;
  std::string burstLabel_;
  std::vector<storage::PendingCapture> burstItems_;
  // The burst has its frames and waits for the last one's detections (or the next frame).
  bool burstClosing_ = false;
  std::optional<serial_link::BoardDetections> lastDetections_;
  bool detectorSeen_ = false;  // the board has sent detections on this connection
};

}  // namespace loupe::widgets
