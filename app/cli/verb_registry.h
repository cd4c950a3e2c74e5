#pragma once
// Each CLI verb lives in its own file under app/cli/verbs/ and registers itself here, so adding a
// verb never touches a shared list. The executable compiles the verb files directly (not through a
// static library), so the registration objects are always linked in.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace loupe::app::cli {

// Adds the verb's subcommand to `app` and returns the function that runs it (exit code).
using VerbSetup = std::function<std::function<int()>(CLI::App& app)>;

struct VerbRegistration {
  VerbRegistration(std::string name, VerbSetup setup);
};

struct RegisteredVerb {
  std::string name;
  VerbSetup setup;
};
std::vector<RegisteredVerb>& registeredVerbs();

// Runs the CLI on argv; returns the process exit code. Errors are one line on stderr.
int runCli(int argc, char** argv);

}  // namespace loupe::app::cli
