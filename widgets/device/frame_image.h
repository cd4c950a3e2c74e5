#pragma once
// A camera frame from the board as a QImage for display (gray or RGB565, deep copy).

#include <QImage>

#include "serial_link/frame_assembler.h"

namespace loupe::widgets {

QImage frameImage(const CapturedFrame& frame);

}  // namespace loupe::widgets
