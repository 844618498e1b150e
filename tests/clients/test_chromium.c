/* Headless Chromium against examples/early_hints_server: the page's HTML
 * never names the stylesheet, only the Link header (rebuilt by linkhdr from
 * a configuration written in an unusual but valid form) preloads it -- and
 * the server's log shows the browser fetched it. A second server without
 * the Link header is the control: there the stylesheet is never fetched. */
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

/* OWS before ';' and around '=', quoted values: valid RFC 8288, which the
 * server rewrites as `</css/style.css>; rel=preload; as=style`. */
static const char config[] =
    "</css/style.css> ; rel = \"preload\" ; as = \"style\"\n"
    "</fonts/font.woff2>; rel=preload; as=font; type=\"font/woff2\"; crossorigin\n";

static struct {
  char *dir;
  char chromium[512];
  struct server with_link, without_link;
  char *dom, *dom_control; /* what the browser showed, one load per server */
} g;

static const char *const browsers[] = {"chromium", "chromium-browser", "google-chrome",
                                       "google-chrome-stable"};

/* Load url once in a fresh profile; the DOM (and Chromium's chatter) as
 * a string, or NULL. */
static char *load_page(int port, const char *tag) {
  char url[128], profile[512], dirarg[600], out[512];
  const char *argv[] = {g.chromium,
                        "--headless",
                        "--no-sandbox", /* required as root, harmless otherwise */
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        dirarg,
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        url,
                        NULL};
  snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
  snprintf(profile, sizeof profile, "%s/profile-%s", g.dir, tag);
  snprintf(dirarg, sizeof dirarg, "--user-data-dir=%s", profile);
  snprintf(out, sizeof out, "%s/chromium-%s.out", g.dir, tag);
  if (run_program(argv, out, 120) != 0) {
    char *log = read_whole(out, NULL);
    fprintf(stderr, "chromium failed:\n%s\n", log ? log : "");
    free(log);
    return NULL;
  }
  return read_whole(out, NULL);
}

static int setup(void **state) {
  const char *exe = getenv("EARLY_HINTS_SERVER"), *site = getenv("LINKHDR_SITE");
  const char *env = getenv("CHROMIUM");
  char links[512], empty[512];
  const char *args[] = {"--root", site, "--links", links, NULL};
  const char *no_links[] = {"--root", site, "--links", empty, NULL};
  size_t i;
  (void)state;
  g.chromium[0] = '\0';
  if (env && *env) snprintf(g.chromium, sizeof g.chromium, "%s", env);
  for (i = 0; !g.chromium[0] && i < sizeof browsers / sizeof browsers[0]; i++)
    if (find_program(browsers[i], g.chromium, sizeof g.chromium) != 0) g.chromium[0] = '\0';
  if (!exe || !*exe || !g.chromium[0]) return 0; /* the tests skip */
  if (!site || !(g.dir = make_tmpdir("chromium")) ||
      write_file(g.dir, "links.txt", config, links, sizeof links) != 0 ||
      write_file(g.dir, "empty.txt", "", empty, sizeof empty) != 0 ||
      server_start(&g.with_link, exe, args, g.dir, "with-link") != 0 ||
      server_start(&g.without_link, exe, no_links, g.dir, "without-link") != 0)
    return -1;
  g.dom = load_page(g.with_link.port, "with-link");
  g.dom_control = load_page(g.without_link.port, "without-link");
  return 0;
}

static int teardown(void **state) {
  int a = server_stop(&g.with_link), b = server_stop(&g.without_link);
  (void)state;
  free(g.dom);
  free(g.dom_control);
  rm_tree(g.dir);
  if (g.with_link.port && (a != 0 || b != 0)) {
    fprintf(stderr, "server exit status %d, %d\n", a, b);
    return -1;
  }
  return 0;
}

static void need_chromium(void) {
  if (!g.chromium[0]) {
    print_message("skipped: no chromium, chromium-browser or google-chrome in PATH "
                  "(Debian package: chromium; or set CHROMIUM)\n");
    skip();
  }
  if (!g.with_link.port) {
    print_message("skipped: EARLY_HINTS_SERVER not set\n");
    skip();
  }
}

static char *server_log(struct server *s) {
  char *log = read_whole(s->log, NULL);
  assert_non_null(log);
  return log;
}

/* The browser really loaded the page: its script ran. */
static void assert_loaded(const char *dom) {
  assert_non_null(dom);
  assert_non_null(strstr(dom, "<h1>linkhdr demo site</h1>"));
  assert_non_null(strstr(dom, "data-app=\"loaded\""));
}

static void page_does_not_name_the_stylesheet(void **state) {
  char path[512], *page;
  (void)state;
  need_chromium();
  snprintf(path, sizeof path, "%s/index.html", getenv("LINKHDR_SITE"));
  page = read_whole(path, NULL);
  assert_non_null(page);
  assert_null(strstr(page, "style.css"));
  assert_null(strstr(page, "stylesheet"));
  free(page);
}

static void browser_fetches_what_only_the_link_header_names(void **state) {
  char *log;
  (void)state;
  need_chromium();
  assert_loaded(g.dom);
  log = server_log(&g.with_link);
  if (!strstr(log, "GET /css/style.css 200\n")) fail_msg("server log:\n%s", log);
  free(log);
}

/* as=font with crossorigin: the preload is a CORS request, and it is made. */
static void browser_fetches_the_preloaded_font(void **state) {
  char *log;
  (void)state;
  need_chromium();
  assert_loaded(g.dom);
  log = server_log(&g.with_link);
  if (!strstr(log, "GET /fonts/font.woff2 200\n")) fail_msg("server log:\n%s", log);
  free(log);
}

/* The header the browser got was linkhdr's canonical rebuild. */
static void header_was_rebuilt_by_linkhdr(void **state) {
  char *log;
  (void)state;
  need_chromium();
  log = server_log(&g.with_link);
  assert_non_null(strstr(log, "Link: </css/style.css>; rel=preload; as=style\n"));
  free(log);
}

/* Control: same page, no Link header, no stylesheet request. */
static void without_the_header_nothing_is_fetched(void **state) {
  char *log;
  (void)state;
  need_chromium();
  assert_loaded(g.dom_control);
  log = server_log(&g.without_link);
  assert_non_null(strstr(log, "GET / 200\n"));
  assert_non_null(strstr(log, "GET /js/app.js 200\n"));
  if (strstr(log, "style.css") || strstr(log, "font.woff2")) fail_msg("server log:\n%s", log);
  free(log);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(page_does_not_name_the_stylesheet),
      cmocka_unit_test(browser_fetches_what_only_the_link_header_names),
      cmocka_unit_test(browser_fetches_the_preloaded_font),
      cmocka_unit_test(header_was_rebuilt_by_linkhdr),
      cmocka_unit_test(without_the_header_nothing_is_fetched),
  };
  int rc = cmocka_run_group_tests(tests, setup, teardown);
  /* 77: meson reports the whole program as skipped, not as passed. */
  return rc == 0 && (!g.chromium[0] || !g.with_link.port) ? 77 : rc;
}
