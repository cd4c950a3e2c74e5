#include "serial_link/board_detections.h"

namespace loupe::serial_link {

std::vector<FrameDetection> frameDetections(const BoardDetections& r, int frameWidth, int frameHeight,
                                            const std::vector<std::string>& classNames) {
  std::vector<FrameDetection> out;
  if (r.gridW < 1 || r.gridH < 1) return out;
  const double cellW = double(frameWidth) / r.gridW, cellH = double(frameHeight) / r.gridH;
  for (const protocol::DetectionRecord& d : r.detections) {
    FrameDetection f;
    f.label = d.cls < classNames.size() ? classNames[d.cls] : "class " + std::to_string(d.cls);
    f.score = double(d.score - r.zeroPoint) * double(r.scale);
    // The far edge from the cell index, not by adding widths, so the last cell ends exactly on the frame edge.
    const double x0 = d.col0 * cellW, y0 = d.row0 * cellH;
    const double x1 = d.col1 + 1 == r.gridW ? frameWidth : (d.col1 + 1) * cellW;
    const double y1 = d.row1 + 1 == r.gridH ? frameHeight : (d.row1 + 1) * cellH;
    f.box = {x0, y0, x1 - x0, y1 - y0};
    f.cx = d.cx256 / 256.0 * cellW;
    f.cy = d.cy256 / 256.0 * cellH;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace loupe::serial_link
