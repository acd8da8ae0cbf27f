"""Print the benchmark table: ours (native and in the browser) vs peers,
seconds for 5000 resamples.

    python3 bench/table.py ours.jsonl peers.jsonl [browser.jsonl]
"""
import json
import os
import sys


def rows(path):
    """The JSON lines of a file (examples/bench.rs prints its header lines in --json mode too)."""
    return [json.loads(l) for l in open(path) if l.lstrip().startswith("{")]


ours = rows(sys.argv[1])
peers = rows(sys.argv[2])
browser = rows(sys.argv[3]) if len(sys.argv) > 3 else []
web = {(b["case"], b["workers"]): b for b in browser}
gemm = next((o["gemm_gflops"] for o in ours if "gemm_gflops" in o), None)
f = lambda x: f"{x[0]:.3f} [{x[1]:.3f},{x[2]:.3f}]"
wcol = lambda case, w: f(web[case, w]["seconds"]) if (case, w) in web else "—"
print(f"{'case':<36} {'B':>5} {'plsweb 1 thr':>22} {'plsweb all cores':>22} {'kernel':>8} {'browser 1 worker':>22} {'browser 2 workers':>22}")
for o in ours:
    if "case" not in o:
        continue
    print(f"{o['case']:<36} {o['resamples']:>5} {f(o['threads1']):>22} {f(o['threads_all']):>22} {o['kernel_gflops_1thread']:>6.2f}GF {wcol(o['case'], 1):>22} {wcol(o['case'], 2):>22}")
if browser:
    print("browser: headless Chromium, click on Run to results shown, median [min, max]; runs, load average before the case:")
    for b in browser:
        extra = ""
        if b["case"].startswith("generated"):
            extra = (f", point result {b['point_seconds'][0]:.2f} s, longest main-thread gap {b.get('max_gap_during_bootstrap_ms', '?')} ms while bootstrapping, {b['max_main_thread_gap_ms']} ms incl. showing results"
                     f" (longest task {b['longest_task_ms']} ms), peak main-thread JS heap {b['peak_js_heap_mb']} MB")
            wm = b.get("wasm_memory_mb")
            if wm:
                extra += f", wasm memory: page {wm['page']} MB, workers {' / '.join(str(w) for w in wm['workers'])} MB"
        print(f"  {b['case']:<36} {b['workers']} worker(s): {b['runs']} runs, load {b['loadavg_before'][0]:.1f}{extra}")
if gemm:
    print(f"plain matrix multiply on this machine: {gemm:.2f} GFLOP/s (1 thread)")
# The bootstrap kernel's GFLOP/s in the browser: the same floating-point
# operation count that examples/bench.rs divides by its 1-thread time
# (flops_per_resample × B, recovered as native GFLOP/s × native seconds),
# divided by the browser's 1-worker time (click → results, so it includes
# messaging and rendering and understates the kernel a little).
gf = [(o["case"], o["kernel_gflops_1thread"], o["kernel_gflops_1thread"] * o["threads1"][0] / web[o["case"], 1]["seconds"][0])
      for o in ours if "case" in o and (o["case"], 1) in web]
if gf:
    print("bootstrap kernel GFLOP/s, 1 thread / 1 worker (the same operation count over each one's time):")
    for case, nat, br in gf:
        print(f"  {case:<36} native {nat:6.2f}   browser (wasm) {br:6.2f}   ratio {nat / br:4.2f}×")
pp = next((o["plspredict"] for o in ours if "plspredict" in o), None)
if pp:
    ms = lambda x: f"{x[0] * 1e3:.1f} [{x[1] * 1e3:.1f},{x[2] * 1e3:.1f}]"
    print("PLSpredict 10 folds × 10 repetitions of ECSI (EA, smartpls preset) against one 100-resample bootstrap, ms, median [min, max]:")
    for key, label in (("threads1", "1 thread"), ("threads_all", f"{pp['cores']} threads")):
        p, b = pp[key]["predict"], pp[key]["bootstrap100"]
        print(f"  native {label:<10} PLSpredict {ms(p):>20}   bootstrap 100 {ms(b):>18}   ratio {p[0] / b[0]:4.2f}")
    for w in (1, 2):
        case, boot = "ecsi_basic PLSpredict 10×10", "ecsi_basic 100 resamples"
        if (case, w) in web:
            line = f"  browser {w} worker(s), click on Run → results shown: PLSpredict {ms(web[case, w]['seconds'])}"
            if (boot, w) in web:
                p, b = web[case, w]["seconds"], web[boot, w]["seconds"]
                line += f"   bootstrap 100 {ms(b)}   ratio {p[0] / b[0]:4.2f}"
            print(line)
print("blindfolding (D = 7, every endogenous construct) and PLSc, natively, against one full-sample estimate:")
for o in ours:
    if "estimate_s" in o:
        e, q, c = o["estimate_s"], o["blindfold_d7_s"], o["plsc_estimate_s"]
        print(f"  {o['case']:<36} estimate {e * 1e3:7.2f} ms   blindfolding {q * 1e3:7.2f} ms = {q / e:5.1f} estimates   PLSc estimate {c * 1e3:7.2f} ms")
mem = next((o["memory"] for o in ours if "memory" in o), None)
if mem:
    print(f"peak heap natively, large study ({mem['rows']} × 50, data matrix {mem['matrix_mb']:.1f} MB), MB held at the peak of each phase:"
          f" reading {mem['read_mb']:.1f} (its CSV text {mem['csv_text_mb']:.1f} included), preparing {mem['prepare_mb']:.1f},"
          f" bootstrap 1 thread {mem['bootstrap_1_mb']:.1f}, {mem['cores']} threads {mem['bootstrap_all_mb']:.1f}"
          f" (of which the {mem['resamples']} resamples' statistics {mem['draws_mb']:.1f})")
for o in ours:
    if "rss" in o:
        print(f"{o['rss']} (0 = all cores) on the large study's CSV, 5000 resamples, blindfolding and all tables: {o['seconds']:.2f} s, peak RSS {o['max_rss_mb']} MB")
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
