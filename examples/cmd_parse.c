/* linkhdr parse [--lenient] [FILE]: the lines of FILE are the field lines of
 * one Link header; print every link-value as JSON. */
#include "cli.h"

#include <stdlib.h>

static const char parse_usage[] =
    "usage: linkhdr parse [--lenient] [FILE]\n"
    "\n"
    "Read FILE (standard input when FILE is absent or '-'); its lines (LF or\n"
    "CRLF) are the field lines of one Link header. Print a JSON array with one\n"
    "object per link-value, in order:\n"
    "  {\"target\": \"/a\", \"params\": [[\"rel\", \"preload\"], [\"crossorigin\", null]]}\n"
    "Names are lowercased; values are unquoted, unescaped and, for names ending\n"
    "in '*', decoded to UTF-8; null means the parameter has no '='.\n"
    "\n"
    "Options:\n"
    "  --lenient   parse like RFC 8288 Appendix B: never fails on content\n"
    "  -h, --help  show this help\n"
    "\n"
    "Strict parsing (the default) prints nothing on stdout for an invalid value,\n"
    "and 'linkhdr: line L, offset N: MESSAGE' on stderr (L counts from 1, N is\n"
    "the byte offset within that line).\n"
    "Exit status: 0 ok, 1 invalid value (strict), 2 usage or I/O error.\n";

/* Scratch space for decoded values: as long as the longest line, which no
 * value can exceed (linkhdr_param_value needs at most param->value.len). */
typedef struct scratch {
  char *base;
  size_t cap;
} scratch;

/* Append one parameter as ["name", value]. Returns 0 or a linkhdr status. */
static int put_param(cli_buf *out, const linkhdr_param *param, const scratch *tmp) {
  size_t n = 0;
  int rc;
  cli_buf_puts(out, "[");
  cli_buf_json(out, param->name.base, param->name.len, 1);
  cli_buf_puts(out, ", ");
  if (param->type == LINKHDR_VALUE_NONE) {
    cli_buf_puts(out, "null");
  } else {
    rc = linkhdr_param_value(param, tmp->base, tmp->cap, &n);
    if (rc != LINKHDR_OK) return rc;
    cli_buf_json(out, tmp->base, n, 0);
  }
  cli_buf_puts(out, "]");
  return LINKHDR_OK;
}

/* Append one link object; the parser is positioned on `link`. */
static int put_link(cli_buf *out, linkhdr_parser *p, const linkhdr_link *link,
                    const scratch *tmp) {
  linkhdr_param param;
  int rc, first = 1;
  cli_buf_puts(out, "  {\"target\": ");
  cli_buf_json(out, link->target.base, link->target.len, 0);
  cli_buf_puts(out, ", \"params\": [");
  while ((rc = linkhdr_next_param(p, &param)) == LINKHDR_OK) {
    if (!first) cli_buf_puts(out, ", ");
    first = 0;
    rc = put_param(out, &param, tmp);
    if (rc != LINKHDR_OK) return rc;
  }
  cli_buf_puts(out, "]}");
  return rc == LINKHDR_DONE ? LINKHDR_OK : rc;
}

static size_t longest_line(const cli_input *in) {
  size_t i, max = 1;
  for (i = 0; i < in->nlines; i++)
    if (in->lines[i].len > max) max = in->lines[i].len;
  return max;
}

static int run_parse(const cli_command *self, int argc, char **argv) {
  int lenient = 0, rc, status, nlinks = 0;
  const char *file = NULL;
  size_t nfiles;
  const cli_option opts[] = {{"--lenient", &lenient, NULL}};
  cli_input in;
  cli_buf out = {NULL, 0, 0, 0};
  linkhdr_parser p;
  linkhdr_link link;
  scratch tmp;

  status = cli_parse_options(self, argc, argv, opts, 1, &file, 1, &nfiles);
  if (status != CLI_CONTINUE) return status;
  status = cli_read_input(file, &in);
  if (status != CLI_EXIT_OK) return status;
  tmp.cap = longest_line(&in);
  tmp.base = malloc(tmp.cap);
  if (tmp.base == NULL) {
    cli_input_free(&in);
    fputs("linkhdr: out of memory\n", stderr);
    return CLI_EXIT_USAGE;
  }

  linkhdr_parser_init_lines(&p, in.lines, in.nlines, lenient ? LINKHDR_LENIENT : LINKHDR_STRICT);
  cli_buf_puts(&out, "[");
  while ((rc = linkhdr_next_link(&p, &link)) == LINKHDR_OK) {
    cli_buf_puts(&out, nlinks++ ? ",\n" : "\n");
    rc = put_link(&out, &p, &link, &tmp);
    if (rc != LINKHDR_OK) break;
  }
  cli_buf_puts(&out, nlinks ? "\n]\n" : "]\n");

  if (rc == LINKHDR_DONE) {
    status = cli_buf_write(&out, stdout);
  } else if (linkhdr_parser_error(&p).code != LINKHDR_OK) {
    /* Strict: nothing on stdout. (Lenient never fails on content; if it did,
     * it would be reported the same way rather than hidden.) */
    linkhdr_error e = linkhdr_parser_error(&p);
    fprintf(stderr, "linkhdr: line %zu, offset %zu: %s\n", e.item + 1, e.offset,
            linkhdr_strerror(e.code));
    status = CLI_EXIT_INVALID;
  } else {
    /* linkhdr_param_value refused a buffer that the contract says suffices. */
    fprintf(stderr, "linkhdr: internal error: %s\n", linkhdr_strerror(rc));
    status = CLI_EXIT_USAGE;
  }
  free(tmp.base);
  cli_buf_free(&out);
  cli_input_free(&in);
  return status;
}

const cli_command cli_cmd_parse = {
    "parse",
    "parse a Link field value and print its link-values as JSON",
    parse_usage,
    run_parse,
};
