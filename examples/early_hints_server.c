/* A small HTTP/1.1 static file server that sends 103 Early Hints.
 *
 * For every HTML page it sends `103 Early Hints` with the hint set that
 * linkhdr derives from the site's preload configuration, then the `200`
 * with the full Link header. The configured field lines are parsed strictly
 * and rebuilt with linkhdr_append at start-up, so every Link byte on the
 * wire was written by linkhdr. libc + POSIX only; one thread, poll(), a
 * deadline per connection. A demo, not a production server: loopback only.
 */
#define _POSIX_C_SOURCE 200809L
#include <linkhdr.h>

#include "server_common.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define HEAD_MAX 8192   /* request head limit; larger heads get 431 */
#define MAX_CONNS 64    /* open connections; the rest wait in the backlog */
#define MAX_LINES 64    /* configured Link field lines */
#define MAX_PARAMS 32   /* parameters per configured link-value */
#define TEXT_MAX 16384  /* bytes of configuration, of Link lines, of hints */
#define PATH_MAX_ 1024  /* file names we are willing to build */

static struct {
  int port, timeout_ms;
  unsigned hint_flags;
  size_t budget;
  const char *root, *links_file;
  const char *extra[MAX_LINES]; /* --link values */
  size_t nextra;
} opt = {8080, 5000, 0, 0, ".", NULL, {NULL}, 0};

/* The Link lines of every HTML response, in linkhdr's canonical form, and
 * the 103 value derived from them. */
static char link_text[TEXT_MAX];
static linkhdr_view link_lines[MAX_LINES];
static size_t nlink_lines;
static char hint_text[TEXT_MAX];
static size_t hint_len;

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- configuration -------------------------------------------------- */

/* Rebuild one configured field line with linkhdr_append: parse strictly,
 * decode each value to text, write it back canonically. A typo in the
 * configuration stops the server at start-up with the exact offset, instead
 * of reaching browsers. */
static int canonical_line(const char *in, size_t n, char *out, size_t cap, size_t *outlen) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param prm;
  linkhdr_attr attrs[MAX_PARAMS];
  linkhdr_error err;
  char vals[TEXT_MAX];
  size_t nattrs, used, vlen;
  int rc;

  linkhdr_parser_init(&p, in, n, LINKHDR_STRICT);
  *outlen = 0;
  while ((rc = linkhdr_next_link(&p, &link)) == LINKHDR_OK) {
    nattrs = used = 0;
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
      if (nattrs == MAX_PARAMS ||
          linkhdr_param_value(&prm, vals + used, sizeof vals - used, &vlen) != LINKHDR_OK) {
        fprintf(stderr, "too many or too long parameters at offset %zu\n", prm.offset);
        return -1;
      }
      attrs[nattrs].name = prm.name.base;
      attrs[nattrs].name_len = prm.name.len;
      attrs[nattrs].value = prm.type == LINKHDR_VALUE_NONE ? NULL : vals + used;
      attrs[nattrs].value_len = vlen;
      used += vlen;
      nattrs++;
    }
    if (rc < 0) break;
    rc = linkhdr_append(out, cap, outlen, link.target.base, link.target.len, attrs, nattrs, 0,
                        &err);
    if (rc != LINKHDR_OK) {
      fprintf(stderr, "cannot rebuild the link at offset %zu: %s\n", link.offset,
              linkhdr_strerror(rc));
      return -1;
    }
  }
  if (rc < 0) {
    err = linkhdr_parser_error(&p);
    fprintf(stderr, "offset %zu: %s (%s)\n", err.offset, linkhdr_strerror(err.code),
            linkhdr_code_name(err.code));
    return -1;
  }
  return 0;
}

/* Add one configured field line (comments and blank lines are skipped). */
static int add_line(const char *s, size_t n, const char *where) {
  static size_t used;
  size_t len;

  while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (n > 0 && (*s == ' ' || *s == '\t')) s++, n--;
  if (n == 0 || *s == '#') return 0;
  if (nlink_lines == MAX_LINES) {
    fprintf(stderr, "%s: more than %d Link lines\n", where, MAX_LINES);
    return -1;
  }
  fprintf(stderr, "%s: ", where);
  if (canonical_line(s, n, link_text + used, sizeof link_text - used, &len) != 0) return -1;
  fprintf(stderr, "Link: %.*s\n", (int)len, link_text + used);
  if (len == 0) return 0; /* only commas: nothing to send */
  link_lines[nlink_lines].base = link_text + used;
  link_lines[nlink_lines++].len = len;
  used += len + 1; /* keep linkhdr_append's NUL */
  return 0;
}

/* Read the preload configuration: --links FILE, else ROOT/.links if there
 * is one, then every --link VALUE. add_line copies what it keeps. */
static int load_config(void) {
  static char text[TEXT_MAX];
  return srv_load_config(opt.root, opt.links_file, opt.extra, opt.nextra, text, sizeof text,
                         add_line);
}

/* The 103 Link value: derived by linkhdr's Early Hints API from the final
 * response's Link lines (preload and preconnect only, no anchored links, no
 * push-only parameters, no duplicates, within the budget). Computed once:
 * every HTML page of this site carries the same links. */
static int derive_hints(void) {
  linkhdr_dropped dropped[MAX_LINES];
  size_t ndropped, i;
  int rc = linkhdr_early_hints(link_lines, nlink_lines, opt.hint_flags, opt.budget, hint_text,
                               sizeof hint_text, &hint_len, dropped, MAX_LINES, &ndropped);
  if (rc != LINKHDR_OK) {
    fprintf(stderr, "early hints: %s\n", linkhdr_strerror(rc));
    return -1;
  }
  fprintf(stderr, "103 Link: %s\n", hint_len ? hint_text : "(nothing to hint: no 103)");
  for (i = 0; i < ndropped && i < MAX_LINES; i++)
    fprintf(stderr, "103 leaves out link %zu (Link line %zu, offset %zu): %s\n",
            dropped[i].index + 1, dropped[i].line + 1, dropped[i].offset,
            linkhdr_drop_reason_name(dropped[i].reason));
  return 0;
}

/* ---- HTTP/1.1 request parsing (RFC 9112) ----------------------------- */

struct request {
  const char *method, *target;
  size_t method_len, target_len;
  int minor;    /* HTTP/1.minor */
  int has_body; /* Content-Length other than 0, or Transfer-Encoding */
};

static int is_tchar(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* Length of the head up to and including the empty line, or 0 if it has
 * not all arrived. A bare LF ends a line too (RFC 9112 §2.2 allows it). */
static size_t head_length(const char *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (b[i] == '\n' && ((i >= 1 && b[i - 1] == '\n') ||
                         (i >= 2 && b[i - 1] == '\r' && b[i - 2] == '\n')))
      return i + 1;
  return 0;
}

/* One line of the head: [*p, end of line) and *p moved past its LF. */
static size_t next_line(const char **p, const char *end, const char **line) {
  const char *lf = memchr(*p, '\n', (size_t)(end - *p));
  size_t n = (size_t)(lf - *p);
  *line = *p;
  *p = lf + 1;
  return n > 0 && (*line)[n - 1] == '\r' ? n - 1 : n;
}

/* Parse the head b[0 .. n) (which ends with its empty line). Returns 0 or
 * the status to answer with: 400 malformed, 505 not HTTP/1.x. */
static int parse_request(const char *b, size_t n, struct request *rq) {
  const char *p = b, *end = b + n, *line, *sp;
  size_t len, i, colon, hosts = 0;

  /* RFC 9112 §2.2: ignore empty lines before the request line. */
  while (p < end && (*p == '\r' || *p == '\n')) p++;
  if (p == end) return 400;
  len = next_line(&p, end, &line);

  /* request-line = method SP request-target SP HTTP-version */
  for (i = 0; i < len && is_tchar((unsigned char)line[i]);) i++;
  if (i == 0 || i == len || line[i] != ' ') return 400;
  rq->method = line, rq->method_len = i;
  rq->target = line + i + 1;
  for (sp = rq->target; sp < line + len && *sp > 0x20 && *sp < 0x7f;) sp++;
  rq->target_len = (size_t)(sp - rq->target);
  if (rq->target_len == 0 || sp == line + len || *sp != ' ') return 400;
  sp++;
  if (line + len - sp != 8 || memcmp(sp, "HTTP/", 5) != 0 || sp[5] < '0' || sp[5] > '9' ||
      sp[6] != '.' || sp[7] < '0' || sp[7] > '9')
    return 400;
  if (sp[5] != '1') return 505;
  rq->minor = sp[7] - '0';

  /* field-line = field-name ":" OWS field-value OWS */
  while ((len = next_line(&p, end, &line)) > 0) {
    if (line[0] == ' ' || line[0] == '\t') return 400; /* obs-fold */
    for (colon = 0; colon < len && is_tchar((unsigned char)line[colon]);) colon++;
    if (colon == 0 || colon == len || line[colon] != ':') return 400;
    for (i = colon + 1; i < len; i++)
      if (((unsigned char)line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7f) return 400;
    if (colon == 4 && strncasecmp(line, "host", 4) == 0) hosts++;
    if ((colon == 17 && strncasecmp(line, "transfer-encoding", 17) == 0) ||
        (colon == 14 && strncasecmp(line, "content-length", 14) == 0 &&
         strspn(line + colon + 1, " \t0") != len - colon - 1))
      rq->has_body = 1;
  }
  /* RFC 9112 §3.2: HTTP/1.1 needs exactly one Host. */
  if (rq->minor >= 1 && hosts != 1) return 400;
  return 0;
}

/* ---- responses ------------------------------------------------------- */

static int send_all(int fd, const char *p, size_t n) {
  ssize_t w;
  while (n > 0) {
    w = send(fd, p, n, 0);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1; /* includes the SO_SNDTIMEO timeout */
    p += w, n -= (size_t)w;
  }
  return 0;
}

/* RFC 9110 §6.6.1: an origin server with a clock sends Date. The C locale
 * (no setlocale call) keeps %a and %b in English. */
static const char *http_date(void) {
  static char buf[40];
  time_t t = time(NULL);
  struct tm tm;
  if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm))
    buf[0] = '\0';
  return buf;
}

static void log_request(const struct request *rq, int status) {
  fprintf(stderr, "%.*s %.*s %d\n", (int)rq->method_len, rq->method, (int)rq->target_len,
          rq->target, status);
}

/* A short text response; the connection closes after every response. */
static void send_status(int fd, int status, const char *reason, const char *extra) {
  char buf[HEAD_MAX + 512];
  int n = snprintf(buf, sizeof buf,
                   "HTTP/1.1 %d %s\r\nDate: %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
                   "Content-Length: %zu\r\n%sConnection: close\r\n\r\n%d %s\n",
                   status, reason, http_date(), strlen(reason) + 5, extra ? extra : "", status,
                   reason);
  if (n > 0 && (size_t)n < sizeof buf) send_all(fd, buf, (size_t)n);
}

static void send_error(int fd, int status) {
  switch (status) {
  case 400: send_status(fd, 400, "Bad Request", NULL); break;
  case 404: send_status(fd, 404, "Not Found", NULL); break;
  case 405: send_status(fd, 405, "Method Not Allowed", "Allow: GET, HEAD\r\n"); break;
  case 408: send_status(fd, 408, "Request Timeout", NULL); break;
  case 431: send_status(fd, 431, "Request Header Fields Too Large", NULL); break;
  case 505: send_status(fd, 505, "HTTP Version Not Supported", NULL); break;
  default: send_status(fd, 500, "Internal Server Error", NULL);
  }
}

/* The 103 goes out as soon as the server knows the response is a page, the
 * 200 follows with every Link line. One request per connection keeps the
 * server simple (no keep-alive, no pipelining). Returns 0 once it has
 * answered, else the status to answer with (301 for a directory). */
static int send_file(int fd, const struct request *rq, const char *path) {
  char head[TEXT_MAX + 512], body[16384];
  int file, html = srv_ends_with(path, ".html");
  size_t n, i;
  ssize_t r;
  struct stat st;

  if ((file = open(path, O_RDONLY)) < 0) return 404;
  if (fstat(file, &st) != 0) st.st_mode = 0;
  if (!S_ISREG(st.st_mode)) {
    close(file);
    return S_ISDIR(st.st_mode) ? 301 : 404;
  }
  log_request(rq, 200);
  /* RFC 9110 §15.2: no 1xx to an HTTP/1.0 client. */
  if (html && hint_len > 0 && rq->minor >= 1) {
    n = (size_t)snprintf(head, sizeof head, "HTTP/1.1 103 Early Hints\r\nLink: %s\r\n\r\n",
                         hint_text);
    if (send_all(fd, head, n) != 0) goto done;
  }
  n = (size_t)snprintf(head, sizeof head,
                       "HTTP/1.1 200 OK\r\nDate: %s\r\nContent-Type: %s\r\nContent-Length: %lld"
                       "\r\nCache-Control: no-store\r\nConnection: close\r\n",
                       http_date(), srv_content_type(path), (long long)st.st_size);
  for (i = 0; html && i < nlink_lines && n < sizeof head; i++)
    n += (size_t)snprintf(head + n, sizeof head - n, "Link: %s\r\n", link_lines[i].base);
  if (n + 2 >= sizeof head) goto done;
  memcpy(head + n, "\r\n", 2);
  if (send_all(fd, head, n + 2) != 0) goto done;
  while (rq->method_len == 3 && (r = read(file, body, sizeof body)) != 0) { /* not HEAD */
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 || send_all(fd, body, (size_t)r) != 0) break;
  }
done:
  close(file);
  return 0;
}

/* Answer one complete request head. */
static void handle(int fd, const char *head, size_t n) {
  struct request rq = {"-", "-", 1, 1, 1, 0};
  char path[PATH_MAX_], location[HEAD_MAX + 32];
  int status = parse_request(head, n, &rq);

  if (status == 0 && !(rq.method_len == 3 && !memcmp(rq.method, "GET", 3)) &&
      !(rq.method_len == 4 && !memcmp(rq.method, "HEAD", 4)))
    status = 405;
  /* GET and HEAD have no body here: refusing one (instead of guessing its
   * length) leaves no room for request smuggling. */
  if (status == 0 && rq.has_body) status = 400;
  if (status == 0) status = srv_map_path(opt.root, rq.target, rq.target_len, path, sizeof path);
  if (status == 0) status = send_file(fd, &rq, path);
  if (status == 0) return;
  log_request(&rq, status);
  if (status == 301) { /* /dir -> /dir/ so that relative links work */
    for (n = 0; n < rq.target_len && rq.target[n] != '?';) n++;
    snprintf(location, sizeof location, "Location: %.*s/\r\n", (int)n, rq.target);
    send_status(fd, 301, "Moved Permanently", location);
  } else {
    send_error(fd, status);
  }
}

/* ---- the connection loop --------------------------------------------- */

struct conn {
  int fd;
  int draining; /* answered, write side shut: reading until the peer closes */
  size_t len;
  long long deadline;
  char buf[HEAD_MAX];
};
static struct conn conns[MAX_CONNS];

static void drop(struct conn *c) {
  close(c->fd);
  c->fd = -1;
}

/* Closing with unread request bytes would make the kernel send a reset,
 * which can destroy the answer before the client reads it. So: shut the
 * write side, then read and discard for a short while (a lingering close). */
static void finish(struct conn *c) {
  shutdown(c->fd, SHUT_WR);
  c->draining = 1;
  c->deadline = now_ms() + (opt.timeout_ms < 1000 ? opt.timeout_ms : 1000);
}

/* Once the head is complete, answer it and close. */
static void on_readable(struct conn *c) {
  ssize_t r = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, 0);
  size_t h;

  if (r <= 0) {
    if (r < 0 && errno == EINTR) return;
    drop(c);
    return;
  }
  if (c->draining) return; /* discard */
  c->len += (size_t)r;
  c->deadline = now_ms() + opt.timeout_ms;
  if ((h = head_length(c->buf, c->len)) > 0) {
    handle(c->fd, c->buf, h);
    finish(c);
  } else if (c->len == sizeof c->buf) {
    fprintf(stderr, "- - 431\n");
    send_error(c->fd, 431);
    finish(c);
  }
}

static void serve(int lfd) {
  struct pollfd pf[MAX_CONNS + 1];
  int idx[MAX_CONNS + 1], np, i, fd, wait;
  long long now, next;
  struct timeval tv;

  for (i = 0; i < MAX_CONNS; i++) conns[i].fd = -1;
  while (!srv_stopping) {
    now = now_ms();
    next = -1;
    np = 1;
    pf[0].fd = lfd, pf[0].events = POLLIN;
    for (i = 0; i < MAX_CONNS; i++) {
      if (conns[i].fd < 0) continue;
      if (conns[i].deadline <= now) {
        if (conns[i].draining || conns[i].len == 0) {
          drop(&conns[i]);
          continue;
        }
        fprintf(stderr, "- - 408\n"); /* too slow to send its request */
        send_error(conns[i].fd, 408);
        finish(&conns[i]);
      }
      if (next < 0 || conns[i].deadline < next) next = conns[i].deadline;
      pf[np].fd = conns[i].fd, pf[np].events = POLLIN, idx[np++] = i;
    }
    if (np == MAX_CONNS + 1) pf[0].fd = -1; /* full: let the backlog wait */
    wait = next < 0 ? -1 : (int)(next - now);
    if (poll(pf, (nfds_t)np, wait) < 0) {
      if (errno == EINTR) continue;
      perror("poll");
      break;
    }
    for (i = 1; i < np; i++)
      if (pf[i].revents) on_readable(&conns[idx[i]]);
    if (pf[0].revents & POLLIN && (fd = accept(lfd, NULL, NULL)) >= 0) {
      for (i = 0; conns[i].fd >= 0;) i++;
      /* A client that stops reading cannot hold the loop for long. */
      tv.tv_sec = opt.timeout_ms / 1000, tv.tv_usec = (opt.timeout_ms % 1000) * 1000;
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      conns[i].fd = fd, conns[i].len = 0, conns[i].draining = 0;
      conns[i].deadline = now_ms() + opt.timeout_ms;
    }
  }
  for (i = 0; i < MAX_CONNS; i++)
    if (conns[i].fd >= 0) drop(&conns[i]);
}

/* ---- main ------------------------------------------------------------ */

static void usage(FILE *f) {
  fprintf(f,
          "usage: early_hints_server [OPTIONS]\n"
          "Serves a directory over HTTP/1.1 on 127.0.0.1. Every HTML response is\n"
          "preceded by a 103 Early Hints derived by linkhdr from the preload\n"
          "configuration, and carries the full Link header itself.\n"
          "\n"
          "  -p, --port N      port to listen on (default 8080; 0 = any free port)\n"
          "  -r, --root DIR    directory to serve (default .)\n"
          "  -l, --links FILE  Link field lines, one per line, '#' comments\n"
          "                    (default ROOT/.links if it exists)\n"
          "  -L, --link VALUE  one more Link field line (repeatable)\n"
          "  -b, --budget N    byte budget of the 103 Link value (default 0: none)\n"
          "  -m, --modulepreload  hint modulepreload links too\n"
          "  -t, --timeout MS  per-connection idle timeout (default 5000)\n"
          "  -h, --help        this help\n"
          "\n"
          "Prints \"listening on http://127.0.0.1:PORT/\" on stdout, then one line\n"
          "per request on stderr: METHOD TARGET STATUS.\n");
}

int main(int argc, char **argv) {
  struct sigaction sa;
  int i, lfd;
  long v;

  for (i = 1; i < argc; i += 2) { /* an option and its value */
    const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      return 0;
    } else if (!strcmp(a, "-m") || !strcmp(a, "--modulepreload")) {
      opt.hint_flags |= LINKHDR_HINTS_MODULEPRELOAD;
      i--; /* no value */
    } else if (!val) {
      break; /* every other option takes a value */
    } else if (!strcmp(a, "-p") || !strcmp(a, "--port")) {
      if (srv_number(val, 65535, &v) != 0) break;
      opt.port = (int)v;
    } else if (!strcmp(a, "-r") || !strcmp(a, "--root")) {
      opt.root = val;
    } else if (!strcmp(a, "-l") || !strcmp(a, "--links")) {
      opt.links_file = val;
    } else if (!strcmp(a, "-L") || !strcmp(a, "--link")) {
      if (opt.nextra == MAX_LINES) break;
      opt.extra[opt.nextra++] = val;
    } else if (!strcmp(a, "-b") || !strcmp(a, "--budget")) {
      if (srv_number(val, TEXT_MAX - 1, &v) != 0) break;
      opt.budget = (size_t)v;
    } else if (!strcmp(a, "-t") || !strcmp(a, "--timeout")) {
      if (srv_number(val, 600000, &v) != 0 || v == 0) break;
      opt.timeout_ms = (int)v;
    } else {
      break;
    }
  }
  if (i < argc) {
    fprintf(stderr, "early_hints_server: bad option or value: %s\n", argv[i]);
    usage(stderr);
    return 2;
  }
  if (load_config() != 0 || derive_hints() != 0) return 2;

  memset(&sa, 0, sizeof sa);
  sa.sa_handler = srv_on_signal; /* no SA_RESTART: poll() returns EINTR */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sa.sa_handler = SIG_IGN; /* a peer that hangs up is an error return */
  sigaction(SIGPIPE, &sa, NULL);

  if ((lfd = srv_listen_on(opt.port, 64, "")) < 0) return 1;
  serve(lfd);
  close(lfd);
  return 0;
}
