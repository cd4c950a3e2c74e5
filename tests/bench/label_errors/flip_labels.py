#!/usr/bin/env python3
"""Copies a Fashion-MNIST folder (gzipped IDX, as shipped) to OUT_DIR with FRACTION of the
training labels flipped: a seeded random choice of round(FRACTION * n) items, each given a class
drawn uniformly from the nine other classes. The flips are listed in OUT_DIR/flips.csv
(item name as `loupe import --format idx` names it, original class, given class).

usage: flip_labels.py FMNIST_DIR OUT_DIR FRACTION SEED [N_TRAIN]
"""
import gzip
import os
import random
import shutil
import struct
import sys

NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    dims = 3 if magic == 0x803 else 1
    header = 4 + 4 * dims
    return data[:header], data[header:], n


def write_idx(path, header, body, count):
    magic = struct.unpack(">I", header[:4])[0]
    with gzip.open(path, "wb") as f:
        f.write(struct.pack(">II", magic, count) + header[8:] + body)


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    src, dst, fraction, seed = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    os.makedirs(dst, exist_ok=True)
    img_header, pixels, n = read_idx(os.path.join(src, "train-images-idx3-ubyte.gz"))
    lab_header, labels, _ = read_idx(os.path.join(src, "train-labels-idx1-ubyte.gz"))
    if len(sys.argv) == 6:
        n = min(n, int(sys.argv[5]))
        pixels = pixels[: n * 28 * 28]
    labels = bytearray(labels[:n])
    rng = random.Random(seed)
    flipped = sorted(rng.sample(range(n), round(fraction * n)))
    with open(os.path.join(dst, "flips.csv"), "w") as out:
        out.write("item,original,given\n")
        for i in flipped:
            new = rng.choice([c for c in range(10) if c != labels[i]])
            out.write(f"train/{i:05d},{NAMES[labels[i]]},{NAMES[new]}\n")
            labels[i] = new
    write_idx(os.path.join(dst, "train-images-idx3-ubyte.gz"), img_header, pixels, n)
    write_idx(os.path.join(dst, "train-labels-idx1-ubyte.gz"), lab_header, bytes(labels), n)
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):  # the import wants them
        shutil.copy(os.path.join(src, name), os.path.join(dst, name))
    print(f"flipped {len(flipped)} of {n} training labels (seed {seed})")


if __name__ == "__main__":
    main()
