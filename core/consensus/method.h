#pragma once
// The consensus methods by name, as the CLI and storage choose them.

#include <optional>
#include <string_view>

#include "core/consensus/consensus.h"

namespace loupe::consensus {

enum class Method { DawidSkene, Majority };

std::string_view toString(Method method);  // "dawid-skene", "majority"
std::optional<Method> methodFromString(std::string_view name);

// Runs `method` with its default options.
ConsensusResult estimate(Method method, const ConsensusInput& input);

}  // namespace loupe::consensus
