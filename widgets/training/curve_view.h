#pragma once
// Loss and accuracy per epoch as two small line charts (train solid, val dashed), painted
// directly: a handful of points does not need a charting library.

#include <QWidget>

#include <vector>

#include "core/nn/trainer.h"

namespace loupe::widgets {

class CurveView : public QWidget {
  Q_OBJECT
 public:
  explicit CurveView(QWidget* parent = nullptr);
  void setCurve(std::vector<nn::EpochMetrics> curve);
  void addEpoch(const nn::EpochMetrics& m);
  const std::vector<nn::EpochMetrics>& curve() const { return curve_; }
  QSize sizeHint() const override { return {360, 200}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<nn::EpochMetrics> curve_;
};

}  // namespace loupe::widgets
