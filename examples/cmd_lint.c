/* linkhdr lint [--json] [--budget N] [FILE]: what is wrong with a Link
 * header, one finding per line, with a fix where there is one. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char lint_usage[] =
    "usage: linkhdr lint [--json] [--budget N] [FILE]\n"
    "\n"
    "Read FILE (standard input when FILE is absent or '-'); its lines (LF or\n"
    "CRLF) are the field lines of one Link header. Print one finding per line:\n"
    "  OFFSET: SEVERITY: CODE: MESSAGE (fix: FIX)\n"
    "OFFSET is the byte offset in the input of the link-value the finding is\n"
    "about; SEVERITY is error, warning or info; ' (fix: ...)' is there when a\n"
    "fix is known. A link-value that is not valid gets 'syntax' and is then\n"
    "read leniently, so that the other checks still run on it.\n"
    "\n"
    "Codes: syntax, as-missing, as-invalid, crossorigin-missing,\n"
    "crossorigin-invalid, type-mismatch, duplicate-param, preconnect-path,\n"
    "portability, size.\n"
    "\n"
    "Options:\n"
    "  --json       print a JSON array of findings instead\n"
    "  --budget N   the size budget for the whole value, in bytes (default 8192)\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit status: 0 no error (warnings and info are fine), 1 at least one\n"
    "error, 2 usage or I/O error.\n";

/* The input offset of a finding: its line's start in the data plus the
 * offset within that line. */
static size_t input_offset(const cli_input *in, const linkhdr_finding *f) {
  return (size_t)(in->lines[f->line].base - in->data) + f->offset;
}

static void put_size(cli_buf *out, size_t n) {
  char num[24];
  size_t k = sizeof num;
  do num[--k] = (char)('0' + n % 10);
  while ((n /= 10) != 0);
  cli_buf_put(out, num + k, sizeof num - k);
}

static void put_text(cli_buf *out, const linkhdr_finding *f, const cli_input *in) {
  put_size(out, input_offset(in, f));
  cli_buf_puts(out, ": ");
  cli_buf_puts(out, linkhdr_severity_name(f->severity));
  cli_buf_puts(out, ": ");
  cli_buf_puts(out, linkhdr_lint_code_name(f->code));
  cli_buf_puts(out, ": ");
  cli_buf_puts(out, f->message);
  if (f->fix[0]) {
    cli_buf_puts(out, " (fix: ");
    cli_buf_puts(out, f->fix);
    cli_buf_puts(out, ")");
  }
  cli_buf_puts(out, "\n");
}

static void put_json(cli_buf *out, const linkhdr_finding *f, const cli_input *in) {
  cli_buf_puts(out, "  {\"offset\": ");
  put_size(out, input_offset(in, f));
  cli_buf_puts(out, ", \"line\": ");
  put_size(out, f->line + 1);
  cli_buf_puts(out, ", \"line_offset\": ");
  put_size(out, f->offset);
  cli_buf_puts(out, ", \"index\": ");
  put_size(out, f->index);
  cli_buf_puts(out, ", \"severity\": ");
  cli_buf_json(out, linkhdr_severity_name(f->severity), strlen(linkhdr_severity_name(f->severity)),
               0);
  cli_buf_puts(out, ", \"code\": ");
  cli_buf_json(out, linkhdr_lint_code_name(f->code), strlen(linkhdr_lint_code_name(f->code)), 0);
  cli_buf_puts(out, ", \"message\": ");
  cli_buf_json(out, f->message, strlen(f->message), 0);
  cli_buf_puts(out, ", \"fix\": ");
  if (f->fix[0]) cli_buf_json(out, f->fix, strlen(f->fix), 0);
  else cli_buf_puts(out, "null");
  cli_buf_puts(out, "}");
}

static int run_lint(const cli_command *self, int argc, char **argv) {
  int json = 0, status, errors = 0;
  const char *file = NULL, *budget_arg = NULL;
  size_t nfiles, budget = LINKHDR_LINT_BUDGET, count = 0, i;
  const cli_option opts[] = {{"--json", &json, NULL}, {"--budget", NULL, &budget_arg}};
  linkhdr_finding *findings = NULL;
  cli_input in;
  cli_buf out = {NULL, 0, 0, 0};

  status = cli_parse_options(self, argc, argv, opts, 2, &file, 1, &nfiles);
  if (status != CLI_CONTINUE) return status;
  if (budget_arg != NULL && (budget = cli_parse_size(budget_arg)) == 0)
    return cli_usage_error(self, "--budget needs a positive number of bytes, not", budget_arg);
  status = cli_read_input(file, &in);
  if (status != CLI_EXIT_OK) return status;

  /* count, then fetch them all */
  if (linkhdr_lint(in.lines, in.nlines, budget, NULL, 0, &count) == LINKHDR_OK && count > 0 &&
      ((findings = malloc(count * sizeof *findings)) == NULL ||
       linkhdr_lint(in.lines, in.nlines, budget, findings, count, &count) != LINKHDR_OK)) {
    free(findings);
    cli_input_free(&in);
    fputs("linkhdr: out of memory\n", stderr);
    return CLI_EXIT_USAGE;
  }

  if (json) cli_buf_puts(&out, "[");
  for (i = 0; i < count; i++) {
    if (findings[i].severity == LINKHDR_SEVERITY_ERROR) errors++;
    if (json) {
      cli_buf_puts(&out, i ? ",\n" : "\n");
      put_json(&out, &findings[i], &in);
    } else {
      put_text(&out, &findings[i], &in);
    }
  }
  if (json) cli_buf_puts(&out, count ? "\n]\n" : "]\n");
  status = cli_buf_write(&out, stdout);
  if (status == CLI_EXIT_OK && errors) status = CLI_EXIT_INVALID;
  free(findings);
  cli_buf_free(&out);
  cli_input_free(&in);
  return status;
}

const cli_command cli_cmd_lint = {
    "lint",
    "lint a Link header: preload mistakes, portability, size, with fixes",
    lint_usage,
    run_lint,
};
