#!/usr/bin/env python3
"""Generate the fuzz seed corpus from the conformance data.

    python3 fuzz/make_corpus.py           # rewrite fuzz/corpus/<harness>/
    python3 fuzz/make_corpus.py --check   # exit 1 if the tree is out of date

Reads tests/data/conformance.jsonl (format: tests/data/README.md) and writes
one small file per case and harness, named by the SHA-1 of its content (so
duplicates collapse and names never change for the same bytes):

  fuzz_parse         mode byte + field value: strict with recovery (0x04) and
                     lenient (0x01); several field lines are joined with LF
                     and the mode gets bit 1 (fuzz/fuzz_parse.c)
  fuzz_roundtrip     the field value of every strictly valid case
  fuzz_differential  every strictly valid case, field lines joined with LF
  fuzz_build         each strictly valid link as builder input: flags byte,
                     then length-prefixed target, names and values (0xFF =
                     no value), as fuzz/fuzz_build.c reads them; plus a few
                     hostile ones (CR LF, '>', NUL, non-UTF-8 in a '*' value)
  fuzz_semantics     as fuzz_parse, plus a few preload headers
  fuzz_example       the field value of every case (the generator takes any
                     bytes)

Everything in a harness's corpus directory is replaced; fuzzer finds belong
in a scratch copy (fuzz/ci-fuzz.sh) or, when they crashed, in
fuzz/regressions/<harness>/.
"""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "data", "conformance.jsonl")
CORPUS = os.path.join(HERE, "corpus")

HARNESSES = ["fuzz_parse", "fuzz_roundtrip", "fuzz_differential", "fuzz_build",
             "fuzz_semantics", "fuzz_example"]


def jbytes(v):
    """A JSON string or {"hex": ...} as bytes."""
    if isinstance(v, dict):
        return bytes.fromhex(v["hex"])
    return v.encode("utf-8")


def case_lines(case):
    if "input" in case:
        return [case["input"].encode("utf-8")]
    if "input_hex" in case:
        return [bytes.fromhex(case["input_hex"])]
    return [jbytes(x) for x in case["lines"]]


def field(b):
    """One length-prefixed builder field (at most 254 bytes)."""
    if len(b) > 254:
        return None
    return bytes([len(b)]) + b


def build_seed(link):
    out = bytearray([0]) + field(jbytes(link["target"]))
    for name, value in link["params"][:8]:
        n = field(jbytes(name))
        if n is None:
            return None
        out += n
        if value is None:
            out.append(0xFF)
        else:
            v = field(jbytes(value))
            if v is None:
                return None
            out += v
    return bytes(out)


def b(*fields, flags=0):
    """A hand-written builder seed: None is 'no value'."""
    out = bytearray([flags])
    for f in fields:
        out += b"\xff" if f is None else bytes([len(f)]) + f
    return bytes(out)


HOSTILE_BUILD = [
    b(b"/a", b"rel", b"preload\r\nSet-Cookie: x=1"),
    b(b"/a>; rel=preload, </evil", b"as", b"style"),
    b(b"/a", b"rel\x00", b"x"),
    b(b"/a", b"title*", b"\xff\xfe"),
    b(b"/a b\xe2\x82\xac\"<>", b"title*", b"\xe2\x82\xac rates", flags=1),
    b(b"/a", b"title", b"say \"hi\" \\ bye", b"crossorigin", None),
    b(b"//[::1]:8080/x?y#z", b"x", b"", flags=2),
    b(b"", b"", b"", flags=12),
]

PRELOADS = [
    b"</app.css>; rel=preload; as=style, </app.js>; rel=preload; as=script; nopush",
    b"</f.woff2>; rel=preload; as=font; crossorigin; type=\"font/woff2\"",
    b"<https://cdn.example>; rel=preconnect; crossorigin=anonymous",
    b"</m.js>; rel=modulepreload, </i.png>; rel=preload; as=image; imagesrcset=\"a.png 1x, b.png 2x\"; imagesizes=\"50vw\"",
    b"</x.css>; rel=\"preload stylesheet\"; as=stylesheet; anchor=\"/other\"",
    b"<../up/a.js>; rel=preload; as=script; x-http2-push-only; critical",
]


def seeds(cases):
    out = {h: [] for h in HARNESSES}
    for case in cases:
        lines = case_lines(case)
        multi = len(lines) > 1
        value = b"\n".join(lines)
        lbit = 2 if multi else 0
        out["fuzz_parse"] += [bytes([0x04 | lbit]) + value, bytes([0x01 | lbit]) + value]
        out["fuzz_semantics"] += [bytes([0x00 | lbit]) + value, bytes([0x01 | lbit]) + value]
        out["fuzz_example"].append(value)
        if "links" in case["strict"]:
            out["fuzz_differential"].append(value)
            if not multi:
                out["fuzz_roundtrip"].append(value)
            for link in case["strict"]["links"]:
                s = build_seed(link)
                if s is not None:
                    out["fuzz_build"].append(s)
    out["fuzz_build"] += HOSTILE_BUILD
    for p in PRELOADS:
        out["fuzz_semantics"] += [b"\x00" + p, b"\x01" + p]
    return out


def load():
    cases = []
    with open(DATA, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                cases.append(json.loads(line))
    return cases


def wanted():
    files = {}
    for harness, items in seeds(load()).items():
        for data in items:
            name = hashlib.sha1(data).hexdigest()[:16]
            files[os.path.join(harness, name)] = data
    return files


def main(argv):
    files = wanted()
    present = {}
    for harness in HARNESSES:
        d = os.path.join(CORPUS, harness)
        if os.path.isdir(d):
            for name in os.listdir(d):
                with open(os.path.join(d, name), "rb") as f:
                    present[os.path.join(harness, name)] = f.read()
    if "--check" in argv:
        if present != files:
            stale = sorted(set(present) ^ set(files))
            print("fuzz corpus out of date (%d files differ); run python3 fuzz/make_corpus.py"
                  % len(stale))
            return 1
        print("fuzz corpus up to date: %d files" % len(files))
        return 0
    for rel in present:
        if rel not in files:
            os.remove(os.path.join(CORPUS, rel))
    for rel, data in files.items():
        path = os.path.join(CORPUS, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if present.get(rel) != data:
            with open(path, "wb") as f:
                f.write(data)
    for harness in HARNESSES:
        n = sum(1 for rel in files if rel.startswith(harness + os.sep))
        print("%-18s %4d seeds" % (harness, n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
