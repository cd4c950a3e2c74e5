#include "widgets/shadow/shadow_panel.h"

#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTimer>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <cmath>
#include <exception>

#include "storage/project.h"
#include "storage/shadow/shadow_mode.h"
#include "widgets/session/workspace.h"
#include "widgets/shadow/shadow_mode.h"
#include "widgets/shadow/suggestion_layer.h"

namespace loupe::widgets {

namespace {
constexpr int kTrendRole = Qt::UserRole + 1;

// The trend column: the rates (0..1) as a line, a dot on the last one, gaps for empty buckets.
class SparklineDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    QStyledItemDelegate::paint(painter, option, index);
    const QVariantList values = index.data(kTrendRole).toList();
    if (values.isEmpty()) return;
    const QRectF r = QRectF(option.rect).adjusted(6, 3, -6, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(option.palette.color(QPalette::Mid), 1, Qt::DotLine));
    for (double level : {0.0, 0.5, 1.0}) {  // 0 %, 50 %, 100 % guides
      const double y = r.bottom() - r.height() * level;
      painter->drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
    }
    const int n = static_cast<int>(values.size());
    auto at = [&](int i) {
      const double x = n == 1 ? r.center().x() : r.left() + r.width() * i / (n - 1);
      return QPointF(x, r.bottom() - r.height() * values[i].toDouble());
    };
    painter->setPen(QPen(SuggestionLayer::modelColor(), 1.6));
    for (int i = 1; i < n; ++i) painter->drawLine(at(i - 1), at(i));
    painter->setBrush(SuggestionLayer::modelColor());
    painter->drawEllipse(at(n - 1), 2.5, 2.5);
    painter->restore();
  }
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(180, 34));
  }
};

QTableWidgetItem* number(std::size_t v) {
  auto* item = new QTableWidgetItem(QString::number(v));
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

QString percent(double r) { return std::isnan(r) ? QStringLiteral("–") : QStringLiteral("%1%").arg(100.0 * r, 0, 'f', 1); }
}  // namespace

ShadowPanel::ShadowPanel(Workspace* workspace, ShadowMode* shadow, QWidget* parent)
    : QWidget(parent), ws_(workspace), shadow_(shadow) {
  toggle_ = new QCheckBox(tr("Shadow mode (Y accepts)"), this);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  table_ = new QTableWidget(0, ColumnCount, this);
  table_->setObjectName("shadowAgreement");
  table_->setHorizontalHeaderLabels(
      {tr("Class"), tr("Proposals"), tr("Answered"), tr("Agreed"), tr("Agreement"), tr("Missed"), tr("Trend (per %1)").arg(kBucket)});
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->setItemDelegateForColumn(Trend, new SparklineDelegate(table_));
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setToolTip(tr("Agreed: the labeler's answer is the proposed class (image labels), or a box of that class at "
                        "IoU ≥ 0.5, one to one. Items not answered yet are not counted. Missed: the labeler's boxes "
                        "no proposal matched."));
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 20);  // room for the sparkline
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);
  layout->setSpacing(4);
  auto* top = new QHBoxLayout;
  top->addWidget(toggle_);
  top->addWidget(summary_, 1);
  layout->addLayout(top);
  layout->addWidget(table_, 1);

  toggle_->setChecked(shadow_->enabled());
  connect(toggle_, &QCheckBox::toggled, shadow_, &ShadowMode::setEnabled);
  connect(shadow_->toggleAction(), &QAction::toggled, toggle_, [this](bool on) {
    const QSignalBlocker block(toggle_);
    toggle_->setChecked(on);
    schedule();
  });
  refresh_ = new QTimer(this);
  refresh_->setSingleShot(true);
  refresh_->setInterval(300);
  connect(refresh_, &QTimer::timeout, this, [this] {
    if (isVisible()) refresh();  // a hidden panel re-reads when it is shown
  });
  connect(shadow_, &ShadowMode::proposalsRecorded, this, &ShadowPanel::schedule);
  connect(ws_, &Workspace::projectChanged, this, &ShadowPanel::schedule);
  connect(ws_, &Workspace::labelerChanged, this, &ShadowPanel::schedule);
  connect(ws_, &Workspace::changedOutside, this, &ShadowPanel::schedule);
  connect(ws_, &Workspace::annotationChanged, this, &ShadowPanel::schedule);
  connect(ws_, &Workspace::annotationRemoved, this, &ShadowPanel::schedule);
  connect(ws_, &Workspace::projectAboutToChange, this, [this] {
    refresh_->stop();
    table_->setRowCount(0);
  });
  refresh();
}

void ShadowPanel::showEvent(QShowEvent* e) {
  QWidget::showEvent(e);
  schedule();
}

void ShadowPanel::schedule() { refresh_->start(); }

void ShadowPanel::refresh() {
  table_->setRowCount(0);
  if (!ws_->hasProject() || !ws_->labeler().id) {
    summary_->setText(tr("Open a project to see how often the labeler agrees with the model."));
    return;
  }
  if (ws_->project().models().all().empty()) {
    summary_->setText(tr("No model yet: train one in the Training panel, then the model suggests labels here."));
    return;
  }
  storage::ShadowAgreement r;
  try {
    const auto& project = ws_->project();
    r = storage::shadowAgreement(project, ws_->labeler().id, storage::shadowModelName(project), kBucket);
  } catch (const std::exception& e) {
    summary_->setText(QString::fromStdString(e.what()));
    return;
  }
  summary_->setText(tr("Model %1 proposed on %n item(s) to %2; %3 not answered yet. Overall agreement %4.", "",
                       static_cast<int>(r.items))
                        .arg(QString::fromStdString(r.model), QString::fromStdString(ws_->labeler().name))
                        .arg(r.pendingItems)
                        .arg(percent(r.total.rate)));
  table_->setRowCount(static_cast<int>(r.classes.size()));
  for (int row = 0; row < table_->rowCount(); ++row) {
    const auto& c = r.classes[static_cast<std::size_t>(row)];
    table_->setItem(row, Class, new QTableWidgetItem(QString::fromStdString(c.className)));
    table_->setItem(row, Proposals, number(c.proposals));
    table_->setItem(row, Answered, number(c.answered));
    table_->setItem(row, Agreed, number(c.agreed));
    auto* rate = new QTableWidgetItem(percent(c.rate));
    rate->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    rate->setData(Qt::UserRole, std::isnan(c.rate) ? QVariant() : QVariant(c.rate));
    table_->setItem(row, Rate, rate);
    table_->setItem(row, Missed, number(c.missed));
    auto* trend = new QTableWidgetItem;
    QVariantList values;
    for (double t : c.trend) values << t;
    trend->setData(kTrendRole, values);
    QStringList text;
    for (double t : c.trend) text << percent(t);
    trend->setToolTip(text.join(QStringLiteral(" → ")));
    table_->setItem(row, Trend, trend);
  }
  table_->resizeColumnsToContents();
}

}  // namespace loupe::widgets
