#pragma once
namespace loupe::app {
// Opens the main window; argv[1], when given, is the project to open.
int runGui(int argc, char** argv);
}  // namespace loupe::app
