#include "widgets/review/agreement_trend.h"

#include <QPainter>
#include <QPainterPath>

#include <nlohmann/json.hpp>

#include "widgets/review/labeler_colors.h"

namespace loupe::widgets {

std::vector<TrendPoint> trendFromSnapshots(const std::vector<storage::AgreementSnapshot>& snapshots) {
  std::vector<TrendPoint> out;
  for (const auto& s : snapshots) {
    TrendPoint p;
    p.time = QString::fromStdString(s.time);
    const auto j = nlohmann::json::parse(s.metricsJson, nullptr, false);
    auto get = [&](const char* key) -> std::optional<double> {
      if (j.is_object() && j.contains(key) && j[key].is_number()) return j[key].get<double>();
      return std::nullopt;
    };
    p.krippendorffAlpha = get("krippendorff_alpha");
    p.fleissKappa = get("fleiss_kappa");
    p.percentAgreement = get("percent_agreement");
    out.push_back(p);
  }
  return out;
}

AgreementTrend::AgreementTrend(QWidget* parent) : QWidget(parent) { setMinimumHeight(100); }

void AgreementTrend::setPoints(std::vector<TrendPoint> points) {
  points_ = std::move(points);
  update();
}

void AgreementTrend::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  const QRectF plot = QRectF(rect()).adjusted(36, 20, -10, -20);
  // Coefficients live in [-1, 1] but are almost always in [0, 1]; the axis shows [0, 1] and
  // clamps below, which keeps the useful range readable.
  p.setPen(palette().color(QPalette::Mid));
  for (double y : {0.0, 0.5, 1.0}) {
    const double py = plot.bottom() - y * plot.height();
    p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
    p.drawText(QRectF(0, py - 8, 32, 16), Qt::AlignRight | Qt::AlignVCenter, QString::number(y, 'f', 1));
  }
  if (points_.empty()) {
    p.drawText(plot, Qt::AlignCenter, tr("No agreement snapshots yet"));
    return;
  }
  struct Series {
    const char* name;
    std::optional<double> TrendPoint::*field;
  };
  const Series series[] = {{"Krippendorff's alpha", &TrendPoint::krippendorffAlpha},
                           {"Fleiss' kappa", &TrendPoint::fleissKappa},
                           {"percent agreement", &TrendPoint::percentAgreement}};
  const double step = points_.size() > 1 ? plot.width() / double(points_.size() - 1) : 0;
  double legendX = plot.left();
  for (int s = 0; s < 3; ++s) {
    const QColor color = labelerColor(s + 4);
    p.setPen(QPen(color, 2));
    QPainterPath path;
    bool open = false;
    for (std::size_t i = 0; i < points_.size(); ++i) {
      const auto v = points_[i].*series[s].field;
      if (!v) {
        open = false;
        continue;
      }
      const QPointF pt(points_.size() > 1 ? plot.left() + step * double(i) : plot.center().x(),
                       plot.bottom() - std::clamp(*v, 0.0, 1.0) * plot.height());
      if (open) path.lineTo(pt);
      else path.moveTo(pt);
      open = true;
      p.drawEllipse(pt, 2.5, 2.5);
    }
    p.drawPath(path);
    p.drawText(QPointF(legendX, 14), QString::fromUtf8(series[s].name));
    legendX += p.fontMetrics().horizontalAdvance(QString::fromUtf8(series[s].name)) + 16;
  }
  p.setPen(palette().color(QPalette::Text));
  p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), 16), Qt::AlignLeft, points_.front().time);
  if (points_.size() > 1)
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), 16), Qt::AlignRight, points_.back().time);
}

}  // namespace loupe::widgets
