#include "app/cli/command_dispatch.h"

#include <algorithm>
#include <numeric>

namespace loupe::app::cli {
namespace {

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Dispatch dispatchFor(const std::vector<std::string>& args, const std::vector<std::string>& verbs,
                     bool (*exists)(const std::string&)) {
  if (args.empty()) return Dispatch::Gui;
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "--version") return Dispatch::Cli;
  if (std::find(verbs.begin(), verbs.end(), first) != verbs.end()) return Dispatch::Cli;
  // Options go to the GUI (Qt's own -platform, --labeler NAME); the GUI parser reports bad ones.
  if (first.starts_with("-")) return Dispatch::Gui;
  // A project to open: an existing file, or a path that says it is one (the GUI reports a
  // missing .loupe file in its own window).
  if (endsWith(first, ".loupe") || first.find('/') != std::string::npos || exists(first)) return Dispatch::Gui;
  return Dispatch::UnknownCommand;
}

std::string nearestVerb(std::string_view word, const std::vector<std::string>& verbs) {
  std::string best;
  std::size_t bestDistance = 0;
  for (const auto& verb : verbs) {
    const std::size_t d = editDistance(word, verb);
    if (best.empty() || d < bestDistance) {
      best = verb;
      bestDistance = d;
    }
  }
  // Suggest only what a typo could explain: about a third of the word may differ.
  const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  return bestDistance <= allowed ? best : std::string();
}

std::string unknownCommandMessage(std::string_view word, const std::vector<std::string>& verbs) {
  std::string message = "loupe: unknown command '" + std::string(word) + "'";
  const std::string near = nearestVerb(word, verbs);
  if (!near.empty()) message += " (did you mean '" + near + "'?)";
  return message + "; run 'loupe --help' for the list of commands";
}

}  // namespace loupe::app::cli
