#!/usr/bin/env bash
# TaskMet's outer-step products against PyTorch, interleaved on one machine: the PyTorch peer, then the JMH
# HypergradientBenchmark, then the peer again. Prints taskmet µs (JMH mean ± 99.9 % error), PyTorch µs (mean of
# the two peer medians, with both runs shown) and PyTorch / taskmet per size and product, with the commit and
# the load average at each stage. One thread each, float64. This is the only source of the speed-ups quoted in
# README.md and BENCHMARKS.md.
#
#   scripts/compare-torch.sh            # the measurement (about 20 minutes; run it on a quiet machine)
#   scripts/compare-torch.sh --quick    # a one-minute check that every stage runs (numbers meaningless)
#
# Options: --quick, --out DIR (raw outputs; default target/compare-torch/<UTC time>), --no-build (use the
# existing taskmet-jmh/target/benchmarks.jar). Environment: JAVA (default java), PYTHON (default
# /usr/bin/python3, which must import torch: apt-get install -y python3-torch), PEER (the peer script).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

quick=false
build=true
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --no-build) build=false ;;
    --out) out="${2:?--out needs a directory}"; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-torch.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

java="${JAVA:-java}"
python="${PYTHON:-/usr/bin/python3}"
peer="${PEER:-$root/../shared/peers/torch_taskmet_step.py}"
jar="$root/taskmet-jmh/target/benchmarks.jar"
out="${out:-$root/target/compare-torch/$(date -u +%Y%m%dT%H%M%SZ)}"

if [ ! -f "$peer" ]; then
  echo "compare-torch.sh: the PyTorch peer script is not at $peer (set PEER=...)" >&2
  exit 2
fi
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "compare-torch.sh: $python cannot import torch (apt-get install -y python3-torch, or set PYTHON=...)" >&2
  exit 2
fi
if $build || [ ! -f "$jar" ]; then
  echo "== building taskmet-jmh/target/benchmarks.jar"
  ./mvnw -B -q -pl taskmet-jmh -am package -DskipTests
fi
mkdir -p "$out"

if $quick; then
  peer_args=(--threads 1 --reps 5)
  jmh_args=(-f 1 -wi 0 -i 1 -r 200ms)
else
  # Error bars under 10 %: three forks (between-fork JIT variance shows in the error; two forks left 3 of 12
  # products at 11-13 % on 2026-12-02), 5 s of warm-up and 10 two-second measurements per fork (the
  # portfolio hypergradient runs ~50 calls per iteration); the serial collector with a fixed, pre-touched heap
  # keeps GC and heap resizing from landing in random iterations. About 16 minutes of JMH.
  peer_args=(--threads 1 --reps 200)
  jmh_args=(-f 3 -wi 5 -w 1s -i 10 -r 2s)
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo '+dirty')"
{
  echo "commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $("$java" -version 2>&1 | head -1)"
  grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'
} | tee "$out/context.txt"
if awk '{ exit !($1 > 1.5) }' /proc/loadavg; then
  echo "WARNING: load average $(load) is above 1.5: other work shares the cores; the ratios are suspect" \
    | tee -a "$out/context.txt"
fi

stage() { # name, command...: runs one stage, logging load before and after
  local name="$1"; shift
  echo "load before $name: $(load)" | tee -a "$out/context.txt"
  "$@"
  echo "load after $name: $(load)" | tee -a "$out/context.txt"
}

stage "pytorch run 1" bash -c '"$0" "$1" "${@:3}" | tee "$2"' "$python" "$peer" "$out/torch-1.txt" "${peer_args[@]}"
jmh() {
  echo "JMH: ${jmh_args[*]} (log: $out/jmh.txt)"
  "$java" -jar "$jar" 'HypergradientBenchmark\.(grad|hvp|mixed|hypergrad)$' \
    "${jmh_args[@]}" -tu us -rf json -rff "$out/jmh.json" \
    -jvmArgsPrepend --add-modules=jdk.incubator.vector \
    -jvmArgsAppend "-XX:+UseSerialGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch" >"$out/jmh.txt" 2>&1 \
    || { tail -30 "$out/jmh.txt" >&2; exit 1; }
}
stage "taskmet (JMH)" jmh
stage "pytorch run 2" bash -c '"$0" "$1" "${@:3}" | tee "$2"' "$python" "$peer" "$out/torch-2.txt" "${peer_args[@]}"

"$python" "$root/scripts/compare_torch_table.py" "$out" | tee "$out/table.md"
$quick && echo "(--quick: a check that every stage runs; these numbers mean nothing)"
echo "raw outputs: $out"
