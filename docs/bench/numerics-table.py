#!/usr/bin/env python3
"""Turns the JMH JSON of the numerics suite into the Markdown tables of BENCHMARKS.md (section Numerics).

Usage: python3 docs/bench/numerics-table.py numerics-jmh.json [doubles per SIMD vector, default 4] > tables.md

FLOP and byte counts per call are the textbook ones (below); GB/s counts compulsory traffic only (no
write-allocate). A kernel's roofline is min(measured SIMD FMA peak, intensity x measured bandwidth at the
level its working set lives in): the `read` probe for read-only kernels, `triad` for kernels that write.
"""
import json
import sys

VEC = {"L1": 1 << 10, "L2": 1 << 15, "MEM": 1 << 22}
SIDE = {"L1": 40, "L2": 256, "MEM": 3000}
CHAINS, STEPS = 12, 1024
SQUARE, BATCH, IN, OUT, ROWS, ITEMS = 256, 128, 512, 256, 1000, 10


def level_model(op, level):
    """(flops, bytes, ceiling probe) per call of a KernelBench/KernelLibraryBench op."""
    n, s = VEC[level], SIDE[level]
    return {
        "dot": (2 * n, 16 * n, "read"),
        "norm2": (2 * n, 8 * n, "read"),
        "axpy": (2 * n, 24 * n, "triad"),
        "scale": (n, 16 * n, "triad"),
        "gemv": (2 * s * s, 8 * s * s, "read"),
        "gemvTransposed": (2 * s * s, 8 * s * s, "read"),
        "rank1Update": (2 * s * s, 16 * s * s, "triad"),
    }[op]


GEMM_MODEL = {  # flops, bytes (compulsory), ceiling ("peak" or a bandwidth probe at a level)
    "gemm256": (2 * SQUARE ** 3, 3 * 8 * SQUARE ** 2, ("peak", None)),
    "denseForward": (2 * BATCH * IN * OUT, 8 * (BATCH * IN + IN * OUT + BATCH * OUT), ("peak", None)),
    "denseInputGradient": (2 * BATCH * IN * OUT, 8 * (BATCH * IN + IN * OUT + BATCH * OUT), ("peak", None)),
    "denseWeightGradient": (2 * BATCH * IN * OUT, 8 * (BATCH * IN + IN * OUT + BATCH * OUT), ("peak", None)),
    "rowSquaredNorms": (2 * ROWS * ITEMS, 8 * ROWS * ITEMS, ("read", "L2")),
    "rowQuadraticForms": (2 * ROWS * ITEMS * (ITEMS + 1), 8 * ROWS * ITEMS * (ITEMS + 1), ("read", "L2")),
}


def load(path):
    out = {}
    for r in json.load(open(path)):
        cls, method = r["benchmark"].split(".")[-2:]
        params = r.get("params", {})
        if "primaryMetric" in r:  # raw JMH JSON (-rf json)
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            score, error = r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"]
        else:  # the trimmed copy committed as numerics-jmh.json
            alloc, score, error = r["allocBytesPerOp"], r["score"], r["scoreError"]
        out[(cls, method, params.get("impl"), params.get("level"), params.get("n"))] = (score, error, alloc)
    return out


def fmt(x, digits=3):
    if x is None:
        return "–"
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def main(path):
    res = load(path)
    get = lambda *k: res.get(k, (None, None, None))
    peak_simd_ops = get("RooflineBench", "fmaPeakSimd", None, None, None)[0]
    peak_scalar_ops = get("RooflineBench", "fmaPeakScalar", None, None, None)[0]
    # lanes: 4 for 256-bit doubles; the probe's FLOPs per call = 2*CHAINS*STEPS*lanes
    lanes = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    peak = peak_simd_ops * 2 * CHAINS * STEPS * lanes / 1e9
    peak_scalar = peak_scalar_ops * 2 * CHAINS * STEPS / 1e9
    bw = {}  # a probe missing from the JSON (a partial run) leaves its ceiling, and fractions using it, as "–"
    for level in VEC:
        n = VEC[level]
        for probe, bytes_per_element in (("read", 16), ("triad", 24)):
            ops = get("RooflineBandwidthBench", probe, None, level, None)[0]
            bw[(probe, level)] = ops * bytes_per_element * n / 1e9 if ops else None

    print("### Measured ceilings (single core)\n")
    print("| probe | L1 | L2 | MEM |")
    print("|---|---|---|---|")
    print(f"| FMA peak, SIMD ({lanes} lanes) GFLOP/s | {fmt(peak)} | | |")
    print(f"| FMA peak, scalar `Math.fma` GFLOP/s | {fmt(peak_scalar)} | | |")
    for probe in ("read", "triad"):
        if any(bw[(probe, l)] for l in VEC):
            print(f"| {probe} bandwidth GB/s | " + " | ".join(fmt(bw[(probe, l)]) for l in VEC) + " |")

    print("\n### Level-1/2 kernels\n")
    print("| kernel | level | SIMD ops/s | SIMD GFLOP/s | SIMD GB/s | × scalar | × EJML | × ojAlgo | "
          "roofline GFLOP/s | fraction of roofline | SIMD alloc B/op |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for op in ("dot", "norm2", "axpy", "scale", "gemv", "gemvTransposed", "rank1Update"):
        cap = op[0].upper() + op[1:]
        for level in VEC:
            flops, nbytes, probe = level_model(op, level)
            simd, _, alloc = get("KernelBench", op, "simd", level, None)
            scalar = get("KernelBench", op, "scalar", level, None)[0]
            ejml = get("KernelLibraryBench", "ejml" + cap, None, level, None)[0]
            oja = get("KernelLibraryBench", "ojalgo" + cap, None, level, None)[0]
            if simd is None:
                continue
            gflops = simd * flops / 1e9
            roof = min(peak, flops / nbytes * bw[(probe, level)])
            print(f"| {op} | {level} | {fmt(simd)} | {fmt(gflops)} | {fmt(simd * nbytes / 1e9)} | "
                  f"{fmt(simd / scalar) if scalar else '–'} | {fmt(simd / ejml) if ejml else '–'} | "
                  f"{fmt(simd / oja) if oja else '–'} | {fmt(roof)} ({probe}) | {fmt(gflops / roof)} | {fmt(alloc)} |")

    print("\n### gemm and loss reductions\n")
    print("| kernel | SIMD ops/s | SIMD GFLOP/s | scalar GFLOP/s | × scalar | EJML GFLOP/s | × EJML | "
          "ojAlgo GFLOP/s | × ojAlgo | fraction of roofline | SIMD alloc B/op |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for op, (flops, nbytes, (ceil, lvl)) in GEMM_MODEL.items():
        simd, _, alloc = get("KernelGemmBench", op, "simd", None, None)
        scalar = get("KernelGemmBench", op, "scalar", None, None)[0]
        cap = op[0].upper() + op[1:]
        ejml = get("KernelLibraryGemmBench", "ejml" + cap, None, None, None)[0]
        oja = get("KernelLibraryGemmBench", "ojalgo" + cap, None, None, None)[0]
        if simd is None:
            continue
        if ceil == "peak":
            roof = peak
        else:
            roof = min(peak, flops / nbytes * bw[(ceil, lvl)]) if bw[(ceil, lvl)] else None
        g = lambda ops: ops * flops / 1e9 if ops else None
        print(f"| {op} | {fmt(simd)} | {fmt(g(simd))} | {fmt(g(scalar))} | {fmt(simd / scalar)} | {fmt(g(ejml))} | "
              f"{fmt(simd / ejml) if ejml else '–'} | {fmt(g(oja))} | {fmt(simd / oja) if oja else '–'} | "
              f"{fmt(g(simd) / roof) if roof else '–'} | {fmt(alloc)} |")

    print("\n### Conjugate gradients (20 iterations per solve; normal CG: 5 iterations, 2 operator applications each)\n")
    print("| operator | n | kernels | CG solves/s | µs per CG iteration | µs per gemv + vector updates | "
          "iteration / reference | normal-CG (TaskMet setting) solves/s | CG alloc B/solve |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in ("100", "1000", "4000"):
        for impl in ("scalar", "simd"):
            cg, _, alloc = get("CgBench", "cgFixedIterations", impl, None, n)
            ref = get("CgBench", "gemvPlusVectorUpdates", impl, None, n)[0]
            ncg = get("CgBench", "normalCgTaskmetDefaults", impl, None, n)[0]
            if cg is None:
                continue
            it_us = 1e6 / (cg * 20)
            ref_us = 1e6 / ref
            print(f"| dense SPD | {n} | {impl} | {fmt(cg)} | {fmt(it_us)} | {fmt(ref_us)} | {fmt(it_us / ref_us)} | "
                  f"{fmt(ncg)} | {fmt(alloc)} |")
    for impl in ("scalar", "simd"):
        cg, _, alloc = get("CgMatrixFreeBench", "cgFixedIterations", impl, None, None)
        apply = get("CgMatrixFreeBench", "operatorApply", impl, None, None)[0]
        if cg is None:
            continue
        it_us = 1e6 / (cg * 20)
        print(f"| matrix-free JᵀWJ + μI (J 512×1000) | 1000 | {impl} | {fmt(cg)} | {fmt(it_us)} | "
              f"{fmt(1e6 / apply)} (apply only) | {fmt(it_us * apply / 1e6)} | – | {fmt(alloc)} |")


if __name__ == "__main__":
    main(sys.argv[1])
