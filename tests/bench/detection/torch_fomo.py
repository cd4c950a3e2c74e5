#!/usr/bin/python3
"""fomo96-det (core/nn/architectures.cpp) in PyTorch, for the training-speed comparison: the same
layers, per-cell softmax cross-entropy with object cells weighted against background, Adam,
the same batch size, on the same number of threads. Seconds per epoch do not depend on pixel
values, so the images and cell targets are random with the box demo's shapes (N images of
96 x 96 x 1, a 12 x 12 grid of CLASSES + 1 channels, about 3 object cells per image). Prints one
line per epoch: "epoch N seconds S train_loss L".

usage: torch_fomo.py IMAGES EPOCHS THREADS [BATCH] [CLASSES] [LR] [OBJECT_WEIGHT]"""
import sys
import time

import torch
from torch import nn


def block(cin, cout, stride):
    # depthwise 3x3 + pointwise 1x1, both ReLU6, as Loupe's depthwise() and conv(1, 1, ...).
    return [nn.Conv2d(cin, cin, 3, stride, 1, groups=cin), nn.ReLU6(), nn.Conv2d(cin, cout, 1), nn.ReLU6()]


def model(classes):
    layers = [nn.Conv2d(1, 8, 3, 2, 1), nn.ReLU6()]
    widths, strides, cin = [16, 32, 32, 64, 64, 64], [1, 2, 1, 2, 1, 1], 8
    for w, s in zip(widths, strides):
        layers += block(cin, w, s)
        cin = w
    layers.append(nn.Conv2d(cin, classes + 1, 1))
    return nn.Sequential(*layers)


def main():
    n, epochs, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 32
    classes = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    lr = float(sys.argv[6]) if len(sys.argv) > 6 else 3e-3
    object_weight = float(sys.argv[7]) if len(sys.argv) > 7 else 10.0
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = torch.rand(n, 1, 96, 96) * 2 - 1
    y = torch.zeros(n, 12, 12, dtype=torch.int64)
    for i in range(n):
        cells = torch.randperm(144)[:3]
        y[i].view(-1)[cells] = torch.randint(1, classes + 1, (3,))
    weights = torch.full((classes + 1,), object_weight)
    weights[0] = 1.0
    net = model(classes)
    optimizer = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss(weight=weights)
    for epoch in range(1, epochs + 1):
        net.train()
        started = time.perf_counter()
        order = torch.randperm(n)
        loss_sum = 0.0
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
        seconds = time.perf_counter() - started
        print(f"epoch {epoch} seconds {seconds:.3f} train_loss {loss_sum / n:.4f}", flush=True)


if __name__ == "__main__":
    main()
