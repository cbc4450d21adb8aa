#!/usr/bin/env python3
# A control for `barista-league load --rate` (docs/performance.md): GET PATH on a league server at
# RATE requests a second over CONNS keep-alive connections, COUNT in all; request i is due at
# start + i / RATE and its latency runs from then. Run against /health as well, to see the
# machine's own tail (a route that touches no database).
#   python3 Benchmarks/league-openloop.py HOST PORT PATH RATE COUNT CONNS [TOKEN]
import http.client, sys, threading, time, json
host, port, path, rate, count, conns, token = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), (sys.argv[7] if len(sys.argv) > 7 else None)
lock = threading.Lock(); nxt = [0]; lat = []; statuses = {}
start = time.monotonic() + 0.2
def worker():
    c = http.client.HTTPConnection(host, port)
    h = {"Authorization": "Bearer " + token} if token else {}
    while True:
        with lock:
            i = nxt[0]; nxt[0] += 1
        if i >= count: return
        due = start + i / rate
        d = due - time.monotonic()
        if d > 0: time.sleep(d)
        c.request("GET", path, headers=h); r = c.getresponse(); r.read()
        ms = (time.monotonic() - due) * 1000
        with lock:
            lat.append(ms); statuses[r.status] = statuses.get(r.status, 0) + 1
ts = [threading.Thread(target=worker) for _ in range(conns)]
[t.start() for t in ts]; [t.join() for t in ts]
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat) + 0.999999) - 1)]
print(f"{path.split('?')[0]} at {rate:.0f}/s: {len(lat)} reads, p50 {q(0.5):.2f} ms, p99 {q(0.99):.2f} ms, max {lat[-1]:.2f} ms; HTTP {statuses}")
