/* Internal declarations of the preload semantics layer (resolve.c,
 * preload.c, lint.c, hints.c, push.c). This layer sees the core only through
 * include/linkhdr.h: it never includes internal.h. Every external symbol is
 * prefixed linkhdr__ and hidden from the shared library. */
#ifndef LINKHDR_PRELOAD_INTERNAL_H
#define LINKHDR_PRELOAD_INTERNAL_H

#include "linkhdr.h"

#include <stddef.h>
#include <stdint.h>

/* ---- resolve.c: RFC 3986 ---- */

/* The five components of a URI-Reference (RFC 3986 App. B); a view is only
 * meaningful when its has_ flag is set (the path always is). */
typedef struct linkhdr__uri {
  linkhdr_view scheme, authority, path, query, fragment;
  int has_scheme, has_authority, has_query, has_fragment;
} linkhdr__uri;

void linkhdr__uri_split(const char *s, size_t n, linkhdr__uri *u);

/* A URI-Reference check through the public builder: 0 when s[0 .. n) is
 * one, else the LINKHDR_E_TARGET_* / LINKHDR_E_CTL code with *off. */
int linkhdr__uri_check(const char *s, size_t n, size_t *off);

/* A resolved reference (RFC 3986 §5.2.2) before it is written: the path is
 * the concatenation p1 + p2, from which dot segments are removed when
 * `dots` is set. */
typedef struct linkhdr__target {
  linkhdr_view scheme, authority, p1, p2, query, fragment;
  int has_authority, has_query, has_fragment, dots;
} linkhdr__target;

/* Resolve r against the absolute base b (both split, both valid). */
void linkhdr__resolve_parts(const linkhdr__uri *b, const linkhdr__uri *r, linkhdr__target *t);

/* The length of the target's path once its dot segments are removed, and
 * writing it to out (which must hold that many bytes). */
size_t linkhdr__path_len(const linkhdr__target *t);
size_t linkhdr__path_write(const linkhdr__target *t, char *out);

/* Only the first min(n, length) bytes of that path, into out; returns the
 * path's length. */
size_t linkhdr__path_head(const linkhdr__target *t, char *out, size_t n);

/* Whether two authorities of URIs with these schemes are the same origin. */
int linkhdr__same_origin(linkhdr_view scheme_a, linkhdr_view auth_a, linkhdr_view scheme_b,
                         linkhdr_view auth_b);

/* ---- preload.c: values, link-value segments, the walker, the writer ---- */

/* ASCII case-insensitive equality of a parameter's value with s, after
 * trimming OWS, quoted-pairs read as the byte they stand for. */
int linkhdr__value_eq(const linkhdr_param *p, const char *s);

/* The value with OWS trimmed (quoted-pairs still in). */
linkhdr_view linkhdr__value_trim(const linkhdr_param *p);

/* The text of the trimmed value (quoted-pairs removed) into out, cut to
 * cap - 1 bytes and NUL-terminated (cap > 0); returns its whole length. */
size_t linkhdr__value_text(const linkhdr_param *p, char *out, size_t cap);

/* Preload view, one parameter at a time (linkhdr_preload_read() is
 * begin + add for each + end). */
void linkhdr__preload_begin(linkhdr_preload *pl, const linkhdr_link *link);
void linkhdr__preload_add(linkhdr_preload *pl, const linkhdr_param *param);
void linkhdr__preload_end(linkhdr_preload *pl);

/* Skip the OWS and commas before a link-value, from `from` in line. */
size_t linkhdr__segment_start(linkhdr_view line, size_t from);

/* Where the link-value starting at `start` ends: the offset of the next
 * comma outside quoted-strings and '<...>' (the scan linkhdr_recover()
 * makes), or line.len. */
size_t linkhdr__segment_end(linkhdr_view line, size_t start);

/* Strict walk over link-values with per-link recovery. */
typedef struct linkhdr__walk {
  linkhdr_parser p;
  const linkhdr_view *lines;
  size_t nlines;
  size_t index; /* index of the next link-value */
  size_t line;  /* the line of the last link-value */
  size_t next;  /* where the search for the next one starts in that line */
} linkhdr__walk;

/* One link-value of the walk. */
typedef struct linkhdr__item {
  size_t index, line, offset; /* offset = its first byte in the line */
  size_t end;                 /* the offset just past it (segment end) */
  linkhdr_error err;          /* code LINKHDR_OK for a valid link-value */
} linkhdr__item;

void linkhdr__walk_init(linkhdr__walk *w, const linkhdr_view *lines, size_t nlines);

/* The next link-value. LINKHDR_OK: *it is filled, and for a valid link-value
 * *pl too (it->err.code == LINKHDR_OK); a bad one has been recovered from.
 * LINKHDR_DONE: no more. */
int linkhdr__walk_next(linkhdr__walk *w, linkhdr__item *it, linkhdr_preload *pl);

/* The parameters linkhdr__write_link() leaves out, as 1u << LINKHDR_P_*. */
#define LINKHDR__OMIT_PUSH                                                     \
  ((1u << LINKHDR_P_NOPUSH) | (1u << LINKHDR_P_PUSH_ONLY) | (1u << LINKHDR_P_CRITICAL))

/* Append the valid link-value at `offset` of `line` to buf[0 .. *len) with
 * linkhdr_append(), names lowercased, leaving out the known parameters in
 * `omit`. Returns linkhdr_append()'s status (err->needed on NOSPACE); any
 * other error means the link cannot be rewritten. */
int linkhdr__write_link(char *buf, size_t cap, size_t *len, linkhdr_view line, size_t offset,
                        unsigned omit, linkhdr_error *err);

/* Whether two valid link-values are the same once the `omit` parameters are
 * left out: the same target bytes, the same parameters in order (names
 * ASCII case-insensitively, values after quoted-pair removal). */
int linkhdr__same_link(linkhdr_view line_a, size_t off_a, linkhdr_view line_b, size_t off_b,
                       unsigned omit);

/* A hash of what linkhdr__same_link() compares: the same links hash the
 * same. */
uint32_t linkhdr__link_hash(linkhdr_view line, size_t offset, unsigned omit);

#endif
