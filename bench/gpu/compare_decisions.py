#!/usr/bin/env python3
"""Whether two `itinera run --out` folders hold the same decisions.

Stage changes must be the same bytes; actions the same apart from the scores they record, which
may differ in the last float bit between ONNX Runtime on the CPU and PyTorch on a GPU, and must
agree within 1e-6.

    python3 bench/gpu/compare_decisions.py EXPECTED_OUT ACTUAL_OUT
"""
import json
import os
import sys


def lines(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return f.read().splitlines()


def main(expected, actual):
    problems, worst = [], 0.0
    if lines(expected, "stage-changes.jsonl") != lines(actual, "stage-changes.jsonl"):
        problems.append("the stage changes differ")
    want, got = lines(expected, "actions.jsonl"), lines(actual, "actions.jsonl")
    if len(want) != len(got):
        problems.append("%d actions expected, %d written" % (len(want), len(got)))
    for number, (a, b) in enumerate(zip(want, got), 1):
        a, b = json.loads(a), json.loads(b)
        scores_a, scores_b = a.pop("scores", {}), b.pop("scores", {})
        if a != b or scores_a.keys() != scores_b.keys():
            problems.append("action %d differs: %s against %s" % (number, a, b))
            break
        for model in scores_a:
            worst = max(worst, abs(scores_a[model] - scores_b[model]))
    if worst > 1e-6:
        problems.append("a recorded score differs by %.2e" % worst)
    changes = len(lines(actual, "stage-changes.jsonl"))
    if problems:
        print("DIFFERENT decisions: " + "; ".join(problems))
        return 1
    print("same decisions: %d actions and %d stage changes; recorded scores within %.1e of CPU scoring"
          % (len(got), changes, worst))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
