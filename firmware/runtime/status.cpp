#include "firmware/runtime/status.h"

namespace loupe::runtime {

const char* statusName(Status s) {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::Truncated: return "truncated blob";
    case Status::BadMagic: return "bad magic (not a Loupe model blob)";
    case Status::UnsupportedVersion: return "unsupported blob version";
    case Status::BadCrc: return "bad CRC-32";
    case Status::BadLayer: return "malformed layer record";
    case Status::ShapeMismatch: return "layer shape mismatch";
    case Status::TooManyLayers: return "too many layers";
    case Status::NotLoaded: return "model not loaded";
    case Status::ArenaTooSmall: return "arena too small";
    case Status::Misaligned: return "arena not 4-byte aligned";
  }
  return "unknown status";
}

}  // namespace loupe::runtime
