#!/usr/bin/env python3
"""Collects the load tool's JSON files of one bench run into results.json, summary.md and plot.svg.

Usage: python3 bench/report.py RESULTS_DIR [--command CMD] [--elapsed SECONDS] [--server-java-opts ...]
       [--tool-java-opts ...] [--server-args ...]

RESULTS_DIR/runs/<server>-<case>-<N>.json are the tool's reports (written by bench/run.sh). Standard library only.
"""
import argparse
import glob
import json
import math
import os
import platform
import subprocess
from xml.sax.saxutils import escape

COLORS = {"ours": "#1f77b4", "ours-binary": "#2ca02c", "ours-deflate": "#ff7f0e", "ours-lean": "#8c564b", "baseline": "#d62728", "edge": "#9467bd"}
LABELS = {"ours": "StockTicker (ours)", "ours-binary": "StockTicker, binary frames",
          "ours-deflate": "StockTicker, permessage-deflate", "ours-lean": "StockTicker, lean batches (binary frames)", "baseline": "guide-style baseline",
          "edge": "StockTicker edge of a cluster"}


def machine():
    info = {"cores": os.cpu_count(), "kernel": platform.release()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    info["memory_mb"] = int(line.split()[1]) // 1024
                    break
    except OSError:
        pass
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=20)
        info["java"] = (out.stderr or out.stdout).strip().splitlines()[1]
    except (OSError, subprocess.SubprocessError, IndexError):
        pass
    return info


def g(d, *path, default=None):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return default
        d = d[p]
    return d


def num(v, digits=1):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if isinstance(v, (int, float)) and abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}"


def load(results_dir):
    runs = []
    for path in sorted(glob.glob(os.path.join(results_dir, "runs", "*.json"))):
        with open(path) as f:
            r = json.load(f)
        name = os.path.basename(path)[:-5]
        # <server>-<case>-<N>; server names may contain "-" (ours-binary), so take the longest known one.
        server = max((s for s in COLORS if name.startswith(s + "-")), key=len, default=name.split("-", 1)[0])
        case, n = name[len(server) + 1:].rsplit("-", 1)
        r["case"] = case
        r["server_name"] = server
        runs.append(r)
    runs.sort(key=lambda r: (r["case"] != "prices", r["case"], r["subscribers"],
                             list(COLORS).index(r["server_name"]) if r["server_name"] in COLORS else len(COLORS)))
    return runs


def row(r):
    c, d, l, s, t = r["connections"], r["deliveries"], r["latency_ms"], r["server"], r["client"]
    return [
        r["server_name"], r["case"], f'{r["subscribers"]:,}',
        f'{c["connected"]:,} / {c["connect_failures"]:,}',
        f'{c["held_at_end"]:,}',
        num(d.get("per_subscriber_per_second"), 2),
        num(100 * d["ratio_to_publish_rate"], 1) + " %" if d.get("ratio_to_publish_rate") is not None else "-",
        num(l.get("p50")), num(l.get("p90")), num(l.get("p99")), num(l.get("max")),
        num(g(r, "latency_ms_second_half", "p99")),
        num(100 * d["second_half_ratio_to_publish_rate"], 1) + " %" if d.get("second_half_ratio_to_publish_rate") is not None else "-",
        num(g(r, "publish_rate", "seq_rate"), 2),
        f'{num(g(r, "connections", "connect_ms", "p50"))} / {num(g(r, "connections", "connect_ms", "p99"))}',
        f'{num(g(r, "connections", "first_message_ms", "p50"))} / {num(g(r, "connections", "first_message_ms", "p99"))}',
        num(d.get("bytes_per_delivery"), 0),
        num(d["wire_bytes_per_delivery"], 0) if d.get("wire_bytes_per_delivery") else "-",
        num(s.get("rss_per_connection_idle_kb")), num(s.get("live_heap_per_connection_idle_kb")),
        num(s.get("rss_per_connection_load_kb")),
        num(s.get("cpu_percent_of_one_core"), 0),
        num(t.get("cpu_us_per_delivery"), 2),
    ]


HEADER = ["server", "case", "N", "connected / failed", "held at end", "msgs/sub/s", "of publish rate",
          "p50 ms", "p90 ms", "p99 ms", "max ms", "p99 ms 2nd half", "delivered 2nd half", "ticks/s (seq)", "CONNECTED ms p50 / p99", "first msg ms p50 / p99", "bytes/msg", "wire bytes/msg", "RSS KB/conn idle", "live heap KB/conn idle",
          "RSS KB/conn load", "server CPU % of a core", "tool µs/delivery"]


def markdown(runs, meta):
    out = []
    m = meta["machine"]
    out.append(f'Machine: {m.get("cores")} cores ({m.get("cpu", "?")}), {m.get("memory_mb", "?")} MB, '
               f'{m.get("java", "?")}, Linux {m.get("kernel", "?")}.  ')
    out.append(f'Command: `{meta.get("command")}` ({meta.get("elapsed_s", "?")} s).  ')
    out.append(f'Servers: `java {meta.get("server_java_opts")} -jar ...` ({meta.get("server_args")}); '
               f'tool: `java {meta.get("tool_java_opts")}`.')
    out.append("")
    out.append("| " + " | ".join(HEADER) + " |")
    out.append("|" + "|".join(["---"] * len(HEADER)) + "|")
    for r in runs:
        out.append("| " + " | ".join(row(r)) + " |")
    ratios = ratio_rows(runs)
    if ratios:
        out.append("")
        out.append("| N (which of ours) | delivered ours / baseline | p50 baseline / ours | p99 baseline / ours "
                   "| live heap per idle conn ours / baseline |")
        out.append("|---|---|---|---|---|")
        for x in ratios:
            out.append("| " + " | ".join(x) + " |")
    edges = edge_rows(runs)
    if edges:
        out.append("")
        out.append("| N | delivered edge / single instance | p99 edge / single instance | server CPU per delivery edge / single instance |")
        out.append("|---|---|---|---|")
        for x in edges:
            out.append("| " + " | ".join(x) + " |")
    backplane = os.path.join(meta.get("results_dir", ""), "backplane.tsv")
    if os.path.exists(backplane):
        lines = [line.rstrip("\n").split("\t") for line in open(backplane) if line.strip()]
        out.append("")
        out.append("RabbitMQ (the backplane), sampled with no client and with N on the edge:")
        out.append("")
        out.append("| " + " | ".join(lines[0]) + " |")
        out.append("|" + "|".join(["---"] * len(lines[0])) + "|")
        for line in lines[1:]:
            out.append("| " + " | ".join(line) + " |")
    return "\n".join(out) + "\n"


def cpu_per_delivery(r):
    cpu, rate = g(r, "server", "cpu_percent_of_one_core"), g(r, "deliveries", "per_second")
    return None if cpu is None or not rate else cpu / rate


def edge_rows(runs):
    by = {}
    for r in runs:
        if r["case"] == "prices":
            by.setdefault(r["subscribers"], {})[r["server_name"]] = r
    return [[f"{n:,}", ratio(g(by[n]["edge"], "deliveries", "per_second"), g(by[n]["ours"], "deliveries", "per_second")),
             ratio(g(by[n]["edge"], "latency_ms", "p99"), g(by[n]["ours"], "latency_ms", "p99")),
             ratio(cpu_per_delivery(by[n]["edge"]), cpu_per_delivery(by[n]["ours"]))]
            for n in sorted(by) if "edge" in by[n] and "ours" in by[n]]


def ratio_rows(runs):
    by = {}
    for r in runs:
        if r["case"] == "prices":
            by.setdefault(r["subscribers"], {})[r["server_name"]] = r
    rows = []
    for n in sorted(by):
        for name in ("ours", "ours-binary"):
            o, b = by[n].get(name), by[n].get("baseline")
            if o and b:
                rows.append(ratio_row(n, name, o, b))
    return rows


def ratio(x, y, digits=2):
    if x is None or y is None or y == 0 or (isinstance(x, float) and math.isnan(x)) \
            or (isinstance(y, float) and math.isnan(y)):
        return "-"
    return f"{x / y:.{digits}f}×"


def ratio_row(n, name, o, b):
    return [f"{n:,} ({name})",
            ratio(g(o, "deliveries", "per_second"), g(b, "deliveries", "per_second")),
            ratio(g(b, "latency_ms", "p50"), g(o, "latency_ms", "p50")),
            ratio(g(b, "latency_ms", "p99"), g(o, "latency_ms", "p99")),
            ratio(g(o, "server", "live_heap_per_connection_idle_kb"),
                  g(b, "server", "live_heap_per_connection_idle_kb"))]


# ---- SVG ----

def svg_plot(runs, meta):
    prices = [r for r in runs if r["case"] == "prices"]
    ns = sorted({r["subscribers"] for r in prices})
    servers = [s for s in COLORS if any(r["server_name"] == s for r in prices)]
    series = {s: {r["subscribers"]: r for r in prices if r["server_name"] == s} for s in servers}
    W, H = 1240, 480
    pw, ph = 330, 300
    top = 80
    lefts = [70, 470, 870]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
             f'font-family="Helvetica, Arial, sans-serif" font-size="12">',
             f'<rect width="{W}" height="{H}" fill="white"/>']
    m = meta["machine"]
    title = "STOMP fan-out on /topic/prices: one 20-quote batch every 100 ms, N subscribers, one load tool"
    sub = (f'{m.get("cores")} cores, {m.get("memory_mb", "?")} MB, {m.get("java", "")}; '
           f'server and load tool on the same host; {meta.get("started", "")}')
    parts.append(f'<text x="{W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">{escape(title)}</text>')
    parts.append(f'<text x="{W / 2}" y="44" text-anchor="middle" fill="#555">{escape(sub)}</text>')

    def xpos(left, n):
        if len(ns) == 1:
            return left + pw / 2
        return left + 20 + (pw - 40) * ns.index(n) / (len(ns) - 1)

    def frame(left, label, ticks, ymap, fmt):
        parts.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>')
        for t in ticks:
            y = ymap(t)
            parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>')
            parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#444">{fmt(t)}</text>')
        for n in ns:
            x = xpos(left, n)
            parts.append(f'<text x="{x:.1f}" y="{top + ph + 18}" text-anchor="middle" fill="#444">{n:,}</text>')
        parts.append(f'<text x="{left + pw / 2}" y="{top + ph + 38}" text-anchor="middle">subscribers (N)</text>')
        parts.append(f'<text x="{left + pw / 2}" y="{top - 10}" text-anchor="middle" font-weight="bold">'
                     f'{escape(label)}</text>')

    def line(left, s, key, ymap, dash, marker=True):
        pts = []
        for n in ns:
            r = series[s].get(n)
            v = key(r) if r else None
            if v is None or (isinstance(v, float) and math.isnan(v)):
                continue
            pts.append((xpos(left, n), ymap(v)))
        if not pts:
            return
        d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        parts.append(f'<polyline points="{d}" fill="none" stroke="{COLORS[s]}" stroke-width="2" '
                     f'stroke-dasharray="{dash}"/>')
        if marker:
            for x, y in pts:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLORS[s]}"/>')

    # Panel 1: latency, log scale
    lat_vals = [g(r, "latency_ms", k) for r in prices for k in ("p50", "p99", "max")]
    lat_vals = [v for v in lat_vals if isinstance(v, (int, float)) and v > 0]
    lo = 10 ** math.floor(math.log10(max(0.5, min(lat_vals)))) if lat_vals else 1
    hi = 10 ** math.ceil(math.log10(max(lat_vals))) if lat_vals else 1000
    hi = max(hi, lo * 100, 1000)

    def ylat(v):
        v = min(max(v, lo), hi)
        return top + ph - ph * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    ticks = [lo * 10 ** i for i in range(int(round(math.log10(hi / lo))) + 1)]
    frame(lefts[0], "end-to-end latency (ms, log scale)", ticks, ylat,
          lambda t: f"{t:g}")
    parts.append(f'<line x1="{lefts[0]}" x2="{lefts[0] + pw}" y1="{ylat(100):.1f}" y2="{ylat(100):.1f}" '
                 f'stroke="#2ca02c" stroke-dasharray="2,3"/>')
    parts.append(f'<text x="{lefts[0] + pw - 4}" y="{ylat(100) - 4:.1f}" text-anchor="end" fill="#2ca02c">'
                 f'goal: p99 &lt; 100 ms</text>')
    for s in servers:
        line(lefts[0], s, lambda r: g(r, "latency_ms", "p50"), ylat, "")
        line(lefts[0], s, lambda r: g(r, "latency_ms", "p99"), ylat, "6,3")
        line(lefts[0], s, lambda r: g(r, "latency_ms", "max"), ylat, "1,3", marker=False)

    # Panel 2: delivered rate as % of the publish rate
    def ypct(v):
        v = min(max(v, 0), 110)
        return top + ph - ph * v / 110
    frame(lefts[1], "delivered per subscriber (% of publish rate)", [0, 20, 40, 60, 80, 100], ypct,
          lambda t: f"{t}%")
    for s in servers:
        line(lefts[1], s, lambda r: 100 * (g(r, "deliveries", "ratio_to_publish_rate") or 0), ypct, "")
        line(lefts[1], s, lambda r: 100 * g(r, "connections", "held_at_end") / max(1, r["subscribers"]), ypct, "6,3")

    # Panel 3: server memory per connection
    mem_vals = [g(r, "server", k) for r in prices for k in ("rss_per_connection_idle_kb", "live_heap_per_connection_idle_kb",
                                                             "rss_per_connection_load_kb")]
    mem_vals = [v for v in mem_vals if isinstance(v, (int, float)) and not math.isnan(v)]
    mhi = max([50] + mem_vals)
    step = 10 ** math.floor(math.log10(mhi))
    if mhi / step < 3:
        step /= 2
    mhi = math.ceil(mhi / step) * step

    def ymem(v):
        v = min(max(v, 0), mhi)
        return top + ph - ph * v / mhi
    frame(lefts[2], "server memory per connection (KB)", [i * step for i in range(int(mhi / step) + 1)], ymem,
          lambda t: f"{t:g}")
    for s in servers:
        line(lefts[2], s, lambda r: g(r, "server", "live_heap_per_connection_idle_kb"), ymem, "")
        line(lefts[2], s, lambda r: g(r, "server", "rss_per_connection_idle_kb"), ymem, "6,3")
        line(lefts[2], s, lambda r: g(r, "server", "rss_per_connection_load_kb"), ymem, "1,3")

    # Legend: colours on one row, line styles on the next
    y = H - 40
    x = 70
    for srv in servers:
        parts.append(f'<rect x="{x}" y="{y - 10}" width="14" height="10" fill="{COLORS[srv]}"/>')
        parts.append(f'<text x="{x + 20}" y="{y}">{LABELS[srv]}</text>')
        x += 200
    legend = [("", "solid: latency p50 | delivered % | live heap per idle conn"),
              ("6,3", "dashed: latency p99 | subscribers held % | RSS per idle conn"),
              ("1,3", "dotted: latency max | RSS per conn under load")]
    y = H - 16
    x = 70
    for dash, label in legend:
        parts.append(f'<line x1="{x}" x2="{x + 30}" y1="{y - 4}" y2="{y - 4}" stroke="#333" stroke-width="2" '
                     f'stroke-dasharray="{dash}"/>')
        parts.append(f'<text x="{x + 36}" y="{y}">{escape(label)}</text>')
        x += 400
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--command", default="")
    ap.add_argument("--elapsed", type=int, default=None)
    ap.add_argument("--server-java-opts", default="")
    ap.add_argument("--tool-java-opts", default="")
    ap.add_argument("--server-args", default="")
    a = ap.parse_args()
    runs = load(a.results)
    if not runs:
        raise SystemExit(f"no runs under {a.results}/runs")
    meta = {"machine": machine(), "command": a.command, "elapsed_s": a.elapsed,
            "server_java_opts": a.server_java_opts, "tool_java_opts": a.tool_java_opts, "server_args": a.server_args,
            "started": min(r.get("started", "") for r in runs)[:19].replace("T", " ") + " UTC"}
    with open(os.path.join(a.results, "results.json"), "w") as f:
        json.dump({"meta": meta, "runs": runs}, f, indent=1)
    md = markdown(runs, dict(meta, results_dir=a.results))
    with open(os.path.join(a.results, "summary.md"), "w") as f:
        f.write(md)
    with open(os.path.join(a.results, "plot.svg"), "w") as f:
        f.write(svg_plot(runs, meta))
    print(md)


if __name__ == "__main__":
    main()
