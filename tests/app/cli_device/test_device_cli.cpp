// `loupe device ...` end to end: a virtual board started by `loupe device virtual`, frames
// streamed and captured into a real project file, a model from that project deployed, and the
// board's predictions (a classifier's scores, a detector's boxes) checked against the host's.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <csignal>

#include "firmware/protocol/crc32.h"
#include "storage/project.h"
#include "tests/serial_link/spot_detector.h"
#include "tests/serial_link/tiny_model_project.h"

using namespace loupe;

namespace {

struct Run {
  int exitCode = -1;
  QJsonObject json;
  QString err;
};

Run loupeCli(const QStringList& args, int timeoutMs = 120000, const QProcessEnvironment& env = {}) {
  QProcess p;
  if (!env.isEmpty()) p.setProcessEnvironment(env);
  p.start(qEnvironmentVariable("LOUPE_CLI"), args);
  Run r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

}  // namespace

class TestDeviceCli : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  QProcess virtual_;
  QString port_;
  QString project_;

 private slots:
  void initTestCase() {
    // A project with two models: the one to deploy and one with no int8 blob yet.
    project_ = dir_.filePath("captures.loupe");
    auto p = test::createProjectWithTinyModel(project_);
    storage::ModelRecord unq;
    unq.name = "float-only";
    unq.floatBlob = {1, 2, 3};
    p.models().store(unq);

    virtual_.start(qEnvironmentVariable("LOUPE_CLI"), {"device", "virtual", "--json", "--link", dir_.filePath("board")});
    QVERIFY(virtual_.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(virtual_.canReadLine() || virtual_.state() != QProcess::Running, 30000);
    const QJsonObject started = QJsonDocument::fromJson(virtual_.readLine()).object();
    port_ = started["port"].toString();
    QCOMPARE(port_, dir_.filePath("board"));
    QVERIFY(started["pty"].toString().startsWith("/dev/pts/"));
  }

  void cleanupTestCase() {
    if (virtual_.state() == QProcess::Running) {
      ::kill(static_cast<pid_t>(virtual_.processId()), SIGTERM);
      virtual_.waitForFinished(10000);
    }
  }

  void listShowsTheVirtualBoard() {
    const Run r = loupeCli({"device", "list", "--json"});
    QCOMPARE(r.exitCode, 0);
    bool found = false;
    for (const auto& b : r.json["boards"].toArray()) found |= b.toObject()["kind"].toString() == "virtual";
    QVERIFY(found);
  }

  void streamCapturesHundredLabelledFramesIntoTheProject() {
    const Run r = loupeCli({"device", "stream", "--port", port_, "--frames", "100", "--save-to", project_, "--label",
                            "shirt", "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json["frames"].toInt(), 100);
    QCOMPARE(r.json["crc_errors"].toInt(), 0);
    QCOMPARE(r.json["dropped"].toInt(), 0);
    QCOMPARE(r.json["saved"].toInt(), 100);
    QVERIFY(r.json["fps"].toDouble() > 1.0);
    QVERIFY(r.json["bytes_per_s"].toDouble() > 96 * 96);

    auto p = storage::Project::open(project_.toStdString());
    storage::ItemFilter fromDevice;
    fromDevice.sourcePrefix = "device:";
    QCOMPARE(p.items().count(fromDevice), std::int64_t{100});
    const auto items = p.items().page(fromDevice, 0, 1);
    QCOMPARE(items[0].item.source, std::string("device:virtual-0001"));
    QCOMPARE(items[0].item.width, 96);
    QCOMPARE(p.attributes().of(items[0].item.id).at("frame_id"), std::string("0"));
    const auto shirt = p.classes().byName("shirt");
    QVERIFY(shirt.has_value());
    const auto labels = p.annotations().of(items[0].item.id);
    QCOMPARE(labels.size(), std::size_t{1});
    QCOMPARE(labels[0].classId, shirt->id);
    const auto media = p.items().media(items[0].item.id);
    QVERIFY(media.has_value());
    QCOMPARE(media->format, std::string("png"));
  }

  void deployThenInferShowsNoMismatches() {
    const Run d = loupeCli({"device", "deploy", "--port", port_, project_, "--model", "tiny", "--json"});
    QVERIFY2(d.exitCode == 0, qPrintable(d.err));
    QVERIFY(d.json["committed"].toBool());
    const auto blob = test::tinyModel(1);
    char hash[16];
    std::snprintf(hash, sizeof hash, "0x%08x", protocol::crc32(blob.data(), blob.size() - 4));
    QCOMPARE(d.json["model_hash"].toString(), QString(hash));
    QCOMPARE(d.json["active_hash"].toString(), QString(hash));
    QCOMPARE(d.json["bytes"].toInt(), static_cast<int>(blob.size()));

    const Run i = loupeCli({"device", "infer", "--port", port_, "--frames", "30", "--check", project_, "--model",
                            "tiny", "--json"});
    QVERIFY2(i.exitCode == 0, qPrintable(i.err));
    QCOMPARE(i.json["compared"].toInt(), 30);
    QCOMPARE(i.json["mismatches"].toInt(), 0);
    QVERIFY(i.json["mean_latency_us"].toDouble() > 0);

    // With a model deployed, streamed frames carry predictions too.
    const Run s = loupeCli({"device", "stream", "--port", port_, "--frames", "10", "--json"});
    QCOMPARE(s.json["inferences"].toInt(), 10);
  }

  void aDetectorOnTheBoardMatchesTheHostAndShadowsCaptures() {
    {
      auto p = storage::Project::open(project_.toStdString());
      p.models().store(test::spotDetectorRecord());
    }
    const Run d = loupeCli({"device", "deploy", "--port", port_, project_, "--model", "spot", "--json"});
    QVERIFY2(d.exitCode == 0, qPrintable(d.err));
    const Run i = loupeCli({"device", "infer", "--port", port_, "--frames", "100", "--check", project_, "--model",
                            "spot", "--json"});
    QVERIFY2(i.exitCode == 0, qPrintable(i.err));
    QCOMPARE(i.json["kind"].toString(), QString("detections"));
    QCOMPARE(i.json["compared"].toInt(), 100);
    QCOMPARE(i.json["mismatches"].toInt(), 0);
    QVERIFY2(i.json["boxes"].toInt() >= 100, qPrintable(QString::number(i.json["boxes"].toInt())));

    // Shadow mode: saved frames carry the board's boxes as model "spot"'s, with scores.
    const Run s = loupeCli({"device", "stream", "--port", port_, "--frames", "10", "--save-to", project_, "--json"});
    QVERIFY2(s.exitCode == 0, qPrintable(s.err));
    QCOMPARE(s.json["saved"].toInt(), 10);
    QCOMPARE(s.json["inferences"].toInt(), 10);
    const int boxes = s.json["boxes"].toInt();
    QVERIFY(boxes >= 10);
    auto p = storage::Project::open(project_.toStdString());
    const auto spot = p.labelers().byName("spot");
    QVERIFY(spot.has_value());
    QVERIFY(spot->kind == LabelerKind::Model);
    int stored = 0;
    storage::ItemFilter bySpot;
    bySpot.labelerId = spot->id;
    QCOMPARE(p.items().count(bySpot), std::int64_t{10});
    for (const auto& row : p.items().page(bySpot, 0, 100))
      for (const auto& a : p.annotations().of(row.item.id)) {
        if (a.labelerId != spot->id) continue;
        ++stored;
        QVERIFY(a.kind == AnnotationKind::Box);
        QVERIFY(a.score && *a.score >= 0.5 && *a.score <= 1.0);
        QVERIFY(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.w <= 96 && a.box.y + a.box.h <= 96);
        QVERIFY(a.box.w >= 8 && a.box.h >= 8);  // whole cells of 8 px
        const auto cls = p.classes().byId(a.classId);
        QVERIFY(cls && (cls->name == "dim" || cls->name == "bright"));
      }
    QCOMPARE(stored, boxes);
  }

  void badModelsFailWithClearErrors() {
    Run r = loupeCli({"device", "deploy", "--port", port_, project_, "--model", "nope", "--json"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no model named 'nope'") && r.err.contains("tiny"), qPrintable(r.err));
    r = loupeCli({"device", "deploy", "--port", port_, project_, "--model", "float-only"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("has no int8 blob"), qPrintable(r.err));
    r = loupeCli({"device", "stream", "--port", dir_.filePath("no-such-port"), "--frames", "1"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("loupe: cannot open"), qPrintable(r.err));
  }

  void inferRefusesWhenTheBoardRunsAnotherModel() {
    auto p = storage::Project::open(project_.toStdString());
    storage::ModelRecord other;
    other.name = "other";
    other.int8Blob = test::tinyModel(7);
    p.models().store(other);
    const Run r = loupeCli({"device", "infer", "--port", port_, "--frames", "3", "--check", project_, "--model", "other"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("run `loupe device deploy` first"), qPrintable(r.err));
  }

  void flashCompilesTheSketchWithTheModelThroughArduinoCli() {
    // A stand-in arduino-cli records its arguments; the staged sketch must carry the model.
    const QString bin = dir_.filePath("bin"), record = dir_.filePath("arduino-cli.args");
    QDir().mkpath(bin);
    QFile tool(bin + "/arduino-cli");
    QVERIFY(tool.open(QIODevice::WriteOnly));
    tool.write(QString("#!/bin/sh\nfor a in \"$@\"; do echo \"$a\" >> '%1'; done\n"
                       "last=\"\"; for a in \"$@\"; do last=\"$a\"; done\n"
                       "cp \"$last/src/model_data.h\" '%2'\necho 'Upload 100%%'\n")
                   .arg(record, dir_.filePath("model_data.h"))
                   .toUtf8());
    tool.close();
    tool.setPermissions(tool.permissions() | QFileDevice::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PATH", bin + ":/usr/bin:/bin");
    const Run r = loupeCli({"device", "flash", "--port", "/dev/ttyACM9", "--project", project_, "--model", "tiny", "--json"},
                           60000, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json["tool"].toString(), QString("arduino-cli"));
    QCOMPARE(r.json["port"].toString(), QString("/dev/ttyACM9"));
    QFile args(record);
    QVERIFY(args.open(QIODevice::ReadOnly));
    const QStringList a = QString::fromUtf8(args.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(a.mid(0, 6), (QStringList{"compile", "--upload", "-p", "/dev/ttyACM9", "--fqbn", "arduino:mbed_nano:nano33ble"}));
    QFile header(dir_.filePath("model_data.h"));
    QVERIFY(header.open(QIODevice::ReadOnly));
    const QByteArray h = header.readAll();
    QVERIFY(h.contains("kModelDataSize = " + QByteArray::number(static_cast<int>(test::tinyModel(1).size())) + ";"));
    QVERIFY(h.contains("kModelDataId = \"tiny\""));
  }

  void virtualStopsCleanlyOnSigterm() {
    ::kill(static_cast<pid_t>(virtual_.processId()), SIGTERM);
    QVERIFY(virtual_.waitForFinished(10000));
    QCOMPARE(virtual_.exitCode(), 0);
    // QEMU went with it: the port no longer answers.
    const Run r = loupeCli({"device", "stream", "--port", port_, "--frames", "1"});
    QCOMPARE(r.exitCode, 1);
  }
};

QTEST_GUILESS_MAIN(TestDeviceCli)
#include "test_device_cli.moc"
