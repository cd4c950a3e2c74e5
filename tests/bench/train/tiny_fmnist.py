#!/usr/bin/env python3
"""Writes the first N_TRAIN training and N_TEST test images of Fashion-MNIST (gzipped IDX, as
shipped) to OUT_DIR: the tiny input of the smoke run (tests/bench/run.sh --smoke).

usage: tiny_fmnist.py FMNIST_DIR OUT_DIR N_TRAIN N_TEST
"""
import gzip
import os
import struct
import sys


def head(src, dst, count):
    with gzip.open(src, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    dims = 3 if magic == 0x803 else 1
    header = 4 + 4 * dims
    shape = struct.unpack(">" + "I" * dims, data[4:header])
    count = min(count, n)
    per_item = 1
    for d in shape[1:]:
        per_item *= d
    with gzip.open(dst, "wb") as f:
        f.write(struct.pack(">II", magic, count) + data[8:header])
        f.write(data[header:header + count * per_item])


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    src, out, n_train, n_test = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    os.makedirs(out, exist_ok=True)
    for prefix, count in (("train", n_train), ("t10k", n_test)):
        for kind in ("images-idx3", "labels-idx1"):
            name = f"{prefix}-{kind}-ubyte.gz"
            head(os.path.join(src, name), os.path.join(out, name), count)


if __name__ == "__main__":
    main()
