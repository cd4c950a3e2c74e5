// Stand-in for the Arduino mbed core's Arduino.h: only what the Loupe sketch calls, declared with
// the core's signatures, so CI can compile the sketch for Cortex-M4F without the Arduino core.
// Nothing here is linked or run.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>

unsigned long micros();

class UsbSerialStandIn {
 public:
  void begin(unsigned long baud);
  int available();
  int read();
  std::size_t write(const std::uint8_t* buffer, std::size_t size);
};
extern UsbSerialStandIn Serial;

void setup();
void loop();
