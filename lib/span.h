/* Runs of one character class: the parser's hot loops.
 *
 * Each span_* returns the first position in [s, end) whose byte is not in
 * the class (end if none). The portable path walks the class table of
 * chars.c one byte at a time. On x86-64 SSE2 is always there, so the wide
 * path classifies 16 bytes per step with compares (SSE2 has no byte shuffle,
 * so classes are written as a few ranges and single bytes).
 *
 * The *_in variants also get `lo`, the start of the caller's bytes
 * (lo <= s): when fewer than 16 bytes are left before `end` they classify
 * the 16 bytes that END at `end` (all inside [lo, end), so no load ever
 * crosses either bound) and ignore the lanes before s. Only a buffer shorter
 * than 16 bytes takes the byte loop.
 *
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
/* bytes in [lo, lo + n - 1] (unsigned), 1 <= n <= 128: move the range to the
 * bottom of the signed byte range, then one signed compare. */
static inline __m128i lh_in(__m128i v, unsigned char lo, unsigned char n) {
  __m128i t = _mm_add_epi8(v, _mm_set1_epi8((char)(signed char)(0x80 - lo)));
  return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(signed char)(n - 0x80)));
}
static inline unsigned lh_mask(__m128i m) { return (unsigned)_mm_movemask_epi8(m); }
static inline unsigned lh_ctz(unsigned m) { return (unsigned)__builtin_ctz(m); }
static inline __m128i lh_load(const uchar *s) { return _mm_loadu_si128((const __m128i *)s); }

/* Bitmasks of the bytes NOT in a class. */
/* pchar / "/" / "?" (RFC 3986): VCHAR minus " # % < > [ \ ] ^ ` { | } */
static inline unsigned lh_not_pchar(__m128i v) {
  __m128i bad = _mm_or_si128(lh_in(v, 0x22, 2), LH_EQ(v, '%'));
  bad = _mm_or_si128(bad, LH_EQ(v, '<'));
  bad = _mm_or_si128(bad, LH_EQ(v, '>'));
  bad = _mm_or_si128(bad, lh_in(v, 0x5B, 4));
  bad = _mm_or_si128(bad, LH_EQ(v, '`'));
  bad = _mm_or_si128(bad, lh_in(v, 0x7B, 3));
  return lh_mask(_mm_andnot_si128(bad, lh_in(v, 0x21, 0x5E))) ^ 0xFFFFu;
}
/* unreserved / sub-delims (RFC 3986 reg-name without pct-encoded): pchar minus : @ / ? */
static inline unsigned lh_not_regname(__m128i v) {
  __m128i bad = _mm_or_si128(LH_EQ(v, ':'), LH_EQ(v, '@'));
  bad = _mm_or_si128(bad, LH_EQ(v, '/'));
  bad = _mm_or_si128(bad, LH_EQ(v, '?'));
  return lh_not_pchar(v) | lh_mask(bad);
}
/* tchar (RFC 9110): VCHAR minus the delimiters "(),/:;<=>?@[\]{} and DQUOTE */
static inline unsigned lh_not_tchar(__m128i v) {
  __m128i bad = _mm_or_si128(LH_EQ(v, '"'), lh_in(v, '(', 2));
  bad = _mm_or_si128(bad, LH_EQ(v, ','));
  bad = _mm_or_si128(bad, LH_EQ(v, '/'));
  bad = _mm_or_si128(bad, lh_in(v, ':', 7)); /* : ; < = > ? @ */
  bad = _mm_or_si128(bad, lh_in(v, '[', 3)); /* [ \ ] */
  bad = _mm_or_si128(bad, LH_EQ(v, '{'));
  bad = _mm_or_si128(bad, LH_EQ(v, '}'));
  return lh_mask(_mm_andnot_si128(bad, lh_in(v, 0x21, 0x5E))) ^ 0xFFFFu;
}
/* control bytes: 00-1F and DEL */
static inline unsigned lh_ctl(__m128i v) {
  return lh_mask(_mm_or_si128(lh_in(v, 0x00, 0x20), LH_EQ(v, 0x7F)));
}
/* OWS bytes: SP, HTAB */
static inline unsigned lh_not_ows(__m128i v) {
  return lh_mask(_mm_or_si128(LH_EQ(v, ' '), LH_EQ(v, '\t'))) ^ 0xFFFFu;
}
/* qdtext: HTAB SP 21 23-5B 5D-7E obs-text, i.e. not CTL (but HTAB), DEL, " or \ */
static inline unsigned lh_not_qdtext(__m128i v) {
  __m128i ctl = _mm_andnot_si128(LH_EQ(v, '\t'), lh_in(v, 0x00, 0x20));
  __m128i bad = _mm_or_si128(ctl, LH_EQ(v, 0x7F));
  bad = _mm_or_si128(bad, LH_EQ(v, '"'));
  bad = _mm_or_si128(bad, LH_EQ(v, '\\'));
  return lh_mask(bad);
}
/* 16-byte steps while they fit, then one overlapping step that ends at `end`
 * when [lo, end) holds 16 bytes: the lanes before s are shifted out. */
#define LH_SPAN_WIDE(lo, s, end, notmask)                          \
  while ((end) - (s) >= 16) {                                      \
    unsigned m_ = notmask(lh_load(s));                             \
    if (m_) return (s) + lh_ctz(m_);                               \
    (s) += 16;                                                     \
  }                                                                \
  if ((s) < (end) && (end) - (lo) >= 16) {                         \
    unsigned m_ = notmask(lh_load((end) - 16)) >> (16 - ((end) - (s))); \
    return m_ ? (s) + lh_ctz(m_) : (end);                          \
  }
#else
#define LH_SPAN_WIDE(lo, s, end, notmask) (void)(lo);
#endif

LH_INLINE const uchar *span_pchar_in(const uchar *lo, const uchar *s, const uchar *end) {
  if (s < end && !LH_IS(*s, LH_PCHAR)) return s; /* empty run ("%41%42", "<>"): no wide step */
  LH_SPAN_WIDE(lo, s, end, lh_not_pchar)
  while (s < end && LH_IS(*s, LH_PCHAR)) s++;
  return s;
}
LH_INLINE const uchar *span_pchar(const uchar *s, const uchar *end) { return span_pchar_in(s, s, end); }

static inline int lh_regname(uchar c) {
  return LH_IS(c, LH_PCHAR) && c != ':' && c != '@' && c != '/' && c != '?';
}

LH_INLINE const uchar *span_regname_in(const uchar *lo, const uchar *s, const uchar *end) {
  LH_SPAN_WIDE(lo, s, end, lh_not_regname)
  while (s < end && lh_regname(*s)) s++;
  return s;
}
LH_INLINE const uchar *span_regname(const uchar *s, const uchar *end) {
  return span_regname_in(s, s, end);
}

LH_INLINE const uchar *span_tchar_in(const uchar *lo, const uchar *s, const uchar *end) {
  LH_SPAN_WIDE(lo, s, end, lh_not_tchar)
  while (s < end && LH_IS(*s, LH_TCHAR)) s++;
  return s;
}
/* Tokens are short ("rel", "preload", "as"): measured on the preload
 * corpus, a table walk beats a 16-byte step for them, so span_tchar has no
 * wide path. Four bytes per bound check leave a load and a test per byte. */
LH_INLINE const uchar *span_tchar(const uchar *s, const uchar *end) {
  for (; end - s >= 4; s += 4) {
    if (!LH_IS(s[0], LH_TCHAR)) return s;
    if (!LH_IS(s[1], LH_TCHAR)) return s + 1;
    if (!LH_IS(s[2], LH_TCHAR)) return s + 2;
    if (!LH_IS(s[3], LH_TCHAR)) return s + 3;
  }
  while (s < end && LH_IS(*s, LH_TCHAR)) s++;
  return s;
}

LH_INLINE const uchar *span_ows_in(const uchar *lo, const uchar *s, const uchar *end) {
  LH_SPAN_WIDE(lo, s, end, lh_not_ows)
  while (s < end && (*s == ' ' || *s == '\t')) s++;
  return s;
}
LH_INLINE const uchar *span_ows(const uchar *s, const uchar *end) { return span_ows_in(s, s, end); }

LH_INLINE const uchar *span_qdtext_in(const uchar *lo, const uchar *s, const uchar *end) {
  /* An empty run (escape after escape: "\\a\\b...") must not cost a wide step. */
  if (s < end && !LH_IS(*s, LH_QDTEXT)) return s;
  LH_SPAN_WIDE(lo, s, end, lh_not_qdtext)
  while (s < end && LH_IS(*s, LH_QDTEXT)) s++;
  return s;
}
LH_INLINE const uchar *span_qdtext(const uchar *s, const uchar *end) { return span_qdtext_in(s, s, end); }

/* The first control byte (00-1F, DEL) in [s, end), or end: the builder
 * refuses them everywhere. */
LH_INLINE const uchar *find_ctl(const uchar *s, const uchar *end) {
  LH_SPAN_WIDE(s, s, end, lh_ctl)
  while (s < end && !LH_IS(*s, LH_CTL)) s++;
  return s;
}

/* First position in [s, end) holding byte a or byte b (end if none): the
 * lenient parser's scans for '"' / '\' and ';' / ','. */
LH_INLINE const uchar *find2(const uchar *s, const uchar *end, uchar a, uchar b) {
#if LH_SSE2
  while (end - s >= 16) {
    __m128i v = lh_load(s);
    unsigned m = lh_mask(_mm_or_si128(LH_EQ(v, a), LH_EQ(v, b)));
    if (m) return s + lh_ctz(m);
    s += 16;
  }
#endif
  while (s < end && *s != a && *s != b) s++;
  return s;
}

#endif
