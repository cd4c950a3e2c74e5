// Loupe board sketch for the Arduino Nano 33 BLE Sense with the TinyML kit camera (OV7675).
// Everything protocol- and model-related is the shared board core (firmware/board), staged into
// src/ by `loupe device flash`; this file only binds it to the hardware: USB CDC Serial, micros(),
// the camera (QCIF gray, centre 96x96 crop at offsets 40,24), the model flash and the free-RAM
// probe.
#include <Arduino_OV767X.h>
#include <mbed.h>

#include "flash_iap_port.h"
#include "src/firmware/board/board_core.h"
#include "src/model_data.h"  // replaced in the staged copy by `loupe device flash`

namespace {

constexpr int kQcifW = 176, kQcifH = 144;
constexpr int kCrop = 96, kCropX = 40, kCropY = 24;
uint8_t g_qcif[kQcifW * kQcifH];  // one QCIF gray frame: 25,344 bytes, static

class NanoPort final : public loupe::board::BoardPort {
 public:
  std::size_t read(std::uint8_t* out, std::size_t capacity) override {
    std::size_t n = 0;
    while (n < capacity && Serial.available() > 0) out[n++] = static_cast<std::uint8_t>(Serial.read());
    return n;
  }
  void write(const std::uint8_t* data, std::size_t size) override { Serial.write(data, size); }
  std::uint64_t micros() override {
    // Extend the 32-bit micros() (wraps after 71 minutes) to 64 bits.
    const std::uint32_t now = ::micros();
    if (now < last_) high_ += 1ull << 32;
    last_ = now;
    return high_ | now;
  }
  bool capture(std::uint8_t* out, std::size_t capacity, loupe::inference::FrameInfo& info) override {
    if (!cameraOk_ || capacity < static_cast<std::size_t>(kCrop * kCrop)) return false;
    Camera.readFrame(g_qcif);
    for (int y = 0; y < kCrop; ++y) memcpy(out + y * kCrop, g_qcif + (y + kCropY) * kQcifW + kCropX, kCrop);
    info = {kCrop, kCrop, loupe::protocol::PixelFormat::Gray8};
    return true;
  }
  std::uint32_t freeRam() override {
    const mbed_stats_heap_t h = heapStats();
    return static_cast<std::uint32_t>(h.reserved_size - h.current_size);
  }
  void begin() { cameraOk_ = Camera.begin(QCIF, GRAYSCALE, 5); }

 private:
  static mbed_stats_heap_t heapStats() {
    mbed_stats_heap_t h;
    mbed_stats_heap_get(&h);
    return h;
  }
  bool cameraOk_ = false;
  std::uint32_t last_ = 0;
  std::uint64_t high_ = 0;
};

char g_deviceId[24];
NanoPort g_port;
FlashIapPort g_flash;
loupe::board::BoardIdentity g_identity{"Arduino Nano 33 BLE Sense", LOUPE_SKETCH_VERSION, "OV7675", g_deviceId,
                                    {kCrop, kCrop, loupe::protocol::PixelFormat::Gray8}};
loupe::board::BoardCore* g_core = nullptr;

}  // namespace

void setup() {
  Serial.begin(115200);  // USB CDC: the rate is ignored
  // The nRF52840's factory-programmed 64-bit device id names this board in captures.
  snprintf(g_deviceId, sizeof g_deviceId, "nano33-%08lx%08lx", static_cast<unsigned long>(NRF_FICR->DEVICEID[1]),
           static_cast<unsigned long>(NRF_FICR->DEVICEID[0]));
  g_port.begin();
  // Placement into static storage: the core (buffers included) is allocated once, never on the heap.
  alignas(loupe::board::BoardCore) static std::uint8_t storage[sizeof(loupe::board::BoardCore)];
  g_flash.begin();  // on failure the store refuses uploads; the compiled-in model still runs
  g_core = new (storage) loupe::board::BoardCore(g_port, g_flash, g_identity);
  if (kModelDataSize > 0) g_core->setInitialModel(kModelData, kModelDataSize, kModelDataId);
  g_core->start();  // the last model deployed over USB, kept in flash across power cycles
}

void loop() { g_core->poll(); }
