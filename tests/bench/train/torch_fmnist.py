#!/usr/bin/python3
"""The fmnist-cnn architecture in PyTorch, trained with Loupe's bench recipe (Adam lr 1e-3,
batch 64, shuffled, no augmentation) on the same number of threads. Prints one line per epoch:
"epoch N seconds S train_loss L train_acc A", then "test_accuracy A".

usage: torch_fmnist.py [DATASET_DIR] [EPOCHS] [THREADS]"""
import gzip
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(directory, prefix):
    images = read_idx(f"{directory}/{prefix}-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28)
    labels = read_idx(f"{directory}/{prefix}-labels-idx1-ubyte.gz", 8).astype(np.int64)
    # Loupe's input normalisation: (pixel - 128) / 128.
    x = torch.from_numpy((images.astype(np.float32) - 128.0) / 128.0)
    return x, torch.from_numpy(labels)


def model():
    # conv3x3(16, same) relu, maxpool2, conv3x3(32, same) relu, maxpool2, dense 32 relu, dense 10.
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 32), nn.ReLU(), nn.Linear(32, 10))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x_train, y_train = load(directory, "train")
    x_test, y_test = load(directory, "t10k")
    net = model()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    batch = 64
    for epoch in range(1, epochs + 1):
        net.train()
        started = time.perf_counter()
        order = torch.randperm(len(x_train))
        loss_sum, correct = 0.0, 0
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            xb, yb = x_train[idx], y_train[idx]
            optimizer.zero_grad()
            logits = net(xb)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(1) == yb).sum().item()
        seconds = time.perf_counter() - started
        print(f"epoch {epoch} seconds {seconds:.2f} train_loss {loss_sum / len(x_train):.4f} "
              f"train_acc {correct / len(x_train):.4f}", flush=True)
    net.eval()
    with torch.no_grad():
        predictions = torch.cat([net(x_test[i:i + 1000]).argmax(1) for i in range(0, len(x_test), 1000)])
    print(f"test_accuracy {(predictions == y_test).float().mean().item():.4f}")


if __name__ == "__main__":
    main()
