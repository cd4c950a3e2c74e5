#!/usr/bin/env python3
"""Writes the seed corpora of fuzz_frame_assembler and fuzz_board_session (input layouts in the
targets' header comments) into tests/data/protocol/. Seeds are valid exchanges: the fuzzer
mutates from there. Run from anywhere; the output is committed."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "protocol")


def write(folder, name, data):
    os.makedirs(os.path.join(DATA, folder), exist_ok=True)
    with open(os.path.join(DATA, folder, name), "wb") as f:
        f.write(data)


# --- fuzz_frame_assembler: camera w u16, h u16, format u8; chunks: id step u8, w, h, format u8,
# offset u32, length u16, data.
def chunk(step, w, h, fmt, offset, data):
    return struct.pack("<BHHBIH", step, w, h, fmt, offset, len(data)) + data


def camera(w, h, fmt):
    # The target folds width/height as 1 + v % 1024.
    return struct.pack("<HHB", w - 1, h - 1, fmt)


frame96 = b"".join(chunk(1 if off == 0 else 0, 96, 96, 0, off, bytes([off // 4071 + 1]) * min(4071, 9216 - off))
                   for off in range(0, 9216, 4071))
write("assembler_corpus", "frame96.bin", camera(96, 96, 0) + frame96 + frame96)
write("assembler_corpus", "small_frames.bin", camera(4, 2, 0) + chunk(0, 4, 2, 0, 0, b"\1\2\3\4") +
      chunk(0, 4, 2, 0, 4, b"\5\6\7\10") + chunk(2, 4, 2, 0, 0, b"\1\2\3\4") + chunk(0, 4, 2, 0, 5, b"\1"))
write("assembler_corpus", "rgb565.bin", camera(8, 8, 1) + chunk(0, 8, 8, 1, 0, bytes(range(128))))
write("assembler_corpus", "huge.bin", camera(96, 96, 0) + chunk(0, 65535, 65535, 0, 0, b"\7" * 64) + frame96)


# --- fuzz_board_session: records kind u8, length u16, bytes (kind 0: raw wire bytes; else a
# message of that type, framed by the target).
def rec(kind, payload):
    return struct.pack("<BH", kind, len(payload)) + payload


def text(s, width):
    return s.encode().ljust(width, b"\0")[:width]


def device_info(w=96, h=96, fmt=0, max_payload=4096, capacity=48 * 1024, model_size=0):
    return (struct.pack("<B", 1) + text("Loupe virtual board", 24) + text("1.0", 16) + text("none", 16) +
            text("virtual-0001", 24) + struct.pack("<HHBH", w, h, fmt, max_payload) + text("", 24) +
            struct.pack("<IIII", model_size, 0, 100000, capacity))


def ack(of_type, of_seq, value):
    return rec(0x30, struct.pack("<BHI", of_type, of_seq, value))


def error(code, of_type, of_seq, msg):
    return rec(0x31, struct.pack("<BBH", code, of_type, of_seq) + msg)


def frame_chunk(frame_id, w, h, fmt, offset, data):
    bpp = 2 if fmt == 1 else 1
    return rec(0x10, struct.pack("<IQHHBII", frame_id, 1000 * frame_id, w, h, fmt, w * h * bpp, offset) + data)


def inference(frame_id, scores, scale=1 / 256, zero_point=-128):
    return rec(0x11, struct.pack("<IIBBfi", frame_id, 1500, 0, len(scores), scale, zero_point) +
               bytes(s & 0xFF for s in scores))


def detections(frame_id, boxes, grid=(12, 12), scale=1 / 256, zero_point=-128, layout=1, record=10):
    """boxes: (cls, score, col0, row0, col1, row1, cx256, cy256); records padded to `record` bytes."""
    body = b"".join(struct.pack("<BbBBBBHH", *b).ljust(record, b"\0") for b in boxes)
    return rec(0x12, struct.pack("<IIBBBBBfi", frame_id, 2500, layout, record, grid[0], grid[1], len(boxes), scale,
                                 zero_point) + body)


stream96 = b"".join(frame_chunk(0, 96, 96, 0, off, b"\x40" * min(4071, 9216 - off)) for off in range(0, 9216, 4071))
upload = ack(0x20, 0, 0) + ack(0x21, 1, 4092) + ack(0x21, 2, 6000) + ack(0x22, 3, 0x12345678)
write("session_corpus", "handshake_upload_stream.bin",
      rec(2, device_info()) + upload + stream96 + inference(0, [-128, 63, 63, -60]))
write("session_corpus", "detector_stream.bin",
      rec(2, device_info()) + upload + stream96 + detections(0, [(1, 100, 2, 3, 4, 5, 896, 1152), (0, 20, 0, 0, 0, 0, 128, 128)]) +
      detections(1, [(0, 5, 11, 11, 11, 11, 3000, 3000)], layout=2, record=12) + detections(2, [(0, 5, 9, 0, 3, 0, 0, 0)]))
write("session_corpus", "small_payload.bin", rec(2, device_info(max_payload=4)) + upload)
write("session_corpus", "refused_upload.bin", rec(2, device_info(max_payload=64)) + ack(0x20, 0, 0) +
      error(5, 0x22, 1, b"crc mismatch; previous model kept"))
write("session_corpus", "huge_chunk.bin", rec(2, device_info()) + ack(0x20, 0, 0) + rec(0x31, b"") +
      frame_chunk(0, 65535, 65535, 0, 0, b"\7" * 64) + stream96)
with open(os.path.join(DATA, "corpus", "chunk.bin"), "rb") as f:
    raw = f.read()
write("session_corpus", "raw_wire.bin", rec(0, b"\x13\x37\x00\xff") + rec(2, device_info(176, 144)) + rec(0, raw) +
      frame_chunk(1, 176, 144, 0, 0, b"\1" * 4071))
