if(LOUPE_SANITIZE)
  # Applied globally so that every target and test links the same runtime.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  # -O1 -g1 after the build type's -O2 -g: the level the sanitizers' authors recommend, with line
  # tables for their stack traces. Codegen of CLI11's and nlohmann's inline templates dominates
  # this build, and -O2 -g doubles it (29 s against 15 s for one CLI verb file).
  add_compile_options(-O1 -g1)
endif()
