/* Runs of one character class: the parser's hot loops.
 *
 * Each span_* returns the first position in [s, end) whose byte is not in
 * the class (end if none). The portable path walks the class table of
 * chars.c one byte at a time. On x86-64 SSE2 is always there, so the wide
 * path classifies 16 bytes per step with compares (SSE2 has no byte shuffle,
 * so classes are written as a few ranges and single bytes) and finishes the
 * last < 16 bytes with the portable loop: no load ever crosses `end`.
 * -Dsimd=false (LINKHDR_SCALAR) forces the portable path; the test suite
 * runs both and they must agree byte for byte. */
#ifndef LINKHDR_SPAN_H
#define LINKHDR_SPAN_H

#include "internal.h"

#if defined(__SSE2__) && !defined(LINKHDR_SCALAR)
#define LH_SSE2 1
#include <emmintrin.h>
#else
#define LH_SSE2 0
#endif

/* The spans sit in the hot loops of every caller: always inline them. */
#if defined(__GNUC__)
#define LH_INLINE static inline __attribute__((always_inline))
#else
#define LH_INLINE static inline
#endif

#if LH_SSE2
/* bytes equal to c */
#define LH_EQ(v, c) _mm_cmpeq_epi8((v), _mm_set1_epi8((char)(c)))
/* bytes in [lo, lo + n - 1] (unsigned): (v - lo) <= n - 1 */
static inline __m128i lh_in(__m128i v, unsigned char lo, unsigned char n) {
  __m128i t = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
  return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((char)(n - 1))), t);
}
static inline unsigned lh_mask(__m128i m) { return (unsigned)_mm_movemask_epi8(m); }
static inline unsigned lh_ctz(unsigned m) { return (unsigned)__builtin_ctz(m); }

/* Bitmasks of the bytes NOT in a class. */
/* pchar / "/" / "?" (RFC 3986): VCHAR minus " # % < > [ \ ] ^ ` { | } */
static inline unsigned lh_not_pchar(__m128i v) {
  __m128i bad = _mm_or_si128(lh_in(v, 0x22, 2), LH_EQ(v, '%'));
  bad = _mm_or_si128(bad, LH_EQ(v, '<'));
  bad = _mm_or_si128(bad, LH_EQ(v, '>'));
  bad = _mm_or_si128(bad, lh_in(v, 0x5B, 4));
  bad = _mm_or_si128(bad, LH_EQ(v, '`'));
  bad = _mm_or_si128(bad, lh_in(v, 0x7B, 3));
  return (~lh_mask(lh_in(v, 0x21, 0x5E)) & 0xFFFFu) | lh_mask(bad);
}
/* unreserved / sub-delims (RFC 3986 reg-name without pct-encoded): pchar minus : @ / ? */
static inline unsigned lh_not_regname(__m128i v) {
  __m128i bad = _mm_or_si128(LH_EQ(v, ':'), LH_EQ(v, '@'));
  bad = _mm_or_si128(bad, LH_EQ(v, '/'));
  bad = _mm_or_si128(bad, LH_EQ(v, '?'));
  return lh_not_pchar(v) | lh_mask(bad);
}
/* qdtext: HTAB SP 21 23-5B 5D-7E obs-text, i.e. not CTL (but HTAB), DEL, " or \ */
static inline unsigned lh_not_qdtext(__m128i v) {
  __m128i ctl = _mm_andnot_si128(LH_EQ(v, '\t'), lh_in(v, 0x00, 0x20));
  __m128i bad = _mm_or_si128(ctl, LH_EQ(v, 0x7F));
  bad = _mm_or_si128(bad, LH_EQ(v, '"'));
  bad = _mm_or_si128(bad, LH_EQ(v, '\\'));
  return lh_mask(bad);
}
#define LH_SPAN_WIDE(s, end, notmask)                              \
  while ((end) - (s) >= 16) {                                      \
    unsigned m_ = notmask(_mm_loadu_si128((const __m128i *)(s)));  \
    if (m_) return (s) + lh_ctz(m_);                               \
    (s) += 16;                                                     \
  }
#else
#define LH_SPAN_WIDE(s, end, notmask)
#endif

LH_INLINE const uchar *span_pchar(const uchar *s, const uchar *end) {
  LH_SPAN_WIDE(s, end, lh_not_pchar)
  while (s < end && LH_IS(*s, LH_PCHAR)) s++;
  return s;
}

static inline int lh_regname(uchar c) {
  return LH_IS(c, LH_PCHAR) && c != ':' && c != '@' && c != '/' && c != '?';
}

LH_INLINE const uchar *span_regname(const uchar *s, const uchar *end) {
  LH_SPAN_WIDE(s, end, lh_not_regname)
  while (s < end && lh_regname(*s)) s++;
  return s;
}

LH_INLINE const uchar *span_tchar(const uchar *s, const uchar *end) {
  /* Tokens are short ("rel", "preload", "as"): measured on the preload
   * corpus, the table loop beats a 16-byte step for them (0.69 s vs 0.76 s),
   * so tokens have no wide path. */
  while (s < end && LH_IS(*s, LH_TCHAR)) s++;
  return s;
}

LH_INLINE const uchar *span_qdtext(const uchar *s, const uchar *end) {
  LH_SPAN_WIDE(s, end, lh_not_qdtext)
  while (s < end && LH_IS(*s, LH_QDTEXT)) s++;
  return s;
}

/* First position in [s, end) holding byte a or byte b (end if none): the
 * lenient parser's scans for '"' / '\' and ';' / ','. */
LH_INLINE const uchar *find2(const uchar *s, const uchar *end, uchar a, uchar b) {
#if LH_SSE2
  while (end - s >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)s);
    unsigned m = lh_mask(_mm_or_si128(LH_EQ(v, a), LH_EQ(v, b)));
    if (m) return s + lh_ctz(m);
    s += 16;
  }
#endif
  while (s < end && *s != a && *s != b) s++;
  return s;
}

#endif
