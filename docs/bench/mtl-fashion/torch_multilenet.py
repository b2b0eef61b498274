#!/usr/bin/env python3
"""Peer timing: the MultiLeNet trunk of `taskmet mtl fashion` in PyTorch (CPU), for side-by-side comparison with
the JMH benchmark org.taskmet.jmh.ConvTrunkBenchmark.

The same net and batch: input 256 x 1 x 36 x 36, conv 10@9x9 -> max-pool 2 -> ReLU -> conv 20@5x5 -> max-pool 2
-> ReLU -> flatten (500) -> linear 50 -> ReLU. "forward+backward" = the forward pass, then the gradient of
<g, output> in the parameters for a fixed random cotangent g (no input gradient), as the Java benchmark does.
Prints the median and minimum time per batch and images per second, for float64 (what taskmet computes in)
and float32, with the requested thread counts.

Needs PyTorch (on Debian: apt-get install python3-torch; run with /usr/bin/python3). Usage:
  /usr/bin/python3 torch_multilenet.py [--threads 1 2] [--reps 50] [--batch 256]
"""
import argparse
import statistics
import time

import torch


def multilenet():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 10, 9), torch.nn.MaxPool2d(2), torch.nn.ReLU(),
        torch.nn.Conv2d(10, 20, 5), torch.nn.MaxPool2d(2), torch.nn.ReLU(),
        torch.nn.Flatten(), torch.nn.Linear(500, 50), torch.nn.ReLU())


def timeit(fn, reps):
    for _ in range(max(3, reps // 5)):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args()
    print(f"torch {torch.__version__}, batch {args.batch}, {args.reps} timed repetitions")
    print("| dtype | threads | product | median ms | min ms | images/s (median) |")
    print("|---|---|---|---|---|---|")
    for dtype in (torch.float64, torch.float32):
        for threads in args.threads:
            torch.set_num_threads(threads)
            torch.manual_seed(0)
            net = multilenet().to(dtype)
            params = list(net.parameters())
            x = torch.rand(args.batch, 1, 36, 36, dtype=dtype)
            g = torch.randn(args.batch, 50, dtype=dtype)

            def forward():
                with torch.no_grad():
                    return net(x)

            def forward_backward():
                return torch.autograd.grad((net(x) * g).sum(), params)

            for name, fn in (("forward", forward), ("forward+backward", forward_backward)):
                median, best = timeit(fn, args.reps)
                print(f"| {str(dtype).replace('torch.', '')} | {threads} | {name} | {1e3 * median:.2f} | "
                      f"{1e3 * best:.2f} | {args.batch / median:.0f} |")


if __name__ == "__main__":
    main()
