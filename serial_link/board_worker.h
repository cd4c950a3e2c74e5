#pragma once
// A BoardSession — and for the port "virtual" the virtual board under QEMU — on a thread of its
// own, for the GUI: connecting (QEMU start-up, handshake) and deploying wait on the serial line
// for seconds, which must not freeze the window. Every request returns at once and is carried
// out in order on the worker thread; results come back as the signals of engine(), which live
// on the worker thread, so connections from the GUI thread are queued.
//
// Once connected the board streams frames and predictions until close(). When the line drops
// the session reopens the port by name and resumes the stream (BoardSession's reconnect).

#include <QObject>
#include <QString>
#include <QThread>

#include <cstdint>
#include <memory>
#include <vector>

#include "core/domain/progress.h"
#include "serial_link/board_engine.h"

namespace loupe::serial_link {

class BoardWorker : public QObject {
  Q_OBJECT
 public:
  explicit BoardWorker(QObject* parent = nullptr);
  // Stops streaming, closes the port, stops a virtual board it started and joins the thread.
  ~BoardWorker() override;

  // "virtual" starts a virtual board owned by the worker (stopped on close).
  void open(const QString& port);
  void close();
  // Sends the model; cancelDeploy() aborts between chunks and the board keeps its old model.
  void deploy(std::vector<std::uint8_t> blob, const QString& modelId);
  void cancelDeploy();

  // Connect to its signals (opened, frameReceived, deployFinished...); never call it directly.
  BoardEngine* engine() const { return engine_; }

 private:
  QThread thread_;
  BoardEngine* engine_;
  std::shared_ptr<CancelToken> cancel_;
};

}  // namespace loupe::serial_link
