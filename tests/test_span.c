/* The wide (SSE2) class runs agree with the class table, byte for byte, at
 * every position of a 16-byte step and in the tail. With -Dsimd=false this
 * checks the portable path against itself, and the rest of the suite checks
 * that both builds parse alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "span.h"

static const uchar *table_span(const uchar *s, const uchar *end, unsigned cls) {
  while (s < end && LH_IS(*s, cls)) s++;
  return s;
}

static const uchar *table_find2(const uchar *s, const uchar *end, uchar a, uchar b) {
  while (s < end && *s != a && *s != b) s++;
  return s;
}

/* Fill n bytes with a class member, put byte c at position k, compare. */
static void every_byte_every_lane(unsigned cls, const uchar *(*span)(const uchar *, const uchar *),
                                  uchar member) {
  size_t n, k;
  unsigned c;
  for (n = 1; n <= 48; n++) {
    uchar *buf = malloc(n);
    for (k = 0; k < n; k++) {
      for (c = 0; c < 256; c++) {
        memset(buf, member, n);
        buf[k] = (uchar)c;
        assert_ptr_equal(span(buf, buf + n), table_span(buf, buf + n, cls));
      }
    }
    free(buf);
  }
}

static void pchar(void **state) {
  (void)state;
  every_byte_every_lane(LH_PCHAR, span_pchar, 'a');
}
static void tchar(void **state) {
  (void)state;
  every_byte_every_lane(LH_TCHAR, span_tchar, 'x');
}
static void qdtext(void **state) {
  (void)state;
  every_byte_every_lane(LH_QDTEXT, span_qdtext, ' ');
}

/* The *_in spans may classify the 16 bytes that end at `end`, reaching back
 * before s (never before lo): every start, every lane, every byte, in
 * exact-size buffers so that ASan sees any load past either end. */
static void every_start_every_lane(unsigned cls,
                                   const uchar *(*span)(const uchar *, const uchar *,
                                                        const uchar *),
                                   uchar member) {
  size_t n, k, st;
  unsigned c;
  for (n = 1; n <= 36; n++) {
    uchar *buf = malloc(n);
    for (st = 0; st < n; st++)
      for (k = st; k < n; k++)
        for (c = 0; c < 256; c++) {
          memset(buf, member, n);
          buf[k] = (uchar)c;
          /* a byte outside the class before s must not stop the run */
          if (st > 0) buf[st - 1] = 0;
          assert_ptr_equal(span(buf, buf + st, buf + n), table_span(buf + st, buf + n, cls));
        }
    free(buf);
  }
}

static const uchar *ows_in(const uchar *lo, const uchar *s, const uchar *end) {
  return span_ows_in(lo, s, end);
}
static const uchar *pchar_in(const uchar *lo, const uchar *s, const uchar *end) {
  return span_pchar_in(lo, s, end);
}
static const uchar *tchar_in(const uchar *lo, const uchar *s, const uchar *end) {
  return span_tchar_in(lo, s, end);
}
static const uchar *qdtext_in(const uchar *lo, const uchar *s, const uchar *end) {
  return span_qdtext_in(lo, s, end);
}
static const uchar *regname_in(const uchar *lo, const uchar *s, const uchar *end) {
  const uchar *r = span_regname_in(lo, s, end);
  /* the table has no reg-name class: check against lh_regname() */
  const uchar *q = s;
  while (q < end && lh_regname(*q)) q++;
  assert_ptr_equal(r, q);
  return span_pchar_in(lo, s, end);
}

static void tails_with_lo(void **state) {
  (void)state;
  every_start_every_lane(LH_OWS, ows_in, ' ');
  every_start_every_lane(LH_PCHAR, pchar_in, 'a');
  every_start_every_lane(LH_TCHAR, tchar_in, 'x');
  every_start_every_lane(LH_QDTEXT, qdtext_in, ' ');
  every_start_every_lane(LH_PCHAR, regname_in, 'a');
}

/* find_ctl: the first control byte (the builder's check). */
static void control_bytes(void **state) {
  size_t n, k;
  unsigned c;
  (void)state;
  for (n = 1; n <= 48; n++) {
    uchar *buf = malloc(n);
    for (k = 0; k < n; k++)
      for (c = 0; c < 256; c++) {
        const uchar *want;
        memset(buf, 'q', n);
        buf[k] = (uchar)c;
        want = buf;
        while (want < buf + n && !LH_IS(*want, LH_CTL)) want++;
        assert_ptr_equal(find_ctl(buf, buf + n), want);
      }
    free(buf);
  }
}

static void find_two_bytes(void **state) {
  size_t n, k;
  unsigned c;
  (void)state;
  for (n = 1; n <= 40; n++) {
    uchar *buf = malloc(n);
    for (k = 0; k < n; k++)
      for (c = 0; c < 256; c++) {
        memset(buf, 'q', n);
        buf[k] = (uchar)c;
        assert_ptr_equal(find2(buf, buf + n, ';', ','), table_find2(buf, buf + n, ';', ','));
        assert_ptr_equal(find2(buf, buf + n, '"', '\\'), table_find2(buf, buf + n, '"', '\\'));
      }
    free(buf);
  }
}

/* Random bytes biased towards class members, many lengths. */
static void random_buffers(void **state) {
  uint32_t x = 2463534242u;
  int round;
  (void)state;
  for (round = 0; round < 20000; round++) {
    size_t n = (size_t)(round % 70), i;
    uchar *buf = malloc(n ? n : 1);
    for (i = 0; i < n; i++) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      buf[i] = (x & 0x300) ? (uchar)('a' + (x & 15)) : (uchar)(x >> 24);
    }
    assert_ptr_equal(span_pchar(buf, buf + n), table_span(buf, buf + n, LH_PCHAR));
    assert_ptr_equal(span_tchar(buf, buf + n), table_span(buf, buf + n, LH_TCHAR));
    assert_ptr_equal(span_qdtext(buf, buf + n), table_span(buf, buf + n, LH_QDTEXT));
    free(buf);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(pchar),          cmocka_unit_test(tchar),
      cmocka_unit_test(qdtext),         cmocka_unit_test(find_two_bytes),
      cmocka_unit_test(random_buffers), cmocka_unit_test(tails_with_lo),
      cmocka_unit_test(control_bytes),
  };
  return cmocka_run_group_tests_name(LH_SSE2 ? "span (sse2)" : "span (scalar)", tests, NULL, NULL);
}
