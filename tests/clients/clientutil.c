#define _XOPEN_SOURCE 700 /* nftw */
#include "clientutil.h"

#include <linkhdr.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static void pause_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) continue;
}

char *make_tmpdir(const char *tag) {
  const char *base = getenv("TMPDIR");
  char *dir = malloc(512);
  if (!dir) return NULL;
  snprintf(dir, 512, "%s/linkhdr-%s-XXXXXX", base && *base ? base : "/tmp", tag);
  if (!mkdtemp(dir)) {
    free(dir);
    return NULL;
  }
  return dir;
}

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st, (void)type, (void)ftw;
  remove(path);
  return 0;
}

void rm_tree(char *dir) {
  if (!dir) return;
  /* depth first, never following a symbolic link out of the tree */
  nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  free(dir);
}

int find_program(const char *name, char *out, size_t cap) {
  const char *path = getenv("PATH"), *p, *e;
  size_t n;
  for (p = path ? path : "/usr/bin:/bin"; *p; p = *e ? e + 1 : e) {
    e = strchr(p, ':');
    if (!e) e = p + strlen(p);
    n = (size_t)(e - p);
    if (n == 0 || (size_t)snprintf(out, cap, "%.*s/%s", (int)n, p, name) >= cap) continue;
    if (access(out, X_OK) == 0) return 0;
  }
  return -1;
}

int write_file(const char *dir, const char *name, const char *text, char *out, size_t cap) {
  FILE *f;
  int ok;
  if ((size_t)snprintf(out, cap, "%s/%s", dir, name) >= cap || !(f = fopen(out, "wb")))
    return -1;
  ok = fputs(text, f) >= 0;
  return fclose(f) == 0 && ok ? 0 : -1;
}

char *read_whole(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL, *nb;
  size_t n = 0, cap = 0, r;
  if (!f) return NULL;
  do {
    if (cap - n < 4096) {
      cap = cap ? cap * 2 : 8192;
      if (!(nb = realloc(buf, cap + 1))) break;
      buf = nb;
    }
    r = fread(buf + n, 1, cap - n, f);
    n += r;
  } while (r > 0);
  fclose(f);
  if (buf) buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

/* fork + exec with the output in out_path. The child leads its own process
 * group so that a client with helpers (Chromium) can be stopped whole. */
static pid_t spawn(const char *const *argv, const char *out_path, int die_with_parent) {
  pid_t pid = fork();
  int fd;
  if (pid != 0) return pid;
  setpgid(0, 0);
#ifdef __linux__
  if (die_with_parent) prctl(PR_SET_PDEATHSIG, SIGKILL);
#else
  (void)die_with_parent;
#endif
  fd = open(out_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) _exit(126);
  dup2(fd, 1);
  dup2(fd, 2);
  close(fd);
  if ((fd = open("/dev/null", O_RDONLY)) >= 0) dup2(fd, 0);
  execvp(argv[0], (char *const *)argv);
  _exit(127);
}

/* waitpid with a deadline; the status, or -1 on timeout. */
static int wait_for(pid_t pid, long timeout_ms, int *status) {
  long waited = 0;
  pid_t r;
  for (;;) {
    r = waitpid(pid, status, WNOHANG);
    if (r == pid) return 0;
    if (r < 0 && errno != EINTR) return -1;
    if (waited >= timeout_ms) return -1;
    pause_ms(20);
    waited += 20;
  }
}

static int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

int run_program(const char *const *argv, const char *out_path, int timeout_s) {
  int status, rc;
  pid_t pid = spawn(argv, out_path, 1);
  if (pid < 0) return -1;
  rc = wait_for(pid, timeout_s * 1000L, &status);
  kill(-pid, SIGKILL); /* whatever the client left behind in its group */
  if (rc != 0) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) continue;
    return -1;
  }
  return exit_code(status);
}

int server_start(struct server *s, const char *exe, const char *const *args, const char *dir,
                 const char *name) {
  const char *argv[64];
  char *log, *p;
  size_t n = 0, i;
  long waited;

  s->pid = 0;
  s->port = 0;
  snprintf(s->log, sizeof s->log, "%s/%s.log", dir, name);
  argv[n++] = exe;
  for (i = 0; args && args[i] && n < 60; i++) argv[n++] = args[i];
  argv[n++] = "--port";
  argv[n++] = "0";
  argv[n] = NULL;
  if ((s->pid = spawn(argv, s->log, 1)) < 0) return s->pid = 0, -1;
  for (waited = 0; waited < 10000; waited += 20) {
    if ((log = read_whole(s->log, NULL)) != NULL) {
      p = strstr(log, "127.0.0.1:");
      if (p) s->port = atoi(p + 10);
      free(log);
      if (s->port > 0) return 0;
    }
    if (!server_alive(s)) break;
    pause_ms(20);
  }
  server_stop(s);
  return -1;
}

int server_alive(struct server *s) {
  int status;
  if (s->pid <= 0) return 0;
  if (waitpid(s->pid, &status, WNOHANG) == 0) return 1;
  s->pid = -s->pid; /* reaped: remember that it ended on its own */
  return 0;
}

int server_stop(struct server *s) {
  int status;
  pid_t pid = s->pid;
  s->pid = 0;
  if (pid < 0) return -1; /* it had already ended */
  if (pid == 0) return -1;
  kill(pid, SIGTERM);
  if (wait_for(pid, 5000, &status) == 0) return exit_code(status);
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) continue;
  return -1;
}

int connect_local(int port, int timeout_ms) {
  struct sockaddr_in a;
  struct timeval tv;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = (timeout_ms % 1000) * 1000;
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

long exchange(int fd, const void *data, size_t len, int shut, char *buf, size_t cap) {
  const char *p = data;
  size_t got = 0;
  ssize_t r;
  struct sigaction sa, old;

  /* The server may close before it has read everything we send. */
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, &old);
  while (len > 0) {
    r = send(fd, p, len, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break; /* a reset is an answer too: read what came */
    p += r, len -= (size_t)r;
  }
  sigaction(SIGPIPE, &old, NULL);
  if (shut) shutdown(fd, SHUT_WR);
  while (got + 1 < cap) {
    r = recv(fd, buf + got, cap - 1 - got, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
  }
  buf[got] = '\0';
  return (long)got;
}

const char *nth_head(const char *dump, int n) {
  const char *p = dump;
  for (; n > 0 && p; n--) {
    p = strstr(p, "\r\n\r\n");
    if (p) p += 4;
  }
  return p && strncmp(p, "HTTP/", 5) == 0 ? p : NULL;
}

int head_status(const char *head) {
  const char *sp = head ? strchr(head, ' ') : NULL;
  return sp ? atoi(sp + 1) : -1;
}

/* Append printf output to out[*n .. cap); -1 when it does not fit. */
static int put(char *out, size_t cap, size_t *n, const char *fmt, int len, const char *s) {
  int w = snprintf(out + *n, cap - *n, fmt, len, s);
  if (w < 0 || (size_t)w >= cap - *n) return -1;
  *n += (size_t)w;
  return 0;
}

int describe_links(const char *head, char *out, size_t cap) {
  linkhdr_view lines[64];
  size_t nlines = 0, n = 0, vlen;
  const char *p = strstr(head, "\r\n"), *end = strstr(head, "\r\n\r\n"), *eol;
  linkhdr_parser parser;
  linkhdr_link link;
  linkhdr_param prm;
  char value[1024];
  int rc, count = 0;

  if (cap == 0 || !p || !end) return -1;
  out[0] = '\0';
  /* field lines named Link (case-insensitive), value trimmed of OWS */
  for (p += 2; p < end; p = eol + 2) {
    eol = strstr(p, "\r\n");
    if (eol - p > 5 && strncasecmp(p, "link:", 5) == 0 && nlines < 64) {
      lines[nlines].base = p + 5;
      lines[nlines++].len = (size_t)(eol - p - 5);
    }
  }
  linkhdr_parser_init_lines(&parser, lines, nlines, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&parser, &link)) == LINKHDR_OK) {
    if (put(out, cap, &n, "<%.*s>", (int)link.target.len, link.target.base) != 0) return -1;
    while ((rc = linkhdr_next_param(&parser, &prm)) == LINKHDR_OK) {
      if (put(out, cap, &n, ";%.*s", (int)prm.name.len, prm.name.base) != 0) return -1;
      if (prm.type == LINKHDR_VALUE_NONE) continue;
      if (linkhdr_param_value(&prm, value, sizeof value, &vlen) != LINKHDR_OK ||
          put(out, cap, &n, "=%.*s", (int)vlen, value) != 0)
        return -1;
    }
    if (rc < 0 || put(out, cap, &n, "%.*s", 1, "\n") != 0) return -1;
    count++;
  }
  return rc < 0 ? -1 : count;
}
