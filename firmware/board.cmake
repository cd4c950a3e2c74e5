# Cross-compiled firmware: the virtual board (QEMU mps2-an386) as an external project with its
# own toolchain, so the host build produces virtual_board.elf next to the host targets. Skipped
# with a message when the arm-none-eabi toolchain is missing.
find_program(LOUPE_ARM_GXX arm-none-eabi-g++)
find_package(Python3 COMPONENTS Interpreter)
if(LOUPE_ARM_GXX AND Python3_Interpreter_FOUND)
  include(ExternalProject)
  set(LOUPE_VIRTUAL_BOARD_DIR ${CMAKE_BINARY_DIR}/firmware/virtual_board)
  set(LOUPE_VIRTUAL_BOARD_ELF ${LOUPE_VIRTUAL_BOARD_DIR}/virtual_board.elf CACHE INTERNAL "")
  ExternalProject_Add(loupe_virtual_board
    SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/virtual_board
    BINARY_DIR ${LOUPE_VIRTUAL_BOARD_DIR}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${CMAKE_CURRENT_SOURCE_DIR}/virtual_board/arm-none-eabi.cmake
      -DCMAKE_BUILD_TYPE=MinSizeRel
      -DLOUPE_ROOT=${PROJECT_SOURCE_DIR}
      -DLOUPE_FIRMWARE_VERSION=${PROJECT_VERSION}
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    BUILD_BYPRODUCTS ${LOUPE_VIRTUAL_BOARD_ELF})
else()
  message(STATUS "arm-none-eabi-g++ not found: the virtual board firmware is not built")
endif()
