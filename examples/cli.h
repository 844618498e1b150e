/*
 * The frame shared by the linkhdr tool's subcommands: reading the input as
 * field lines, an output buffer with a JSON string writer, option parsing.
 *
 * Adding a subcommand NAME:
 *   1. write examples/cmd_NAME.c defining `const cli_command cli_cmd_NAME`
 *      (see cmd_parse.c for the shape);
 *   2. declare it below, next to cli_cmd_parse;
 *   3. add `&cli_cmd_NAME` to the table in examples/linkhdr.c.
 * examples/meson.build already compiles cmd_NAME.c when it exists.
 *
 * Exit statuses, the same for every subcommand:
 *   CLI_EXIT_OK (0), CLI_EXIT_INVALID (1: the input is not valid, e.g. a
 *   strict parse error), CLI_EXIT_USAGE (2: bad command line, unreadable
 *   input, a write error, or out of memory).
 */
#ifndef LINKHDR_CLI_H
#define LINKHDR_CLI_H

#include "linkhdr.h"

#include <stddef.h>
#include <stdio.h>

#define CLI_EXIT_OK 0
#define CLI_EXIT_INVALID 1
#define CLI_EXIT_USAGE 2

/* Returned by cli_parse_options() when the command should go on. */
#define CLI_CONTINUE (-1)

/* ---- subcommands ---- */

typedef struct cli_command {
  const char *name;    /* "parse" */
  const char *summary; /* one line for `linkhdr --help` */
  const char *usage;   /* full help text, ends in '\n'; first line "usage: ..." */
  /* argv[0] is the subcommand's name; returns the exit status. */
  int (*run)(const struct cli_command *self, int argc, char **argv);
} cli_command;

extern const cli_command cli_cmd_parse;
extern const cli_command cli_cmd_lint;
extern const cli_command cli_cmd_build;
extern const cli_command cli_cmd_hints;
extern const cli_command cli_cmd_push;

/* ---- options ---- */

/* One option of a subcommand. Exactly one of `flag` / `value` is non-NULL. */
typedef struct cli_option {
  const char *name;    /* long form, e.g. "--lenient" */
  int *flag;           /* set to 1 when the option is given */
  const char **value;  /* takes an argument: "--name VALUE" or "--name=VALUE" */
} cli_option;

/*
 * Parse argv[1 .. argc) of a subcommand. "-h"/"--help" prints cmd->usage on
 * stdout; "--" ends the options; "-" alone is a positional (standard input).
 * Positionals are stored in pos[0 .. *npos), at most max_pos of them.
 *   CLI_CONTINUE    all parsed; go on.
 *   CLI_EXIT_OK     help was printed.
 *   CLI_EXIT_USAGE  unknown option, missing option argument or too many
 *                   positionals: a message and the usage are on stderr.
 */
int cli_parse_options(const cli_command *cmd, int argc, char **argv, const cli_option *opts,
                      size_t nopts, const char **pos, size_t max_pos, size_t *npos);

/* A positive decimal size (an option's argument); 0 on anything else. */
size_t cli_parse_size(const char *s);

/* Print "linkhdr CMD: MESSAGE" and then cmd->usage on stderr; returns
 * CLI_EXIT_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *message, const char *arg);

/* ---- input ---- */

/*
 * A whole input read into memory and split into field lines: on LF, with one
 * CR before an LF removed; the final newline is optional, so "a\nb" and
 * "a\nb\n" are 2 lines, "" is 0 lines and "\n" is 1 empty line. NUL bytes are
 * data. The views point into `data` and are ready for
 * linkhdr_parser_init_lines().
 */
typedef struct cli_input {
  char *data;
  size_t len;
  linkhdr_view *lines;
  size_t nlines;
} cli_input;

/* Read all of `path`, or standard input when path is NULL or "-".
 *   CLI_EXIT_OK     *in is filled; release it with cli_input_free().
 *   CLI_EXIT_USAGE  unreadable (message on stderr); *in is empty. */
int cli_read_input(const char *path, cli_input *in);

void cli_input_free(cli_input *in);

/* ---- output ---- */

/* A growing output buffer: subcommands print nothing until they know the
 * result is good. After an allocation failure `failed` is set and further
 * writes are ignored; cli_buf_write() then reports it. */
typedef struct cli_buf {
  char *data;
  size_t len, cap;
  int failed;
} cli_buf;

void cli_buf_put(cli_buf *b, const char *s, size_t n);
void cli_buf_puts(cli_buf *b, const char *s);

/*
 * Append s[0 .. n) as a JSON string, quotes included. '"' and '\' are
 * escaped, control bytes (00-1F) and DEL are written as \u00XX (lowercase
 * hex), valid UTF-8 passes through unchanged. Each byte of an invalid UTF-8
 * sequence is written as \u00XX, which a JSON reader sees as the code point
 * U+00XX (the Latin-1 reading of that byte): the output is always valid JSON,
 * but such a byte cannot be told apart from a correctly encoded U+0080-U+00FF.
 * With `lower`, ASCII A-Z are written lowercase.
 */
void cli_buf_json(cli_buf *b, const char *s, size_t n, int lower);

/* Write the buffer to `f` and flush it.
 *   CLI_EXIT_OK, or CLI_EXIT_USAGE (allocation or write failure; message on
 *   stderr). */
int cli_buf_write(cli_buf *b, FILE *f);

void cli_buf_free(cli_buf *b);

#endif
