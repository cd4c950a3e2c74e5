// libFuzzer target: arbitrary bytes as a .tflite file through the importer (the flatbuffers
// verifier, Loupe's checks of every index, shape, size and quantisation parameter) and, when it
// accepts them, through the runtime blob writer, the board's validating loader and one inference.
// Properties beyond "no crash, no out-of-bounds" (ASan): the importer either returns a model or
// throws loupe::InputError with one line; an accepted model the runtime also accepts runs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/domain/errors.h"
#include "core/quant/blob_io.h"
#include "core/tflite/tflite_reader.h"
#include "firmware/runtime/interpreter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  loupe::tflite::ImportedTflite imported;
  try {
    imported = loupe::tflite::readTflite(data, size, "fuzz.tflite");
  } catch (const loupe::InputError& e) {
    if (std::string(e.what()).find('\n') != std::string::npos) std::abort();
    return 0;
  }
  std::vector<std::uint8_t> blob;
  try {
    blob = loupe::quant::writeBlob(imported.model);
  } catch (const std::exception&) {
    return 0;  // import-model reports it as "the runtime cannot run this model"
  }
  loupe::runtime::Model model;
  if (model.load(blob.data(), blob.size()) != loupe::runtime::Status::Ok) return 0;
  const std::size_t arena = loupe::runtime::requiredArenaBytes(model);
  if (arena > (std::size_t(64) << 20) || model.inputShape().size() > (1 << 24) || model.outputShape().size() > (1 << 24))
    return 0;
  std::vector<std::uint32_t> storage(arena / 4 + 1);
  loupe::runtime::Interpreter interp(model, reinterpret_cast<std::uint8_t*>(storage.data()), storage.size() * 4);
  if (interp.status() != loupe::runtime::Status::Ok) return 0;
  std::vector<std::int8_t> in(model.inputShape().size(), 0), out(model.outputShape().size());
  interp.invoke(in.data(), out.data());
  return 0;
}
