/* A small HTTP/2 static file server that pushes what the Link header preloads.
 *
 * HTTP/2 over cleartext with prior knowledge (h2c, no Upgrade), on
 * 127.0.0.1. For every HTML response the server parses the response's own
 * Link header with linkhdr and sends a PUSH_PROMISE plus the pushed response
 * for each same-origin `preload` without `nopush` -- the original use case of
 * a Link library in a server. The paths come from linkhdr's push-path API,
 * so a `title="x, </evil>; rel=preload"` never pushes /evil.
 *
 * nghttp2 does the framing; one connection at a time, blocking sockets with
 * timeouts. A demo, not a production server.
 */
#define _POSIX_C_SOURCE 200809L
#include <linkhdr.h>
#include <nghttp2/nghttp2.h>

#include "server_common.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_STREAMS 64  /* requests and pushes in flight on the connection */
#define MAX_PUSHES 32   /* pushes per page */
#define MAX_LINES 64    /* configured Link field lines */
#define TEXT_MAX 16384  /* bytes of configuration and of the Link value */
#define FIELD_MAX 1024  /* :path, :authority we keep */

static struct {
  int port, timeout_ms;
  const char *root, *links_file;
  const char *extra[MAX_LINES];
  size_t nextra;
} opt = {8080, 5000, ".", NULL, {NULL}, 0};

/* The response's Link field lines, as configured: the server reads them back
 * with linkhdr like any other response header. */
static char config_text[TEXT_MAX];
static linkhdr_view link_lines[MAX_LINES];
static size_t nlink_lines;

/* ---- configuration -------------------------------------------------- */

/* Field lines never hold CR, LF or other control bytes: refuse them here
 * rather than let nghttp2 reset every HTML stream. */
static int add_line(const char *s, size_t n, const char *where) {
  size_t i;
  while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (n > 0 && (*s == ' ' || *s == '\t')) s++, n--;
  if (n == 0 || *s == '#') return 0;
  for (i = 0; i < n; i++)
    if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f) {
      fprintf(stderr, "%s: control byte at offset %zu\n", where, i);
      return -1;
    }
  if (nlink_lines == MAX_LINES) {
    fprintf(stderr, "%s: more than %d Link lines\n", where, MAX_LINES);
    return -1;
  }
  link_lines[nlink_lines].base = s;
  link_lines[nlink_lines++].len = n;
  return 0;
}

/* --links FILE, else ROOT/.links if there is one, then every --link.
 * add_line keeps pointers into config_text. */
static int load_config(void) {
  size_t i;
  if (srv_load_config(opt.root, opt.links_file, opt.extra, opt.nextra, config_text,
                      sizeof config_text, add_line) != 0)
    return -1;
  for (i = 0; i < nlink_lines; i++)
    fprintf(stderr, "Link: %.*s\n", (int)link_lines[i].len, link_lines[i].base);
  return 0;
}

/* ---- files ----------------------------------------------------------- */

/* Open a regular file: its descriptor and size, or -1. */
static int open_file(const char *path, long long *size) {
  struct stat st;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return -1;
  }
  *size = (long long)st.st_size;
  return fd;
}

/* ---- streams --------------------------------------------------------- */

struct stream {
  int32_t id;       /* 0: free slot */
  int fd;           /* body file, or -1 */
  long long left;   /* body bytes still to send */
  const char *text; /* body from memory (error messages), else NULL */
  int bad;          /* a header we could not keep */
  char method[8], scheme[8], authority[FIELD_MAX], path[FIELD_MAX];
};

struct conn {
  int fd;
  nghttp2_session *ng;
  struct stream streams[MAX_STREAMS];
};

static struct stream *new_stream(struct conn *c, int32_t id) {
  int i;
  for (i = 0; i < MAX_STREAMS; i++)
    if (c->streams[i].id == 0) {
      memset(&c->streams[i], 0, sizeof c->streams[i]);
      c->streams[i].id = id;
      c->streams[i].fd = -1;
      return &c->streams[i];
    }
  return NULL;
}

static void free_stream(struct stream *st) {
  if (st->fd >= 0) close(st->fd);
  st->fd = -1;
  st->id = 0;
}

/* DATA from a file, or from st->text. */
static ssize_t read_body(nghttp2_session *ng, int32_t id, uint8_t *buf, size_t len,
                         uint32_t *flags, nghttp2_data_source *src, void *user) {
  struct stream *st = src->ptr;
  ssize_t r;
  (void)ng, (void)id, (void)user;
  if ((long long)len > st->left) len = (size_t)st->left;
  if (st->text) {
    memcpy(buf, st->text, len);
    st->text += len;
    r = (ssize_t)len;
  } else {
    while ((r = read(st->fd, buf, len)) < 0 && errno == EINTR) continue;
    if (r < 0) return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
  }
  st->left -= r;
  /* Ending with the last bytes saves an empty DATA frame; a file that
   * shrank ends early (the client sees the short body). */
  if (st->left == 0 || r == 0) *flags |= NGHTTP2_DATA_FLAG_EOF;
  return r;
}

#define NV(n, v) \
  { (uint8_t *)(n), (uint8_t *)(v), sizeof(n) - 1, strlen(v), NGHTTP2_NV_FLAG_NONE }

/* Headers and (unless HEAD) the body of st; link may be NULL. */
static int respond(struct conn *c, struct stream *st, const char *status, const char *type,
                   long long size, const char *link, int head_only) {
  char len[24];
  nghttp2_nv nva[4] = {NV(":status", status), NV("content-type", type),
                       NV("content-length", ""), NV("link", link ? link : "")};
  nghttp2_data_provider prd;
  nva[2].value = (uint8_t *)len;
  nva[2].valuelen = (size_t)snprintf(len, sizeof len, "%lld", size);
  prd.source.ptr = st;
  prd.read_callback = read_body;
  st->left = size;
  return nghttp2_submit_response(c->ng, st->id, nva, link && *link ? 4 : 3,
                                 head_only ? NULL : &prd);
}

static int respond_error(struct conn *c, struct stream *st, int code) {
  static const char e400[] = "400 Bad Request\n", e404[] = "404 Not Found\n",
                    e405[] = "405 Method Not Allowed\n";
  const char *msg = code == 400 ? e400 : code == 404 ? e404 : e405;
  char status[4];
  snprintf(status, sizeof status, "%d", code);
  fprintf(stderr, "%s %s %d\n", st->method, st->path, code);
  st->text = msg;
  return respond(c, st, status, "text/plain; charset=utf-8", (long long)strlen(msg), NULL,
                 !strcmp(st->method, "HEAD"));
}

/* Push one path: PUSH_PROMISE on the request's stream, then the pushed
 * response on the promised stream. Only files that exist are promised.
 * Returns NGHTTP2_ERR_PUSH_DISABLED when the client refused pushes. */
static int push(struct conn *c, struct stream *req, const char *target, size_t n) {
  char file[FIELD_MAX];
  struct stream *st;
  long long size;
  int fd;
  int32_t id;
  nghttp2_nv nva[4] = {NV(":method", "GET"), NV(":scheme", req->scheme),
                       NV(":authority", req->authority), NV(":path", "")};

  if (n >= FIELD_MAX || srv_map_path(opt.root, target, n, file, sizeof file) != 0 ||
      (fd = open_file(file, &size)) < 0)
    return 0;
  if (!(st = new_stream(c, -1))) {
    close(fd);
    return 0;
  }
  memcpy(st->path, target, n);
  st->path[n] = '\0';
  nva[3].value = (uint8_t *)st->path, nva[3].valuelen = n;
  id = nghttp2_submit_push_promise(c->ng, NGHTTP2_FLAG_NONE, req->id, nva, 4, st);
  if (id < 0) {
    close(fd);
    st->id = 0;
    return id;
  }
  st->id = id, st->fd = fd;
  strcpy(st->method, "GET");
  fprintf(stderr, "PUSH %s (stream %d)\n", st->path, (int)id);
  return respond(c, st, "200", srv_content_type(file), size, NULL, 0);
}

/* The push-path API: which same-origin preloads without nopush to push for
 * a page requested as scheme://authority/path, then the Link value to send
 * (x-http2-push-only links removed, as h2o does). */
static void push_links(struct conn *c, struct stream *req, int head_only, char *link,
                       size_t cap) {
  char base[3 * FIELD_MAX], paths_buf[TEXT_MAX];
  linkhdr_push_path paths[MAX_PUSHES];
  size_t count = 0, used, len, i;
  int rc;

  snprintf(base, sizeof base, "%s://%s%s", req->scheme, req->authority, req->path);
  rc = linkhdr_push_paths(link_lines, nlink_lines, base, strlen(base), 0, paths, MAX_PUSHES,
                          &count, paths_buf, sizeof paths_buf, &used);
  if (rc != LINKHDR_OK) { /* a :authority that is no host, or too many paths */
    fprintf(stderr, "no push for %s: %s\n", base, linkhdr_strerror(rc));
    count = 0;
  }
  /* HEAD gets the headers only: nothing to push ahead of a body. */
  for (i = 0; i < count && !head_only; i++)
    if (push(c, req, paths_buf + paths[i].off, paths[i].len) == NGHTTP2_ERR_PUSH_DISABLED) break;
  if (linkhdr_push_link_value(link_lines, nlink_lines, link, cap, &len) != LINKHDR_OK)
    link[0] = '\0';
}

/* A complete request arrived on st. */
static int on_request(struct conn *c, struct stream *st) {
  char file[FIELD_MAX + 64], link[TEXT_MAX];
  int head_only = !strcmp(st->method, "HEAD"), code, fd;
  long long size;

  if (strcmp(st->method, "GET") != 0 && !head_only) return respond_error(c, st, 405);
  if (st->bad) return respond_error(c, st, 400);
  if ((code = srv_map_path(opt.root, st->path, strlen(st->path), file, sizeof file)) != 0)
    return respond_error(c, st, code);
  if ((fd = open_file(file, &size)) < 0) return respond_error(c, st, 404);
  st->fd = fd;
  fprintf(stderr, "%s %s 200\n", st->method, st->path);
  link[0] = '\0';
  /* RFC 9113 §8.4: promise before the response that refers to the pushes. */
  if (srv_ends_with(file, ".html")) push_links(c, st, head_only, link, sizeof link);
  return respond(c, st, "200", srv_content_type(file), size, link, head_only);
}

/* ---- nghttp2 callbacks ----------------------------------------------- */

static ssize_t on_send(nghttp2_session *ng, const uint8_t *data, size_t len, int flags,
                       void *user) {
  struct conn *c = user;
  ssize_t w;
  (void)ng, (void)flags;
  while ((w = send(c->fd, data, len, 0)) < 0 && errno == EINTR) continue;
  return w < 0 ? NGHTTP2_ERR_CALLBACK_FAILURE : w;
}

static int on_begin_headers(nghttp2_session *ng, const nghttp2_frame *f, void *user) {
  struct stream *st;
  if (f->hd.type != NGHTTP2_HEADERS || f->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
  if (!(st = new_stream(user, f->hd.stream_id)))
    return nghttp2_submit_rst_stream(ng, NGHTTP2_FLAG_NONE, f->hd.stream_id,
                                     NGHTTP2_REFUSED_STREAM);
  return nghttp2_session_set_stream_user_data(ng, f->hd.stream_id, st);
}

/* Keep the pseudo-headers we serve by; nghttp2 has already checked that
 * they are well formed (RFC 9113 §8.3). */
static int on_header(nghttp2_session *ng, const nghttp2_frame *f, const uint8_t *name,
                     size_t nlen, const uint8_t *value, size_t vlen, uint8_t flags,
                     void *user) {
  struct stream *st = nghttp2_session_get_stream_user_data(ng, f->hd.stream_id);
  char *dst = NULL;
  size_t cap = 0;
  (void)flags, (void)user;
  if (!st || f->hd.type != NGHTTP2_HEADERS) return 0;
  if (nlen == 7 && !memcmp(name, ":method", 7)) dst = st->method, cap = sizeof st->method;
  if (nlen == 7 && !memcmp(name, ":scheme", 7)) dst = st->scheme, cap = sizeof st->scheme;
  if (nlen == 5 && !memcmp(name, ":path", 5)) dst = st->path, cap = sizeof st->path;
  /* Host stands in for :authority only when that is absent (RFC 9113 8.3.1). */
  if ((nlen == 10 && !memcmp(name, ":authority", 10)) ||
      (nlen == 4 && !memcmp(name, "host", 4) && !st->authority[0]))
    dst = st->authority, cap = sizeof st->authority;
  if (!dst) return 0;
  if (vlen >= cap || memchr(value, '\0', vlen)) {
    st->bad = 1;
    return 0;
  }
  memcpy(dst, value, vlen);
  dst[vlen] = '\0';
  return 0;
}

static int on_frame_recv(nghttp2_session *ng, const nghttp2_frame *f, void *user) {
  struct stream *st;
  if ((f->hd.type != NGHTTP2_HEADERS && f->hd.type != NGHTTP2_DATA) ||
      !(f->hd.flags & NGHTTP2_FLAG_END_STREAM))
    return 0;
  if (!(st = nghttp2_session_get_stream_user_data(ng, f->hd.stream_id))) return 0;
  /* A failed submit is a stream problem, not a reason to drop the session. */
  if (on_request(user, st) != 0)
    nghttp2_submit_rst_stream(ng, NGHTTP2_FLAG_NONE, f->hd.stream_id, NGHTTP2_INTERNAL_ERROR);
  return 0;
}

static int on_stream_close(nghttp2_session *ng, int32_t id, uint32_t code, void *user) {
  struct stream *st = nghttp2_session_get_stream_user_data(ng, id);
  (void)code, (void)user;
  if (st) free_stream(st);
  return 0;
}

/* ---- connections ----------------------------------------------------- */

/* The client did not open with the HTTP/2 preface: most likely an HTTP/1.1
 * client. Say so in a way it can show. */
static void refuse_http1(int fd) {
  static const char body[] = "This server speaks HTTP/2 with prior knowledge only.\n";
  char msg[256];
  int n = snprintf(msg, sizeof msg,
                   "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                   "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                   sizeof body - 1, body);
  if (send(fd, msg, (size_t)n, 0) < 0) return; /* nothing more to do */
  /* Lingering close: unread bytes at close() would reset the connection and
   * could destroy the answer before the client reads it. */
  shutdown(fd, SHUT_WR);
  for (n = 0; n < 16 && recv(fd, msg, sizeof msg, 0) > 0;) n++;
}

static void serve_conn(struct conn *c, nghttp2_session_callbacks *cbs) {
  static const char preface[] = NGHTTP2_CLIENT_MAGIC;
  nghttp2_settings_entry iv[] = {{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, MAX_STREAMS / 4}};
  uint8_t buf[16384];
  ssize_t r;
  time_t end;
  int i;

  /* Wait for the client's first bytes before sending our SETTINGS: an
   * HTTP/1.1 client then gets a readable 400 instead of binary frames. */
  while ((r = recv(c->fd, buf, sizeof buf, 0)) < 0 && errno == EINTR && !srv_stopping) continue;
  if (r <= 0) return;
  if (memcmp(buf, preface, (size_t)r < sizeof preface - 1 ? (size_t)r : sizeof preface - 1)) {
    fprintf(stderr, "- - not an HTTP/2 preface: 400\n");
    refuse_http1(c->fd);
    return;
  }
  for (i = 0; i < MAX_STREAMS; i++) c->streams[i].id = 0, c->streams[i].fd = -1;
  if (nghttp2_session_server_new(&c->ng, cbs, c) != 0) return;
  end = time(NULL) + 10 * (opt.timeout_ms / 1000 + 1);
  nghttp2_submit_settings(c->ng, NGHTTP2_FLAG_NONE, iv, sizeof iv / sizeof iv[0]);
  while (!srv_stopping) {
    if (r > 0) r = nghttp2_session_mem_recv(c->ng, buf, (size_t)r);
    if (r < 0) {
      fprintf(stderr, "- - connection error: %s\n", nghttp2_strerror((int)r));
      break;
    }
    /* One connection at a time: a client that trickles bytes must not keep
     * the others waiting forever, so each connection has a lifetime too. */
    if (time(NULL) > end) nghttp2_session_terminate_session(c->ng, NGHTTP2_NO_ERROR);
    if (nghttp2_session_send(c->ng) != 0) break;
    if (!nghttp2_session_want_read(c->ng)) break; /* GOAWAY done, all sent */
    r = recv(c->fd, buf, sizeof buf, 0); /* SO_RCVTIMEO bounds the wait */
    if (r < 0 && errno == EINTR) r = 0;
    else if (r <= 0) break;
  }
  nghttp2_session_del(c->ng);
  for (i = 0; i < MAX_STREAMS; i++)
    if (c->streams[i].id != 0) free_stream(&c->streams[i]);
}

static void usage(FILE *f) {
  fprintf(f,
          "usage: h2_push_server [OPTIONS]\n"
          "Serves a directory over HTTP/2 (cleartext, prior knowledge) on 127.0.0.1\n"
          "and pushes, for every HTML response, each same-origin preload of its\n"
          "Link header that has no nopush, as linkhdr's push-path API finds them.\n"
          "Cross-origin preloads are never pushed: this server speaks for its own\n"
          "origin only (RFC 9113, section 8.4).\n"
          "\n"
          "  -p, --port N      port to listen on (default 8080; 0 = any free port)\n"
          "  -r, --root DIR    directory to serve (default .)\n"
          "  -l, --links FILE  Link field lines, one per line, '#' comments\n"
          "                    (default ROOT/.links if it exists)\n"
          "  -L, --link VALUE  one more Link field line (repeatable)\n"
          "  -t, --timeout MS  idle timeout (default 5000); connections are served\n"
          "                    one at a time, each for at most 10 x (MS/1000 + 1) s\n"
          "  -h, --help        this help\n"
          "\n"
          "Try: nghttp -nv http://127.0.0.1:PORT/\n");
}

int main(int argc, char **argv) {
  static struct conn conn;
  nghttp2_session_callbacks *cbs;
  struct sigaction sa;
  struct timeval tv;
  int i, lfd;
  long v;

  for (i = 1; i < argc; i += 2) { /* an option and its value */
    const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      return 0;
    } else if (!val) {
      break;
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
    } else if (!strcmp(a, "-t") || !strcmp(a, "--timeout")) {
      if (srv_number(val, 600000, &v) != 0 || v == 0) break;
      opt.timeout_ms = (int)v;
    } else {
      break;
    }
  }
  if (i < argc) {
    fprintf(stderr, "h2_push_server: bad option or value: %s\n", argv[i]);
    usage(stderr);
    return 2;
  }
  if (load_config() != 0) return 2;

  memset(&sa, 0, sizeof sa);
  sa.sa_handler = srv_on_signal; /* no SA_RESTART: accept() and recv() return EINTR */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, NULL);

  if ((lfd = srv_listen_on(opt.port, 16, " (h2c, prior knowledge)")) < 0) return 1;
  if (nghttp2_session_callbacks_new(&cbs) != 0) return 1;
  nghttp2_session_callbacks_set_send_callback(cbs, on_send);
  nghttp2_session_callbacks_set_on_begin_headers_callback(cbs, on_begin_headers);
  nghttp2_session_callbacks_set_on_header_callback(cbs, on_header);
  nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, on_frame_recv);
  nghttp2_session_callbacks_set_on_stream_close_callback(cbs, on_stream_close);

  tv.tv_sec = opt.timeout_ms / 1000, tv.tv_usec = (opt.timeout_ms % 1000) * 1000;
  while (!srv_stopping) {
    if ((conn.fd = accept(lfd, NULL, NULL)) < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      perror("accept");
      break;
    }
    setsockopt(conn.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(conn.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    serve_conn(&conn, cbs);
    close(conn.fd);
  }
  nghttp2_session_callbacks_del(cbs);
  close(lfd);
  return 0;
}
