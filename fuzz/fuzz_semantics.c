/* fuzz_semantics: section 5 of linkhdr.h (preload view, lint, 103 Early
 * Hints, push paths, URI resolution) on arbitrary input.
 *
 * Input: byte 0 = mode, then the field value.
 *   bit 0    read the preload view in lenient mode (strict with recovery
 *            otherwise)
 *   bit 1    split the value at LF into field lines
 *   bit 2    linkhdr_early_hints(): LINKHDR_HINTS_MODULEPRELOAD
 *   bit 3    linkhdr_push_paths(): LINKHDR_PUSH_CROSS_ORIGIN
 *   bits 4-6 which base URI (a fixed list of absolute URIs)
 *   bit 7    a small byte budget for lint and hints
 *
 * Oracles (beyond "no crash, no read outside the input"):
 *   preload view  each known parameter is the first one of that name, views
 *                 lie in the input, enums are in range, rel_next() splits the
 *                 first rel into non-empty types without SP/HTAB that
 *                 rel_has() finds again;
 *   lint          codes, severities and their names are known; messages and
 *                 fixes are NUL-terminated printable ASCII; findings come in
 *                 link order with `size` last, exactly when the joined value
 *                 is over budget, and one `syntax` finding per link-value the
 *                 strict parser rejects; the count does not depend on cap;
 *   early hints   exact sizing (NOSPACE, then needed + 1 bytes); the value
 *                 parses strictly, holds no control byte, fits the budget,
 *                 and every link in it has preload / preconnect (/
 *                 modulepreload) in its rel, no anchor and no push-only
 *                 parameter; kept + dropped = all link-values;
 *   push          exact sizing; each path is NUL-terminated, has no control
 *                 byte and no '#', and is a path-absolute with query (same
 *                 origin) or an absolute URI (cross-origin, only when asked);
 *                 the link value to forward parses strictly without
 *                 `x-http2-push-only`;
 *   resolve       succeeds exactly for URI-references (uri_oracle.h), with a
 *                 result that is an absolute URI and, resolved once more,
 *                 a fixpoint; same_origin() is symmetric. */
#include "fuzz_common.h"
#include "uri_oracle.h"

#define MAX_LINES 16
#define MAX_FINDINGS 64
#define MAX_DROPPED 64

static const char *const bases[8] = {
    "https://example.com/dir/page.html?q=1#frag",
    "http://Example.COM:80/",
    "https://a.example:8443/x/y/z",
    "http://[::1]/a/b/",
    "https://example.com",
    "h://user@host/p/../q",
    "https://example.com/a/b/c/d;p?q",
    "HTTPS://EXAMPLE.com:443/./x",
};

struct input {
  const char *value; /* the field value after the mode byte */
  size_t n;
  linkhdr_view lines[MAX_LINES];
  size_t nlines;
  unsigned mode;
  const char *base;
  size_t budget;
};

static int printable_nts(const char *s, size_t cap) {
  size_t i;
  for (i = 0; i < cap && s[i]; i++)
    if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e) return 0;
  return i < cap;
}

/* Link-values as the strict parser with recovery sees them: good ones and
 * failed ones. */
static void strict_census(const struct input *in, size_t *good, size_t *bad) {
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  int rc;
  *good = *bad = 0;
  linkhdr_parser_init_lines(&p, in->lines, in->nlines, LINKHDR_STRICT);
  for (;;) {
    rc = linkhdr_next_link(&p, &l);
    if (rc == LINKHDR_DONE) break;
    if (rc == LINKHDR_OK) {
      while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
      }
      if (rc == LINKHDR_DONE) {
        (*good)++;
        continue;
      }
    }
    (*bad)++;
    CHECK(linkhdr_recover(&p) == LINKHDR_OK);
  }
}

/* ---- the preload view ---- */

static const char *const known[LINKHDR_P_COUNT] = {
    "rel",    "anchor",     "as",         "crossorigin", "type",   "media",
    "title",  "title*",     "fetchpriority", "integrity", "referrerpolicy", "nonce",
    "imagesrcset", "imagesizes", "nopush", "x-http2-push-only", "critical"};

static void check_rel(const linkhdr_param *rel) {
  size_t pos = 0, last_end = 0, k = 0;
  linkhdr_view t;
  int rc;
  while ((rc = linkhdr_rel_next(rel, &pos, &t)) == LINKHDR_OK) {
    size_t i;
    CHECK(++k <= rel->value.len);
    CHECK(t.len > 0 && fuzz_view_in(t, rel->value.base, rel->value.len));
    CHECK(t.base >= rel->value.base + last_end);
    last_end = (size_t)(t.base - rel->value.base) + t.len;
    for (i = 0; i < t.len; i++) CHECK(t.base[i] != ' ' && t.base[i] != '\t');
    /* rel_has() finds it again (a plain, short, unescaped type) */
    if (t.len < 64 && !memchr(t.base, '\\', t.len) && !memchr(t.base, 0, t.len)) {
      char s[64];
      memcpy(s, t.base, t.len);
      s[t.len] = '\0';
      CHECK(linkhdr_rel_has(rel, s) == 1);
    }
  }
  CHECK(rc == LINKHDR_DONE);
}

static void check_preload(const struct input *in) {
  static linkhdr_preload pl;
  linkhdr_parser p;
  linkhdr_link l;
  int lenient = (in->mode & 1) != 0, rc;
  size_t links = 0, i;
  linkhdr_parser_init_lines(&p, in->lines, in->nlines, lenient ? LINKHDR_LENIENT : LINKHDR_STRICT);
  for (;;) {
    rc = linkhdr_next_link(&p, &l);
    if (rc == LINKHDR_DONE) break;
    CHECK(++links <= in->n + 1);
    if (rc < 0) {
      CHECK(!lenient);
      CHECK(linkhdr_recover(&p) == LINKHDR_OK);
      continue;
    }
    rc = linkhdr_preload_read(&p, &l, &pl);
    if (rc < 0) {
      CHECK(!lenient);
      CHECK(linkhdr_recover(&p) == LINKHDR_OK);
      continue;
    }
    CHECK(rc == LINKHDR_OK);
    CHECK(pl.link.target.base == l.target.base && pl.link.target.len == l.target.len);
    CHECK(pl.as >= LINKHDR_AS_ABSENT && pl.as <= LINKHDR_AS_TRACK);
    CHECK((linkhdr_as_name(pl.as) != NULL) == (pl.as >= LINKHDR_AS_FETCH));
    CHECK(pl.crossorigin >= LINKHDR_CORS_ABSENT && pl.crossorigin <= LINKHDR_CORS_INVALID);
    CHECK((pl.rels & ~31u) == 0 && (pl.flags & ~15u) == 0);
    CHECK((pl.repeated >> LINKHDR_P_COUNT) == 0);
    for (i = 0; i < LINKHDR_P_COUNT; i++) {
      const linkhdr_param *prm = &pl.param[i];
      if (prm->name.len == 0) {
        CHECK(!(pl.repeated & (1u << i)));
        continue;
      }
      CHECK(linkhdr_view_eq(prm->name, known[i]));
      CHECK(fuzz_view_in(prm->name, in->value, in->n));
      CHECK(fuzz_view_in(prm->value, in->value, in->n));
      CHECK(pl.nparams >= 1);
    }
    if (pl.param[LINKHDR_P_AS].name.len == 0) CHECK(pl.as == LINKHDR_AS_ABSENT);
    if (pl.param[LINKHDR_P_CROSSORIGIN].name.len == 0) CHECK(pl.crossorigin == LINKHDR_CORS_ABSENT);
    CHECK(!!(pl.flags & LINKHDR_PRELOAD_NOPUSH) == (pl.param[LINKHDR_P_NOPUSH].name.len != 0));
    CHECK(!!(pl.flags & LINKHDR_PRELOAD_ANCHOR) == (pl.param[LINKHDR_P_ANCHOR].name.len != 0));
    if (pl.param[LINKHDR_P_REL].name.len && pl.param[LINKHDR_P_REL].type != LINKHDR_VALUE_NONE) {
      check_rel(&pl.param[LINKHDR_P_REL]);
      if (pl.rels & LINKHDR_REL_PRELOAD) CHECK(linkhdr_rel_has(&pl.param[LINKHDR_P_REL], "preload"));
      CHECK(!!(pl.rels & LINKHDR_REL_PRECONNECT) ==
            linkhdr_rel_has(&pl.param[LINKHDR_P_REL], "preconnect"));
    } else {
      CHECK(pl.rels == 0);
    }
  }
}

/* ---- lint ---- */

static void check_lint(const struct input *in) {
  static linkhdr_finding f[MAX_FINDINGS];
  size_t count = 0, count0 = 12345, i, good, bad, syntax = 0, joined = 0;
  CHECK(linkhdr_lint(in->lines, in->nlines, in->budget, f, MAX_FINDINGS, &count) == LINKHDR_OK);
  CHECK(linkhdr_lint(in->lines, in->nlines, in->budget, NULL, 0, &count0) == LINKHDR_OK);
  CHECK(count == count0);
  strict_census(in, &good, &bad);
  for (i = 0; i < in->nlines; i++) joined += in->lines[i].len + (i ? 2 : 0);
  for (i = 0; i < count && i < MAX_FINDINGS; i++) {
    const linkhdr_finding *x = &f[i];
    CHECK(x->code >= LINKHDR_LINT_SYNTAX && x->code <= LINKHDR_LINT_SIZE);
    CHECK(x->severity >= LINKHDR_SEVERITY_INFO && x->severity <= LINKHDR_SEVERITY_ERROR);
    CHECK(linkhdr_lint_code_name(x->code) != NULL);
    CHECK(linkhdr_severity_name(x->severity) != NULL);
    CHECK(printable_nts(x->message, sizeof x->message));
    CHECK(printable_nts(x->fix, sizeof x->fix));
    if (x->code == LINKHDR_LINT_SIZE) {
      CHECK(i + 1 == count); /* last */
      continue;
    }
    CHECK(x->line < in->nlines && x->offset <= in->lines[x->line].len);
    CHECK(x->index < good + bad);
    if (i) CHECK(f[i - 1].index <= x->index);
    if (i && f[i - 1].index == x->index) CHECK(f[i - 1].code <= x->code);
    syntax += x->code == LINKHDR_LINT_SYNTAX;
  }
  if (count <= MAX_FINDINGS) {
    int has_size = count > 0 && f[count - 1].code == LINKHDR_LINT_SIZE;
    size_t budget = in->budget ? in->budget : LINKHDR_LINT_BUDGET;
    if (has_size) CHECK(joined > budget);
    if (joined <= budget) CHECK(!has_size);
    CHECK(syntax == bad);
  }
}

/* ---- 103 Early Hints ---- */

/* The links of a value the library built: strict, clean, hint-worthy. */
static size_t check_hint_value(const char *v, size_t n, const struct input *in) {
  static linkhdr_preload pl;
  linkhdr_parser p;
  linkhdr_link l;
  size_t links = 0, i;
  int rc;
  for (i = 0; i < n; i++) CHECK(!fuzz_ctl((unsigned char)v[i]));
  linkhdr_parser_init(&p, v, n, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &l)) == LINKHDR_OK) {
    unsigned want = LINKHDR_REL_PRELOAD | LINKHDR_REL_PRECONNECT;
    if (in->mode & 4) want |= LINKHDR_REL_MODULEPRELOAD;
    CHECK(linkhdr_preload_read(&p, &l, &pl) == LINKHDR_OK);
    CHECK(pl.rels & want);
    CHECK(!(pl.flags & (LINKHDR_PRELOAD_ANCHOR | LINKHDR_PRELOAD_NOPUSH |
                        LINKHDR_PRELOAD_PUSH_ONLY | LINKHDR_PRELOAD_CRITICAL)));
    links++;
  }
  CHECK(rc == LINKHDR_DONE);
  return links;
}

static void check_hints(const struct input *in) {
  static linkhdr_dropped d[MAX_DROPPED];
  unsigned flags = (in->mode & 4) ? LINKHDR_HINTS_MODULEPRELOAD : 0;
  size_t len = 0, len2 = 0, nd = 0, nd2 = 0, i, good, bad, kept;
  char *buf, *small;
  int rc = linkhdr_early_hints(in->lines, in->nlines, flags, in->budget, NULL, 0, &len, d,
                               MAX_DROPPED, &nd);
  CHECK(rc == LINKHDR_E_NOSPACE);
  if (len > 0) { /* one byte short: still no room, buffer untouched */
    small = fuzz_copy("", len);
    memset(small, '#', len);
    CHECK(linkhdr_early_hints(in->lines, in->nlines, flags, in->budget, small, len, &len2, NULL, 0,
                              &nd2) == LINKHDR_E_NOSPACE);
    CHECK(len2 == len && nd2 == nd);
    for (i = 0; i < len; i++) CHECK(small[i] == '#');
    free(small);
  }
  buf = fuzz_copy("", len + 1);
  CHECK(linkhdr_early_hints(in->lines, in->nlines, flags, in->budget, buf, len + 1, &len2, d,
                            MAX_DROPPED, &nd2) == LINKHDR_OK);
  CHECK(len2 == len && nd2 == nd && buf[len] == '\0');
  if (in->budget) CHECK(len <= in->budget);
  for (i = 0; i < nd && i < MAX_DROPPED; i++) {
    CHECK(d[i].reason >= LINKHDR_DROP_NOT_PRELOAD && d[i].reason <= LINKHDR_DROP_UNWRITABLE);
    CHECK(linkhdr_drop_reason_name(d[i].reason) != NULL);
    CHECK(d[i].line < in->nlines && d[i].offset <= in->lines[d[i].line].len);
    if (i) CHECK(d[i - 1].index < d[i].index);
  }
  kept = check_hint_value(buf, len, in);
  strict_census(in, &good, &bad);
  CHECK(kept + nd == good + bad);
  free(buf);
}

/* ---- push ---- */

static void check_push(const struct input *in) {
  static linkhdr_push_path paths[64];
  unsigned flags = (in->mode & 8) ? LINKHDR_PUSH_CROSS_ORIGIN : 0;
  size_t count = 0, used = 0, c2 = 0, u2 = 0, i, bl = strlen(in->base), len = 0, l2 = 0;
  char *buf, *v;
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  int rc = linkhdr_push_paths(in->lines, in->nlines, in->base, bl, flags, NULL, 0, &count, NULL,
                              0, &used);
  CHECK(rc == LINKHDR_OK || rc == LINKHDR_E_NOSPACE);
  if (rc == LINKHDR_OK) CHECK(count == 0 && used == 0);
  if (count <= 64) {
    buf = fuzz_copy("", used);
    CHECK(linkhdr_push_paths(in->lines, in->nlines, in->base, bl, flags, paths, count, &c2, buf,
                             used, &u2) == LINKHDR_OK);
    CHECK(c2 == count && u2 == used);
    for (i = 0; i < count; i++) {
      const linkhdr_push_path *x = &paths[i];
      const char *s = buf + x->off;
      size_t j;
      CHECK(x->off < used && x->len < used - x->off && s[x->len] == '\0');
      CHECK(x->as >= LINKHDR_AS_ABSENT && x->as <= LINKHDR_AS_TRACK);
      CHECK((x->critical == 0 || x->critical == 1) && (x->cross_origin == 0 || x->cross_origin == 1));
      if (!flags) CHECK(x->cross_origin == 0);
      for (j = 0; j < x->len; j++) CHECK(!fuzz_ctl((unsigned char)s[j]) && s[j] != '#');
      CHECK(uri_reference_valid(s, x->len));
      if (x->cross_origin) {
        CHECK(memchr(s, ':', x->len) != NULL && s[0] != '/');
      } else {
        CHECK(x->len >= 1 && s[0] == '/' && (x->len == 1 || s[1] != '/'));
      }
      CHECK(x->line < in->nlines && x->offset <= in->lines[x->line].len);
      if (i) CHECK(paths[i - 1].index < x->index);
    }
    free(buf);
  }

  /* the Link value forwarded with a pushed response */
  CHECK(linkhdr_push_link_value(in->lines, in->nlines, NULL, 0, &len) == LINKHDR_E_NOSPACE);
  v = fuzz_copy("", len + 1);
  CHECK(linkhdr_push_link_value(in->lines, in->nlines, v, len + 1, &l2) == LINKHDR_OK);
  CHECK(l2 == len && v[len] == '\0');
  for (i = 0; i < len; i++) CHECK(!fuzz_ctl((unsigned char)v[i]));
  linkhdr_parser_init(&p, v, len, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &l)) == LINKHDR_OK)
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK)
      CHECK(!linkhdr_view_eq(prm.name, "x-http2-push-only"));
  CHECK(rc == LINKHDR_DONE);
  free(v);
}

/* ---- resolve ---- */

/* Resolve ref against base with exact sizing; returns the heap result or
 * NULL with *rc set. */
static char *resolve(const char *base, size_t bl, const char *ref, size_t rl, size_t *len, int *rc) {
  size_t need = 0, l2 = 0;
  char *out;
  linkhdr_error err;
  *rc = linkhdr_resolve(base, bl, ref, rl, NULL, 0, &need, &err);
  if (*rc != LINKHDR_E_NOSPACE) return NULL;
  out = fuzz_copy("", need + 1);
  *rc = linkhdr_resolve(base, bl, ref, rl, out, need + 1, &l2, &err);
  CHECK(*rc == LINKHDR_OK && l2 == need && out[need] == '\0');
  *len = need;
  return out;
}

static void check_resolve_one(const char *base, const char *ref, size_t rl) {
  size_t bl = strlen(base), len = 0, len2 = 0;
  int rc, rc2;
  char *r = resolve(base, bl, ref, rl, &len, &rc), *r2;
  int valid = uri_reference_valid(ref, rl);
  if (!valid) {
    CHECK(r == NULL);
    CHECK(rc == LINKHDR_E_CTL || (rc <= LINKHDR_E_TARGET_UNTERMINATED && rc >= LINKHDR_E_TARGET_AUTHORITY));
    return;
  }
  CHECK(r != NULL);
  CHECK(uri_reference_valid(r, len));
  CHECK(memchr(r, ':', len) != NULL); /* absolute: has a scheme */
  /* Resolving the result again removes the dot segments a reference with
   * an empty path inherited from the base (RFC 3986 §5.2.2 leaves them);
   * after that the result is a fixpoint. */
  r2 = resolve(base, bl, r, len, &len2, &rc2);
  CHECK(r2 != NULL && len2 <= len);
  {
    size_t len3 = 0;
    int rc3;
    char *r3 = resolve(base, bl, r2, len2, &len3, &rc3);
    CHECK(r3 != NULL && len3 == len2 && memcmp(r3, r2, len2) == 0);
    free(r3);
  }
  rc = linkhdr_same_origin(r, len, r, len);
  CHECK(rc == 0 || rc == 1);
  CHECK(linkhdr_same_origin(base, bl, r, len) == linkhdr_same_origin(r, len, base, bl));
  free(r2);
  free(r);
}

static void check_resolve(const struct input *in) {
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  size_t k = 0;
  int rc;
  /* the first line, whatever it holds, as a reference */
  check_resolve_one(in->base, in->lines[0].base ? in->lines[0].base : "", in->lines[0].len);
  /* and every strict target and anchor (a few) */
  linkhdr_parser_init_lines(&p, in->lines, in->nlines, LINKHDR_STRICT);
  while (k < 8 && (rc = linkhdr_next_link(&p, &l)) != LINKHDR_DONE) {
    if (rc < 0) {
      CHECK(linkhdr_recover(&p) == LINKHDR_OK);
      continue;
    }
    check_resolve_one(in->base, l.target.base, l.target.len);
    k++;
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK)
      if (linkhdr_view_eq(prm.name, "anchor") && prm.type == LINKHDR_VALUE_TOKEN)
        check_resolve_one(in->base, prm.value.base, prm.value.len);
    if (rc < 0) CHECK(linkhdr_recover(&p) == LINKHDR_OK);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct input in;
  char *buf;
  if (size == 0) return 0;
  in.mode = data[0];
  in.n = size - 1;
  buf = fuzz_copy(data + 1, in.n);
  in.value = buf;
  in.base = bases[(in.mode >> 4) & 7];
  in.budget = (in.mode & 128) ? 64 : 0;
  if (in.mode & 2) {
    size_t start = 0, i;
    in.nlines = 0;
    for (i = 0; i <= in.n && in.nlines < MAX_LINES; i++) {
      if (i == in.n || buf[i] == '\n' || in.nlines == MAX_LINES - 1) {
        if (in.nlines == MAX_LINES - 1) i = in.n;
        in.lines[in.nlines].base = buf + start;
        in.lines[in.nlines].len = i - start;
        in.nlines++;
        start = i + 1;
      }
    }
  } else {
    in.lines[0].base = buf;
    in.lines[0].len = in.n;
    in.nlines = 1;
  }
  check_preload(&in);
  check_lint(&in);
  check_hints(&in);
  check_push(&in);
  check_resolve(&in);
  free(buf);
  return 0;
}
