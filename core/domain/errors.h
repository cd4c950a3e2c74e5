#pragma once
// Errors a user can act on: each names the file and, where known, the line and field.

#include <stdexcept>
#include <string>

namespace loupe {

struct InputLocation {
  std::string file;
  int line = 0;       // 1-based; 0 when the format has no lines (binary, whole-file JSON)
  std::string field;  // e.g. "annotations[3].bbox", "column w", "<bndbox>/xmin"
};

// Bad user input (a malformed file, an unknown class id, a box outside its image...).
// what() is one line: "<file>:<line>: <field>: <message>" with absent parts left out.
class InputError : public std::runtime_error {
 public:
  InputError(InputLocation where, const std::string& message);
  const InputLocation& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  InputLocation where_;
  std::string message_;
};

// The operation was cancelled by the user through a CancelToken.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace loupe
