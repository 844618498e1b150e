/* linkhdr hints [--budget N] [--modulepreload] [FILE]: the Link value of a
 * 103 (Early Hints) response, from the final response's Link header. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char hints_usage[] =
    "usage: linkhdr hints [--budget N] [--modulepreload] [FILE]\n"
    "\n"
    "Read FILE (standard input when FILE is absent or '-'); its lines (LF or\n"
    "CRLF) are the field lines of a final response's Link header. Print the\n"
    "Link value for a 103 (Early Hints) response on one line: the preload and\n"
    "preconnect links, in order, without nopush, x-http2-push-only and\n"
    "critical, in canonical form; links with an anchor, bad link-values and\n"
    "duplicates are left out, and with a budget whole links are cut from the\n"
    "end until the value fits. Nothing is printed when no link is left.\n"
    "Each link left out is reported on stderr:\n"
    "  linkhdr hints: OFFSET: dropped: REASON\n"
    "OFFSET is the byte offset of the link-value in the input; REASON is\n"
    "not-preload, anchor, duplicate, budget, syntax or unwritable.\n"
    "\n"
    "Options:\n"
    "  --budget N       the most bytes the value may have\n"
    "  --modulepreload  keep modulepreload links too\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 ok (also when links were dropped), 2 usage or I/O error.\n";

static int run_hints(const cli_command *self, int argc, char **argv) {
  int modulepreload = 0, status, rc;
  const char *file = NULL, *budget_arg = NULL;
  size_t nfiles, budget = 0, len = 0, nd = 0, i;
  const cli_option opts[] = {{"--budget", NULL, &budget_arg},
                             {"--modulepreload", &modulepreload, NULL}};
  unsigned flags;
  char *value = NULL;
  linkhdr_dropped *dropped = NULL;
  cli_input in;
  cli_buf out = {NULL, 0, 0, 0};

  status = cli_parse_options(self, argc, argv, opts, 2, &file, 1, &nfiles);
  if (status != CLI_CONTINUE) return status;
  if (budget_arg != NULL && (budget = cli_parse_size(budget_arg)) == 0)
    return cli_usage_error(self, "--budget needs a positive number of bytes, not", budget_arg);
  status = cli_read_input(file, &in);
  if (status != CLI_EXIT_OK) return status;
  flags = modulepreload ? LINKHDR_HINTS_MODULEPRELOAD : 0;

  /* size, then derive for real */
  rc = linkhdr_early_hints(in.lines, in.nlines, flags, budget, NULL, 0, &len, NULL, 0, &nd);
  if (rc == LINKHDR_E_NOSPACE && (value = malloc(len + 1)) != NULL &&
      (nd == 0 || (dropped = malloc(nd * sizeof *dropped)) != NULL))
    rc = linkhdr_early_hints(in.lines, in.nlines, flags, budget, value, len + 1, &len, dropped, nd,
                             &nd);
  if (rc != LINKHDR_OK) {
    free(value);
    free(dropped);
    cli_input_free(&in);
    fputs("linkhdr: out of memory\n", stderr);
    return CLI_EXIT_USAGE;
  }

  if (len > 0) {
    cli_buf_put(&out, value, len);
    cli_buf_puts(&out, "\n");
  }
  status = cli_buf_write(&out, stdout);
  for (i = 0; i < nd && status == CLI_EXIT_OK; i++)
    fprintf(stderr, "linkhdr hints: %zu: dropped: %s\n",
            (size_t)(in.lines[dropped[i].line].base - in.data) + dropped[i].offset,
            linkhdr_drop_reason_name(dropped[i].reason));
  free(value);
  free(dropped);
  cli_buf_free(&out);
  cli_input_free(&in);
  return status;
}

const cli_command cli_cmd_hints = {
    "hints",
    "derive the Link value of a 103 Early Hints response",
    hints_usage,
    run_hints,
};
