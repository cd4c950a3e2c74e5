#pragma once
// The worker-thread side of BoardWorker: owns the session and the virtual board, runs the
// requests BoardWorker queues to it and reports through its signals. Only BoardWorker calls its
// methods; the GUI connects to its signals (queued, since it lives on the worker thread).

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

#include "core/domain/progress.h"
#include "serial_link/board_session.h"
#include "serial_link/qemu_board.h"

namespace loupe::serial_link {

class BoardEngine : public QObject {
  Q_OBJECT
 public:
  void open(const QString& port);
  void close();
  void deploy(const std::vector<std::uint8_t>& blob, const QString& modelId, const CancelToken* cancel);

 signals:
  // `port` is the serial port actually opened (the virtual board's pseudo-terminal).
  void opened(const loupe::serial_link::DeviceDescription& device, const QString& port);
  void openFailed(const QString& message);
  void closed();
  void connectionChanged(bool connected);
  void frameReceived(const loupe::CapturedFrame& frame);
  void inferenceReceived(const loupe::serial_link::BoardInference& result);
  void detectionsReceived(const loupe::serial_link::BoardDetections& result);
  void statsChanged(const loupe::serial_link::LinkStats& stats);
  void deployProgress(qint64 done, qint64 total, const QString& stage);
  // `device` is what the board reports afterwards (a handshake verifies the model it runs).
  void deployFinished(const loupe::serial_link::DeployResult& result, const loupe::serial_link::DeviceDescription& device);
  void failed(const QString& message);

 private:
  void reconnect();
  void teardown();

  std::unique_ptr<QemuBoard> virtualBoard_;
  std::unique_ptr<BoardSession> session_;
};

}  // namespace loupe::serial_link
