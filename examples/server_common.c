/* Helpers shared by the demo servers (see server_common.h). */
#define _POSIX_C_SOURCE 200809L
#include "server_common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SRV_PATH_MAX 1024 /* ROOT/.links names we are willing to build */

volatile sig_atomic_t srv_stopping;
void srv_on_signal(int sig) { (void)sig; srv_stopping = 1; }

int srv_number(const char *s, long max, long *out) {
  char *e;
  errno = 0;
  *out = strtol(s, &e, 10);
  return errno == 0 && e != s && *e == '\0' && *out >= 0 && *out <= max ? 0 : -1;
}

/* ---- files ----------------------------------------------------------- */

static int srv_hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

/* Control bytes and spaces are refused even where the caller's own parsing
 * already keeps them out (HTTP/1.1): an HTTP/2 :path or a pushed link
 * target reaches here without that check. */
int srv_map_path(const char *root, const char *t, size_t n, char *path, size_t cap) {
  size_t i, len, q = 0;
  int hi, lo;
  char c, prev = '/';

  len = (size_t)snprintf(path, cap, "%s", root);
  if (n == 0 || t[0] != '/') return 400;
  while (q < n && t[q] != '?') q++;
  for (i = 0; i < q; i++) {
    c = t[i];
    if ((unsigned char)c <= 0x20 || c == 0x7f || c == '#') return 400;
    if (c == '%') {
      if (i + 2 >= q || (hi = srv_hexval(t[i + 1])) < 0 || (lo = srv_hexval(t[i + 2])) < 0)
        return 400;
      c = (char)(hi * 16 + lo);
      i += 2;
      if (c == '\0' || c == '/' || c == '\\') return 404;
    }
    if (prev == '/' && c == '.') return 404;
    if (len + 2 >= cap) return 404;
    path[len++] = c;
    prev = c;
  }
  if (prev == '/') {
    if (len + sizeof "index.html" >= cap) return 404;
    memcpy(path + len, "index.html", sizeof "index.html");
    len += sizeof "index.html" - 1;
  }
  path[len] = '\0';
  return 0;
}

int srv_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

const char *srv_content_type(const char *path) {
  static const char *const map[][2] = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css"},
      {".js", "text/javascript"},            {".woff2", "font/woff2"},
      {".png", "image/png"},                 {".svg", "image/svg+xml"},
      {".json", "application/json"},         {".txt", "text/plain; charset=utf-8"},
  };
  size_t i;
  for (i = 0; i < sizeof map / sizeof map[0]; i++)
    if (srv_ends_with(path, map[i][0])) return map[i][1];
  return "application/octet-stream";
}

/* ---- configuration -------------------------------------------------- */

int srv_load_config(const char *root, const char *links_file, const char *const *extra,
                    size_t nextra, char *text, size_t cap, srv_add_line_fn *add_line) {
  char path[SRV_PATH_MAX], where[SRV_PATH_MAX + 32];
  const char *file = links_file;
  size_t n, i, start, line = 1;
  FILE *f;

  if (!file) {
    snprintf(path, sizeof path, "%s/.links", root);
    if (access(path, R_OK) == 0) file = path;
  }
  if (file) {
    if (!(f = fopen(file, "rb"))) {
      fprintf(stderr, "%s: %s\n", file, strerror(errno));
      return -1;
    }
    n = fread(text, 1, cap, f);
    fclose(f);
    if (n == cap) { /* a full buffer: the file may go on, refuse it whole */
      fprintf(stderr, "%s: larger than %zu bytes\n", file, cap - 1);
      return -1;
    }
    for (start = i = 0; i <= n; i++)
      if (i == n || text[i] == '\n') {
        snprintf(where, sizeof where, "%s:%zu", file, line++);
        if (add_line(text + start, i - start, where) != 0) return -1;
        start = i + 1;
      }
  }
  for (i = 0; i < nextra; i++)
    if (add_line(extra[i], strlen(extra[i]), "--link") != 0) return -1;
  return 0;
}

/* ---- the listening socket -------------------------------------------- */

int srv_listen_on(int port, int backlog, const char *banner_suffix) {
  struct sockaddr_in a;
  socklen_t alen = sizeof a;
  int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, backlog) != 0 ||
      getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
    perror("listen");
    return -1;
  }
  /* The tests (and people) read the port from this line. */
  printf("listening on http://127.0.0.1:%d/%s\n", ntohs(a.sin_port), banner_suffix);
  fflush(stdout);
  return fd;
}
