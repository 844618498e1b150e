/* Per-link recovery: after an error the caller resumes at the next link-value
 * and keeps the good links; a comma inside a quoted-string or inside <...>
 * never starts a new link. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linkhdr.h"
#include "testutil.h"

/* The good links of a header, as "target,target,...", and the errors as
 * "CODE@line:offset;..." — what a server that skips bad link-values sees. */
static void recover_all(const linkhdr_view *lines, size_t n, char *good, char *errs) {
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param pr;
  int rc, guard = 0;
  good[0] = errs[0] = '\0';
  linkhdr_parser_init_lines(&p, lines, n, LINKHDR_STRICT);
  for (;;) {
    assert_true(++guard < 1000); /* recovery always makes progress */
    rc = linkhdr_next_link(&p, &l);
    if (rc == LINKHDR_DONE) break;
    if (rc == LINKHDR_OK) {
      while ((rc = linkhdr_next_param(&p, &pr)) == LINKHDR_OK) {
      }
      if (rc == LINKHDR_DONE) { /* complete and valid only now */
        if (good[0]) strcat(good, ",");
        strncat(good, l.target.base, l.target.len);
        continue;
      }
    }
    {
      linkhdr_error e = linkhdr_parser_error(&p);
      char tmp[64];
      snprintf(tmp, sizeof tmp, "%s@%zu:%zu;", linkhdr_code_name(e.code), e.item, e.offset);
      strcat(errs, tmp);
    }
    assert_int_equal(linkhdr_recover(&p), LINKHDR_OK);
    assert_int_equal(linkhdr_parser_error(&p).code, LINKHDR_OK);
  }
}

static void one(const char *in, const char *want_good, const char *want_errs) {
  char good[512], errs[512];
  linkhdr_view v;
  char *buf = heap_str(in);
  v.base = buf;
  v.len = strlen(in);
  recover_all(&v, 1, good, errs);
  if (strcmp(good, want_good) || strcmp(errs, want_errs))
    fail_msg("input [%s]\n want %s | %s\n got  %s | %s", in, want_good, want_errs, good, errs);
  free(buf);
}

static void keeps_good_links(void **state) {
  (void)state;
  one("</a>; rel=x, </b c>; rel=y, </d>", "/a,/d", "TARGET_CHAR@0:16;");
  one("</a>, junk, </b>", "/a,/b", "EXPECTED_LINK@0:6;");
  one("</a>; as=font/woff2; crossorigin, </b>; rel=preload", "/b",
      "EXPECTED_SEPARATOR@0:13;");
  one("</a>;, </b>", "/b", "EXPECTED_NAME@0:5;");
  one("x, y, </c>", "/c", "EXPECTED_LINK@0:0;EXPECTED_LINK@0:3;");
  one("</a> </b>, </c>", "/c", "EXPECTED_SEPARATOR@0:5;");
}

static void quoted_comma_never_injects(void **state) {
  (void)state;
  /* the error is inside the quoted-string; rescanning from the error would
   * see ", </evil>" as a new link */
  one("</a>; title=\"x\x01, </evil>; rel=preload; z=\", </ok>", "/ok", "QUOTE_CHAR@0:14;");
  one("</a>; title=\"x\\\", </evil>\x01\"", "", "QUOTE_CHAR@0:25;");
  /* an unterminated quote swallows the rest of the line */
  one("</a>; t=\"x, </evil>; rel=preload", "", "QUOTE_UNTERMINATED@0:32;");
}

static void comma_inside_target_is_data(void **state) {
  (void)state;
  one("</a b,c>, </d>", "/d", "TARGET_CHAR@0:3;");
  /* lenient-style target with '<' keeps its '>' */
  one("</x<y,z>; rel=a, </ok>", "/ok", "TARGET_CHAR@0:3;");
}

static void errors_in_several_lines(void **state) {
  char *a = heap_str("</a>; rel=x, </b");
  char *b = heap_str("bad, </c>");
  char *c = heap_str("</d>");
  linkhdr_view lines[3];
  char good[256], errs[256];
  (void)state;
  lines[0].base = a, lines[0].len = 16;
  lines[1].base = b, lines[1].len = 9;
  lines[2].base = c, lines[2].len = 4;
  recover_all(lines, 3, good, errs);
  assert_string_equal(good, "/a,/c,/d");
  assert_string_equal(errs, "TARGET_UNTERMINATED@0:16;EXPECTED_LINK@1:0;");
  free(a);
  free(b);
  free(c);
}

static void recover_without_error_skips_current_link(void **state) {
  const char *in = "</a>; t=\"x,y\", </b>";
  char *buf = heap_str(in);
  linkhdr_parser p;
  linkhdr_link l;
  (void)state;
  linkhdr_parser_init(&p, buf, strlen(in), 0);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(linkhdr_recover(&p), LINKHDR_OK);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(l.offset, 15);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_DONE);
  assert_int_equal(linkhdr_recover(&p), LINKHDR_OK); /* at the end: a no-op */
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_DONE);
  free(buf);
}

/* Thousands of bad link-values: recovery stays linear (each byte is rescanned
 * at most once), checked by counting, not timing. */
static void many_bad_links(void **state) {
  size_t blocks = 25000, n = blocks * 8 + 10, i, links = 0, errors = 0;
  char *buf = malloc(n);
  linkhdr_parser p;
  linkhdr_link l;
  int rc;
  (void)state;
  for (i = 0; i < blocks; i++) memcpy(buf + i * 8, "</a b>, ", 8);
  memcpy(buf + blocks * 8, "</a>, </b>", 10);
  linkhdr_parser_init(&p, buf, n, 0);
  while ((rc = linkhdr_next_link(&p, &l)) != LINKHDR_DONE) {
    if (rc == LINKHDR_OK) {
      links++;
      continue;
    }
    errors++;
    assert_int_equal(linkhdr_parser_error(&p).offset, (errors - 1) * 8 + 3);
    linkhdr_recover(&p);
  }
  assert_int_equal(links, 2);
  assert_int_equal(errors, blocks);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(keeps_good_links),
      cmocka_unit_test(quoted_comma_never_injects),
      cmocka_unit_test(comma_inside_target_is_data),
      cmocka_unit_test(errors_in_several_lines),
      cmocka_unit_test(recover_without_error_skips_current_link),
      cmocka_unit_test(many_bad_links),
  };
  return cmocka_run_group_tests_name("recover", tests, NULL, NULL);
}
