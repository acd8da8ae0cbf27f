"""Time the peers' bootstrap on the same cases, for the plsweb benchmark.

Python port of seminr (seminr==0.2.1, matches R seminr to 1e-14) and plspm
(PyPI). Peers get fewer resamples (they would take minutes); times are
scaled to 5000 resamples and labelled as such. Prints one JSON line per run.

Usage: python bench/peers.py REFERENCE_DIR RESAMPLES [seminr|plspm]
"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
ref, nboot = sys.argv[1], int(sys.argv[2])
only = sys.argv[3] if len(sys.argv) > 3 else None


def seminr_case(case):
    import seminr as s

    m = json.load(open(f"{ref}/{case}/model.json"))
    data = pd.read_csv(f"{ref}/{case}/data.csv")
    code = m["settings"].get("missing_value_code")
    cons = []
    for c in m["constructs"]:
        w = s.regression_weights if c["mode"] == "B" else s.correlation_weights
        cons.append(s.composite(c["name"], c["indicators"], weights=w))
    for it in m.get("interactions", []):
        meth = {"two_stage": s.two_stage, "product_indicator": s.product_indicator, "orthogonal": s.orthogonal}[it["method"]]
        cons.append(s.interaction_term(it["iv"], it["moderator"], method=meth))
    paths = [s.paths(p["from"], p["to"]) for p in m["paths"]]
    for it in m.get("interactions", []):
        paths.append(s.paths(f'{it["iv"]}*{it["moderator"]}', it["dv"]))
    kw = {"missing_value": code} if code is not None else {}
    model = s.estimate_pls(data, s.constructs(*cons), s.relationships(*paths), **kw)
    t = time.perf_counter()
    s.bootstrap_model(model, nboot, seed=123)
    return time.perf_counter() - t


def plspm_case(case):
    import plspm.config as c
    from plspm.plspm import Plspm
    from plspm.scheme import Scheme
    from plspm.mode import Mode

    m = json.load(open(f"{ref}/{case}/model.json"))
    if m.get("interactions") or m["settings"].get("missing_value_code") is not None:
        return None
    data = pd.read_csv(f"{ref}/{case}/data.csv")
    cols = [i for con in m["constructs"] for i in con["indicators"]]
    z = (data[cols] - data[cols].mean()) / data[cols].std()
    st = c.Structure()
    for p in m["paths"]:
        st.add_path([p["from"]], [p["to"]])
    cfg = c.Config(st.path(), scaled=False)
    for con in m["constructs"]:
        cfg.add_lv(con["name"], Mode.B if con["mode"] == "B" else Mode.A, *[c.MV(i) for i in con["indicators"]])
    t = time.perf_counter()
    Plspm(z, cfg, Scheme.PATH, iterations=300, tolerance=1e-7, bootstrap=True, bootstrap_iterations=nboot, processes=1)
    return time.perf_counter() - t


for case in ["synthetic_crm_sc_bp", "mobi_moderation_two_stage", "ecsi_basic"]:
    for peer, fn in [("seminr-py 0.2.1", seminr_case), ("plspm-py 0.5.7", plspm_case)]:
        if only and not peer.startswith(only):
            continue
        try:
            secs = fn(case)
        except Exception as e:  # report, do not hide
            print(json.dumps({"case": case, "peer": peer, "error": str(e)[:200]}), flush=True)
            continue
        if secs is None:
            continue
        print(json.dumps({"case": case, "peer": peer, "resamples": nboot, "seconds": secs,
                          "seconds_per_5000": secs * 5000 / nboot}), flush=True)
