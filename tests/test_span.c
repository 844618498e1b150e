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
      cmocka_unit_test(random_buffers),
  };
  return cmocka_run_group_tests_name(LH_SSE2 ? "span (sse2)" : "span (scalar)", tests, NULL, NULL);
}
