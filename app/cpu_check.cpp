// Refuses to start on a CPU below the instruction-set level the build assumes
// (cmake/LoupeCpuBaseline.cmake), with a message, rather than dying of SIGILL somewhere in the
// first GEMM. This file alone is compiled for plain x86-64 (app/CMakeLists.txt), and the check
// runs as the executable's first constructor: the shared libraries it loads (Qt, OpenCV) start
// before it, but they are built for the generic level and dispatch at run time themselves.
#if defined(LOUPE_X86_LEVEL)
#include <cstdio>
#include <cstdlib>

namespace {

[[gnu::constructor(101)]] void refuseOlderCpu() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports(LOUPE_X86_LEVEL)) return;
  std::fprintf(stderr,
               "loupe: this build needs an %s CPU (AVX2 and FMA for x86-64-v3), and this CPU lacks it.\n"
               "Rebuild with -DLOUPE_X86_LEVEL=x86-64 to run on it (training is then about half as fast).\n",
               LOUPE_X86_LEVEL);
  std::_Exit(EXIT_FAILURE);
}

}  // namespace
#endif
