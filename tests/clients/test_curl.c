/* curl against examples/early_hints_server: the 103 Early Hints arrives
 * with the hint set linkhdr derived, then the 200 with the full Link
 * header. The Link lines curl saw are read back with linkhdr. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientutil.h"

/* The site's preload configuration for this test: one of each case the
 * 103 must treat differently. */
static const char config[] =
    "# curl test configuration\n"
    "</css/style.css>; rel=preload; as=style\n"
    "</js/app.js>; rel=preload; as=script; nopush, </about.html>; rel=prefetch\n"
    "</fonts/font.woff2>; rel=preload; as=font; type=\"font/woff2\"; crossorigin\n"
    "<https://fonts.example.net>; rel=preconnect\n"
    "</img/hero.png>; rel=preload; as=image; anchor=\"/other.html\"\n"
    "</css/style.css>; rel=preload; as=style\n";

/* The 200 carries every link, rebuilt by linkhdr (same links, canonical). */
static const char expect_final[] =
    "</css/style.css>;rel=preload;as=style\n"
    "</js/app.js>;rel=preload;as=script;nopush\n"
    "</about.html>;rel=prefetch\n"
    "</fonts/font.woff2>;rel=preload;as=font;type=font/woff2;crossorigin\n"
    "<https://fonts.example.net>;rel=preconnect\n"
    "</img/hero.png>;rel=preload;as=image;anchor=/other.html\n"
    "</css/style.css>;rel=preload;as=style\n";

/* The 103: preload and preconnect only, no anchored link, no push-only
 * parameter, no duplicate; order kept. */
static const char expect_hints[] =
    "</css/style.css>;rel=preload;as=style\n"
    "</js/app.js>;rel=preload;as=script\n"
    "</fonts/font.woff2>;rel=preload;as=font;type=font/woff2;crossorigin\n"
    "<https://fonts.example.net>;rel=preconnect\n";

static struct {
  char *dir;
  char curl[512], url[128];
  struct server srv, tight; /* tight: a 60-byte budget for the 103 */
} g;

static int setup(void **state) {
  const char *exe = getenv("EARLY_HINTS_SERVER"), *site = getenv("LINKHDR_SITE");
  char links[512];
  const char *args[] = {"--root", site, "--links", links, NULL};
  const char *tight[] = {"--root", site, "--links", links, "--budget", "60", NULL};
  (void)state;
  if (find_program("curl", g.curl, sizeof g.curl) != 0) g.curl[0] = '\0';
  if (!exe || !*exe || !g.curl[0]) return 0; /* the tests skip */
  if (!site || !(g.dir = make_tmpdir("curl")) ||
      write_file(g.dir, "links.txt", config, links, sizeof links) != 0 ||
      server_start(&g.srv, exe, args, g.dir, "server") != 0 ||
      server_start(&g.tight, exe, tight, g.dir, "tight") != 0)
    return -1;
  snprintf(g.url, sizeof g.url, "http://127.0.0.1:%d", g.srv.port);
  return 0;
}

static int teardown(void **state) {
  int rc = server_stop(&g.srv), rc2 = server_stop(&g.tight);
  (void)state;
  if (rc == 0) rc = rc2;
  if (g.srv.port && rc != 0) fprintf(stderr, "server exit status %d\n", rc);
  rm_tree(g.dir);
  return g.srv.port && rc != 0 ? -1 : 0;
}

static void need_curl(void) {
  if (!g.curl[0]) {
    print_message("skipped: curl not found in PATH (Debian package: curl)\n");
    skip();
  }
  if (!g.srv.port) {
    print_message("skipped: EARLY_HINTS_SERVER not set\n");
    skip();
  }
}

/* Run curl with `opt1` `opt2` (may be NULL) on url; return the header
 * dump (free it); the body goes to dir/body. */
static char *fetch_url(const char *url, const char *opt1, const char *opt2) {
  char dump[512], body[512], out[512];
  const char *argv[16];
  int n = 0, rc;

  snprintf(dump, sizeof dump, "%s/headers", g.dir);
  snprintf(body, sizeof body, "%s/body", g.dir);
  snprintf(out, sizeof out, "%s/curl.out", g.dir);
  remove(dump);
  remove(body);
  argv[n++] = g.curl;
  argv[n++] = "-sS";
  argv[n++] = "--max-time";
  argv[n++] = "20";
  argv[n++] = "-D";
  argv[n++] = dump;
  argv[n++] = "-o";
  argv[n++] = body;
  if (opt1) argv[n++] = opt1;
  if (opt2) argv[n++] = opt2;
  argv[n++] = url;
  argv[n] = NULL;
  rc = run_program(argv, out, 30);
  if (rc != 0) {
    char *msg = read_whole(out, NULL);
    fail_msg("curl exited with %d: %s", rc, msg ? msg : "");
  }
  return read_whole(dump, NULL);
}

static char *fetch(const char *path, const char *opt1, const char *opt2) {
  char url[512];
  snprintf(url, sizeof url, "%s%s", g.url, path);
  return fetch_url(url, opt1, opt2);
}

static void assert_links(const char *head, const char *expected) {
  char got[4096];
  assert_non_null(head);
  assert_true(describe_links(head, got, sizeof got) >= 0);
  assert_string_equal(got, expected);
}

static void page_gets_103_then_200(void **state) {
  char *dump;
  (void)state;
  need_curl();
  dump = fetch("/", NULL, NULL);
  assert_non_null(dump);
  assert_int_equal(head_status(nth_head(dump, 0)), 103);
  assert_int_equal(head_status(nth_head(dump, 1)), 200);
  assert_null(nth_head(dump, 2));
  assert_int_equal(strncmp(dump, "HTTP/1.1 103 Early Hints\r\n", 26), 0);
  free(dump);
}

static void hints_are_the_derived_set(void **state) {
  char *dump;
  (void)state;
  need_curl();
  dump = fetch("/index.html", NULL, NULL);
  assert_links(nth_head(dump, 0), expect_hints);
  free(dump);
}

static void final_response_has_full_link_header(void **state) {
  char *dump;
  (void)state;
  need_curl();
  dump = fetch("/", NULL, NULL);
  assert_links(nth_head(dump, 1), expect_final);
  free(dump);
}

/* The page itself arrives, and it never names the stylesheet. */
static void body_is_the_page(void **state) {
  char *dump, *body, *page, path[512];
  size_t blen, plen;
  (void)state;
  need_curl();
  dump = fetch("/", NULL, NULL);
  snprintf(path, sizeof path, "%s/body", g.dir);
  body = read_whole(path, &blen);
  snprintf(path, sizeof path, "%s/index.html", getenv("LINKHDR_SITE"));
  page = read_whole(path, &plen);
  assert_non_null(body);
  assert_non_null(page);
  assert_int_equal(blen, plen);
  assert_memory_equal(body, page, plen);
  assert_null(strstr(page, "style.css"));
  free(dump), free(body), free(page);
}

/* Hints go ahead of pages only. */
static void stylesheet_gets_no_hints(void **state) {
  char *dump;
  (void)state;
  need_curl();
  dump = fetch("/css/style.css", NULL, NULL);
  assert_int_equal(head_status(nth_head(dump, 0)), 200);
  assert_null(nth_head(dump, 1));
  assert_links(dump, "");
  assert_non_null(strstr(dump, "\r\nContent-Type: text/css\r\n"));
  free(dump);
}

/* RFC 9110 §15.2: no 1xx to an HTTP/1.0 client; the 200 keeps its links. */
static void http10_gets_no_103(void **state) {
  char *dump;
  (void)state;
  need_curl();
  dump = fetch("/", "--http1.0", NULL);
  assert_int_equal(head_status(nth_head(dump, 0)), 200);
  assert_null(nth_head(dump, 1));
  assert_links(dump, expect_final);
  free(dump);
}

static void head_request_gets_hints_and_links(void **state) {
  char *dump;
  (void)state;
  need_curl();
  dump = fetch("/about.html", "--head", NULL);
  assert_links(nth_head(dump, 0), expect_hints);
  assert_links(nth_head(dump, 1), expect_final);
  free(dump);
}

static void missing_page_is_404(void **state) {
  char *dump;
  (void)state;
  need_curl();
  dump = fetch("/nothere.html", NULL, NULL);
  assert_int_equal(head_status(nth_head(dump, 0)), 404);
  free(dump);
  dump = fetch("/../.links", "--path-as-is", NULL);
  assert_int_equal(head_status(nth_head(dump, 0)), 404);
  free(dump);
}

/* Whole links are dropped from the end until the 103 fits its budget; the
 * 200 still carries everything, and the server says what it left out. */
static void hints_fit_the_budget(void **state) {
  char url[128], *dump, *log;
  (void)state;
  need_curl();
  snprintf(url, sizeof url, "http://127.0.0.1:%d/", g.tight.port);
  dump = fetch_url(url, NULL, NULL);
  assert_links(nth_head(dump, 0), "</css/style.css>;rel=preload;as=style\n");
  assert_links(nth_head(dump, 1), expect_final);
  free(dump);
  log = read_whole(g.tight.log, NULL);
  assert_non_null(log);
  assert_non_null(strstr(log, "103 Link: </css/style.css>; rel=preload; as=style\n"));
  assert_non_null(strstr(log, ": budget\n"));
  free(log);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(page_gets_103_then_200),
      cmocka_unit_test(hints_are_the_derived_set),
      cmocka_unit_test(final_response_has_full_link_header),
      cmocka_unit_test(body_is_the_page),
      cmocka_unit_test(stylesheet_gets_no_hints),
      cmocka_unit_test(http10_gets_no_103),
      cmocka_unit_test(head_request_gets_hints_and_links),
      cmocka_unit_test(missing_page_is_404),
      cmocka_unit_test(hints_fit_the_budget),
  };
  int rc = cmocka_run_group_tests(tests, setup, teardown);
  /* 77: meson reports the whole program as skipped, not as passed. */
  return rc == 0 && (!g.curl[0] || !g.srv.port) ? 77 : rc;
}
