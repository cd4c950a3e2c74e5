// `loupe` with a known verb runs the CLI; `loupe` alone or `loupe P.loupe` opens the GUI; any
// other first word is a mistyped or missing verb and is refused before Qt starts.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/command_dispatch.h"
#include "app/cli/verb_registry.h"
#include "app/gui_main.h"

namespace {
bool isExistingFile(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> verbs;
  for (const auto& verb : loupe::app::cli::registeredVerbs()) verbs.push_back(verb.name);
  const std::vector<std::string> args(argv + 1, argv + argc);
  switch (loupe::app::cli::dispatchFor(args, verbs, isExistingFile)) {
    case loupe::app::cli::Dispatch::Cli: return loupe::app::cli::runCli(argc, argv);
    case loupe::app::cli::Dispatch::Gui: return loupe::app::runGui(argc, argv);
    case loupe::app::cli::Dispatch::UnknownCommand:
      std::cerr << loupe::app::cli::unknownCommandMessage(args.front(), verbs) << "\n";
      return 2;
  }
  return 2;
}
