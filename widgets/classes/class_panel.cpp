#include "widgets/classes/class_panel.h"

#include "widgets/classes/hotkeys.h"

#include <QColorDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <cmath>

namespace loupe::widgets {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;

QIcon swatch(const QString& color) {
  QPixmap pm(14, 14);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  p.setBrush(QColor(color));
  p.setPen(QColor(0, 0, 0, 80));
  p.drawRoundedRect(QRectF(0.5, 0.5, 13, 13), 3, 3);
  return QIcon(pm);
}

QToolButton* toolButton(const QString& text, const QString& tip, QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setText(text);
  b->setToolTip(tip);
  b->setAutoRaise(true);
  return b;
}
}  // namespace

QString defaultClassColor(int n) {
  const double hue = std::fmod(0.08 + n * 0.618033988749895, 1.0);
  return QColor::fromHsvF(static_cast<float>(hue), 0.70f, 0.95f).name();
}

ClassPanel::ClassPanel(QWidget* parent) : QWidget(parent) {
  list_ = new QListWidget(this);
  list_->setFocusPolicy(Qt::ClickFocus);
  list_->setToolTip(tr("Active class for the next box. Double-click to rename."));
  auto* add = toolButton(tr("+"), tr("Add a class"), this);
  auto* rename = toolButton(tr("Rename"), tr("Rename the class"), this);
  auto* recolor = toolButton(tr("Color"), tr("Change the colour"), this);
  auto* up = toolButton(tr("▲"), tr("Move up"), this);
  auto* down = toolButton(tr("▼"), tr("Move down"), this);
  auto* hotkey = toolButton(tr("Key"), tr("Assign a hotkey 1–9"), this);
  auto* buttons = new QHBoxLayout;
  buttons->setSpacing(2);
  for (auto* b : {add, rename, recolor, hotkey}) buttons->addWidget(b);
  buttons->addStretch();
  buttons->addWidget(up);
  buttons->addWidget(down);

  imageLabel_ = new QLabel(this);
  imageLabel_->setObjectName("imageLabel");
  others_ = new QLabel(this);
  others_->setObjectName("otherImageLabels");
  others_->setWordWrap(true);
  others_->hide();
  setLabel_ = new QPushButton(tr("Set image label"), this);
  setLabel_->setToolTip(tr("Label the whole image with the selected class"));
  clearLabel_ = new QPushButton(tr("Clear"), this);
  auto* labelRow = new QHBoxLayout;
  labelRow->addWidget(setLabel_, 1);
  labelRow->addWidget(clearLabel_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->setSpacing(4);
  layout->addWidget(list_, 1);
  layout->addLayout(buttons);
  layout->addWidget(imageLabel_);
  layout->addWidget(others_);
  layout->addLayout(labelRow);

  connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (!item) return;
    const Id id = item->data(kIdRole).toLongLong();
    if (id == active_) return;
    active_ = id;
    emit activeClassChosen(id);
  });
  connect(list_, &QListWidget::itemDoubleClicked, this, [this] { askRename(); });
  connect(add, &QToolButton::clicked, this, &ClassPanel::askAdd);
  connect(rename, &QToolButton::clicked, this, &ClassPanel::askRename);
  connect(recolor, &QToolButton::clicked, this, &ClassPanel::askRecolor);
  connect(hotkey, &QToolButton::clicked, this, &ClassPanel::askHotkey);
  connect(up, &QToolButton::clicked, this, [this] { move(-1); });
  connect(down, &QToolButton::clicked, this, [this] { move(1); });
  connect(setLabel_, &QPushButton::clicked, this, [this] {
    if (const Id id = selectedClass()) emit imageLabelChosen(id);
  });
  connect(clearLabel_, &QPushButton::clicked, this, [this] { emit imageLabelChosen(0); });
  setImageLabel(0);
}

void ClassPanel::setClasses(const std::vector<ClassDef>& classes) {
  classes_ = classes;
  std::stable_sort(classes_.begin(), classes_.end(), [](const ClassDef& a, const ClassDef& b) { return a.order < b.order; });
  QSignalBlocker block(list_);
  list_->clear();
  std::map<Id, int> keyOf;
  for (const auto& [digit, id] : digitKeys(classes_)) keyOf[id] = digit;
  for (const auto& c : classes_) {
    const auto k = keyOf.find(c.id);
    const QString key = k == keyOf.end() ? QStringLiteral("     ") : QStringLiteral("[%1]").arg(k->second);
    auto* item = new QListWidgetItem(swatch(QString::fromStdString(c.color)),
                                     QStringLiteral("%1  %2").arg(key, QString::fromStdString(c.name)), list_);
    item->setData(kIdRole, QVariant::fromValue<qlonglong>(c.id));
    if (c.id == active_) list_->setCurrentItem(item);
  }
  setImageLabel(imageLabelClass_);
}

void ClassPanel::setActiveClass(Id classId) {
  active_ = classId;
  QSignalBlocker block(list_);
  for (int i = 0; i < list_->count(); ++i)
    if (list_->item(i)->data(kIdRole).toLongLong() == classId) list_->setCurrentRow(i);
}

void ClassPanel::setImageLabel(Id classId) {
  imageLabelClass_ = classId;
  QString name;
  for (const auto& c : classes_)
    if (c.id == classId) name = QString::fromStdString(c.name);
  imageLabel_->setText(name.isEmpty() ? tr("Image label: <i>none</i>") : tr("Image label: <b>%1</b>").arg(name.toHtmlEscaped()));
  clearLabel_->setEnabled(!name.isEmpty());
}

void ClassPanel::setOtherImageLabels(const QStringList& labels) {
  others_->setText(tr("Others: %1").arg(labels.join(QStringLiteral(" · ")).toHtmlEscaped()));
  others_->setVisible(!labels.isEmpty());
}

Id ClassPanel::selectedClass() const {
  auto* item = list_->currentItem();
  return item ? item->data(kIdRole).toLongLong() : 0;
}

void ClassPanel::askAdd() {
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Add class"), tr("Name:"), QLineEdit::Normal, {}, &ok).trimmed();
  if (ok && !name.isEmpty()) emit addRequested(name, defaultClassColor(static_cast<int>(classes_.size())));
}

void ClassPanel::askRename() {
  const Id id = selectedClass();
  if (!id) return;
  const auto it = std::find_if(classes_.begin(), classes_.end(), [&](const ClassDef& c) { return c.id == id; });
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Rename class"), tr("Name:"), QLineEdit::Normal,
                                             QString::fromStdString(it->name), &ok).trimmed();
  if (ok && !name.isEmpty() && name.toStdString() != it->name) emit renameRequested(id, name);
}

void ClassPanel::askRecolor() {
  const Id id = selectedClass();
  if (!id) return;
  const auto it = std::find_if(classes_.begin(), classes_.end(), [&](const ClassDef& c) { return c.id == id; });
  const QColor c = QColorDialog::getColor(QColor(QString::fromStdString(it->color)), this, tr("Class colour"));
  if (c.isValid()) emit recolorRequested(id, c.name());
}

void ClassPanel::askHotkey() {
  const Id id = selectedClass();
  if (!id) return;
  QStringList keys{tr("none")};
  for (int k = 1; k <= 9; ++k) keys << QString::number(k);
  bool ok = false;
  const QString key = QInputDialog::getItem(this, tr("Hotkey"), tr("Key:"), keys, 0, false, &ok);
  if (ok) emit hotkeyRequested(id, key == keys.front() ? QString() : key);
}

void ClassPanel::move(int delta) {
  const Id id = selectedClass();
  const int row = list_->currentRow();
  const int target = row + delta;
  if (!id || target < 0 || target >= list_->count()) return;
  emit moveRequested(id, target);
}

}  // namespace loupe::widgets
