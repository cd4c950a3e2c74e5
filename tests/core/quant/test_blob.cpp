// The blob format: exact round trip, header/trailer layout, and clean rejection of corrupt,
// truncated or inconsistent blobs (run under ASan: any out-of-bounds read fails the test).
#include <QtTest>

#include <cstring>

#include "core/quant/blob_io.h"
#include "core/quant/calibration.h"
#include "core/quant/converter.h"
#include "firmware/runtime/byte_io.h"
#include "firmware/runtime/crc32.h"
#include "firmware/runtime/interpreter.h"
#include "test_nets.h"

using namespace loupe::quant;
namespace b = loupe::runtime::blob;
using loupe::runtime::Status;

namespace {
std::vector<std::uint8_t> tinyBlob() {
  const auto net = testnets::tinyNet(7);
  return writeBlob(quantize(net, calibrate(net, testnets::images(net.input, 20, 3))));
}
Status load(const std::vector<std::uint8_t>& blob) {
  loupe::runtime::Model m;
  return m.load(blob.data(), blob.size());
}
// Rewrites the CRC trailer so that a deliberate edit reaches the structural checks.
void reseal(std::vector<std::uint8_t>& blob) {
  loupe::runtime::storeU32(blob.data() + blob.size() - 4, loupe::runtime::crc32(blob.data(), blob.size() - 4));
}
std::size_t record(const std::vector<std::uint8_t>& blob, int index) {
  std::size_t off = b::kHeaderBytes;
  for (int i = 0; i < index; ++i) off += loupe::runtime::loadU32(blob.data() + off);
  return off;
}
}  // namespace

class TestBlob : public QObject {
  Q_OBJECT
 private slots:
  void roundTripIsExact() {
    const auto net = testnets::tinyNet(7);
    const QuantizedModel q = quantize(net, calibrate(net, testnets::images(net.input, 20, 3)));
    const auto blob = writeBlob(q);
    QCOMPARE(readBlob(blob), q);
    QCOMPARE(writeBlob(readBlob(blob)), blob);
  }
  void headerAndTrailerLayout() {
    const auto blob = tinyBlob();
    QCOMPARE(std::memcmp(blob.data(), "LPRT", 4), 0);
    QCOMPARE(loupe::runtime::loadU16(blob.data() + b::kHdrVersion), std::uint16_t(1));
    QCOMPARE(std::size_t(loupe::runtime::loadU32(blob.data() + b::kHdrBlobBytes)), blob.size());
    QCOMPARE(loupe::runtime::loadU16(blob.data() + b::kHdrLayerCount), std::uint16_t(5));
    QCOMPARE(blob.size() % 4, std::size_t(0));
    loupe::runtime::Model m;
    QCOMPARE(m.load(blob.data(), blob.size()), Status::Ok);
    QCOMPARE(m.id(), loupe::runtime::crc32(blob.data(), blob.size() - 4));
    QCOMPARE(m.inputShape().size(), 36);
    QCOMPARE(m.outputShape().size(), 3);
    QCOMPARE(m.outputZeroPoint(), -128);
    QCOMPARE(m.outputScale(), 1.0f / 256.0f);
    QCOMPARE(m.inputScale(), 1.0f / 128.0f);
    // Sizes by hand: header 32 + CRC 4; records = 52-byte header + payload, padded to 4.
    //   conv 3x3x1 -> 4: 4*16 + 36 = 100; pool: 0; depthwise 3x3x8: 8*16 + 72 = 200;
    //   dense 8 -> 3: 3*16 + 24 = 72; softmax: 1024.
    QCOMPARE(blob.size(), std::size_t(32 + (52 + 100) + 52 + (52 + 200) + (52 + 72) + (52 + 1024) + 4));
    // Arena by hand: layer outputs 6x6x4 (slot 0), 3x3x4 (slot 1), 8 (slot 0), 3 -> 4 (slot 1).
    QCOMPARE(loupe::runtime::requiredArenaBytes(m), std::size_t(144 + 36));
  }
  void everySingleBitFlipIsDetected() {
    const auto blob = tinyBlob();
    for (std::size_t i = 0; i < blob.size(); ++i) {
      auto bad = blob;
      bad[i] ^= std::uint8_t(1u << (i % 8));
      const Status s = load(bad);
      if (s == Status::Ok) QFAIL(qPrintable(QString("flip at byte %1 accepted").arg(i)));
    }
    auto bad = blob;
    bad[b::kHeaderBytes + 60] ^= 0x10;  // a payload byte: only the CRC can tell
    QCOMPARE(load(bad), Status::BadCrc);
  }
  void everyTruncationFailsCleanly() {
    const auto blob = tinyBlob();
    for (std::size_t n = 0; n < blob.size(); ++n) {
      // An exact-size heap copy, so ASan catches any read past the end.
      std::vector<std::uint8_t> cut(blob.begin(), blob.begin() + std::ptrdiff_t(n));
      loupe::runtime::Model m;
      const Status s = m.load(cut.empty() ? nullptr : cut.data(), cut.size());
      if (s == Status::Ok) QFAIL(qPrintable(QString("truncation to %1 bytes accepted").arg(n)));
      QVERIFY(!m.loaded());
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readBlob(blob.data(), blob.size() - 1));
  }
  void trailingBytesAreIgnored() {
    auto blob = tinyBlob();
    blob.insert(blob.end(), 64, 0xFF);  // e.g. flash erased to 0xFF after the model
    QCOMPARE(load(blob), Status::Ok);
  }
  void structuralErrorsBehindAValidCrc() {
    const auto good = tinyBlob();
    auto edit = [&](std::size_t at, std::uint8_t v) {
      auto bad = good;
      bad[at] = v;
      reseal(bad);
      return load(bad);
    };
    QCOMPARE(edit(b::kHdrMagic, 'X'), Status::BadMagic);
    QCOMPARE(edit(b::kHdrVersion, 2), Status::UnsupportedVersion);
    QCOMPARE(edit(record(good, 0) + b::kRecOp, 9), Status::BadLayer);
    QCOMPARE(edit(record(good, 0) + b::kRecKernelH, 0), Status::BadLayer);
    QCOMPARE(edit(record(good, 0) + b::kRecOutH, 5), Status::ShapeMismatch);
    QCOMPARE(edit(record(good, 3) + b::kRecOutC, 4), Status::BadLayer);  // weight count no longer fits
    QCOMPARE(edit(record(good, 1) + b::kRecOutZeroPoint, 0x55), Status::BadLayer);  // pools keep quantisation
    QCOMPARE(edit(record(good, 2) + b::kRecInZeroPoint, 0x55), Status::BadLayer);   // chain broken
    QCOMPARE(edit(record(good, 0) + b::kRecActMin, 100), Status::BadLayer);  // min > max
    // A multiplier below 2^30 is not what QuantizeMultiplier produces.
    QCOMPARE(edit(record(good, 0) + b::kRecHeaderBytes + 16 + 3, 0x10), Status::BadLayer);
    // A softmax table that grows with d could make the kernel's sum too small.
    QCOMPARE(edit(record(good, 4) + b::kRecHeaderBytes + 4 * 200 + 3, 0xFF), Status::BadLayer);
    // A declared size larger than the buffer.
    auto big = good;
    loupe::runtime::storeU32(big.data() + b::kHdrBlobBytes, std::uint32_t(good.size() + 4));
    QCOMPARE(load(big), Status::Truncated);
  }
  void interpreterRefusesUnusableArenas() {
    const auto blob = tinyBlob();
    loupe::runtime::Model unloaded;
    alignas(4) std::uint8_t arena[256];
    QCOMPARE(loupe::runtime::Interpreter(unloaded, arena, sizeof arena).status(), Status::NotLoaded);
    loupe::runtime::Model m;
    QCOMPARE(m.load(blob.data(), blob.size()), Status::Ok);
    QCOMPARE(loupe::runtime::Interpreter(m, arena, 179).status(), Status::ArenaTooSmall);
    QCOMPARE(loupe::runtime::Interpreter(m, arena + 1, 200).status(), Status::Misaligned);
    loupe::runtime::Interpreter ok(m, arena, 180);
    QCOMPARE(ok.status(), Status::Ok);
    std::int8_t in[36] = {}, out[3] = {};
    QCOMPARE(ok.invoke(in, out), Status::Ok);
    QCOMPARE(QString(loupe::runtime::statusName(Status::BadCrc)), QString("bad CRC-32"));
  }
};

int runBlobTests(int argc, char** argv) {
  TestBlob t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_blob.moc"
