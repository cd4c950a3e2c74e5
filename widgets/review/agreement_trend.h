#pragma once
// Agreement over time: the stored agreement snapshots of one scope as a line chart (QPainter;
// QtCharts is not available), so a team sees whether clearer instructions raised agreement.

#include <QWidget>

#include <optional>
#include <string>
#include <vector>

#include "storage/records.h"

namespace loupe::widgets {

struct TrendPoint {
  QString time;
  std::optional<double> krippendorffAlpha, fleissKappa, percentAgreement;
};

// Reads the coefficients back from each snapshot's JSON (null and malformed JSON give gaps).
std::vector<TrendPoint> trendFromSnapshots(const std::vector<storage::AgreementSnapshot>& snapshots);

class AgreementTrend : public QWidget {
  Q_OBJECT
 public:
  explicit AgreementTrend(QWidget* parent = nullptr);
  void setPoints(std::vector<TrendPoint> points);
  const std::vector<TrendPoint>& points() const { return points_; }
  QSize sizeHint() const override { return {480, 160}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  std::vector<TrendPoint> points_;
};

}  // namespace loupe::widgets
