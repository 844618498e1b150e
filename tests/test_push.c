/* linkhdr_push_paths and linkhdr_push_link_value: what an HTTP/2 server
 * pushes, including the cases that hand-rolled push scanners get wrong. */
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

static linkhdr_push_path paths[32];
static size_t npaths;
static char pbuf[2048];
static size_t pbuf_len;

static int push_lines(const char *const *in, const char *base, unsigned flags) {
  linkhdr_view lines[8];
  char *bufs[8], *b = heap_str(base);
  size_t n = 0, i;
  int rc;
  memset(lines, 0, sizeof lines);
  for (; in[n]; n++) {
    bufs[n] = heap_str(in[n]);
    lines[n].base = bufs[n];
    lines[n].len = strlen(in[n]);
  }
  memset(pbuf, 'Z', sizeof pbuf);
  rc = linkhdr_push_paths(lines, n, b, strlen(base), flags, paths, 32, &npaths, pbuf, sizeof pbuf,
                          &pbuf_len);
  for (i = 0; i < n; i++) free(bufs[i]);
  free(b);
  return rc;
}

/* The paths as "path path ...", with "!" after a critical one and "*"
 * before a cross-origin one. */
static const char *paths_str(void) {
  static char out[2048];
  size_t i;
  out[0] = '\0';
  for (i = 0; i < npaths; i++) {
    if (i) strcat(out, " ");
    if (paths[i].cross_origin) strcat(out, "*");
    assert_int_equal(pbuf[paths[i].off + paths[i].len], '\0');
    assert_int_equal(strlen(pbuf + paths[i].off), paths[i].len);
    strcat(out, pbuf + paths[i].off);
    if (paths[i].critical) strcat(out, "!");
  }
  return out;
}

static void expect_flags(const char *in, const char *base, unsigned flags, const char *want) {
  const char *lines[2];
  lines[0] = in;
  lines[1] = NULL;
  assert_int_equal(push_lines(lines, base, flags), LINKHDR_OK);
  if (strcmp(paths_str(), want) != 0)
    fail_msg("push [%s] base %s\n want [%s]\n got  [%s]", in, base, want, paths_str());
}

static void expect(const char *in, const char *base, const char *want) {
  expect_flags(in, base, 0, want);
}

#define BASE "https://example.com/dir/page.html"

static void preload_links_in_order(void **state) {
  (void)state;
  expect("</css/a.css>; rel=preload; as=style, </js/b.js>; rel=preload; as=script, "
         "<c.png>; rel=preload; as=image",
         BASE, "/css/a.css /js/b.js /dir/c.png");
  assert_int_equal(paths[0].as, LINKHDR_AS_STYLE);
  assert_int_equal(paths[1].as, LINKHDR_AS_SCRIPT);
  assert_int_equal(paths[2].as, LINKHDR_AS_IMAGE);
  assert_int_equal(paths[1].index, 1);
  assert_int_equal(paths[1].offset, 37);
  assert_int_equal(paths[1].line, 0);
  assert_int_equal(pbuf_len, strlen("/css/a.css") + strlen("/js/b.js") + strlen("/dir/c.png") + 3);
  /* only preload */
  expect("</a>; rel=stylesheet, </b>; rel=prefetch, </c>; rel=modulepreload, </d>; "
         "rel=xpreload, </e>",
         BASE, "");
}

static void push_parameters(void **state) {
  (void)state;
  expect("</a.css>; rel=preload; nopush, </b.css>; rel=preload; x-http2-push-only, "
         "</c.css>; rel=preload; critical, </d.css>; rel=preload; NOPUSH=\"\"",
         BASE, "/b.css /c.css!");
  assert_int_equal(paths[0].critical, 0);
  assert_int_equal(paths[1].critical, 1);
  assert_int_equal(paths[0].as, LINKHDR_AS_ABSENT); /* pushed all the same */
}

/* What h2o's and nginx's scanners get wrong. */
static void quoted_rel(void **state) {
  (void)state;
  expect("</a.css>; rel=\"preload\"; as=style", BASE, "/a.css");
  expect("</a.css>; rel=\"preload stylesheet\"; as=style", BASE, "/a.css");
  expect("</a.css>; REL=PreLoad; as=style", BASE, "/a.css");
  expect("</a.css>; rel = preload ; as=style", BASE, "/a.css");
  expect("</a.css>;\trel=preload", BASE, "/a.css");
}

static void quoted_comma_injection(void **state) {
  (void)state;
  expect("</a>; rel=next; title=\"x, </evil>; rel=preload; z=\"", BASE, "");
  expect("</a.css>; rel=preload; title=\"x, </evil>; rel=preload; z=\"", BASE, "/a.css");
  /* in a bad link-value too: recovery never resumes inside the quotes */
  expect("</a>; rel=next; title=\"x\x01, </evil>; rel=preload; z=\", </ok.js>; rel=preload", BASE,
         "/ok.js");
  expect("</a>; rel=next; title=\"x, </evil>; rel=preload", BASE, "");
  expect("</a>; title=\"x\\\", </evil>; rel=preload; z=\\\"\"", BASE, "");
  /* a comma inside <...> is part of the URL */
  expect("</img/c_fill,w_750/a.png>; rel=preload; as=image", BASE, "/img/c_fill,w_750/a.png");
  expect("</w/index.php?title=X;oldid=1>; rel=preload", BASE, "/w/index.php?title=X;oldid=1");
}

static void dot_segments(void **state) {
  (void)state;
  expect("</../../a.css>; rel=preload", BASE, "/a.css");
  expect("<../x/./y.js>; rel=preload", "https://example.com/p/q/r.html", "/p/x/y.js");
  expect("</a/b/../../c/./d.css>; rel=preload", BASE, "/c/d.css");
  expect("<.>; rel=preload, <..>; rel=preload, <./>; rel=preload", BASE, "/dir/ / /dir/");
  expect("<https://example.com/a/../b.css>; rel=preload", BASE, "/b.css");
  expect("<//example.com/./x/../y>; rel=preload", BASE, "/y");
  /* a path that would read as an authority is not pushed */
  expect("</a/..//evil.example/x>; rel=preload, <https://example.com//b>; rel=preload, "
         "</ok//c>; rel=preload",
         BASE, "/ok//c");
  expect("<>; rel=preload, <?q>; rel=preload", "https://example.com//page", "");
}

static void origins(void **state) {
  (void)state;
  expect("<https://example.com:443/a.css>; rel=preload, <https://EXAMPLE.COM/b.css>; "
         "rel=preload, <HTTPS://example.com:/c.css>; rel=preload, <//example.com/d.css>; "
         "rel=preload",
         BASE, "/a.css /b.css /c.css /d.css");
  expect("<http://example.com:80/a.css>; rel=preload, <http://example.com/b.css>; rel=preload",
         "http://example.com/", "/a.css /b.css");
  expect("<http://example.com/a.css>; rel=preload", "http://example.com:8080/", "");
  expect("<http://example.com:8080/a.css>; rel=preload", "http://example.com:8080/x", "/a.css");
  /* other origins: left out, or reported whole with the option */
  expect("<https://cdn.example.com/a.js>; rel=preload, <http://example.com/b.js>; rel=preload, "
         "<https://example.com:8443/c.js>; rel=preload, <//cdn.example.com/d.js#f>; rel=preload",
         BASE, "");
  expect_flags("<https://cdn.example.com/a.js>; rel=preload, </own.js>; rel=preload, "
               "<//cdn.example.com/d.js?q#f>; rel=preload",
               BASE, LINKHDR_PUSH_CROSS_ORIGIN,
               "*https://cdn.example.com/a.js /own.js *https://cdn.example.com/d.js?q");
  assert_int_equal(paths[0].cross_origin, 1);
  assert_int_equal(paths[1].cross_origin, 0);
  /* no host, nothing to push (h2o's `http:otherpath`) */
  expect_flags("<http:otherpath>; rel=preload, <mailto:a@b>; rel=preload", "http://example.com/dir/",
               LINKHDR_PUSH_CROSS_ORIGIN, "");
  /* a base without a host: nothing is on its origin */
  expect("</a>; rel=preload", "urn:x:y", "");
}

static void paths_and_queries(void **state) {
  (void)state;
  expect("</a.css?v=1#frag>; rel=preload", BASE, "/a.css?v=1");
  expect("<?v=2>; rel=preload", BASE, "/dir/page.html?v=2");
  expect("<>; rel=preload", "https://example.com/page?x=1#f", "/page?x=1");
  expect("<#top>; rel=preload", "https://example.com", "/");
  expect("<https://example.com>; rel=preload", BASE, "/");
  expect("<https://example.com?q>; rel=preload", BASE, "/?q");
  expect("</%7Euser/a%20b.css>; rel=preload", BASE, "/%7Euser/a%20b.css");
}

static void anchors(void **state) {
  (void)state;
  expect("</a.css>; rel=preload; anchor=\"\", </b.css>; rel=preload; anchor=\"#x\", "
         "</c.css>; rel=preload; anchor=\"/other\", </d.css>; rel=preload; anchor=\" #y \", "
         "</e.css>; rel=preload; anchor=\"" BASE "\"",
         BASE, "/a.css /b.css /d.css");
}

static void bad_links_skipped(void **state) {
  const char *in[] = {"</a b>; rel=preload, </ok.js>; rel=preload; as=script, hogefoo",
                      "</x.css>; rel=preload; as=font/woff2, </y.css>; rel=preload",
                      "<http://[::1/>; rel=preload, </z.css>; rel=preload; as=style", NULL};
  (void)state;
  assert_int_equal(push_lines(in, BASE, 0), LINKHDR_OK);
  assert_string_equal(paths_str(), "/ok.js /y.css /z.css");
  assert_int_equal(paths[1].line, 1);
  assert_int_equal(paths[1].offset, 38);
  assert_int_equal(paths[1].index, 4);
  assert_int_equal(paths[2].line, 2);
}

static void nospace_and_args(void **state) {
  const char *in = "</a.css>; rel=preload, </bb.css>; rel=preload";
  char *copy = heap_str(in);
  linkhdr_view line;
  linkhdr_push_path p[2];
  char buf[32];
  size_t n = 9, blen = 9, i;
  (void)state;
  line.base = copy;
  line.len = strlen(in);
  memset(p, 0x55, sizeof p);
  memset(buf, 'Z', sizeof buf);
  /* sizing call */
  assert_int_equal(linkhdr_push_paths(&line, 1, BASE, strlen(BASE), 0, NULL, 0, &n, NULL, 0, &blen),
                   LINKHDR_E_NOSPACE);
  assert_int_equal(n, 2);
  assert_int_equal(blen, 7 + 8);
  /* too few entries, or too few bytes: untouched */
  assert_int_equal(linkhdr_push_paths(&line, 1, BASE, strlen(BASE), 0, p, 1, &n, buf, 32, &blen),
                   LINKHDR_E_NOSPACE);
  assert_int_equal(linkhdr_push_paths(&line, 1, BASE, strlen(BASE), 0, p, 2, &n, buf, 14, &blen),
                   LINKHDR_E_NOSPACE);
  assert_int_equal(n, 2);
  assert_int_equal(blen, 15);
  for (i = 0; i < sizeof buf; i++) assert_int_equal(buf[i], 'Z');
  assert_int_equal(((unsigned char *)p)[0], 0x55);
  /* exactly enough */
  assert_int_equal(linkhdr_push_paths(&line, 1, BASE, strlen(BASE), 0, p, 2, &n, buf, 15, &blen),
                   LINKHDR_OK);
  assert_int_equal(memcmp(buf, "/a.css\0/bb.css\0Z", 16), 0);
  assert_int_equal(p[1].off, 7);
  assert_int_equal(p[1].len, 7);
  /* exactly enough, for a path whose dot segments are removed: never a
   * byte beyond it (a fuzz finding) */
  {
    char *exact = malloc(3);
    linkhdr_view l2;
    char *v2 = heap_str("<../x>; rel=preload");
    l2.base = v2;
    l2.len = strlen("<../x>; rel=preload");
    assert_int_equal(linkhdr_push_paths(&l2, 1, BASE, strlen(BASE), 0, p, 1, &n, exact, 3, &blen),
                     LINKHDR_OK);
    assert_int_equal(blen, 3);
    assert_int_equal(memcmp(exact, "/x", 3), 0);
    free(exact);
    free(v2);
  }
  /* the base */
  assert_int_equal(linkhdr_push_paths(&line, 1, "https://exa mple.com/", 21, 0, p, 2, &n, buf, 32,
                                      &blen),
                   LINKHDR_E_TARGET_CHAR);
  assert_int_equal(linkhdr_push_paths(&line, 1, "https://a/\r\n", 12, 0, p, 2, &n, buf, 32, &blen),
                   LINKHDR_E_CTL);
  assert_int_equal(linkhdr_push_paths(&line, 1, "/relative", 9, 0, p, 2, &n, buf, 32, &blen),
                   LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_paths(&line, 1, NULL, 0, 0, p, 2, &n, buf, 32, &blen),
                   LINKHDR_E_ARG);
  /* arguments */
  assert_int_equal(linkhdr_push_paths(&line, 1, BASE, strlen(BASE), 0, p, 2, NULL, buf, 32, &blen),
                   LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_paths(&line, 1, BASE, strlen(BASE), 0, p, 2, &n, buf, 32, NULL),
                   LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_paths(&line, 1, BASE, strlen(BASE), 0, NULL, 2, &n, buf, 32, &blen),
                   LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_paths(&line, 1, BASE, strlen(BASE), 0, p, 2, &n, NULL, 32, &blen),
                   LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_paths(NULL, 1, BASE, strlen(BASE), 0, p, 2, &n, buf, 32, &blen),
                   LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_paths(NULL, 0, BASE, strlen(BASE), 0, NULL, 0, &n, NULL, 0, &blen),
                   LINKHDR_OK);
  assert_int_equal(n, 0);
  assert_int_equal(blen, 0);
  free(copy);
}

/* ---- the Link value sent on ---- */

static int link_value(const char *const *in, char *out, size_t cap, size_t *len) {
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
  rc = linkhdr_push_link_value(lines, n, out, cap, len);
  for (i = 0; i < n; i++) free(bufs[i]);
  return rc;
}

static void link_value_without_push_only(void **state) {
  const char *in[] = {"</a.css>; rel=preload; as=style; x-http2-push-only, </b.css>; rel=preload; "
                      "nopush; critical, </c>; rel=next",
                      "</d b>; rel=preload, </e.js>;REL=preload; X-HTTP2-Push-Only",
                      "</f.js>; rel=preload; title=\"a\tb\", </g.js>; rel=\"preload\"", NULL};
  const char *want = "</b.css>; rel=preload; nopush; critical, </c>; rel=next, </g.js>; rel=preload";
  char out[256];
  size_t len = 0, i;
  (void)state;
  assert_int_equal(link_value(in, out, sizeof out, &len), LINKHDR_OK);
  assert_string_equal(out, want);
  assert_int_equal(len, strlen(want));
  /* sizing, one short, exact */
  assert_int_equal(link_value(in, NULL, 0, &len), LINKHDR_E_NOSPACE);
  assert_int_equal(len, strlen(want));
  memset(out, 'Z', sizeof out);
  assert_int_equal(link_value(in, out, strlen(want), &len), LINKHDR_E_NOSPACE);
  for (i = 0; i < sizeof out; i++) assert_int_equal(out[i], 'Z');
  assert_int_equal(link_value(in, out, strlen(want) + 1, &len), LINKHDR_OK);
  assert_string_equal(out, want);
  /* nothing left */
  {
    const char *only[] = {"</a>; rel=preload; x-http2-push-only", NULL};
    assert_int_equal(link_value(only, out, 1, &len), LINKHDR_OK);
    assert_int_equal(len, 0);
    assert_string_equal(out, "");
  }
  assert_int_equal(linkhdr_push_link_value(NULL, 1, out, 1, &len), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_link_value(NULL, 0, NULL, 1, &len), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_link_value(NULL, 0, out, 1, NULL), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_push_link_value(NULL, 0, out, 1, &len), LINKHDR_OK);
  assert_int_equal(len, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(preload_links_in_order),
      cmocka_unit_test(push_parameters),
      cmocka_unit_test(quoted_rel),
      cmocka_unit_test(quoted_comma_injection),
      cmocka_unit_test(dot_segments),
      cmocka_unit_test(origins),
      cmocka_unit_test(paths_and_queries),
      cmocka_unit_test(anchors),
      cmocka_unit_test(bad_links_skipped),
      cmocka_unit_test(nospace_and_args),
      cmocka_unit_test(link_value_without_push_only),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
