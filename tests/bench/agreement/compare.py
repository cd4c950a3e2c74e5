#!/usr/bin/python3
"""The agreement benchmark's reference run: the same computations as bench_agreement with
scikit-learn, statsmodels and SciPy, reading the same project file with sqlite3.

usage: compare.py labels|boxes PROJECT  -> one JSON line with seconds and results.
Krippendorff's alpha has no implementation in those libraries; it is computed here with NumPy
from the coincidence matrix so its value can be cross-checked, and it is timed with the rest."""
import json
import sqlite3
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa


def load_labels(path):
    db = sqlite3.connect(path)
    labelers = [r[0] for r in db.execute(
        "SELECT id FROM labelers WHERE kind IN ('human','reference') ORDER BY id")]
    classes = db.execute("SELECT id, name FROM classes ORDER BY sort_order, id").fetchall()
    rows = np.array(db.execute(
        "SELECT item_id, labeler_id, class_id FROM annotations WHERE kind='label'").fetchall())
    items = np.unique(rows[:, 0])
    col = {l: i for i, l in enumerate(labelers)}
    cat = {c: i for i, (c, _) in enumerate(classes)}
    table = np.full((len(items), len(labelers)), -1, dtype=np.int64)
    table[np.searchsorted(items, rows[:, 0]),
          np.vectorize(col.get)(rows[:, 1])] = np.vectorize(cat.get)(rows[:, 2])
    values = np.array([float(n) for _, n in classes])
    return table, values


def alpha(counts, level, values):
    k = counts.shape[1]
    m = counts.sum(axis=1)
    keep = m >= 2
    c, m = counts[keep].astype(float), m[keep].astype(float)
    o = np.einsum('uc,uk->ck', c / (m - 1)[:, None], c) - np.diag((c / (m - 1)[:, None]).sum(axis=0))
    nc = o.sum(axis=1)
    n = nc.sum()
    idx = np.arange(k)
    if level == 'nominal':
        d2 = (idx[:, None] != idx[None, :]).astype(float)
    elif level == 'ordinal':
        cum = np.concatenate([[0], np.cumsum(nc)])
        lo, hi = np.minimum.outer(idx, idx), np.maximum.outer(idx, idx)
        d2 = (cum[hi + 1] - cum[lo] - (nc[lo] + nc[hi]) / 2) ** 2
    elif level == 'interval':
        d2 = (values[:, None] - values[None, :]) ** 2
    else:
        d2 = ((values[:, None] - values[None, :]) / (values[:, None] + values[None, :])) ** 2
    return 1 - (n - 1) * (o * d2).sum() / (np.outer(nc, nc) * d2).sum()


def labels(path):
    t0, c0 = time.perf_counter(), time.process_time()
    table, values = load_labels(path)
    load = time.perf_counter() - t0
    counts, _ = aggregate_raters(table, n_cat=len(values))
    m = counts.sum(axis=1)
    percent = float(((counts * (counts - 1)).sum(axis=1) / (m * (m - 1))).mean())
    fleiss = float(fleiss_kappa(counts))
    alphas = {lv: float(alpha(counts, lv, values)) for lv in ('nominal', 'ordinal', 'interval', 'ratio')}
    pairs = []
    r = table.shape[1]
    labels_ = list(range(len(values)))
    for a in range(r):
        for b in range(a + 1, r):
            x, y = table[:, a], table[:, b]
            both = (x >= 0) & (y >= 0)
            x, y = x[both], y[both]
            ks = [cohen_kappa_score(x, y, labels=labels_, weights=w) for w in (None, 'linear', 'quadratic')]
            pa = float((x == y).mean())
            pooled = np.bincount(np.concatenate([x, y]), minlength=len(values)) / (2 * len(x))
            pe = float((pooled ** 2).sum())
            pairs.append((pa, *ks, (pa - pe) / (1 - pe)))
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"labels": int((table >= 0).sum()), "load_s": load, "total_s": total, "cpu_s": cpu,
            "percent_agreement": percent, "fleiss_kappa": fleiss, "krippendorff_alpha": alphas,
            "pair0_kappa": pairs[0][1], "pair0_kappa_linear": pairs[0][2],
            "pair0_kappa_quadratic": pairs[0][3], "pairs": len(pairs)}


def iou(a, b):
    ax2, ay2 = a[:, 0] + a[:, 2], a[:, 1] + a[:, 3]
    bx2, by2 = b[:, 0] + b[:, 2], b[:, 1] + b[:, 3]
    iw = np.clip(np.minimum(ax2[:, None], bx2[None, :]) - np.maximum(a[:, 0][:, None], b[:, 0][None, :]), 0, None)
    ih = np.clip(np.minimum(ay2[:, None], by2[None, :]) - np.maximum(a[:, 1][:, None], b[:, 1][None, :]), 0, None)
    inter = iw * ih
    union = (a[:, 2] * a[:, 3])[:, None] + (b[:, 2] * b[:, 3])[None, :] - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1), 0)


def assign(ious, threshold):
    """Maximum number of pairs at or above the threshold, then maximum total IoU."""
    if ious.size == 0:
        return []
    big = min(ious.shape) + 1.0
    w = np.where(ious >= threshold, big + ious, 0.0)
    rows, cols = linear_sum_assignment(w, maximize=True)
    return [(r, c) for r, c in zip(rows, cols) if w[r, c] > 0]


def boxes(path, threshold=0.5):
    t0, c0 = time.perf_counter(), time.process_time()
    db = sqlite3.connect(path)
    labelers = [r[0] for r in db.execute(
        "SELECT id FROM labelers WHERE kind IN ('human','reference') ORDER BY id")]
    rows = np.array(db.execute(
        "SELECT item_id, labeler_id, class_id, x, y, w, h FROM annotations WHERE kind='box' "
        "ORDER BY item_id, labeler_id, id").fetchall())
    load = time.perf_counter() - t0
    items, starts = np.unique(rows[:, 0], return_index=True)
    ends = np.append(starts[1:], len(rows))
    results = []
    for ai in range(len(labelers)):
        for bi in range(ai + 1, len(labelers)):
            matched = mismatch = na = nb = 0
            iou_sum = 0.0
            for s, e in zip(starts, ends):
                chunk = rows[s:e]
                A = chunk[chunk[:, 1] == labelers[ai]]
                B = chunk[chunk[:, 1] == labelers[bi]]
                na += len(A)
                nb += len(B)
                used_a = np.zeros(len(A), bool)
                used_b = np.zeros(len(B), bool)
                for c in np.unique(A[:, 2]):
                    ia, ib = np.flatnonzero(A[:, 2] == c), np.flatnonzero(B[:, 2] == c)
                    m = iou(A[ia, 3:7], B[ib, 3:7])
                    for r, q in assign(m, threshold):
                        used_a[ia[r]] = used_b[ib[q]] = True
                        matched += 1
                        iou_sum += m[r, q]
                ia, ib = np.flatnonzero(~used_a), np.flatnonzero(~used_b)
                mismatch += len(assign(iou(A[ia, 3:7], B[ib, 3:7]), threshold))
            results.append({"f1": 2 * matched / (na + nb), "matched": matched,
                            "class_mismatch": mismatch, "mean_iou": iou_sum / matched})
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"boxes": len(rows), "load_s": load, "total_s": total, "cpu_s": cpu, "pair0_f1": results[0]["f1"],
            "pair0_matched": results[0]["matched"], "pair0_class_mismatch": results[0]["class_mismatch"],
            "pair0_mean_iou": results[0]["mean_iou"]}


if __name__ == "__main__":
    what, path = sys.argv[1], sys.argv[2]
    print(json.dumps(labels(path) if what == "labels" else boxes(path)))
