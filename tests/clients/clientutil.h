/* Helpers for the client tests: start a demo server on a free loopback port,
 * run a client with a time limit, read what they wrote. Every wait is
 * bounded, and a started server is always stopped (it also dies with the
 * test program on Linux). */
#ifndef LINKHDR_CLIENTUTIL_H
#define LINKHDR_CLIENTUTIL_H

#include <stddef.h>
#include <sys/types.h>

struct server {
  pid_t pid;      /* 0 when not running */
  int port;
  char log[512];  /* the server's stdout and stderr */
};

/* A fresh directory under $TMPDIR (or /tmp), or NULL. Remove with rm_tree. */
char *make_tmpdir(const char *tag);
void rm_tree(char *dir); /* also frees dir */

/* The absolute path of `name` found in PATH, in out; 0 if found. */
int find_program(const char *name, char *out, size_t cap);

/* Write `text` to dir/name; the path goes to out. 0 on success. */
int write_file(const char *dir, const char *name, const char *text, char *out, size_t cap);

/* The whole file, NUL-terminated (malloc'd; free it), or NULL. */
char *read_whole(const char *path, size_t *len);

/* Start `exe` with `args` (NULL-terminated) plus "--port 0", its output to
 * dir/NAME.log, and wait (10 s at most) for "127.0.0.1:PORT" in the log.
 * 0 on success; on failure nothing is left running. */
int server_start(struct server *s, const char *exe, const char *const *args, const char *dir,
                 const char *name);

/* 1 while the server process is alive. */
int server_alive(struct server *s);

/* SIGTERM, wait 5 s at most (then SIGKILL). Returns the exit status (0 for
 * a clean exit), or -1 if it had to be killed or was not running. */
int server_stop(struct server *s);

/* Run argv (NULL-terminated), stdout and stderr to out_path, stdin from
 * /dev/null, killed after timeout_s. Returns the exit status, 128+signal
 * when it died of a signal, or -1 if it could not run or timed out. */
int run_program(const char *const *argv, const char *out_path, int timeout_s);

/* Connect to 127.0.0.1:port with send/receive timeouts; fd or -1. */
int connect_local(int port, int timeout_ms);

/* Send all of data (then shut the write side if `shut`: the request is
 * complete); read until EOF, cap-1 bytes or timeout into buf
 * (NUL-terminated). Returns the number of bytes read. */
long exchange(int fd, const void *data, size_t len, int shut, char *buf, size_t cap);

/* The n-th (0-based) response head in a header dump such as curl -D
 * writes (heads end with an empty line), or NULL. */
const char *nth_head(const char *dump, int n);

/* The status code of a head ("HTTP/1.1 103 ..." -> 103), or -1. */
int head_status(const char *head);

/* Every Link field line of one head, parsed strictly by linkhdr, written
 * to out one link per line as `<target>;name=value;flag` with the values
 * decoded. Returns the number of links, or -1 if a line does not parse or
 * out is too small. */
int describe_links(const char *head, char *out, size_t cap);

#endif
