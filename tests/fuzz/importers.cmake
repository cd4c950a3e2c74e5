# The importer fuzzers (tests/fuzz/importers) are a clang project of their own, built here through
# ExternalProject so one `cmake --build` builds them beside the GCC build. Each gets a short
# bounded smoke run in the suite; tests/bench/fuzz/run.sh runs every fuzzer for 10 minutes.
include(ExternalProject)
set(_importer_fuzz_dir ${CMAKE_CURRENT_BINARY_DIR}/importers)
set(LOUPE_IMPORTER_FUZZERS coco csv yolo voc idx image label_studio cvat)
ExternalProject_Add(loupe_fuzz_importers
  SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/importers
  BINARY_DIR ${_importer_fuzz_dir}
  CMAKE_ARGS -DCMAKE_CXX_COMPILER=${LOUPE_CLANGXX} -DLOUPE_SOURCE_DIR=${PROJECT_SOURCE_DIR}
             -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  USES_TERMINAL_BUILD ON)

foreach(_f ${LOUPE_IMPORTER_FUZZERS})
  # libFuzzer writes what it finds into its first corpus folder: a scratch one, never the seeds.
  # A malloc limit well below the RSS limit makes any single allocation of more than 512 MB a
  # finding: hostile headers must be refused before they allocate.
  add_test(NAME fuzz_import_${_f}_smoke
    COMMAND sh -c "rm -rf \"$1\" && mkdir -p \"$1\" && \"$2\" -max_total_time=15 -seed=1 -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=10 -artifact_prefix=\"$1\"/ \"$1\" \"$3\""
            fuzz ${_importer_fuzz_dir}/corpus_${_f} ${_importer_fuzz_dir}/fuzz_${_f}
            ${PROJECT_SOURCE_DIR}/tests/data/fuzz/${_f})
  set_tests_properties(fuzz_import_${_f}_smoke PROPERTIES LABELS "fuzz" TIMEOUT 180
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0")
endforeach()
