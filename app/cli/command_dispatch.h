#pragma once
// Decides what `loupe ARGS...` means before Qt sees the arguments: a verb runs the CLI, a project
// path opens the GUI, anything else is a mistyped verb and gets "unknown command" with the
// nearest verb, instead of the GUI trying (and, without a display, aborting) to open it.

#include <string>
#include <string_view>
#include <vector>

namespace loupe::app::cli {

enum class Dispatch { Cli, Gui, UnknownCommand };

// `verbs` are the registered verb names; `exists` says whether a path names an existing file.
Dispatch dispatchFor(const std::vector<std::string>& args, const std::vector<std::string>& verbs,
                     bool (*exists)(const std::string&));

// The verb closest to `word` by edit distance, or "" when none is close enough to suggest.
std::string nearestVerb(std::string_view word, const std::vector<std::string>& verbs);

// "loupe: unknown command 'nonsense' (did you mean 'new'?); run 'loupe --help' for the verbs"
std::string unknownCommandMessage(std::string_view word, const std::vector<std::string>& verbs);

}  // namespace loupe::app::cli
