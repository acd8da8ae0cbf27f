"""Print the benchmark table: ours vs peers, seconds for 5000 resamples."""
import json
import os
import sys


def lines(path):
    return [json.loads(l) for l in open(path) if l.strip().startswith("{")]


ours = lines(sys.argv[1])
peers = lines(sys.argv[2])
gemm = next((o["gemm_gflops"] for o in ours if "gemm_gflops" in o), None)
print(f"{'case':<36} {'B':>5} {'plsweb 1 thr':>22} {'plsweb all cores':>22} {'kernel':>8}")
for o in ours:
    if "case" not in o:
        continue
    f = lambda x: f"{x[0]:.3f} [{x[1]:.3f},{x[2]:.3f}]"
    print(f"{o['case']:<36} {o['resamples']:>5} {f(o['threads1']):>22} {f(o['threads_all']):>22} {o['kernel_gflops_1thread']:>6.2f}GF")
if gemm:
    print(f"plain matrix multiply on this machine: {gemm:.2f} GFLOP/s (1 thread)")
print(f"load average at the end of the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (above ~0.5 the figures are inflated)")
print()
print(f"{'case':<28} {'peer':<16} {'peer B':>6} {'peer s/5000 (scaled)':>22} {'plsweb s/5000':>14} {'ratio':>8}")
best = {o["case"]: o["threads_all"][0] * 5000 / o["resamples"] for o in ours if "case" in o}
for p in peers:
    if "error" in p:
        print(f"{p['case']:<28} {p['peer']:<16} error: {p['error']}")
        continue
    mine = best.get(p["case"])
    ratio = p["seconds_per_5000"] / mine if mine else float("nan")
    print(f"{p['case']:<28} {p['peer']:<16} {p['resamples']:>6} {p['seconds_per_5000']:>22.1f} {mine:>14.3f} {ratio:>7.0f}×")
