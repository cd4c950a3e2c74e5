#include "widgets/main_window/shortcut_sheet.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace loupe::widgets {

namespace {
// Keys the canvas handles itself (they depend on the selection, so they are not QActions).
const QList<QPair<QString, QString>>& canvasKeys() {
  static const QList<QPair<QString, QString>> keys = {
      {"Drag on empty image", "Draw a box (stays in draw mode)"},
      {"Ctrl+Drag", "Draw a box, also inside another box"},
      {"Click", "Select the smallest box under the cursor; click again for the next one"},
      {"Ctrl+Click", "Add or remove a box from the selection"},
      {"Drag a box / handle", "Move / resize"},
      {"Tab / Shift+Tab", "Cycle through the boxes under the cursor"},
      {"1 … 9", "Class of the selection, or of the next box (classification: image label)"},
      {"Arrow keys", "Nudge the selection by 1 px (with no selection: next / previous item)"},
      {"Shift+Arrow keys", "Nudge the selection by 10 px"},
      {"Delete / Backspace", "Delete the selected boxes"},
      {"Escape", "Cancel the current drag, or clear the selection"},
      {"Wheel", "Zoom around the cursor"},
      {"Space+Drag / Middle drag", "Pan"},
      {"Delete (in the Boxes panel)", "Delete the boxes selected in the list"},
  };
  return keys;
}
}  // namespace

ShortcutSheet::ShortcutSheet(const QList<QAction*>& actions, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Keyboard shortcuts"));
  for (QAction* a : actions) {
    if (a->shortcuts().isEmpty()) continue;
    QStringList keys;
    for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
    rows_.append({keys.join(" / "), a->text().remove('&')});
  }
  rows_.append(canvasKeys());

  auto* table = new QTableWidget(static_cast<int>(rows_.size()), 2, this);
  table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(QAbstractItemView::NoSelection);
  table->setAlternatingRowColors(true);
  for (int r = 0; r < rows_.size(); ++r) {
    auto* key = new QTableWidgetItem(rows_[r].first);
    QFont f = key->font();
    f.setBold(true);
    key->setFont(f);
    table->setItem(r, 0, key);
    table->setItem(r, 1, new QTableWidgetItem(rows_[r].second));
  }
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table);
  layout->addWidget(buttons);
  resize(640, 620);
}

}  // namespace loupe::widgets
