// The training panel drives a real training run on a worker thread: the curve fills in epoch by
// epoch, the model lands in the project, and Cancel stops a long run without storing anything.
#include <QtTest>

#include <QPushButton>
#include <QSignalSpy>

#include "storage/project.h"
#include "tests/support/bars_project.h"
#include "widgets/training/curve_view.h"
#include "widgets/training/training_panel.h"

using namespace loupe;

class TestTrainingPanel : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void trainsAndShowsTheCurve() {
    const auto f = test::makeBarsProject(std::filesystem::path(dir_.path().toStdString()) / "a");
    widgets::TrainingPanel panel;
    panel.setProject(QString::fromStdString(f.path.string()));
    panel.setEpochs(3);
    panel.setThreads(2);
    QSignalSpy finished(&panel, &widgets::TrainingPanel::finished);
    panel.start();
    QVERIFY(panel.isRunning());
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.at(0).at(0).toString(), QString("board28-cnn-1"));
    QTRY_COMPARE(panel.findChild<loupe::widgets::CurveView*>("trainingCurves")->curve().size(), std::size_t(3));
    QVERIFY(panel.statusText().startsWith("board28-cnn-1: test accuracy"));
    QCOMPARE(storage::Project::open(f.path).models().all().size(), std::size_t(1));
    panel.findChild<loupe::widgets::CurveView*>("trainingCurves")->resize(300, 200);
    QImage image(300, 200, QImage::Format_ARGB32);
    image.fill(Qt::white);
    panel.findChild<loupe::widgets::CurveView*>("trainingCurves")->render(&image);
    // Something besides the white background and grey frame was drawn (the two series).
    int coloured = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) {
        const QColor c = image.pixelColor(x, y);
        coloured += std::abs(c.red() - c.blue()) > 60;
      }
    QVERIFY(coloured > 50);
  }
  void saysBeforeTrainingWhetherTheModelFitsTheBoard() {
    // Training with defaults and then deploying failed on size: the panel says it up front, and
    // the default architecture fits the board's 128 KB model slot, and so does fmnist-cnn now.
    const auto f = test::makeBarsProject(std::filesystem::path(dir_.path().toStdString()) / "fit");
    widgets::TrainingPanel panel;
    panel.setProject(QString::fromStdString(f.path.string()));
    QCOMPARE(panel.boardFitText(), QString("board28-cnn: fits the board: 32 KB of 128 KB"));
    panel.selectArchitecture("fmnist-cnn");
    QCOMPARE(panel.boardFitText(), QString("fmnist-cnn: fits the board: 57 KB of 128 KB"));
    panel.selectArchitecture("");
    QVERIFY(panel.boardFitText().startsWith("board28-cnn: fits the board"));
  }
  void cancelStoresNothing() {
    const auto f = test::makeBarsProject(std::filesystem::path(dir_.path().toStdString()) / "b");
    widgets::TrainingPanel panel;
    panel.setProject(QString::fromStdString(f.path.string()));
    panel.setEpochs(1000);
    QSignalSpy failed(&panel, &widgets::TrainingPanel::failed);
    panel.start();
    QTRY_VERIFY_WITH_TIMEOUT(panel.statusText().startsWith("epoch"), 60000);
    panel.cancel();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(0).toString(), QString("Cancelled; nothing was stored."));
    QVERIFY(storage::Project::open(f.path).models().all().empty());
  }
};

QTEST_MAIN(TestTrainingPanel)
#include "test_training_panel.moc"
