#pragma once
// Putting the Loupe sketch on a Nano 33 BLE Sense, the way the Arduino tools do it:
//  - arduino-cli on PATH: `arduino-cli compile --upload -p <port> --fqbn <fqbn> --build-property
//    compiler.cpp.extra_flags=-I<staged>/src <staged sketch dir>` on a staged copy of the sketch
//    with the shared firmware sources and the model header (see stageSketch);
//  - otherwise Arduino's bossac fork from the Arduino data folder
//    (~/.arduino15/packages/arduino/tools/bossac/<version>/bossac; upstream bossac has no nRF52
//    support) with a prebuilt sketch binary: a 1200-baud touch resets the board into its
//    bootloader, we wait for the bootloader port, then `bossac -d --port=<name> -U -i -e -w
//    <bin> -R`.
// Progress comes from the percentages the tools print.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

#include "core/domain/progress.h"

namespace loupe::serial_link {

struct FlashOptions {
  std::vector<std::uint8_t> model;                // optional: the model the sketch starts with
  QString modelId;
  QString port;                                   // e.g. /dev/ttyACM0
  QString fqbn = QStringLiteral("arduino:mbed_nano:nano33ble");
  QString sketchDir;                              // for arduino-cli; default: sketchDirectory()
  QString binary;                                 // for bossac: the compiled sketch (.bin)
  int bootloaderWaitMs = 10000;                   // how long the bootloader port may take
};

struct FlashResult {
  QString tool;          // "arduino-cli" or "bossac"
  QString program;       // full path of the tool run
  QStringList arguments;
  QString uploadPort;    // the port the tool was given
  int exitCode = 0;
  QString output;        // combined stdout + stderr of the tool
};

// The Arduino sketch folder: $LOUPE_SKETCH_DIR, else the one in the source tree built from.
QString sketchDirectory();
QString findArduinoCli();
// Highest installed version of Arduino's bossac fork; empty when none.
QString findBossac();

// A build folder for arduino-cli: a copy of the sketch, the portable firmware sources under
// src/firmware/ and src/model_data.h holding `model` (empty: no start-up model). Returns the
// staged sketch folder (its name matches the .ino, as Arduino requires).
QString stageSketch(const QString& sketchDir, const QString& firmwareDir, const std::vector<std::uint8_t>& model,
                    const QString& modelId, const QString& intoDir);
// The firmware sources: $LOUPE_FIRMWARE_DIR, else those of the tree built from.
QString firmwareDirectory();

// Opens the port at 1200 baud and closes it: the Arduino convention for "reset into bootloader".
void touch1200(const QString& port);

// Throws std::runtime_error with a message naming what to install when no tool is found, and
// when the tool fails (its last output line included).
FlashResult flashBoard(const FlashOptions& options, const Progress& progress = {});

}  // namespace loupe::serial_link
