/* The link-value iterator: strict and lenient, one field line or several.
 * Broad conformance lives in data/conformance.jsonl; these tests pin the
 * iterator's own contract (views, offsets, stickiness, skipping). */
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

/* A flat rendering of a parse, for compact assertions:
 * "<t>{name=value|name~quoted|name!}..." per link, "!CODE@offset" on error. */
static void render(const char *in, size_t n, unsigned flags, char *out, size_t cap) {
  char *buf = heap_copy(in, n);
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param pr;
  size_t used = 0;
  int rc;
#define PUT(...) used += (size_t)snprintf(out + used, used < cap ? cap - used : 0, __VA_ARGS__)
  out[0] = '\0';
  linkhdr_parser_init(&p, buf, n, flags);
  while ((rc = linkhdr_next_link(&p, &l)) == LINKHDR_OK) {
    assert_true(l.target.base >= buf && l.target.base + l.target.len <= buf + n);
    PUT("<%.*s>", (int)l.target.len, l.target.base);
    while ((rc = linkhdr_next_param(&p, &pr)) == LINKHDR_OK) {
      assert_true(pr.name.base >= buf && pr.name.base + pr.name.len <= buf + n);
      assert_true(pr.value.base >= buf && pr.value.base + pr.value.len <= buf + n);
      assert_int_equal(pr.offset, (size_t)(pr.name.base - buf));
      if (pr.type == LINKHDR_VALUE_NONE)
        PUT("{%.*s!}", (int)pr.name.len, pr.name.base);
      else
        PUT("{%.*s%c%.*s}", (int)pr.name.len, pr.name.base,
            pr.type == LINKHDR_VALUE_QUOTED ? '~' : '=', (int)pr.value.len, pr.value.base);
    }
    if (rc < 0) break;
  }
  if (rc < 0) {
    linkhdr_error e = linkhdr_parser_error(&p);
    assert_int_equal(e.code, rc);
    assert_true(e.offset <= n);
    PUT("!%s@%zu", linkhdr_code_name(e.code), e.offset);
  }
#undef PUT
  free(buf);
}

static void check(const char *in, unsigned flags, const char *want) {
  char got[1024];
  render(in, strlen(in), flags, got, sizeof got);
  if (strcmp(got, want) != 0) fail_msg("input [%s] %s\n  want %s\n  got  %s", in,
                                       flags ? "lenient" : "strict", want, got);
}

static void motivating_headers(void **state) {
  (void)state;
  check("</css/style.min.css>; rel=preload; as=style", 0,
        "</css/style.min.css>{rel=preload}{as=style}");
  check("</css/style.min.3172f3c2ff6d86148847bf6c39bff071.css>; rel=preload; as=style, "
        "</js/script.min.26cc34bd5a07c08ad7237868ce404867.js>; rel=preload; as=script, "
        "</js/instantpage.min.b2f3edaed4c36f2285a5202b4823b89d.js>; rel=preload; as=script; "
        "crossorigin=anonymous",
        0,
        "</css/style.min.3172f3c2ff6d86148847bf6c39bff071.css>{rel=preload}{as=style}"
        "</js/script.min.26cc34bd5a07c08ad7237868ce404867.js>{rel=preload}{as=script}"
        "</js/instantpage.min.b2f3edaed4c36f2285a5202b4823b89d.js>{rel=preload}{as=script}"
        "{crossorigin=anonymous}");
  /* '/' is not a tchar: the error is at "/woff2" */
  check("</fonts/font.woff2>; rel=preload; as=font/woff2; crossorigin", 0,
        "</fonts/font.woff2>{rel=preload}{as=font}!EXPECTED_SEPARATOR@41");
  check("</fonts/font.woff2>; rel=preload; as=font/woff2; crossorigin", LINKHDR_LENIENT,
        "</fonts/font.woff2>{rel=preload}{as=font/woff2}{crossorigin!}");
}

static void list_rule_empty_elements(void **state) {
  (void)state;
  check("", 0, "");
  check(",", 0, "");
  check(" , ,, ", 0, "");
  check("</a>, , </b>", 0, "</a></b>");
  check(", </a>,", 0, "</a>");
  check("</a>,,,</b>", LINKHDR_LENIENT, "</a></b>");
  check("\t</a>\t", 0, "</a>");
}

static void ows_and_bws(void **state) {
  (void)state;
  check("</a> ;\trel = \"x\" ;nopush", 0, "</a>{rel~x}{nopush!}");
  check("</a>;rel=x;as=y", 0, "</a>{rel=x}{as=y}");
  check("</a>; rel=x y", 0, "</a>{rel=x}!EXPECTED_SEPARATOR@12");
  check("</a>; nopush foo", 0, "</a>{nopush!}!EXPECTED_SEPARATOR@13");
  check("</a>;", 0, "</a>!EXPECTED_NAME@5");
  check("</a>;;", 0, "</a>!EXPECTED_NAME@5");
  check("</a>; =x", 0, "</a>!EXPECTED_NAME@6");
  check("</a>; rel=", 0, "</a>!EXPECTED_VALUE@10");
  check("</a>; rel=,", 0, "</a>!EXPECTED_VALUE@10");
  check("</a>x", 0, "</a>!EXPECTED_SEPARATOR@4");
  check("</a> </b>", 0, "</a>!EXPECTED_SEPARATOR@5");
  check("x, </a>", 0, "!EXPECTED_LINK@0");
  /* form feed and NBSP are not OWS */
  check("</a>;\frel=x", 0, "</a>!EXPECTED_NAME@5");
}

static void quoted_strings(void **state) {
  (void)state;
  check("</a>; t=\"a\\\"b\\\\c\"", 0, "</a>{t~a\\\"b\\\\c}");
  check("</a>; t=\"\"", 0, "</a>{t~}");
  check("</a>; t=\"x, </evil>; rel=preload; z=\"", 0, "</a>{t~x, </evil>; rel=preload; z=}");
  check("</a>; t=\"abc", 0, "</a>!QUOTE_UNTERMINATED@12");
  check("</a>; t=\"a\\", 0, "</a>!QUOTE_UNTERMINATED@11");
  check("</a>; t=\"a\x01\"", 0, "</a>!QUOTE_CHAR@10");
  check("</a>; t=\"a\\\x7f\"", 0, "</a>!QUOTE_CHAR@11");
  check("</a>; t=\"tab\there\"", 0, "</a>{t~tab\there}");
  check("</a>; t=\"caf\xc3\xa9\"", 0, "</a>{t~caf\xc3\xa9}");
  /* single quotes are token characters, not quotes */
  check("</a>; rel='x'", 0, "</a>{rel='x'}");
}

static void targets(void **state) {
  (void)state;
  check("<>", 0, "<>");
  check("</x;y=z/q,r>; rel=next", 0, "</x;y=z/q,r>{rel=next}");
  check("</w/index.php?title=X;oldid=1>", 0, "</w/index.php?title=X;oldid=1>");
  check("<https://u:p@example.com:8443/p?q#f>", 0, "<https://u:p@example.com:8443/p?q#f>");
  check("<http://[2001:db8::7]/>", 0, "<http://[2001:db8::7]/>");
  check("<http://[v7.fe80::a+en1]/>", 0, "<http://[v7.fe80::a+en1]/>");
  check("<http://[::ffff:192.0.2.1]:80>", 0, "<http://[::ffff:192.0.2.1]:80>");
  check("<urn:isbn:0451450523>", 0, "<urn:isbn:0451450523>");
  check("<./1a:b>", 0, "<./1a:b>");
  check("<1a:b>", 0, "!TARGET_COLON@3");
  check("</a b>", 0, "!TARGET_CHAR@3");
  check("</a\"b>", 0, "!TARGET_CHAR@3");
  check("</caf\xc3\xa9>", 0, "!TARGET_CHAR@5");
  check("</a%2>", 0, "!TARGET_PCT@5");
  check("</a%4G>", 0, "!TARGET_PCT@5");
  check("</a#b#c>", 0, "!TARGET_FRAGMENT@5");
  check("</a[1]>", 0, "!TARGET_BRACKET@3");
  check("<http://[::1/>", 0, "!TARGET_AUTHORITY@12");
  check("<http://[1:2:3:4:5:6:7:8:9]/>", 0, "!TARGET_AUTHORITY@24");
  check("<http://[1:2:3:4:5:6:7::]/>", 0, "<http://[1:2:3:4:5:6:7::]/>");
  check("<http://[::1:2:3:4:5:6:7:8]/>", 0, "!TARGET_AUTHORITY@24");
  check("<http://[1::2::3]/>", 0, "!TARGET_AUTHORITY@14");
  check("<http://[::1.2.3.04]/>", 0, "!TARGET_AUTHORITY@18");
  /* found by fuzz_parse / fuzz_build against an independent RFC 3986 oracle */
  check("<//[1:192.0.2.1]/>", 0, "!TARGET_AUTHORITY@9");
  check("<//[1.2.3.4]/>", 0, "!TARGET_AUTHORITY@5");
  check("<//[1:2:3:4:5:6:7::8]/>", 0, "!TARGET_AUTHORITY@19");
  check("<//[1:2:3:4:5:6:1.2.3.4]/>", 0, "<//[1:2:3:4:5:6:1.2.3.4]/>");
  check("<//[::1:2:3:4:5:1.2.3.4]/>", 0, "<//[::1:2:3:4:5:1.2.3.4]/>");
  check("<http://h:8x/>", 0, "!TARGET_AUTHORITY@12"); /* could be userinfo until the '/' */
  check("<http://u@h:8x/>", 0, "!TARGET_AUTHORITY@13");
  check("<//[::1]@h/>", 0, "!TARGET_AUTHORITY@8");
  check("<http://a@b@c/>", 0, "!TARGET_AUTHORITY@11");
  check("</a", 0, "!TARGET_UNTERMINATED@3");
  check("</a>>", 0, "</a>!EXPECTED_SEPARATOR@4");
}

static void lenient_appendix_b(void **state) {
  (void)state;
  check("</a; rel=x, </b>; rel=y", LINKHDR_LENIENT, "</a; rel=x, </b>{rel=y}");
  check("</a>; rel=preload ;", LINKHDR_LENIENT, "</a>{rel=preload}");
  check("</a>;;; rel=x;", LINKHDR_LENIENT, "</a>{rel=x}");
  check("</a>; =x; rel=y", LINKHDR_LENIENT, "</a>{rel=y}");
  check("</a>; t=\"x, </b>", LINKHDR_LENIENT, "</a>{t~x, </b>}");
  check("</a>; t=\"x\" junk; rel=y, </b>", LINKHDR_LENIENT, "</a>{t~x}");
  check("junk, </a>", LINKHDR_LENIENT, "");
  check("</a>, junk, </b>", LINKHDR_LENIENT, "</a>");
  check("</a", LINKHDR_LENIENT, "");
  check("</a>; rel", LINKHDR_LENIENT, "</a>{rel!}");
  check("</a>; rel=", LINKHDR_LENIENT, "</a>{rel=}");
  check("</a>; rel preload", LINKHDR_LENIENT, "</a>{rel!}");
  check("< /a b >; as=font/woff2", LINKHDR_LENIENT, "< /a b >{as=font/woff2}");
  check("</a>; x=a\x01b", LINKHDR_LENIENT, "</a>{x=a\x01b}");
}

/* Validation never depends on how much the caller reads (sfparse's rule). */
static void skipped_params_are_validated(void **state) {
  const char *in = "</a>; rel=next; t=\"x\x01\", </b>";
  char *buf = heap_str(in);
  linkhdr_parser p;
  linkhdr_link l;
  (void)state;
  linkhdr_parser_init(&p, buf, strlen(in), 0);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_E_QUOTE_CHAR);
  assert_int_equal(linkhdr_parser_error(&p).offset, 20);
  free(buf);
}

static void errors_are_sticky(void **state) {
  const char *in = "</a b>, </c>";
  char *buf = heap_str(in);
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param pr;
  (void)state;
  linkhdr_parser_init(&p, buf, strlen(in), 0);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_E_TARGET_CHAR);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_E_TARGET_CHAR);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_E_TARGET_CHAR);
  assert_int_equal(linkhdr_parser_error(&p).offset, 3);
  free(buf);
}

static void no_nul_terminator_needed(void **state) {
  /* the bytes after n are never looked at: here they would extend the target */
  const char in[] = "</a>; rel=x</b>";
  char got[256];
  (void)state;
  render(in, 11, 0, got, sizeof got);
  assert_string_equal(got, "</a>{rel=x}");
  /* an embedded NUL is a byte like any other */
  render("</a>\0", 5, 0, got, sizeof got);
  assert_string_equal(got, "</a>!EXPECTED_SEPARATOR@4");
  render("</a>; t=\"\0\"", 11, 0, got, sizeof got);
  assert_string_equal(got, "</a>!QUOTE_CHAR@9");
}

static void null_and_empty_inputs(void **state) {
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param pr;
  (void)state;
  linkhdr_parser_init(&p, NULL, 0, 0);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_DONE);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_DONE);
  linkhdr_parser_init_lines(&p, NULL, 3, LINKHDR_LENIENT);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_DONE);
  assert_int_equal(linkhdr_next_link(NULL, &l), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_next_link(&p, NULL), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_next_param(NULL, &pr), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_recover(NULL), LINKHDR_E_ARG);
}

static void several_field_lines(void **state) {
  char *a = heap_str("</a>; rel=x, </b>");
  char *b = heap_str("");
  char *c = heap_str("  </c>; t=\"q\"");
  linkhdr_view lines[3];
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param pr;
  (void)state;
  lines[0].base = a, lines[0].len = strlen("</a>; rel=x, </b>");
  lines[1].base = b, lines[1].len = 0;
  lines[2].base = c, lines[2].len = strlen("  </c>; t=\"q\"");
  linkhdr_parser_init_lines(&p, lines, 3, 0);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(l.line, 0);
  assert_int_equal(l.offset, 0);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(l.line, 0);
  assert_int_equal(l.offset, 13);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(l.line, 2);
  assert_int_equal(l.offset, 2);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_OK);
  assert_int_equal(pr.offset, 8);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_DONE);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_DONE);
  /* a quoted-string never continues into the next line */
  lines[0].len = strlen("</a>; rel=x, </b>");
  free(a);
  free(b);
  free(c);
  a = heap_str("</a>; t=\"x,");
  b = heap_str("y\"");
  lines[0].base = a, lines[0].len = strlen("</a>; t=\"x,");
  lines[1].base = b, lines[1].len = 2;
  linkhdr_parser_init_lines(&p, lines, 2, 0);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_E_QUOTE_UNTERMINATED);
  assert_int_equal(linkhdr_parser_error(&p).item, 0);
  assert_int_equal(linkhdr_parser_error(&p).offset, 11);
  free(a);
  free(b);
}

static void lenient_line_stop_does_not_hide_next_line(void **state) {
  char *a = heap_str("junk </x>");
  char *b = heap_str("</b>; rel=y");
  linkhdr_view lines[2];
  linkhdr_parser p;
  linkhdr_link l;
  (void)state;
  lines[0].base = a, lines[0].len = 9;
  lines[1].base = b, lines[1].len = 11;
  linkhdr_parser_init_lines(&p, lines, 2, LINKHDR_LENIENT);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(l.line, 1);
  assert_int_equal(l.target.len, 2);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_DONE);
  free(a);
  free(b);
}

static void param_flags(void **state) {
  const char *in = "</a>; t=\"a\\\"b\"; title*=UTF-8''x; *=UTF-8''y; n";
  char *buf = heap_str(in);
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param pr;
  (void)state;
  linkhdr_parser_init(&p, buf, strlen(in), 0);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_OK);
  assert_int_equal(pr.type, LINKHDR_VALUE_QUOTED);
  assert_int_equal(pr.flags, LINKHDR_PARAM_ESCAPED);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_OK);
  assert_int_equal(pr.type, LINKHDR_VALUE_TOKEN);
  assert_int_equal(pr.flags, LINKHDR_PARAM_EXT);
  assert_int_equal(pr.ext_error, 0);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_OK); /* "*" ends in '*' too */
  assert_int_equal(pr.flags, LINKHDR_PARAM_EXT);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_OK);
  assert_int_equal(pr.type, LINKHDR_VALUE_NONE);
  assert_int_equal(pr.value.len, 0);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_DONE);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_DONE);
  free(buf);
}

static void ext_values(void **state) {
  (void)state;
  check("</a>; title*=UTF-8'de'n%c3%a4chstes", 0, "</a>{title*=UTF-8'de'n%c3%a4chstes}");
  check("</a>; title*=\"UTF-8''x\"", 0, "</a>!EXT_SYNTAX@13");
  check("</a>; title*=UTF-8''%e2%82", 0, "</a>!EXT_UTF8@26");
  check("</a>; title*=koi8-r''x", 0, "</a>!EXT_CHARSET@13");
  check("</a>; title*", 0, "</a>{title*!}");
}

static void lenient_ext_error_is_reported_not_fatal(void **state) {
  const char *in = "</a>; title*=UTF-8''%ff; t*=\"UTF-8''x\"; rel=x";
  char *buf = heap_str(in);
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param pr;
  (void)state;
  linkhdr_parser_init(&p, buf, strlen(in), LINKHDR_LENIENT);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_OK);
  assert_int_equal(pr.flags & LINKHDR_PARAM_EXT, LINKHDR_PARAM_EXT);
  assert_int_equal(pr.ext_error, LINKHDR_E_EXT_UTF8);
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_OK);
  assert_int_equal(pr.ext_error, LINKHDR_E_EXT_SYNTAX); /* quoted: kept raw, spec-notes §5 */
  assert_int_equal(linkhdr_next_param(&p, &pr), LINKHDR_OK);
  assert_true(linkhdr_view_eq(pr.name, "REL"));
  free(buf);
}

static void view_eq(void **state) {
  linkhdr_view v;
  (void)state;
  v.base = "PreLoad";
  v.len = 7;
  assert_true(linkhdr_view_eq(v, "preload"));
  assert_false(linkhdr_view_eq(v, "preloa"));
  assert_false(linkhdr_view_eq(v, "preloads"));
  assert_false(linkhdr_view_eq(v, NULL));
  v.len = 3;
  assert_true(linkhdr_view_eq(v, "pre"));
}

static void status_names_and_messages(void **state) {
  static const int codes[] = {
      LINKHDR_OK, LINKHDR_DONE, LINKHDR_E_EXPECTED_LINK, LINKHDR_E_TARGET_UNTERMINATED,
      LINKHDR_E_TARGET_CHAR, LINKHDR_E_TARGET_PCT, LINKHDR_E_TARGET_FRAGMENT,
      LINKHDR_E_TARGET_BRACKET, LINKHDR_E_TARGET_COLON, LINKHDR_E_TARGET_AUTHORITY,
      LINKHDR_E_EXPECTED_SEPARATOR, LINKHDR_E_EXPECTED_NAME, LINKHDR_E_EXPECTED_VALUE,
      LINKHDR_E_QUOTE_UNTERMINATED, LINKHDR_E_QUOTE_CHAR, LINKHDR_E_EXT_SYNTAX,
      LINKHDR_E_EXT_CHARSET, LINKHDR_E_EXT_UTF8, LINKHDR_E_EXT_LANGUAGE, LINKHDR_E_NOSPACE,
      LINKHDR_E_ARG, LINKHDR_E_NAME, LINKHDR_E_CTL};
  size_t i, j;
  (void)state;
  /* the numbers are ABI */
  assert_int_equal(LINKHDR_E_EXPECTED_SEPARATOR, -9);
  assert_int_equal(LINKHDR_E_EXT_LANGUAGE, -17);
  assert_int_equal(LINKHDR_E_CTL, -33);
  for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
    assert_non_null(linkhdr_code_name(codes[i]));
    assert_string_not_equal(linkhdr_strerror(codes[i]), "unknown status");
    for (j = 0; j < i; j++) assert_string_not_equal(linkhdr_code_name(codes[i]), linkhdr_code_name(codes[j]));
  }
  assert_null(linkhdr_code_name(-99));
  assert_string_equal(linkhdr_strerror(12345), "unknown status");
  assert_string_equal(linkhdr_code_name(LINKHDR_E_TARGET_CHAR), "TARGET_CHAR");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(motivating_headers),
      cmocka_unit_test(list_rule_empty_elements),
      cmocka_unit_test(ows_and_bws),
      cmocka_unit_test(quoted_strings),
      cmocka_unit_test(targets),
      cmocka_unit_test(lenient_appendix_b),
      cmocka_unit_test(skipped_params_are_validated),
      cmocka_unit_test(errors_are_sticky),
      cmocka_unit_test(no_nul_terminator_needed),
      cmocka_unit_test(null_and_empty_inputs),
      cmocka_unit_test(several_field_lines),
      cmocka_unit_test(lenient_line_stop_does_not_hide_next_line),
      cmocka_unit_test(param_flags),
      cmocka_unit_test(ext_values),
      cmocka_unit_test(lenient_ext_error_is_reported_not_fatal),
      cmocka_unit_test(view_eq),
      cmocka_unit_test(status_names_and_messages),
  };
  return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
