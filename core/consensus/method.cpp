#include "core/consensus/method.h"

#include "core/consensus/dawid_skene.h"
#include "core/consensus/majority_vote.h"

namespace loupe::consensus {

std::string_view toString(Method method) { return method == Method::DawidSkene ? "dawid-skene" : "majority"; }

std::optional<Method> methodFromString(std::string_view name) {
  for (Method m : {Method::DawidSkene, Method::Majority})
    if (name == toString(m)) return m;
  return std::nullopt;
}

ConsensusResult estimate(Method method, const ConsensusInput& input) {
  return method == Method::DawidSkene ? dawidSkene(input) : majorityVote(input);
}

}  // namespace loupe::consensus
