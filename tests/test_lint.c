/* linkhdr_lint: every finding code, its severity, where it points, its
 * message and its fix; clean headers give nothing. */
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

#define MAXF 64

static linkhdr_finding found[MAXF];
static size_t nfound;

/* Lint the NULL-terminated field lines (exact-size heap copies). */
static void lint_lines(const char *const *in, size_t budget) {
  linkhdr_view lines[8];
  char *bufs[8];
  size_t n = 0, i;
  memset(lines, 0, sizeof lines);
  for (; in[n]; n++) {
    bufs[n] = heap_str(in[n]);
    lines[n].base = bufs[n];
    lines[n].len = strlen(in[n]);
  }
  memset(found, 0x55, sizeof found);
  assert_int_equal(linkhdr_lint(lines, n, budget, found, MAXF, &nfound), LINKHDR_OK);
  assert_true(nfound <= MAXF);
  for (i = 0; i < n; i++) free(bufs[i]);
}

static void lint1(const char *value) {
  const char *in[2];
  in[0] = value;
  in[1] = NULL;
  lint_lines(in, 0);
}

/* The findings as "offset:code" joined with spaces. */
static const char *codes(void) {
  static char out[1024];
  size_t i;
  out[0] = '\0';
  for (i = 0; i < nfound; i++) {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s%zu:%s", i ? " " : "", found[i].offset,
             linkhdr_lint_code_name(found[i].code));
    strcat(out, tmp);
  }
  return out;
}

static void expect(const char *value, const char *want) {
  lint1(value);
  if (strcmp(codes(), want) != 0) fail_msg("lint [%s]\n want [%s]\n got  [%s]", value, want, codes());
}

/* The fix of the only finding with `code`. */
static const char *fix_of(int code) {
  size_t i;
  const char *fix = NULL;
  for (i = 0; i < nfound; i++)
    if (found[i].code == code) {
      assert_null(fix);
      fix = found[i].fix;
    }
  assert_non_null(fix);
  return fix;
}

static const char *message_of(int code) {
  size_t i;
  for (i = 0; i < nfound; i++)
    if (found[i].code == code) return found[i].message;
  fail_msg("no finding %s", linkhdr_lint_code_name(code));
  return NULL;
}

static void readme_example(void **state) {
  (void)state;
  lint1("</fonts/font.woff2>; rel=preload; as=font/woff2; crossorigin");
  assert_int_equal(nfound, 2);
  assert_int_equal(found[0].code, LINKHDR_LINT_SYNTAX);
  assert_int_equal(found[0].severity, LINKHDR_SEVERITY_ERROR);
  assert_int_equal(found[0].offset, 0);
  assert_string_equal(found[0].message, "expected ';', ',' or end of value at offset 41");
  assert_string_equal(found[0].fix, "");
  assert_int_equal(found[1].code, LINKHDR_LINT_AS_INVALID);
  assert_int_equal(found[1].severity, LINKHDR_SEVERITY_ERROR);
  assert_string_equal(found[1].message,
                      "'as=font/woff2' is not a preload destination: nothing is fetched");
  assert_string_equal(found[1].fix, "as=font; type=\"font/woff2\"");
}

static void clean_headers(void **state) {
  static const char *const clean[] = {
      "</css/style.css>; rel=preload; as=style",
      "</css/style.css>; rel=preload; as=style, </fonts/a.woff2>; rel=preload; as=font; "
      "type=\"font/woff2\"; crossorigin",
      "</js/app.js>; rel=preload; as=script; type=\"text/javascript\", </i/hero.avif>; "
      "rel=preload; as=image; type=\"image/avif\"; fetchpriority=high",
      "<https://fonts.gstatic.com>; rel=preconnect; crossorigin, <https://cdn.example.com/>; "
      "rel=dns-prefetch",
      "</api/data.json>; rel=preload; as=fetch; crossorigin=use-credentials",
      "</m.js>; rel=modulepreload, </next>; rel=prefetch",
      "</s.vtt>; rel=preload; as=track; type=\"text/vtt\"; media=\"(min-width: 600px)\"",
      "<https://api.github.com/user/repos?page=3&per_page=100>; rel=\"next\", "
      "<https://api.github.com/user/repos?page=50&per_page=100>; rel=\"last\"",
      "</a.css>; rel=preload; as=style; type=\"text/css\"; nopush",
      "</b.css>; rel=preload; as=STYLE; crossorigin=anonymous; x-http2-push-only; critical",
      "</c.css>; rel=\"next stylesheet\"; title=\"Chapter 1\"",
      "</f.woff2>; rel=preload; as=font; crossorigin; type=\"\"",
      "",
      ", ,",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof clean / sizeof clean[0]; i++) {
    lint1(clean[i]);
    if (nfound != 0)
      fail_msg("clean [%s]: %s: %s", clean[i], codes(), found[0].message);
  }
  lint_lines((const char *const[]){NULL}, 0);
  assert_int_equal(nfound, 0);
}

static void syntax_per_link(void **state) {
  (void)state;
  /* one finding per bad link-value, and linting goes on with the next */
  expect("</a b>; rel=preload; as=style, junk, </c.css>; rel=preload, </d>;, </e>",
         "0:syntax 31:syntax 37:as-missing 60:syntax");
  lint1("</a>; rel=preload; as=style; t=\"x");
  assert_string_equal(codes(), "0:syntax");
  assert_string_equal(found[0].message, "quoted-string has no closing '\"' at offset 33");
  /* the lenient reading still has its semantic checks */
  expect("</a.css>; rel=preload; as=stylesheet; junk junk", "0:syntax 0:as-invalid");
  assert_string_equal(fix_of(LINKHDR_LINT_AS_INVALID), "as=style");
}

static void as_missing(void **state) {
  static const char *const fixes[][2] = {
      {"</a.css>", "as=style"},
      {"</a.js?v=1>", "as=script"},
      {"</a/b.MJS>", "as=script"},
      {"</f.woff2>", "as=font; crossorigin"},
      {"</f.ttf#x>", "as=font; crossorigin"},
      {"<https://x.example/i.webp>", "as=image"},
      {"</s.vtt>", "as=track"},
      {"</d.json>", "as=fetch; crossorigin"},
      {"</page.html>", ""},
      {"</noext>", ""},
      {"</dir.css/>", ""},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
    char value[128];
    snprintf(value, sizeof value, "%s; rel=preload", fixes[i][0]);
    expect(value, "0:as-missing");
    assert_int_equal(found[0].severity, LINKHDR_SEVERITY_ERROR);
    assert_string_equal(found[0].message, "preload without 'as': nothing is fetched");
    assert_string_equal(found[0].fix, fixes[i][1]);
  }
  expect("</f.woff2>; rel=preload; crossorigin", "0:as-missing");
  assert_string_equal(found[0].fix, "as=font");
  /* only preloads need `as` */
  expect("</a.css>; rel=stylesheet", "");
  expect("</a.css>; rel=xpreload", "");
  expect("</a.css>; rel=next; rel=preload", "0:duplicate-param");
}

static void as_invalid(void **state) {
  static const char *const fixes[][2] = {
      {"as=stylesheet", "as=style"},
      {"as=css", "as=style"},
      {"as=js", "as=script"},
      {"as=JavaScript", "as=script"},
      {"as=img", "as=image"},
      {"as=\"font/woff2\"", "as=font; type=\"font/woff2\"; crossorigin"},
      {"as=\"image/png\"", "as=image; type=\"image/png\""},
      {"as=\"text/css\"", "as=style; type=\"text/css\""},
      {"as=woff2", "as=font; crossorigin"},
      {"as=document", ""},
      {"as=\"\"", ""},
      {"as=\"application/octet-stream\"", ""},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
    char value[128];
    snprintf(value, sizeof value, "</x>; rel=preload; %s", fixes[i][0]);
    expect(value, "0:as-invalid");
    assert_int_equal(found[0].severity, LINKHDR_SEVERITY_ERROR);
    assert_string_equal(found[0].fix, fixes[i][1]);
  }
  expect("</x>; rel=preload; as=\"font/woff\"; type=\"font/woff\"; crossorigin", "0:as-invalid");
  assert_string_equal(found[0].fix, "as=font"); /* it is already typed and CORS */
  expect("</x.css>; rel=preload; as", "0:as-invalid");
  assert_string_equal(found[0].message, "'as' without a value: nothing is fetched");
  assert_string_equal(found[0].fix, "as=style");
  expect("<https://x.example>; rel=preconnect; as=bogus", ""); /* not a preload */
}

static void crossorigin_checks(void **state) {
  (void)state;
  expect("</f.woff2>; rel=preload; as=font", "0:crossorigin-missing");
  assert_int_equal(found[0].severity, LINKHDR_SEVERITY_WARNING);
  assert_string_equal(found[0].message, "font preload without crossorigin: it is downloaded twice");
  assert_string_equal(found[0].fix, "crossorigin");
  expect("</d>; rel=preload; as=fetch", "0:crossorigin-missing");
  assert_string_equal(message_of(LINKHDR_LINT_CROSSORIGIN_MISSING),
                      "fetch preload without crossorigin: it is downloaded twice");
  expect("</f.woff2>; rel=preload; as=font; crossorigin=\"\"", "");
  expect("</f.woff2>; rel=preload; as=font; crossorigin=use-credentials", "");
  expect("</a.css>; rel=preload; as=style", "");
  expect("</f.woff2>; rel=prefetch; as=font", "");
  /* invalid values: on any link; the font is then also fetched twice, but one
   * finding says it */
  expect("</f.woff2>; rel=preload; as=font; crossorigin=true", "0:crossorigin-invalid");
  assert_int_equal(found[0].severity, LINKHDR_SEVERITY_WARNING);
  assert_string_equal(found[0].message,
                      "'crossorigin=true' is not anonymous or use-credentials: browsers ignore it");
  assert_string_equal(found[0].fix, "crossorigin");
  expect("<https://x.example>; rel=preconnect; crossorigin=yes", "0:crossorigin-invalid");
}

static void type_checks(void **state) {
  (void)state;
  expect("</x.js>; rel=preload; as=script; type=\"text/css\"", "0:type-mismatch");
  assert_int_equal(found[0].severity, LINKHDR_SEVERITY_ERROR);
  assert_string_equal(found[0].message,
                      "type 'text/css' does not fit as=script: the preload is skipped");
  assert_string_equal(found[0].fix, "as=style");
  expect("</x.css>; rel=preload; as=style; type=\"text/plain\"", "0:type-mismatch");
  assert_string_equal(found[0].fix, "");
  expect("</f>; rel=preload; as=font; crossorigin; type=\"image/png\"", "0:type-mismatch");
  assert_string_equal(found[0].fix, "as=image");
  expect("</f>; rel=preload; as=font; crossorigin; type=\"woff2\"", "0:type-mismatch");
  expect("</i>; rel=preload; as=image; type=\"font/woff2\"", "0:type-mismatch");
  assert_string_equal(found[0].fix, "as=font");
  expect("</t>; rel=preload; as=track; type=\"text/css\"", "0:type-mismatch");
  /* fits */
  expect("</x>; rel=preload; as=script; type=\"application/javascript\"", "");
  expect("</x>; rel=preload; as=script; type=\"TEXT/JavaScript\"", "");
  expect("</x>; rel=preload; as=script; type=\"text/javascript; charset=utf-8\"",
         "0:portability"); /* fits, but the ';' is a portability concern */
  expect("</f>; rel=preload; as=font; crossorigin; type=\"application/font-woff\"", "");
  expect("</f>; rel=preload; as=font; crossorigin; type=\"font/ttf\"", "");
  expect("</i>; rel=preload; as=image; type=\"image/svg+xml\"", "");
  expect("</d>; rel=preload; as=fetch; crossorigin; type=\"text/css\"", ""); /* any for fetch */
  expect("</x>; rel=preload; as=script; type=\" \"", "");
  expect("</x>; rel=stylesheet; type=\"text/plain\"", ""); /* not a preload */
}

static void duplicate_params(void **state) {
  (void)state;
  expect("</a>; rel=preload; as=style; rel=preload", "0:duplicate-param");
  assert_int_equal(found[0].severity, LINKHDR_SEVERITY_WARNING);
  assert_string_equal(found[0].message, "'rel' appears more than once: only the first counts");
  expect("</a>; rel=x; anchor=\"#a\"; Anchor=\"#b\"; title=a; title=b; title*=UTF-8''a; "
         "TITLE*=UTF-8''b; type=\"a/b\"; type=\"a/c\"; media=all; media=print",
         "0:duplicate-param 0:duplicate-param 0:duplicate-param 0:duplicate-param "
         "0:duplicate-param 0:portability 0:portability");
  assert_string_equal(found[4].message, "'media' appears more than once: only the first counts");
  /* hreflang and unknown parameters may repeat */
  expect("</a>; rel=alternate; hreflang=en; hreflang=de; x=1; x=2", "");
}

static void preconnect_path(void **state) {
  (void)state;
  expect("<https://fonts.gstatic.com/s/font.woff2>; rel=preconnect", "0:preconnect-path");
  assert_int_equal(found[0].severity, LINKHDR_SEVERITY_WARNING);
  assert_string_equal(found[0].message,
                      "preconnect to a URL with a path, query or fragment: only its origin is used");
  assert_string_equal(found[0].fix, "<https://fonts.gstatic.com>");
  expect("<//cdn.example.com:8443/?x>; rel=dns-prefetch", "0:preconnect-path");
  assert_string_equal(found[0].fix, "<//cdn.example.com:8443>");
  assert_string_equal(found[0].message, "dns-prefetch to a URL with a path, query or fragment: "
                                        "only its origin is used");
  expect("<https://a.example#f>; rel=preconnect", "0:preconnect-path");
  expect("<fonts.gstatic.com>; rel=preconnect", "0:preconnect-path"); /* a relative path */
  assert_string_equal(found[0].fix, "");
  expect("<https://a.example>; rel=preconnect, <https://b.example/>; rel=preconnect, <>; "
         "rel=dns-prefetch",
         "");
}

static void portability(void **state) {
  (void)state;
  expect("</a.css>; rel=\"preload\"; as=style", "0:portability");
  assert_int_equal(found[0].severity, LINKHDR_SEVERITY_INFO);
  assert_string_equal(found[0].message, "rel is quoted: h2o never pushes a quoted rel=preload");
  assert_string_equal(found[0].fix, "rel=preload");
  expect("</a.css>; rel=\"preload  \"; as=style", "0:portability");
  assert_string_equal(found[0].fix, "rel=preload");
  expect("</a.css>; rel=\"preload stylesheet\"; as=style", "0:portability");
  assert_string_equal(found[0].fix, ""); /* two types need the quotes */
  expect("</a.css>; rel=\"next\"", ""); /* no push concern */
  expect("</a.css>; rel=Preload; as=style", "0:portability");
  assert_string_equal(found[0].message,
                      "'preload' is not lowercase: mod_http2 matches it case-sensitively");
  expect("</a>; rel=next; title=\"a; b\"", "0:portability");
  assert_string_equal(found[0].message,
                      "',' or ';' inside a quoted string: naive parsers split the link there");
  expect("</a>; rel=next; title*=UTF-8''a", "0:portability");
  assert_string_equal(found[0].message,
                      "a parameter name ending in '*' (RFC 8187) ends mod_http2's parse");
  expect("</a.css>; rel = preload; as=style", "0:portability");
  assert_string_equal(found[0].message,
                      "whitespace around '=' or before ';': some servers stop parsing there");
  assert_string_equal(found[0].fix, "</a.css>; rel=preload; as=style");
  expect("</a.css> ;rel=preload; as=style", "0:portability");
  assert_string_equal(found[0].fix, "</a.css>; rel=preload; as=style");
  expect("</a.css>;\trel=preload; as=style", "0:portability");
  assert_string_equal(found[0].message, "a TAB after ';': some servers stop parsing there");
  expect("</a.css>; REL=preload; As=style", "0:portability");
  assert_string_equal(found[0].message,
                      "a parameter name in uppercase: some servers stop parsing there");
  assert_string_equal(found[0].fix, "</a.css>; rel=preload; as=style");
  /* all of them at once: one finding per kind, the layout ones together */
  expect("</a> ; REL = \"Preload\";\tas=style; title*=UTF-8''x; t=\"a,b\"",
         "0:portability 0:portability 0:portability 0:portability 0:portability");
  assert_string_equal(found[4].message,
                      "whitespace around '=' or before ';', a TAB after ';', a parameter name in "
                      "uppercase: some servers stop parsing there");
  assert_string_equal(found[4].fix,
                      "</a>; rel=Preload; as=style; title*=UTF-8''x; t=\"a,b\"");
  /* no canonical fix for a link that is not valid */
  expect("</a> ; rel=preload; as=style; junk junk", "0:syntax 0:portability");
  assert_string_equal(found[1].fix, "");
}

/* Pitfall 1: a quoted comma must never make a link of its own. */
static void quoted_comma_injection(void **state) {
  (void)state;
  expect("</a>; title=\"x, </evil>; rel=preload; z=\"", "0:portability");
  expect("</a>; title=\"x, </evil>; rel=preload; z=\", </b.css>; rel=preload",
         "0:portability 43:as-missing");
  expect("</a>; title=\"x\x01, </evil>; rel=preload; z=\", </b.css>; rel=preload",
         "0:syntax 0:portability 44:as-missing");
}

static void size_budget(void **state) {
  char big[9000];
  size_t i;
  (void)state;
  strcpy(big, "</a.css>; rel=preload; as=style");
  while (strlen(big) < 8150) strcat(big, ", </a.css>; rel=preload; as=style");
  lint1(big); /* 8165 bytes: under the default 8192 */
  assert_int_equal(nfound, 0);
  strcat(big, ", </b.css>; rel=preload; as=style");
  lint1(big);
  assert_int_equal(nfound, 1);
  assert_int_equal(found[0].code, LINKHDR_LINT_SIZE);
  assert_int_equal(found[0].severity, LINKHDR_SEVERITY_ERROR);
  assert_int_equal(found[0].offset, strlen(big) - 31); /* the link that crosses it */
  assert_int_equal(found[0].index, 248);
  {
    char want[96];
    snprintf(want, sizeof want, "the value is %zu bytes, over the budget of 8192", strlen(big));
    assert_string_equal(found[0].message, want);
  }
  /* a custom budget, over several lines joined with ", " */
  {
    const char *in[] = {"</a.css>; rel=preload; as=style", "", "</b.css>; rel=preload; as=style",
                        NULL};
    lint_lines(in, 66);
    assert_int_equal(nfound, 0); /* 31 + 2 + 0 + 2 + 31 = 66 */
    lint_lines(in, 65);
    assert_string_equal(codes(), "0:size");
    assert_int_equal(found[0].line, 2);
    assert_int_equal(found[0].index, 1);
    assert_string_equal(found[0].message, "the value is 66 bytes, over the budget of 65");
    lint_lines(in, 30);
    assert_int_equal(found[0].line, 0);
    assert_int_equal(found[0].index, 0);
  }
  /* the size finding comes last */
  {
    const char *in[] = {"</a>; rel=preload", NULL};
    lint_lines(in, 5);
    assert_string_equal(codes(), "0:as-missing 0:size");
  }
  for (i = 0; i < nfound; i++) assert_true(found[i].offset < 20);
}

static void several_lines(void **state) {
  const char *in[] = {"</a.css>; rel=preload", "  x", "</f.woff2>; rel=preload; as=font",
                      NULL};
  (void)state;
  lint_lines(in, 0);
  assert_int_equal(nfound, 3);
  assert_int_equal(found[0].line, 0);
  assert_int_equal(found[0].index, 0);
  assert_int_equal(found[1].code, LINKHDR_LINT_SYNTAX);
  assert_int_equal(found[1].line, 1);
  assert_int_equal(found[1].offset, 2);
  assert_int_equal(found[1].index, 1);
  assert_string_equal(found[1].message, "expected '<' to start a link-value at offset 2");
  assert_int_equal(found[2].code, LINKHDR_LINT_CROSSORIGIN_MISSING);
  assert_int_equal(found[2].line, 2);
  assert_int_equal(found[2].index, 2);
}

static void capacity_and_args(void **state) {
  linkhdr_view v;
  linkhdr_finding f[2];
  size_t count = 99;
  const char *value = "</a>; rel=preload, </b>; rel=preload, </c>; rel=preload";
  char *buf = heap_str(value);
  (void)state;
  v.base = buf;
  v.len = strlen(value);
  memset(f, 0x55, sizeof f);
  assert_int_equal(linkhdr_lint(&v, 1, 0, f, 1, &count), LINKHDR_OK);
  assert_int_equal(count, 3); /* all of them, though only one fits */
  assert_int_equal(f[0].code, LINKHDR_LINT_AS_MISSING);
  assert_int_equal(((unsigned char *)&f[1])[0], 0x55); /* untouched */
  assert_int_equal(linkhdr_lint(&v, 1, 0, NULL, 0, &count), LINKHDR_OK);
  assert_int_equal(count, 3);
  assert_int_equal(linkhdr_lint(&v, 1, 0, f, 2, NULL), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_lint(&v, 1, 0, NULL, 2, &count), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_lint(NULL, 1, 0, f, 2, &count), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_lint(NULL, 0, 0, f, 2, &count), LINKHDR_OK);
  assert_int_equal(count, 0);
  free(buf);
}

/* Messages and fixes are printable ASCII, whatever the input holds. */
static void messages_are_safe(void **state) {
  size_t i, j;
  (void)state;
  lint1("</a>; rel=preload; as=\"sty\x7f\xc3\xa9le\"; crossorigin=\"a\tb\"");
  assert_string_equal(codes(), "0:syntax 0:as-invalid 0:crossorigin-invalid"); /* DEL */
  assert_string_equal(found[1].message, "'as=sty???le' is not a preload destination: nothing is "
                                        "fetched");
  assert_string_equal(found[2].message, "'crossorigin=a?b' is not anonymous or use-credentials: "
                                        "browsers ignore it");
  lint1("</a>; rel=preload; as=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  assert_string_equal(found[0].message, "'as=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not a "
                                        "preload destination: nothing is fetched");
  lint1("\x01<\x02>; rel=preload; as=\"\x80\", <a\x1b>; rel=preconnect; crossorigin=\"\\\x7f\"");
  for (i = 0; i < nfound; i++) {
    for (j = 0; found[i].message[j]; j++)
      assert_true(found[i].message[j] >= 0x20 && found[i].message[j] < 0x7f);
    for (j = 0; found[i].fix[j]; j++)
      assert_true(found[i].fix[j] >= 0x20 && found[i].fix[j] < 0x7f);
  }
}

/* Fuzz findings: input bytes never reach a fix unless they are printable
 * ASCII that belongs there. */
static void fixes_are_safe(void **state) {
  (void)state;
  expect("</f>; rel=preload; as=font/\x01", "0:syntax 0:as-invalid");
  assert_string_equal(found[1].fix, "");
  expect("</f>; rel=preload; as=\"font/wo\\\"ff\"", "0:as-invalid");
  assert_string_equal(found[0].fix, "");
  expect("</a>; A=\"\xff\x80\"", "0:portability");
  assert_string_equal(found[0].fix, ""); /* the canonical form keeps the obs-text */
  expect("</a>; REL=preload; as=script; t=\"\xc3\xa9\"", "0:portability");
  assert_string_equal(found[0].fix, "");
  expect("<https://\x01x.example/p>; rel=preconnect", "0:syntax 0:preconnect-path");
  assert_string_equal(found[1].fix, "");
}

static void names(void **state) {
  static const char *const want[] = {"syntax",          "as-missing",     "as-invalid",
                                     "crossorigin-missing", "crossorigin-invalid",
                                     "type-mismatch",   "duplicate-param", "preconnect-path",
                                     "portability",     "size"};
  int i;
  (void)state;
  for (i = 0; i < 10; i++) assert_string_equal(linkhdr_lint_code_name(i + 1), want[i]);
  assert_int_equal(LINKHDR_LINT_AS_INVALID, 3);
  assert_int_equal(LINKHDR_LINT_SIZE, 10);
  assert_null(linkhdr_lint_code_name(0));
  assert_null(linkhdr_lint_code_name(11));
  assert_null(linkhdr_lint_code_name(-1));
  assert_string_equal(linkhdr_severity_name(LINKHDR_SEVERITY_INFO), "info");
  assert_string_equal(linkhdr_severity_name(LINKHDR_SEVERITY_WARNING), "warning");
  assert_string_equal(linkhdr_severity_name(LINKHDR_SEVERITY_ERROR), "error");
  assert_null(linkhdr_severity_name(0));
  assert_null(linkhdr_severity_name(4));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(readme_example),
      cmocka_unit_test(clean_headers),
      cmocka_unit_test(syntax_per_link),
      cmocka_unit_test(as_missing),
      cmocka_unit_test(as_invalid),
      cmocka_unit_test(crossorigin_checks),
      cmocka_unit_test(type_checks),
      cmocka_unit_test(duplicate_params),
      cmocka_unit_test(preconnect_path),
      cmocka_unit_test(portability),
      cmocka_unit_test(quoted_comma_injection),
      cmocka_unit_test(size_budget),
      cmocka_unit_test(several_lines),
      cmocka_unit_test(capacity_and_args),
      cmocka_unit_test(messages_are_safe),
      cmocka_unit_test(fixes_are_safe),
      cmocka_unit_test(names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
