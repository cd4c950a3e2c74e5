#include "serial_link/board_engine.h"

#include <QTimer>

#include <exception>

namespace loupe::serial_link {

void BoardEngine::open(const QString& port) {
  teardown();
  try {
    QString name = port;
    if (port == QLatin1String("virtual")) {
      virtualBoard_ = std::make_unique<QemuBoard>();
      virtualBoard_->start();
      name = virtualBoard_->port();
    }
    session_ = std::make_unique<BoardSession>();
    connect(session_.get(), &BoardSession::frameReceived, this, [this](const CapturedFrame& f) {
      emit frameReceived(f);
      emit statsChanged(session_->stats());
    });
    connect(session_.get(), &BoardSession::inferenceReceived, this, &BoardEngine::inferenceReceived);
    connect(session_.get(), &BoardSession::detectionsReceived, this, &BoardEngine::detectionsReceived);
    connect(session_.get(), &BoardSession::connectionChanged, this, [this](bool up) {
      emit connectionChanged(up);
      // Reconnecting blocks (it polls for the port); run it from the event loop, not from
      // inside the session's error handler.
      if (!up) QTimer::singleShot(0, this, &BoardEngine::reconnect);
    });
    session_->connectTo(name);
    session_->startStream(0);
    emit opened(session_->device(), name);
  } catch (const std::exception& e) {
    teardown();
    emit openFailed(QString::fromUtf8(e.what()));
  }
}

void BoardEngine::reconnect() {
  if (!session_ || session_->isOpen()) return;
  try {
    // waitUntil reopens the port by name, handshakes and resumes the stream.
    session_->waitUntil([this] { return session_->isOpen() && !session_->lostConnection(); }, 20000);
    if (session_->isOpen()) emit opened(session_->device(), session_->portName());
  } catch (const std::exception& e) {
    teardown();
    emit failed(QString::fromUtf8(e.what()));
    emit closed();
  }
}

void BoardEngine::close() {
  const bool was = session_ || virtualBoard_;
  teardown();
  if (was) emit closed();
}

void BoardEngine::teardown() {
  if (session_) {
    session_->disconnect(this);
    if (session_->isOpen() && session_->streaming()) {
      try {
        session_->stopStream();
      } catch (const std::exception&) {
        // Closing anyway: a board that does not answer stops streaming when the port closes.
      }
    }
    session_->close();
    session_.reset();
  }
  if (virtualBoard_) {
    virtualBoard_->stop();
    virtualBoard_.reset();
  }
}

void BoardEngine::deploy(const std::vector<std::uint8_t>& blob, const QString& modelId, const CancelToken* cancel) {
  DeployResult r;
  if (!session_ || !session_->isOpen()) {
    r.message = "not connected to a board";
    emit deployFinished(r, {});
    return;
  }
  const Progress progress{[this](std::int64_t done, std::int64_t total, const std::string& stage) {
                            emit deployProgress(done, total, QString::fromStdString(stage));
                          },
                          cancel};
  try {
    const auto reconnects = session_->stats().reconnects;
    r = session_->deploy(blob, modelId.toStdString(), progress);
    // The line dropped and came back mid-upload: the board's handshake discarded the partial
    // upload (it still runs the old model), so send it once more.
    if (!r.committed && session_->isOpen() && session_->stats().reconnects != reconnects)
      r = session_->deploy(blob, modelId.toStdString(), progress);
  } catch (const Cancelled&) {
    r.message = "cancelled; the board keeps its previous model";
    r.activeHash = session_->device().modelCrc;
  } catch (const std::exception& e) {
    r.message = e.what();
    r.activeHash = session_->device().modelCrc;
  }
  emit deployFinished(r, session_->device());
  try {
    if (session_->isOpen()) session_->startStream(0);  // deploying stopped the live view
  } catch (const std::exception& e) {
    emit failed(QString::fromUtf8(e.what()));
  }
}

}  // namespace loupe::serial_link
