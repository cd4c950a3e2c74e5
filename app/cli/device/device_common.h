#pragma once
// Shared plumbing of the `loupe device ...` subcommands: a Qt application object for the serial
// port's notifiers, "--port virtual" (a virtual board started for the command), model lookup.

#include <QCoreApplication>
#include <QString>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "serial_link/board_session.h"
#include "serial_link/virtual_board.h"

namespace loupe::cli::device {

// QSerialPort needs a QCoreApplication; the CLI runs without one otherwise.
void ensureQtApp();

// A connected session; when port is "virtual" it owns a virtual board started for this command.
struct Connection {
  std::unique_ptr<link::VirtualBoard> virtualBoard;
  std::unique_ptr<link::BoardSession> session;
};
Connection connect(const std::string& port);

// The int8 blob of the newest model called `name` in the project at `path`.
std::vector<std::uint8_t> loadModelBlob(const std::string& path, const std::string& name);

std::string hex32(std::uint32_t v);

using Subcommand = std::function<std::function<int()>(CLI::App& device)>;
std::function<int()> addList(CLI::App& device);
std::function<int()> addVirtual(CLI::App& device);
std::function<int()> addStream(CLI::App& device);
std::function<int()> addDeploy(CLI::App& device);
std::function<int()> addInfer(CLI::App& device);
std::function<int()> addFlash(CLI::App& device);

}  // namespace loupe::cli::device
