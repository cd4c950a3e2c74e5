#pragma once
// The board's protocol engine, identical on the Nano 33 BLE Sense and the virtual board: answers
// the handshake, streams camera frames (chunked) and inference results (a classifier's scores or a
// detector's boxes), and takes model uploads into the model store. All buffers are members of one statically allocated object: no heap.

#include <cstddef>
#include <cstdint>

#include "firmware/board/board_port.h"
#include "firmware/board/config.h"
#include "firmware/board/model_store.h"
#include "firmware/inference/infer.h"
#include "firmware/protocol/frame.h"

namespace loupe::board {

class BoardCore {
 public:
  // `flash` holds the model store (model_store.h); both must outlive the core.
  BoardCore(BoardPort& port, FlashPort& flash, const BoardIdentity& identity);

  // A model compiled into the firmware (a const array); ignored if the runtime rejects it, and
  // outranked by a model committed to flash.
  void setInitialModel(const std::uint8_t* blob, std::size_t size, const char* id);
  // At start-up, after setInitialModel: runs the last model committed to flash, if any.
  void start();
  // One main-loop iteration: drain received bytes, then send at most one frame when streaming.
  void poll();

  const ModelStore& models() const { return models_; }
  bool streaming() const { return streaming_; }
  std::uint32_t receiveErrors() const { return rxErrors_; }

 private:
  void handle(const protocol::FrameView& f);
  void handleStart(const protocol::FrameView& f);
  void handleModel(const protocol::FrameView& f);
  void send(protocol::MsgType type, const std::uint8_t* fixed, std::size_t fixedSize, const std::uint8_t* bulk = nullptr,
            std::size_t bulkSize = 0);
  void sendAck(const protocol::FrameView& of, std::uint32_t value);
  void sendError(protocol::ErrorCode code, std::uint8_t ofType, std::uint16_t ofSeq, const char* text);
  void sendDeviceInfo();
  void streamOne();
  void sendDetections(std::uint32_t frameId, const inference::FrameInfo& fi);
  void flushTx();
  // The active model's id (its CRC-32 trailer), reported as the model hash. Not the upload CRC:
  // the CRC-32 of a blob that ends in its own CRC is the same constant for every blob.
  std::uint32_t modelHash() const;
  static void sink(void* self, const std::uint8_t* data, std::size_t size);

  BoardPort& port_;
  BoardIdentity identity_;
  std::uint8_t rx_[kRxBufferBytes] = {};
  protocol::FrameDecoder decoder_;
  std::uint8_t tx_[256] = {};
  std::size_t txLen_ = 0;
  protocol::FrameWriter writer_;
  std::uint8_t frame_[kMaxFrameBytes] = {};
  ModelStore models_;
  inference::FrameInference inference_;
  std::uint16_t seq_ = 0;
  bool streaming_ = false;
  std::uint8_t streamFlags_ = 0;
  std::uint32_t remaining_ = 0;  // frames left; 0 with streaming_ = unlimited
  bool unlimited_ = false;
  std::uint32_t frameId_ = 0;
  std::uint32_t rxErrors_ = 0;
};

}  // namespace loupe::board
