/* HTTP/2 Server Push (include/linkhdr.h §5.5): the paths a server pushes
 * for a response's Link field lines, and the Link value it sends on.
 *
 * Unlike the hand-rolled push scanners of h2o and nginx, this reads the
 * field with the strict parser: a quoted `rel="preload"` counts, a comma in
 * a quoted-string never starts a link, a bad link-value is skipped without
 * hiding the next one, and every target is resolved per RFC 3986 (dot
 * segments, default ports) before the same-origin test. Each function makes
 * two passes over the same decisions, sizing then writing, so that a buffer
 * that is too small is never written to. */
#include "preload_internal.h"

#include <string.h>

/* An anchor that is empty or only a fragment names the requested resource
 * itself, so the link's context is unchanged (RFC 3986 §5.2.2). */
static int anchor_is_self(const linkhdr_param *anchor) {
  char first[2];
  size_t n;
  if (anchor->name.len == 0) return 1;
  n = linkhdr__value_text(anchor, first, sizeof first);
  return n == 0 || first[0] == '#';
}

/* Whether a valid link-value is pushed; *t its resolved target. */
static int pushed(const linkhdr_preload *pl, const linkhdr__uri *base, linkhdr__target *t) {
  linkhdr__uri r;
  char head[2];
  if (!(pl->rels & LINKHDR_REL_PRELOAD) || (pl->flags & LINKHDR_PRELOAD_NOPUSH)) return 0;
  if (!anchor_is_self(&pl->param[LINKHDR_P_ANCHOR])) return 0;
  linkhdr__uri_split(pl->link.target.base, pl->link.target.len, &r);
  linkhdr__resolve_parts(base, &r, t);
  if (!t->has_authority) return 0; /* nothing without a host can be pushed */
  /* A path that starts with "//" reads as an authority wherever the path is
   * taken for a reference ("//evil.example/x" from </a/..//evil.example/x>):
   * not worth the confusion for an optimization. */
  return !(linkhdr__path_head(t, head, 2) >= 2 && head[0] == '/' && head[1] == '/');
}

/* The bytes of a path entry: the path ("/" when empty) and query, or for
 * another origin the whole URI without its fragment; written when out is
 * not NULL. */
static size_t entry(const linkhdr__target *t, int cross, char *out) {
  size_t n = 0, path;
  if (cross) {
    if (out) memcpy(out, t->scheme.base, t->scheme.len);
    n = t->scheme.len;
    if (out) {
      out[n] = ':';
      out[n + 1] = '/';
      out[n + 2] = '/';
      memcpy(out + n + 3, t->authority.base, t->authority.len);
    }
    n += 3 + t->authority.len;
  }
  path = out ? linkhdr__path_write(t, out + n) : linkhdr__path_len(t);
  if (path == 0 && !cross) {
    if (out) out[n] = '/';
    path = 1;
  }
  n += path;
  if (t->has_query) {
    if (out) {
      out[n] = '?';
      memcpy(out + n + 1, t->query.base, t->query.len);
    }
    n += 1 + t->query.len;
  }
  return n;
}

int linkhdr_push_paths(const linkhdr_view *lines, size_t nlines, const char *base,
                       size_t base_len, unsigned flags, linkhdr_push_path *paths, size_t cap,
                       size_t *count, char *buf, size_t buf_cap, size_t *buf_len) {
  linkhdr__uri b;
  linkhdr__walk w;
  linkhdr__item it;
  linkhdr_preload pl;
  linkhdr__target t;
  size_t n, bytes, off;
  int pass, rc;
  if (!count || !buf_len || (!paths && cap) || (!buf && buf_cap) || (!lines && nlines) || !base)
    return LINKHDR_E_ARG;
  if ((rc = linkhdr__uri_check(base, base_len, &off)) != 0) return rc;
  linkhdr__uri_split(base, base_len, &b);
  if (!b.has_scheme) return LINKHDR_E_ARG;

  for (pass = 0; pass < 2; pass++) {
    n = bytes = 0;
    linkhdr__walk_init(&w, lines, nlines);
    while (linkhdr__walk_next(&w, &it, &pl) == LINKHDR_OK) {
      int cross;
      if (it.err.code != LINKHDR_OK || !pushed(&pl, &b, &t)) continue;
      cross = !(b.has_authority &&
                linkhdr__same_origin(t.scheme, t.authority, b.scheme, b.authority));
      if (cross && !(flags & LINKHDR_PUSH_CROSS_ORIGIN)) continue;
      if (pass == 1) {
        linkhdr_push_path *p = &paths[n];
        p->off = bytes;
        p->len = entry(&t, cross, buf + bytes);
        buf[bytes + p->len] = '\0';
        p->as = pl.as;
        p->critical = (pl.flags & LINKHDR_PRELOAD_CRITICAL) != 0;
        p->cross_origin = cross;
        p->index = it.index;
        p->line = it.line;
        p->offset = it.offset;
      }
      bytes += entry(&t, cross, NULL) + 1;
      n++;
    }
    *count = n;
    *buf_len = bytes;
    if (pass == 0 && (n > cap || bytes > buf_cap)) return LINKHDR_E_NOSPACE;
  }
  return LINKHDR_OK;
}

int linkhdr_push_link_value(const linkhdr_view *lines, size_t nlines, char *buf, size_t cap,
                            size_t *len) {
  linkhdr__walk w;
  linkhdr__item it;
  linkhdr_preload pl;
  linkhdr_error e;
  size_t total = 0, kept = 0, zero, written = 0;
  if (!len || (!buf && cap) || (!lines && nlines)) return LINKHDR_E_ARG;
  linkhdr__walk_init(&w, lines, nlines);
  while (linkhdr__walk_next(&w, &it, &pl) == LINKHDR_OK) {
    if (it.err.code != LINKHDR_OK || (pl.flags & LINKHDR_PRELOAD_PUSH_ONLY)) continue;
    zero = 0;
    if (linkhdr__write_link(NULL, 0, &zero, lines[it.line], it.offset, 0, &e) != LINKHDR_E_NOSPACE)
      continue; /* the builder cannot rewrite it */
    total += (kept++ ? 2 : 0) + e.needed;
  }
  if (total >= cap) {
    *len = total;
    return LINKHDR_E_NOSPACE;
  }
  linkhdr__walk_init(&w, lines, nlines);
  while (linkhdr__walk_next(&w, &it, &pl) == LINKHDR_OK)
    if (it.err.code == LINKHDR_OK && !(pl.flags & LINKHDR_PRELOAD_PUSH_ONLY))
      (void)linkhdr__write_link(buf, cap, &written, lines[it.line], it.offset, 0, NULL);
  buf[written] = '\0';
  *len = written;
  return LINKHDR_OK;
}
