/* The builder, linkhdr_append (include/linkhdr.h §4): injection, argument
 * checks, "nothing written on error", quoting and RFC 8187 encoding, and a
 * seeded round trip through the strict parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "linkhdr.h"
#include "testutil.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define NTS LINKHDR_NTS

/* ---- helpers ------------------------------------------------------------- */

/* A position-dependent pattern, so that a write anywhere (even one that
 * happens to store the sentinel's own value at a shifted place) shows. */
static void fill_sentinel(char *buf, size_t cap) {
  size_t i;
  for (i = 0; i < cap; i++) buf[i] = (char)(0xA5 ^ (i * 29));
}

/* Build into a fresh buffer that already holds `prefix`; expect `expect`. */
static void expect_build(const char *prefix, const char *target, const linkhdr_attr *attrs,
                         size_t nattrs, unsigned flags, const char *expect) {
  char buf[1024], ref[1024];
  size_t len = strlen(prefix), n = strlen(expect);
  linkhdr_error err;
  int rc;
  fill_sentinel(buf, sizeof buf);
  memcpy(buf, prefix, len);
  memcpy(ref, buf, sizeof buf);
  memset(&err, 0x5A, sizeof err);
  rc = linkhdr_append(buf, sizeof buf, &len, target, target ? NTS : 0, attrs, nattrs, flags,
                      &err);
  if (rc != LINKHDR_OK) fail_msg("append(%s) = %s", target ? target : "(null)",
                                 linkhdr_code_name(rc));
  assert_int_equal(err.code, LINKHDR_OK);
  assert_int_equal(err.offset, 0);
  assert_int_equal(err.item, 0);
  assert_int_equal(len, n);
  assert_int_equal(err.needed, n);
  if (memcmp(buf, expect, n) != 0) fail_msg("got '%.*s', want '%s'", (int)len, buf, expect);
  assert_int_equal(buf[n], '\0');
  /* nothing past the NUL */
  assert_memory_equal(buf + n + 1, ref + n + 1, sizeof buf - n - 1);
}

/* Expect an error with this code, item and offset, once into an empty buffer
 * and once after an existing link-value; both times every byte of the buffer
 * and *len stay as they were. */
static void expect_fail_n(const char *target, size_t tlen, const linkhdr_attr *attrs,
                          size_t nattrs, unsigned flags, int code, size_t item, size_t offset) {
  static const char *const prefixes[] = {"", "</first>; rel=next"};
  size_t p;
  for (p = 0; p < ARRAY_LEN(prefixes); p++) {
    char buf[512], ref[512];
    size_t len = strlen(prefixes[p]), len0 = len;
    linkhdr_error err;
    int rc;
    fill_sentinel(buf, sizeof buf);
    memcpy(buf, prefixes[p], len);
    memcpy(ref, buf, sizeof buf);
    memset(&err, 0x5A, sizeof err);
    rc = linkhdr_append(buf, sizeof buf, &len, target, tlen, attrs, nattrs, flags, &err);
    if (rc != code)
      fail_msg("got %s, want %s", linkhdr_code_name(rc) ? linkhdr_code_name(rc) : "?",
               linkhdr_code_name(code));
    assert_int_equal(err.code, code);
    assert_int_equal(err.item, item);
    assert_int_equal(err.offset, offset);
    assert_int_equal(err.needed, 0);
    assert_int_equal(len, len0);
    assert_memory_equal(buf, ref, sizeof buf);
    /* err == NULL gives the same answer */
    rc = linkhdr_append(buf, sizeof buf, &len, target, tlen, attrs, nattrs, flags, NULL);
    assert_int_equal(rc, code);
    assert_int_equal(len, len0);
    assert_memory_equal(buf, ref, sizeof buf);
  }
}

static void expect_fail(const char *target, const linkhdr_attr *attrs, size_t nattrs,
                        unsigned flags, int code, size_t item, size_t offset) {
  expect_fail_n(target, target ? strlen(target) : 0, attrs, nattrs, flags, code, item, offset);
}

/* Percent-decoding that leaves a '%' without two hex digits as it is. */
static size_t pct_decode(const char *s, size_t n, char *out) {
  size_t i, k = 0;
  for (i = 0; i < n; i++) {
    if (s[i] == '%' && i + 2 < n && linkhdr__hexval[(uchar)s[i + 1]] >= 0 &&
        linkhdr__hexval[(uchar)s[i + 2]] >= 0) {
      out[k++] = (char)(linkhdr__hexval[(uchar)s[i + 1]] * 16 + linkhdr__hexval[(uchar)s[i + 2]]);
      i += 2;
    } else {
      out[k++] = s[i];
    }
  }
  return k;
}

/* What the round trips exercised, so that a generator change that stops
 * producing some case is noticed. */
static struct {
  size_t links, pct, ext, quoted, escaped, none, token, empty;
} seen;

static int all_tchar(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!LH_IS(s[i], LH_TCHAR)) return 0;
  return n > 0;
}

/* Compare the next link-value from `p` with what was built from target and
 * attrs: the target as given (or, with PCT_ENCODE, the same after
 * percent-decoding both sides) and every (name, decoded value) in order. */
static void expect_link(linkhdr_parser *p, const char *target, size_t tlen,
                        const linkhdr_attr *attrs, size_t nattrs, unsigned flags) {
  linkhdr_link link;
  linkhdr_param prm;
  size_t i;
  int rc = linkhdr_next_link(p, &link);
  if (rc != LINKHDR_OK) {
    linkhdr_error e = linkhdr_parser_error(p);
    fail_msg("next_link = %s at %zu", linkhdr_code_name(rc), e.offset);
  }
  seen.links++;
  if (flags & LINKHDR_BUILD_PCT_ENCODE) {
    char *a = malloc(tlen + 1), *b = malloc(link.target.len + 1);
    size_t an, bn;
    seen.pct++;
    assert_non_null(a);
    assert_non_null(b);
    an = pct_decode(target, tlen, a);
    bn = pct_decode(link.target.base, link.target.len, b);
    if (an != bn || memcmp(a, b, an) != 0)
      fail_msg("target '%.*s' decodes differently from '%.*s'", (int)link.target.len,
               link.target.base, (int)tlen, target);
    free(a);
    free(b);
  } else {
    assert_int_equal(link.target.len, tlen);
    assert_memory_equal(link.target.base, target, tlen);
  }
  for (i = 0; i < nattrs; i++) {
    const linkhdr_attr *a = &attrs[i];
    size_t nlen = a->name_len == NTS ? strlen(a->name) : a->name_len;
    char *dst;
    size_t outlen = 12345;
    rc = linkhdr_next_param(p, &prm);
    if (rc != LINKHDR_OK) {
      linkhdr_error e = linkhdr_parser_error(p);
      fail_msg("next_param %zu = %s at %zu", i, linkhdr_code_name(rc), e.offset);
    }
    assert_int_equal(prm.name.len, nlen);
    assert_memory_equal(prm.name.base, a->name, nlen);
    dst = malloc(prm.value.len + 1);
    assert_non_null(dst);
    assert_int_equal(linkhdr_param_value(&prm, dst, prm.value.len + 1, &outlen), LINKHDR_OK);
    if (a->value == NULL) {
      assert_int_equal(prm.type, LINKHDR_VALUE_NONE);
      assert_int_equal(outlen, 0);
      seen.none++;
    } else {
      size_t vlen = a->value_len == NTS ? strlen(a->value) : a->value_len;
      /* the canonical form: ext-values as tokens, other values as a token
       * exactly when they are one */
      if (nlen > 0 && a->name[nlen - 1] == '*') {
        assert_true(prm.flags & LINKHDR_PARAM_EXT);
        assert_int_equal(prm.type, LINKHDR_VALUE_TOKEN);
        assert_true(prm.value.len >= 7 && memcmp(prm.value.base, "UTF-8''", 7) == 0);
        seen.ext++;
      } else {
        assert_int_equal(prm.type, all_tchar(a->value, vlen) ? LINKHDR_VALUE_TOKEN
                                                             : LINKHDR_VALUE_QUOTED);
        if (prm.type == LINKHDR_VALUE_TOKEN) seen.token++;
        else seen.quoted++;
        if (prm.flags & LINKHDR_PARAM_ESCAPED) seen.escaped++;
        if (vlen == 0) seen.empty++;
      }
      assert_int_equal(outlen, vlen);
      assert_memory_equal(dst, a->value, vlen);
    }
    free(dst);
  }
  assert_int_equal(linkhdr_next_param(p, &prm), LINKHDR_DONE);
}

/* Parse buf[0 .. len) (an exact-size heap copy) and expect exactly the one
 * link-value built from these inputs. */
static void expect_round_trip(const char *buf, size_t len, const char *target, size_t tlen,
                              const linkhdr_attr *attrs, size_t nattrs, unsigned flags) {
  char *copy = heap_copy(buf, len);
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_parser_init(&p, copy, len, LINKHDR_STRICT);
  expect_link(&p, target, tlen, attrs, nattrs, flags);
  assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_DONE);
  free(copy);
}

static void assert_no_ctl(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if ((uchar)s[i] < 0x20 || (uchar)s[i] == 0x7F) fail_msg("control byte 0x%02X at %zu", (uchar)s[i], i);
}

/* ---- output: the basic shapes --------------------------------------------- */

static void test_target_only(void **state) {
  (void)state;
  expect_build("", "/style.css", NULL, 0, 0, "</style.css>");
}

static void test_seed_example(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_PARAM("as", "style")};
  (void)state;
  expect_build("", "/css/style.css", a, 2, 0, "</css/style.css>; rel=preload; as=style");
}

static void test_empty_target(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "self")};
  (void)state;
  expect_build("", "", a, 1, 0, "<>; rel=self");
  expect_build("", NULL, a, 1, 0, "<>; rel=self"); /* NULL target with length 0 */
}

static void test_append_adds_comma(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_PARAM("as", "script")};
  (void)state;
  expect_build("</a.css>; rel=preload; as=style", "/b.js", a, 2, 0,
               "</a.css>; rel=preload; as=style, </b.js>; rel=preload; as=script");
}

static void test_append_twice_parses_two_links(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_PARAM("title", "a, b")};
  linkhdr_attr b[] = {LINKHDR_FLAG("nopush")};
  char buf[128];
  size_t len = 0;
  linkhdr_parser p;
  linkhdr_link link;
  char *copy;
  (void)state;
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/1", NTS, a, 2, 0, NULL), LINKHDR_OK);
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/2", NTS, b, 1, 0, NULL), LINKHDR_OK);
  assert_string_equal(buf, "</1>; rel=preload; title=\"a, b\", </2>; nopush");
  copy = heap_copy(buf, len);
  linkhdr_parser_init(&p, copy, len, LINKHDR_STRICT);
  expect_link(&p, "/1", 2, a, 2, 0);
  expect_link(&p, "/2", 2, b, 1, 0);
  assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_DONE);
  free(copy);
}

static void test_params_in_order_with_duplicates(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("hreflang", "en"), LINKHDR_PARAM("HREFLANG", "de"),
                      LINKHDR_PARAM("rel", "alternate")};
  (void)state;
  expect_build("", "/doc", a, 3, 0, "</doc>; hreflang=en; HREFLANG=de; rel=alternate");
}

static void test_explicit_lengths_no_nul(void **state) {
  /* Every input is an exact-size heap copy with no NUL after it. */
  char *t = heap_copy("/abcdef", 4), *n = heap_copy("relxx", 3), *v = heap_copy("nextyy", 4);
  linkhdr_attr a[1];
  char buf[64];
  size_t len = 0;
  (void)state;
  a[0].name = n;
  a[0].name_len = 3;
  a[0].value = v;
  a[0].value_len = 4;
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, t, 4, a, 1, 0, NULL), LINKHDR_OK);
  assert_string_equal(buf, "</abc>; rel=next");
  assert_int_equal(len, 16);
  free(t);
  free(n);
  free(v);
}

static void test_value_len_ignored_when_null(void **state) {
  linkhdr_attr a[] = {{"crossorigin", NTS, NULL, 999}};
  (void)state;
  expect_build("", "/f.woff2", a, 1, 0, "</f.woff2>; crossorigin");
}

static void test_attrs_nonnull_zero_count(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "x")};
  (void)state;
  expect_build("", "/x", a, 0, 0, "</x>");
}

/* ---- quoting ---------------------------------------------------------------- */

static void test_token_value(void **state) {
  /* every tchar, including the ones that look like quotes or delimiters */
  linkhdr_attr a[] = {LINKHDR_PARAM("x", "!#$%&'*+-.^_`|~09AZaz")};
  (void)state;
  expect_build("", "/", a, 1, 0, "</>; x=!#$%&'*+-.^_`|~09AZaz");
}

static void test_single_quotes_are_token(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "'preload'")};
  (void)state;
  expect_build("", "/", a, 1, 0, "</>; rel='preload'");
}

static void test_quoted_for_delimiters(void **state) {
  static const char *const vals[] = {"text/css", "a b", "a,b", "a;b", "a=b", "(c)",
                                     "a:b", "<x>", "?", "@", "[v]", "{}"};
  static const char *const want[] = {
      "</>; t=\"text/css\"", "</>; t=\"a b\"", "</>; t=\"a,b\"", "</>; t=\"a;b\"",
      "</>; t=\"a=b\"",      "</>; t=\"(c)\"", "</>; t=\"a:b\"", "</>; t=\"<x>\"",
      "</>; t=\"?\"",        "</>; t=\"@\"",   "</>; t=\"[v]\"", "</>; t=\"{}\""};
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(vals); i++) {
    linkhdr_attr a[1] = {LINKHDR_PARAM("t", NULL)};
    a[0].value = vals[i];
    expect_build("", "/", a, 1, 0, want[i]);
  }
}

static void test_quote_and_backslash_escaped(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("title", "say \"hi\" \\o/")};
  char buf[128];
  size_t len = 0;
  (void)state;
  expect_build("", "/", a, 1, 0, "</>; title=\"say \\\"hi\\\" \\\\o/\"");
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/", NTS, a, 1, 0, NULL), LINKHDR_OK);
  expect_round_trip(buf, len, "/", 1, a, 1, 0);
}

static void test_lone_quote_and_backslash(void **state) {
  linkhdr_attr q[] = {LINKHDR_PARAM("a", "\"")}, b[] = {LINKHDR_PARAM("a", "\\")};
  (void)state;
  expect_build("", "/", q, 1, 0, "</>; a=\"\\\"\"");
  expect_build("", "/", b, 1, 0, "</>; a=\"\\\\\"");
}

static void test_empty_value_quoted(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("crossorigin", "")};
  char buf[64];
  size_t len = 0;
  (void)state;
  expect_build("", "/f", a, 1, 0, "</f>; crossorigin=\"\"");
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/f", NTS, a, 1, 0, NULL), LINKHDR_OK);
  expect_round_trip(buf, len, "/f", 2, a, 1, 0);
}

static void test_valueless(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_FLAG("crossorigin"),
                      LINKHDR_FLAG("nopush")};
  char buf[128];
  size_t len = 0;
  (void)state;
  expect_build("", "/f.woff2", a, 3, 0, "</f.woff2>; rel=preload; crossorigin; nopush");
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/f.woff2", NTS, a, 3, 0, NULL),
                   LINKHDR_OK);
  expect_round_trip(buf, len, "/f.woff2", 8, a, 3, 0);
}

static void test_obs_text_quoted_as_is(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("title", "caf\xC3\xA9"), LINKHDR_PARAM("x", "\xFF")};
  (void)state;
  expect_build("", "/", a, 2, 0, "</>; title=\"caf\xC3\xA9\"; x=\"\xFF\"");
}

static void test_star_alone_is_ext(void **state) {
  /* "*" ends in '*': the parser reads it as an ext-value, so it is written as one */
  linkhdr_attr a[] = {LINKHDR_PARAM("*", "\xE2\x82\xAC x")};
  linkhdr_attr bad[] = {LINKHDR_PARAM("*", "\xFF")};
  char buf[64];
  size_t len = 0;
  (void)state;
  expect_build("", "/", a, 1, 0, "</>; *=UTF-8''%E2%82%AC%20x");
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/", NTS, a, 1, 0, NULL), LINKHDR_OK);
  expect_round_trip(buf, len, "/", 1, a, 1, 0);
  expect_fail("/", bad, 1, 0, LINKHDR_E_EXT_UTF8, 1, 0);
}

/* ---- RFC 8187 ext-values ------------------------------------------------------ */

static void test_ext_euro_rates(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("title*", "\xE2\x82\xAC rates")};
  char buf[64];
  size_t len = 0;
  (void)state;
  expect_build("", "/r", a, 1, 0, "</r>; title*=UTF-8''%E2%82%AC%20rates");
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/r", NTS, a, 1, 0, NULL), LINKHDR_OK);
  expect_round_trip(buf, len, "/r", 2, a, 1, 0);
}

static void test_ext_attr_char_literal(void **state) {
  /* attr-char = token minus "*", "'", "%": those three are encoded */
  linkhdr_attr a[] = {LINKHDR_PARAM("x*", "aZ09!#$&+-.^_`|~*'%\"\\ ,;")};
  char buf[128];
  size_t len = 0;
  (void)state;
  expect_build("", "/", a, 1, 0, "</>; x*=UTF-8''aZ09!#$&+-.^_`|~%2A%27%25%22%5C%20%2C%3B");
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/", NTS, a, 1, 0, NULL), LINKHDR_OK);
  expect_round_trip(buf, len, "/", 1, a, 1, 0);
}

static void test_ext_uppercase_hex(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("t*", "\xC3\xBF\xEF\xBF\xBD")}; /* U+00FF U+FFFD */
  (void)state;
  expect_build("", "/", a, 1, 0, "</>; t*=UTF-8''%C3%BF%EF%BF%BD");
}

static void test_ext_empty_and_valueless(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("title*", ""), LINKHDR_FLAG("title*")};
  char buf[64];
  size_t len = 0;
  (void)state;
  expect_build("", "/", a, 2, 0, "</>; title*=UTF-8''; title*");
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/", NTS, a, 2, 0, NULL), LINKHDR_OK);
  expect_round_trip(buf, len, "/", 1, a, 2, 0);
}

static void test_ext_four_byte(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("title*", "\xF0\x9F\x98\x80!")}; /* U+1F600 */
  (void)state;
  expect_build("", "/", a, 1, 0, "</>; title*=UTF-8''%F0%9F%98%80!");
}

static void test_ext_invalid_utf8(void **state) {
  static const struct {
    const char *v;
    size_t off;
  } cases[] = {
      {"a\xC3(", 2},             /* continuation byte missing */
      {"\xC0\x80", 0},           /* overlong NUL */
      {"ab\xE0\x80\xAF", 3},     /* overlong '/' */
      {"\xED\xA0\x80", 1},       /* UTF-16 surrogate */
      {"\xF4\x90\x80\x80", 1},   /* above U+10FFFF */
      {"x\xFF", 1},              /* never valid */
      {"\x80", 0},               /* lone continuation */
      {"ok\xE2\x82", 2},         /* cut short: reported at its lead byte */
  };
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(cases); i++) {
    linkhdr_attr a[] = {LINKHDR_PARAM("rel", "x"), LINKHDR_PARAM("title*", NULL)};
    a[1].value = cases[i].v;
    expect_fail("/", a, 2, 0, LINKHDR_E_EXT_UTF8, 2, cases[i].off);
  }
}

static void test_ext_ctl_refused_even_if_encodable(void **state) {
  /* %0D%0A would be a valid ext-value, but a recipient that decodes title*
   * would get CR LF: the builder refuses control bytes everywhere. */
  linkhdr_attr a[] = {LINKHDR_PARAM("title*", "a\r\nb")};
  linkhdr_attr t[] = {LINKHDR_PARAM("title*", "tab\there")};
  linkhdr_attr d[] = {LINKHDR_PARAM("title*", "\x7F")};
  (void)state;
  expect_fail("/", a, 1, 0, LINKHDR_E_CTL, 1, 1);
  expect_fail("/", t, 1, 0, LINKHDR_E_CTL, 1, 3);
  expect_fail("/", d, 1, 0, LINKHDR_E_CTL, 1, 0);
}

static void test_ext_ctl_before_utf8(void **state) {
  /* invalid UTF-8 first, control byte later: the control byte is reported */
  linkhdr_attr a[] = {LINKHDR_PARAM("title*", "\xFF\n")};
  (void)state;
  expect_fail("/", a, 1, 0, LINKHDR_E_CTL, 1, 1);
}

static void test_ordinary_name_any_bytes(void **state) {
  /* Only names ending in '*' need UTF-8: elsewhere bytes >= 0x80 are obs-text. */
  linkhdr_attr a[] = {LINKHDR_PARAM("title", "\xC0\x80\xFF")};
  (void)state;
  expect_build("", "/", a, 1, 0, "</>; title=\"\xC0\x80\xFF\"");
}

/* ---- injection: control bytes ------------------------------------------------- */

static const struct {
  const char *bytes;
  size_t len;
} ctls[] = {{"\r", 1}, {"\n", 1}, {"\r\n", 2}, {"\0", 1}, {"\t", 1}, {"\x01", 1}, {"\x7F", 1},
            {"\x1F", 1}};

/* "ab" + ctl + "cd" */
static size_t with_ctl(char *out, size_t i) {
  memcpy(out, "/b", 2);
  memcpy(out + 2, ctls[i].bytes, ctls[i].len);
  memcpy(out + 2 + ctls[i].len, "cd", 2);
  return 4 + ctls[i].len;
}

static void test_ctl_in_target(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(ctls); i++) {
    char s[8];
    size_t n = with_ctl(s, i);
    char *t = heap_copy(s, n);
    expect_fail_n(t, n, NULL, 0, 0, LINKHDR_E_CTL, 0, 2);
    expect_fail_n(t, n, NULL, 0, LINKHDR_BUILD_PCT_ENCODE, LINKHDR_E_CTL, 0, 2);
    free(t);
  }
}

static void test_ctl_in_target_wins_over_bad_char(void **state) {
  /* SP at 2 would be TARGET_CHAR, but a control byte anywhere is CTL */
  char *t = heap_copy("/a b>\r\nX: y", 11);
  (void)state;
  expect_fail_n(t, 11, NULL, 0, 0, LINKHDR_E_CTL, 0, 5);
  free(t);
}

static void test_ctl_in_name(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(ctls); i++) {
    char s[8];
    size_t n = with_ctl(s, i);
    char *nm = heap_copy(s + 1, n - 1); /* "b" ctl "cd" */
    linkhdr_attr a[2] = {LINKHDR_PARAM("rel", "x"), {NULL, 0, "v", NTS}};
    a[1].name = nm;
    a[1].name_len = n - 1;
    expect_fail("/", a, 2, 0, LINKHDR_E_CTL, 2, 1);
    a[1].value = NULL; /* valueless: the name alone is checked */
    expect_fail("/", a, 2, 0, LINKHDR_E_CTL, 2, 1);
    free(nm);
  }
}

static void test_ctl_in_name_wins_over_non_token(void **state) {
  linkhdr_attr a[] = {{"a b\n", NTS, "v", NTS}};
  (void)state;
  expect_fail("/", a, 1, 0, LINKHDR_E_CTL, 1, 3);
}

static void test_ctl_in_value(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(ctls); i++) {
    char s[8];
    size_t n = with_ctl(s, i);
    char *v = heap_copy(s, n);
    linkhdr_attr a[3] = {LINKHDR_PARAM("rel", "x"), LINKHDR_FLAG("y"), {"title", NTS, NULL, 0}};
    linkhdr_attr e[1] = {{"title*", NTS, NULL, 0}};
    a[2].value = v;
    a[2].value_len = n;
    e[0].value = v;
    e[0].value_len = n;
    expect_fail("/", a, 3, 0, LINKHDR_E_CTL, 3, 2);
    expect_fail("/", e, 1, 0, LINKHDR_E_CTL, 1, 2);
    free(v);
  }
}

static void test_header_injection_attempts(void **state) {
  /* The classic: a value that ends the header and starts another one. */
  linkhdr_attr a[] = {LINKHDR_PARAM("title", "x\r\nSet-Cookie: a=b")};
  linkhdr_attr n[] = {{"rel\r\nSet-Cookie: a", NTS, "b", NTS}};
  (void)state;
  expect_fail("/", a, 1, 0, LINKHDR_E_CTL, 1, 1);
  expect_fail("/", n, 1, 0, LINKHDR_E_CTL, 1, 3);
  expect_fail("/x>\r\nSet-Cookie: a=b", NULL, 0, 0, LINKHDR_E_CTL, 0, 3);
  expect_fail("/x>\r\nSet-Cookie: a=b", NULL, 0, LINKHDR_BUILD_PCT_ENCODE, LINKHDR_E_CTL, 0, 3);
}

/* ---- injection: targets --------------------------------------------------------- */

static void test_target_bad_bytes_refused(void **state) {
  static const char *const bad[] = {"/a<b", "/a>b", "/a\"b", "/a b", "/a\\b",
                                    "/a{b", "/a}b", "/a^b", "/a`b", "/a|b",
                                    "/a\xC3\xBC", "/a\x80", "/a\xFF"};
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(bad); i++) expect_fail(bad[i], NULL, 0, 0, LINKHDR_E_TARGET_CHAR, 0, 2);
}

static void test_target_bad_bytes_encoded(void **state) {
  static const char *const in[] = {"/a<b", "/a>b", "/a\"b", "/a b", "/a\\b",
                                   "/a{b", "/a\xC3\xBC", "/%zz"};
  static const char *const want[] = {"</a%3Cb>", "</a%3Eb>", "</a%22b>", "</a%20b>",
                                     "</a%5Cb>", "</a%7Bb>", "</a%C3%BC>", "</%25zz>"};
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(in); i++) {
    char buf[64];
    size_t len = 0;
    expect_build("", in[i], NULL, 0, LINKHDR_BUILD_PCT_ENCODE, want[i]);
    assert_int_equal(linkhdr_append(buf, sizeof buf, &len, in[i], NTS, NULL, 0,
                                    LINKHDR_BUILD_PCT_ENCODE, NULL),
                     LINKHDR_OK);
    expect_round_trip(buf, len, in[i], strlen(in[i]), NULL, 0, LINKHDR_BUILD_PCT_ENCODE);
  }
}

static void test_pct_encode_keeps_valid_uri(void **state) {
  /* a target that is already a URI-Reference comes out unchanged */
  static const char *const ok[] = {"https://example.com/a%20b?x=1&y=%E2%82%AC#frag",
                                   "//cdn.example.net:8080/a;b,c", "mailto:a@example.org",
                                   "http://[::1]:80/", "", "../up/./x"};
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(ok); i++) {
    char want[128];
    snprintf(want, sizeof want, "<%s>", ok[i]);
    expect_build("", ok[i], NULL, 0, LINKHDR_BUILD_PCT_ENCODE, want);
    expect_build("", ok[i], NULL, 0, 0, want);
  }
}

static void test_target_scanner_errors(void **state) {
  (void)state;
  expect_fail("/a%zz", NULL, 0, 0, LINKHDR_E_TARGET_PCT, 0, 3);
  expect_fail("/a%4", NULL, 0, 0, LINKHDR_E_TARGET_PCT, 0, 4);
  expect_fail("a#b#c", NULL, 0, 0, LINKHDR_E_TARGET_FRAGMENT, 0, 3);
  expect_fail("/a[b]", NULL, 0, 0, LINKHDR_E_TARGET_BRACKET, 0, 2);
  expect_fail("1a:b", NULL, 0, 0, LINKHDR_E_TARGET_COLON, 0, 2);
  /* "h:8x" could still be a userinfo until the '/' shows there is no '@' */
  expect_fail("http://h:8x/", NULL, 0, 0, LINKHDR_E_TARGET_AUTHORITY, 0, 11);
}

static void test_gt_never_closes_target(void **state) {
  /* The JS-serializer bug: a '>' copied through makes one link two. */
  const char *evil = "/a>; rel=preload, </evil";
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "next")};
  char buf[128];
  size_t len = 0;
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param prm;
  char *copy;
  (void)state;
  expect_fail(evil, a, 1, 0, LINKHDR_E_TARGET_CHAR, 0, 2);
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, evil, NTS, a, 1,
                                  LINKHDR_BUILD_PCT_ENCODE, NULL),
                   LINKHDR_OK);
  assert_string_equal(buf, "</a%3E;%20rel=preload,%20%3C/evil>; rel=next");
  assert_null(memchr(buf + 1, '>', strlen("</a%3E;%20rel=preload,%20%3C/evil") - 1));
  copy = heap_copy(buf, len);
  linkhdr_parser_init(&p, copy, len, LINKHDR_STRICT);
  assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_OK);
  assert_int_equal(linkhdr_next_param(&p, &prm), LINKHDR_OK);
  assert_true(linkhdr_view_eq(prm.value, "next"));
  assert_int_equal(linkhdr_next_param(&p, &prm), LINKHDR_DONE);
  assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_DONE);
  free(copy);
}

/* ---- injection: names and values ---------------------------------------------------- */

static void test_non_token_names(void **state) {
  static const struct {
    const char *name;
    size_t off;
  } bad[] = {{"a b", 1}, {"a=b", 1}, {"a;b", 1}, {"\"a\"", 0}, {"", 0},
             {"a,b", 1}, {"rel=preload", 3}, {"a/b", 1}, {"t\xC3\xA9", 1}, {"a(", 1}};
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(bad); i++) {
    linkhdr_attr a[] = {LINKHDR_PARAM("rel", "x"), {NULL, NTS, "v", NTS}};
    a[1].name = bad[i].name;
    expect_fail("/", a, 2, 0, LINKHDR_E_NAME, 2, bad[i].off);
    a[1].value = NULL;
    expect_fail("/", a, 2, 0, LINKHDR_E_NAME, 2, bad[i].off);
  }
}

static void test_null_empty_name(void **state) {
  linkhdr_attr a[] = {{NULL, 0, "v", NTS}};
  (void)state;
  expect_fail("/", a, 1, 0, LINKHDR_E_NAME, 1, 0);
}

static void test_value_cannot_inject_link(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_PARAM("as", "style"),
                      LINKHDR_PARAM("title", "x, </evil>; rel=preload")};
  char buf[128];
  size_t len = 0;
  (void)state;
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/ok.css", NTS, a, 3, 0, NULL),
                   LINKHDR_OK);
  assert_string_equal(buf, "</ok.css>; rel=preload; as=style; title=\"x, </evil>; rel=preload\"");
  expect_round_trip(buf, len, "/ok.css", 7, a, 3, 0); /* exactly one link, three params */
}

static void test_value_cannot_break_out_of_quotes(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("title", "x\", </evil>; rel=preload; z=\"")};
  linkhdr_attr b[] = {LINKHDR_PARAM("title", "x\\\", </evil>; rel=\"preload")};
  char buf[128];
  size_t len = 0;
  (void)state;
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/", NTS, a, 1, 0, NULL), LINKHDR_OK);
  assert_string_equal(buf, "</>; title=\"x\\\", </evil>; rel=preload; z=\\\"\"");
  expect_round_trip(buf, len, "/", 1, a, 1, 0);
  len = 0;
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/", NTS, b, 1, 0, NULL), LINKHDR_OK);
  expect_round_trip(buf, len, "/", 1, b, 1, 0);
}

static void test_first_error_reported(void **state) {
  /* target first, then attrs in order; within an attr the name first */
  linkhdr_attr a[] = {LINKHDR_PARAM("ok", "v"), LINKHDR_PARAM("b d", "\n"),
                      LINKHDR_PARAM("c", "\r")};
  (void)state;
  expect_fail("/a b", a, 3, 0, LINKHDR_E_TARGET_CHAR, 0, 2);
  expect_fail("/", a, 3, 0, LINKHDR_E_NAME, 2, 1);
  expect_fail("/", a + 2, 1, 0, LINKHDR_E_CTL, 1, 0);
}

/* ---- arguments -------------------------------------------------------------------- */

static void test_arg_errors(void **state) {
  char buf[16];
  size_t len = 0, big = 17;
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "x")};
  linkhdr_error err;
  (void)state;
  fill_sentinel(buf, sizeof buf);
  assert_int_equal(linkhdr_append(NULL, 16, &len, "/", NTS, NULL, 0, 0, &err), LINKHDR_E_ARG);
  assert_int_equal(err.code, LINKHDR_E_ARG);
  assert_int_equal(err.needed, 0);
  assert_int_equal(linkhdr_append(buf, 16, NULL, "/", NTS, NULL, 0, 0, &err), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_append(buf, 16, &len, NULL, 1, NULL, 0, 0, &err), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_append(buf, 16, &len, NULL, NTS, NULL, 0, 0, &err), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_append(buf, 16, &len, "/", NTS, NULL, 1, 0, &err), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_append(buf, 16, &big, "/", NTS, a, 1, 0, &err), LINKHDR_E_ARG);
  assert_int_equal(big, 17);
  assert_int_equal(linkhdr_append(NULL, 0, &big, "/", NTS, NULL, 0, 0, NULL), LINKHDR_E_ARG);
  assert_int_equal(len, 0);
  {
    char ref[16];
    fill_sentinel(ref, sizeof ref);
    assert_memory_equal(buf, ref, sizeof buf);
  }
}

static void test_arg_null_name_with_length(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "x"), {NULL, 3, "v", NTS}};
  linkhdr_attr b[] = {{NULL, NTS, NULL, 0}};
  (void)state;
  expect_fail("/", a, 2, 0, LINKHDR_E_ARG, 2, 0);
  expect_fail("/", b, 1, 0, LINKHDR_E_ARG, 1, 0);
}

static void test_how_big(void **state) {
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_PARAM("as", "style")};
  size_t len = 0;
  linkhdr_error err;
  (void)state;
  assert_int_equal(linkhdr_append(NULL, 0, &len, "/s.css", NTS, a, 2, 0, &err),
                   LINKHDR_E_NOSPACE);
  assert_int_equal(err.code, LINKHDR_E_NOSPACE);
  assert_int_equal(err.needed, strlen("</s.css>; rel=preload; as=style"));
  assert_int_equal(len, 0);
  /* validation still comes first */
  assert_int_equal(linkhdr_append(NULL, 0, &len, "/s css", NTS, a, 2, 0, &err),
                   LINKHDR_E_TARGET_CHAR);
  assert_int_equal(err.needed, 0);
}

static void test_full_buffer_is_nospace(void **state) {
  /* *len == cap: legal, there is just no room (not even for the NUL) */
  char buf[8], ref[8];
  size_t len = 8;
  linkhdr_error err;
  (void)state;
  memcpy(buf, "</a>;x=y", 8);
  memcpy(ref, buf, 8);
  assert_int_equal(linkhdr_append(buf, 8, &len, "/b", NTS, NULL, 0, 0, &err), LINKHDR_E_NOSPACE);
  assert_int_equal(err.needed, 8 + 2 + 4);
  assert_int_equal(len, 8);
  assert_memory_equal(buf, ref, 8);
}

static void test_nospace_then_retry(void **state) {
  static const char *const prefixes[] = {"", "</p>; rel=prev"};
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_PARAM("title*", "\xE2\x82\xAC"),
                      LINKHDR_PARAM("title", "a \"b\"")};
  size_t p, want;
  (void)state;
  for (p = 0; p < ARRAY_LEN(prefixes); p++) {
    size_t plen = strlen(prefixes[p]), cap;
    linkhdr_error err;
    size_t len = plen;
    /* ask with a buffer that holds just the prefix */
    char *buf = malloc(plen ? plen : 1);
    assert_non_null(buf);
    memcpy(buf, prefixes[p], plen);
    assert_int_equal(linkhdr_append(buf, plen, &len, "/x y", NTS, a, 3,
                                    LINKHDR_BUILD_PCT_ENCODE, &err),
                     LINKHDR_E_NOSPACE);
    free(buf);
    want = err.needed;
    assert_int_equal(want, plen + (plen ? 2 : 0) +
                               strlen("</x%20y>; rel=preload; title*=UTF-8''%E2%82%AC; "
                                      "title=\"a \\\"b\\\"\""));
    /* every cap up to `want` fails and writes nothing; want + 1 succeeds */
    for (cap = plen; cap <= want + 1; cap++) {
      char *b = malloc(cap ? cap : 1), *ref = malloc(cap ? cap : 1);
      int rc;
      assert_non_null(b);
      assert_non_null(ref);
      fill_sentinel(b, cap);
      memcpy(b, prefixes[p], plen);
      memcpy(ref, b, cap);
      len = plen;
      memset(&err, 0, sizeof err);
      rc = linkhdr_append(b, cap, &len, "/x y", NTS, a, 3, LINKHDR_BUILD_PCT_ENCODE, &err);
      assert_int_equal(err.needed, want);
      if (cap <= want) {
        assert_int_equal(rc, LINKHDR_E_NOSPACE);
        assert_int_equal(len, plen);
        assert_memory_equal(b, ref, cap);
      } else {
        assert_int_equal(rc, LINKHDR_OK);
        assert_int_equal(len, want);
        assert_int_equal(b[want], '\0');
        assert_int_equal(strlen(b), want);
      }
      free(b);
      free(ref);
    }
  }
}

static void test_every_error_leaves_buffer(void **state) {
  /* One call per error code, into a buffer prefilled with a pattern: all
   * `cap` bytes and *len are compared afterwards. */
  static linkhdr_attr ok[] = {LINKHDR_PARAM("rel", "preload")};
  static linkhdr_attr bad_name[] = {LINKHDR_PARAM("a b", "x")};
  static linkhdr_attr bad_ctl[] = {LINKHDR_PARAM("a", "x\ny")};
  static linkhdr_attr bad_utf8[] = {LINKHDR_PARAM("a*", "\xC3")};
  static const struct {
    const char *target;
    const linkhdr_attr *attrs;
    size_t nattrs;
    size_t cap;
    int code;
  } cases[] = {
      {"/a b", ok, 1, 64, LINKHDR_E_TARGET_CHAR},   {"/%x", ok, 1, 64, LINKHDR_E_TARGET_PCT},
      {"#a#", ok, 1, 64, LINKHDR_E_TARGET_FRAGMENT}, {"/[", ok, 1, 64, LINKHDR_E_TARGET_BRACKET},
      {"a1:", NULL, 0, 64, LINKHDR_OK},              {"1:", ok, 1, 64, LINKHDR_E_TARGET_COLON},
      {"//a:b", ok, 1, 64, LINKHDR_E_TARGET_AUTHORITY},
      {"/", bad_name, 1, 64, LINKHDR_E_NAME},        {"/", bad_ctl, 1, 64, LINKHDR_E_CTL},
      {"/", bad_utf8, 1, 64, LINKHDR_E_EXT_UTF8},    {"/", ok, 1, 20, LINKHDR_E_NOSPACE},
      {"/", NULL, 1, 64, LINKHDR_E_ARG},
  };
  size_t i;
  (void)state;
  for (i = 0; i < ARRAY_LEN(cases); i++) {
    char buf[64], ref[64];
    size_t len = 5;
    int rc;
    fill_sentinel(buf, sizeof buf);
    memcpy(buf, "</z>;", 5);
    memcpy(ref, buf, sizeof buf);
    rc = linkhdr_append(buf, cases[i].cap, &len, cases[i].target, NTS, cases[i].attrs,
                        cases[i].nattrs, 0, NULL);
    assert_int_equal(rc, cases[i].code);
    if (rc == LINKHDR_OK) continue; /* a control case: "a1:" is a URI (scheme "a1") */
    assert_int_equal(len, 5);
    assert_memory_equal(buf, ref, sizeof buf);
  }
}

static void test_err_null_ok(void **state) {
  char buf[32];
  size_t len = 0;
  (void)state;
  assert_int_equal(linkhdr_append(buf, sizeof buf, &len, "/", NTS, NULL, 0, 0, NULL), LINKHDR_OK);
  assert_string_equal(buf, "</>");
  assert_int_equal(linkhdr_append(buf, 4, &len, "/", NTS, NULL, 0, 0, NULL), LINKHDR_E_NOSPACE);
  assert_int_equal(len, 3);
}

static void test_exact_fit(void **state) {
  /* needed + 1 == cap: the NUL is the last byte */
  char *buf = malloc(13);
  size_t len = 0;
  linkhdr_attr a[] = {LINKHDR_PARAM("rel", "x")};
  (void)state;
  assert_non_null(buf);
  assert_int_equal(linkhdr_append(buf, 13, &len, "/ab", NTS, a, 1, 0, NULL), LINKHDR_OK);
  assert_int_equal(len, 12);
  assert_string_equal(buf, "</ab>; rel=x");
  free(buf);
}

/* ---- round trip ------------------------------------------------------------------ */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t rnd(void) { /* xorshift64*, fixed seed: the same links every run */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return (uint32_t)((rng * 0x2545F4914F6CDD1Du) >> 32);
}

static uint32_t below(uint32_t n) { return rnd() % n; }

static const char tchars[] = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyz"
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
static const char seg_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                "-._~!$&'()*+,;=@";
static const char hexdig[] = "0123456789abcdefABCDEF";

#define MAX_ATTRS 6

struct gen_link {
  char target[256];
  size_t tlen;
  unsigned flags;
  linkhdr_attr attrs[MAX_ATTRS];
  size_t nattrs;
  char names[MAX_ATTRS][24];
  char values[MAX_ATTRS][128];
};

static void put_seg(char *t, size_t *n, int colon_ok) {
  size_t k, len = 1 + below(8);
  for (k = 0; k < len; k++) {
    uint32_t r = below(20);
    if (r == 0) {
      t[(*n)++] = '%';
      t[(*n)++] = hexdig[below(sizeof hexdig - 1)];
      t[(*n)++] = hexdig[below(sizeof hexdig - 1)];
    } else if (r == 1 && colon_ok) {
      t[(*n)++] = ':';
    } else {
      t[(*n)++] = seg_chars[below(sizeof seg_chars - 1)];
    }
  }
}

/* A URI-Reference: one of a pool, or a prefix plus random segments, query
 * and fragment. */
static void gen_uri(struct gen_link *g) {
  static const char *const pool[] = {
      "", "/", "/css/style.css", "https://example.com/a?b=c#d", "//cdn.example.net:8080/a;b,c",
      "mailto:someone@example.org", "urn:isbn:0451450523", "?q=1", "#top", "../x/./y",
      "http://[2001:db8::7]/c=GB?objectClass?one", "http://[v7.fe:80]/", "http://u:p@h:1/",
      "a/b:c", "./1a:b", "/%E2%82%AC", "http://192.0.2.1/", "file:///etc/x", "tel:+1-816-555-1212",
      "https://w.example/wiki/Foo?title=X;oldid=1", "/c_fill,w_750/img.jpg"};
  static const char *const prefixes[] = {"", "/", "https://example.com/", "//h.example:443/",
                                         "http://[::1]/", "urn:x:", "../"};
  char *t = g->target;
  size_t n = 0, p;
  if (below(3) == 0) {
    const char *s = pool[below(ARRAY_LEN(pool))];
    g->tlen = strlen(s);
    memcpy(t, s, g->tlen);
    return;
  }
  p = below(ARRAY_LEN(prefixes));
  memcpy(t, prefixes[p], strlen(prefixes[p]));
  n = strlen(prefixes[p]);
  put_seg(t, &n, p != 0); /* no ':' in a relative reference's first segment */
  while (below(3) == 0 && n < 80) {
    t[n++] = '/';
    put_seg(t, &n, 1);
  }
  if (below(3) == 0) {
    t[n++] = '?';
    put_seg(t, &n, 1);
    if (below(2)) t[n++] = '/';
    if (below(2)) t[n++] = '?';
  }
  if (below(3) == 0) {
    t[n++] = '#';
    put_seg(t, &n, 1);
    if (below(2)) t[n++] = '?';
  }
  g->tlen = n;
}

/* Any bytes but control bytes, biased towards the ones that need care. */
static uchar gen_byte(void) {
  static const char special[] = "%#[]:@/?<>\" \\{}|^`,;=";
  uchar c;
  if (below(3) == 0) return (uchar)special[below(sizeof special - 1)];
  do c = (uchar)(0x20 + below(0xE0));
  while (c == 0x7F);
  return c;
}

static void gen_pct_target(struct gen_link *g) {
  static const char *const starts[] = {"", "http://", "//", "a:", "/"};
  const char *s = starts[below(ARRAY_LEN(starts))];
  size_t n = strlen(s), k, len = below(40);
  memcpy(g->target, s, n);
  for (k = 0; k < len; k++) g->target[n++] = (char)gen_byte();
  g->tlen = n;
}

/* 1 to 4 code points of valid UTF-8, no control characters. */
static size_t gen_utf8(char *out, size_t max_cps) {
  size_t n = 0, k, cps = below((uint32_t)max_cps + 1);
  for (k = 0; k < cps; k++) {
    uint32_t cp;
    switch (below(4)) {
    case 0: cp = 0x20 + below(0x5F); break; /* 20-7E */
    case 1: cp = 0x80 + below(0x780); break;
    case 2:
      do cp = 0x800 + below(0xF800);
      while (cp >= 0xD800 && cp <= 0xDFFF);
      break;
    default: cp = 0x10000 + below(0x100000); break;
    }
    if (cp < 0x80) {
      out[n++] = (char)cp;
    } else if (cp < 0x800) {
      out[n++] = (char)(0xC0 | (cp >> 6));
      out[n++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[n++] = (char)(0xE0 | (cp >> 12));
      out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[n++] = (char)(0x80 | (cp & 0x3F));
    } else {
      out[n++] = (char)(0xF0 | (cp >> 18));
      out[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
      out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[n++] = (char)(0x80 | (cp & 0x3F));
    }
  }
  return n;
}

static void gen_attr(struct gen_link *g, size_t i) {
  char *name = g->names[i], *v = g->values[i];
  size_t nlen, vlen = 0, k;
  int ext;
  linkhdr_attr *a = &g->attrs[i];
  if (below(20) == 0) {
    nlen = 1;
    name[0] = '*';
  } else {
    nlen = 1 + below(10);
    for (k = 0; k < nlen; k++) name[k] = tchars[below(sizeof tchars - 1)];
    if (below(5) == 0) name[nlen++] = '*';
  }
  name[nlen] = '\0';
  ext = nlen > 0 && name[nlen - 1] == '*';
  a->name = name;
  a->name_len = below(4) == 0 ? NTS : nlen;
  switch (below(10)) {
  case 0: /* valueless */
    a->value = NULL;
    a->value_len = below(2) ? 0 : 77;
    return;
  case 1: /* empty */
    break;
  case 2:
  case 3: /* a token (for ext names: plain ASCII text) */
    vlen = 1 + below(12);
    for (k = 0; k < vlen; k++) v[k] = tchars[below(sizeof tchars - 1)];
    break;
  default:
    if (ext) {
      vlen = gen_utf8(v, 20);
    } else {
      vlen = below(40);
      for (k = 0; k < vlen; k++) v[k] = (char)gen_byte();
    }
  }
  v[vlen] = '\0';
  a->value = v;
  a->value_len = below(4) == 0 ? NTS : vlen;
}

static void gen_link(struct gen_link *g) {
  size_t i;
  g->flags = below(3) == 0 ? LINKHDR_BUILD_PCT_ENCODE : 0;
  if (g->flags) gen_pct_target(g);
  else gen_uri(g);
  g->target[g->tlen] = '\0';
  g->nattrs = below(MAX_ATTRS + 1);
  for (i = 0; i < g->nattrs; i++) gen_attr(g, i);
}

static int append_gen(char *buf, size_t cap, size_t *len, const struct gen_link *g) {
  int rc = linkhdr_append(buf, cap, len, g->target, g->tlen, g->attrs, g->nattrs, g->flags, NULL);
  if (rc != LINKHDR_OK)
    fail_msg("append('%.*s') = %s", (int)g->tlen, g->target, linkhdr_code_name(rc));
  return rc;
}

static void test_round_trip_single(void **state) {
  static struct gen_link g;
  char buf[2048];
  int i;
  (void)state;
  rng = 0x1234567887654321u;
  memset(&seen, 0, sizeof seen);
  for (i = 0; i < 6000; i++) {
    size_t len = 0;
    gen_link(&g);
    append_gen(buf, sizeof buf, &len, &g);
    assert_int_equal(buf[len], '\0');
    assert_no_ctl(buf, len);
    expect_round_trip(buf, len, g.target, g.tlen, g.attrs, g.nattrs, g.flags);
  }
  /* the generator reached every kind of output */
  assert_int_equal(seen.links, 6000);
  assert_true(seen.pct > 1000);
  assert_true(seen.ext > 500);
  assert_true(seen.quoted > 1000);
  assert_true(seen.escaped > 300);
  assert_true(seen.none > 500);
  assert_true(seen.token > 1000);
  assert_true(seen.empty > 300);
}

static void test_round_trip_headers(void **state) {
  /* 200 header values of 25 link-values each, appended one after another */
  static struct gen_link g[25];
  static char buf[25 * 2048];
  int h;
  (void)state;
  rng = 0xC0FFEE1234ABCDEFu;
  for (h = 0; h < 200; h++) {
    size_t len = 0, i;
    linkhdr_parser p;
    linkhdr_link link;
    char *copy;
    for (i = 0; i < 25; i++) {
      size_t before = len;
      gen_link(&g[i]);
      append_gen(buf, sizeof buf, &len, &g[i]);
      assert_true(len > before);
    }
    assert_no_ctl(buf, len);
    copy = heap_copy(buf, len);
    linkhdr_parser_init(&p, copy, len, LINKHDR_STRICT);
    for (i = 0; i < 25; i++) expect_link(&p, g[i].target, g[i].tlen, g[i].attrs, g[i].nattrs, g[i].flags);
    assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_DONE);
    free(copy);
  }
}

static void test_random_ctl_always_refused(void **state) {
  /* Put one control byte somewhere in a valid random link: always CTL, at
   * the right item and offset, and nothing written. */
  static struct gen_link g;
  static const uchar ctl_bytes[] = {0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F};
  int i;
  (void)state;
  rng = 0xDEADBEEF00C0FFEEu;
  for (i = 0; i < 2000; i++) {
    char buf[512], ref[512];
    size_t len = 3, item, off;
    linkhdr_error err;
    uchar c = ctl_bytes[below(sizeof ctl_bytes)];
    int rc;
    gen_link(&g);
    item = below((uint32_t)g.nattrs + 1);
    if (item == 0) {
      off = below((uint32_t)g.tlen + 1);
      memmove(g.target + off + 1, g.target + off, g.tlen - off);
      g.target[off] = (char)c;
      g.tlen++;
    } else {
      linkhdr_attr *a = &g.attrs[item - 1];
      char *s = g.values[item - 1];
      size_t n;
      if (!a->value || below(3) == 0) { /* into the name */
        s = g.names[item - 1];
        a->name_len = strlen(s);
        n = a->name_len;
        a->name_len++;
      } else {
        if (a->value_len == NTS) a->value_len = strlen(s);
        n = a->value_len;
        a->value_len++;
      }
      off = below((uint32_t)n + 1);
      memmove(s + off + 1, s + off, n - off);
      s[off] = (char)c;
    }
    fill_sentinel(buf, sizeof buf);
    memcpy(buf, "<a>", 3);
    memcpy(ref, buf, sizeof buf);
    rc = linkhdr_append(buf, sizeof buf, &len, g.target, g.tlen, g.attrs, g.nattrs, g.flags, &err);
    /* everything else in the link is valid, so the CTL is the first error */
    if (rc != LINKHDR_E_CTL)
      fail_msg("iteration %d: got %s, want CTL in item %zu", i, linkhdr_code_name(rc), item);
    assert_int_equal(err.item, item);
    assert_int_equal(err.offset, off);
    assert_int_equal(len, 3);
    assert_memory_equal(buf, ref, sizeof buf);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_target_only),
      cmocka_unit_test(test_seed_example),
      cmocka_unit_test(test_empty_target),
      cmocka_unit_test(test_append_adds_comma),
      cmocka_unit_test(test_append_twice_parses_two_links),
      cmocka_unit_test(test_params_in_order_with_duplicates),
      cmocka_unit_test(test_explicit_lengths_no_nul),
      cmocka_unit_test(test_value_len_ignored_when_null),
      cmocka_unit_test(test_attrs_nonnull_zero_count),
      cmocka_unit_test(test_token_value),
      cmocka_unit_test(test_single_quotes_are_token),
      cmocka_unit_test(test_quoted_for_delimiters),
      cmocka_unit_test(test_quote_and_backslash_escaped),
      cmocka_unit_test(test_lone_quote_and_backslash),
      cmocka_unit_test(test_empty_value_quoted),
      cmocka_unit_test(test_valueless),
      cmocka_unit_test(test_obs_text_quoted_as_is),
      cmocka_unit_test(test_star_alone_is_ext),
      cmocka_unit_test(test_ext_euro_rates),
      cmocka_unit_test(test_ext_attr_char_literal),
      cmocka_unit_test(test_ext_uppercase_hex),
      cmocka_unit_test(test_ext_empty_and_valueless),
      cmocka_unit_test(test_ext_four_byte),
      cmocka_unit_test(test_ext_invalid_utf8),
      cmocka_unit_test(test_ext_ctl_refused_even_if_encodable),
      cmocka_unit_test(test_ext_ctl_before_utf8),
      cmocka_unit_test(test_ordinary_name_any_bytes),
      cmocka_unit_test(test_ctl_in_target),
      cmocka_unit_test(test_ctl_in_target_wins_over_bad_char),
      cmocka_unit_test(test_ctl_in_name),
      cmocka_unit_test(test_ctl_in_name_wins_over_non_token),
      cmocka_unit_test(test_ctl_in_value),
      cmocka_unit_test(test_header_injection_attempts),
      cmocka_unit_test(test_target_bad_bytes_refused),
      cmocka_unit_test(test_target_bad_bytes_encoded),
      cmocka_unit_test(test_pct_encode_keeps_valid_uri),
      cmocka_unit_test(test_target_scanner_errors),
      cmocka_unit_test(test_gt_never_closes_target),
      cmocka_unit_test(test_non_token_names),
      cmocka_unit_test(test_null_empty_name),
      cmocka_unit_test(test_value_cannot_inject_link),
      cmocka_unit_test(test_value_cannot_break_out_of_quotes),
      cmocka_unit_test(test_first_error_reported),
      cmocka_unit_test(test_arg_errors),
      cmocka_unit_test(test_arg_null_name_with_length),
      cmocka_unit_test(test_how_big),
      cmocka_unit_test(test_full_buffer_is_nospace),
      cmocka_unit_test(test_nospace_then_retry),
      cmocka_unit_test(test_every_error_leaves_buffer),
      cmocka_unit_test(test_err_null_ok),
      cmocka_unit_test(test_exact_fit),
      cmocka_unit_test(test_round_trip_single),
      cmocka_unit_test(test_round_trip_headers),
      cmocka_unit_test(test_random_ctl_always_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
