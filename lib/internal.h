/* Internal declarations shared by the library's layers. Nothing here is API.
 * Every external symbol is prefixed linkhdr__ (two underscores) and hidden
 * from the shared library. */
#ifndef LINKHDR_INTERNAL_H
#define LINKHDR_INTERNAL_H

#include "linkhdr.h"

#include <stddef.h>
#include <stdint.h>

typedef unsigned char uchar;

/* ---- chars.c: character classes, one bit per class ---- */
/* Hidden, so that PIC code reaches the tables directly, not through the GOT. */
#if defined(__GNUC__)
#define LH_HIDDEN __attribute__((visibility("hidden")))
#else
#define LH_HIDDEN
#endif
extern LH_HIDDEN const uint8_t linkhdr__cls[256];
#define LH_TCHAR 0x01u   /* RFC 9110 tchar */
#define LH_QDTEXT 0x02u  /* RFC 9110 qdtext: HTAB SP 21 23-5B 5D-7E 80-FF */
#define LH_QPAIR 0x04u   /* byte allowed after '\' in quoted-pair: HTAB SP VCHAR obs-text */
#define LH_OWS 0x08u     /* SP HTAB */
#define LH_PCHAR 0x10u   /* RFC 3986 unreserved / sub-delims / ':' / '@' / '/' / '?' (path, query, fragment) */
#define LH_HEX 0x20u     /* HEXDIG */
#define LH_ATTR 0x40u    /* RFC 8187 attr-char */
#define LH_CTL 0x80u     /* 00-1F and 7F */

#define LH_IS(c, k) ((linkhdr__cls[(uchar)(c)] & (k)) != 0)

extern LH_HIDDEN const int8_t linkhdr__hexval[256]; /* 0..15, or -1 */

static inline uchar linkhdr__lower(uchar c) { return (c >= 'A' && c <= 'Z') ? (uchar)(c + 32) : c; }

/* ---- uri.c: RFC 3986 ---- */

/* Scan a URI-Reference at s[0 .. n). Stops at the first byte that cannot be
 * part of one (such as '>' or SP) or at n.
 *   0                      *stop = index of that byte (n if none).
 *   LINKHDR_E_TARGET_*     *stop = offset of the error.                     */
int linkhdr__uri_scan(const uchar *s, size_t n, size_t *stop);

/* The builder's percent-encoding: treat all of s[0 .. n) as the target and
 * percent-encode whatever would not make a valid URI-Reference. Writes to
 * `out` when not NULL (it must hold *outlen bytes from a prior counting call).
 *   0                  *outlen = encoded length; the output is a URI-Reference.
 *   LINKHDR_E_CTL      a control byte at *erroff; nothing written.          */
int linkhdr__uri_encode(const uchar *s, size_t n, uchar *out, size_t *outlen, size_t *erroff);

/* ---- ext.c: RFC 8187 ---- */

/* Check an ext-value (the whole of s[0 .. n)): as written (escaped == 0),
 * or (escaped != 0) the text it stands for once its quoted-pairs are removed
 * (`\x` -> `x`, a lone trailing `\` dropped), without copying it.
 *   0, and *outlen = its decoded UTF-8 length (<= n);
 *   or LINKHDR_E_EXT_SYNTAX / _CHARSET / _LANGUAGE / _UTF8 and *erroff, a raw
 *   offset into s (an escaped byte is reported at its `\`).
 * outlen and erroff may be NULL. */
int linkhdr__ext_check(const uchar *s, size_t n, int escaped, size_t *outlen, size_t *erroff);

/* Decode an ext-value that linkhdr__ext_check accepted into UTF-8 at `out`
 * (which may be `s` itself), without checking it again. Returns the decoded
 * length. */
size_t linkhdr__ext_emit(const uchar *s, size_t n, int escaped, uchar *out);

/* n if s[0 .. n) is valid UTF-8 (RFC 3629), else the offset of the first
 * byte at which it stops being valid (for a sequence cut short by the end:
 * the offset of its first byte). */
size_t linkhdr__utf8_check(const uchar *s, size_t n);

#endif
