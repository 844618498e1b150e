#!/usr/bin/env python3
"""Deterministic generator of the Link header field-value corpus for linkhdr-bench.

Writes {preload,api,hard,huge,adversarial}.txt into OUTDIR, one field value per
line (ASCII only, no CR/LF inside a value), plus SIZES.txt with values/bytes per
file. bytes = sum of value lengths, newlines excluded (the same number
linkhdr-bench prints). The first four files are byte-identical to the corpus the
project measured other parsers on; adversarial.txt is generated from its own
seed, so adding it changed none of them.

Usage: python3 gen_corpus.py [OUTDIR]   (default: corpus/ next to this script)
"""
import os
import random
import sys

SEED = 8288  # RFC 8288; fixed so the corpus is byte-identical on every run

HEX = "0123456789abcdef"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
WORDS = ("app vendor main runtime polyfills chunk common layout theme home product cart "
         "checkout search header footer hero banner logo icons inter roboto opensans "
         "analytics consent player gallery carousel").split()


LINKS = [0]  # link-values generated for the current file (ground truth for the "links" column)


def hexs(r, n):
    return "".join(r.choice(HEX) for _ in range(n))


def b64(r, n):
    return "".join(r.choice(B64URL) for _ in range(n))


# ---------------------------------------------------------------- (a) preload
CDN_ORIGINS = ["https://fonts.gstatic.com", "https://fonts.googleapis.com", "https://cdn.jsdelivr.net",
               "https://www.googletagmanager.com", "https://static.cloudflareinsights.com",
               "https://cdn.shopify.com", "https://use.typekit.net", "https://images.example-cdn.net",
               "https://api.example.com", "https://connect.facebook.net"]


def asset_path(r, kind):
    prefix = r.choice(["/assets", "/static", "/_next/static", "/build", "/dist", "/wp-content/themes/site"])
    name = r.choice(WORDS)
    if r.random() < 0.5:
        name += r.choice([".min", ".bundle", "-legacy", ".es2017", ""])
    h = hexs(r, r.choice([8, 10, 16, 20, 32, 32, 32]))
    if kind == "style":
        return f"{prefix}/css/{name}.{h}.css"
    if kind == "script":
        return f"{prefix}/js/{name}.{h}.js"
    if kind == "module":
        return f"{prefix}/js/{name}-{hexs(r, 8)}.mjs" if r.random() < 0.3 else f"{prefix}/chunks/{name}.{h}.js"
    if kind == "image":
        ext = r.choice(["webp", "avif", "png", "jpg", "svg"])
        return f"{prefix}/img/{name}-{r.choice([320, 640, 1024, 1440, 1920])}w.{h}.{ext}"
    if kind == "font":
        fam = r.choice(["inter-var", "roboto-v30-latin-regular", "open-sans-v34-latin-700", "fa-solid-900",
                        "source-sans-pro", "icons"])
        return f"{prefix}/fonts/{fam}.{h}.woff2"
    raise ValueError(kind)


def sep_param(r):
    # OWS variations seen in the wild: "; ", ";", " ; "
    x = r.random()
    return "; " if x < 0.85 else (";" if x < 0.97 else " ; ")


def preload_link(r):
    LINKS[0] += 1
    x = r.random()
    sp = sep_param(r)
    rel = lambda v: (f'rel="{v}"' if r.random() < 0.15 else f"rel={v}")
    if x < 0.10:  # preconnect to an absolute origin
        parts = [f"<{r.choice(CDN_ORIGINS)}>", rel("preconnect")]
        if r.random() < 0.5:
            parts.append("crossorigin")
        return sp.join(parts)
    if x < 0.14:
        return sp.join([f"<{r.choice(CDN_ORIGINS)}>", rel("dns-prefetch")])
    if x < 0.24:  # modulepreload
        parts = [f"<{asset_path(r, 'module')}>", rel("modulepreload")]
        if r.random() < 0.2:
            parts.append("crossorigin")
        return sp.join(parts)
    kind = r.choices(["style", "script", "image", "font"], weights=[35, 35, 15, 15])[0]
    parts = [f"<{asset_path(r, kind)}>", rel("preload"), f"as={kind}"]
    if kind == "font":
        parts.append('type="font/woff2"')
        parts.append(r.choice(["crossorigin", "crossorigin", "crossorigin=anonymous"]))
    elif kind == "script" and r.random() < 0.15:
        parts.append(r.choice(["crossorigin", "crossorigin=anonymous", "crossorigin=use-credentials"]))
    elif kind == "image" and r.random() < 0.1:
        parts.append('imagesrcset="/img/a-640.webp 640w, /img/a-1280.webp 1280w"')
        parts.append('imagesizes="100vw"')
    if r.random() < 0.12:
        parts.append("nopush")
    if r.random() < 0.03:
        parts.append("x-http2-push-only")
    if r.random() < 0.05:
        parts.append(f'media="(min-width: {r.choice([600, 768, 1024])}px)"')
    return sp.join(parts)


def gen_preload(r, n):
    out = []
    for _ in range(n):
        k = r.choices(range(1, 9), weights=[22, 20, 16, 12, 10, 8, 6, 6])[0]
        sep = ", " if r.random() < 0.9 else ","
        out.append(sep.join(preload_link(r) for _ in range(k)))
    return out


# ---------------------------------------------------------------- (b) api
def gen_api(r, n):
    out = []
    for _ in range(n):
        style = r.random()
        per = r.choice([10, 20, 25, 30, 50, 100])
        if style < 0.45:  # GitHub-like
            repo = r.randint(1000, 700_000_000)
            res = r.choice(["issues", "pulls", "commits", "releases", "contributors", "stargazers"])
            base = f"https://api.github.com/repositories/{repo}/{res}"
            extra = r.choice(["", "state=open&", "sort=updated&direction=desc&", "since=2024-01-01T00%3A00%3A00Z&"])
            last = r.randint(2, 400)
            cur = r.randint(1, last)
            url = lambda p: f"<{base}?{extra}per_page={per}&page={p}>"
        elif style < 0.75:  # generic page/per_page
            host = r.choice(["api.example.com", "api.example.org", "rest.example.net:8443", "example.com/api/v2"])
            res = r.choice(["items", "users", "orders", "products", "events", "invoices", "projects/42/members"])
            last = r.randint(2, 5000)
            cur = r.randint(1, last)
            url = lambda p: f"<https://{host}/{res}?page={p}&per_page={per}>"
        else:  # GitLab-like, id + page + per_page, some extra query
            pid = r.randint(1, 99999)
            res = r.choice(["issues", "merge_requests", "pipelines", "jobs", "members"])
            last = r.randint(2, 900)
            cur = r.randint(1, last)
            tail = r.choice(["", "&order_by=created_at&sort=desc", "&scope=all&state=opened"])
            url = lambda p: (f"<https://gitlab.example.com/api/v4/projects/{pid}/{res}"
                             f"?id={pid}&page={p}&per_page={per}{tail}>")
        rels = []
        if cur > 1:
            rels += [("prev", cur - 1), ("first", 1)]
        if cur < last:
            rels += [("next", cur + 1), ("last", last)]
        r.shuffle(rels) if r.random() < 0.1 else None
        LINKS[0] += len(rels)
        q = r.random() < 0.9  # most APIs quote the rel value
        sep = ", " if r.random() < 0.95 else ","
        out.append(sep.join(f'{url(p)}; rel="{rel}"' if q else f"{url(p)}; rel={rel}" for rel, p in rels))
    return out


# ---------------------------------------------------------------- (c) hard
def quoted(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hard_title(r):
    return r.choice([
        'Chapter 2, "The Return"; part 1',
        "a,b;c=d",
        'He said "hi, there"',
        "semi;colon, comma \\ backslash",
        "<not a uri>, really",
        "=;,=",
        "price: 10 EUR, 12 USD; tax incl.",
        'nested "quote \\" inside"',
    ])


def long_uri(r, target):
    base = r.choice(["https://images.example-cdn.net/transform", "https://www.example.com/search",
                     "https://tracker.example.org/collect", "/api/v1/batch"])
    parts = []
    size = len(base) + 1
    while size < target:
        k = r.choice(["sig", "token", "ids", "q", "filter", "fields", "cursor", "state"])
        if k == "ids":
            v = "%2C".join(str(r.randint(1, 10**9)) for _ in range(r.randint(5, 40)))
        elif k == "filter":
            v = "name%3D%22a%2Cb%3Bc%22%20AND%20x%3E" + str(r.randint(1, 999))
        else:
            v = b64(r, r.randint(40, 400))
        parts.append(f"{k}={v}")
        size += len(k) + len(v) + 2
    return base + "?" + "&".join(parts)


def hard_link(r):
    LINKS[0] += 1
    feats = r.random()
    if r.random() < 0.25:
        uri = long_uri(r, r.randint(1024, 4096))
    else:
        uri = r.choice(["/a/b.css", "https://example.com/doc?x=1&y=2", "/chapters/2", "/x;y=z/q,r",
                        "https://example.org/~user/file%20name.pdf", "urn:isbn:0451450523",
                        "/search?q=a%2Cb%3Bc", "../relative/path", "#frag", ""])
    params = []
    rels = r.choice(["next", "prev", "alternate", "preload", "stylesheet", "start", "chapter",
                     "preload prefetch", "alternate stylesheet", "https://example.com/rel/custom",
                     "next  last", "service-desc"])
    params.append("rel=" + (quoted(rels) if (" " in rels or ":" in rels or r.random() < 0.5) else rels))
    if feats < 0.5:
        params.append("title=" + quoted(hard_title(r)))
    if r.random() < 0.35:
        params.append("title*=" + r.choice(["UTF-8''%e2%82%ac%20rates", "UTF-8'de'n%c3%a4chstes%20Kapitel",
                                            "utf-8'en'%e2%82%ac", "ISO-8859-1'en'%A3%20rates",
                                            "UTF-8''%E2%82%AC"]))
    if r.random() < 0.3:
        params.append('media="screen, print; x=1"' if r.random() < 0.5
                      else 'media="(min-width: 600px) and (max-width: 900px), print"')
    if r.random() < 0.2:
        params.append("anchor=" + quoted(r.choice(["#foo", "/other, page", "https://example.com/a;b"])))
    if r.random() < 0.2:
        params.append("hreflang=" + r.choice(["en", "de-CH", "zh-Hant-TW"]))
    if r.random() < 0.2:
        params.append("type=" + r.choice(['"text/html; charset=UTF-8"', "TEXT/CSS", '"application/ld+json"']))
    if r.random() < 0.25:  # many params, some valueless, some with empty quoted values
        for _ in range(r.randint(5, 30)):
            x = r.random()
            name = r.choice(["x-a", "ext", "foo", "bar", "crossorigin", "nopush", "p" + str(r.randint(0, 99))])
            if x < 0.2:
                params.append(name)
            elif x < 0.3:
                params.append(name + '=""')
            elif x < 0.6:
                params.append(name + "=" + b64(r, r.randint(1, 30)))
            else:
                params.append(name + "=" + quoted(r.choice(["a, b", "c; d", 'e "f" g', "\\x", "=", ",<a>;"])))
    if r.random() < 0.15:
        params.append("rel=duplicate")  # second rel: RFC 8288 says ignore
    # whitespace variations: tabs and spaces around ; and =
    out = "<" + uri + ">"
    for p in params:
        ws = r.random()
        if ws < 0.7:
            out += "; " + p
        elif ws < 0.85:
            out += ";" + p
        elif ws < 0.95:
            out += " ;\t" + p
        else:
            if "=" in p:
                k, v = p.split("=", 1)
                out += " ; " + k + " = " + v
            else:
                out += " ;  " + p
    return out


def gen_hard(r, n):
    out = []
    for _ in range(n):
        k = r.randint(1, 6)
        links = [hard_link(r) for _ in range(k)]
        s = links[0]
        for ln in links[1:]:
            x = r.random()
            s += (", " if x < 0.7 else "," if x < 0.85 else " ,\t" if x < 0.95 else ", , ") + ln
        out.append(s)
    return out


# ---------------------------------------------------------------- (d) huge
def gen_huge(r, n, target=64 * 1024):
    out = []
    api_r = random.Random(r.randrange(2**32))
    for _ in range(n):
        links = []
        size = 0
        while True:
            before = LINKS[0]
            x = r.random()
            if x < 0.6:
                ln = preload_link(r)
            elif x < 0.9:
                ln = gen_api(api_r, 1)[0] or '<https://api.example.com/items?page=1>; rel="first"'
            else:
                ln = hard_link(r)
                if len(ln) > 2048:
                    LINKS[0] = before
                    continue
            if size + len(ln) + 2 > target:
                LINKS[0] = before
                break
            links.append(ln)
            size += len(ln) + 2
        out.append(", ".join(links))
    return out


# ---------------------------------------------------------------- (e) adversarial
# Values built to hurt a parser: long runs of one construct that a naive parser
# rescans, retries or copies. Each kind returns (value, strict, lenient): the
# number of link-values linkhdr_next_link() returns for it in strict mode (with
# linkhdr_recover() after every error) and in lenient mode, so a benchmark run
# can be checked against SIZES.txt.
ADV = [0, 0]  # strict, lenient link-values of the current file


def reps(unit, size):
    return max(1, size // len(unit))


def adv_empty_elements(r, size):
    # RFC 9110 §5.6.1: recipients skip empty list elements; thousands of them
    unit = r.choice([", ", ",", " , ", ",\t"])
    lead = unit * reps(unit, size // 4) if r.random() < 0.5 else ""
    return lead + "</a>" + unit * reps(unit, size) + "</b>; rel=next" + unit, 2, 2


def adv_semicolons(r, size):
    # ";;" is an error in strict mode (after ";" a link-param is mandatory) and
    # an empty, dropped parameter in lenient mode
    unit = r.choice([";", "; ", " ;"])
    return "</a>" + unit * reps(unit, size) + " rel=x, </b>; rel=y", 2, 2


def adv_valueless(r, size):
    # thousands of valid valueless parameters: per-parameter overhead
    unit = r.choice(["; p", ";crossorigin", "; nopush"])
    return "</a>" + unit * reps(unit, size), 1, 1


def adv_escapes(r, size):
    # a quoted-string that is nothing but quoted-pairs
    unit = r.choice(['\\"', "\\\\", '\\"\\\\', "\\a"])
    return '</a>; title="' + unit * reps(unit, size) + '"; rel=next', 1, 1


def adv_angles(r, size):
    kind = r.randrange(4)
    if kind == 0:  # "<<<<": strict stops at the second '<'; lenient finds no '>'
        return "<" * size, 0, 0
    if kind == 1:  # "<a, <a, ...": many unterminated links (a retrying parser is quadratic)
        unit = "<a, "
        return unit * reps(unit, size), 0, 0
    if kind == 2:  # "<><><>": strict: one link then junk; lenient: every "<>" is a link
        n = reps("<>", size)
        return "<>" * n, 1, n
    # a long target that never closes
    unit = r.choice(["/abcdefgh", "/a%20b", "?q=1&r=2"])
    return "<" + unit * reps(unit, size), 0, 0


def adv_star_values(r, size):
    kind = r.randrange(4)
    if kind == 0:  # a long valid ext-value
        unit = r.choice(["%E2%82%AC", "a", "%c3%a4x", "-._~"])
        return "</a>; title*=UTF-8'en-GB'" + unit * reps(unit, size) + "; rel=next", 1, 1
    if kind == 1:  # valid up to one bad byte at the very end
        unit = "%E2%82%AC"
        return "</a>; title*=UTF-8''" + unit * reps(unit, size) + "%FF", 1, 1
    if kind == 2:  # quoted (strict: EXT_SYNTAX at once; lenient: checked escaped)
        unit = r.choice(["%E2%82%AC", "\\%41", "\\a"])
        return "</a>; title*=\"UTF-8''" + unit * reps(unit, size) + '"', 1, 1
    unit = "%E2%82%AC"  # a long name ending in '*' too
    return "</a>; " + "x" * (size // 2) + "*=UTF-8''" + unit * reps(unit, size // 2), 1, 1


def adv_huge_tokens(r, size):
    kind = r.randrange(5)
    if kind == 0:
        return "</a>; rel=" + "a" * size, 1, 1
    if kind == 1:
        return "</a>; " + "x" * size + "=1", 1, 1
    if kind == 2:
        unit = r.choice(["abcdefgh/", "a-b.c_d~/", "%7Ex/", "seg;p=1,q/"])
        return "</" + unit * reps(unit, size) + ">; rel=next", 1, 1
    if kind == 3:
        unit = r.choice(["lorem ipsum ", "a,b;c=d ", "</x>; rel=preload, "])
        return '</a>; title="' + unit * reps(unit, size) + '"', 1, 1
    unit = "!#$%&'*+-.^_`|~09AZaz"
    return "</a>; rel=" + unit * reps(unit, size) + ", </b>", 2, 2


def adv_whitespace(r, size):
    # BWS/OWS runs around ';' and '=' (valid in strict mode)
    k = size // 4
    ws = lambda: "".join(r.choice(" \t") for _ in range(k))
    return "</a>" + ws() + ";" + ws() + "rel" + ws() + "=" + ws() + "next", 1, 1


def adv_tiny_links(r, size):
    unit = r.choice(["<>,", "</a>, ", "<a>;b,", "<#>;x=\"\","])
    n = reps(unit, size)
    return unit * n, n, n


def adv_unterminated_quote(r, size):
    # strict fails at the end, then linkhdr_recover() rescans the link-value;
    # lenient swallows the rest of the line into the value
    unit = r.choice(["x, </b>; rel=y, ", '\\", ', ", ", "\\"])
    return '</a>; title="' + unit * reps(unit, size), 1, 1


def adv_quoted_commas(r, size):
    # separators inside quoted-strings must not split the value
    unit = r.choice(['; t=",,,,;;;;"', '; t="<a>, <b>"', '; t=""'])
    return "</a>" + unit * reps(unit, size) + ", </b>", 2, 2


ADV_KINDS = [adv_empty_elements, adv_semicolons, adv_valueless, adv_escapes, adv_angles,
             adv_star_values, adv_huge_tokens, adv_whitespace, adv_tiny_links,
             adv_unterminated_quote, adv_quoted_commas]


def gen_adversarial(r, n):
    out = []
    for i in range(n):
        kind = ADV_KINDS[i % len(ADV_KINDS)]
        size = r.choice([1024, 4096, 16384, 16384, 65536 - 64])
        v, strict, lenient = kind(r, size)
        ADV[0] += strict
        ADV[1] += lenient
        LINKS[0] += strict
        out.append(v)
    return out


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
    os.makedirs(outdir, exist_ok=True)
    files = [
        ("preload.txt", gen_preload, 10_000, 1),
        ("api.txt", gen_api, 10_000, 2),
        ("hard.txt", gen_hard, 2_000, 3),
        ("huge.txt", gen_huge, 20, 4),
        ("adversarial.txt", gen_adversarial, 11 * 12, 5),
    ]
    lines = []
    for name, fn, n, sub in files:
        r = random.Random(SEED * 10 + sub)
        LINKS[0] = 0
        ADV[0] = ADV[1] = 0
        vals = fn(r, n)
        assert len(vals) == n
        for v in vals:
            assert v and "\n" not in v and "\r" not in v and v.isascii(), repr(v[:80])
        with open(os.path.join(outdir, name), "w", encoding="ascii", newline="\n") as f:
            f.write("\n".join(vals) + "\n")
        nbytes = sum(len(v) for v in vals)
        lines.append(f"{name} values={n} bytes={nbytes} links={LINKS[0]} avg_bytes={nbytes / n:.1f} "
                     f"max_bytes={max(map(len, vals))} over_2000={sum(len(v) > 2000 for v in vals)}"
                     + (f" links_strict={ADV[0]} links_lenient={ADV[1]}" if fn is gen_adversarial else ""))
    with open(os.path.join(outdir, "SIZES.txt"), "w") as f:
        f.write("# bytes = sum of value lengths, newline excluded; links = link-values generated "
                "(a rel with several relation types is still one link-value); adversarial: links_strict/"
                "links_lenient = what linkhdr_next_link() returns, strict with linkhdr_recover() after "
                "each error; seed=%d\n" % SEED)
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
