#pragma once
// A model's suggestions over the canvas image: dashed boxes in the model colour with class and
// score, and a banner for a proposed image label. Paints only; the canvas edits nothing here.

#include <QColor>
#include <QGraphicsItem>
#include <QRectF>

#include <vector>

#include "storage/records.h"

namespace loupe::widgets {

class SuggestionLayer : public QGraphicsItem {
 public:
  static QColor modelColor();  // the colour of every suggestion

  SuggestionLayer();
  // `image` is the image's rectangle in scene coordinates (image pixels).
  void setSuggestions(const std::vector<storage::PrelabelProposal>& proposals, const QRectF& image);
  void clear();
  int count() const { return static_cast<int>(proposals_.size()); }

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  std::vector<storage::PrelabelProposal> proposals_;
  QRectF image_;
};

}  // namespace loupe::widgets
