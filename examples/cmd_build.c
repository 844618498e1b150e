/* linkhdr build TARGET [NAME[=VALUE]]... [-- TARGET [NAME[=VALUE]]...]...:
 * a Link header value from the command line, with linkhdr_append(). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char build_usage[] =
    "usage: linkhdr build TARGET [NAME[=VALUE]]... [-- TARGET [NAME[=VALUE]]...]...\n"
    "\n"
    "Print a Link header value, one link-value per TARGET, each followed by its\n"
    "parameters: NAME=VALUE writes the value as a token or, when it is not\n"
    "one, as a quoted-string; NAME alone writes a parameter without a value;\n"
    "a NAME ending in '*' takes UTF-8 text and writes an RFC 8187 ext-value.\n"
    "'--' starts the next link-value. Example:\n"
    "  linkhdr build /css/style.css rel=preload as=style -- /fonts/a.woff2 \\\n"
    "    rel=preload as=font type=font/woff2 crossorigin\n"
    "prints\n"
    "  </css/style.css>; rel=preload; as=style, </fonts/a.woff2>; rel=preload;\n"
    "  as=font; type=\"font/woff2\"; crossorigin\n"
    "(on one line). Every value printed parses strictly back to the same links.\n"
    "\n"
    "Nothing is printed unless everything is valid: a TARGET must be an RFC\n"
    "3986 URI-Reference (no SP, '>', '\"' or raw non-ASCII), a NAME a token, and\n"
    "no argument may hold a control byte (CR, LF, TAB, ...).\n"
    "\n"
    "Options:\n"
    "  -h, --help  show this help (only as the first argument)\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input (a message on stderr, nothing on\n"
    "stdout), 2 usage error.\n";

/* An argument for a message: printable ASCII as it is, other bytes as \xHH,
 * so that a CR or an escape sequence reaches the terminal harmlessly. */
static void put_arg(FILE *f, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7f) fputc(c, f);
    else fprintf(f, "\\x%02X", c);
  }
}

/* Whether s[0 .. n) holds a control byte. */
static int has_ctl(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return 1;
  return 0;
}

/* Report why link `k` (1-based) was refused: args[0] is its target, args[i]
 * its parameter i (err->item). The offset is given within the argument.
 * Returns CLI_EXIT_INVALID. */
static int refuse(const char *const *args, const linkhdr_attr *attrs, size_t k,
                  const linkhdr_error *e) {
  size_t off = e->offset;
  if (e->item > 0) {
    const linkhdr_attr *a = &attrs[e->item - 1];
    /* the builder reports an offset within the name or within the value */
    if (e->code == LINKHDR_E_EXT_UTF8 ||
        (e->code == LINKHDR_E_CTL && !has_ctl(a->name, a->name_len)))
      off += a->name_len + 1;
  }
  fprintf(stderr, "linkhdr build: link %zu, %s '", k, e->item == 0 ? "target" : "parameter");
  put_arg(stderr, args[e->item], strlen(args[e->item]));
  fprintf(stderr, "': %s at offset %zu\n", linkhdr_strerror(e->code), off);
  return CLI_EXIT_INVALID;
}

/* Append one link-value: args[0] is the target, args[1 ..] the parameters. */
static int add_link(char **buf, size_t *cap, size_t *len, const char *const *args, size_t nargs,
                    size_t k) {
  linkhdr_attr *attrs = calloc(nargs ? nargs : 1, sizeof *attrs);
  linkhdr_error e;
  size_t i;
  int rc;
  if (attrs == NULL) return -1;
  for (i = 1; i < nargs; i++) {
    const char *eq = strchr(args[i], '=');
    attrs[i - 1].name = args[i];
    attrs[i - 1].name_len = eq ? (size_t)(eq - args[i]) : strlen(args[i]);
    attrs[i - 1].value = eq ? eq + 1 : NULL;
    attrs[i - 1].value_len = LINKHDR_NTS;
  }
  for (;;) {
    rc = linkhdr_append(*buf, *cap, len, args[0], LINKHDR_NTS, attrs, nargs - 1, 0, &e);
    if (rc != LINKHDR_E_NOSPACE) break;
    {
      char *nb = realloc(*buf, e.needed + 1);
      if (nb == NULL) {
        free(attrs);
        return -1;
      }
      *buf = nb;
      *cap = e.needed + 1;
    }
  }
  if (rc != LINKHDR_OK) rc = refuse(args, attrs, k, &e);
  free(attrs);
  return rc;
}

static int run_build(const cli_command *self, int argc, char **argv) {
  char *buf = NULL;
  size_t cap = 0, len = 0, k = 0;
  int i, start, rc = CLI_EXIT_OK;
  if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
    fputs(self->usage, stdout);
    return CLI_EXIT_OK;
  }
  if (argc < 2) return cli_usage_error(self, "missing TARGET", NULL);
  for (start = 1, i = 1; i <= argc && rc == CLI_EXIT_OK; i++) {
    if (i < argc && strcmp(argv[i], "--") != 0) continue;
    if (i == start) {
      free(buf);
      return cli_usage_error(self, "missing TARGET after '--'", NULL);
    }
    rc = add_link(&buf, &cap, &len, (const char *const *)argv + start, (size_t)(i - start), ++k);
    if (rc < 0) {
      free(buf);
      fputs("linkhdr: out of memory\n", stderr);
      return CLI_EXIT_USAGE;
    }
    start = i + 1;
  }
  if (rc == CLI_EXIT_OK) {
    cli_buf out = {NULL, 0, 0, 0};
    cli_buf_put(&out, buf, len);
    cli_buf_puts(&out, "\n");
    rc = cli_buf_write(&out, stdout);
    cli_buf_free(&out);
  }
  free(buf);
  return rc;
}

const cli_command cli_cmd_build = {
    "build",
    "build a Link header value from targets and parameters",
    build_usage,
    run_build,
};
