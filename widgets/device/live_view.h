#pragma once
// The board's camera, live: the latest frame scaled up by nearest neighbour (pixels stay
// pixels, as the model sees them) with an overlay of frame rate, prediction and latency, and a
// detector's boxes (frame pixels) with their class and score.

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

#include "core/domain/captured_frame.h"

namespace loupe::widgets {

class LiveView : public QWidget {
  Q_OBJECT
 public:
  explicit LiveView(QWidget* parent = nullptr);

  void setFrame(const QImage& frame);
  void clear();
  // Lines drawn over the top-left corner of the frame.
  void setOverlay(const QStringList& lines);
  void setDetections(std::vector<FrameDetection> boxes);
  const std::vector<FrameDetection>& detections() const { return boxes_; }
  const QImage& frame() const { return frame_; }
  QStringList overlay() const { return overlay_; }

  QSize sizeHint() const override { return {320, 320}; }

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;

 private:
  QImage frame_;
  QStringList overlay_;
  std::vector<FrameDetection> boxes_;
};

}  // namespace loupe::widgets
