// The flash model store on a simulated NOR flash: a committed model survives a restart and runs
// in place; the journal wraps from page to page; and a power cut at every step of an upload
// leaves, after the restart, the old model exactly when the commit had not completed.
#include <QtTest>

#include <cstring>
#include <memory>

#include "firmware/board/model_store.h"
#include "firmware/protocol/crc32.h"
#include "tests/firmware/ram_flash.h"
#include "tests/serial_link/tiny_model.h"

using namespace loupe;
using Bytes = std::vector<std::uint8_t>;

namespace {

constexpr std::size_t kPage = 4096;
const std::size_t kFlashBytes = board::ModelStore::requiredFlashBytes(kPage);

// The store's acceptance check: a model blob with its CRC trailer intact.
bool acceptTrailer(const std::uint8_t* blob, std::size_t size) {
  if (size < 8) return false;
  std::uint32_t trailer;
  std::memcpy(&trailer, blob + size - 4, 4);
  return protocol::crc32(blob, size - 4) == trailer;
}

// Begin, chunks of `chunk` bytes, commit; true when every step was accepted.
bool upload(board::ModelStore& store, const Bytes& blob, const char* id, std::size_t chunk = 1000) {
  protocol::ModelBegin b;
  b.size = static_cast<std::uint32_t>(blob.size());
  b.crc = protocol::crc32(blob.data(), blob.size());
  std::strncpy(b.modelId, id, protocol::kNameWidth);
  if (!store.begin(b, 0).ok) return false;
  for (std::size_t off = 0; off < blob.size(); off += chunk) {
    protocol::ModelChunk c;
    c.offset = static_cast<std::uint32_t>(off);
    c.data = blob.data() + off;
    c.dataSize = std::min(chunk, blob.size() - off);
    if (!store.chunk(c, 0).ok) return false;
  }
  return store.commit(protocol::ModelCommit{b.crc}).ok;
}

bool runs(const board::ModelStore& store, const Bytes& blob) {
  return store.activeSize() == blob.size() && std::memcmp(store.active(), blob.data(), blob.size()) == 0;
}

}  // namespace

class TestModelStore : public QObject {
  Q_OBJECT
 private slots:
  void aCommittedModelSurvivesARestartAndRunsInPlace() {
    test::RamFlash flash(kFlashBytes);
    const Bytes a = test::tinyModel(1), b = test::tinyModel(2, 6);
    {
      board::ModelStore store(flash, acceptTrailer);
      QVERIFY(store.usable());
      QVERIFY(!store.restore());  // erased flash: nothing committed
      QVERIFY(upload(store, a, "a"));
      QVERIFY(upload(store, b, "b", 997));  // odd chunks: words split across chunks
      QCOMPARE(store.activeSlot(), 1);
    }
    board::ModelStore again(flash, acceptTrailer);
    QVERIFY(again.restore());
    QVERIFY(runs(again, b));
    QCOMPARE(QString(again.activeId()), QString("b"));
    // In place: the active blob is the flash itself, not a copy.
    QVERIFY(again.active() >= flash.data() && again.active() < flash.data() + flash.size());
    // A compiled-in model does not replace a committed one.
    again.setInitial(a.data(), a.size(), "compiled");
    QVERIFY(runs(again, b));
  }

  void theJournalWrapsFromPageToPage() {
    test::RamFlash flash(kFlashBytes);
    const Bytes a = test::tinyModel(3), b = test::tinyModel(4);
    {
      board::ModelStore store(flash, acceptTrailer);
      for (int i = 0; i < 200; ++i) QVERIFY2(upload(store, i % 2 ? b : a, i % 2 ? "b" : "a"), qPrintable(QString::number(i)));
    }
    board::ModelStore again(flash, acceptTrailer);
    QVERIFY(again.restore());
    QVERIFY(runs(again, b));  // the 200th upload
  }

  void failedUploadsKeepTheOldModel() {
    test::RamFlash flash(kFlashBytes);
    const Bytes a = test::tinyModel(5);
    Bytes bad = test::tinyModel(6);
    bad[40] ^= 1;  // the trailer no longer matches: the runtime check refuses it
    board::ModelStore store(flash, acceptTrailer);
    QVERIFY(upload(store, a, "a"));
    QVERIFY(!upload(store, bad, "bad"));
    QVERIFY(runs(store, a));
    board::ModelStore again(flash, acceptTrailer);
    QVERIFY(again.restore());
    QVERIFY(runs(again, a));
    // Too large for a slot.
    protocol::ModelBegin big;
    big.size = static_cast<std::uint32_t>(board::kModelSlotBytes + 1);
    QCOMPARE(store.begin(big, 0).error, protocol::ErrorCode::TooLarge);
    // Flash too small for the layout: refused, nothing written.
    test::RamFlash tiny(kFlashBytes - kPage);
    board::ModelStore none(tiny, acceptTrailer);
    QVERIFY(!none.usable());
    QCOMPARE(none.begin(protocol::ModelBegin{}, 0).error, protocol::ErrorCode::TooLarge);
  }

  void aPowerCutAtAnyStepLeavesTheOldModelOrTheCommittedOne_data() {
    QTest::addColumn<int>("committedBefore");
    QTest::newRow("fresh journal") << 1;
    QTest::newRow("journal page full") << 85;  // 4096 / 48 records: the commit switches pages
  }
  void aPowerCutAtAnyStepLeavesTheOldModelOrTheCommittedOne() {
    QFETCH(int, committedBefore);
    const Bytes oldModel = test::tinyModel(7), newModel = test::tinyModel(8, 5);
    // Operations one upload of the new model takes, counted on a dry run.
    long total = 0;
    {
      test::RamFlash flash(kFlashBytes);
      board::ModelStore store(flash, acceptTrailer);
      for (int i = 0; i < committedBefore; ++i) QVERIFY(upload(store, oldModel, "old"));
      flash.cutAt(-1);
      QVERIFY(upload(store, newModel, "new", 1500));
      total = flash.operations();
    }
    QVERIFY(total > 10);
    int sawOld = 0, sawNew = 0;
    for (long cut = 0; cut <= total; ++cut) {
      test::RamFlash flash(kFlashBytes);
      {
        board::ModelStore store(flash, acceptTrailer);
        for (int i = 0; i < committedBefore; ++i) QVERIFY(upload(store, oldModel, "old"));
        flash.cutAt(cut);
        upload(store, newModel, "new", 1500);  // the board dies somewhere in here
      }
      flash.cutAt(-1);
      board::ModelStore rebooted(flash, acceptTrailer);
      QVERIFY2(rebooted.restore(), qPrintable(QString("cut at %1: no model after restart").arg(cut)));
      // The commit completes with its last operation (the record); cut there or earlier: old.
      const bool committed = cut >= total;
      QVERIFY2(runs(rebooted, committed ? newModel : oldModel),
               qPrintable(QString("cut at operation %1 of %2").arg(cut).arg(total)));
      (committed ? sawNew : sawOld)++;
      // And the board can take the next upload.
      QVERIFY(upload(rebooted, newModel, "again"));
    }
    QCOMPARE(sawNew, 1);
    QCOMPARE(sawOld, int(total));
  }
};

int runModelStoreTests(int argc, char** argv) {
  TestModelStore t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_model_store.moc"
