#!/usr/bin/env python3
"""Summarise several linkhdr-bench runs as a Markdown table.

Usage: python3 summarize.py RUN1.txt RUN2.txt RUN3.txt ...

Each RUN file is the standard output of one linkhdr-bench run. For every
(file, op) pair the table gives the median over the runs of each run's
figure, and the spread as min-max. It ends with the targets of issue 6,
judged on the medians.
"""
import re
import statistics
import sys

LINE = re.compile(r"^(typical )?op=(\S+) (.*)$")


def parse(path):
    rows = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            m = LINE.match(line.strip())
            if not m:
                continue
            fields = dict(kv.split("=", 1) for kv in m.group(3).split())
            key = ("typical" if m.group(1) else fields["file"], m.group(2))
            rows[key] = fields
    return rows


def stat(runs, key, field):
    vals = [float(r[key][field]) for r in runs if key in r]
    return statistics.median(vals), min(vals), max(vals)


def fmt(t, digits=0):
    med, lo, hi = t
    f = "%%.%df" % digits
    return (f % med) + " (" + (f % lo) + "–" + (f % hi) + ")"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    runs = [parse(p) for p in sys.argv[1:]]
    keys = []
    for r in runs:
        for k in r:
            if k not in keys:
                keys.append(k)
    print("| file | op | values | bytes | ns/value | MB/s | byte loop MB/s | ratio | links | allocs |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key in keys:
        if key[0] == "typical":
            continue
        first = next(r[key] for r in runs if key in r)
        allocs = sorted({r[key]["allocs"] for r in runs if key in r})
        print(f"| {key[0]} | {key[1]} | {first['values']} | {first['bytes']} | "
              f"{fmt(stat(runs, key, 'ns_per_value'), 1)} | {fmt(stat(runs, key, 'MB_per_s'))} | "
              f"{fmt(stat(runs, key, 'baseline_MB_per_s'))} | {fmt(stat(runs, key, 'ratio'), 2)} | "
              f"{first['links']} | {','.join(allocs)} |")
    typ = [k for k in keys if k[0] == "typical"]
    if typ:
        print()
        print("| typical header | bytes | links | ns per parse | MB/s | ratio |")
        print("|---|---:|---:|---:|---:|---:|")
        for key in typ:
            first = next(r[key] for r in runs if key in r)
            print(f"| {key[1]} | {first['bytes']} | {first['links']} | "
                  f"{fmt(stat(runs, key, 'ns_per_parse'), 1)} | {fmt(stat(runs, key, 'MB_per_s'))} | "
                  f"{fmt(stat(runs, key, 'ratio'), 2)} |")

    # The targets of issue 6, on the medians.
    def med(key, field):
        return stat(runs, key, field)[0] if any(key in r for r in runs) else None

    checks = []
    r = med(("preload.txt", "strict"), "ratio")
    if r is not None:
        checks.append((f"strict on preload: ratio {r:.2f} >= 2.0 (below 1.0 fails)", r >= 2.0))
    for f in ("preload.txt", "api.txt", "hard.txt", "huge.txt", "adversarial.txt"):
        s, l = med((f, "strict"), "MB_per_s"), med((f, "lenient"), "MB_per_s")
        if s is not None and l is not None:
            checks.append((f"lenient >= strict on {f}: {l:.0f} vs {s:.0f} MB/s", l >= s))
        b = med((f, "build"), "ratio")
        if b is not None:
            checks.append((f"build ratio on {f}: {b:.2f} >= 1.0", b >= 1.0))
    # Linearity: MB/s on a corpus over MB/s on preload. Each is also given
    # normalised by the byte loop of its own run (ratio over ratio), which
    # cancels a machine that was busier during one file than another.
    for op in ("strict", "lenient"):
        p, pr = med(("preload.txt", op), "MB_per_s"), med(("preload.txt", op), "ratio")
        for f, k in (("huge.txt", 0.8), ("adversarial.txt", 0.3)):
            h, hr = med((f, op), "MB_per_s"), med((f, op), "ratio")
            if p and pr and h is not None:
                checks.append((f"{op} {f} / preload: MB/s {h / p:.2f}, normalised {hr / pr:.2f} >= {k}",
                               h / p >= k and hr / pr >= k))
    t = med(("typical", "strict"), "ns_per_parse")
    if t is not None:
        checks.append((f"typical header, strict: {t:.0f} ns per parse < 100", t < 100))
    bad = sorted({r[k]["allocs"] for r in runs for k in r} - {"0"})
    checks.append(("allocs=0 everywhere" + (f" (saw {','.join(bad)})" if bad else ""), not bad))
    print()
    print(f"Targets (medians of {len(runs)} runs):")
    for text, ok in checks:
        print(f"- [{'x' if ok else ' '}] {text}")

    # The replay op is the strict loop with the parsing taken out: what is
    # left of the ratio-2.0 budget once it has run is all a parser could use.
    key = ("preload.txt", "replay")
    if any(key in r for r in runs):
        first = next(r[key] for r in runs if key in r)
        per_value = float(first["bytes"]) / float(first["values"])
        budget = per_value * 1e3 / (2.0 * med(key, "baseline_MB_per_s"))
        floor = med(key, "ns_per_value")
        print()
        print(f"Floor: replay on preload.txt takes {floor:.1f} ns per value (ratio {med(key, 'ratio'):.2f}); "
              f"ratio 2.0 allows {budget:.1f} ns, which leaves {budget - floor:.1f} ns per "
              f"{per_value:.0f}-byte value for the parser itself.")


if __name__ == "__main__":
    main()
