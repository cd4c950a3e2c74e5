#pragma once
// The "Shadow mode" dock: how often the current labeler's answers agree with the model's
// proposals, per class (storage::shadowAgreement), with the trend over buckets of proposals as a
// sparkline, so a team sees when a class could be left to the model.

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableWidget;
class QTimer;

namespace loupe::widgets {

class ShadowMode;
class Workspace;

class ShadowPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kBucket = 10;  // answered proposals per trend point
  enum Column { Class, Proposals, Answered, Agreed, Rate, Missed, Trend, ColumnCount };

  ShadowPanel(Workspace* workspace, ShadowMode* shadow, QWidget* parent = nullptr);
  // Re-reads the agreement now (it is also re-read after every edit, debounced).
  void refresh();
  QTableWidget* table() const { return table_; }

 protected:
  void showEvent(QShowEvent* e) override;

 private:
  void schedule();

  Workspace* ws_;
  ShadowMode* shadow_;
  QCheckBox* toggle_;
  QLabel* summary_;
  QTableWidget* table_;
  QTimer* refresh_;
};

}  // namespace loupe::widgets
