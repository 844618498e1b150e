/* linkhdr push --base URI [--cross-origin] [--json] [FILE]: the paths an
 * HTTP/2 server pushes for a response's Link header. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char push_usage[] =
    "usage: linkhdr push --base URI [--cross-origin] [--json] [FILE]\n"
    "\n"
    "Read FILE (standard input when FILE is absent or '-'); its lines (LF or\n"
    "CRLF) are the field lines of the Link header of a response to a request\n"
    "for URI (an absolute URI). Print the paths to push, one per line, in\n"
    "order: the preload links without nopush, resolved against URI (RFC 3986),\n"
    "on its origin (scheme, host and port; 80 and 443 are the defaults), as\n"
    "path and query without the fragment. A link with an anchor other than\n"
    "\"\" or \"#...\" is skipped. A bad link-value is skipped with a note on\n"
    "stderr; the others still count.\n"
    "\n"
    "Options:\n"
    "  --base URI       the requested URI (required)\n"
    "  --cross-origin   also print links to other origins, as absolute URIs\n"
    "  --json           print the details as JSON: each path with its 'as',\n"
    "                   'critical', 'cross_origin', line and offset, and the\n"
    "                   Link value to send on with the response (the links\n"
    "                   with x-http2-push-only removed, as h2o does)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 ok, 2 usage (such as a bad --base) or I/O error.\n";

static void put_size(cli_buf *out, size_t n) {
  char num[24];
  size_t k = sizeof num;
  do num[--k] = (char)('0' + n % 10);
  while ((n /= 10) != 0);
  cli_buf_put(out, num + k, sizeof num - k);
}

/* An argument for a message: printable ASCII as it is, other bytes as \xHH. */
static void put_arg(FILE *f, const char *s) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 0x20 && c < 0x7f) fputc(c, f);
    else fprintf(f, "\\x%02X", c);
  }
}

/* A note on stderr for each link-value that strict parsing rejects. */
static void report_skipped(const cli_input *in) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param param;
  int rc;
  linkhdr_parser_init_lines(&p, in->lines, in->nlines, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &link)) != LINKHDR_DONE) {
    while (rc == LINKHDR_OK && (rc = linkhdr_next_param(&p, &param)) == LINKHDR_OK) {
    }
    if (rc < 0) {
      linkhdr_error e = linkhdr_parser_error(&p);
      fprintf(stderr, "linkhdr push: line %zu, offset %zu: %s (link-value skipped)\n",
              e.item + 1, e.offset, linkhdr_strerror(e.code));
      linkhdr_recover(&p);
    }
  }
}

static void put_json(cli_buf *out, const linkhdr_push_path *paths, size_t n, const char *buf,
                     const char *link, size_t link_len) {
  size_t i;
  cli_buf_puts(out, "{\"paths\": [");
  for (i = 0; i < n; i++) {
    const linkhdr_push_path *p = &paths[i];
    const char *as = linkhdr_as_name(p->as);
    cli_buf_puts(out, i ? ",\n  " : "\n  ");
    cli_buf_puts(out, "{\"path\": ");
    cli_buf_json(out, buf + p->off, p->len, 0);
    cli_buf_puts(out, ", \"as\": ");
    if (as) cli_buf_json(out, as, strlen(as), 0);
    else cli_buf_puts(out, p->as == LINKHDR_AS_INVALID ? "\"invalid\"" : "null");
    cli_buf_puts(out, p->critical ? ", \"critical\": true" : ", \"critical\": false");
    cli_buf_puts(out, p->cross_origin ? ", \"cross_origin\": true" : ", \"cross_origin\": false");
    cli_buf_puts(out, ", \"line\": ");
    put_size(out, p->line + 1);
    cli_buf_puts(out, ", \"offset\": ");
    put_size(out, p->offset);
    cli_buf_puts(out, "}");
  }
  cli_buf_puts(out, n ? "\n ],\n \"link\": " : "],\n \"link\": ");
  cli_buf_json(out, link, link_len, 0);
  cli_buf_puts(out, "}\n");
}

static int run_push(const cli_command *self, int argc, char **argv) {
  int cross = 0, json = 0, status, rc;
  const char *file = NULL, *base = NULL;
  size_t nfiles, n = 0, blen = 0, link_len = 0, i;
  const cli_option opts[] = {
      {"--base", NULL, &base}, {"--cross-origin", &cross, NULL}, {"--json", &json, NULL}};
  unsigned flags;
  linkhdr_push_path *paths = NULL;
  char *buf = NULL, *link = NULL;
  cli_input in;
  cli_buf out = {NULL, 0, 0, 0};
  linkhdr_error err;

  status = cli_parse_options(self, argc, argv, opts, 3, &file, 1, &nfiles);
  if (status != CLI_CONTINUE) return status;
  if (base == NULL) return cli_usage_error(self, "missing --base URI", NULL);
  /* the base first, with the resolver's own check, for a precise message */
  rc = linkhdr_resolve(base, strlen(base), "", 0, NULL, 0, &blen, &err);
  if (rc != LINKHDR_E_NOSPACE) {
    fputs("linkhdr push: --base '", stderr);
    put_arg(stderr, base);
    fprintf(stderr, "': %s",
            rc == LINKHDR_E_ARG ? "not an absolute URI (no scheme)" : linkhdr_strerror(rc));
    if (rc != LINKHDR_E_ARG) fprintf(stderr, " at offset %zu", err.offset);
    fputc('\n', stderr);
    return CLI_EXIT_USAGE;
  }
  status = cli_read_input(file, &in);
  if (status != CLI_EXIT_OK) return status;
  flags = cross ? LINKHDR_PUSH_CROSS_ORIGIN : 0;

  rc = linkhdr_push_paths(in.lines, in.nlines, base, strlen(base), flags, NULL, 0, &n, NULL, 0,
                          &blen);
  if (rc == LINKHDR_E_NOSPACE && (paths = malloc((n ? n : 1) * sizeof *paths)) != NULL &&
      (buf = malloc(blen ? blen : 1)) != NULL)
    rc = linkhdr_push_paths(in.lines, in.nlines, base, strlen(base), flags, paths, n, &n, buf,
                            blen, &blen);
  if (rc == LINKHDR_OK && json &&
      (rc = linkhdr_push_link_value(in.lines, in.nlines, NULL, 0, &link_len)) ==
          LINKHDR_E_NOSPACE &&
      (link = malloc(link_len + 1)) != NULL)
    rc = linkhdr_push_link_value(in.lines, in.nlines, link, link_len + 1, &link_len);
  if (rc != LINKHDR_OK) {
    free(paths);
    free(buf);
    free(link);
    cli_input_free(&in);
    fputs("linkhdr: out of memory\n", stderr);
    return CLI_EXIT_USAGE;
  }

  report_skipped(&in);
  if (json) {
    put_json(&out, paths, n, buf, link, link_len);
  } else {
    for (i = 0; i < n; i++) {
      cli_buf_put(&out, buf + paths[i].off, paths[i].len);
      cli_buf_puts(&out, "\n");
    }
  }
  status = cli_buf_write(&out, stdout);
  free(paths);
  free(buf);
  free(link);
  cli_buf_free(&out);
  cli_input_free(&in);
  return status;
}

const cli_command cli_cmd_push = {
    "push",
    "list the paths an HTTP/2 server pushes for a Link header",
    push_usage,
    run_push,
};
