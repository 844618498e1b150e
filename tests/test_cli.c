/* The linkhdr tool, run as a program: exact stdout, stderr and exit status.
 * The path of the tool comes from $LINKHDR_CLI (set by tests/meson.build). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#include "linkhdr.h"
#include "testutil.h"

extern char **environ;

static const char *cli_path;

/* What one run of the tool produced. */
typedef struct run_result {
  char *out, *err; /* NUL-terminated; the tool never prints a NUL */
  size_t out_len, err_len;
  int status;      /* exit status, or 128 + signal */
} run_result;

static void append(char **buf, size_t *len, const char *s, size_t n) {
  char *p = realloc(*buf, *len + n + 1);
  assert_non_null(p);
  memcpy(p + *len, s, n);
  *len += n;
  p[*len] = '\0';
  *buf = p;
}

/* Read what is available on fd into the buffer; returns 0 at end of file. */
static int drain(int fd, char **buf, size_t *len) {
  char chunk[4096];
  ssize_t got = read(fd, chunk, sizeof chunk);
  if (got < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  assert_true(got >= 0);
  if (got == 0) return 0;
  append(buf, len, chunk, (size_t)got);
  return 1;
}

/* The last run's result. It is freed when the next run starts (or at the
 * end), so that a failed assertion does not leak it. */
static run_result last;

static void free_last(void) {
  free(last.out);
  free(last.err);
  memset(&last, 0, sizeof last);
}

/* Run the tool with args (NULL-terminated, without argv[0]) and in[0 .. in_len)
 * on its standard input. No shell is involved. The result stays valid until
 * the next run. */
static const run_result *run_cli(const char *const *args, const char *in, size_t in_len) {
  run_result *r = &last;
  int pin[2], pout[2], perr[2], wstatus;
  char *argv[16];
  size_t n = 0, written = 0;
  posix_spawn_file_actions_t fa;
  pid_t pid;
  struct pollfd fds[3];

  argv[n++] = (char *)cli_path;
  while (*args != NULL) {
    assert_true(n < 15);
    argv[n++] = (char *)*args++;
  }
  argv[n] = NULL;
  free_last();
  append(&r->out, &r->out_len, "", 0);
  append(&r->err, &r->err_len, "", 0);

  assert_int_equal(pipe(pin), 0);
  assert_int_equal(pipe(pout), 0);
  assert_int_equal(pipe(perr), 0);
  assert_int_equal(posix_spawn_file_actions_init(&fa), 0);
  posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
  posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
  posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
  posix_spawn_file_actions_addclose(&fa, pin[0]);
  posix_spawn_file_actions_addclose(&fa, pin[1]);
  posix_spawn_file_actions_addclose(&fa, pout[0]);
  posix_spawn_file_actions_addclose(&fa, pout[1]);
  posix_spawn_file_actions_addclose(&fa, perr[0]);
  posix_spawn_file_actions_addclose(&fa, perr[1]);
  assert_int_equal(posix_spawn(&pid, cli_path, &fa, NULL, argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  close(pin[0]);
  close(pout[1]);
  close(perr[1]);

  /* Feed stdin and collect both outputs at once, so that no pipe fills up
   * while the other end waits. */
  fcntl(pin[1], F_SETFL, fcntl(pin[1], F_GETFL) | O_NONBLOCK);
  fds[0].fd = pin[1];
  fds[1].fd = pout[0];
  fds[2].fd = perr[0];
  fds[0].events = POLLOUT;
  fds[1].events = fds[2].events = POLLIN;
  if (in_len == 0) {
    close(pin[1]);
    fds[0].fd = -1;
  }
  while (fds[0].fd >= 0 || fds[1].fd >= 0 || fds[2].fd >= 0) {
    int i;
    if (poll(fds, 3, -1) < 0) {
      assert_int_equal(errno, EINTR);
      continue;
    }
    if (fds[0].fd >= 0 && fds[0].revents) {
      ssize_t w = write(pin[1], in + written, in_len - written);
      if (w > 0) written += (size_t)w;
      /* EPIPE: the tool stopped reading (e.g. a usage error); that is fine. */
      if (written == in_len || (w < 0 && errno != EAGAIN && errno != EINTR)) {
        close(pin[1]);
        fds[0].fd = -1;
      }
    }
    for (i = 1; i < 3; i++) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      if (!drain(fds[i].fd, i == 1 ? &r->out : &r->err, i == 1 ? &r->out_len : &r->err_len)) {
        close(fds[i].fd);
        fds[i].fd = -1;
      }
    }
  }
  assert_int_equal(waitpid(pid, &wstatus, 0), pid);
  r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  return r;
}

/* Run and compare everything exactly. The input is passed with its length,
 * so it may hold NUL bytes. */
static void check_run(const char *const *args, const char *in, size_t in_len,
                      const char *out, const char *err, int status) {
  char *input = heap_copy(in, in_len);
  const run_result *r = run_cli(args, input, in_len);
  free(input);
  assert_string_equal(r->err, err);
  assert_string_equal(r->out, out);
  assert_int_equal(r->status, status);
}

static const char *const strict_args[] = {"parse", NULL};
static const char *const lenient_args[] = {"parse", "--lenient", NULL};

/* `linkhdr parse` on a NUL-terminated input; success expected. */
static void check_parse(const char *in, const char *out) {
  check_run(strict_args, in, strlen(in), out, "", 0);
}

static void check_lenient(const char *in, const char *out) {
  check_run(lenient_args, in, strlen(in), out, "", 0);
}

/* The stderr line of a strict parse error. */
static char *error_line(size_t line, size_t offset, int code) {
  static char msg[256];
  snprintf(msg, sizeof msg, "linkhdr: line %zu, offset %zu: %s\n", line, offset,
           linkhdr_strerror(code));
  return msg;
}

/* A strict parse of in[0 .. len) that must fail: nothing on stdout, exit 1. */
static void check_error(const char *in, size_t len, size_t line, size_t offset, int code) {
  check_run(strict_args, in, len, "", error_line(line, offset, code), 1);
}

/* ---- the three headers of the issue ---- */

static void issue_single_preload(void **state) {
  (void)state;
  check_parse("</css/style.min.css>; rel=preload; as=style\n",
              "[\n"
              "  {\"target\": \"/css/style.min.css\", \"params\": [[\"rel\", \"preload\"], "
              "[\"as\", \"style\"]]}\n"
              "]\n");
}

/* The three-entry value from the issue, verbatim. */
static const char three_entries[] =
    "</css/style.min.3172f3c2ff6d86148847bf6c39bff071.css>; rel=preload; as=style, "
    "</js/script.min.26cc34bd5a07c08ad7237868ce404867.js>; rel=preload; as=script, "
    "</js/instantpage.min.b2f3edaed4c36f2285a5202b4823b89d.js>; rel=preload; as=script; "
    "crossorigin=anonymous\n";

static const char three_entries_json[] =
    "[\n"
    "  {\"target\": \"/css/style.min.3172f3c2ff6d86148847bf6c39bff071.css\", \"params\": "
    "[[\"rel\", \"preload\"], [\"as\", \"style\"]]},\n"
    "  {\"target\": \"/js/script.min.26cc34bd5a07c08ad7237868ce404867.js\", \"params\": "
    "[[\"rel\", \"preload\"], [\"as\", \"script\"]]},\n"
    "  {\"target\": \"/js/instantpage.min.b2f3edaed4c36f2285a5202b4823b89d.js\", \"params\": "
    "[[\"rel\", \"preload\"], [\"as\", \"script\"], [\"crossorigin\", \"anonymous\"]]}\n"
    "]\n";

static void font_entry_with_type_and_valueless_crossorigin(void **state) {
  (void)state;
  check_parse("</css/style.min.css>; rel=preload; as=style, "
              "</fonts/font.woff2>; rel=preload; as=font; type=\"font/woff2\"; crossorigin\n",
              "[\n"
              "  {\"target\": \"/css/style.min.css\", \"params\": [[\"rel\", \"preload\"], [\"as\", "
              "\"style\"]]},\n"
              "  {\"target\": \"/fonts/font.woff2\", \"params\": [[\"rel\", \"preload\"], [\"as\", "
              "\"font\"], [\"type\", \"font/woff2\"], [\"crossorigin\", null]]}\n"
              "]\n");
}

static void issue_three_entries(void **state) {
  (void)state;
  check_parse(three_entries, three_entries_json);
}

static void issue_three_entries_lenient(void **state) {
  (void)state;
  check_lenient(three_entries, three_entries_json);
}

static const char font_woff2[] =
    "</fonts/font.woff2>; rel=preload; as=font/woff2; crossorigin\n";

static void issue_font_woff2_strict(void **state) {
  (void)state;
  /* The error is at the '/' of "/woff2": a token cannot hold '/'. */
  size_t slash = (size_t)(strstr(font_woff2, "/woff2;") - font_woff2);
  assert_int_equal(slash, 41);
  check_error(font_woff2, strlen(font_woff2), 1, slash, LINKHDR_E_EXPECTED_SEPARATOR);
}

static void issue_font_woff2_lenient(void **state) {
  (void)state;
  check_lenient(font_woff2,
                "[\n"
                "  {\"target\": \"/fonts/font.woff2\", \"params\": [[\"rel\", \"preload\"], "
                "[\"as\", \"font/woff2\"], [\"crossorigin\", null]]}\n"
                "]\n");
}

/* ---- lines ---- */

static const char two_links_json[] =
    "[\n"
    "  {\"target\": \"/a\", \"params\": [[\"rel\", \"next\"]]},\n"
    "  {\"target\": \"/b\", \"params\": [[\"rel\", \"prev\"]]}\n"
    "]\n";

static void crlf_input(void **state) {
  (void)state;
  check_parse("</a>; rel=next\r\n</b>; rel=prev\r\n", two_links_json);
}

static void crlf_error_offset(void **state) {
  /* The CR is removed before parsing: offsets count within the line. */
  static const char in[] = "</a>; rel=next\r\n</b> x\r\n";
  (void)state;
  check_error(in, sizeof in - 1, 2, 5, LINKHDR_E_EXPECTED_SEPARATOR);
}

static void no_final_newline(void **state) {
  (void)state;
  check_parse("</a>; rel=next\n</b>; rel=prev", two_links_json);
  check_parse("</a>; rel=next, </b>; rel=prev", two_links_json);
}

static void several_lines(void **state) {
  (void)state;
  check_parse("</a>; rel=next\n\n</b>; rel=prev\n", two_links_json);
  check_parse("</a>; rel=next\n</b>; rel=prev\n", two_links_json);
}

static void error_on_line_2(void **state) {
  /* Line 1 is fine, but a strict error anywhere means nothing on stdout. */
  static const char in[] = "</a>; rel=next\n</b> x\n</c>\n";
  (void)state;
  check_error(in, sizeof in - 1, 2, 5, LINKHDR_E_EXPECTED_SEPARATOR);
}

static void error_on_line_3_after_empty_line(void **state) {
  /* Empty lines count, so L is the line number an editor shows. */
  static const char in[] = "</a>\n\n<b>; rel=\"x\n";
  (void)state;
  check_error(in, sizeof in - 1, 3, 11, LINKHDR_E_QUOTE_UNTERMINATED);
}

static void empty_input(void **state) {
  (void)state;
  check_parse("", "[]\n");
  check_lenient("", "[]\n");
}

static void only_newlines(void **state) {
  /* Empty field lines are empty lists: valid, no links. */
  (void)state;
  check_parse("\n", "[]\n");
  check_parse("\r\n\n", "[]\n");
}

static void lenient_bad_line_keeps_next(void **state) {
  (void)state;
  check_lenient("junk </x>\n</a>; rel=next\n",
                "[\n"
                "  {\"target\": \"/a\", \"params\": [[\"rel\", \"next\"]]}\n"
                "]\n");
}

/* ---- NUL bytes are data ---- */

static void nul_in_quoted_strict(void **state) {
  static const char in[] = "</a>; rel=\"x\0y\"\n";
  (void)state;
  check_error(in, sizeof in - 1, 1, 12, LINKHDR_E_QUOTE_CHAR);
}

static void nul_in_quoted_lenient(void **state) {
  static const char in[] = "</a>; rel=\"x\0y\"\n";
  (void)state;
  check_run(lenient_args, in, sizeof in - 1,
            "[\n"
            "  {\"target\": \"/a\", \"params\": [[\"rel\", \"x\\u0000y\"]]}\n"
            "]\n",
            "", 0);
}

static void nul_in_target_line_2(void **state) {
  static const char in[] = "</a>\n</b\0c>; rel=x\n";
  (void)state;
  check_error(in, sizeof in - 1, 2, 3, LINKHDR_E_TARGET_CHAR);
}

/* ---- command line ---- */

static void parse_help(void **state) {
  static const char *const args[] = {"parse", "--help", NULL};
  const run_result *r = run_cli(args, "", 0);
  (void)state;
  assert_int_equal(r->status, 0);
  assert_string_equal(r->err, "");
  assert_true(strncmp(r->out, "usage: linkhdr parse [--lenient] [FILE]\n", 40) == 0);
  assert_non_null(strstr(r->out, "  --lenient "));
}

static void tool_help_and_version(void **state) {
  static const char *const help[] = {"--help", NULL};
  static const char *const version[] = {"--version", NULL};
  const run_result *r = run_cli(help, "", 0);
  (void)state;
  assert_int_equal(r->status, 0);
  assert_string_equal(r->err, "");
  assert_true(strncmp(r->out, "usage: linkhdr COMMAND", 22) == 0);
  assert_non_null(strstr(r->out, "\n  parse "));
  check_run(version, "", 0, "linkhdr " LINKHDR_VERSION "\n", "", 0);
}

/* A usage error: exit 2, nothing on stdout, `first` then the usage on stderr. */
static void check_usage_error(const char *const *args, const char *first, const char *usage) {
  const run_result *r = run_cli(args, "</a>\n", 5);
  assert_int_equal(r->status, 2);
  assert_string_equal(r->out, "");
  assert_true(strncmp(r->err, first, strlen(first)) == 0);
  assert_true(strncmp(r->err + strlen(first), usage, strlen(usage)) == 0);
}

static void unknown_option(void **state) {
  static const char *const a1[] = {"parse", "--bogus", NULL};
  static const char *const a2[] = {"parse", "--lenient=yes", NULL};
  static const char *const a3[] = {"parse", "-x", NULL};
  (void)state;
  check_usage_error(a1, "linkhdr parse: unknown option '--bogus'\n", "usage: linkhdr parse ");
  check_usage_error(a2, "linkhdr parse: unknown option '--lenient=yes'\n",
                    "usage: linkhdr parse ");
  check_usage_error(a3, "linkhdr parse: unknown option '-x'\n", "usage: linkhdr parse ");
}

static void too_many_arguments(void **state) {
  static const char *const args[] = {"parse", "a", "b", NULL};
  (void)state;
  check_usage_error(args, "linkhdr parse: unexpected argument 'b'\n", "usage: linkhdr parse ");
}

static void missing_or_unknown_command(void **state) {
  static const char *const none[] = {NULL};
  static const char *const bogus[] = {"frobnicate", NULL};
  (void)state;
  check_usage_error(none, "linkhdr: missing command\n", "usage: linkhdr COMMAND");
  check_usage_error(bogus, "linkhdr: unknown command 'frobnicate'\n", "usage: linkhdr COMMAND");
}

static void missing_file(void **state) {
  static const char path[] = "/nonexistent-linkhdr-dir/links.txt";
  static const char *const args[] = {"parse", path, NULL};
  char err[256];
  (void)state;
  snprintf(err, sizeof err, "linkhdr: cannot read '%s': %s\n", path, strerror(ENOENT));
  check_run(args, "</a>\n", 5, "", err, 2);
}

static void directory_is_unreadable(void **state) {
  static const char *const args[] = {"parse", "/", NULL};
  char err[256];
  (void)state;
  snprintf(err, sizeof err, "linkhdr: cannot read '/': %s\n", strerror(EISDIR));
  check_run(args, "", 0, "", err, 2);
}

/* The temporary input file, if one exists; removed by the next temp_file()
 * and at the end, so that a failed test leaves nothing behind. */
static char temp_path[64];

static void remove_temp(void) {
  if (temp_path[0] != '\0') unlink(temp_path);
  temp_path[0] = '\0';
}

/* Write `content` to a new temporary file; returns its path. */
static const char *temp_file(const char *content) {
  const char *dir = getenv("TMPDIR");
  size_t n = strlen(content);
  int fd;
  remove_temp();
  if (dir == NULL || strlen(dir) > 40) dir = "/tmp";
  snprintf(temp_path, sizeof temp_path, "%s/linkhdr-cli-XXXXXX", dir);
  fd = mkstemp(temp_path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, content, n), (ssize_t)n);
  assert_int_equal(close(fd), 0);
  return temp_path;
}

static void file_argument_not_stdin(void **state) {
  const char *path = temp_file("</a>; rel=next\r\n</b>; rel=prev");
  const char *const args[] = {"parse", path, NULL};
  (void)state;
  /* stdin holds something else, which must be ignored. */
  check_run(args, "</stdin>\n", 9, two_links_json, "", 0);
  remove_temp();
}

static void file_argument_error_and_lenient(void **state) {
  const char *path = temp_file("</a>; rel=next\n</b> x\n");
  const char *const strict[] = {"parse", path, NULL};
  const char *const lenient[] = {"parse", path, "--lenient", NULL};
  (void)state;
  check_run(strict, "", 0, "", error_line(2, 5, LINKHDR_E_EXPECTED_SEPARATOR), 1);
  check_run(lenient, "", 0,
            "[\n"
            "  {\"target\": \"/a\", \"params\": [[\"rel\", \"next\"]]},\n"
            "  {\"target\": \"/b\", \"params\": []}\n"
            "]\n",
            "", 0);
  remove_temp();
}

static void dash_is_stdin(void **state) {
  static const char *const args[] = {"parse", "-", NULL};
  static const char *const after_dashes[] = {"parse", "--", "-", NULL};
  static const char in[] = "</a>; rel=next, </b>; rel=prev\n";
  (void)state;
  check_run(args, in, sizeof in - 1, two_links_json, "", 0);
  check_run(after_dashes, in, sizeof in - 1, two_links_json, "", 0);
}

/* ---- JSON ---- */

static void json_quote_and_backslash(void **state) {
  (void)state;
  check_parse("</a>; title=\"say \\\"hi\\\" \\\\ ok\"\n",
              "[\n"
              "  {\"target\": \"/a\", \"params\": [[\"title\", \"say \\\"hi\\\" \\\\ ok\"]]}\n"
              "]\n");
}

static void json_control_bytes_lenient(void **state) {
  static const char in[] = "</a\x01>; x=a\x01" "b\x1f" "c\x7f" "d\te; y=\"\x1b\"\n";
  (void)state;
  check_run(lenient_args, in, sizeof in - 1,
            "[\n"
            "  {\"target\": \"/a\\u0001\", \"params\": [[\"x\", "
            "\"a\\u0001b\\u001fc\\u007fd\\u0009e\"], [\"y\", \"\\u001b\"]]}\n"
            "]\n",
            "", 0);
}

static void json_utf8_and_invalid_bytes(void **state) {
  /* obs-text is allowed in a quoted-string: valid UTF-8 passes through, each
   * byte of an invalid sequence becomes \u00XX. */
  static const char in[] = "</a>; title=\"\xc3\xa9 \xff \xe2\x82 \xed\xa0\x80\"\n";
  (void)state;
  check_run(strict_args, in, sizeof in - 1,
            "[\n"
            "  {\"target\": \"/a\", \"params\": [[\"title\", "
            "\"\xc3\xa9 \\u00ff \\u00e2\\u0082 \\u00ed\\u00a0\\u0080\"]]}\n"
            "]\n",
            "", 0);
}

static void valueless_vs_empty(void **state) {
  (void)state;
  check_parse("</a>; crossorigin; crossorigin=\"\"; nopush\n",
              "[\n"
              "  {\"target\": \"/a\", \"params\": [[\"crossorigin\", null], "
              "[\"crossorigin\", \"\"], [\"nopush\", null]]}\n"
              "]\n");
}

static void names_lowercased_duplicates_kept(void **state) {
  (void)state;
  check_parse("</A>; REL=Next; Rel=\"prev\"; rel = up\n",
              "[\n"
              "  {\"target\": \"/A\", \"params\": [[\"rel\", \"Next\"], [\"rel\", \"prev\"], "
              "[\"rel\", \"up\"]]}\n"
              "]\n");
}

static void title_star_decoded(void **state) {
  (void)state;
  check_parse("</a>; title*=UTF-8'de'n%c3%a4chstes%20Kapitel; "
              "title*=iso-8859-1'en'%A3%20rates\n",
              "[\n"
              "  {\"target\": \"/a\", \"params\": [[\"title*\", \"n\xc3\xa4" "chstes Kapitel\"], "
              "[\"title*\", \"\xc2\xa3 rates\"]]}\n"
              "]\n");
}

static void title_star_bad_strict_raw_lenient(void **state) {
  static const char in[] = "</a>; title*=UTF-8''%FF\n";
  (void)state;
  check_error(in, sizeof in - 1, 1, 13 + 7, LINKHDR_E_EXT_UTF8);
  check_lenient(in,
                "[\n"
                "  {\"target\": \"/a\", \"params\": [[\"title*\", \"UTF-8''%FF\"]]}\n"
                "]\n");
}

static void appendix_b_target_side_by_side(void **state) {
  static const char in[] = "</a; rel=x, </b>; rel=y\n";
  (void)state;
  check_error(in, sizeof in - 1, 1, 4, LINKHDR_E_TARGET_CHAR);
  check_lenient(in,
                "[\n"
                "  {\"target\": \"/a; rel=x, </b\", \"params\": [[\"rel\", \"y\"]]}\n"
                "]\n");
}

static void empty_list_elements_and_no_params(void **state) {
  (void)state;
  check_parse(", </a>,, </b> ,\n",
              "[\n"
              "  {\"target\": \"/a\", \"params\": []},\n"
              "  {\"target\": \"/b\", \"params\": []}\n"
              "]\n");
}

static int setup(void **state) {
  (void)state;
  cli_path = getenv("LINKHDR_CLI");
  if (cli_path == NULL || access(cli_path, X_OK) != 0) {
    fprintf(stderr, "LINKHDR_CLI must name the built linkhdr tool (run via meson test)\n");
    return -1;
  }
  /* A tool that exits before reading all its input must not kill us. */
  signal(SIGPIPE, SIG_IGN);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  free_last();
  remove_temp();
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(issue_single_preload),
      cmocka_unit_test(issue_three_entries),
      cmocka_unit_test(font_entry_with_type_and_valueless_crossorigin),
      cmocka_unit_test(issue_three_entries_lenient),
      cmocka_unit_test(issue_font_woff2_strict),
      cmocka_unit_test(issue_font_woff2_lenient),
      cmocka_unit_test(crlf_input),
      cmocka_unit_test(crlf_error_offset),
      cmocka_unit_test(no_final_newline),
      cmocka_unit_test(several_lines),
      cmocka_unit_test(error_on_line_2),
      cmocka_unit_test(error_on_line_3_after_empty_line),
      cmocka_unit_test(empty_input),
      cmocka_unit_test(only_newlines),
      cmocka_unit_test(lenient_bad_line_keeps_next),
      cmocka_unit_test(nul_in_quoted_strict),
      cmocka_unit_test(nul_in_quoted_lenient),
      cmocka_unit_test(nul_in_target_line_2),
      cmocka_unit_test(parse_help),
      cmocka_unit_test(tool_help_and_version),
      cmocka_unit_test(unknown_option),
      cmocka_unit_test(too_many_arguments),
      cmocka_unit_test(missing_or_unknown_command),
      cmocka_unit_test(missing_file),
      cmocka_unit_test(directory_is_unreadable),
      cmocka_unit_test(file_argument_not_stdin),
      cmocka_unit_test(file_argument_error_and_lenient),
      cmocka_unit_test(dash_is_stdin),
      cmocka_unit_test(json_quote_and_backslash),
      cmocka_unit_test(json_control_bytes_lenient),
      cmocka_unit_test(json_utf8_and_invalid_bytes),
      cmocka_unit_test(valueless_vs_empty),
      cmocka_unit_test(names_lowercased_duplicates_kept),
      cmocka_unit_test(title_star_decoded),
      cmocka_unit_test(title_star_bad_strict_raw_lenient),
      cmocka_unit_test(appendix_b_target_side_by_side),
      cmocka_unit_test(empty_list_elements_and_no_params),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
