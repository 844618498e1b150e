/* fuzz_build: linkhdr_append() on hostile targets, names and values.
 *
 * Input: byte 0 holds flags, then length-prefixed fields:
 *   bit 0  LINKHDR_BUILD_PCT_ENCODE
 *   bit 1  the buffer already holds a link ("</p>; rel=x")
 *   bit 2  pass the target NUL-terminated (LINKHDR_NTS) when it has no NUL
 *   bit 3  pass names and values NUL-terminated when they have no NUL
 *   target: 1 length byte, then that many bytes
 *   up to 8 attrs: name (1 length byte + bytes), then a value length byte,
 *                  0xFF meaning "no value" (NULL), else that many bytes
 * A field cut short by the end of the input takes what is left.
 *
 * Oracles: the outcome is predicted independently, in the order the contract
 * gives (target, then each name and value): a control byte -> LINKHDR_E_CTL
 * at that byte; a name that is not a token -> LINKHDR_E_NAME; a '*' name with
 * a value that is not UTF-8 -> LINKHDR_E_EXT_UTF8; a target that is not a
 * URI-reference by uri_oracle.h -> LINKHDR_E_TARGET_* (unless
 * percent-encoding), and the strict parser reads "<t>" back as exactly t
 * just when it is one. On error the buffer and *len are untouched. On success
 * `needed` is exact (one byte less gives LINKHDR_E_NOSPACE and an untouched
 * buffer), the output has no control byte, and the whole header value
 * parses strictly to the old links plus this one, with the same target,
 * names and values. */
#include "fuzz_common.h"
#include "uri_oracle.h"

#define MAX_ATTRS 8

static const char prefix[] = "</p>; rel=x";

struct field {
  const char *s;
  size_t n;
};

/* The next length-prefixed field; 0 when the input is used up. */
static int take(const char *in, size_t size, size_t *pos, struct field *f, int *null) {
  size_t len;
  if (*pos >= size) return 0;
  len = (unsigned char)in[(*pos)++];
  if (null) *null = len == 0xFF;
  if (null && *null) {
    f->s = NULL;
    f->n = 0;
    return 1;
  }
  if (len > size - *pos) len = size - *pos;
  f->s = in + *pos;
  f->n = len;
  *pos += len;
  return 1;
}

/* Does the strict parser read "<t>" as one link whose target is t? */
static int parser_accepts_target(const char *t, size_t n) {
  char *s = fuzz_copy("", n + 2);
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  int ok;
  s[0] = '<';
  if (n) memcpy(s + 1, t, n);
  s[n + 1] = '>';
  linkhdr_parser_init(&p, s, n + 2, LINKHDR_STRICT);
  ok = linkhdr_next_link(&p, &l) == LINKHDR_OK && l.target.base == s + 1 && l.target.len == n &&
       linkhdr_next_param(&p, &prm) == LINKHDR_DONE && linkhdr_next_link(&p, &l) == LINKHDR_DONE;
  free(s);
  return ok;
}

/* An exact-size buffer of cap bytes holding the first len bytes of the
 * prefix, the rest filled so that a stray write shows. */
static char *make_buf(size_t cap, size_t len) {
  char *b = malloc(cap ? cap : 1);
  if (!b) abort();
  memset(b, '#', cap);
  if (len) memcpy(b, prefix, len);
  return b;
}

/* A NUL-terminated heap copy when asked for and possible; else NULL. */
static char *nts(const struct field *f, int want) {
  char *c;
  if (!want || !f->s || memchr(f->s, 0, f->n)) return NULL;
  c = fuzz_copy("", f->n + 1);
  if (f->n) memcpy(c, f->s, f->n);
  c[f->n] = '\0';
  return c;
}

struct expect {
  int code;
  size_t item, offset;
  int check_offset;
};

static struct expect predict(const struct field *t, const struct field *names,
                             const struct field *values, size_t nattrs, unsigned flags) {
  struct expect e = {LINKHDR_OK, 0, 0, 1};
  size_t i, off;
  if ((off = fuzz_first_ctl(t->s, t->n)) < t->n) {
    e.code = LINKHDR_E_CTL;
    e.offset = off;
    return e;
  }
  /* The builder, the strict parser and an independent reading of RFC 3986
   * must agree on what a URI-reference is. */
  CHECK(parser_accepts_target(t->s, t->n) == uri_reference_valid(t->s, t->n));
  if (!(flags & LINKHDR_BUILD_PCT_ENCODE) && !uri_reference_valid(t->s, t->n)) {
    e.code = LINKHDR_E_TARGET_CHAR; /* any LINKHDR_E_TARGET_* */
    e.check_offset = 0;
    return e;
  }
  for (i = 0; i < nattrs; i++) {
    const struct field *nm = &names[i], *v = &values[i];
    e.item = i + 1;
    if ((off = fuzz_first_ctl(nm->s, nm->n)) < nm->n) {
      e.code = LINKHDR_E_CTL;
      e.offset = off;
      return e;
    }
    if (!fuzz_token(nm->s, nm->n)) {
      e.code = LINKHDR_E_NAME;
      e.check_offset = 0;
      return e;
    }
    if (!v->s) continue;
    if ((off = fuzz_first_ctl(v->s, v->n)) < v->n) {
      e.code = LINKHDR_E_CTL;
      e.offset = off;
      return e;
    }
    if (nm->s[nm->n - 1] == '*' && !fuzz_utf8((const unsigned char *)v->s, v->n)) {
      e.code = LINKHDR_E_EXT_UTF8;
      e.check_offset = 0;
      return e;
    }
  }
  e.item = 0;
  return e;
}

/* The built value parses to the prefix link (if any) plus the new link. */
static void check_output(const char *buf, size_t len, int with_prefix, const struct field *t,
                         const struct field *names, const struct field *values, size_t nattrs,
                         unsigned flags) {
  char *exact = fuzz_copy(buf, len);
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  size_t i;
  for (i = 0; i < len; i++) CHECK(!fuzz_ctl((unsigned char)buf[i]));
  linkhdr_parser_init(&p, exact, len, LINKHDR_STRICT);
  if (with_prefix) {
    CHECK(linkhdr_next_link(&p, &l) == LINKHDR_OK);
    CHECK(l.offset == 0 && l.target.len == 2);
  }
  CHECK(linkhdr_next_link(&p, &l) == LINKHDR_OK);
  if (!(flags & LINKHDR_BUILD_PCT_ENCODE) || parser_accepts_target(t->s, t->n)) {
    CHECK(l.target.len == t->n && (t->n == 0 || memcmp(l.target.base, t->s, t->n) == 0));
  } else {
    CHECK(l.target.len >= t->n);
  }
  for (i = 0; i < nattrs; i++) {
    size_t outlen;
    char *text;
    CHECK(linkhdr_next_param(&p, &prm) == LINKHDR_OK);
    CHECK(fuzz_view_same(prm.name, (linkhdr_view){names[i].s, names[i].n}));
    if (!values[i].s) {
      CHECK(prm.type == LINKHDR_VALUE_NONE);
      continue;
    }
    CHECK(prm.type != LINKHDR_VALUE_NONE);
    if (prm.flags & LINKHDR_PARAM_EXT) /* always UTF-8 with no language */
      CHECK(prm.type == LINKHDR_VALUE_TOKEN && prm.value.len >= 7 && !memcmp(prm.value.base, "UTF-8''", 7));
    else if (values[i].n == 0)
      CHECK(prm.type == LINKHDR_VALUE_QUOTED && prm.value.len == 0);
    text = fuzz_param_text(&prm, &outlen);
    CHECK(outlen == values[i].n && (outlen == 0 || memcmp(text, values[i].s, outlen) == 0));
    free(text);
  }
  CHECK(linkhdr_next_param(&p, &prm) == LINKHDR_DONE);
  CHECK(linkhdr_next_link(&p, &l) == LINKHDR_DONE);
  free(exact);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *in = fuzz_copy(data, size);
  struct field t, names[MAX_ATTRS], values[MAX_ATTRS];
  linkhdr_attr attrs[MAX_ATTRS];
  char *owned[2 * MAX_ATTRS + 1];
  size_t pos = 1, nattrs = 0, nowned = 0, len, start_len, i, cap;
  unsigned mode, flags;
  struct expect e;
  linkhdr_error err;
  char *buf, *copy, *tc;
  int rc, null;

  if (size == 0) {
    free(in);
    return 0;
  }
  mode = (unsigned char)in[0];
  flags = (mode & 1) ? LINKHDR_BUILD_PCT_ENCODE : 0;
  if (!take(in, size, &pos, &t, NULL)) {
    t.s = in + size;
    t.n = 0;
  }
  while (nattrs < MAX_ATTRS && take(in, size, &pos, &names[nattrs], NULL)) {
    if (!take(in, size, &pos, &values[nattrs], &null)) {
      values[nattrs].s = NULL; /* cut short: no value */
      values[nattrs].n = 0;
    }
    nattrs++;
  }
  for (i = 0; i < nattrs; i++) {
    char *nc = nts(&names[i], mode & 8), *vc = nts(&values[i], mode & 8);
    attrs[i].name = nc ? nc : names[i].s;
    attrs[i].name_len = nc ? LINKHDR_NTS : names[i].n;
    attrs[i].value = vc ? vc : values[i].s;
    attrs[i].value_len = vc ? LINKHDR_NTS : values[i].n;
    if (nc) owned[nowned++] = nc;
    if (vc) owned[nowned++] = vc;
  }
  tc = nts(&t, mode & 4);
  if (tc) owned[nowned++] = tc;

  e = predict(&t, names, values, nattrs, flags);

  /* The buffer: the prefix (or nothing) and room for its NUL only. */
  start_len = (mode & 2) ? sizeof prefix - 1 : 0;
  cap = start_len + 1;
  buf = make_buf(cap, start_len);
  buf[start_len] = '\0';
  copy = fuzz_copy(buf, cap);
  len = start_len;
  memset(&err, 0x5A, sizeof err);
  rc = linkhdr_append(buf, cap, &len, tc ? tc : t.s, tc ? LINKHDR_NTS : t.n, attrs, nattrs, flags,
                      &err);
  CHECK(len == start_len && memcmp(buf, copy, cap) == 0);
  if (e.code != LINKHDR_OK) {
    if (e.code == LINKHDR_E_TARGET_CHAR)
      CHECK(rc <= LINKHDR_E_TARGET_UNTERMINATED && rc >= LINKHDR_E_TARGET_AUTHORITY);
    else
      CHECK(rc == e.code);
    CHECK(err.code == rc && err.item == e.item && err.needed == 0);
    if (e.check_offset) CHECK(err.offset == e.offset);
    if (e.item == 0) CHECK(err.offset <= t.n);
    else CHECK(err.offset <= names[e.item - 1].n || err.offset <= values[e.item - 1].n);
  } else {
    size_t needed;
    CHECK(rc == LINKHDR_E_NOSPACE);
    CHECK(err.code == rc && err.needed > start_len + 1);
    needed = err.needed;
    /* one byte short of needed + 1: still no room, still untouched */
    free(buf);
    free(copy);
    buf = make_buf(needed, start_len);
    copy = fuzz_copy(buf, needed);
    rc = linkhdr_append(buf, needed, &len, tc ? tc : t.s, tc ? LINKHDR_NTS : t.n, attrs, nattrs,
                        flags, &err);
    CHECK(rc == LINKHDR_E_NOSPACE && err.needed == needed);
    CHECK(len == start_len && memcmp(buf, copy, needed) == 0);
    /* exactly needed + 1 */
    free(buf);
    buf = make_buf(needed + 1, start_len);
    rc = linkhdr_append(buf, needed + 1, &len, tc ? tc : t.s, tc ? LINKHDR_NTS : t.n, attrs,
                        nattrs, flags, &err);
    CHECK(rc == LINKHDR_OK);
    CHECK(len == needed && err.needed == needed && err.code == LINKHDR_OK && buf[len] == '\0');
    if (start_len) CHECK(memcmp(buf, prefix, start_len) == 0 && memcmp(buf + start_len, ", <", 3) == 0);
    else CHECK(buf[0] == '<');
    check_output(buf, len, start_len != 0, &t, names, values, nattrs, flags);
  }
  free(copy);
  free(buf);
  for (i = 0; i < nowned; i++) free(owned[i]);
  free(in);
  return 0;
}
