/*
 * Helpers shared by the two demo servers, early_hints_server.c (HTTP/1.1,
 * 103 Early Hints) and h2_push_server.c (HTTP/2 push): one copy of the file
 * mapping, the preload configuration reader, the listening socket and the
 * signal flag, so that a fix to one (e.g. to what a path may contain)
 * reaches both servers. What really differs between them stays in each
 * server: how a configured Link line is kept, the listen backlog and the
 * text after the address on the "listening on" line.
 */
#ifndef LINKHDR_SERVER_COMMON_H
#define LINKHDR_SERVER_COMMON_H

#include <signal.h>
#include <stddef.h>

/* Set by srv_on_signal (SIGINT, SIGTERM); the serving loops stop on it. */
extern volatile sig_atomic_t srv_stopping;
void srv_on_signal(int sig);

/* Parses s as a decimal number in [0, max] into *out: 0, or -1 if s is
 * anything else (empty, signs, trailing bytes, out of range). */
int srv_number(const char *s, long max, long *out);

/* Nonzero if s ends with suffix. */
int srv_ends_with(const char *s, const char *suffix);

/* The Content-Type for a file name; browsers refuse a stylesheet or script
 * with the wrong type. */
const char *srv_content_type(const char *path);

/* Maps a request path (request-target or :path) to a file under root, in
 * path[cap]. Returns 0, 400 (not "/...", a control byte, space or '#', bad
 * %XX) or 404 (a segment starting with '.': "..", "." and hidden files such
 * as .links; or a name too long for path). */
int srv_map_path(const char *root, const char *t, size_t n, char *path, size_t cap);

/* Called for every line of the configuration (comments and blank lines
 * included: the callback skips them) with where = "FILE:LINE" or "--link".
 * Returns 0, or -1 to stop with an error it has already printed. */
typedef int srv_add_line_fn(const char *s, size_t n, const char *where);

/* Reads the preload configuration: links_file, else ROOT/.links if there is
 * one, then every extra[0 .. nextra) (the --link values). The file is read
 * into text[cap], which the caller owns because add_line may keep pointers
 * into it. Returns 0, or -1 after printing why. */
int srv_load_config(const char *root, const char *links_file, const char *const *extra,
                    size_t nextra, char *text, size_t cap, srv_add_line_fn *add_line);

/* A TCP socket listening on 127.0.0.1:port (0: any free port) with the
 * given backlog, or -1 after perror. Prints "listening on
 * http://127.0.0.1:PORT/" followed by banner_suffix on stdout: the tests
 * (and people) read the port from that line. */
int srv_listen_on(int port, int backlog, const char *banner_suffix);

#endif
