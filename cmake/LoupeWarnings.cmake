# Warnings are errors on our own code; third-party headers come in as SYSTEM includes.
function(loupe_strict_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wpedantic
    -Wno-error=deprecated-declarations
    # Designated initializers leave defaulted members out on purpose.
    -Wno-missing-field-initializers
    # GCC 12 at -O3 flags std::string concatenation falsely (GCC bug 105651).
    -Wno-restrict)
endfunction()

# Collect the sources of a folder (recursively) so helpers can add files without editing CMake.
function(loupe_glob_sources out dir)
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS
    ${dir}/*.cpp ${dir}/*.h ${dir}/*.hpp)
  set(${out} ${_srcs} PARENT_SCOPE)
endfunction()

# One library per top-level folder. Include paths are rooted at the source tree so includes
# read "core/domain/types.h" everywhere. A folder with no .cpp yet becomes an INTERFACE target.
function(loupe_library name dir)
  cmake_parse_arguments(L "" "" "LIBS;EXCLUDE" ${ARGN})
  loupe_glob_sources(_srcs ${dir})
  foreach(_ex ${L_EXCLUDE})
    list(FILTER _srcs EXCLUDE REGEX "${_ex}")
  endforeach()
  set(_impl ${_srcs})
  list(FILTER _impl INCLUDE REGEX "\\.cpp$")
  if(_impl)
    add_library(${name} STATIC ${_srcs})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${L_LIBS})
    loupe_strict_warnings(${name})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${L_LIBS})
  endif()
endfunction()

# Adds every immediate subfolder of the current folder that has a CMakeLists.txt, except those
# named in EXCLUDE, so a new test area or benchmark needs no edit of its parent.
function(loupe_add_subdirectories)
  cmake_parse_arguments(S "" "" "EXCLUDE" ${ARGN})
  file(GLOB _dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
  foreach(_d ${_dirs})
    get_filename_component(_n ${_d} NAME)
    if(IS_DIRECTORY ${_d} AND EXISTS ${_d}/CMakeLists.txt AND NOT _n IN_LIST S_EXCLUDE)
      add_subdirectory(${_n})
    endif()
  endforeach()
endfunction()
