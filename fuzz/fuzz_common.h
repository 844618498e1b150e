/* Shared by the harnesses: the oracle check, exact-size copies, and small
 * independent restatements of the grammar (RFC 9110 tchar, CTL) so that an
 * oracle never asks the library whether the library is right.
 *
 * Harnesses use only the public API (include/linkhdr.h). */
#ifndef LINKHDR_FUZZ_COMMON_H
#define LINKHDR_FUZZ_COMMON_H

#include "linkhdr.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The replay main (built with -DFUZZ_REPLAY) sets this to the file being
 * replayed, so that a failed oracle names its input. Under libFuzzer there
 * is none: libFuzzer writes the crashing input to an artifact file itself. */
#ifdef FUZZ_REPLAY
extern const char *fuzz_current_input;
#else
static const char *const fuzz_current_input = NULL;
#endif

/* An oracle failed: say which one and where, then abort so that libFuzzer
 * (or the replay test) records the input. */
static inline void fuzz_fail(const char *what, const char *file, int line) {
  fprintf(stderr, "%s:%d: oracle failed: %s\n", file, line, what);
  if (fuzz_current_input) fprintf(stderr, "input: %s\n", fuzz_current_input);
  abort();
}

#define CHECK(cond)                                   \
  do {                                                \
    if (!(cond)) fuzz_fail(#cond, __FILE__, __LINE__); \
  } while (0)

/* An exact-size heap copy: AddressSanitizer reports any read past size.
 * malloc(0) may return NULL, so an empty input gets one byte that no view
 * may reach anyway. */
static inline char *fuzz_copy(const void *data, size_t size) {
  char *p = malloc(size ? size : 1);
  if (!p) abort();
  if (size) memcpy(p, data, size);
  return p;
}

/* A view lies within [base, base + len). */
static inline int fuzz_view_in(linkhdr_view v, const char *base, size_t len) {
  if (v.len == 0) return v.base >= base && v.base <= base + len;
  return v.base >= base && v.base <= base + len && v.len <= (size_t)(base + len - v.base);
}

static inline int fuzz_view_same(linkhdr_view a, linkhdr_view b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.base, b.base, a.len) == 0);
}

/* RFC 9110 §5.6.2 tchar, written out again on purpose. */
static inline int fuzz_tchar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
  return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static inline int fuzz_token(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!fuzz_tchar((unsigned char)s[i])) return 0;
  return n > 0;
}

/* Control bytes as the builder defines them: 00-1F and 7F. */
static inline int fuzz_ctl(unsigned char c) { return c < 0x20 || c == 0x7f; }

static inline size_t fuzz_first_ctl(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n && !fuzz_ctl((unsigned char)s[i]); i++) {
  }
  return i;
}

/* RFC 3629 UTF-8 (no surrogates, no overlongs, at most U+10FFFF). */
static inline int fuzz_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t k;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) k = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      k = 2;
      if (c == 0xe0) lo = 0xa0;
      if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      k = 3;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;
    } else {
      return 0;
    }
    if (n - i <= k) return 0;
    if (s[i + 1] < lo || s[i + 1] > hi) return 0;
    for (size_t j = 2; j <= k; j++)
      if (s[i + j] < 0x80 || s[i + j] > 0xbf) return 0;
    i += k + 1;
  }
  return 1;
}

/* A parameter's value as text (linkhdr_param_value) in a fresh heap buffer
 * of exactly the documented size, param->value.len bytes. */
static inline char *fuzz_param_text(const linkhdr_param *prm, size_t *outlen) {
  char *buf = malloc(prm->value.len ? prm->value.len : 1);
  int rc;
  if (!buf) abort();
  rc = linkhdr_param_value(prm, buf, prm->value.len, outlen);
  CHECK(rc == LINKHDR_OK);
  CHECK(*outlen <= prm->value.len);
  if (prm->type == LINKHDR_VALUE_NONE) CHECK(*outlen == 0);
  return buf;
}

#endif
