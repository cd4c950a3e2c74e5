#include "serial_link/board_worker.h"

#include <QMetaObject>

namespace loupe::serial_link {

BoardWorker::BoardWorker(QObject* parent) : QObject(parent), engine_(new BoardEngine) {
  qRegisterMetaType<DeviceDescription>();
  qRegisterMetaType<DeployResult>();
  qRegisterMetaType<LinkStats>();
  qRegisterMetaType<CapturedFrame>();
  qRegisterMetaType<BoardInference>();
  qRegisterMetaType<BoardDetections>();
  thread_.setObjectName(QStringLiteral("board"));
  engine_->moveToThread(&thread_);
  thread_.start();
}

BoardWorker::~BoardWorker() {
  if (cancel_) cancel_->cancel();
  // The session, its port and QEMU belong to the worker thread: let them go there, hand the
  // engine back to this thread for deletion, then join.
  QMetaObject::invokeMethod(
      engine_,
      [e = engine_, home = thread()] {
        e->close();
        e->moveToThread(home);
      },
      Qt::BlockingQueuedConnection);
  thread_.quit();
  thread_.wait();
  delete engine_;
}

void BoardWorker::open(const QString& port) {
  QMetaObject::invokeMethod(engine_, [e = engine_, port] { e->open(port); }, Qt::QueuedConnection);
}

void BoardWorker::close() {
  QMetaObject::invokeMethod(engine_, [e = engine_] { e->close(); }, Qt::QueuedConnection);
}

void BoardWorker::deploy(std::vector<std::uint8_t> blob, const QString& modelId) {
  cancel_ = std::make_shared<CancelToken>();
  QMetaObject::invokeMethod(
      engine_, [e = engine_, blob = std::move(blob), modelId, token = cancel_] { e->deploy(blob, modelId, token.get()); },
      Qt::QueuedConnection);
}

void BoardWorker::cancelDeploy() {
  if (cancel_) cancel_->cancel();
}

}  // namespace loupe::serial_link
