#!/usr/bin/env python3
"""Trains the sample next-item recommender (models/next_items.onnx + models/items.txt).

A small SASRec-style model (item embeddings, learned positions, causal self-attention) trained on
the Taobao user-behaviour log with a time split: the last two days are held out. The ONNX graph
takes the customer's last N item indices and returns the top K items and their scores
(softmax probabilities): top-K runs inside the graph, so the runtime only maps ids.

Requirements (CPU is enough: about ten minutes on one core), in a throwaway virtualenv:

    python3 -m venv /tmp/recvenv && /tmp/recvenv/bin/pip install torch numpy onnx onnxruntime
    /tmp/recvenv/bin/python journeys/models/train_next_items.py \
        --log ../shared/data/taobao-user-behavior/user_behavior.csv --out journeys/models

Writes next_items.onnx, items.txt (line n is the model's index n; index 0 is padding and every
unknown item) and next_items_eval.md: HR@10 and NDCG@10 on the held-out days against a
most-popular and an item co-occurrence baseline.
"""
import argparse
import collections
import datetime
import math
import os
import random

import numpy as np
import torch
import torch.nn as nn

PAD = 0
CHINA = datetime.timezone(datetime.timedelta(hours=8))  # Taobao's day boundaries


def read_log(path):
    """(user, item, behaviour, ts) rows; malformed lines (the cut-off last one) are skipped."""
    rows, bad = [], 0
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            parts = line.strip().split(",")
            if len(parts) != 5 or not parts[4].isdigit() or parts[3] not in ("pv", "cart", "fav", "buy"):
                bad += 1
                continue
            rows.append((parts[0], parts[1], parts[3], int(parts[4])))
    return rows, bad


def sequences(rows):
    """Per user, items in time order, a repeat of the item just seen dropped (as the runtime keeps them)."""
    by_user = collections.defaultdict(list)
    for user, item, _, ts in rows:
        by_user[user].append((ts, item))
    result = {}
    for user, events in by_user.items():
        events.sort()
        seq = []
        for ts, item in events:
            if not seq or seq[-1][1] != item:
                seq.append((ts, item))
        result[user] = seq
    return result


class NextItems(nn.Module):
    def __init__(self, vocab_size, length, dim, layers, heads, dropout):
        super().__init__()
        self.items = nn.Embedding(vocab_size, dim, padding_idx=PAD)
        self.positions = nn.Embedding(length, dim)
        layer = nn.TransformerEncoderLayer(dim, heads, dim * 2, dropout, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(dim)
        nn.init.normal_(self.items.weight, std=0.05)
        nn.init.normal_(self.positions.weight, std=0.05)
        self.register_buffer("causal", torch.triu(torch.full((length, length), float("-inf")), diagonal=1))

    def forward(self, seq):
        positions = torch.arange(seq.shape[1], device=seq.device)
        hidden = self.items(seq) + self.positions(positions)[None]
        hidden = self.encoder(hidden, mask=self.causal)
        return self.norm(hidden[:, -1, :]) @ self.items.weight.T  # the next item after the last: [batch, vocab]


class TopK(nn.Module):
    """The exported graph: last position's logits, padding masked, softmax, top K."""

    def __init__(self, model, k):
        super().__init__()
        self.model, self.k = model, k

    def forward(self, sequence):
        logits = self.model(sequence)
        mask = torch.zeros_like(logits)
        mask[:, PAD] = float("-inf")
        probabilities = torch.softmax(logits + mask, dim=-1)
        scores, indices = torch.topk(probabilities, self.k, dim=-1)
        return indices, scores


def left_pad(indices, length):
    indices = indices[-length:]
    return [PAD] * (length - len(indices)) + indices


def evaluate(cases, rank_fn, k=10):
    hits, ndcg = 0, 0.0
    for history, target in cases:
        ranked = rank_fn(history)[:k]
        if target in ranked:
            hits += 1
            ndcg += 1.0 / math.log2(ranked.index(target) + 2)
    return hits / len(cases), ndcg / len(cases)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--test-days", type=int, default=2)
    parser.add_argument("--length", type=int, default=20)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--max-items", type=int, default=20000)
    parser.add_argument("--dim", type=int, default=48)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)

    rows, bad = read_log(args.log)
    last_day = max(datetime.datetime.fromtimestamp(ts, CHINA).date() for *_, ts in rows)
    split_day = last_day - datetime.timedelta(days=args.test_days - 1)
    split_ts = int(datetime.datetime.combine(split_day, datetime.time(), CHINA).timestamp())
    seqs = sequences(rows)

    train_counts = collections.Counter(item for seq in seqs.values() for ts, item in seq if ts < split_ts)
    vocabulary = [item for item, n in train_counts.most_common(args.max_items) if n >= args.min_count]
    index = {item: i + 1 for i, item in enumerate(vocabulary)}
    vocab_size = len(vocabulary) + 1

    def to_indices(items):
        return [index.get(item, PAD) for item in items]

    # training: every prefix of every user's pre-split sequence predicts its next item
    train_windows = []
    for seq in seqs.values():
        items = to_indices([item for ts, item in seq if ts < split_ts])
        for end in range(1, len(items)):
            if items[end] != PAD:
                train_windows.append((left_pad(items[:end], args.length), items[end]))
    # held-out: each post-split event, with everything before it as history
    test_cases = []
    for seq in seqs.values():
        items = [item for _, item in seq]
        for position, (ts, item) in enumerate(seq):
            if ts >= split_ts and position > 0:
                test_cases.append((items[:position], item))

    print(f"{len(rows)} events, {len(vocabulary)} items, {len(train_windows)} windows, {len(test_cases)} test cases", flush=True)
    model = NextItems(vocab_size, args.length, args.dim, layers=2, heads=2, dropout=0.2)
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3, weight_decay=1e-5)
    inputs = torch.tensor([w for w, _ in train_windows])
    targets = torch.tensor([t for _, t in train_windows])
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(inputs))
        total = 0.0
        for start in range(0, len(order), 512):
            batch = order[start:start + 512]
            logits = model(inputs[batch])
            loss = nn.functional.cross_entropy(logits, targets[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1}: loss {total / len(inputs):.3f}", flush=True)

    model.eval()
    top_model = TopK(model, args.top)

    # the model's top K for every held-out case, in batches
    ranked_by_case = {}
    with torch.no_grad():
        for start in range(0, len(test_cases), 1024):
            chunk = test_cases[start:start + 1024]
            batch = torch.tensor([left_pad(to_indices(history), args.length) for history, _ in chunk])
            indices, _ = top_model(batch)
            for offset, row in enumerate(indices.tolist()):
                ranked_by_case[start + offset] = [vocabulary[i - 1] for i in row]
    case_numbers = {id(history): n for n, (history, _) in enumerate(test_cases)}

    def rank_model(history):
        return ranked_by_case[case_numbers[id(history)]]

    popular = [item for item, _ in train_counts.most_common(args.top * 5)]

    followers = collections.defaultdict(collections.Counter)
    for seq in seqs.values():
        items = [item for ts, item in seq if ts < split_ts]
        for i, item in enumerate(items):
            for follower in items[i + 1:i + 4]:  # items seen within the next three steps
                if follower != item:
                    followers[item][follower] += 1

    def rank_cooccurrence(history):
        ranked = [item for item, _ in followers[history[-1]].most_common(args.top)]
        return ranked + [item for item in popular if item not in ranked]

    hr_model, ndcg_model = evaluate(test_cases, rank_model, args.top)
    hr_pop, ndcg_pop = evaluate(test_cases, lambda history: popular, args.top)
    hr_co, ndcg_co = evaluate(test_cases, rank_cooccurrence, args.top)
    in_vocab = sum(1 for _, target in test_cases if target in index) / len(test_cases)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "items.txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(vocabulary) + "\n")
    onnx_path = os.path.join(args.out, "next_items.onnx")
    example = torch.tensor([left_pad([1, 2, 3], args.length)])
    torch.onnx.export(top_model, (example,), onnx_path, input_names=["sequence"],
                      output_names=["items", "scores"], opset_version=17, dynamo=False,
                      dynamic_axes={"sequence": {0: "batch"}, "items": {0: "batch"}, "scores": {0: "batch"}})
    import onnx
    graph = onnx.load(onnx_path)
    for key, value in (("itinera.vocabulary_size", vocab_size), ("itinera.sequence_length", args.length)):
        entry = graph.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.save(graph, onnx_path)

    report = f"""# next_items.onnx: evaluation

Trained by `train_next_items.py` (SASRec-style: {args.dim}-dim item embeddings, 2 causal self-attention
layers, last {args.length} items, {args.epochs} epochs, seed {args.seed}) on
`user_behavior.csv`: {len(rows):,} events ({bad} unreadable lines skipped), {len(seqs):,} customers.
Time split: events from {split_day} (UTC+8) on are held out.

- vocabulary: {len(vocabulary):,} items seen at least {args.min_count} times before the split (index 0: padding and unknown)
- training windows: {len(train_windows):,}; held-out next-item cases: {len(test_cases):,}
  (history: everything the customer did before; repeats of the item just seen dropped)
- held-out targets inside the vocabulary: {in_vocab:.1%} (no model can recommend the others)

| ranker | HR@{args.top} | NDCG@{args.top} |
| --- | ---: | ---: |
| next_items.onnx | {hr_model:.4f} | {ndcg_model:.4f} |
| most popular (before the split) | {hr_pop:.4f} | {ndcg_pop:.4f} |
| item co-occurrence (next 3 items after the last one, popular to fill) | {hr_co:.4f} | {ndcg_co:.4f} |
"""
    with open(os.path.join(args.out, "next_items_eval.md"), "w", encoding="utf-8") as out:
        out.write(report)
    print(report)


if __name__ == "__main__":
    main()
