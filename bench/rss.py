"""Run a command and print its wall time and peak resident memory as JSON.

    python3 bench/rss.py LABEL COMMAND [ARGS...]
"""
import json
import resource
import subprocess
import sys
import time

t = time.perf_counter()
subprocess.run(sys.argv[2:], check=True, stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - t
# the largest resident set of any waited-for child: this process has one
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rss": sys.argv[1], "seconds": round(seconds, 3), "max_rss_mb": round(kb / 1024, 1)}))
