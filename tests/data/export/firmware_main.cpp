// Compiled by tests/core/model_export/test_c_header.cpp against a generated model.h: loads the blob,
// reads int8 inputs (whitespace-separated) from stdin and prints each output line.
#include "model.h"
#include "firmware/runtime/interpreter.h"
#include <cstdio>
static uint8_t arena[LOUPE_MODEL_ARENA_BYTES + 4] __attribute__((aligned(4)));
int main() {
  loupe::runtime::Model model;
  loupe::runtime::Status s = model.load(kLoupeModelBlob, LOUPE_MODEL_BYTES);
  if (s != loupe::runtime::Status::Ok) { std::printf("load: %s\n", loupe::runtime::statusName(s)); return 1; }
  if (model.id() != LOUPE_MODEL_ID) return 2;
  loupe::runtime::Interpreter interp(model, arena, sizeof arena);
  int8_t in[LOUPE_MODEL_INPUT_HEIGHT * LOUPE_MODEL_INPUT_WIDTH * LOUPE_MODEL_INPUT_CHANNELS];
  int8_t out[LOUPE_MODEL_OUTPUT_SIZE];
  int v;
  for (;;) {
    for (unsigned i = 0; i < sizeof in; ++i) { if (std::scanf("%d", &v) != 1) return 0; in[i] = (int8_t)v; }
    if (interp.invoke(in, out) != loupe::runtime::Status::Ok) return 3;
    for (unsigned i = 0; i < sizeof out; ++i) std::printf("%d ", out[i]);
    std::printf("| %s\n", kLoupeModelClasses[0]);
  }
}
