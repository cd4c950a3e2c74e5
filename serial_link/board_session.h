#pragma once
// A connection to one board over a serial port: handshake, streaming, model upload, live
// statistics, resynchronisation (the frame decoder skips to the next delimiter after garbage) and
// automatic reconnect (the port is reopened by name when the line drops, then the handshake and
// an unfinished stream are resumed).
//
// Event-driven for the GUI (signals on every frame, result and stats change) and blocking for the
// CLI and tests (waitUntil pumps the port without an event loop). Not thread-safe: use it from
// the thread that created it.

#include <QElapsedTimer>
#include <QObject>
#include <QSerialPort>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/progress.h"
#include "firmware/protocol/messages.h"
#include "serial_link/board_receiver.h"

namespace loupe::serial_link {

struct DeployResult {
  bool committed = false;           // acknowledged and verified by a handshake
  bool commitAcknowledged = false;  // the board acknowledged the commit (it then runs the new model)
  std::uint32_t crc = 0;           // CRC-32 of the blob sent (transfer check)
  std::uint32_t modelHash = 0;     // the blob's id (its CRC-32 trailer)
  std::uint32_t activeHash = 0;    // what the board runs afterwards (verified by handshake)
  std::size_t bytes = 0;
  std::size_t chunks = 0;
  std::string message;             // why it failed; empty on success
};

class BoardSession : public QObject {
  Q_OBJECT
 public:
  struct Options {
    int handshakeTimeoutMs = 4000;
    int replyTimeoutMs = 3000;
    bool autoReconnect = true;
    int reconnectTimeoutMs = 15000;  // give up reconnecting after this long
    // The whole upload, chunks and commit; 0: 10 s plus 2 ms per model byte (the virtual board
    // takes a few KB/s).
    int deployTimeoutMs = 0;
  };

  explicit BoardSession(QObject* parent = nullptr);
  BoardSession(Options options, QObject* parent = nullptr);
  ~BoardSession() override;

  // Opens the port (raw 8N1; the baud rate is ignored by USB CDC and pseudo-terminals) and
  // performs the handshake. Throws std::runtime_error naming the port, and the field when the
  // board reports a value outside the documented ranges (device_check.h).
  void connectTo(const QString& port);
  void close();
  bool isOpen() const;
  QString portName() const { return portName_; }
  const DeviceDescription& device() const { return device_; }

  // Handshake again (e.g. to verify a deployed model). Throws on timeout, version mismatch or an
  // implausible DeviceInfo.
  const DeviceDescription& handshake();

  // Streams `count` frames (0 = until stopStream) with frames and/or inference results.
  void startStream(std::uint32_t count, std::uint8_t flags = protocol::StartStream::kFrames | protocol::StartStream::kInference);
  void stopStream();
  bool streaming() const { return streaming_; }

  // Sends a model and commits it; verifies with a handshake that the board runs it. On any
  // failure the upload is aborted and the board keeps (and is verified to keep) its old model.
  DeployResult deploy(const std::vector<std::uint8_t>& blob, const std::string& modelId, const Progress& progress = {});

  // Low level: sends one message and waits for the Ack or Error that refers to it.
  Reply request(protocol::MsgType type, const std::vector<std::uint8_t>& payload, int timeoutMs = -1);
  // Sends one message, no reply expected. Returns its sequence number.
  std::uint16_t send(protocol::MsgType type, const std::uint8_t* payload, std::size_t size);

  // Pumps the port until cond() holds or timeoutMs passes; returns cond(). Reconnects on the way
  // when the line drops and autoReconnect is set.
  bool waitUntil(const std::function<bool()>& cond, int timeoutMs);

  // Raw bytes to the board, bypassing framing: for line-noise drills and tests.
  void writeRaw(const std::uint8_t* data, std::size_t size);

  // Bytes from the wire (the port feeds them; public so tests can inject garbage).
  void feed(const std::uint8_t* data, std::size_t size);

  const LinkStats& stats() const { return receiver_.stats(); }
  // Zero the counters (a new measurement).
  void resetStats() { receiver_.restartStats(); }
  bool lostConnection() const { return lost_; }

 signals:
  void frameReceived(const loupe::CapturedFrame& frame);
  void inferenceReceived(const loupe::serial_link::BoardInference& result);
  void detectionsReceived(const loupe::serial_link::BoardDetections& result);
  void statsChanged();
  void connectionChanged(bool connected);
  void boardError(const QString& message);

 private:
  void onReadyRead();
  void onError(QSerialPort::SerialPortError error);
  void onFrame(const CapturedFrame& frame);
  bool reopen();
  void lineDropped();
  double now() const { return static_cast<double>(clock_.nsecsElapsed()) * 1e-9; }
  static void sink(void* self, const std::uint8_t* data, std::size_t size);

  Options options_;
  std::unique_ptr<QSerialPort> port_;
  QString portName_;
  QString reopenError_;  // why the last reopen failed
  QElapsedTimer clock_;
  BoardReceiver receiver_;
  std::vector<std::uint8_t> tx_;
  protocol::FrameWriter writer_;
  std::uint16_t seq_ = 0;
  DeviceDescription device_;
  bool rejectionReported_ = false;  // one boardError per connection, not one per bad chunk
  bool streaming_ = false;
  std::uint32_t streamCount_ = 0;   // requested; 0 = unlimited
  std::uint8_t streamFlags_ = 0;
  std::uint32_t streamFrames_ = 0;  // frames received in this stream
  bool lost_ = false;
  bool inHandshake_ = false;
};

}  // namespace loupe::serial_link

Q_DECLARE_METATYPE(loupe::CapturedFrame)
Q_DECLARE_METATYPE(loupe::serial_link::BoardInference)
Q_DECLARE_METATYPE(loupe::serial_link::BoardDetections)
// Queued across threads by BoardWorker.
Q_DECLARE_METATYPE(loupe::serial_link::DeviceDescription)
Q_DECLARE_METATYPE(loupe::serial_link::DeployResult)
Q_DECLARE_METATYPE(loupe::serial_link::LinkStats)
