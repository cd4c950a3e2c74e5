#pragma once
// Outcome of loading a model blob or running it. The runtime has no exceptions: every entry point
// that can fail returns one of these, and nothing is touched after a failure.

namespace loupe::runtime {

enum class Status {
  Ok = 0,
  Truncated,           // blob shorter than its header or than the length it declares
  BadMagic,            // not a Loupe runtime blob
  UnsupportedVersion,  // written by a newer format version
  BadCrc,              // CRC-32 of the blob does not match its trailer
  BadLayer,            // a layer record is malformed (unknown op, bad parameters, bad sizes)
  ShapeMismatch,       // a layer's stored shape disagrees with the shape inferred from its input
  TooManyLayers,       // more than kMaxLayers layers
  NotLoaded,           // the model has not been loaded successfully
  ArenaTooSmall,       // the arena given to the interpreter is smaller than requiredArenaBytes()
  Misaligned,          // the arena is not 4-byte aligned
};

// A short constant English name ("bad CRC"), for logs and error messages.
const char* statusName(Status s);

}  // namespace loupe::runtime
