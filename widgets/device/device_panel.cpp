#include "widgets/device/device_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cstdio>
#include <exception>
#include <utility>

#include "core/quant/board_fit.h"
#include "serial_link/board_detections.h"
#include "serial_link/board_worker.h"
#include "serial_link/discovery.h"
#include "serial_link/flasher.h"
#include "storage/deploy/deployable_model.h"
#include "storage/project.h"
#include "widgets/classes/hotkeys.h"
#include "widgets/commands/capture_commands.h"
#include "widgets/device/frame_image.h"
#include "widgets/device/live_view.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {
namespace {

QString hex32(std::uint32_t v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

QString modelText(const serial_link::DeviceDescription& d) {
  if (d.modelSize == 0) return DevicePanel::tr("no model");
  return DevicePanel::tr("model '%1' (%2, %3 bytes)")
      .arg(QString::fromStdString(d.modelId), hex32(d.modelCrc))
      .arg(d.modelSize);
}

// Progress from any thread, applied on the panel's thread while the panel lives.
template <typename Apply>
Progress queuedProgress(QPointer<DevicePanel> self, Apply apply, const CancelToken* cancel = nullptr) {
  return Progress{[self, apply](std::int64_t done, std::int64_t total, const std::string& stage) {
                    QMetaObject::invokeMethod(
                        self, [self, apply, done, total, s = QString::fromStdString(stage)] {
                          if (self) apply(done, total, s);
                        },
                        Qt::QueuedConnection);
                  },
                  cancel};
}

void setPercent(QProgressBar* bar, qint64 done, qint64 total) {
  bar->setMaximum(100);
  bar->setValue(total > 0 ? static_cast<int>(100 * done / total) : 0);
}

}  // namespace

DevicePanel::DevicePanel(Workspace* workspace, QWidget* parent)
    : QWidget(parent),
      ws_(workspace),
      worker_(new serial_link::BoardWorker(this)),
      port_(new QComboBox(this)),
      refresh_(new QPushButton(tr("Refresh"), this)),
      connect_(new QPushButton(tr("Connect"), this)),
      view_(new widgets::LiveView(this)),
      statsLabel_(new QLabel(this)),
      deviceLine_(new QLabel(this)),
      burstClass_(new QComboBox(this)),
      burstCount_(new QSpinBox(this)),
      burst_(new QPushButton(tr("Burst"), this)),
      model_(new QComboBox(this)),
      deploy_(new QPushButton(tr("Deploy"), this)),
      cancelDeploy_(new QPushButton(tr("Cancel"), this)),
      deployProgress_(new QProgressBar(this)),
      modelFit_(new QLabel(this)),
      deployStatus_(new QLabel(this)),
      flash_(new QPushButton(tr("Flash firmware"), this)),
      flashProgress_(new QProgressBar(this)),
      flashStatus_(new QLabel(this)),
      message_(new QLabel(this)) {
  setFocusPolicy(Qt::StrongFocus);
  burstClass_->setObjectName("burstClass");
  buildLayout();

  connect(refresh_, &QPushButton::clicked, this, &DevicePanel::refreshPorts);
  connect(connect_, &QPushButton::clicked, this, [this] { connected_ || connecting_ ? disconnectBoard() : connectBoard(); });
  connect(burst_, &QPushButton::clicked, this, &DevicePanel::startBurst);
  connect(deploy_, &QPushButton::clicked, this, &DevicePanel::deploySelectedModel);
  connect(cancelDeploy_, &QPushButton::clicked, this, &DevicePanel::cancelDeploy);
  connect(model_, &QComboBox::currentIndexChanged, this, &DevicePanel::updateModelFit);
  connect(flash_, &QPushButton::clicked, this, &DevicePanel::flash);
  connect(&flashWatcher_, &QFutureWatcher<FlashOutcome>::finished, this, &DevicePanel::onFlashDone);

  const serial_link::BoardEngine* board = worker_->engine();
  connect(board, &serial_link::BoardEngine::opened, this, &DevicePanel::onOpened);
  connect(board, &serial_link::BoardEngine::openFailed, this, [this](const QString& m) {
    connecting_ = false;
    say(tr("Could not connect: %1").arg(m));
    updateEnabled();
  });
  connect(board, &serial_link::BoardEngine::closed, this, &DevicePanel::onClosed);
  connect(board, &serial_link::BoardEngine::connectionChanged, this, [this](bool up) {
    if (!up) say(tr("Line dropped; reconnecting to %1…").arg(QString::fromStdString(device_.deviceId)));
  });
  connect(board, &serial_link::BoardEngine::frameReceived, this, &DevicePanel::onFrame);
  connect(board, &serial_link::BoardEngine::inferenceReceived, this, &DevicePanel::onInference);
  connect(board, &serial_link::BoardEngine::detectionsReceived, this, &DevicePanel::onDetections);
  connect(board, &serial_link::BoardEngine::statsChanged, this, [this](const serial_link::LinkStats& s) {
    stats_ = s;
    statsLabel_->setText(statsText());
  });
  connect(board, &serial_link::BoardEngine::deployProgress, this, [this](qint64 done, qint64 total, const QString& stage) {
    setPercent(deployProgress_, done, total);
    deployProgress_->setFormat(stage + QStringLiteral(" %p%"));
  });
  connect(board, &serial_link::BoardEngine::deployFinished, this, &DevicePanel::onDeployFinished);
  connect(board, &serial_link::BoardEngine::failed, this, &DevicePanel::say);

  connect(ws_, &Workspace::projectAboutToChange, this, [this] {
    // A burst belongs to the project it was started in.
    burstLeft_ = 0;
    burstItems_.clear();
  burstClosing_ = false;
  });
  connect(ws_, &Workspace::projectChanged, this, &DevicePanel::reloadProject);
  connect(ws_, &Workspace::classesChanged, this, &DevicePanel::reloadProject);
  refreshPorts();
  reloadProject();
  updateEnabled();
}

DevicePanel::~DevicePanel() {
  // Nothing the board says reaches a half-destroyed panel; then the worker closes the port and
  // stops a virtual board on its own thread. A flash in progress is waited for.
  disconnect(worker_->engine(), nullptr, this, nullptr);
  delete worker_;
  flashWatcher_.waitForFinished();
}

void DevicePanel::buildLayout() {
  port_->setEditable(true);  // a port that is not listed can be typed in
  port_->setInsertPolicy(QComboBox::NoInsert);
  port_->setMinimumContentsLength(18);
  auto* portRow = new QHBoxLayout;
  portRow->addWidget(new QLabel(tr("Port"), this));
  portRow->addWidget(port_, 1);
  portRow->addWidget(refresh_);
  portRow->addWidget(connect_);

  burstCount_->setRange(1, 1000);
  burstCount_->setValue(10);
  burstCount_->setSuffix(tr(" frames"));
  burst_->setToolTip(tr("Capture the next frames with the chosen class (B)"));
  auto* captureRow = new QHBoxLayout;
  captureRow->addWidget(new QLabel(tr("Keys 1–9 capture the frame with that class. Burst:"), this));
  captureRow->addWidget(burstClass_, 1);
  captureRow->addWidget(burstCount_);
  captureRow->addWidget(burst_);

  auto* deployRow = new QHBoxLayout;
  deployRow->addWidget(new QLabel(tr("Model"), this));
  deployRow->addWidget(model_, 1);
  deployRow->addWidget(deploy_);
  deployRow->addWidget(cancelDeploy_);
  deployRow->addWidget(deployProgress_, 1);
  deployProgress_->setValue(0);

  auto* flashRow = new QHBoxLayout;
  flashRow->addWidget(flash_);
  flashRow->addWidget(flashProgress_, 1);
  flashProgress_->setValue(0);
  flash_->setToolTip(tr("Compile and upload the Loupe sketch (arduino-cli, else Arduino's bossac)"));

  statsLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(portRow);
  layout->addWidget(view_, 1);
  layout->addWidget(statsLabel_);
  layout->addWidget(deviceLine_);
  layout->addLayout(captureRow);
  layout->addLayout(deployRow);
  modelFit_->setObjectName("modelFit");
  layout->addWidget(modelFit_);
  layout->addWidget(deployStatus_);
  layout->addLayout(flashRow);
  layout->addWidget(flashStatus_);
  layout->addWidget(message_);
}

// ---- ports -----------------------------------------------------------------------------------

void DevicePanel::refreshPorts() {
  const QString keep = selectedPort();
  port_->clear();
  for (const auto& b : serial_link::discoverBoards()) {
    const QString text = b.kind == serial_link::DiscoveredBoard::Kind::Virtual
                             ? tr("Virtual board (QEMU)")
                             : QStringLiteral("%1 — %2 (%3)").arg(b.port, b.description, serial_link::kindName(b.kind));
    port_->addItem(text, b.port);
  }
  if (!keep.isEmpty()) selectPort(keep);
}

void DevicePanel::selectPort(const QString& port) {
  const int i = port_->findData(port);
  if (i >= 0) {
    port_->setCurrentIndex(i);
  } else {
    port_->setCurrentIndex(-1);
    port_->setEditText(port);
  }
}

QString DevicePanel::selectedPort() const {
  const int i = port_->currentIndex();
  if (i >= 0 && port_->itemText(i) == port_->currentText()) return port_->itemData(i).toString();
  return port_->currentText().trimmed();
}

QStringList DevicePanel::listedPorts() const {
  QStringList out;
  for (int i = 0; i < port_->count(); ++i) out << port_->itemData(i).toString();
  return out;
}

// ---- connection ------------------------------------------------------------------------------

void DevicePanel::connectBoard() {
  const QString port = selectedPort();
  if (port.isEmpty()) return say(tr("Pick a port first (Refresh lists the boards on USB)."));
  if (isFlashing()) return say(tr("Wait for the flash to finish."));
  connecting_ = true;
  say(port == QLatin1String("virtual") ? tr("Starting the virtual board…") : tr("Connecting to %1…").arg(port));
  worker_->open(port);
  updateEnabled();
}

void DevicePanel::disconnectBoard() {
  connecting_ = false;
  burstLeft_ = 0;
  burstItems_.clear();
  burstClosing_ = false;
  worker_->close();
  updateEnabled();
}

void DevicePanel::onOpened(const serial_link::DeviceDescription& device, const QString& port) {
  connecting_ = false;
  connected_ = true;
  device_ = device;
  labels_ = modelLabels(device.modelId);
  forgetPredictions();
  say(tr("Connected to %1 on %2.").arg(QString::fromStdString(device.board), port));
  updateDeviceLine();
  updateEnabled();
  updateModelFit();
  emit connectedChanged(true);
}

void DevicePanel::onClosed() {
  const bool was = connected_;
  connected_ = connecting_ = deploying_ = false;
  stats_ = {};
  lastFrame_.reset();
  forgetPredictions();
  burstLeft_ = 0;
  burstItems_.clear();
  burstClosing_ = false;
  view_->clear();
  statsLabel_->clear();
  deviceLine_->clear();
  updateEnabled();
  updateModelFit();
  if (was) emit connectedChanged(false);
}

// ---- live view -------------------------------------------------------------------------------

void DevicePanel::onFrame(const CapturedFrame& frame) {
  lastFrame_ = frame;
  view_->setFrame(widgets::frameImage(frame));
  updateOverlay();
  if (burstClosing_) finishBurst();  // the last frame's detections did not come: store it without
  if (burstLeft_ > 0) {
    try {
      burstItems_.push_back({storage::captureItem(frame, device_.deviceId), frame.frameId, {}});
    } catch (const std::exception& e) {
      say(QString::fromUtf8(e.what()));
    }
    if (--burstLeft_ == 0) {
      if (detectorSeen_ && !burstItems_.empty()) burstClosing_ = true;
      else finishBurst();
    }
  }
}

// A new connection or model: earlier answers belong to another model.
void DevicePanel::forgetPredictions() {
  top_.reset();
  lastDetections_.reset();
  detectorSeen_ = false;
  view_->setDetections({});
}

void DevicePanel::finishBurst() {
  burstClosing_ = false;
  capture(std::exchange(burstItems_, {}), burstLabel_);
}

void DevicePanel::onInference(const serial_link::BoardInference& result) {
  top_ = serial_link::topClass(result);
  latencyUs_ = result.latencyUs;
  updateOverlay();
}

std::optional<FramePrediction> DevicePanel::predictionFor(std::uint32_t frameId) const {
  if (!lastDetections_ || lastDetections_->frameId != frameId || !lastFrame_ || device_.modelId.empty()) return {};
  return FramePrediction{device_.modelId,
                         serial_link::frameDetections(*lastDetections_, lastFrame_->width, lastFrame_->height, labels_)};
}

void DevicePanel::onDetections(const serial_link::BoardDetections& result) {
  lastDetections_ = result;
  detectorSeen_ = true;
  latencyUs_ = result.latencyUs;
  top_.reset();
  const auto prediction = predictionFor(result.frameId);
  view_->setDetections(prediction ? prediction->boxes : std::vector<FrameDetection>{});
  for (auto& pending : burstItems_)
    if (pending.frameId == result.frameId) pending.prediction = prediction;
  updateOverlay();
  if (burstClosing_ && !burstItems_.empty() && burstItems_.back().frameId == result.frameId) finishBurst();
}

void DevicePanel::updateOverlay() {
  QStringList lines{tr("%1 fps").arg(stats_.liveFps, 0, 'f', 1)};
  if (top_ && top_->index >= 0) {
    const auto i = static_cast<std::size_t>(top_->index);
    const QString name = i < labels_.size() ? QString::fromStdString(labels_[i]) : tr("class %1").arg(top_->index);
    lines << tr("%1 %2").arg(name).arg(top_->score, 0, 'f', 2) << tr("%1 µs").arg(latencyUs_);
  } else if (lastDetections_) {
    lines << tr("%n box(es)", "", static_cast<int>(lastDetections_->detections.size())) << tr("%1 µs").arg(latencyUs_);
  } else if (device_.modelSize == 0) {
    lines << tr("no model on the board");
  }
  view_->setOverlay(lines);
}

QString DevicePanel::statsText() const {
  if (!connected_) return {};
  return tr("%1 fps · %2 KiB/s · %3 frames · %4 CRC errors · %5 dropped · %6 reconnects")
      .arg(stats_.liveFps, 0, 'f', 1)
      .arg(stats_.liveBytesPerSecond / 1024, 0, 'f', 1)
      .arg(stats_.frames)
      .arg(stats_.crcErrors)
      .arg(stats_.dropped)
      .arg(stats_.reconnects);
}

void DevicePanel::updateDeviceLine() {
  deviceLine_->setText(tr("%1 · firmware %2 · %3 · %4×%5 · %6 · %7 KiB free")
                           .arg(QString::fromStdString(device_.deviceId), QString::fromStdString(device_.firmwareVersion),
                                QString::fromStdString(device_.sensor))
                           .arg(device_.frameWidth)
                           .arg(device_.frameHeight)
                           .arg(modelText(device_))
                           .arg(device_.freeRam / 1024));
}

// ---- capture ---------------------------------------------------------------------------------

namespace {
// 1-9 (capture with that class) or B (burst), without Ctrl/Alt/Meta; 0 otherwise.
int captureKey(const QKeyEvent* e) {
  if (e->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) return 0;
  if (e->key() >= Qt::Key_1 && e->key() <= Qt::Key_9) return e->key();
  return e->key() == Qt::Key_B ? e->key() : 0;
}
}  // namespace

bool DevicePanel::event(QEvent* e) {
  if (e->type() == QEvent::ShortcutOverride && captureKey(static_cast<QKeyEvent*>(e))) {
    e->accept();
    return true;
  }
  return QWidget::event(e);
}

void DevicePanel::keyPressEvent(QKeyEvent* e) {
  const int key = captureKey(e);
  if (key == Qt::Key_B) return startBurst();
  if (key) return captureDigit(key - Qt::Key_0);
  QWidget::keyPressEvent(e);
}

void DevicePanel::captureDigit(int digit) {
  if (!ws_->hasProject()) return say(tr("Open a project to capture frames into."));
  if (!lastFrame_) return say(tr("No frame to capture yet."));
  const auto keys = digitKeys(ws_->project().classes().all());
  const auto it = keys.find(digit);
  if (it == keys.end()) return say(tr("No class on key %1.").arg(digit));
  const auto cls = ws_->project().classes().byId(it->second);
  if (!cls) return;
  if (burstLeft_ > 0 || burstClosing_) return say(tr("A burst is being captured; wait for it to finish."));
  try {
    storage::PendingCapture pending{storage::captureItem(*lastFrame_, device_.deviceId), lastFrame_->frameId,
                                    predictionFor(lastFrame_->frameId)};
    if (detectorSeen_ && !pending.prediction) {
      // The frame's boxes follow its pixels: store it when they come (or the next frame does).
      burstItems_ = {std::move(pending)};
      burstLabel_ = cls->name;
      burstClosing_ = true;
      return;
    }
    capture({std::move(pending)}, cls->name);
  } catch (const std::exception& e) {
    say(QString::fromUtf8(e.what()));
  }
}

void DevicePanel::startBurst() {
  if (!ws_->hasProject()) return say(tr("Open a project to capture frames into."));
  if (!connected_) return say(tr("Connect to a board first."));
  if (burstClass_->currentIndex() < 0) return say(tr("The project has no classes to label the burst with."));
  if (burstLeft_ > 0 || burstClosing_) return say(tr("A burst is being captured; wait for it to finish."));
  burstLabel_ = burstClass_->currentText().toStdString();
  burstItems_.clear();
  burstClosing_ = false;
  burstLeft_ = burstCount_->value();
  say(tr("Capturing %1 frames as %2…").arg(burstLeft_).arg(burstClass_->currentText()));
}

void DevicePanel::capture(std::vector<storage::PendingCapture> items, const std::string& className) {
  if (!ws_->hasProject() || items.empty()) return;
  storage::CaptureContext context;
  context.deviceId = device_.deviceId;
  context.label = className;
  if (!ws_->labeler().name.empty()) context.labeler = ws_->labeler().name;
  const std::size_t count = items.size();
  auto* command = new CaptureCommand(ws_, std::move(items), context);
  const QUndoStack* stack = ws_->undoStack();
  const int before = stack->index();
  ws_->run(command);
  // A failed write drops (deletes) the command and the workspace reports why; the index stays.
  if (stack->index() == before) return;
  const auto& ids = command->storedIds();
  say(tr("Captured %n frame(s) as %1.", "", static_cast<int>(count)).arg(QString::fromStdString(className)));
  emit captured(QList<qint64>(ids.begin(), ids.end()));
}

void DevicePanel::setBurstCount(int frames) { burstCount_->setValue(frames); }

void DevicePanel::setBurstClass(Id classId) {
  const int i = burstClass_->findData(QVariant::fromValue<qint64>(classId));
  if (i >= 0) burstClass_->setCurrentIndex(i);
}

// ---- models ----------------------------------------------------------------------------------

void DevicePanel::reloadProject() {
  const QString keepClass = burstClass_->currentText(), keepModel = model_->currentText();
  burstClass_->clear();
  model_->clear();
  if (ws_->hasProject()) {
    try {
      for (const ClassDef& c : ws_->project().classes().all())
        burstClass_->addItem(QString::fromStdString(c.name), QVariant::fromValue<qint64>(c.id));
      for (const auto& name : storage::deployableModelNames(ws_->project())) model_->addItem(QString::fromStdString(name));
    } catch (const std::exception& e) {
      say(QString::fromUtf8(e.what()));
    }
  }
  if (const int i = burstClass_->findText(keepClass); i >= 0) burstClass_->setCurrentIndex(i);
  if (const int i = model_->findText(keepModel); i >= 0) model_->setCurrentIndex(i);
  if (connected_) labels_ = modelLabels(device_.modelId);
  updateEnabled();
  updateModelFit();
}

QStringList DevicePanel::deployableModels() const {
  QStringList out;
  for (int i = 0; i < model_->count(); ++i) out << model_->itemText(i);
  return out;
}

void DevicePanel::selectModel(const QString& name) { model_->setCurrentIndex(model_->findText(name)); }

QString DevicePanel::modelFitText() const { return modelFit_->text(); }

void DevicePanel::updateModelFit() {
  const std::string name = model_->currentText().toStdString();
  if (!ws_->hasProject() || name.empty()) return modelFit_->clear();
  // The blob the deploy would send, so the size said here is the size the board checks.
  std::size_t bytes = 0;
  try {
    bytes = storage::deployableModel(ws_->project(), name).int8Blob.size();
  } catch (const std::exception& e) {
    return modelFit_->setText(QString::fromUtf8(e.what()));
  }
  const std::size_t slot = connected_ ? device_.modelCapacity : quant::defaultBoardModelSlotBytes();
  modelFit_->setText(QString::fromStdString(quant::boardFitText(bytes, slot)));
}

std::vector<std::string> DevicePanel::modelLabels(const std::string& modelId) const {
  if (!ws_->hasProject() || modelId.empty()) return {};
  try {
    return storage::deployableModel(ws_->project(), modelId).labels;
  } catch (const std::exception&) {
    return {};  // a model from elsewhere: its classes are shown by index
  }
}

void DevicePanel::deploySelectedModel() {
  if (!connected_ || deploying_ || !ws_->hasProject()) return;
  const std::string name = model_->currentText().toStdString();
  if (name.empty()) return deployStatus_->setText(tr("The project has no int8 model to deploy: train one first."));
  storage::DeployableModel model;
  try {
    model = storage::deployableModel(ws_->project(), name);
  } catch (const std::exception& e) {
    return deployStatus_->setText(QString::fromUtf8(e.what()));
  }
  deploying_ = true;
  burstLeft_ = 0;
  burstItems_.clear();
  burstClosing_ = false;
  deployProgress_->setValue(0);
  deployProgress_->setFormat(QStringLiteral("%p%"));
  deployStatus_->setText(tr("Deploying %1 (%2 bytes)…").arg(QString::fromStdString(name)).arg(model.int8Blob.size()));
  worker_->deploy(std::move(model.int8Blob), QString::fromStdString(name));
  updateEnabled();
}

void DevicePanel::cancelDeploy() {
  if (deploying_) worker_->cancelDeploy();
}

void DevicePanel::onDeployFinished(const serial_link::DeployResult& r, const serial_link::DeviceDescription& device) {
  deploying_ = false;
  if (!device.deviceId.empty()) device_ = device;
  labels_ = modelLabels(device_.modelId);
  forgetPredictions();
  if (r.committed) {
    deployProgress_->setValue(deployProgress_->maximum());
    deployProgress_->setFormat(tr("verified %p%"));
    deployStatus_->setText(tr("Deployed %1: %2 bytes in %3 chunks, verified (hash %4).")
            .arg(QString::fromStdString(device_.modelId))
            .arg(r.bytes)
            .arg(r.chunks)
            .arg(hex32(r.activeHash)));
  } else {
    deployStatus_->setText(tr("Deploy failed: %1. The board still runs %2.").arg(QString::fromStdString(r.message), modelText(device_)));
  }
  updateDeviceLine();
  updateEnabled();
  emit deployFinished(r.committed);
}

// ---- flash -----------------------------------------------------------------------------------

bool DevicePanel::isFlashing() const { return flashWatcher_.isRunning(); }

void DevicePanel::flash() {
  if (isFlashing() || deploying_) return;
  const QString port = selectedPort();
  if (port.isEmpty()) return flashStatus_->setText(tr("Pick the board's port first."));
  if (port == QLatin1String("virtual"))
    return flashStatus_->setText(tr("The virtual board runs its firmware in QEMU; there is nothing to flash."));
  serial_link::FlashOptions o;
  o.port = port;
  if (ws_->hasProject() && model_->currentIndex() >= 0) {
    // The sketch starts with the chosen model, so the board predicts right after the upload.
    try {
      o.model = storage::deployableModel(ws_->project(), model_->currentText().toStdString()).int8Blob;
      o.modelId = model_->currentText();
    } catch (const std::exception& e) {
      return flashStatus_->setText(QString::fromUtf8(e.what()));
    }
  }
  if (connected_ || connecting_) disconnectBoard();  // the upload resets the board: let go of the port
  flashProgress_->setValue(0);
  flashProgress_->setFormat(QStringLiteral("%p%"));
  flashStatus_->setText(tr("Flashing the board on %1…").arg(port));
  const Progress progress = queuedProgress(this, [this](qint64 done, qint64 total, const QString& stage) {
    setPercent(flashProgress_, done, total);
    flashProgress_->setFormat(stage + QStringLiteral(" %p%"));
  });
  flashWatcher_.setFuture(QtConcurrent::run([o, progress] {
    FlashOutcome out;
    try {
      const serial_link::FlashResult r = serial_link::flashBoard(o, progress);
      out.ok = true;
      out.text = tr("Flashed with %1 on %2.").arg(r.tool, r.uploadPort);
    } catch (const std::exception& e) {
      out.text = tr("Flash failed: %1").arg(QString::fromUtf8(e.what()));
    }
    return out;
  }));
  updateEnabled();
}

void DevicePanel::onFlashDone() {
  const FlashOutcome out = flashWatcher_.result();
  if (out.ok) {
    flashProgress_->setValue(flashProgress_->maximum());
    refreshPorts();
  }
  flashStatus_->setText(out.text);
  updateEnabled();
  emit flashFinished(out.ok);
}

// ---- status ----------------------------------------------------------------------------------

void DevicePanel::say(const QString& text) { message_->setText(text); }
QString DevicePanel::message() const { return message_->text(); }
QString DevicePanel::deployMessage() const { return deployStatus_->text(); }
QString DevicePanel::flashMessage() const { return flashStatus_->text(); }
int DevicePanel::deployPercent() const { return deployProgress_->value() * 100 / std::max(1, deployProgress_->maximum()); }
int DevicePanel::flashPercent() const { return flashProgress_->value() * 100 / std::max(1, flashProgress_->maximum()); }

void DevicePanel::updateEnabled() {
  const bool busy = deploying_ || isFlashing();
  connect_->setText(connected_ || connecting_ ? tr("Disconnect") : tr("Connect"));
  connect_->setEnabled(!busy);
  port_->setEnabled(!connected_ && !connecting_ && !busy);
  refresh_->setEnabled(!connected_ && !connecting_ && !busy);
  const bool canCapture = connected_ && !busy && ws_->hasProject();
  burst_->setEnabled(canCapture && burstClass_->count() > 0);
  burstClass_->setEnabled(canCapture);
  burstCount_->setEnabled(canCapture);
  deploy_->setEnabled(connected_ && !busy && model_->count() > 0);
  model_->setEnabled(!busy);
  cancelDeploy_->setEnabled(deploying_);
  flash_->setEnabled(!busy);
}

}  // namespace loupe::widgets
