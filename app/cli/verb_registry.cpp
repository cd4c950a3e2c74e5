#include "app/cli/verb_registry.h"

#include <algorithm>
#include <exception>
#include <iostream>
#include <memory>

#include "core/domain/errors.h"

namespace loupe::app::cli {

std::vector<RegisteredVerb>& registeredVerbs() {
  static std::vector<RegisteredVerb> verbs;
  return verbs;
}

VerbRegistration::VerbRegistration(std::string name, VerbSetup setup) {
  registeredVerbs().push_back({std::move(name), std::move(setup)});
}

int runCli(int argc, char** argv) {
  CLI::App app{"loupe — data-centric ML for tiny devices. Run without a verb to open the GUI."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(LOUPE_VERSION));

  auto verbs = registeredVerbs();
  std::sort(verbs.begin(), verbs.end(),
            [](const RegisteredVerb& a, const RegisteredVerb& b) { return a.name < b.name; });
  std::vector<std::pair<CLI::App*, std::function<int()>>> runners;
  for (const auto& verb : verbs) {
    const std::size_t before = app.get_subcommands({}).size();
    auto run = verb.setup(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) runners.emplace_back(subs.back(), std::move(run));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "loupe: " << e.what() << "\n";
    return 2;
  }

  try {
    for (auto& [sub, run] : runners)
      if (sub->parsed()) return run();
  } catch (const loupe::Cancelled&) {
    std::cerr << "loupe: cancelled\n";
    return 130;
  } catch (const std::exception& e) {
    std::cerr << "loupe: " << e.what() << "\n";
    return 1;
  }
  return 2;
}

}  // namespace loupe::app::cli
