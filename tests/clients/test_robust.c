/* The demo servers against garbage: malformed, half, huge and random
 * requests over raw sockets. Each must get an error answer or a closed
 * connection, and the server must stay up and keep serving. No client
 * program needed. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientutil.h"

static struct {
  char *dir;
  struct server h1, h2;
} g;

static char reply[65536];

static int setup(void **state) {
  const char *h1 = getenv("EARLY_HINTS_SERVER"), *h2 = getenv("H2_PUSH_SERVER");
  const char *site = getenv("LINKHDR_SITE");
  const char *h1args[] = {"--root", site, "--timeout", "300", NULL};
  const char *h2args[] = {"--root", site, "--timeout", "300", NULL};
  (void)state;
  if (!site || !(g.dir = make_tmpdir("robust"))) return -1;
  if (h1 && *h1 && server_start(&g.h1, h1, h1args, g.dir, "h1") != 0) return -1;
  if (h2 && *h2 && server_start(&g.h2, h2, h2args, g.dir, "h2") != 0) return -1;
  return 0;
}

/* A server that crashed or leaked (ASan exits non-zero) fails here. */
static int teardown(void **state) {
  int h1 = server_stop(&g.h1), h2 = server_stop(&g.h2), ok;
  (void)state;
  ok = (g.h1.port == 0 || h1 == 0) && (g.h2.port == 0 || h2 == 0);
  if (!ok) {
    char *log = read_whole(g.h1.log, NULL);
    fprintf(stderr, "server exit status: h1 %d, h2 %d\n%s\n", h1, h2, log ? log : "");
    free(log);
  }
  rm_tree(g.dir);
  return ok ? 0 : -1;
}

static void need_h1(void) {
  if (g.h1.port == 0) {
    print_message("skipped: EARLY_HINTS_SERVER not set\n");
    skip();
  }
}

static void need_h2(void) {
  if (g.h2.port == 0) {
    print_message("skipped: h2_push_server not built (libnghttp2 not found)\n");
    skip();
  }
}

/* One connection: send `req` and end it, return what came back. */
static const char *ask(int port, const void *req, size_t len) {
  int fd = connect_local(port, 5000);
  assert_true(fd >= 0);
  exchange(fd, req, len, 1, reply, sizeof reply);
  close(fd);
  return reply;
}

static const char *ask_str(int port, const char *req) { return ask(port, req, strlen(req)); }

static void assert_status(const char *resp, const char *status_line) {
  if (strncmp(resp, status_line, strlen(status_line)) != 0)
    fail_msg("expected \"%s\", got \"%.60s\"", status_line, resp);
}

/* The server still answers a good request (h1: a 103, then the 200). */
static void assert_serving(struct server *s) {
  assert_true(server_alive(s));
  if (s == &g.h1) {
    assert_status(ask_str(s->port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
                  "HTTP/1.1 103 Early Hints\r\n");
    assert_non_null(strstr(reply, "\r\n\r\nHTTP/1.1 200 OK\r\n"));
  } else {
    assert_status(ask_str(s->port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
                  "HTTP/1.1 400 Bad Request\r\n");
  }
}

static void malformed_requests_get_400(void **state) {
  static const char *const bad[] = {
      "GET\r\n\r\n",
      "GET /\r\n\r\n",                                   /* HTTP/0.9 */
      "GET / HTTP/1.1\r\n\r\n",                          /* no Host */
      "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",    /* two Hosts */
      "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",    /* obs-fold */
      "GET / HTTP/1.1\r\nHost : a\r\n\r\n",              /* space before ':' */
      "GET / HTTP/1.1\r\nHost: a\r\nX: a\x01z\r\n\r\n",  /* control byte */
      "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
      "GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n",            /* bad %XX */
      "GET /%4 HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET index.html HTTP/1.1\r\nHost: a\r\n\r\n",      /* not origin-form */
      "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
      "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "GET  / HTTP/1.1\r\nHost: a\r\n\r\n",              /* two spaces */
      "GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
      "GET / http/1.1\r\nHost: a\r\n\r\n",
      "G\x80T / HTTP/1.1\r\nHost: a\r\n\r\n",
  };
  size_t i;
  (void)state;
  need_h1();
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    print_message("%zu: ", i);
    assert_status(ask_str(g.h1.port, bad[i]), "HTTP/1.1 400 Bad Request\r\n");
    print_message("ok\n");
  }
  /* a NUL inside a field value */
  assert_status(ask(g.h1.port, "GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n", 35),
                "HTTP/1.1 400 Bad Request\r\n");
  assert_serving(&g.h1);
}

static void other_errors(void **state) {
  (void)state;
  need_h1();
  assert_status(ask_str(g.h1.port, "GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
                "HTTP/1.1 505 HTTP Version Not Supported\r\n");
  assert_status(ask_str(g.h1.port, "DELETE / HTTP/1.1\r\nHost: a\r\n\r\n"),
                "HTTP/1.1 405 Method Not Allowed\r\n");
  assert_status(ask_str(g.h1.port, "GET /../../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n"),
                "HTTP/1.1 404 Not Found\r\n");
  assert_status(ask_str(g.h1.port, "GET /%2e%2e/x HTTP/1.1\r\nHost: a\r\n\r\n"),
                "HTTP/1.1 404 Not Found\r\n");
  assert_status(ask_str(g.h1.port, "GET /.links HTTP/1.1\r\nHost: a\r\n\r\n"),
                "HTTP/1.1 404 Not Found\r\n");
  assert_status(ask_str(g.h1.port, "GET /css HTTP/1.1\r\nHost: a\r\n\r\n"),
                "HTTP/1.1 301 Moved Permanently\r\n");
  assert_non_null(strstr(reply, "\r\nLocation: /css/\r\n"));
  assert_serving(&g.h1);
}

static void huge_head_gets_431(void **state) {
  static char req[20000];
  (void)state;
  need_h1();
  memcpy(req, "GET / HTTP/1.1\r\nHost: a\r\nX-Big: ", 33);
  memset(req + 33, 'a', sizeof req - 33);
  assert_status(ask(g.h1.port, req, sizeof req), "HTTP/1.1 431 ");
  assert_serving(&g.h1);
}

/* The server has a 300 ms idle timeout here: a half request is answered
 * with 408 and closed, whatever the wait; an idle connection just closes. */
static void half_requests_time_out(void **state) {
  int fd;
  (void)state;
  need_h1();
  fd = connect_local(g.h1.port, 5000);
  assert_true(fd >= 0);
  exchange(fd, "GET / HTTP/1.1\r\nHost: a\r\n", 25, 0, reply, sizeof reply);
  close(fd);
  assert_status(reply, "HTTP/1.1 408 Request Timeout\r\n");
  fd = connect_local(g.h1.port, 5000);
  assert_true(fd >= 0);
  assert_int_equal(exchange(fd, "", 0, 0, reply, sizeof reply), 0);
  close(fd);
  /* a client that goes away mid-request */
  fd = connect_local(g.h1.port, 5000);
  assert_true(fd >= 0);
  assert_true(write(fd, "GET / HT", 8) == 8);
  close(fd);
  assert_serving(&g.h1);
}

/* One request per connection: a second request in the same packet is not
 * answered, and the first answer says the connection closes. */
static void one_request_per_connection(void **state) {
  (void)state;
  need_h1();
  ask_str(g.h1.port, "HEAD /js/app.js HTTP/1.1\r\nHost: a\r\n\r\n"
                     "GET /css/style.css HTTP/1.1\r\nHost: a\r\n\r\n");
  assert_status(reply, "HTTP/1.1 200 OK\r\n");
  assert_non_null(strstr(reply, "Content-Type: text/javascript\r\n"));
  assert_non_null(strstr(reply, "\r\nConnection: close\r\n"));
  assert_null(strstr(reply, "document.")); /* HEAD: no body */
  assert_null(strstr(reply, "text/css"));
}

/* Deterministic pseudo-random bytes (xorshift), so a failure reproduces. */
static uint32_t rng = 0x2545f491u;
static uint32_t next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

static void fill_random(char *buf, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) buf[i] = (char)(next_rand() & 0xff);
}

/* Random bytes, and valid requests with random bytes flipped. */
static void random_garbage(struct server *s, int rounds) {
  static const char good[] = "GET /index.html?a=b HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Accept: text/html\r\nConnection: close\r\n\r\n";
  char buf[4096];
  size_t n;
  int i, k;
  for (i = 0; i < rounds; i++) {
    if (i % 2) {
      n = 1 + next_rand() % sizeof buf;
      fill_random(buf, n);
    } else {
      n = sizeof good - 1;
      memcpy(buf, good, n);
      for (k = 0; k < 1 + (int)(next_rand() % 4); k++)
        buf[next_rand() % n] = (char)(next_rand() & 0xff);
    }
    ask(s->port, buf, n);
    assert_true(server_alive(s));
  }
  assert_serving(s);
}

static void h1_survives_random_bytes(void **state) {
  (void)state;
  need_h1();
  random_garbage(&g.h1, 200);
}

static void h2_refuses_http1_readably(void **state) {
  (void)state;
  need_h2();
  assert_status(ask_str(g.h2.port, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                "HTTP/1.1 400 Bad Request\r\n");
  assert_non_null(strstr(reply, "HTTP/2 with prior knowledge"));
}

/* The right preface, then frames that are garbage: nghttp2 answers with a
 * GOAWAY or closes, and the server takes the next connection. */
static void h2_survives_bad_frames(void **state) {
  static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  char buf[2048];
  int i;
  (void)state;
  need_h2();
  for (i = 0; i < 100; i++) {
    size_t n = 24 + next_rand() % (sizeof buf - 24);
    memcpy(buf, preface, 24);
    fill_random(buf + 24, n - 24);
    if (i % 3 == 0) buf[27] = 4, buf[24] = buf[25] = 0, buf[26] = 0; /* a SETTINGS-like head */
    ask(g.h2.port, buf, n);
    assert_true(server_alive(&g.h2));
  }
  ask(g.h2.port, preface, 10); /* half a preface, then close */
  random_garbage(&g.h2, 100);
}

/* Start `exe` with args on a throwaway port; its exit status and output. */
static int run_server(const char *exe, const char *const *args, char **out) {
  const char *argv[16];
  char path[600];
  size_t n = 0;
  int rc;
  argv[n++] = exe;
  while (*args && n < 14) argv[n++] = *args++;
  argv[n] = NULL;
  snprintf(path, sizeof path, "%s/run.out", g.dir);
  remove(path);
  rc = run_program(argv, path, 30);
  *out = read_whole(path, NULL);
  assert_non_null(*out);
  return rc;
}

/* A configuration that is not a valid Link value stops the server at start,
 * with the offset; bad options and --help behave. */
static void bad_configuration_stops_the_server(void **state) {
  const char *exe = getenv("EARLY_HINTS_SERVER");
  const char *bad_link[] = {"--link", "</a.woff2>; rel=preload; as=font/woff2", NULL};
  const char *bad_port[] = {"--port", "70000", NULL};
  const char *no_file[] = {"--links", "/nonexistent/links.txt", NULL};
  const char *help[] = {"--help", NULL};
  char *out;
  (void)state;
  need_h1();
  assert_int_equal(run_server(exe, bad_link, &out), 2);
  assert_non_null(strstr(out, "--link: offset 32:")); /* the '/' of font/woff2 */
  free(out);
  assert_int_equal(run_server(exe, bad_port, &out), 2);
  assert_non_null(strstr(out, "usage:"));
  free(out);
  assert_int_equal(run_server(exe, no_file, &out), 2);
  assert_non_null(strstr(out, "/nonexistent/links.txt"));
  free(out);
  assert_int_equal(run_server(exe, help, &out), 0);
  assert_non_null(strstr(out, "--links FILE"));
  free(out);
}

static void h2_options(void **state) {
  const char *exe = getenv("H2_PUSH_SERVER");
  const char *ctl[] = {"--link", "</a>; rel=preload; title=\"a\tb\x01\"", NULL};
  const char *help[] = {"--help", NULL};
  const char *bad[] = {"--bogus", NULL};
  char *out;
  (void)state;
  need_h2();
  assert_int_equal(run_server(exe, ctl, &out), 2);
  assert_non_null(strstr(out, "control byte"));
  free(out);
  assert_int_equal(run_server(exe, help, &out), 0);
  assert_non_null(strstr(out, "nghttp -nv"));
  free(out);
  assert_int_equal(run_server(exe, bad, &out), 2);
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(malformed_requests_get_400),
      cmocka_unit_test(other_errors),
      cmocka_unit_test(huge_head_gets_431),
      cmocka_unit_test(half_requests_time_out),
      cmocka_unit_test(one_request_per_connection),
      cmocka_unit_test(h1_survives_random_bytes),
      cmocka_unit_test(h2_refuses_http1_readably),
      cmocka_unit_test(h2_survives_bad_frames),
      cmocka_unit_test(bad_configuration_stops_the_server),
      cmocka_unit_test(h2_options),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
