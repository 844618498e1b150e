/* linkhdr_early_hints: the 103 Link value derived from a final response's
 * Link field lines, and what it leaves out and why. */
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

static char value[16384];
static size_t value_len;
static linkhdr_dropped drops[64];
static size_t ndrops;

/* Derive the hints of the NULL-terminated lines into `value`. */
static int hints_lines(const char *const *in, unsigned flags, size_t budget) {
  linkhdr_view lines[8];
  char *bufs[8];
  size_t n = 0, i;
  int rc;
  memset(lines, 0, sizeof lines);
  for (; in[n]; n++) {
    bufs[n] = heap_str(in[n]);
    lines[n].base = bufs[n];
    lines[n].len = strlen(in[n]);
  }
  rc = linkhdr_early_hints(lines, n, flags, budget, value, sizeof value, &value_len, drops, 64,
                           &ndrops);
  for (i = 0; i < n; i++) free(bufs[i]);
  if (rc == LINKHDR_OK) assert_int_equal(strlen(value), value_len);
  return rc;
}

static void hints1(const char *in, unsigned flags, size_t budget) {
  const char *lines[2];
  lines[0] = in;
  lines[1] = NULL;
  assert_int_equal(hints_lines(lines, flags, budget), LINKHDR_OK);
}

/* The dropped links as "index:reason" joined with spaces. */
static const char *dropped_str(void) {
  static char out[1024];
  size_t i;
  out[0] = '\0';
  for (i = 0; i < ndrops; i++) {
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%s%zu:%s", i ? " " : "", drops[i].index,
             linkhdr_drop_reason_name(drops[i].reason));
    strcat(out, tmp);
  }
  return out;
}

static void expect(const char *in, unsigned flags, size_t budget, const char *want,
                   const char *want_dropped) {
  hints1(in, flags, budget);
  if (strcmp(value, want) != 0 || strcmp(dropped_str(), want_dropped) != 0)
    fail_msg("hints [%s]\n want [%s] | %s\n got  [%s] | %s", in, want, want_dropped, value,
             dropped_str());
}

/* Every value produced parses strictly. */
static void parses_strictly(void) {
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  char *copy = heap_copy(value, value_len);
  int rc;
  linkhdr_parser_init(&p, copy, value_len, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &l)) == LINKHDR_OK)
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
    }
  assert_int_equal(rc, LINKHDR_DONE);
  free(copy);
}

static void keeps_preload_and_preconnect(void **state) {
  (void)state;
  expect("</css/style.css>; rel=preload; as=style, </next>; rel=next, "
         "<https://fonts.gstatic.com>; rel=preconnect; crossorigin, </m.js>; rel=modulepreload, "
         "</p>; rel=prefetch, <//x.example>; rel=dns-prefetch, </i.png>; rel=\"icon preload\"; as=image",
         0, 0,
         "</css/style.css>; rel=preload; as=style, <https://fonts.gstatic.com>; rel=preconnect; "
         "crossorigin, </i.png>; rel=\"icon preload\"; as=image",
         "1:not-preload 3:not-preload 4:not-preload 5:not-preload");
  parses_strictly();
  /* with the option, modulepreload too */
  expect("</m.js>; rel=modulepreload, </a.css>; rel=preload; as=style",
         LINKHDR_HINTS_MODULEPRELOAD, 0, "</m.js>; rel=modulepreload, </a.css>; rel=preload; as=style",
         "");
  /* no rel, an empty rel, a lookalike */
  expect("</a>, </b>; rel=\"\", </c>; rel=xpreload, </d>; rel=next; rel=preload", 0, 0, "",
         "0:not-preload 1:not-preload 2:not-preload 3:not-preload");
}

static void push_parameters_left_out(void **state) {
  (void)state;
  expect("</a.css>; rel=preload; as=style; nopush, </b.js>; x-http2-push-only; rel=preload; "
         "as=script; critical; NOPUSH",
         0, 0, "</a.css>; rel=preload; as=style, </b.js>; rel=preload; as=script", "");
  /* everything else stays, in canonical form: lowercase names, no BWS,
   * tokens unquoted, escapes minimal */
  expect("</f.woff2>;REL=\"preload\" ;  As = font;type=\"font/woff2\";crossorigin;"
         "title=\"a \\\"b\\\" \\c\";media=\"(min-width: 600px)\"",
         0, 0,
         "</f.woff2>; rel=preload; as=font; type=\"font/woff2\"; crossorigin; "
         "title=\"a \\\"b\\\" c\"; media=\"(min-width: 600px)\"",
         "");
  parses_strictly();
}

static void anchors_dropped(void **state) {
  (void)state;
  expect("</a.css>; rel=preload; as=style; anchor=\"/other\", </b.css>; rel=preload; as=style; "
         "anchor=\"\", </c.css>; rel=preload; as=style",
         0, 0, "</c.css>; rel=preload; as=style", "0:anchor 1:anchor");
}

static void duplicates_dropped(void **state) {
  (void)state;
  expect("</a.css>; rel=preload; as=style, </a.css>; rel=preload; as=style; nopush, "
         "</a.css>; REL=\"preload\"; as=\"style\", </a.css>; rel=preload; as=style; media=print, "
         "</a.css>; as=style; rel=preload, </A.css>; rel=preload; as=style",
         0, 0,
         "</a.css>; rel=preload; as=style, </a.css>; rel=preload; as=style; media=print, "
         "</a.css>; as=style; rel=preload, </A.css>; rel=preload; as=style",
         "1:duplicate 2:duplicate");
  /* a duplicate of a link that is dropped for another reason is judged on
   * its own */
  expect("</a.css>; rel=preload; as=style; anchor=\"#x\", </a.css>; rel=preload; as=style; "
         "anchor=\"#x\", </a.css>; rel=preload; as=style",
         0, 0, "</a.css>; rel=preload; as=style", "0:anchor 1:anchor");
  /* across field lines */
  {
    const char *in[] = {"</a.css>; rel=preload; as=style", "</b>; rel=preload",
                        "</a.css>; rel=preload; as=style; critical", NULL};
    assert_int_equal(hints_lines(in, 0, 0), LINKHDR_OK);
    assert_string_equal(value, "</a.css>; rel=preload; as=style, </b>; rel=preload");
    assert_string_equal(dropped_str(), "2:duplicate");
    assert_int_equal(drops[0].line, 2);
    assert_int_equal(drops[0].offset, 0);
  }
}

/* Duplicates are found among the first 256 distinct links kept (the price
 * of linear time without allocation). */
static void duplicates_of_the_first_256(void **state) {
  static char in[16384];
  size_t i, n = 0;
  (void)state;
  for (i = 0; i < 300; i++) n += (size_t)sprintf(in + n, "</%zu>; rel=preload, ", i);
  n += (size_t)sprintf(in + n, "</0>; rel=preload; nopush, </255>; rel=preload, </256>; rel=preload");
  hints1(in, 0, 0);
  assert_string_equal(dropped_str(), "300:duplicate 301:duplicate");
  assert_non_null(strstr(value, "</299>; rel=preload, </256>; rel=preload"));
  assert_int_equal(n, strlen(in));
}

static void budget_cuts_from_the_end(void **state) {
  const char *in = "</a.css>; rel=preload; as=style, </b.js>; rel=preload; as=script, "
                   "</c>; rel=preload";
  /* lengths: 31, 2 + 31, 2 + 17 = 83 */
  (void)state;
  expect(in, 0, 83, "</a.css>; rel=preload; as=style, </b.js>; rel=preload; as=script, "
                    "</c>; rel=preload", "");
  expect(in, 0, 82, "</a.css>; rel=preload; as=style, </b.js>; rel=preload; as=script",
         "2:budget");
  expect(in, 0, 64, "</a.css>; rel=preload; as=style, </b.js>; rel=preload; as=script",
         "2:budget");
  expect(in, 0, 63, "</a.css>; rel=preload; as=style", "1:budget 2:budget");
  expect(in, 0, 31, "</a.css>; rel=preload; as=style", "1:budget 2:budget");
  expect(in, 0, 30, "", "0:budget 1:budget 2:budget");
  expect(in, 0, 0, "</a.css>; rel=preload; as=style, </b.js>; rel=preload; as=script, "
                   "</c>; rel=preload", ""); /* 0: no budget */
  /* a later small link that would fit is still cut: links go from the end */
  expect("</long/long/long/long.css>; rel=preload; as=style, </a>; rel=preload, </b>; rel=preload",
         0, 60, "</long/long/long/long.css>; rel=preload; as=style", "1:budget 2:budget");
  /* the sizes are those of the output, after the push parameters are gone */
  expect("</a.css>; rel=preload; as=style; nopush; critical", 0, 31,
         "</a.css>; rel=preload; as=style", "");
  /* drops for other reasons come in link order with the budget ones */
  expect("</a.css>; rel=preload; as=style, </n>; rel=next, </b.js>; rel=preload; as=script", 0,
         40, "</a.css>; rel=preload; as=style", "1:not-preload 2:budget");
}

static void bad_link_values(void **state) {
  (void)state;
  /* dropped and reported, never guessed */
  expect("</a.woff2>; rel=preload; as=font/woff2; crossorigin, </b c>; rel=preload, junk, "
         "</ok.css>; rel=preload; as=style",
         0, 0, "</ok.css>; rel=preload; as=style", "0:syntax 1:syntax 2:syntax");
  assert_int_equal(drops[1].offset, 53);
  assert_int_equal(drops[2].offset, 74);
  /* valid, but the builder refuses a HTAB in a value */
  expect("</a.css>; rel=preload; as=style; title=\"a\tb\", </b.css>; rel=preload; as=style", 0, 0,
         "</b.css>; rel=preload; as=style", "0:unwritable");
}

/* Pitfall 1: a value holding `, </evil>; rel=preload` never becomes a hint. */
static void quoted_comma_injection(void **state) {
  (void)state;
  expect("</a>; rel=next; title=\"x, </evil>; rel=preload; z=\"", 0, 0, "", "0:not-preload");
  expect("</a>; rel=next; title=\"x\x01, </evil>; rel=preload; z=\", </b.css>; rel=preload; "
         "as=style",
         0, 0, "</b.css>; rel=preload; as=style", "0:syntax");
  expect("</a>; rel=next; title=\"x, </evil>; rel=preload; z=", 0, 0, "", "0:syntax");
  /* a preload whose title holds it stays one link, the title quoted */
  expect("</a.css>; rel=preload; as=style; title=\"x, </evil>; rel=preload; z=\"", 0, 0,
         "</a.css>; rel=preload; as=style; title=\"x, </evil>; rel=preload; z=\"", "");
  {
    linkhdr_parser p;
    linkhdr_link l;
    char *copy = heap_copy(value, value_len);
    int n = 0;
    linkhdr_parser_init(&p, copy, value_len, LINKHDR_STRICT);
    while (linkhdr_next_link(&p, &l) == LINKHDR_OK) n++;
    assert_int_equal(n, 1);
    free(copy);
  }
}

static void ext_values_rewritten(void **state) {
  (void)state;
  expect("</a.css>; rel=preload; as=style; title*=UTF-8'de'%E2%82%AC; x*=iso-8859-1''%A3", 0, 0,
         "</a.css>; rel=preload; as=style; title*=UTF-8''%E2%82%AC; x*=UTF-8''%C2%A3", "");
  parses_strictly();
}

static void nospace_and_capacity(void **state) {
  const char *in = "</a.css>; rel=preload; as=style, </n>; rel=next";
  char *copy = heap_str(in);
  linkhdr_view line;
  char out[64];
  size_t len = 0, nd = 0, i;
  linkhdr_dropped d[1];
  (void)state;
  line.base = copy;
  line.len = strlen(in);
  /* a "how big?" call still reports the drops */
  memset(d, 0, sizeof d);
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, NULL, 0, &len, d, 1, &nd),
                   LINKHDR_E_NOSPACE);
  assert_int_equal(len, 31);
  assert_int_equal(nd, 1);
  assert_int_equal(d[0].reason, LINKHDR_DROP_NOT_PRELOAD);
  assert_int_equal(d[0].offset, 33);
  /* one byte short (no room for the NUL): untouched */
  memset(out, 'Z', sizeof out);
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, out, 31, &len, NULL, 0, &nd),
                   LINKHDR_E_NOSPACE);
  for (i = 0; i < sizeof out; i++) assert_int_equal(out[i], 'Z');
  assert_int_equal(nd, 1); /* counted even with no room for it */
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, out, 32, &len, NULL, 0, &nd), LINKHDR_OK);
  assert_string_equal(out, "</a.css>; rel=preload; as=style");
  assert_int_equal(out[32], 'Z');
  /* nothing to hint: an empty value */
  line.len = strlen("</a.css>; rel=preload; as=style, </n>; rel=next") - 33;
  line.base = copy + 33;
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, out, 1, &len, NULL, 0, &nd), LINKHDR_OK);
  assert_int_equal(len, 0);
  assert_string_equal(out, "");
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, NULL, 0, &len, NULL, 0, &nd),
                   LINKHDR_E_NOSPACE);
  assert_int_equal(len, 0);
  /* arguments */
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, out, 1, NULL, NULL, 0, &nd), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, out, 1, &len, NULL, 0, NULL), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, NULL, 1, &len, NULL, 0, &nd), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_early_hints(&line, 1, 0, 0, out, 1, &len, NULL, 1, &nd), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_early_hints(NULL, 1, 0, 0, out, 1, &len, NULL, 0, &nd), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_early_hints(NULL, 0, 0, 0, out, 1, &len, NULL, 0, &nd), LINKHDR_OK);
  assert_int_equal(len, 0);
  assert_int_equal(nd, 0);
  free(copy);
}

static void several_lines(void **state) {
  const char *in[] = {"</a.css>; rel=preload; as=style, x", "", "  </n>; rel=next, </b.js>; "
                      "rel=preload; as=script; nopush", NULL};
  (void)state;
  assert_int_equal(hints_lines(in, 0, 0), LINKHDR_OK);
  assert_string_equal(value, "</a.css>; rel=preload; as=style, </b.js>; rel=preload; as=script");
  assert_string_equal(dropped_str(), "1:syntax 2:not-preload");
  assert_int_equal(drops[0].line, 0);
  assert_int_equal(drops[0].offset, 33);
  assert_int_equal(drops[1].line, 2);
  assert_int_equal(drops[1].offset, 2);
}

static void reason_names(void **state) {
  (void)state;
  assert_string_equal(linkhdr_drop_reason_name(LINKHDR_DROP_NOT_PRELOAD), "not-preload");
  assert_string_equal(linkhdr_drop_reason_name(LINKHDR_DROP_ANCHOR), "anchor");
  assert_string_equal(linkhdr_drop_reason_name(LINKHDR_DROP_DUPLICATE), "duplicate");
  assert_string_equal(linkhdr_drop_reason_name(LINKHDR_DROP_BUDGET), "budget");
  assert_string_equal(linkhdr_drop_reason_name(LINKHDR_DROP_SYNTAX), "syntax");
  assert_string_equal(linkhdr_drop_reason_name(LINKHDR_DROP_UNWRITABLE), "unwritable");
  assert_null(linkhdr_drop_reason_name(0));
  assert_null(linkhdr_drop_reason_name(7));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(keeps_preload_and_preconnect),
      cmocka_unit_test(push_parameters_left_out),
      cmocka_unit_test(anchors_dropped),
      cmocka_unit_test(duplicates_dropped),
      cmocka_unit_test(duplicates_of_the_first_256),
      cmocka_unit_test(budget_cuts_from_the_end),
      cmocka_unit_test(bad_link_values),
      cmocka_unit_test(quoted_comma_injection),
      cmocka_unit_test(ext_values_rewritten),
      cmocka_unit_test(nospace_and_capacity),
      cmocka_unit_test(several_lines),
      cmocka_unit_test(reason_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
