// File > New Project…, Import…, Export… driven through the real dialogs on real project files:
// a new project is the file `loupe new` makes and opens in the window; COCO and YOLO imports land
// in the file and in the browser; a malformed file is refused with exactly the CLI's message
// (file, line, field) and leaves the project byte-for-byte unchanged; Cancel during the write
// stage rolls back; every export format writes what `loupe export` writes for the same project.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

#include "core/formats/registry.h"
#include "fixture.h"
#include "storage/project.h"
#include "tests/storage/file_bytes.h"
#include "tests/storage/read_only_path.h"
#include "tests/support/cli_run.h"
#include "tests/support/annotation_values.h"
#include "widgets/browser/item_list_model.h"
#include "widgets/main_window/labeler_dialog.h"
#include "widgets/main_window/main_window.h"
#include "widgets/session/workspace.h"
#include "widgets/transfer/export_dialog.h"
#include "widgets/transfer/file_actions.h"
#include "widgets/transfer/import_dialog.h"

using namespace loupe;
using namespace loupe::widgets;

Q_DECLARE_METATYPE(loupe::widgets::TransferOutcome)

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  f.write(bytes);
}

QByteArray png(int seed) {
  const auto bytes = test::pngBytes(test::samplePicture(seed));
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()));
}

// Every file under `root` (or `root` itself when it is a file) by relative path, with its bytes.
QMap<QString, QByteArray> tree(const QString& root) {
  QMap<QString, QByteArray> out;
  if (QFileInfo(root).isFile()) {
    QFile f(root);
    if (f.open(QIODevice::ReadOnly)) out.insert(".", f.readAll());
    return out;
  }
  QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString file = it.next();
    QFile f(file);
    if (f.open(QIODevice::ReadOnly)) out.insert(QDir(root).relativeFilePath(file), f.readAll());
  }
  return out;
}

// The project file and its WAL, as bytes (read by a child process: see file_bytes.h).
std::pair<std::vector<char>, std::vector<char>> projectBytes(const QString& path) {
  return {test::fileBytes(path.toStdString()), test::fileBytes(path.toStdString() + "-wal")};
}

}  // namespace

class FileMenuTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::unique_ptr<MainWindow> win_;

  FileActions* fileActions() { return win_->findChild<FileActions*>(); }
  storage::Project reopen(const QString& path) { return storage::Project::open(path.toStdString()); }

  // Triggers `action` and hands every modal dialog that appears meanwhile to `handle` (which
  // accepts or rejects it); the progress dialog is left alone.
  void withDialogs(QAction* action, const std::function<void(QWidget*)>& handle) {
    QTimer poll;
    QWidget* last = nullptr;
    connect(&poll, &QTimer::timeout, this, [&] {
      QWidget* w = QApplication::activeModalWidget();
      if (!w || w == last || qobject_cast<QProgressDialog*>(w)) return;
      last = w;
      handle(w);
    });
    poll.start(20);
    action->trigger();
    poll.stop();
  }

  // Runs File > Import… with the dialog filled in by `fill`, and waits for the outcome.
  TransferOutcome importThroughDialog(const std::function<void(ImportDialog*)>& fill) {
    QSignalSpy done(fileActions(), &FileActions::transferFinished);
    bool shown = false;
    withDialogs(win_->action("importData"), [&](QWidget* w) {
      auto* dialog = qobject_cast<ImportDialog*>(w);
      if (!dialog) return;
      shown = true;
      fill(dialog);
      dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    if (!shown || !done.wait(120000)) return {false, false, "no import ran", {}};
    return done.front().front().value<TransferOutcome>();
  }

  TransferOutcome exportThroughDialog(const QString& format, const QString& out, const QString& labeler) {
    QSignalSpy done(fileActions(), &FileActions::transferFinished);
    bool shown = false;
    withDialogs(win_->action("exportData"), [&](QWidget* w) {
      auto* dialog = qobject_cast<ExportDialog*>(w);
      if (!dialog) return;
      shown = true;
      dialog->setFormat(format);
      dialog->setDestination(out);
      dialog->setLabeler(labeler);
      dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    if (!shown || !done.wait(120000)) return {false, false, "no export ran", {}};
    return done.front().front().value<TransferOutcome>();
  }

  QString errorBoxText() {
    auto* box = win_->findChild<QMessageBox*>("transferError");
    if (!box) return {};
    const QString text = box->text();
    box->close();
    return text;
  }

  // An empty project (as `loupe new` makes it) open in the window as alice.
  QString openEmpty(const QString& name) {
    const QString path = dir_.filePath(name);
    const auto r = test::runLoupe({"new", path});
    if (r.exitCode != 0) qWarning() << r.err.c_str();
    if (!win_->openProject(path, "alice")) return {};
    return path;
  }

  // 2 images (200x150) beside a COCO file with 3 boxes of classes cat / dog.
  QString writeCoco(const QString& folder) {
    writeFile(folder + "/img/p.png", png(1));
    writeFile(folder + "/img/q.png", png(2));
    writeFile(folder + "/coco.json", R"({"images": [{"id": 1, "file_name": "img/p.png", "width": 200, "height": 150},
  {"id": 2, "file_name": "img/q.png", "width": 200, "height": 150}],
 "categories": [{"id": 7, "name": "cat"}, {"id": 9, "name": "dog"}],
 "annotations": [{"id": 1, "image_id": 1, "category_id": 7, "bbox": [10, 20, 30, 40]},
  {"id": 2, "image_id": 1, "category_id": 9, "bbox": [50, 60, 20, 10]},
  {"id": 3, "image_id": 2, "category_id": 9, "bbox": [0, 0, 200, 150]}]})");
    return folder + "/coco.json";
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<TransferOutcome>();
    QVERIFY(dir_.isValid());
    QVERIFY2(QFile::exists(qEnvironmentVariable("LOUPE_CLI")), "LOUPE_CLI must name the built loupe");
  }

  void init() {
    QSettings().clear();
    win_ = test::showMainWindow(QSize(1200, 800));
    QVERIFY(win_);
    QVERIFY(fileActions());
  }

  void cleanup() { win_.reset(); }

  void fileMenuListsTheActions() {
    QStringList names;
    for (QAction* a : win_->menuBar()->actions().front()->menu()->actions()) names << a->objectName();
    QVERIFY2(names.indexOf("newProject") == 0, qPrintable(names.join(',')));
    QVERIFY(names.contains("importData"));
    QVERIFY(names.contains("exportData"));
    // Nothing to import into or export from before a project is open.
    QVERIFY(!win_->action("importData")->isEnabled());
    QVERIFY(!win_->action("exportData")->isEnabled());
  }

  // Every format the CLI reads / writes is offered, with the verbs' per-format defaults.
  void dialogsOfferEveryCliFormat() {
    ImportDialog import({"alice", "bob"});
    auto* formats = import.findChild<QComboBox*>("format");
    QStringList offered;
    for (int i = 0; i < formats->count(); ++i) offered << formats->itemData(i).toString();
    QStringList cli;
    for (const std::string& f : readableFormats()) cli << QString::fromStdString(f);
    QCOMPARE(offered, cli);
    import.setFormat("idx");
    import.setPath("/data/fashion");
    storage::ImportRequest r = import.request();
    QCOMPARE(r.format, std::string("idx"));
    QVERIFY(r.labeler.empty());  // importFile then uses "reference", as `loupe import` does
    QVERIFY(r.kind == LabelerKind::Reference);
    QCOMPARE(import.findChild<QComboBox*>("labeler")->lineEdit()->placeholderText(), QString("reference"));
    import.setFormat("csv");
    import.setLabeler("bob");
    import.setFollowSymlinks(true);
    r = import.request();
    QVERIFY(r.kind == LabelerKind::Human);
    QCOMPARE(r.labeler, std::string("bob"));
    QVERIFY(r.followSymlinks);
    QVERIFY(r.cocoImages.empty());

    ExportDialog exporter({"alice", "bob"});
    formats = exporter.findChild<QComboBox*>("format");
    offered.clear();
    for (int i = 0; i < formats->count(); ++i) offered << formats->itemData(i).toString();
    cli.clear();
    for (const std::string& f : writableFormats()) cli << QString::fromStdString(f);
    QCOMPARE(offered, cli);
    exporter.setDestination("/tmp/x");
    QVERIFY(!exporter.request().labeler);
    exporter.setLabeler("bob");
    QCOMPARE(*exporter.request().labeler, std::string("bob"));
  }

  void newProjectCreatesAndOpensIt() {
    const QString path = dir_.filePath("fresh");  // the dialog adds .loupe
    bool askedFile = false, askedLabeler = false;
    withDialogs(win_->action("newProject"), [&](QWidget* w) {
      if (auto* files = qobject_cast<QFileDialog*>(w)) {
        askedFile = true;
        // Typed into the name field: selectFile() of an existing file waits for the folder listing.
        files->findChild<QLineEdit*>("fileNameEdit")->setText(path);
        static_cast<QDialog*>(files)->accept();  // QFileDialog::accept, through the public base
      } else if (auto* labeler = qobject_cast<LabelerDialog*>(w)) {
        askedLabeler = true;
        labeler->findChild<QLineEdit*>()->setText("dana");
        labeler->accept();
      }
    });
    QVERIFY(askedFile);
    QVERIFY(askedLabeler);
    QVERIFY(QFile::exists(path + ".loupe"));
    QVERIFY(win_->workspace()->hasProject());
    QCOMPARE(QString::fromStdString(win_->workspace()->project().path().string()), path + ".loupe");
    QCOMPARE(QString::fromStdString(win_->workspace()->labeler().name), QString("dana"));
    QCOMPARE(win_->itemModel()->rowCount(), 0);
    QVERIFY(win_->action("importData")->isEnabled());
    // The same file `loupe new` makes: same schema version, nothing in it but the labeler.
    const auto cli = test::runLoupe({"new", dir_.filePath("cli_fresh.loupe")});
    QCOMPARE(cli.exitCode, 0);
    const auto json = QJsonDocument::fromJson(QByteArray::fromStdString(cli.out)).object();
    const auto made = reopen(path + ".loupe");
    QCOMPARE(made.schemaVersion(), json["schema_version"].toInt());
    QCOMPARE(made.items().count({}), std::int64_t(0));
    QCOMPARE(made.classes().all().size(), std::size_t(0));
  }

  void newProjectRefusesAnExistingFile() {
    const QString path = dir_.filePath("taken.loupe");
    test::makeSmallProject(path);
    const auto before = projectBytes(path);
    withDialogs(win_->action("newProject"), [&](QWidget* w) {
      if (auto* files = qobject_cast<QFileDialog*>(w)) {
        // Typed into the name field: selectFile() of an existing file waits for the folder listing.
        files->findChild<QLineEdit*>("fileNameEdit")->setText(path);
        static_cast<QDialog*>(files)->accept();  // QFileDialog::accept, through the public base
      }
    });
    QCOMPARE(errorBoxText(), "project already exists: " + path);
    QVERIFY(!win_->workspace()->hasProject());
    QVERIFY(projectBytes(path) == before);
  }

  void importCocoThenYoloShowsTheItems() {
    const QString project = openEmpty("import.loupe");
    QVERIFY(!project.isEmpty());
    const QString coco = writeCoco(dir_.filePath("cocoset"));
    TransferOutcome out = importThroughDialog([&](ImportDialog* d) {
      d->setFormat("coco");
      d->setPath(coco);
      d->setLabeler("gt");
    });
    QVERIFY2(out.ok, qPrintable(out.message));
    {
      const auto p = reopen(project);
      QCOMPARE(p.items().count({}), std::int64_t(2));
      const auto gt = p.labelers().byName("gt");
      QVERIFY(gt);
      QVERIFY(gt->kind == LabelerKind::Human);
      const auto items = p.items().page({}, 0, 10);
      QCOMPARE(QString::fromStdString(items[0].item.name), QString("img/p.png"));
      const auto boxes = p.annotations().of(items[0].item.id, gt->id);
      QCOMPARE(boxes.size(), std::size_t(2));
      QCOMPARE(boxes[0].box.x, 10.0);
      QCOMPARE(boxes[0].box.y, 20.0);
      QCOMPARE(boxes[0].box.w, 30.0);
      QCOMPARE(boxes[0].box.h, 40.0);
      QCOMPARE(p.classes().byName("dog")->id, boxes[1].classId);
      QCOMPARE(p.annotations().of(items[1].item.id, gt->id).size(), std::size_t(1));
    }
    // The window shows them: browser rows, classes, and the new labeler among the overlays.
    QTRY_COMPARE(win_->itemModel()->rowCount(), 2);
    QCOMPARE(win_->itemModel()->rowAt(0)->name, QString("img/p.png"));
    // The project was empty: the first item is on screen and the first class is the one to draw.
    QCOMPARE(win_->workspace()->currentItem(), reopen(project).items().page({}, 0, 1).front().item.id);
    QCOMPARE(win_->workspace()->activeClass(), reopen(project).classes().byName("cat")->id);
    QVERIFY(win_->action("overlay_" + QString::number(reopen(project).labelers().byName("gt")->id)));

    // A YOLO folder (flat layout), labeler left at its default ("import").
    const QString yolo = dir_.filePath("yoloset");
    writeFile(yolo + "/classes.txt", "cat\nbird\n");
    writeFile(yolo + "/y1.png", png(3));
    writeFile(yolo + "/y1.txt", "1 0.5 0.5 0.2 0.2\n0 0.25 0.25 0.1 0.2\n");
    writeFile(yolo + "/y2.png", png(4));
    writeFile(yolo + "/y2.txt", "");
    out = importThroughDialog([&](ImportDialog* d) {
      d->setFormat("yolo");
      d->setPath(yolo);
    });
    QVERIFY2(out.ok, qPrintable(out.message));
    {
      const auto p = reopen(project);
      QCOMPARE(p.items().count({}), std::int64_t(4));
      const auto imp = p.labelers().byName("import");
      QVERIFY(imp);
      const auto items = p.items().page({}, 0, 10);
      QCOMPARE(QString::fromStdString(items[2].item.name), QString("y1.png"));
      const auto boxes = p.annotations().of(items[2].item.id, imp->id);
      QCOMPARE(boxes.size(), std::size_t(2));
      // 200x150 image: centre (100, 75), 40x30.
      QCOMPARE(boxes[0].classId, p.classes().byName("bird")->id);
      QCOMPARE(boxes[0].box.x, 80.0);
      QCOMPARE(boxes[0].box.y, 60.0);
      QCOMPARE(boxes[0].box.w, 40.0);
      QCOMPARE(boxes[0].box.h, 30.0);
      QCOMPARE(p.classes().all().size(), std::size_t(3));  // cat, dog, bird
    }
    QTRY_COMPARE(win_->itemModel()->rowCount(), 4);
    QCOMPARE(win_->itemModel()->rowAt(3)->name, QString("y2.png"));
  }

  // A folder import skips what it cannot read and says so, in the CLI's warning words.
  void folderImportReportsSkippedFiles() {
    const QString project = openEmpty("folder.loupe");
    QVERIFY(!project.isEmpty());
    const QString folder = dir_.filePath("pictures");
    writeFile(folder + "/good.png", png(5));
    writeFile(folder + "/sub/broken.png", "not a picture");
    const TransferOutcome out = importThroughDialog([&](ImportDialog* d) {
      d->setFormat("folder");
      d->setPath(folder);
    });
    QVERIFY2(out.ok, qPrintable(out.message));
    QCOMPARE(out.warnings.size(), 1);
    auto* box = win_->findChild<QMessageBox*>("transferWarnings");
    QVERIFY(box);
    QCOMPARE(box->detailedText(), out.warnings.front());
    box->close();
    QCOMPARE(reopen(project).items().count({}), std::int64_t(1));
    QTRY_COMPARE(win_->itemModel()->rowCount(), 1);
    // `loupe import` of the same folder (into a fresh project) warns with the same line.
    const QString other = dir_.filePath("folder_cli.loupe");
    QCOMPARE(test::runLoupe({"new", other}).exitCode, 0);
    const auto cli = test::runLoupe({"import", other, "--format", "folder", folder});
    QCOMPARE(cli.exitCode, 0);
    QCOMPARE(QString::fromStdString(cli.err), "loupe: warning: " + out.warnings.front() + "\n");
  }

  void malformedFileIsRefusedWithTheCliMessage() {
    const QString project = openEmpty("bad.loupe");
    QVERIFY(!project.isEmpty());
    QVERIFY(importThroughDialog([&](ImportDialog* d) {
              d->setFormat("coco");
              d->setPath(writeCoco(dir_.filePath("seed")));
            }).ok);
    QTRY_COMPARE(win_->itemModel()->rowCount(), 2);
    const QString bad = dir_.filePath("bad.json");
    writeFile(bad, R"({"images": [{"id": 1, "file_name": "b.png", "width": 10, "height": 10}],
 "categories": [{"id": 1, "name": "cat"}],
 "annotations": [{"image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2], "score": 75}]})");
    win_->workspace()->project().checkpoint();
    const auto before = projectBytes(project);

    const TransferOutcome out = importThroughDialog([&](ImportDialog* d) {
      d->setFormat("coco");
      d->setPath(bad);
    });
    QVERIFY(!out.ok);
    QVERIFY(!out.cancelled);
    const QString shown = errorBoxText();
    QCOMPARE(shown, out.message);
    QVERIFY2(shown.contains("bad.json:3: annotations[0].score: score 75 is not in [0, 1]"), qPrintable(shown));
    // Word for word what `loupe import` says (after its "loupe: ").
    const auto cli = test::runLoupe({"import", project, "--format", "coco", bad});
    QCOMPARE(cli.exitCode, 1);
    QCOMPARE(QString::fromStdString(cli.err), "loupe: " + shown + "\n");
    QVERIFY(projectBytes(project) == before);
    QCOMPARE(reopen(project).items().count({}), std::int64_t(2));
    QCOMPARE(win_->itemModel()->rowCount(), 2);
  }

  void cancelDuringTheWriteRollsBack() {
    const QString project = openEmpty("cancel.loupe");
    QVERIFY(!project.isEmpty());
    const QString coco = writeCoco(dir_.filePath("cancelset"));
    win_->workspace()->project().checkpoint();
    const auto before = projectBytes(project);
    // Cancel is pressed on the dialog the moment the worker starts writing items; the next
    // progress call sees it and the transaction rolls back.
    QStringList stages;
    fileActions()->setProgressObserver([&](std::int64_t, std::int64_t, const std::string& stage) {
      if (stage != "writing items" || stages.contains("writing items")) return;
      QMetaObject::invokeMethod(
          this, [&] {
            stages << "writing items";
            QProgressDialog* progress = fileActions()->job()->dialog();
            QVERIFY(progress->isVisible());
            QTest::mouseClick(progress->findChild<QPushButton*>(), Qt::LeftButton);
          },
          Qt::BlockingQueuedConnection);
    });
    const TransferOutcome out = importThroughDialog([&](ImportDialog* d) {
      d->setFormat("coco");
      d->setPath(coco);
    });
    fileActions()->setProgressObserver({});
    QCOMPARE(stages, QStringList{"writing items"});
    QVERIFY(out.cancelled);
    QVERIFY(!out.ok);
    QCOMPARE(win_->statusBar()->currentMessage(), QString("Cancelled; nothing was written."));
    QVERIFY(!win_->findChild<QMessageBox*>("transferError"));
    QVERIFY(projectBytes(project) == before);
    QCOMPARE(reopen(project).items().count({}), std::int64_t(0));
    QVERIFY(!reopen(project).labelers().byName("import"));
    // And the next import runs normally.
    QVERIFY(importThroughDialog([&](ImportDialog* d) {
              d->setFormat("coco");
              d->setPath(coco);
            }).ok);
    QCOMPARE(reopen(project).items().count({}), std::int64_t(2));
  }

  void readOnlyProjectRefusesImport() {
    QTemporaryDir folder;
    const QString path = folder.filePath("ro.loupe");
    test::makeSmallProject(path);
    test::ReadOnlyPath guard(folder.path().toStdString());
    if (!guard.ok()) QSKIP("cannot make a folder read-only here");
    QVERIFY(win_->openProject(path, "alice"));
    QVERIFY(win_->workspace()->project().isReadOnly());
    QVERIFY(!win_->action("importData")->isEnabled());
    QVERIFY(win_->action("exportData")->isEnabled());
    fileActions()->importData();  // e.g. reached some other way than the menu
    QCOMPARE(errorBoxText(), path + ": project is read-only");
    // The CLI says the same.
    const auto cli = test::runLoupe({"import", path, "--format", "coco", writeCoco(dir_.filePath("roset"))});
    QCOMPARE(QString::fromStdString(cli.err), "loupe: " + path + ": project is read-only\n");
    // Exporting from it works.
    const TransferOutcome out = exportThroughDialog("csv", dir_.filePath("ro.csv"), {});
    QVERIFY2(out.ok, qPrintable(out.message));
    QVERIFY(QFile::exists(dir_.filePath("ro.csv")));
  }

  void exportWritesWhatTheCliWrites_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("labeler");
    QTest::addColumn<QString>("name");
    QTest::newRow("coco") << "coco" << "" << "out.json";
    QTest::newRow("coco, bob only") << "coco" << "bob" << "bob.json";
    QTest::newRow("yolo") << "yolo" << "" << "yolo_out";
    QTest::newRow("voc") << "voc" << "" << "voc_out";
    QTest::newRow("csv") << "csv" << "" << "out.csv";
    QTest::newRow("csv, alice only") << "csv" << "alice" << "alice.csv";
  }
  void exportWritesWhatTheCliWrites() {
    QFETCH(QString, format);
    QFETCH(QString, labeler);
    QFETCH(QString, name);
    static int n = 0;
    const QString project = dir_.filePath(QStringLiteral("export%1.loupe").arg(++n));
    const test::SmallProject small = test::makeSmallProject(project);
    {
      auto p = reopen(project);
      Annotation a = test::boxLabel(small.b, small.alice, small.cat, Box{1.5, 2.25, 60, 70});
      p.annotations().add(a);
      a.kind = AnnotationKind::ImageLabel;
      a.box = {};
      a.itemId = small.c;
      a.classId = small.bird;
      p.annotations().add(a);
      p.attributes().set(small.a, "light", "dim");
    }
    QVERIFY(win_->openProject(project, "alice"));
    const QString gui = dir_.filePath("gui_" + name);
    const QString cli = dir_.filePath("cli_" + name);
    const TransferOutcome out = exportThroughDialog(format, gui, labeler);
    QVERIFY2(out.ok, qPrintable(out.message));
    QStringList args{"export", project, "--format", format, cli};
    if (!labeler.isEmpty()) args << "--labeler" << labeler;
    const auto r = test::runLoupe(args);
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    const auto fromGui = tree(gui);
    const auto fromCli = tree(cli);
    QVERIFY(!fromGui.isEmpty());
    QCOMPARE(fromGui.keys(), fromCli.keys());
    for (const QString& key : fromGui.keys()) QVERIFY2(fromGui[key] == fromCli[key], qPrintable(key));
    if (format == "csv") {  // attributes go beside the file
      const QString attrs = QString(gui).replace(".csv", ".attributes.csv");
      QVERIFY(QFile::exists(attrs));
      QCOMPARE(tree(attrs).first(), tree(QString(cli).replace(".csv", ".attributes.csv")).first());
    }
    if (format == "yolo" || format == "voc") QVERIFY2(fromGui.size() > 3, "images are written with the labels");
    // Nothing of the export's temporary names is left behind.
    QCOMPARE(QDir(dir_.path()).entryList({".gui_*"}, QDir::AllEntries | QDir::Hidden), QStringList());
  }
};

QTEST_MAIN(FileMenuTest)
#include "test_file_menu.moc"
