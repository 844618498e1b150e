/* linkhdr: a command-line tool over the linkhdr library. `main` only picks
 * the subcommand; each one lives in examples/cmd_<name>.c (see cli.h). */
#include "cli.h"

#include <string.h>

static const cli_command *const commands[] = {
    &cli_cmd_parse,
    &cli_cmd_lint,
    &cli_cmd_build,
    &cli_cmd_hints,
    &cli_cmd_push,
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f) {
  size_t i;
  fputs("usage: linkhdr COMMAND [OPTIONS] [ARGS]\n"
        "       linkhdr --help | --version\n"
        "\n"
        "Build and parse HTTP Link header values (RFC 8288).\n"
        "\n"
        "Commands:\n",
        f);
  for (i = 0; i < NCOMMANDS; i++)
    fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
  fputs("\n"
        "Run 'linkhdr COMMAND --help' for a command's options.\n"
        "Exit status: 0 ok, 1 invalid input, 2 usage or I/O error.\n",
        f);
}

int main(int argc, char **argv) {
  size_t i;
  if (argc < 2) {
    fputs("linkhdr: missing command\n", stderr);
    usage(stderr);
    return CLI_EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    usage(stdout);
    return CLI_EXIT_OK;
  }
  if (strcmp(argv[1], "--version") == 0) {
    puts("linkhdr " LINKHDR_VERSION);
    return CLI_EXIT_OK;
  }
  for (i = 0; i < NCOMMANDS; i++)
    if (strcmp(argv[1], commands[i]->name) == 0)
      return commands[i]->run(commands[i], argc - 1, argv + 1);
  fprintf(stderr, "linkhdr: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return CLI_EXIT_USAGE;
}
