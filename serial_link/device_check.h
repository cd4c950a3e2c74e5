#pragma once
// Plausibility of what a board says about itself, against the documented ranges
// (firmware/protocol/limits.h, docs/protocol.md "Ranges"). The host sizes buffers and loops from
// these numbers, so a board outside them is refused rather than trusted.

#include <cstddef>
#include <string>

#include "firmware/protocol/messages.h"

namespace loupe::serial_link {

// Empty when every field is in range; otherwise the first offending field, its value and the
// range, e.g. "max payload 4 (accepted: 64..4096)". The protocol version is checked first: a board
// speaking another version may lay the other fields out differently.
std::string deviceInfoProblem(const protocol::DeviceInfo& info);

// Same for a prediction: empty, or e.g. "zero point 300 (accepted: -128..127)".
std::string inferenceProblem(const protocol::InferenceResult& result);

// Same for a detector's result: a grid of at least one cell, each box inside it (first cell before
// last), each centroid inside its box's cells, and the score scale and zero point as above.
std::string detectionsProblem(const protocol::DetectionsMsg& result);

// Model bytes per ModelChunk for a board accepting payloads of maxPayload bytes (in range).
std::size_t modelChunkBytes(std::size_t maxPayload);

}  // namespace loupe::serial_link
