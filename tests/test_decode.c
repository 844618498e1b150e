/* Value decoding: quoted-pair removal, RFC 8187 ext-values (charset, RFC 5646
 * language tags, percent-decoding, RFC 3629 UTF-8) and linkhdr_param_value.
 * Every input is an exact-size heap copy; every output buffer that must stay
 * untouched is filled with a sentinel and checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "linkhdr.h"
#include "testutil.h"

#define SENTINEL 0x5A

/* ---- helpers ---- */

static int all_sentinel(const char *buf, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if ((uchar)buf[i] != SENTINEL) return 0;
  return 1;
}

/* linkhdr__ext_check on a heap copy; returns the code, *off the offset. */
static int ext_check_n(const char *s, size_t n, size_t *off) {
  char *in = heap_copy(s, n);
  size_t o = (size_t)-1;
  int rc = linkhdr__ext_check((const uchar *)in, n, 0, NULL, &o);
  free(in);
  if (off) *off = o;
  return rc;
}

/* Expect code (and, for errors, offset) from both ext_check and ext_decode,
 * and that a failing decode writes nothing. */
static void expect_ext(const char *s, int code, size_t offset) {
  size_t n = strlen(s), off, outlen = 12345;
  char *in = heap_str(s), out[512];
  linkhdr_error e;
  int rc = ext_check_n(s, n, &off);
  if (rc != code || (code && off != offset))
    fail_msg("ext_check [%s]: want %s@%zu, got %s@%zu", s, linkhdr_code_name(code), offset,
             linkhdr_code_name(rc), off);
  memset(out, SENTINEL, sizeof out);
  rc = linkhdr_ext_decode(in, n, out, sizeof out, &outlen, NULL, &e);
  assert_int_equal(rc, code);
  assert_int_equal(e.code, code);
  if (code) {
    assert_int_equal(e.offset, offset);
    assert_true(all_sentinel(out, sizeof out));
    assert_int_equal(outlen, 12345);
  }
  free(in);
}

/* Decode s and compare with want (want_len bytes). */
static void expect_decoded(const char *s, const char *want, size_t want_len) {
  size_t n = strlen(s), outlen = 0;
  char *in = heap_str(s);
  char *out = malloc(n ? n : 1); /* a buffer of len bytes always suffices */
  int rc = linkhdr_ext_decode(in, n, out, n, &outlen, NULL, NULL);
  if (rc != LINKHDR_OK) fail_msg("decode [%s]: %s", s, linkhdr_code_name(rc));
  assert_int_equal(outlen, want_len);
  assert_memory_equal(out, want, want_len);
  free(out);
  free(in);
}

static void expect_language(const char *tag, int ok) {
  char s[128];
  snprintf(s, sizeof s, "UTF-8'%s'x", tag);
  if (ok)
    expect_ext(s, LINKHDR_OK, 0);
  else
    expect_ext(s, LINKHDR_E_EXT_LANGUAGE, 6);
}

/* A small deterministic generator (no time, no global state). */
static uint32_t next_rand(uint32_t *st) {
  *st = *st * 1103515245u + 12345u;
  return (*st >> 16) & 0x7FFF;
}

/* ======================================================================
 * linkhdr_unescape
 * ====================================================================== */

static void unescape_str(const char *s, size_t n, const char *want, size_t want_len) {
  char *in = heap_copy(s, n);
  char *out = malloc(n ? n : 1);
  size_t outlen = 999;
  assert_int_equal(linkhdr_unescape(in, n, out, n, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, want_len);
  assert_memory_equal(out, want, want_len);
  free(out);
  free(in);
}

static void unescape_plain_text_is_copied(void **state) {
  (void)state;
  unescape_str("hello, world; rel=x", 19, "hello, world; rel=x", 19);
  unescape_str("\xC3\xA9t\xC3\xA9", 6, "\xC3\xA9t\xC3\xA9", 6);
}

static void unescape_quote_and_backslash(void **state) {
  (void)state;
  unescape_str("a\\\"b", 4, "a\"b", 3);
  unescape_str("a\\\\b", 4, "a\\b", 3);
  unescape_str("\\\\\\\"", 4, "\\\"", 2);
  unescape_str("\\\\\\\\", 4, "\\\\", 2);
}

/* quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ): each becomes itself. */
static void unescape_every_escape_form(void **state) {
  int c;
  (void)state;
  for (c = 0; c < 256; c++) {
    char s[3] = {'x', '\\', (char)c}, want[2] = {'x', (char)c};
    unescape_str(s, 3, want, 2);
  }
  /* all at once */
  {
    char s[512], want[256];
    size_t n = 0, k = 0;
    for (c = 0; c < 256; c++) {
      if (c != '\t' && c != ' ' && (c < 0x21 || c == 0x7F)) continue;
      s[n++] = '\\';
      s[n++] = (char)c;
      want[k++] = (char)c;
    }
    unescape_str(s, n, want, k);
  }
}

static void unescape_escaped_letters_are_letters(void **state) {
  (void)state;
  unescape_str("\\a\\b\\c", 6, "abc", 3);
  unescape_str("\\n\\t", 4, "nt", 2); /* no C escapes */
  unescape_str("\\ \\\t", 4, " \t", 2);
}

static void unescape_trailing_backslash_is_dropped(void **state) {
  (void)state;
  unescape_str("abc\\", 4, "abc", 3);
  unescape_str("\\", 1, "", 0);
  unescape_str("\\\\\\", 3, "\\", 1);
  unescape_str("a\\\\", 3, "a\\", 2);
}

static void unescape_empty(void **state) {
  char out[1] = {SENTINEL};
  size_t outlen = 7;
  char *in = heap_copy("", 0);
  (void)state;
  assert_int_equal(linkhdr_unescape(in, 0, out, 0, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 0);
  assert_int_equal((uchar)out[0], SENTINEL);
  assert_int_equal(linkhdr_unescape(NULL, 0, out, 0, &outlen), LINKHDR_OK);
  free(in);
}

static void unescape_exact_buffer(void **state) {
  const char *s = "say \\\"hi\\\" \\\\o/";
  size_t n = strlen(s), outlen = 0;
  char *in = heap_str(s);
  char *out = malloc(12); /* exactly: say "hi" \o/ */
  (void)state;
  assert_int_equal(linkhdr_unescape(in, n, out, 12, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 12);
  assert_memory_equal(out, "say \"hi\" \\o/", 12);
  /* and cap = len, which always suffices */
  free(out);
  out = malloc(n);
  assert_int_equal(linkhdr_unescape(in, n, out, n, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 12);
  free(out);
  free(in);
}

static void unescape_nospace_leaves_buffer_untouched(void **state) {
  const char *s = "a\\\"bc\\\\d";
  size_t n = strlen(s), outlen = 777, cap;
  char *in = heap_str(s), out[16];
  (void)state;
  for (cap = 0; cap < 6; cap++) { /* needs 6 */
    memset(out, SENTINEL, sizeof out);
    assert_int_equal(linkhdr_unescape(in, n, out, cap, &outlen), LINKHDR_E_NOSPACE);
    assert_true(all_sentinel(out, sizeof out));
    assert_int_equal(outlen, 777);
  }
  memset(out, SENTINEL, sizeof out);
  assert_int_equal(linkhdr_unescape(in, n, out, 6, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 6);
  assert_memory_equal(out, "a\"bc\\d", 6);
  assert_true(all_sentinel(out + 6, sizeof out - 6));
  free(in);
}

static void unescape_in_place(void **state) {
  char *buf = heap_str("x\\\"y\\\\z\\");
  size_t outlen = 0;
  (void)state;
  assert_int_equal(linkhdr_unescape(buf, 8, buf, 8, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 5);
  assert_memory_equal(buf, "x\"y\\z", 5);
  free(buf);
}

static void unescape_bad_arguments(void **state) {
  char out[4];
  size_t outlen;
  char *in = heap_str("ab");
  (void)state;
  assert_int_equal(linkhdr_unescape(NULL, 2, out, 4, &outlen), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_unescape(in, 2, NULL, 4, &outlen), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_unescape(in, 2, out, 4, NULL), LINKHDR_E_ARG);
  /* a NULL buffer of size 0, like a NULL input of length 0, is no error */
  assert_int_equal(linkhdr_unescape(in, 2, NULL, 0, &outlen), LINKHDR_E_NOSPACE);
  free(in);
  in = heap_str("\\");
  outlen = 9;
  assert_int_equal(linkhdr_unescape(in, 1, NULL, 0, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 0);
  free(in);
}

/* ======================================================================
 * linkhdr_ext_decode: charsets and values
 * ====================================================================== */

static void ext_utf8_decodes(void **state) {
  (void)state;
  expect_decoded("UTF-8''%E2%82%AC%20rates", "\xE2\x82\xAC rates", 9);
  expect_decoded("UTF-8'de'Gr%C3%BC%C3%9Fe", "Gr\xC3\xBC\xC3\x9F" "e", 7);
  expect_decoded("UTF-8''", "", 0);
  expect_decoded("UTF-8''abc", "abc", 3);
  /* every attr-char stands for itself */
  expect_decoded("UTF-8''AZaz09!#$&+-.^_`|~", "AZaz09!#$&+-.^_`|~", 18);
  /* hex digits in either case */
  expect_decoded("UTF-8''%c3%a9%C3%A9%c3%A9", "\xC3\xA9\xC3\xA9\xC3\xA9", 6);
  expect_decoded("UTF-8''%00%25%27%2A", "\0%'*", 4);
}

static void ext_iso_8859_1_decodes_to_utf8(void **state) {
  (void)state;
  expect_decoded("iso-8859-1'en'%A3%20rates", "\xC2\xA3 rates", 8);
  expect_decoded("ISO-8859-1''caf%E9", "caf\xC3\xA9", 5);
  expect_decoded("ISO-8859-1''%FF%80%7F", "\xC3\xBF\xC2\x80\x7F", 5);
  /* any byte sequence is valid ISO-8859-1 */
  expect_ext("ISO-8859-1''%C0%80%ED%A0%80%F5", LINKHDR_OK, 0);
}

/* Every byte 00-FF through ISO-8859-1 is the code point of the same value. */
static void ext_iso_8859_1_every_byte(void **state) {
  char s[16 + 3 * 256], want[512];
  size_t n, k = 0;
  int b;
  (void)state;
  n = (size_t)sprintf(s, "ISO-8859-1''");
  for (b = 0; b < 256; b++) {
    n += (size_t)sprintf(s + n, "%%%02X", b);
    if (b < 0x80) {
      want[k++] = (char)b;
    } else {
      want[k++] = (char)(0xC0 | (b >> 6));
      want[k++] = (char)(0x80 | (b & 0x3F));
    }
  }
  assert_true(k <= n);
  expect_decoded(s, want, k);
}

static void ext_charset_is_case_insensitive(void **state) {
  static const char *const ok[] = {"UTF-8''a", "utf-8''a", "Utf-8''a", "uTF-8''a",
                                   "ISO-8859-1''a", "iso-8859-1''a", "Iso-8859-1''a"};
  size_t i;
  linkhdr_ext_info info;
  char out[8], *in;
  size_t outlen;
  (void)state;
  for (i = 0; i < sizeof ok / sizeof ok[0]; i++) expect_ext(ok[i], LINKHDR_OK, 0);
  in = heap_str("uTf-8''a");
  assert_int_equal(linkhdr_ext_decode(in, 8, out, 8, &outlen, &info, NULL), LINKHDR_OK);
  assert_int_equal(info.charset, LINKHDR_CHARSET_UTF8);
  free(in);
  in = heap_str("iSo-8859-1''a");
  assert_int_equal(linkhdr_ext_decode(in, 13, out, 8, &outlen, &info, NULL), LINKHDR_OK);
  assert_int_equal(info.charset, LINKHDR_CHARSET_ISO_8859_1);
  free(in);
}

static void ext_unknown_charset(void **state) {
  (void)state;
  expect_ext("UTF-16''a", LINKHDR_E_EXT_CHARSET, 0);
  expect_ext("us-ascii''a", LINKHDR_E_EXT_CHARSET, 0);
  expect_ext("UTF8''a", LINKHDR_E_EXT_CHARSET, 0);
  expect_ext("ISO-8859-15''a", LINKHDR_E_EXT_CHARSET, 0);
  expect_ext("latin1''a", LINKHDR_E_EXT_CHARSET, 0);
  expect_ext("UTF-8X''a", LINKHDR_E_EXT_CHARSET, 0);
  expect_ext("U''a", LINKHDR_E_EXT_CHARSET, 0);
  /* every mime-charsetc is syntax, so these are charset errors, not syntax */
  expect_ext("a!#$%&+-^_`{}~''x", LINKHDR_E_EXT_CHARSET, 0);
  /* the charset is judged before anything after it */
  expect_ext("KOI8-R'en_US'%ZZ", LINKHDR_E_EXT_CHARSET, 0);
}

static void ext_structure_errors(void **state) {
  (void)state;
  expect_ext("", LINKHDR_E_EXT_SYNTAX, 0);
  expect_ext("''abc", LINKHDR_E_EXT_SYNTAX, 0);   /* empty charset */
  expect_ext("UTF-8", LINKHDR_E_EXT_SYNTAX, 5);   /* no "'" at all */
  expect_ext("UTF-8'", LINKHDR_E_EXT_SYNTAX, 6);  /* no second "'" */
  expect_ext("UTF-8'en", LINKHDR_E_EXT_SYNTAX, 8);
  expect_ext("UTF-8'%E2%82%AC", LINKHDR_E_EXT_SYNTAX, 6);
  expect_ext("UTF 8''a", LINKHDR_E_EXT_SYNTAX, 3); /* SP is no mime-charsetc */
  expect_ext("UTF.8''a", LINKHDR_E_EXT_SYNTAX, 3);
  expect_ext("UTF-8\"''a", LINKHDR_E_EXT_SYNTAX, 5);
  expect_ext("UTF-8''a'b", LINKHDR_E_EXT_SYNTAX, 8); /* a third "'" */
}

static void ext_bad_value_chars(void **state) {
  (void)state;
  expect_ext("UTF-8''a b", LINKHDR_E_EXT_SYNTAX, 8);
  expect_ext("UTF-8''a*", LINKHDR_E_EXT_SYNTAX, 8);
  expect_ext("UTF-8''\"", LINKHDR_E_EXT_SYNTAX, 7);
  expect_ext("UTF-8''a;b", LINKHDR_E_EXT_SYNTAX, 8);
  expect_ext("UTF-8''\xC3\xA9", LINKHDR_E_EXT_SYNTAX, 7); /* raw UTF-8 must be encoded */
  expect_ext("UTF-8''a\\b", LINKHDR_E_EXT_SYNTAX, 8);
  expect_ext("ISO-8859-1''a\x7F", LINKHDR_E_EXT_SYNTAX, 13);
}

static void ext_bad_percent(void **state) {
  (void)state;
  expect_ext("UTF-8''%G0", LINKHDR_E_EXT_SYNTAX, 8);
  expect_ext("UTF-8''%0G", LINKHDR_E_EXT_SYNTAX, 9);
  expect_ext("UTF-8''%", LINKHDR_E_EXT_SYNTAX, 8);    /* ends too early: at the end */
  expect_ext("UTF-8''%4", LINKHDR_E_EXT_SYNTAX, 9);
  expect_ext("UTF-8''a%%41", LINKHDR_E_EXT_SYNTAX, 9);
  expect_ext("UTF-8''%2 ", LINKHDR_E_EXT_SYNTAX, 9);
  /* a syntax error after an unfinished UTF-8 sequence is still syntax */
  expect_ext("UTF-8''%E2%82%Z", LINKHDR_E_EXT_SYNTAX, 14);
}

/* ======================================================================
 * RFC 5646 language tags
 * ====================================================================== */

static void language_well_formed(void **state) {
  static const char *const tags[] = {
      "en", "de-CH", "zh-Hant-TW", "sgn-BE-FR", "x-private", "i-default",
      "en-a-bbb-x-ccc", "EN-us", "de", "fr-CA", "es-419", "sr-Latn-RS",
      "zh-yue-HK", "zh-cmn-Hans-CN", "ast", "abcd", "abcdefgh", "de-1996",
      "sl-rozaj-biske", "de-CH-1901", "en-US-u-islamcal", "en-a-myext-b-another",
      "qaa-Qaaa-QM-x-southern", "x-a", "x-12345678", "X-ABC", "en-x-a-b-c",
      "i-klingon", "I-DEFAULT", "en-GB-oed", "sgn-CH-DE", "art-lojban", "zh-min-nan",
      "cel-gaulish", "no-bok", "zh-guoyu", "aaa-bbb-ccc-ddd", "en-0abc",
      "en-123", "en-Latn", "en-a-bb-cc-dd", "sgn-BE", "en-1-ab", "de-DE-u-co-phonebk"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof tags / sizeof tags[0]; i++) expect_language(tags[i], 1);
}

static void language_ill_formed(void **state) {
  static const char *const tags[] = {
      "e", "en-", "toolongtag1", "en--US", "a-DE", "-en", "x", "x-", "x-123456789",
      "en-x", "en-a", "en-a-b", "en-a-x-c", "1en", "en-abcdefghi", "aaa-bbb-ccc-ddd-eee",
      "abcd-abc", "en-US-abc", "en-Latn-abc", "en-US-US", "en-Latn-Latn", "en-12",
      "en-1234a6789", "i-foo", "i-", "en-GB-oe", "en_US", "en US", "en.US",
      "abcdefghi", "en-a-xyz-", "e1", "en-US-x-123456789", "en-abc-Latn-US-x"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof tags / sizeof tags[0]; i++) expect_language(tags[i], 0);
}

/* The grandfathered "i-" tags are an exact list, whatever the case. */
static void language_grandfathered_list(void **state) {
  static const char *const irregular[] = {
      "en-GB-oed", "i-ami",   "i-bnn",     "i-default", "i-enochian", "i-hak",
      "i-klingon", "i-lux",   "i-mingo",   "i-navajo",  "i-pwn",      "i-tao",
      "i-tay",     "i-tsu",   "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof irregular / sizeof irregular[0]; i++) {
    char up[32], longer[40];
    size_t k;
    expect_language(irregular[i], 1);
    for (k = 0; irregular[i][k]; k++) {
      char c = irregular[i][k];
      up[k] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    up[k] = '\0';
    expect_language(up, 1);
    snprintf(longer, sizeof longer, "%s-x-a", irregular[i]);
    expect_language(longer, 0); /* no extension of an irregular tag */
  }
  expect_language("i-defaul", 0);
  expect_language("i-defaultt", 0);
}

static void language_info_is_a_view_into_src(void **state) {
  const char *s = "UTF-8'de-CH'Gr%C3%BC%C3%9Fe";
  size_t n = strlen(s), outlen = 0;
  char *in = heap_str(s), out[64];
  linkhdr_ext_info info = {0, {NULL, 99}};
  (void)state;
  assert_int_equal(linkhdr_ext_decode(in, n, out, sizeof out, &outlen, &info, NULL), LINKHDR_OK);
  assert_int_equal(info.charset, LINKHDR_CHARSET_UTF8);
  assert_ptr_equal(info.language.base, in + 6);
  assert_int_equal(info.language.len, 5);
  assert_int_equal(outlen, 7);
  free(in);
  in = heap_str("UTF-8''x");
  assert_int_equal(linkhdr_ext_decode(in, 8, out, sizeof out, &outlen, &info, NULL), LINKHDR_OK);
  assert_int_equal(info.language.len, 0);
  assert_ptr_equal(info.language.base, in + 6);
  free(in);
}

/* "en_US" has its two "'": the language is what is wrong. Without the second
 * "'" the structure is. */
static void language_versus_structure(void **state) {
  (void)state;
  expect_ext("UTF-8'en_US'x", LINKHDR_E_EXT_LANGUAGE, 6);
  expect_ext("UTF-8'en US'x", LINKHDR_E_EXT_LANGUAGE, 6);
  expect_ext("UTF-8'en_US", LINKHDR_E_EXT_SYNTAX, 8);
  expect_ext("UTF-8'en-US", LINKHDR_E_EXT_SYNTAX, 11);
  expect_ext("ISO-8859-1'e'%A3", LINKHDR_E_EXT_LANGUAGE, 11);
  /* the language is judged before the value */
  expect_ext("UTF-8'e'%C0", LINKHDR_E_EXT_LANGUAGE, 6);
}

/* ======================================================================
 * UTF-8 validity (RFC 3629) of the decoded bytes
 * ====================================================================== */

static void utf8_overlong(void **state) {
  (void)state;
  expect_ext("UTF-8''%C0%80", LINKHDR_E_EXT_UTF8, 7);
  expect_ext("UTF-8''%C1%BF", LINKHDR_E_EXT_UTF8, 7);
  expect_ext("UTF-8''%E0%80%80", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%E0%9F%BF", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%F0%80%80%80", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%F0%8F%BF%BF", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''ab%C0%AF", LINKHDR_E_EXT_UTF8, 9);
}

static void utf8_surrogates(void **state) {
  (void)state;
  expect_ext("UTF-8''%ED%A0%80", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%ED%BF%BF", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%ed%b0%80", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%ED%9F%BF", LINKHDR_OK, 0); /* U+D7FF */
  expect_ext("UTF-8''%EE%80%80", LINKHDR_OK, 0); /* U+E000 */
}

static void utf8_truncated(void **state) {
  (void)state;
  expect_ext("UTF-8''%C3", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%E2%82", LINKHDR_E_EXT_UTF8, 13);
  expect_ext("UTF-8''%F0%9F%98", LINKHDR_E_EXT_UTF8, 16);
  /* cut short by a literal byte or a new lead byte: at that byte */
  expect_ext("UTF-8''%C3a", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%E2%82b%AC", LINKHDR_E_EXT_UTF8, 13);
  expect_ext("UTF-8''%E2%C3%A9", LINKHDR_E_EXT_UTF8, 10);
}

static void utf8_above_u10ffff(void **state) {
  (void)state;
  expect_ext("UTF-8''%F4%90%80%80", LINKHDR_E_EXT_UTF8, 10);
  expect_ext("UTF-8''%F5%80%80%80", LINKHDR_E_EXT_UTF8, 7);
  expect_ext("UTF-8''%F7%BF%BF%BF", LINKHDR_E_EXT_UTF8, 7);
  expect_ext("UTF-8''%F8%88%80%80%80", LINKHDR_E_EXT_UTF8, 7);
  expect_ext("UTF-8''%FE", LINKHDR_E_EXT_UTF8, 7);
  expect_ext("UTF-8''%FF", LINKHDR_E_EXT_UTF8, 7);
  expect_ext("UTF-8''%F4%8F%BF%BF", LINKHDR_OK, 0); /* U+10FFFF */
}

static void utf8_stray_continuation(void **state) {
  (void)state;
  expect_ext("UTF-8''%80", LINKHDR_E_EXT_UTF8, 7);
  expect_ext("UTF-8''a%BF", LINKHDR_E_EXT_UTF8, 8);
  expect_ext("UTF-8''%C3%A9%A9", LINKHDR_E_EXT_UTF8, 13);
}

static void utf8_boundaries_are_valid(void **state) {
  (void)state;
  expect_decoded("UTF-8''%7F", "\x7F", 1);
  expect_decoded("UTF-8''%C2%80", "\xC2\x80", 2);
  expect_decoded("UTF-8''%DF%BF", "\xDF\xBF", 2);
  expect_decoded("UTF-8''%E0%A0%80", "\xE0\xA0\x80", 3);
  expect_decoded("UTF-8''%EF%BF%BF", "\xEF\xBF\xBF", 3);
  expect_decoded("UTF-8''%F0%90%80%80", "\xF0\x90\x80\x80", 4);
  expect_decoded("UTF-8''%F4%8F%BF%BF", "\xF4\x8F\xBF\xBF", 4);
  expect_decoded("utf-8'en'%F0%9F%98%80!", "\xF0\x9F\x98\x80!", 5);
}

/* A reference validator written the other way round: decode the code point,
 * then reject by range. Returns n, or the offset where it stops being valid. */
static size_t ref_utf8(const uchar *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned cp, need, k;
    uchar b = s[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b < 0xC2 || b > 0xF4) return i; /* can never start a valid sequence */
    need = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
    cp = b & (0x3Fu >> need);
    for (k = 1; k <= need; k++) {
      unsigned lo, hi, min = need == 1 ? 0x80u : need == 2 ? 0x800u : 0x10000u;
      if (i + k >= n) return i; /* cut short: its first byte */
      if ((s[i + k] & 0xC0) != 0x80) return i + k;
      cp = cp << 6 | (s[i + k] & 0x3Fu);
      /* the smallest and largest code points this prefix can still reach */
      lo = cp << 6 * (need - k);
      hi = lo | ((1u << 6 * (need - k)) - 1);
      if (hi < min || lo > 0x10FFFF || (lo >= 0xD800 && hi <= 0xDFFF)) return i + k;
    }
    i += need + 1;
  }
  return n;
}

static void utf8_check_against_reference(void **state) {
  uchar buf[6];
  uint32_t st = 12345;
  unsigned a, b, k;
  (void)state;
  for (a = 0; a < 256; a++) {
    for (b = 0; b < 256; b++) {
      uchar *h;
      buf[0] = (uchar)a;
      buf[1] = (uchar)b;
      h = (uchar *)heap_copy((char *)buf, 2);
      if (linkhdr__utf8_check(h, 2) != ref_utf8(h, 2))
        fail_msg("%02X %02X: %zu vs %zu", a, b, linkhdr__utf8_check(h, 2), ref_utf8(h, 2));
      free(h);
    }
  }
  /* 3- and 4-byte sequences from lead bytes E0-F7 with interesting tails */
  for (k = 0; k < 200000; k++) {
    static const uchar pick[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                                 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
    size_t n = 1 + next_rand(&st) % 6, i;
    uchar *h;
    buf[0] = (uchar)(0xE0 + next_rand(&st) % 24);
    for (i = 1; i < n; i++) buf[i] = pick[next_rand(&st) % sizeof pick];
    h = (uchar *)heap_copy((char *)buf, n);
    if (linkhdr__utf8_check(h, n) != ref_utf8(h, n))
      fail_msg("seq %zu bytes from %02X: %zu vs %zu", n, buf[0], linkhdr__utf8_check(h, n),
               ref_utf8(h, n));
    free(h);
  }
}

static void utf8_check_direct(void **state) {
  static const struct {
    const char *s;
    size_t n, want;
  } cases[] = {
      {"", 0, 0},
      {"abc", 3, 3},
      {"a\xC3\xA9z", 4, 4},
      {"\xF4\x8F\xBF\xBF", 4, 4},
      {"ab\xC3", 3, 2},             /* cut short: its first byte */
      {"ab\xF0\x9F\x98", 5, 2},
      {"a\x80", 2, 1},              /* stray continuation */
      {"\xC0\x80", 2, 0},           /* overlong lead */
      {"\xE0\x80\x80", 3, 1},       /* overlong: at the continuation */
      {"\xED\xA0\x80", 3, 1},       /* surrogate */
      {"\xF4\x90\x80\x80", 4, 1},   /* above U+10FFFF */
      {"x\xE2\x82(", 4, 3},         /* cut short by ASCII */
      {"\xFF", 1, 0},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    uchar *h = (uchar *)heap_copy(cases[i].s, cases[i].n);
    size_t got = linkhdr__utf8_check(h, cases[i].n);
    if (got != cases[i].want) fail_msg("case %zu: want %zu got %zu", i, cases[i].want, got);
    free(h);
  }
}

/* The same validity through ext_check: every 2-byte sequence as %XX%YY. */
static void ext_utf8_matches_utf8_check(void **state) {
  unsigned a, b;
  (void)state;
  for (a = 0x80; a < 256; a++) {
    for (b = 0; b < 256; b++) {
      char s[32];
      uchar raw[2];
      size_t off, bad;
      int rc;
      raw[0] = (uchar)a;
      raw[1] = (uchar)b;
      snprintf(s, sizeof s, "UTF-8''%%%02X%%%02X", a, b);
      rc = ext_check_n(s, 13, &off);
      bad = linkhdr__utf8_check(raw, 2);
      if (bad == 2) {
        assert_int_equal(rc, LINKHDR_OK);
      } else {
        /* the check reports a cut-short sequence at the end, not at its start */
        size_t want = (bad == 0 && (a >= 0xC2 && a <= 0xF4) && b >= 0x80 && b <= 0xBF) ? 13
                      : 7 + 3 * bad;
        assert_int_equal(rc, LINKHDR_E_EXT_UTF8);
        if (off != want) fail_msg("%s: offset %zu, want %zu", s, off, want);
      }
    }
  }
}

/* ======================================================================
 * linkhdr_ext_decode: buffers, in place, arguments
 * ====================================================================== */

static void ext_decode_in_place(void **state) {
  static const struct {
    const char *s, *want;
  } cases[] = {
      {"UTF-8''%E2%82%AC%20rates", "\xE2\x82\xAC rates"},
      {"ISO-8859-1''%FF%FF%FF%FF", "\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF"},
      {"ISO-8859-1''%E9", "\xC3\xA9"},
      {"UTF-8'en'abc", "abc"},
      {"utf-8''a%C3%A9b", "a\xC3\xA9" "b"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t n = strlen(cases[i].s), outlen = 0, wl = strlen(cases[i].want);
    char *buf = heap_str(cases[i].s);
    assert_int_equal(linkhdr_ext_decode(buf, n, buf, n, &outlen, NULL, NULL), LINKHDR_OK);
    assert_int_equal(outlen, wl);
    assert_memory_equal(buf, cases[i].want, wl);
    free(buf);
  }
}

static void ext_decode_exact_buffer_and_nospace(void **state) {
  const char *s = "ISO-8859-1'fr'%E9t%E9";
  size_t n = strlen(s), outlen = 4242, cap;
  char *in = heap_str(s), out[32];
  linkhdr_error e;
  (void)state;
  for (cap = 0; cap < 5; cap++) {
    memset(out, SENTINEL, sizeof out);
    assert_int_equal(linkhdr_ext_decode(in, n, out, cap, &outlen, NULL, &e), LINKHDR_E_NOSPACE);
    assert_int_equal(e.code, LINKHDR_E_NOSPACE);
    assert_true(all_sentinel(out, sizeof out));
    assert_int_equal(outlen, 4242);
  }
  {
    char *exact = malloc(5);
    assert_int_equal(linkhdr_ext_decode(in, n, exact, 5, &outlen, NULL, &e), LINKHDR_OK);
    assert_int_equal(e.code, LINKHDR_OK);
    assert_int_equal(outlen, 5);
    assert_memory_equal(exact, "\xC3\xA9t\xC3\xA9", 5);
    free(exact);
  }
  free(in);
}

static void ext_decode_empty_value_needs_no_space(void **state) {
  char *in = heap_str("UTF-8'en'"), out[1] = {SENTINEL};
  size_t outlen = 5;
  (void)state;
  assert_int_equal(linkhdr_ext_decode(in, 9, out, 0, &outlen, NULL, NULL), LINKHDR_OK);
  assert_int_equal(outlen, 0);
  assert_int_equal((uchar)out[0], SENTINEL);
  free(in);
}

static void ext_decode_bad_arguments(void **state) {
  char out[8], *in = heap_str("UTF-8''a");
  size_t outlen;
  linkhdr_error e = {0, 9, 9, 9};
  (void)state;
  assert_int_equal(linkhdr_ext_decode(NULL, 8, out, 8, &outlen, NULL, &e), LINKHDR_E_ARG);
  assert_int_equal(e.code, LINKHDR_E_ARG);
  assert_int_equal(linkhdr_ext_decode(in, 8, NULL, 8, &outlen, NULL, NULL), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_ext_decode(in, 8, out, 8, NULL, NULL, NULL), LINKHDR_E_ARG);
  /* NULL src with len 0 is an empty (invalid) ext-value, not a NULL pointer */
  assert_int_equal(linkhdr_ext_decode(NULL, 0, out, 8, &outlen, NULL, &e), LINKHDR_E_EXT_SYNTAX);
  /* a NULL buffer of size 0 only fits an empty result */
  assert_int_equal(linkhdr_ext_decode(in, 8, NULL, 0, &outlen, NULL, &e), LINKHDR_E_NOSPACE);
  assert_int_equal(linkhdr_ext_decode(in, 7, NULL, 0, &outlen, NULL, &e), LINKHDR_OK);
  assert_int_equal(outlen, 0);
  free(in);
}

static void ext_decode_error_struct(void **state) {
  char *in = heap_str("UTF-8''ok%E2%28%A1"), out[32];
  size_t outlen;
  linkhdr_error e = {7, 7, 7, 7};
  linkhdr_ext_info info = {77, {NULL, 77}};
  (void)state;
  assert_int_equal(linkhdr_ext_decode(in, 18, out, sizeof out, &outlen, &info, &e),
                   LINKHDR_E_EXT_UTF8);
  assert_int_equal(e.code, LINKHDR_E_EXT_UTF8);
  assert_int_equal(e.offset, 12);
  assert_int_equal(e.item, 0);
  assert_int_equal(info.charset, 77); /* untouched on error */
  free(in);
  in = heap_str("UTF-8''ok");
  assert_int_equal(linkhdr_ext_decode(in, 9, out, sizeof out, &outlen, &info, &e), LINKHDR_OK);
  assert_int_equal(e.code, LINKHDR_OK);
  assert_int_equal(e.offset, 0);
  free(in);
}

/* Output never exceeds the input, on any valid input. */
static void ext_decode_never_grows(void **state) {
  static const char *const units[] = {"a", "%41", "%C3%A9", "%E2%82%AC", "%F0%9F%98%80",
                                      "%FF", "%80", "~", "%e9"};
  uint32_t st = 99;
  int k;
  (void)state;
  for (k = 0; k < 3000; k++) {
    char s[256];
    size_t n = (size_t)sprintf(s, "%s", (k & 1) ? "ISO-8859-1''" : "UTF-8'en'");
    int parts = (int)(next_rand(&st) % 12), i;
    char *in, *out;
    size_t outlen = 0;
    int rc;
    for (i = 0; i < parts; i++) n += (size_t)sprintf(s + n, "%s", units[next_rand(&st) % 9]);
    in = heap_copy(s, n);
    out = malloc(n);
    rc = linkhdr_ext_decode(in, n, out, n, &outlen, NULL, NULL);
    if (k & 1) assert_int_equal(rc, LINKHDR_OK); /* ISO-8859-1: always valid */
    if (rc == LINKHDR_OK) {
      assert_true(outlen <= n);
      assert_int_equal(linkhdr__utf8_check((uchar *)out, outlen), outlen);
    } else {
      assert_int_equal(rc, LINKHDR_E_EXT_UTF8);
    }
    free(out);
    free(in);
  }
}

/* ======================================================================
 * linkhdr__ext_check on text with quoted-pairs (escaped != 0)
 * ====================================================================== */

static int check_escaped(const char *s, size_t n, size_t *off) {
  char *in = heap_copy(s, n);
  int rc = linkhdr__ext_check((const uchar *)in, n, 1, NULL, off);
  free(in);
  return rc;
}

static void ext_escaped_cases(void **state) {
  size_t off;
  (void)state;
  assert_int_equal(check_escaped("UTF-8\\'\\'a", 10, &off), LINKHDR_OK);
  assert_int_equal(check_escaped("\\U\\T\\F\\-\\8''\\%\\4\\1", 18, &off), LINKHDR_OK);
  assert_int_equal(check_escaped("UTF-8''a\\", 9, &off), LINKHDR_OK); /* lone '\' dropped */
  assert_int_equal(check_escaped("UTF-8''%4\\", 10, &off), LINKHDR_E_EXT_SYNTAX);
  assert_int_equal(off, 10); /* the end, raw */
  assert_int_equal(check_escaped("UTF-8''\\\\", 9, &off), LINKHDR_E_EXT_SYNTAX);
  assert_int_equal(off, 7); /* an escaped byte is reported at its '\' */
  assert_int_equal(check_escaped("UTF-8'\\e\\n'\\%C3", 15, &off), LINKHDR_E_EXT_UTF8);
  assert_int_equal(off, 15);
  assert_int_equal(check_escaped("UTF-8'\\e'x", 10, &off), LINKHDR_E_EXT_LANGUAGE);
  assert_int_equal(off, 6);
  assert_int_equal(check_escaped("UTF-9''x", 8, &off), LINKHDR_E_EXT_CHARSET);
  assert_int_equal(off, 0);
  /* without escapes it is ext_check */
  assert_int_equal(check_escaped("UTF-8''%E2%82%AC", 16, &off), LINKHDR_OK);
}

/* Raw offset of each unescaped byte (an escaped one: its '\'); map[len] = n. */
static size_t unescape_map(const char *s, size_t n, char *out, size_t *map) {
  size_t i, k = 0;
  for (i = 0; i < n; i++) {
    size_t at = i;
    if (s[i] == '\\' && ++i == n) break;
    map[k] = at;
    out[k++] = s[i];
  }
  map[k] = n;
  return k;
}

static void ext_escaped_agrees_with_unescape_then_check(void **state) {
  static const char alphabet[] = "\\\\\\'''%%%UTF-8ISO-8859-1xXenEC2AF09a \"";
  static const char *const seeds[] = {"UTF-8''", "ISO-8859-1''", "UTF-8'en'", "utf-8'de-CH'",
                                      "UTF-8'x-a'", "\\U\\TF-8\\'\\'", "UTF-8\\'en\\'",
                                      "UTF-8'e'", "UTF-8'\\e\\n-'", "iso-8859-1'en_US'",
                                      "UTF-8'\\x'", "UTF-8'en\\-\\US'"};
  uint32_t st = 7;
  int k, seen[5] = {0, 0, 0, 0, 0};
  (void)state;
  for (k = 0; k < 40000; k++) {
    char s[256], u[256], *lib_u;
    size_t map[257], n = 0, ulen, off_raw = 0, off_u = 0, lib_ulen;
    int rc_raw, rc_u, i, len = (int)(next_rand(&st) % 14);
    if (next_rand(&st) % 4 != 0)
      n = (size_t)sprintf(s, "%s", seeds[next_rand(&st) % (sizeof seeds / sizeof seeds[0])]);
    for (i = 0; i < len; i++) {
      uint32_t r = next_rand(&st) % 8;
      if (r == 0) { /* a valid-looking unit, maybe escaped */
        static const char *const units[] = {"%C3%A9", "%E2\\%82%AC", "\\%41", "%F4%90%80%80",
                                            "%ED%A0%80", "%C3"};
        n += (size_t)sprintf(s + n, "%s", units[next_rand(&st) % 6]);
      } else {
        s[n++] = alphabet[next_rand(&st) % (sizeof alphabet - 1)];
      }
    }
    ulen = unescape_map(s, n, u, map);
    /* our map agrees with the library's unescape */
    lib_u = malloc(n ? n : 1);
    assert_int_equal(linkhdr_unescape(s, n, lib_u, n, &lib_ulen), LINKHDR_OK);
    assert_int_equal(lib_ulen, ulen);
    if (ulen) assert_memory_equal(lib_u, u, ulen);
    free(lib_u);

    rc_raw = check_escaped(s, n, &off_raw);
    rc_u = ext_check_n(u, ulen, &off_u);
    if (rc_raw != rc_u || (rc_u && off_raw != map[off_u]))
      fail_msg("[%.*s]: escaped %s@%zu, unescaped %s@%zu (raw %zu)", (int)n, s,
               linkhdr_code_name(rc_raw), off_raw, linkhdr_code_name(rc_u), off_u, map[off_u]);
    seen[rc_u == 0 ? 0 : -rc_u - 13]++;
  }
  /* the generator reached every outcome */
  for (k = 0; k < 5; k++)
    if (seen[k] == 0) fail_msg("outcome %d never generated", k);
}

/* ======================================================================
 * linkhdr_param_value on hand-made params
 * ====================================================================== */

static linkhdr_param make_param(const char *value, int type, unsigned flags, int ext_error) {
  linkhdr_param p;
  memset(&p, 0, sizeof p);
  p.name.base = "n";
  p.name.len = 1;
  p.value.base = heap_str(value);
  p.value.len = strlen(value);
  p.type = type;
  p.flags = flags;
  p.ext_error = ext_error;
  return p;
}

/* param_value with cap = value.len (always enough), then the exact size,
 * then one less (NOSPACE, untouched). */
static void expect_param(const char *value, int type, unsigned flags, int ext_error,
                         const char *want, size_t want_len) {
  linkhdr_param p = make_param(value, type, flags, ext_error);
  size_t outlen = 31337;
  char *out = malloc(p.value.len ? p.value.len : 1), buf[128];
  int rc = linkhdr_param_value(&p, out, p.value.len, &outlen);
  if (rc != LINKHDR_OK || outlen != want_len || memcmp(out, want, want_len) != 0)
    fail_msg("[%s] type %d flags %u ext_error %d: rc %d, [%.*s]", value, type, flags, ext_error,
             rc, rc ? 0 : (int)outlen, out);
  free(out);
  out = malloc(want_len ? want_len : 1);
  assert_int_equal(linkhdr_param_value(&p, out, want_len, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, want_len);
  assert_memory_equal(out, want, want_len);
  free(out);
  if (want_len) {
    outlen = 31337;
    memset(buf, SENTINEL, sizeof buf);
    assert_int_equal(linkhdr_param_value(&p, buf, want_len - 1, &outlen), LINKHDR_E_NOSPACE);
    assert_true(all_sentinel(buf, sizeof buf));
    assert_int_equal(outlen, 31337);
  }
  free((char *)p.value.base);
}

#define EXT LINKHDR_PARAM_EXT
#define ESC LINKHDR_PARAM_ESCAPED
#define UNT LINKHDR_PARAM_UNTERMINATED
#define TOKEN LINKHDR_VALUE_TOKEN
#define QUOTED LINKHDR_VALUE_QUOTED

static void param_value_none(void **state) {
  unsigned flags;
  (void)state;
  for (flags = 0; flags < 8; flags++) {
    linkhdr_param p = make_param("", LINKHDR_VALUE_NONE, flags, 0);
    char out[1] = {SENTINEL};
    size_t outlen = 3;
    assert_int_equal(linkhdr_param_value(&p, out, 0, &outlen), LINKHDR_OK);
    assert_int_equal(outlen, 0);
    assert_int_equal((uchar)out[0], SENTINEL);
    free((char *)p.value.base);
  }
}

static void param_value_token(void **state) {
  (void)state;
  expect_param("preload", TOKEN, 0, 0, "preload", 7);
  expect_param("a\\b", TOKEN, ESC, 0, "a\\b", 3); /* no escapes in a token */
  expect_param("x", TOKEN, UNT, 0, "x", 1);
  expect_param("", TOKEN, 0, 0, "", 0);
}

static void param_value_token_ext(void **state) {
  (void)state;
  expect_param("UTF-8'de'%E2%82%AC", TOKEN, EXT, 0, "\xE2\x82\xAC", 3);
  expect_param("iso-8859-1'en'%A3%20rates", TOKEN, EXT, 0, "\xC2\xA3 rates", 8);
  expect_param("UTF-8''", TOKEN, EXT, 0, "", 0);
  expect_param("UTF-8''a\\%41", TOKEN, EXT | ESC, 0, "UTF-8''a\\%41", 12); /* not decodable */
  /* reported undecodable: the raw value */
  expect_param("UTF-8''%C0%80", TOKEN, EXT, LINKHDR_E_EXT_UTF8, "UTF-8''%C0%80", 13);
  /* ext_error set although it would decode: the flag wins */
  expect_param("UTF-8''%41", TOKEN, EXT, LINKHDR_E_EXT_SYNTAX, "UTF-8''%41", 10);
}

/* A caller-made param that claims ext_error 0 but does not decode: raw. */
static void param_value_token_ext_invalid_falls_back(void **state) {
  (void)state;
  expect_param("UTF-16''%41", TOKEN, EXT, 0, "UTF-16''%41", 11);
  expect_param("UTF-8'e'x", TOKEN, EXT, 0, "UTF-8'e'x", 9);
  expect_param("UTF-8''%ED%A0%80", TOKEN, EXT, 0, "UTF-8''%ED%A0%80", 16);
  expect_param("nonsense", TOKEN, EXT, 0, "nonsense", 8);
}

static void param_value_quoted(void **state) {
  (void)state;
  expect_param("hello, world", QUOTED, 0, 0, "hello, world", 12);
  expect_param("a\\\"b", QUOTED, 0, 0, "a\\\"b", 4); /* the flag says no escapes */
  expect_param("a\\\"b\\\\c", QUOTED, ESC, 0, "a\"b\\c", 5);
  expect_param("trail\\", QUOTED, ESC | UNT, 0, "trail", 5);
  expect_param("open", QUOTED, UNT, 0, "open", 4);
  expect_param("", QUOTED, 0, 0, "", 0);
}

static void param_value_quoted_ext(void **state) {
  (void)state;
  expect_param("UTF-8''%E2%82%AC", QUOTED, EXT, 0, "\xE2\x82\xAC", 3);
  expect_param("UTF-8\\'\\'%E2%82%AC", QUOTED, EXT | ESC, 0, "\xE2\x82\xAC", 3);
  expect_param("\\U\\T\\F-8'en'\\%C3\\%A9x", QUOTED, EXT | ESC, 0, "\xC3\xA9x", 3);
  expect_param("ISO-8859-1''%E9\\", QUOTED, EXT | ESC | UNT, 0, "\xC3\xA9", 2);
  /* undecodable, reported: the unescaped raw value */
  expect_param("UTF-8''a b", QUOTED, EXT, LINKHDR_E_EXT_SYNTAX, "UTF-8''a b", 10);
  expect_param("UTF-8\\'\\'a b", QUOTED, EXT | ESC, LINKHDR_E_EXT_SYNTAX, "UTF-8''a b", 10);
  expect_param("UTF-8\\'\\'a b", QUOTED, EXT | ESC, 0, "UTF-8''a b", 10);
  /* escapes without the flag are kept, so this is not an ext-value */
  expect_param("UTF-8\\'\\'x", QUOTED, EXT, 0, "UTF-8\\'\\'x", 10);
}

/* Every type/flag/ext_error combination: never more than value.len bytes,
 * and what comes out is the unescaped value or its decoding. */
static void param_value_every_combination(void **state) {
  static const char *const values[] = {"UTF-8''%C3%A9", "UTF-8\\'\\'%C3%A9", "a\\\\b",
                                       "ISO-8859-1''%E9%E9", "x", "", "UTF-8''%C0"};
  int type;
  unsigned flags;
  size_t v;
  (void)state;
  for (v = 0; v < sizeof values / sizeof values[0]; v++)
    for (type = 0; type <= 2; type++)
      for (flags = 0; flags < 8; flags++) {
        int ee;
        for (ee = 0; ee >= -1; ee--) {
          linkhdr_param p =
              make_param(values[v], type, flags, ee ? LINKHDR_E_EXT_SYNTAX : 0);
          size_t n = p.value.len, outlen = 0;
          char *out = malloc(n + 1);
          memset(out, SENTINEL, n + 1);
          assert_int_equal(linkhdr_param_value(&p, out, n, &outlen), LINKHDR_OK);
          assert_true(outlen <= n);
          assert_int_equal((uchar)out[n], SENTINEL);
          if (type == LINKHDR_VALUE_NONE) assert_int_equal(outlen, 0);
          free(out);
          free((char *)p.value.base);
        }
      }
}

static void param_value_in_place(void **state) {
  linkhdr_param p = make_param("UTF-8\\'\\'%E2%82%AC!", QUOTED, EXT | ESC, 0);
  size_t outlen = 0;
  char *buf = (char *)p.value.base;
  (void)state;
  assert_int_equal(linkhdr_param_value(&p, buf, p.value.len, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 4);
  assert_memory_equal(buf, "\xE2\x82\xAC!", 4);
  free(buf);
  p = make_param("a\\\"b", QUOTED, ESC, 0);
  buf = (char *)p.value.base;
  assert_int_equal(linkhdr_param_value(&p, buf, p.value.len, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 3);
  assert_memory_equal(buf, "a\"b", 3);
  free(buf);
}

static void param_value_bad_arguments(void **state) {
  linkhdr_param p = make_param("abc", TOKEN, 0, 0);
  char out[8];
  size_t outlen;
  (void)state;
  assert_int_equal(linkhdr_param_value(NULL, out, 8, &outlen), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_param_value(&p, NULL, 8, &outlen), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_param_value(&p, out, 8, NULL), LINKHDR_E_ARG);
  p.type = 3;
  assert_int_equal(linkhdr_param_value(&p, out, 8, &outlen), LINKHDR_E_ARG);
  p.type = -1;
  assert_int_equal(linkhdr_param_value(&p, out, 8, &outlen), LINKHDR_E_ARG);
  free((char *)p.value.base);
  p.type = TOKEN;
  p.value.base = NULL;
  assert_int_equal(linkhdr_param_value(&p, out, 8, &outlen), LINKHDR_E_ARG);
  p.value.len = 0;
  assert_int_equal(linkhdr_param_value(&p, out, 8, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 0);
  assert_int_equal(linkhdr_param_value(&p, NULL, 0, &outlen), LINKHDR_OK);
  p = make_param("x", TOKEN, 0, 0);
  assert_int_equal(linkhdr_param_value(&p, NULL, 0, &outlen), LINKHDR_E_NOSPACE);
  free((char *)p.value.base);
}

/* ======================================================================
 * Through the parser
 * ====================================================================== */

static void first_param(const char *s, unsigned flags, linkhdr_param *prm, char **keep) {
  linkhdr_parser p;
  linkhdr_link l;
  *keep = heap_str(s);
  linkhdr_parser_init(&p, *keep, strlen(s), flags);
  assert_int_equal(linkhdr_next_link(&p, &l), LINKHDR_OK);
  assert_int_equal(linkhdr_next_param(&p, prm), LINKHDR_OK);
}

static void parsed_values_decode(void **state) {
  linkhdr_param prm;
  char *in, out[64];
  size_t outlen;
  (void)state;
  first_param("</a>; title*=UTF-8'de'n%C3%A4chstes%20Kapitel", LINKHDR_STRICT, &prm, &in);
  assert_int_equal(linkhdr_param_value(&prm, out, sizeof out, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 17);
  assert_memory_equal(out, "n\xC3\xA4" "chstes Kapitel", 17);
  free(in);
  first_param("</a>; title=\"say \\\"hi\\\"\"", LINKHDR_STRICT, &prm, &in);
  assert_int_equal(linkhdr_param_value(&prm, out, sizeof out, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 8);
  assert_memory_equal(out, "say \"hi\"", 8);
  free(in);
  /* a quoted ext-value is kept raw (unescaped) and reported (spec-notes §5) */
  first_param("</a>; title*=\"UTF-8\\'\\'%E2%82%AC\"", LINKHDR_LENIENT, &prm, &in);
  assert_int_equal(prm.ext_error, LINKHDR_E_EXT_SYNTAX);
  assert_int_equal(linkhdr_param_value(&prm, out, sizeof out, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 16);
  assert_memory_equal(out, "UTF-8''%E2%82%AC", 16);
  free(in);
  first_param("</a>; title*=UTF-8''%C0%80", LINKHDR_LENIENT, &prm, &in);
  assert_int_equal(prm.ext_error, LINKHDR_E_EXT_UTF8);
  assert_int_equal(linkhdr_param_value(&prm, out, sizeof out, &outlen), LINKHDR_OK);
  assert_int_equal(outlen, 13);
  assert_memory_equal(out, "UTF-8''%C0%80", 13);
  free(in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(unescape_plain_text_is_copied),
      cmocka_unit_test(unescape_quote_and_backslash),
      cmocka_unit_test(unescape_every_escape_form),
      cmocka_unit_test(unescape_escaped_letters_are_letters),
      cmocka_unit_test(unescape_trailing_backslash_is_dropped),
      cmocka_unit_test(unescape_empty),
      cmocka_unit_test(unescape_exact_buffer),
      cmocka_unit_test(unescape_nospace_leaves_buffer_untouched),
      cmocka_unit_test(unescape_in_place),
      cmocka_unit_test(unescape_bad_arguments),
      cmocka_unit_test(ext_utf8_decodes),
      cmocka_unit_test(ext_iso_8859_1_decodes_to_utf8),
      cmocka_unit_test(ext_iso_8859_1_every_byte),
      cmocka_unit_test(ext_charset_is_case_insensitive),
      cmocka_unit_test(ext_unknown_charset),
      cmocka_unit_test(ext_structure_errors),
      cmocka_unit_test(ext_bad_value_chars),
      cmocka_unit_test(ext_bad_percent),
      cmocka_unit_test(language_well_formed),
      cmocka_unit_test(language_ill_formed),
      cmocka_unit_test(language_grandfathered_list),
      cmocka_unit_test(language_info_is_a_view_into_src),
      cmocka_unit_test(language_versus_structure),
      cmocka_unit_test(utf8_overlong),
      cmocka_unit_test(utf8_surrogates),
      cmocka_unit_test(utf8_truncated),
      cmocka_unit_test(utf8_above_u10ffff),
      cmocka_unit_test(utf8_stray_continuation),
      cmocka_unit_test(utf8_boundaries_are_valid),
      cmocka_unit_test(utf8_check_against_reference),
      cmocka_unit_test(utf8_check_direct),
      cmocka_unit_test(ext_utf8_matches_utf8_check),
      cmocka_unit_test(ext_decode_in_place),
      cmocka_unit_test(ext_decode_exact_buffer_and_nospace),
      cmocka_unit_test(ext_decode_empty_value_needs_no_space),
      cmocka_unit_test(ext_decode_bad_arguments),
      cmocka_unit_test(ext_decode_error_struct),
      cmocka_unit_test(ext_decode_never_grows),
      cmocka_unit_test(ext_escaped_cases),
      cmocka_unit_test(ext_escaped_agrees_with_unescape_then_check),
      cmocka_unit_test(param_value_none),
      cmocka_unit_test(param_value_token),
      cmocka_unit_test(param_value_token_ext),
      cmocka_unit_test(param_value_token_ext_invalid_falls_back),
      cmocka_unit_test(param_value_quoted),
      cmocka_unit_test(param_value_quoted_ext),
      cmocka_unit_test(param_value_every_combination),
      cmocka_unit_test(param_value_in_place),
      cmocka_unit_test(param_value_bad_arguments),
      cmocka_unit_test(parsed_values_decode),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
