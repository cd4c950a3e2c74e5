// The hand-written protobuf encoder and the ONNX layout conversions, on published/hand values.
#include <QtTest>

#include "core/model_export/onnx_layout.h"
#include "core/model_export/protobuf_writer.h"

using namespace loupe::model_export;

namespace {
std::vector<int> bytesOf(const ProtoWriter& w) { return {w.bytes().begin(), w.bytes().end()}; }
}  // namespace

class TestProtobuf : public QObject {
  Q_OBJECT
 private slots:
  void encodingGuideExamples() {
    // protobuf.dev "Encoding": field 1 = 150 -> 08 96 01; field 2 = "testing" -> 12 07 74 65 73 74 69 6e 67.
    ProtoWriter a;
    a.varintField(1, 150);
    QCOMPARE(bytesOf(a), (std::vector<int>{0x08, 0x96, 0x01}));
    ProtoWriter b;
    b.stringField(2, "testing");
    QCOMPARE(bytesOf(b), (std::vector<int>{0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67}));
    // Packed repeated field 4 = [3, 270, 86942] -> 22 06 03 8E 02 9E A7 05.
    ProtoWriter c;
    const std::vector<std::int64_t> packed{3, 270, 86942};
    c.packedInt64Field(4, packed);
    QCOMPARE(bytesOf(c), (std::vector<int>{0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05}));
  }
  void negativeIntsAndFloats() {
    ProtoWriter a;
    a.int64Field(3, -1);  // two's complement: ten bytes
    QCOMPARE(bytesOf(a), (std::vector<int>{0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
    ProtoWriter f;
    f.floatField(2, 1.0f);  // wire type 5, 0x3F800000 little-endian
    QCOMPARE(bytesOf(f), (std::vector<int>{0x15, 0x00, 0x00, 0x80, 0x3F}));
    ProtoWriter m;
    m.messageField(7, a);
    QCOMPARE(m.bytes().size(), std::size_t(2 + 11));
    QCOMPARE(int(m.bytes()[0]), 0x3A);
    QCOMPARE(int(m.bytes()[1]), 11);
  }
  void tensorFlowSamePadsPutTheExtraAtTheEnd() {
    using loupe::nn::Padding;
    // 96 -> 48 with 3x3 stride 2: total (48-1)*2+3-96 = 1 -> 0 before, 1 after.
    QCOMPARE(onnxPads(Padding::Same, {96, 96, 1}, {48, 48, 8}, 3, 3, 2, 2), (std::vector<std::int64_t>{0, 0, 1, 1}));
    // 5x7 -> 5x7 with 3x5 stride 1: totals 2 and 4 -> 1/1 and 2/2.
    QCOMPARE(onnxPads(Padding::Same, {5, 7, 1}, {5, 7, 1}, 3, 5, 1, 1), (std::vector<std::int64_t>{1, 2, 1, 2}));
    QCOMPARE(onnxPads(Padding::Valid, {5, 7, 1}, {3, 3, 1}, 3, 5, 1, 1), (std::vector<std::int64_t>{0, 0, 0, 0}));
  }
  void weightLayouts() {
    // OHWI [2][1][2][3] -> OIHW [2][3][1][2]: element (o, y, x, i) = 100o + 10x + i.
    std::vector<int> ohwi;
    for (int o = 0; o < 2; ++o)
      for (int x = 0; x < 2; ++x)
        for (int i = 0; i < 3; ++i) ohwi.push_back(100 * o + 10 * x + i);
    QCOMPARE(ohwiToOihw(ohwi, 2, 1, 2, 3), (std::vector<int>{0, 10, 1, 11, 2, 12, 100, 110, 101, 111, 102, 112}));
    // 1HWO [2][1][3] -> [3][1][2][1]: element (y, c) = 10y + c.
    QCOMPARE(depthwiseToOihw(std::vector<int>{0, 1, 2, 10, 11, 12}, 2, 1, 3), (std::vector<int>{0, 10, 1, 11, 2, 12}));
  }
};

int runProtobufTests(int argc, char** argv) {
  TestProtobuf t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_protobuf.moc"
