#include "serial_link/board_session.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#ifdef Q_OS_UNIX
#include <termios.h>
#endif

#include "firmware/protocol/crc32.h"
#include "serial_link/device_check.h"

namespace loupe::serial_link {

using protocol::MsgType;

namespace {

// QSerialPort reports ReadError whenever a read notification finds no data (raw mode returns 0),
// e.g. when waitForReadyRead already drained what the event loop's notifier announced; the error
// text is then a stale errno. A real hang-up (QEMU killed, USB unplugged) is a hung-up tty on
// which every terminal ioctl fails with EIO, while a live line still answers tcgetattr.
bool lineHungUp(const QSerialPort& port) {
#ifdef Q_OS_UNIX
  termios attributes{};
  return ::tcgetattr(static_cast<int>(port.handle()), &attributes) != 0;
#else
  Q_UNUSED(port);
  return true;  // no cheap check elsewhere: trust the error
#endif
}

}  // namespace

BoardSession::BoardSession(QObject* parent) : BoardSession(Options{}, parent) {}

BoardSession::BoardSession(Options options, QObject* parent)
    : QObject(parent), options_(options), writer_(&BoardSession::sink, this) {
  qRegisterMetaType<CapturedFrame>();
  qRegisterMetaType<BoardInference>();
  qRegisterMetaType<BoardDetections>();
  receiver_.setHandlers({[this](const CapturedFrame& f) { onFrame(f); },
                         [this](const BoardInference& r) { emit inferenceReceived(r); },
                         [this](const BoardDetections& r) { emit detectionsReceived(r); },
                         [this](const std::string& text) { emit boardError(QString::fromStdString(text)); },
                         [this](const std::string& why) {
                           // Counted in the stats every time; said once per connection.
                           if (rejectionReported_) return;
                           rejectionReported_ = true;
                           emit boardError(QString::fromStdString(why));
                         }});
  clock_.start();
}

BoardSession::~BoardSession() { close(); }

void BoardSession::sink(void* self, const std::uint8_t* data, std::size_t size) {
  auto& tx = static_cast<BoardSession*>(self)->tx_;
  tx.insert(tx.end(), data, data + size);
}

bool BoardSession::isOpen() const { return port_ && port_->isOpen(); }

void BoardSession::close() {
  streaming_ = false;
  if (port_) {
    port_->disconnect(this);
    port_->close();
    port_.reset();
  }
}

bool BoardSession::reopen() {
  if (port_) {
    port_->disconnect(this);
    port_->close();
  }
  port_ = std::make_unique<QSerialPort>();
  port_->setPortName(portName_);
  if (!port_->open(QIODevice::ReadWrite)) {
    reopenError_ = port_->errorString();
    return false;
  }
  // USB CDC and pseudo-terminals ignore the rate; raw 8N1 without flow control is what matters.
  port_->setBaudRate(115200);
  port_->setDataBits(QSerialPort::Data8);
  port_->setParity(QSerialPort::NoParity);
  port_->setStopBits(QSerialPort::OneStop);
  port_->setFlowControl(QSerialPort::NoFlowControl);
  connect(port_.get(), &QSerialPort::readyRead, this, &BoardSession::onReadyRead);
  connect(port_.get(), &QSerialPort::errorOccurred, this, &BoardSession::onError);
  receiver_.resetDecoder();
  // A delimiter first: whatever the board half-received before is closed off as one bad packet.
  const std::uint8_t zero = 0;
  port_->write(reinterpret_cast<const char*>(&zero), 1);
  return true;
}

void BoardSession::connectTo(const QString& port) {
  close();
  portName_ = port;
  if (!reopen()) {
    const QString why = port_ ? port_->errorString() : QString();
    port_.reset();
    throw std::runtime_error("cannot open " + port.toStdString() + ": " + why.toStdString());
  }
  lost_ = false;
  handshake();
  emit connectionChanged(true);
}

const DeviceDescription& BoardSession::handshake() {
  if (!isOpen()) throw std::runtime_error("not connected to " + portName_.toStdString());
  receiver_.awaitDeviceInfo();
  inHandshake_ = true;
  // Hello is repeated: a pseudo-terminal may drop bytes until QEMU notices it was opened, and a
  // board that just reset may still be starting its USB stack. Bounded by time and by count.
  constexpr int kHelloEveryMs = 300;
  const int maxHellos = options_.handshakeTimeoutMs / kHelloEveryMs + 1;
  QDeadlineTimer deadline(options_.handshakeTimeoutMs);
  const std::uint8_t hello[protocol::kHelloSize] = {protocol::kProtocolVersion};
  auto answered = [this] { return receiver_.deviceInfo() || !receiver_.deviceInfoProblem().empty(); };
  for (int i = 0; i < maxHellos && !answered() && !deadline.hasExpired(); ++i) {
    send(MsgType::Hello, hello, sizeof hello);
    waitUntil(answered, static_cast<int>(std::min<qint64>(kHelloEveryMs, deadline.remainingTime())));
  }
  inHandshake_ = false;
  const std::string port = portName_.toStdString();
  if (const std::string& why = receiver_.deviceInfoProblem(); !why.empty()) {
    if (receiver_.deviceInfoVersion() != protocol::kProtocolVersion && receiver_.deviceInfoVersion() != 0)
      throw std::runtime_error("board on " + port + " speaks protocol version " +
                               std::to_string(receiver_.deviceInfoVersion()) + ", this Loupe speaks " +
                               std::to_string(protocol::kProtocolVersion) + ": flash the matching firmware");
    throw std::runtime_error("board on " + port + " reports " + why + ": refusing it (flash the Loupe firmware?)");
  }
  if (!receiver_.deviceInfo())
    throw std::runtime_error("no answer from " + port + " within " + std::to_string(options_.handshakeTimeoutMs) +
                             " ms: is it a Loupe board?");
  device_ = *receiver_.deviceInfo();
  receiver_.useDevice(device_);
  rejectionReported_ = false;
  streaming_ = false;  // the board stops streaming on Hello
  return device_;
}

std::uint16_t BoardSession::send(MsgType type, const std::uint8_t* payload, std::size_t size) {
  const std::uint16_t seq = seq_++;
  tx_.clear();
  if (!writer_.send(static_cast<std::uint8_t>(type), seq, payload, size))
    throw std::logic_error("payload too large for one frame");
  if (isOpen()) {
    port_->write(reinterpret_cast<const char*>(tx_.data()), static_cast<qint64>(tx_.size()));
    port_->flush();
  }
  return seq;
}

void BoardSession::writeRaw(const std::uint8_t* data, std::size_t size) {
  if (!isOpen()) throw std::runtime_error("not connected to " + portName_.toStdString());
  port_->write(reinterpret_cast<const char*>(data), static_cast<qint64>(size));
  port_->flush();
}

Reply BoardSession::request(MsgType type, const std::vector<std::uint8_t>& payload, int timeoutMs) {
  if (timeoutMs < 0) timeoutMs = options_.replyTimeoutMs;
  receiver_.awaitReply();
  const std::uint16_t seq = send(type, payload.data(), payload.size());
  const bool got = waitUntil([&] { return receiver_.replyTo(seq) != nullptr; }, timeoutMs);
  if (!got) {
    Reply r;
    r.error = protocol::ErrorCode::Timeout;
    r.text = "no reply from the board within " + std::to_string(timeoutMs) + " ms";
    return r;
  }
  return *receiver_.replyTo(seq);
}

void BoardSession::startStream(std::uint32_t count, std::uint8_t flags) {
  protocol::StartStream s;
  s.count = count;
  s.flags = flags;
  std::vector<std::uint8_t> p(protocol::kStartStreamSize);
  protocol::encode(s, p.data(), p.size());
  streamCount_ = count;
  streamFlags_ = flags;
  streamFrames_ = 0;
  streaming_ = true;
  const Reply r = request(MsgType::StartStream, p);
  if (!r.ok) {
    streaming_ = false;
    throw std::runtime_error("board refused to stream: " + r.text);
  }
}

void BoardSession::stopStream() {
  streaming_ = false;
  if (isOpen()) request(MsgType::StopStream, {});
}

bool BoardSession::waitUntil(const std::function<bool()>& cond, int timeoutMs) {
  QDeadlineTimer deadline(timeoutMs);
  std::optional<QDeadlineTimer> reconnectDeadline;  // running while the line is down
  while (!cond()) {
    if (deadline.hasExpired()) return false;
    if (!isOpen()) {
      if (!options_.autoReconnect || portName_.isEmpty())
        throw std::runtime_error("lost connection to " + portName_.toStdString());
      if (!reconnectDeadline) reconnectDeadline.emplace(options_.reconnectTimeoutMs);
      if (reconnectDeadline->hasExpired())
        throw std::runtime_error("lost connection to " + portName_.toStdString() + " and could not reopen it within " +
                                 std::to_string(options_.reconnectTimeoutMs) + " ms (" + reopenError_.toStdString() + ")");
      if (!reopen()) {
        port_.reset();
        QThread::msleep(200);  // the device node is not back yet
        continue;
      }
      // Back: handshake, then resume an unfinished stream where it stopped.
      receiver_.reconnected();
      lost_ = false;
      const bool wasStreaming = streaming_;
      const std::uint32_t left = streamCount_ == 0 ? 0 : streamCount_ - std::min(streamCount_, streamFrames_);
      handshake();
      emit connectionChanged(true);
      if (wasStreaming && (streamCount_ == 0 || left > 0)) {
        const std::uint32_t done = streamFrames_;
        startStream(left, streamFlags_);
        streamCount_ = left == 0 ? 0 : done + left;
        streamFrames_ = done;
      }
      reconnectDeadline.reset();
      continue;
    }
    port_->waitForReadyRead(static_cast<int>(std::clamp<qint64>(deadline.remainingTime(), 1, 50)));
  }
  return true;
}

void BoardSession::onReadyRead() {
  if (!port_) return;
  const QByteArray data = port_->readAll();
  feed(reinterpret_cast<const std::uint8_t*>(data.constData()), static_cast<std::size_t>(data.size()));
}

void BoardSession::onError(QSerialPort::SerialPortError error) {
  if (error == QSerialPort::ReadError && port_ && !lineHungUp(*port_)) {
    port_->clearError();
    return;
  }
  if (error == QSerialPort::ResourceError || error == QSerialPort::ReadError || error == QSerialPort::WriteError)
    lineDropped();
}

void BoardSession::lineDropped() {
  if (lost_) return;
  lost_ = true;
  if (port_) {
    port_->disconnect(this);
    port_->close();
  }
  emit connectionChanged(false);
}

void BoardSession::feed(const std::uint8_t* data, std::size_t size) {
  receiver_.feed(data, size, now());
  emit statsChanged();
}

void BoardSession::onFrame(const CapturedFrame& frame) {
  ++streamFrames_;
  if (streamCount_ != 0 && streamFrames_ >= streamCount_) streaming_ = false;
  emit frameReceived(frame);
}

DeployResult BoardSession::deploy(const std::vector<std::uint8_t>& blob, const std::string& modelId,
                                  const Progress& progress) {
  DeployResult result;
  result.bytes = blob.size();
  result.crc = protocol::crc32(blob.data(), blob.size());
  if (blob.size() >= 4) result.modelHash = protocol::crc32(blob.data(), blob.size() - 4);
  if (streaming_) stopStream();
  const std::uint32_t previous = device_.modelCrc;
  if (blob.empty() || blob.size() > device_.modelCapacity) {
    result.message = "model is " + std::to_string(blob.size()) + " bytes; the board's model slot holds " +
                     std::to_string(device_.modelCapacity);
    result.activeHash = previous;
    return result;
  }

  auto fail = [&](const std::string& why) {
    result.message = why + "; the board keeps its previous model";
    if (isOpen()) request(MsgType::ModelAbort, {});
    try {
      result.activeHash = handshake().modelCrc;
    } catch (const std::exception& e) {
      result.message += std::string(" (could not verify: ") + e.what() + ")";
      result.activeHash = previous;
    }
    return result;
  };

  protocol::ModelBegin begin;
  begin.size = static_cast<std::uint32_t>(blob.size());
  begin.crc = result.crc;
  std::snprintf(begin.modelId, sizeof begin.modelId, "%s", modelId.c_str());
  std::vector<std::uint8_t> p(protocol::kModelBeginSize);
  protocol::encode(begin, p.data(), p.size());
  Reply r = request(MsgType::ModelBegin, p);
  if (!r.ok) return fail("upload refused: " + r.text);

  // The chunk size comes from the board's max payload, validated at the handshake (at least 60
  // model bytes per chunk), so the loop runs a known number of times; a deadline bounds it too.
  const std::size_t chunk = modelChunkBytes(static_cast<std::size_t>(device_.maxPayload));
  const std::size_t chunks = (blob.size() + chunk - 1) / chunk;
  const qint64 budgetMs = options_.deployTimeoutMs > 0 ? options_.deployTimeoutMs
                                                       : 10000 + 2 * static_cast<qint64>(blob.size());
  const QDeadlineTimer deadline(budgetMs);
  for (std::size_t i = 0; i < chunks; ++i) {
    const std::size_t off = i * chunk;
    try {
      progress(static_cast<std::int64_t>(off), static_cast<std::int64_t>(blob.size()), "upload");
    } catch (const Cancelled&) {
      fail("cancelled");
      throw;
    }
    if (deadline.hasExpired())
      return fail("upload not finished within " + std::to_string(budgetMs) + " ms (" + std::to_string(off) + " of " +
                  std::to_string(blob.size()) + " bytes sent)");
    const std::size_t n = std::min(chunk, blob.size() - off);
    protocol::ModelChunk c;
    c.offset = static_cast<std::uint32_t>(off);
    p.assign(protocol::kModelChunkFixedSize, 0);
    protocol::encodeFixed(c, p.data(), p.size());
    p.insert(p.end(), blob.begin() + static_cast<std::ptrdiff_t>(off), blob.begin() + static_cast<std::ptrdiff_t>(off + n));
    // The virtual board takes input at only a few KB/s (QEMU's UART model accepts one byte per
    // main-loop turn), so the wait grows with the chunk: 2 ms per byte on top of the usual.
    const qint64 wait = std::min<qint64>(options_.replyTimeoutMs + 2 * static_cast<qint64>(p.size()),
                                         std::max<qint64>(1, deadline.remainingTime()));
    r = request(MsgType::ModelChunk, p, static_cast<int>(wait));
    if (!r.ok) return fail("chunk at offset " + std::to_string(off) + " failed: " + r.text);
    // The Ack carries the bytes staged so far: anything else means the board lost or invented some.
    if (r.value != off + n)
      return fail("the board acknowledged the chunk at offset " + std::to_string(off) + " with " +
                  std::to_string(r.value) + " bytes staged, expected " + std::to_string(off + n));
    ++result.chunks;
  }
  progress(static_cast<std::int64_t>(blob.size()), static_cast<std::int64_t>(blob.size()), "verify");

  protocol::ModelCommit commit;
  commit.crc = result.crc;
  p.assign(protocol::kModelCommitSize, 0);
  protocol::encode(commit, p.data(), p.size());
  r = request(MsgType::ModelCommit, p);
  if (!r.ok) return fail("commit failed: " + r.text);
  // From here the board runs the new model, and does so after any reset (it is in flash).
  result.commitAcknowledged = true;
  progress(static_cast<std::int64_t>(blob.size()), static_cast<std::int64_t>(blob.size()), "committed");

  const DeviceDescription& d = handshake();
  result.activeHash = d.modelCrc;
  result.committed = d.modelCrc == result.modelHash && d.modelSize == blob.size();
  if (!result.committed) result.message = "the board acknowledged the commit but does not report the new model";
  return result;
}

}  // namespace loupe::serial_link
