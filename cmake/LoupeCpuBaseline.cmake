# The x86-64 instruction set Loupe is built for. Training spends most of its time in Eigen's GEMM
# kernels, and with AVX2 + FMA (x86-64-v3: Intel since Haswell, 2013; AMD since Excavator, 2015)
# they run about twice as fast as with the SSE2 of plain x86-64. One level for the whole build,
# not a per-file runtime dispatch: two translation units instantiating the same Eigen templates
# with different instruction sets break the one-definition rule, and one level also keeps
# training bit-for-bit deterministic across machines. A CPU below the level gets a clear message
# at start (app/cpu_check.cpp) instead of an illegal-instruction crash. Packagers for older
# machines set LOUPE_X86_LEVEL=x86-64.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(LOUPE_X86_LEVEL "x86-64-v3" CACHE STRING "x86-64 micro-architecture level to build for (x86-64, x86-64-v2, x86-64-v3, x86-64-v4)")
  set_property(CACHE LOUPE_X86_LEVEL PROPERTY STRINGS x86-64 x86-64-v2 x86-64-v3 x86-64-v4)
  add_compile_options(-march=${LOUPE_X86_LEVEL})
endif()
