#!/usr/bin/python3
"""A second, independent TFLite writer: builds a tiny int8 classifier field by field with the
flatbuffers Python builder (no schema, no generated code), from TFLite's field ids.

Usage: write_tiny_tflite.py OUT.tflite [float-io | int8-io | with-add]

Graph: [1,8,8,1] -> CONV_2D 3x3 VALID, 2 channels, per-channel scales, RELU -> MAX_POOL_2D 2x2/2
-> RESHAPE [1,18] -> FULLY_CONNECTED 3, per-tensor scale -> SOFTMAX. float-io puts QUANTIZE in
front and DEQUANTIZE behind; with-add puts an ADD (unsupported by Loupe) after the pool.
"""
import sys

import flatbuffers
import numpy as np

# Builtin operator codes and BuiltinOptions union members (TFLite's numbering).
ADD, CONV_2D, DEQUANTIZE, FULLY_CONNECTED, MAX_POOL_2D, RESHAPE, SOFTMAX, QUANTIZE = 0, 3, 6, 9, 17, 22, 25, 114
OPT_CONV, OPT_POOL, OPT_FC, OPT_SOFTMAX, OPT_RESHAPE = 1, 5, 8, 9, 17
INT8, INT32, FLOAT32 = 9, 2, 0
VALID, RELU = 1, 1


def table(b, fields):
    """fields: (slot, kind, value) with kind in 'i8','i32','u32','f32','off'."""
    b.StartObject(max(f[0] for f in fields) + 1 if fields else 0)
    for slot, kind, value in fields:
        if kind == "off":
            b.PrependUOffsetTRelativeSlot(slot, value, 0)
        elif kind == "i8":
            b.PrependInt8Slot(slot, value, -1)  # never the default, so always written
        elif kind == "u8":
            b.PrependUint8Slot(slot, value, 255)
        elif kind == "i32":
            b.PrependInt32Slot(slot, value, -1)
        elif kind == "u32":
            b.PrependUint32Slot(slot, value, 0xFFFFFFFF)
        elif kind == "f32":
            b.PrependFloat32Slot(slot, value, -1.0)
    return b.EndObject()


def offsets(b, items):
    b.StartVector(4, len(items), 4)
    for o in reversed(items):
        b.PrependUOffsetTRelative(o)
    return b.EndVector()


def build(variant):
    rng = np.random.default_rng(7)
    b = flatbuffers.Builder(4096)
    buffers = [table(b, [])]  # buffer 0: empty
    tensors = []

    def constant(shape, dtype, values, scales, zero_points, dim=0):
        data = b.CreateNumpyVector(np.asarray(values, dtype=dtype).reshape(-1).view(np.uint8))
        buffers.append(table(b, [(0, "off", data)]))
        return tensor(shape, INT8 if dtype == np.int8 else INT32, scales, zero_points, len(buffers) - 1, dim)

    def tensor(shape, ttype, scales, zero_points, buffer=0, dim=0):
        fields = [(0, "off", b.CreateNumpyVector(np.asarray(shape, np.int32))), (1, "i8", ttype),
                  (2, "u32", buffer), (3, "off", b.CreateString("x%d" % len(tensors)))]
        if scales is not None:
            q = table(b, [(2, "off", b.CreateNumpyVector(np.asarray(scales, np.float32))),
                          (3, "off", b.CreateNumpyVector(np.asarray(zero_points, np.int64))), (6, "i32", dim)])
            fields.append((4, "off", q))
        tensors.append(table(b, fields))
        return len(tensors) - 1

    s_in, s_conv, zp_conv = 1.0 / 128, 0.05, -128
    w_conv = rng.integers(-127, 128, size=(2, 3, 3, 1))
    sw_conv = [0.004, 0.006]
    b_conv = rng.integers(-300, 300, size=2)
    w_fc = rng.integers(-127, 128, size=(3, 18))
    sw_fc, s_fc, zp_fc = 0.01, 0.1, 3

    ops, codes = [], []

    def op(code, inputs, output, opt_type=0, opt=None):
        if code not in codes:
            codes.append(code)
        fields = [(0, "u32", codes.index(code)), (1, "off", b.CreateNumpyVector(np.asarray(inputs, np.int32))),
                  (2, "off", b.CreateNumpyVector(np.asarray([output], np.int32)))]
        if opt is not None:
            fields += [(3, "u8", opt_type), (4, "off", opt)]
        ops.append(table(b, fields))

    if variant == "float-io":
        model_in = tensor([1, 8, 8, 1], FLOAT32, None, None)
        x = tensor([1, 8, 8, 1], INT8, [s_in], [0])
        op(QUANTIZE, [model_in], x)
    else:
        model_in = x = tensor([1, 8, 8, 1], INT8, [s_in], [0])
    w = constant([2, 3, 3, 1], np.int8, w_conv, sw_conv, [0, 0], 0)
    bias = constant([2], np.int32, b_conv, [s_in * s for s in sw_conv], [0, 0])
    y = tensor([1, 6, 6, 2], INT8, [s_conv], [zp_conv])
    # Conv2DOptions: padding 0, stride_w 1, stride_h 2, fused_activation_function 3
    op(CONV_2D, [x, w, bias], y, OPT_CONV, table(b, [(0, "i8", VALID), (1, "i32", 1), (2, "i32", 1), (3, "i8", RELU)]))
    x, y = y, tensor([1, 3, 3, 2], INT8, [s_conv], [zp_conv])
    # Pool2DOptions: padding, stride_w, stride_h, filter_width, filter_height
    op(MAX_POOL_2D, [x], y, OPT_POOL, table(b, [(0, "i8", VALID), (1, "i32", 2), (2, "i32", 2), (3, "i32", 2),
                                               (4, "i32", 2)]))
    x = y
    if variant == "with-add":
        y = tensor([1, 3, 3, 2], INT8, [s_conv], [zp_conv])
        op(ADD, [x, x], y)
        x = y
    y = tensor([1, 18], INT8, [s_conv], [zp_conv])
    op(RESHAPE, [x], y, OPT_RESHAPE, table(b, [(0, "off", b.CreateNumpyVector(np.asarray([1, 18], np.int32)))]))
    x = y
    w = constant([3, 18], np.int8, w_fc, [sw_fc], [0])
    bias = constant([3], np.int32, rng.integers(-500, 500, size=3), [s_conv * sw_fc], [0])
    y = tensor([1, 3], INT8, [s_fc], [zp_fc])
    op(FULLY_CONNECTED, [x, w, bias], y, OPT_FC, table(b, []))
    x, y = y, tensor([1, 3], INT8, [1.0 / 256], [-128])
    op(SOFTMAX, [x], y, OPT_SOFTMAX, table(b, [(0, "f32", 1.0)]))
    if variant == "float-io":
        x, y = y, tensor([1, 3], FLOAT32, None, None)
        op(DEQUANTIZE, [x], y)

    code_tables = [table(b, [(0, "i8", c), (2, "i32", 1), (3, "i32", c)]) for c in codes]
    graph = table(b, [(0, "off", offsets(b, tensors)), (1, "off", b.CreateNumpyVector(np.asarray([model_in], np.int32))),
                      (2, "off", b.CreateNumpyVector(np.asarray([y], np.int32))), (3, "off", offsets(b, ops))])
    model = table(b, [(0, "u32", 3), (1, "off", offsets(b, code_tables)), (2, "off", offsets(b, [graph])),
                      (4, "off", offsets(b, buffers))])
    b.Finish(model, file_identifier=b"TFL3")
    return b.Output()


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(build(sys.argv[2] if len(sys.argv) > 2 else "int8-io"))
