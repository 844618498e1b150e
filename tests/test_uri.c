/* RFC 3986 reference resolution (linkhdr_resolve) and the same-origin test
 * (linkhdr_same_origin). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linkhdr.h"
#include "preload_internal.h"
#include "testutil.h"

/* Resolve ref against base, both exact-size heap copies; returns the status
 * and the result in out (NUL-terminated). */
static int resolve(const char *base, const char *ref, char *out, size_t cap, size_t *len,
                   linkhdr_error *err) {
  char *b = heap_str(base), *r = heap_str(ref);
  int rc = linkhdr_resolve(b, strlen(base), r, strlen(ref), out, cap, len, err);
  free(b);
  free(r);
  return rc;
}

/* Resolve into a buffer of exactly the size the result needs. */
static void check(const char *base, const char *ref, const char *want) {
  char *out;
  size_t len = 0;
  linkhdr_error err;
  int rc = resolve(base, ref, NULL, 0, &len, &err);
  if (rc != LINKHDR_E_NOSPACE) fail_msg("resolve(%s, %s): %s", base, ref, linkhdr_code_name(rc));
  out = malloc(len + 1);
  rc = resolve(base, ref, out, len + 1, &len, &err);
  if (rc != LINKHDR_OK) fail_msg("resolve(%s, %s): %s", base, ref, linkhdr_code_name(rc));
  if (len != strlen(out) || strcmp(out, want) != 0)
    fail_msg("resolve(%s, %s) = [%s], want [%s]", base, ref, out, want);
  assert_int_equal(err.needed, len);
  free(out);
}

/* RFC 3986 §5.4.1 */
static void rfc3986_normal(void **state) {
  static const char *const cases[][2] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check("http://a/b/c/d;p?q", cases[i][0], cases[i][1]);
}

/* RFC 3986 §5.4.2 */
static void rfc3986_abnormal(void **state) {
  static const char *const cases[][2] = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"}, /* strict: a scheme makes it absolute */
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check("http://a/b/c/d;p?q", cases[i][0], cases[i][1]);
}

/* Bases without a path, without an authority, with a fragment; the push
 * use case (a page and its assets). */
static void other_bases(void **state) {
  (void)state;
  check("https://example.com", "css/a.css", "https://example.com/css/a.css");
  check("https://example.com", "", "https://example.com");
  check("https://example.com", "?q", "https://example.com?q");
  check("https://example.com/a/b.html#top", "", "https://example.com/a/b.html");
  check("https://example.com/a/b.html#top", "#x", "https://example.com/a/b.html#x");
  check("https://example.com/a/b.html", "../../../x/../y.js", "https://example.com/y.js");
  check("https://example.com/a/b/", "./c/./d/../e", "https://example.com/a/b/c/e");
  check("https://example.com/a/", "//cdn.example.com/f.woff2", "https://cdn.example.com/f.woff2");
  check("https://example.com/a/", "HTTP://Other.Example:80/./x", "HTTP://Other.Example:80/x");
  /* no authority: the merge keeps a rootless path rootless */
  check("urn:a:b", "c", "urn:c");
  check("mailto:x@y", "z", "mailto:z");
  check("s:a/b", "../../../c", "s:/c"); /* "a" is removed, "/c" keeps its '/' */
  check("s:a/b/c", "../d", "s:a/d");
  check("s:a/b", "..", "s:/");
  check("s:", "./x/..", "s:/");
  check("s:/a", "", "s:/a");
  /* the base path is used as it is when the reference has none */
  check("http://a/b/../c?q", "", "http://a/b/../c?q");
  check("http://a/b/../c?q", "?r", "http://a/b/../c?r");
}

/* RFC 3986 §5.2.4, literally: the input and output buffers and rules A-E. */
static void remove_dots_reference(const char *in, char *out) {
  char buf[64];
  size_t w = 0;
  strcpy(buf, in);
  while (buf[0]) {
    char *s = buf;
    if (!strncmp(s, "../", 3)) memmove(s, s + 3, strlen(s + 3) + 1);
    else if (!strncmp(s, "./", 2)) memmove(s, s + 2, strlen(s + 2) + 1);
    else if (!strncmp(s, "/./", 3)) memmove(s, s + 2, strlen(s + 2) + 1);
    else if (!strcmp(s, "/.")) strcpy(s, "/");
    else if (!strncmp(s, "/../", 4) || !strcmp(s, "/..")) {
      if (s[3]) memmove(s, s + 3, strlen(s + 3) + 1);
      else strcpy(s, "/");
      while (w > 0 && out[w - 1] != '/') w--;
      if (w > 0) w--;
    } else if (!strcmp(s, ".") || !strcmp(s, "..")) {
      s[0] = '\0';
    } else {
      size_t n = (s[0] == '/') ? 1 : 0;
      while (s[n] && s[n] != '/') n++;
      memcpy(out + w, s, n);
      w += n;
      memmove(s, s + n, strlen(s + n) + 1);
    }
  }
  out[w] = '\0';
}

/* Every path over {a . /} up to 8 bytes, split at every point into the two
 * pieces of a merge: the counting pass, the writing pass and the RFC's
 * algorithm agree. */
static void remove_dots_exhaustive(void **state) {
  static const char alpha[3] = {'a', '.', '/'};
  char path[16], want[64], got[64];
  size_t n, split, count = 0;
  unsigned long code, total;
  (void)state;
  for (n = 0; n <= 8; n++) {
    for (total = 1, code = 0; code < n; code++) total *= 3;
    for (code = 0; code < total; code++) {
      unsigned long c = code;
      size_t i;
      for (i = 0; i < n; i++, c /= 3) path[i] = alpha[c % 3];
      path[n] = '\0';
      remove_dots_reference(path, want);
      for (split = 0; split <= n; split++) {
        linkhdr__target t;
        size_t len, wrote;
        char *copy = heap_copy(path, n), *out;
        memset(&t, 0, sizeof t);
        t.p1.base = copy;
        t.p1.len = split;
        t.p2.base = copy + split;
        t.p2.len = n - split;
        t.dots = 1;
        len = linkhdr__path_len(&t);
        /* exactly len bytes: no byte may be written beyond the result, not
         * even for a moment */
        out = malloc(len ? len : 1);
        wrote = linkhdr__path_write(&t, out);
        memcpy(got, out, wrote);
        got[wrote] = '\0';
        if (len != wrote || strcmp(got, want) != 0)
          fail_msg("[%s] split %zu: len %zu, wrote [%s], want [%s]", path, split, len, got, want);
        free(out);
        /* and only its first two bytes, into two bytes */
        out = malloc(2);
        assert_int_equal(linkhdr__path_head(&t, out, 2), len);
        if (len > 0) assert_int_equal(out[0], want[0]);
        if (len > 1) assert_int_equal(out[1], want[1]);
        free(out);
        free(copy);
        count++;
      }
    }
  }
  assert_true(count > 50000);
}

/* The same through the public function, for references with a scheme (their
 * path is taken as it is, then cleaned). */
static void remove_dots_public(void **state) {
  static const char *const paths[] = {"/a/./b/../../c", "a/../../b", "./a/../b/.",
                                      "../a/./..", ".//a", "/..", "a/b/c/../../../..", "/a//../b"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
    char ref[80], want[80], cleaned[64];
    remove_dots_reference(paths[i], cleaned);
    snprintf(ref, sizeof ref, "s:%s", paths[i]);
    snprintf(want, sizeof want, "s:%s", cleaned);
    check("http://h/", ref, want);
  }
}

static void nospace_reports_needed(void **state) {
  char out[64];
  size_t len = 12345, i;
  linkhdr_error err;
  const char *want = "http://a/b/g?x#y";
  (void)state;
  /* a "how big?" call */
  assert_int_equal(resolve("http://a/b/c", "../b/./g?x#y", NULL, 0, &len, &err),
                   LINKHDR_E_NOSPACE);
  assert_int_equal(len, strlen(want));
  assert_int_equal(err.needed, strlen(want));
  /* too small by one (no room for the NUL): untouched */
  memset(out, 'Z', sizeof out);
  assert_int_equal(resolve("http://a/b/c", "../b/./g?x#y", out, strlen(want), &len, &err),
                   LINKHDR_E_NOSPACE);
  for (i = 0; i < sizeof out; i++) assert_int_equal(out[i], 'Z');
  /* exactly enough */
  assert_int_equal(resolve("http://a/b/c", "../b/./g?x#y", out, strlen(want) + 1, &len, &err),
                   LINKHDR_OK);
  assert_string_equal(out, want);
  assert_int_equal(out[strlen(want) + 1], 'Z');
}

static void invalid_inputs(void **state) {
  char out[64];
  size_t len = 7;
  linkhdr_error err;
  (void)state;
  /* the reference is item 0, the base item 1 */
  assert_int_equal(resolve("http://a/", "/a b", out, sizeof out, &len, &err),
                   LINKHDR_E_TARGET_CHAR);
  assert_int_equal(err.item, 0);
  assert_int_equal(err.offset, 2);
  assert_int_equal(resolve("http://a/%zz", "/x", out, sizeof out, &len, &err),
                   LINKHDR_E_TARGET_PCT);
  assert_int_equal(err.item, 1);
  assert_int_equal(err.offset, 10); /* "http://a/%" could still go on */
  assert_int_equal(resolve("http://a/\r\nX: y", "/x", out, sizeof out, &len, &err),
                   LINKHDR_E_CTL);
  assert_int_equal(err.item, 1);
  assert_int_equal(resolve("http://a/", "/x>", out, sizeof out, &len, &err),
                   LINKHDR_E_TARGET_CHAR);
  assert_int_equal(resolve("http://[::1/", "/x", out, sizeof out, &len, &err),
                   LINKHDR_E_TARGET_AUTHORITY);
  /* a base must have a scheme */
  assert_int_equal(resolve("/relative/base", "x", out, sizeof out, &len, &err), LINKHDR_E_ARG);
  assert_int_equal(err.item, 1);
  assert_int_equal(resolve("", "x", out, sizeof out, &len, &err), LINKHDR_E_ARG);
  assert_int_equal(len, 7); /* untouched on errors */
  /* NULL arguments */
  assert_int_equal(linkhdr_resolve("http://a/", 9, "x", 1, out, sizeof out, NULL, NULL),
                   LINKHDR_E_ARG);
  assert_int_equal(linkhdr_resolve(NULL, 3, "x", 1, out, sizeof out, &len, NULL), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_resolve("http://a/", 9, NULL, 1, out, sizeof out, &len, NULL),
                   LINKHDR_E_ARG);
  assert_int_equal(linkhdr_resolve("http://a/", 9, "x", 1, NULL, 4, &len, NULL), LINKHDR_E_ARG);
  /* NULL with length 0 is the empty reference */
  assert_int_equal(linkhdr_resolve("http://a/b", 10, NULL, 0, out, sizeof out, &len, NULL),
                   LINKHDR_OK);
  assert_string_equal(out, "http://a/b");
}

static int same(const char *a, const char *b) {
  char *x = heap_str(a), *y = heap_str(b);
  int r = linkhdr_same_origin(x, strlen(a), y, strlen(b));
  int r2 = linkhdr_same_origin(y, strlen(b), x, strlen(a));
  assert_int_equal(r, r2); /* symmetric */
  free(x);
  free(y);
  return r;
}

static void same_origin(void **state) {
  (void)state;
  assert_int_equal(same("https://example.com/a", "https://example.com/b?c#d"), 1);
  assert_int_equal(same("HTTPS://Example.COM/a", "https://example.com"), 1);
  assert_int_equal(same("https://example.com:443/", "https://example.com/"), 1);
  assert_int_equal(same("https://example.com:/", "https://example.com/"), 1);
  assert_int_equal(same("http://example.com:80/", "http://example.com/"), 1);
  assert_int_equal(same("http://example.com:0080/", "http://example.com/"), 1);
  assert_int_equal(same("https://user:pw@example.com/", "https://example.com/"), 1);
  assert_int_equal(same("http://[::1]:8080/", "http://[::1]:8080/x"), 1);
  assert_int_equal(same("http://[::1]/", "http://[::1]:80/"), 1);
  assert_int_equal(same("http://example.com:8080/", "http://example.com:8080/"), 1);
  assert_int_equal(same("foo://h:1/", "FOO://H:01/"), 1);
  /* different */
  assert_int_equal(same("http://example.com/", "https://example.com/"), 0);
  assert_int_equal(same("https://example.com:80/", "https://example.com/"), 0);
  assert_int_equal(same("http://example.com:443/", "https://example.com/"), 0);
  assert_int_equal(same("https://example.com/", "https://www.example.com/"), 0);
  assert_int_equal(same("https://example.com:8443/", "https://example.com/"), 0);
  assert_int_equal(same("http://[::1]/", "http://[::2]/"), 0);
  assert_int_equal(same("foo://h/", "foo://h:1/"), 0);
  /* not URIs with a scheme and a host */
  assert_int_equal(same("/a", "/a"), 0);
  assert_int_equal(same("//example.com/", "//example.com/"), 0);
  assert_int_equal(same("file:///a", "file:///a"), 0);
  assert_int_equal(same("mailto:a@b", "mailto:a@b"), 0);
  assert_int_equal(same("https://exa mple.com/", "https://exa mple.com/"), 0);
  assert_int_equal(same("", ""), 0);
  assert_int_equal(linkhdr_same_origin(NULL, 1, "http://a", 8), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_same_origin("http://a", 8, NULL, 1), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_same_origin(NULL, 0, NULL, 0), 0);
}

static void split_components(void **state) {
  linkhdr__uri u;
  char *s = heap_str("https://u@h:1/p/q?x=1#f");
  (void)state;
  linkhdr__uri_split(s, strlen("https://u@h:1/p/q?x=1#f"), &u);
  assert_true(u.has_scheme && u.has_authority && u.has_query && u.has_fragment);
  assert_true(u.scheme.len == 5 && memcmp(u.scheme.base, "https", 5) == 0);
  assert_true(u.authority.len == 5 && memcmp(u.authority.base, "u@h:1", 5) == 0);
  assert_true(u.path.len == 4 && memcmp(u.path.base, "/p/q", 4) == 0);
  assert_true(u.query.len == 3 && memcmp(u.query.base, "x=1", 3) == 0);
  assert_true(u.fragment.len == 1 && u.fragment.base[0] == 'f');
  free(s);
  s = heap_str("a/b:c");
  linkhdr__uri_split(s, 5, &u);
  assert_false(u.has_scheme); /* the ':' comes after a '/' */
  assert_int_equal(u.path.len, 5);
  free(s);
  linkhdr__uri_split(NULL, 0, &u);
  assert_false(u.has_scheme || u.has_authority || u.has_query || u.has_fragment);
  assert_int_equal(u.path.len, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rfc3986_normal),
      cmocka_unit_test(rfc3986_abnormal),
      cmocka_unit_test(other_bases),
      cmocka_unit_test(remove_dots_exhaustive),
      cmocka_unit_test(remove_dots_public),
      cmocka_unit_test(nospace_reports_needed),
      cmocka_unit_test(invalid_inputs),
      cmocka_unit_test(same_origin),
      cmocka_unit_test(split_components),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
