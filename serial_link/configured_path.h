#pragma once
// Paths the build knows (the virtual board ELF, the sketch, the firmware sources), overridable
// at run time by an environment variable so an installed or relocated loupe still finds them.

#include <QString>

namespace loupe::serial_link {

inline QString configuredPath(const char* environmentVariable, const char* builtIn) {
  const QString env = qEnvironmentVariable(environmentVariable);
  return env.isEmpty() ? QString::fromUtf8(builtIn) : env;
}

}  // namespace loupe::serial_link
