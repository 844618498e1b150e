/* URIs for the preload layer (include/linkhdr.h §5.1): RFC 3986 §5.2
 * reference resolution and the same-origin test.
 *
 * Inputs are checked with the public builder (a "how big?" linkhdr_append()
 * of the URI as a target validates it as a URI-Reference), then split with
 * the regular expression of RFC 3986 Appendix B, which every URI-Reference
 * matches. The resolved path is never built in a scratch buffer: one
 * right-to-left pass over the dot segments measures it, a second one writes
 * it into the caller's buffer from its end. */
#include "preload_internal.h"

#include <string.h>

static linkhdr_view view(const char *s, size_t n) {
  linkhdr_view v;
  v.base = s;
  v.len = n;
  return v;
}

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static char lower(char c) { return is_upper(c) ? (char)(c + 32) : c; }

static int eq_nocase(linkhdr_view a, linkhdr_view b) {
  size_t i;
  if (a.len != b.len) return 0;
  for (i = 0; i < a.len; i++)
    if (lower(a.base[i]) != lower(b.base[i])) return 0;
  return 1;
}

/* ---- splitting: ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))? ---- */

static size_t span_until(const char *s, size_t i, size_t n, const char *stops) {
  while (i < n && strchr(stops, s[i]) == NULL) i++;
  return i;
}

void linkhdr__uri_split(const char *s, size_t n, linkhdr__uri *u) {
  size_t i = 0, j;
  memset(u, 0, sizeof *u);
  if (!s) s = "", n = 0;
  j = span_until(s, 0, n, ":/?#");
  if (j > 0 && j < n && s[j] == ':') {
    u->scheme = view(s, j);
    u->has_scheme = 1;
    i = j + 1;
  }
  if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
    j = span_until(s, i + 2, n, "/?#");
    u->authority = view(s + i + 2, j - i - 2);
    u->has_authority = 1;
    i = j;
  }
  j = span_until(s, i, n, "?#");
  u->path = view(s + i, j - i);
  i = j;
  if (i < n && s[i] == '?') {
    j = span_until(s, i + 1, n, "#");
    u->query = view(s + i + 1, j - i - 1);
    u->has_query = 1;
    i = j;
  }
  if (i < n && s[i] == '#') {
    u->fragment = view(s + i + 1, n - i - 1);
    u->has_fragment = 1;
  }
}

int linkhdr__uri_check(const char *s, size_t n, size_t *off) {
  size_t len = 0;
  linkhdr_error e;
  int rc = linkhdr_append(NULL, 0, &len, s, n, NULL, 0, 0, &e);
  *off = 0;
  if (rc == LINKHDR_E_NOSPACE) return 0; /* valid: it only lacked room */
  *off = e.offset;
  return rc;
}

/* ---- §5.2.2 transform references ---- */

/* §5.2.3 merge: the base path up to its last '/', or "/" for a base with an
 * authority and an empty path. */
static linkhdr_view merge_prefix(const linkhdr__uri *b) {
  size_t i;
  if (b->has_authority && b->path.len == 0) return view("/", 1);
  for (i = b->path.len; i > 0 && b->path.base[i - 1] != '/'; i--) {
  }
  return view(b->path.base, i);
}

void linkhdr__resolve_parts(const linkhdr__uri *b, const linkhdr__uri *r, linkhdr__target *t) {
  memset(t, 0, sizeof *t);
  t->p1 = view("", 0);
  t->fragment = r->fragment;
  t->has_fragment = r->has_fragment;
  t->scheme = r->has_scheme ? r->scheme : b->scheme;
  if (r->has_scheme || r->has_authority) {
    t->authority = r->authority;
    t->has_authority = r->has_authority;
    t->p2 = r->path;
    t->dots = 1;
    t->query = r->query;
    t->has_query = r->has_query;
    return;
  }
  t->authority = b->authority;
  t->has_authority = b->has_authority;
  if (r->path.len == 0) {
    t->p2 = b->path; /* the base path as it is: §5.2.2 removes no dots here */
    t->query = r->has_query ? r->query : b->query;
    t->has_query = r->has_query || b->has_query;
    return;
  }
  if (r->path.base[0] != '/') t->p1 = merge_prefix(b);
  t->p2 = r->path;
  t->dots = 1;
  t->query = r->query;
  t->has_query = r->has_query;
}

/* ---- §5.2.4 remove_dot_segments on the path p1 + p2 ----
 *
 * Read as segments: an absolute path is "/" seg *( "/" seg ); for any other
 * path the leading "./" and "../" (and a lone "." or "..") go first (rules
 * A and D), and its first segment is written without a '/'. A ".." removes
 * the nearest kept segment before it (none at the root); "." is dropped; a
 * path that ends in "." or ".." keeps a trailing '/'. tests/test_uri.c
 * checks this reading against the RFC's algorithm on every short path. */

enum { SEG_NORMAL, SEG_DOT, SEG_DOTDOT };

static char at(const linkhdr__target *t, size_t i) {
  return i < t->p1.len ? t->p1.base[i] : t->p2.base[i - t->p1.len];
}

static int seg_kind(const linkhdr__target *t, size_t s, size_t e) {
  if (e - s == 1 && at(t, s) == '.') return SEG_DOT;
  if (e - s == 2 && at(t, s) == '.' && at(t, s + 1) == '.') return SEG_DOTDOT;
  return SEG_NORMAL;
}

/* Where the first segment starts; *rootless for a path without a leading
 * '/'. A rootless path with nothing left has no segment (start == n). */
static size_t path_start(const linkhdr__target *t, size_t n, int *rootless) {
  size_t i = 0;
  *rootless = !(n > 0 && at(t, 0) == '/');
  if (!*rootless) return 1;
  for (;;) {
    if (n - i >= 3 && at(t, i) == '.' && at(t, i + 1) == '.' && at(t, i + 2) == '/') i += 3;
    else if (n - i >= 2 && at(t, i) == '.' && at(t, i + 1) == '/') i += 2;
    else if (seg_kind(t, i, n) != SEG_NORMAL) return n;
    else return i;
  }
}

/* Right to left over the segments: a ".." cancels the nearest normal
 * segment before it. Returns the result's length; with out, also fills
 * out[0 .. pos) from its end, storing only the bytes below `limit`, so that
 * no byte is ever written beyond what the caller asked for (a left-to-right
 * pass would write "/dir" of "/dir/../x" before removing it). */
static size_t remove_dots(const linkhdr__target *t, char *out, size_t pos, size_t limit) {
  size_t n = t->p1.len + t->p2.len, start, s, e, i, len = 0, pending = 0;
  int rootless, kind, last = 1;
#define PUT(c)                                                                 \
  do {                                                                         \
    --pos;                                                                     \
    if (out && pos < limit) out[pos] = (c);                                    \
  } while (0)
  start = path_start(t, n, &rootless);
  if (rootless && start == n) return 0;
  for (e = n;; e = s - 1) {
    for (s = e; s > start && at(t, s - 1) != '/'; s--) {
    }
    kind = seg_kind(t, s, e);
    if (last && kind != SEG_NORMAL) { /* "/a/." and "/a/.." end in '/' */
      len++;
      PUT('/');
    }
    last = 0;
    if (kind == SEG_DOTDOT) {
      pending++;
    } else if (kind == SEG_NORMAL && pending > 0) {
      pending--;
    } else if (kind == SEG_NORMAL) {
      len += e - s;
      for (i = e; i > s; i--) PUT(at(t, i - 1));
      if (!(rootless && s == start)) {
        len++;
        PUT('/');
      }
    }
    if (s == start) return len;
  }
#undef PUT
}

size_t linkhdr__path_len(const linkhdr__target *t) {
  return t->dots ? remove_dots(t, NULL, 0, 0) : t->p1.len + t->p2.len;
}

size_t linkhdr__path_head(const linkhdr__target *t, char *out, size_t n) {
  size_t len = linkhdr__path_len(t), i;
  if (t->dots) (void)remove_dots(t, out, len, n);
  else
    for (i = 0; i < n && i < len; i++) out[i] = at(t, i);
  return len;
}

size_t linkhdr__path_write(const linkhdr__target *t, char *out) {
  size_t len = linkhdr__path_len(t);
  return linkhdr__path_head(t, out, len);
}

/* ---- §5.3 recomposition ---- */

static size_t target_len(const linkhdr__target *t) {
  size_t n = t->scheme.len + 1 + linkhdr__path_len(t);
  if (t->has_authority) n += 2 + t->authority.len;
  if (t->has_query) n += 1 + t->query.len;
  if (t->has_fragment) n += 1 + t->fragment.len;
  return n;
}

static size_t put(char *out, size_t w, linkhdr_view v) {
  if (v.len) memcpy(out + w, v.base, v.len);
  return w + v.len;
}

static size_t target_write(const linkhdr__target *t, char *out) {
  size_t w = put(out, 0, t->scheme);
  out[w++] = ':';
  if (t->has_authority) {
    out[w++] = '/';
    out[w++] = '/';
    w = put(out, w, t->authority);
  }
  w += linkhdr__path_write(t, out + w);
  if (t->has_query) {
    out[w++] = '?';
    w = put(out, w, t->query);
  }
  if (t->has_fragment) {
    out[w++] = '#';
    w = put(out, w, t->fragment);
  }
  return w;
}

static int fail(linkhdr_error *err, int code, size_t item, size_t offset) {
  if (err) {
    err->code = code;
    err->offset = offset;
    err->item = item;
    err->needed = 0;
  }
  return code;
}

int linkhdr_resolve(const char *base, size_t base_len, const char *ref, size_t ref_len,
                    char *buf, size_t cap, size_t *len, linkhdr_error *err) {
  linkhdr__uri b, r;
  linkhdr__target t;
  size_t off, n;
  int rc;
  if (!len || (!base && base_len) || (!ref && ref_len) || (!buf && cap))
    return fail(err, LINKHDR_E_ARG, 0, 0);
  if ((rc = linkhdr__uri_check(ref, ref_len, &off)) != 0) return fail(err, rc, 0, off);
  if ((rc = linkhdr__uri_check(base, base_len, &off)) != 0) return fail(err, rc, 1, off);
  linkhdr__uri_split(base, base_len, &b);
  if (!b.has_scheme) return fail(err, LINKHDR_E_ARG, 1, 0);
  linkhdr__uri_split(ref, ref_len, &r);
  linkhdr__resolve_parts(&b, &r, &t);
  n = target_len(&t);
  if (n >= cap) {
    *len = n;
    rc = fail(err, LINKHDR_E_NOSPACE, 0, 0);
    if (err) err->needed = n;
    return rc;
  }
  *len = target_write(&t, buf);
  buf[*len] = '\0';
  if (err) {
    fail(err, LINKHDR_OK, 0, 0);
    err->needed = *len;
  }
  return LINKHDR_OK;
}

/* ---- origins ---- */

/* authority = [ userinfo "@" ] host [ ":" port ]; an IP literal is "[...]". */
static void host_port(linkhdr_view auth, linkhdr_view *host, linkhdr_view *port) {
  const char *s = auth.base, *end = auth.base + auth.len, *p;
  for (p = end; p > s; p--)
    if (p[-1] == '@') break;
  s = p;
  if (s < end && *s == '[') {
    for (p = s; p < end && *p != ']'; p++) {
    }
    if (p < end) p++;
  } else {
    for (p = s; p < end && *p != ':'; p++) {
    }
  }
  *host = view(s, (size_t)(p - s));
  *port = p < end && *p == ':' ? view(p + 1, (size_t)(end - p - 1)) : view("", 0);
}

/* The port as digits without leading zeros, the scheme's default when
 * absent or empty (RFC 3986 §6.2.3). */
static linkhdr_view port_of(linkhdr_view scheme, linkhdr_view port) {
  if (port.len == 0) {
    if (eq_nocase(scheme, view("http", 4))) return view("80", 2);
    if (eq_nocase(scheme, view("https", 5))) return view("443", 3);
    return port;
  }
  while (port.len > 1 && port.base[0] == '0') port.base++, port.len--;
  return port;
}

int linkhdr__same_origin(linkhdr_view scheme_a, linkhdr_view auth_a, linkhdr_view scheme_b,
                         linkhdr_view auth_b) {
  linkhdr_view host_a, port_a, host_b, port_b;
  host_port(auth_a, &host_a, &port_a);
  host_port(auth_b, &host_b, &port_b);
  if (host_a.len == 0 || !eq_nocase(scheme_a, scheme_b) || !eq_nocase(host_a, host_b)) return 0;
  port_a = port_of(scheme_a, port_a);
  port_b = port_of(scheme_b, port_b);
  return port_a.len == port_b.len && memcmp(port_a.base, port_b.base, port_a.len) == 0;
}

int linkhdr_same_origin(const char *a, size_t a_len, const char *b, size_t b_len) {
  linkhdr__uri ua, ub;
  size_t off;
  if ((!a && a_len) || (!b && b_len)) return LINKHDR_E_ARG;
  if (linkhdr__uri_check(a, a_len, &off) != 0 || linkhdr__uri_check(b, b_len, &off) != 0)
    return 0;
  linkhdr__uri_split(a, a_len, &ua);
  linkhdr__uri_split(b, b_len, &ub);
  if (!ua.has_scheme || !ua.has_authority || !ub.has_scheme || !ub.has_authority) return 0;
  return linkhdr__same_origin(ua.scheme, ua.authority, ub.scheme, ub.authority);
}
