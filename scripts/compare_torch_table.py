#!/usr/bin/env python3
"""The table of scripts/compare-torch.sh, from one output folder: context.txt, torch-1.txt, jmh.json, torch-2.txt.

Per size and product: taskmet µs (JMH mean ± 99.9 % error, also as a percentage), the two PyTorch medians,
their mean, and PyTorch / taskmet (> 1: taskmet is faster). Standard library only.
"""
import json
import math
import re
import sys
from pathlib import Path

SIZES = ["cubic", "budget", "portfolio"]
PRODUCTS = ["grad", "hvp", "mixed", "hypergrad"]
NAMES = {"grad": "gradient", "hvp": "HVP", "mixed": "mixed product", "hypergrad": "hypergradient"}
PEER_LINE = re.compile(r"^(\w+)\s+params=\s*\d+\s+rows=\s*\d+\s+(.*)$")
PEER_TIME = re.compile(r"(\w+)=\s*([0-9.]+)us")


def peer_medians(path):
    """{(size, product): µs} from one run of torch_taskmet_step.py."""
    times = {}
    for line in path.read_text().splitlines():
        m = PEER_LINE.match(line.strip())
        if m:
            for product, us in PEER_TIME.findall(m.group(2)):
                times[(m.group(1), product)] = float(us)
    return times


def jmh_means(path):
    """{(size, product): (mean µs, 99.9 % error µs)} from JMH's JSON result file."""
    out = {}
    for result in json.loads(path.read_text()):
        product = result["benchmark"].rsplit(".", 1)[1]
        metric = result["primaryMetric"]
        if metric["scoreUnit"] != "us/op":
            raise SystemExit(f"unexpected JMH unit {metric['scoreUnit']} (the script passes -tu us)")
        error = float(metric["scoreError"])  # JMH writes "NaN" (a string) when there is one iteration only
        out[(result["params"]["size"], product)] = (float(metric["score"]), error)
    return out


def fmt(us):
    return f"{us:,.0f}" if us >= 100 else f"{us:,.1f}"


def main(folder):
    folder = Path(folder)
    first = peer_medians(folder / "torch-1.txt")
    second = peer_medians(folder / "torch-2.txt")
    java = jmh_means(folder / "jmh.json")
    print()
    for line in (folder / "context.txt").read_text().splitlines():
        print(f"- {line}")
    log = folder / "jmh.txt"
    kernels = [l for l in log.read_text().splitlines() if "taskmet kernels:" in l] if log.exists() else []
    if kernels:
        print(f"- {kernels[0][kernels[0].index('taskmet kernels:'):]}")
    print()
    print("| size | product | taskmet µs (± 99.9 %) | PyTorch µs, run 1 / run 2 | PyTorch µs (mean) "
          "| PyTorch / taskmet |")
    print("|---|---|---:|---:|---:|---:|")
    missing = []
    for size in SIZES:
        for product in PRODUCTS:
            key = (size, product)
            if key not in java or key not in first or key not in second:
                missing.append(f"{size}/{product}")
                continue
            mean, err = java[key]
            torch = (first[key] + second[key]) / 2
            pct = f"{100 * err / mean:.0f} %" if math.isfinite(err) else "n/a"
            print(f"| {size} | {NAMES[product]} | {fmt(mean)} ± {pct} | {fmt(first[key])} / {fmt(second[key])} "
                  f"| {fmt(torch)} | {torch / mean:.2f}× |")
    if missing:
        print(f"\nmissing from the outputs: {', '.join(missing)}")
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: compare_torch_table.py OUTPUT_FOLDER")
    sys.exit(main(sys.argv[1]))
