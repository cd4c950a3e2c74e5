// `loupe` with a known verb runs the CLI; `loupe` alone or `loupe P.loupe` opens the GUI.
#include <QApplication>
#include <cstring>
#include <string_view>

#include "app/cli/verb_registry.h"
#include "app/gui_main.h"

namespace {
bool isCliInvocation(int argc, char** argv) {
  if (argc < 2) return false;
  const std::string_view first = argv[1];
  if (first == "--help" || first == "-h" || first == "--version") return true;
  for (const auto& verb : loupe::cli::registeredVerbs())
    if (verb.name == first) return true;
  return false;
}
}  // namespace

int main(int argc, char** argv) {
  if (isCliInvocation(argc, argv)) return loupe::cli::runCli(argc, argv);
  return loupe::runGui(argc, argv);
}
