#pragma once
// The panels bound to the open project — review, error analysis, likely errors, training, device —
// docked into the main window. Review, analysis and likely errors are bound to the workspace's open Project, so they are
// destroyed before the workspace lets go of it and rebuilt for the next one; their edits run
// through the workspace like every other edit. A click in the review queue
// opens the item on the canvas; the Analysis dock's items open as an evaluation walk. Training
// only needs the file
// path; the device panel reaches the project through the workspace, so its connection to a
// board survives opening another project. Shadow mode (widgets/shadow) and its panel read the
// workspace's project when they need it, so they too live across projects.

#include <QObject>

class QDockWidget;
class QWidget;

namespace loupe::widgets {
class ReviewPanel;
}

namespace loupe::widgets {

class AnalysisDock;
class DevicePanel;
class EvaluationWalk;
class LikelyErrorsPanel;
class MainWindow;
class ShadowMode;
class ShadowPanel;
class TrainingPanel;

class ProjectDocks : public QObject {
  Q_OBJECT
 public:
  explicit ProjectDocks(MainWindow* window);

  QDockWidget* reviewDock() const { return reviewDock_; }
  QDockWidget* analysisDock() const { return analysisDock_; }
  QDockWidget* trainingDock() const { return trainingDock_; }
  QDockWidget* deviceDock() const { return deviceDock_; }
  QDockWidget* shadowDock() const { return shadowDock_; }
  QDockWidget* likelyErrorsDock() const { return likelyErrorsDock_; }
  // Shadow mode: the model's suggestions on the canvas, and the agreement panel.
  ShadowMode* shadowMode() const { return shadowMode_; }
  ShadowPanel* shadowPanel() const { return shadowPanel_; }
  // Null while no project is open.
  widgets::ReviewPanel* review() const { return review_; }
  AnalysisDock* analysis() const { return analysis_; }
  LikelyErrorsPanel* likelyErrors() const { return likelyErrors_; }
  TrainingPanel* training() const { return training_; }
  // What the canvas and item panel show while walking through the Analysis dock's items.
  EvaluationWalk* evaluationWalk() const { return walk_; }
  DevicePanel* device() const { return device_; }
  // The panel inside a dock: each sits in a scroll area, so the docks can start short (the
  // canvas keeps most of the window) and a panel taller than its dock scrolls instead of
  // squashing its rows.
  static QWidget* panelOf(const QDockWidget* dock);
  // Another process wrote to the project: re-read the cheap parts (labelers for analysis, the
  // board's class and model lists; the review queue only while it is on screen).
  void reloadFromFile();

 private:
  void release();
  void rebuild();
  QWidget* placeholder() const;
  static void setPanel(QDockWidget* dock, QWidget* panel);

  MainWindow* window_;
  QDockWidget* reviewDock_;
  QDockWidget* analysisDock_;
  QDockWidget* trainingDock_;
  QDockWidget* deviceDock_;
  QDockWidget* shadowDock_;
  QDockWidget* likelyErrorsDock_;
  ShadowMode* shadowMode_;
  ShadowPanel* shadowPanel_;
  widgets::ReviewPanel* review_ = nullptr;
  AnalysisDock* analysis_ = nullptr;
  LikelyErrorsPanel* likelyErrors_ = nullptr;
  TrainingPanel* training_;
  DevicePanel* device_;
  EvaluationWalk* walk_;
};

}  // namespace loupe::widgets
