#pragma once
// A detector's result from the board in frame pixels: the grid covers the whole frame (the board
// stretches the frame to the model input), so cell k of n spans [k/n, (k+1)/n) of the frame side.
// Scores are dequantized (real = (q - zero point) * scale). Shown on the live view and stored
// with captures as the deployed model's boxes.

#include <string>
#include <vector>

#include "core/domain/captured_frame.h"
#include "serial_link/board_receiver.h"

namespace loupe::serial_link {

// classNames[k] names object class k; a class beyond the list is named "class k".
std::vector<FrameDetection> frameDetections(const BoardDetections& result, int frameWidth, int frameHeight,
                                            const std::vector<std::string>& classNames);

}  // namespace loupe::serial_link
