#pragma once
// Shared plumbing of the `loupe device ...` subcommands: a Qt application object for the serial
// port's notifiers, "--port virtual" (a virtual board started for the command), model lookup.

#include <QCoreApplication>
#include <QString>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "serial_link/board_session.h"
#include "serial_link/qemu_board.h"

namespace loupe::app::cli::device {

// QSerialPort needs a QCoreApplication; the CLI runs without one otherwise.
void ensureQtApp();

// A connected session; when port is "virtual" it owns a virtual board started for this command.
struct Connection {
  std::unique_ptr<serial_link::QemuBoard> virtualBoard;
  std::unique_ptr<serial_link::BoardSession> session;
};
Connection connect(const std::string& port);

// The int8 blob of the newest model called `name` in the project at `path`
// (storage::deployableModel, shared with the GUI device panel).
std::vector<std::uint8_t> loadModelBlob(const std::string& path, const std::string& name);

// The options of the subcommands that stream a number of frames (stream, infer).
struct StreamArgs {
  std::string port;
  std::uint32_t frames = 100;
  double timeout = 60;
  bool json = false;
};
void addStreamArgs(CLI::App& sub, StreamArgs& args);
// Starts a stream of args.frames frames on fresh statistics and pumps the port until count()
// reaches args.frames; throws "<what> N of M frames within T s" on timeout.
void streamFrames(serial_link::BoardSession& session, const StreamArgs& args, const std::function<std::uint64_t()>& count,
                  const std::string& what);

std::string hex32(std::uint32_t v);

using Subcommand = std::function<std::function<int()>(CLI::App& device)>;
std::function<int()> addList(CLI::App& device);
std::function<int()> addVirtual(CLI::App& device);
std::function<int()> addStream(CLI::App& device);
std::function<int()> addDeploy(CLI::App& device);
std::function<int()> addInfer(CLI::App& device);
std::function<int()> addFlash(CLI::App& device);

}  // namespace loupe::app::cli::device
