#pragma once
// Shows one item with every labeler's boxes, each labeler in its own colour: overlaid on one
// image, or side by side (one copy of the image per labeler). Image labels appear as a caption.

#include <QImage>
#include <QWidget>

#include <vector>

#include "core/domain/types.h"

namespace loupe::widgets {

struct LabelerAnswer {
  QString labeler;
  QColor color;
  std::vector<std::pair<QString, Box>> boxes;  // class name, box
  QString imageLabel;                          // empty when none
  Qt::PenStyle style = Qt::SolidLine;          // dashed for a suggestion
};

class ReviewCanvas : public QWidget {
  Q_OBJECT
 public:
  enum class Layout { Overlay, SideBySide };

  explicit ReviewCanvas(QWidget* parent = nullptr);

  void setItem(QImage image, QSize itemSize, std::vector<LabelerAnswer> answers);
  void setLayout(Layout layout);
  Layout layoutMode() const { return layout_; }
  const std::vector<LabelerAnswer>& answers() const { return answers_; }
  QSize sizeHint() const override { return {480, 360}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  void paintPanel(QPainter& p, const QRectF& area, const std::vector<const LabelerAnswer*>& shown);

  QImage image_;
  QSize itemSize_;
  std::vector<LabelerAnswer> answers_;
  Layout layout_ = Layout::Overlay;
};

}  // namespace loupe::widgets
