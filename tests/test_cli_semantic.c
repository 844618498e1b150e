/* The linkhdr tool's preload subcommands, run as a program: `lint`,
 * `build`, `hints` and `push`, with their exact stdout, stderr and exit
 * status. The path of the tool comes from $LINKHDR_CLI. */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>

#include "linkhdr.h"
#include "testutil.h"

extern char **environ;

static const char *cli;
static char dir[] = "/tmp/linkhdr-cli-semantic-XXXXXX";
static char in_path[64], out_path[64], err_path[64];

/* What one run printed (NUL-terminated) and its exit status. */
static char *out, *err;
static int status;

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  char *s;
  long n;
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  s = malloc((size_t)n + 1);
  assert_non_null(s);
  assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
  s[n] = '\0';
  fclose(f);
  return s;
}

/* Run the tool with args (NULL-terminated, without argv[0]) and in[0 .. n)
 * as its standard input; no shell involved. */
static void run_n(const char *const *args, const char *in, size_t n) {
  char *argv[32];
  size_t k = 0;
  posix_spawn_file_actions_t fa;
  pid_t pid;
  int w;
  FILE *f = fopen(in_path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(in, 1, n, f), n);
  fclose(f);
  argv[k++] = (char *)cli;
  while (*args) {
    assert_true(k < 31);
    argv[k++] = (char *)*args++;
  }
  argv[k] = NULL;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, in_path, O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  assert_int_equal(posix_spawn(&pid, cli, &fa, NULL, argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  assert_int_equal(waitpid(pid, &w, 0), pid);
  status = WIFEXITED(w) ? WEXITSTATUS(w) : 128 + WTERMSIG(w);
  free(out);
  free(err);
  out = slurp(out_path);
  err = slurp(err_path);
}

static void run(const char *const *args, const char *in) { run_n(args, in, strlen(in)); }

static void expect(const char *const *args, const char *in, const char *want_out,
                   const char *want_err, int want_status) {
  run(args, in);
  assert_string_equal(out, want_out);
  if (want_err) assert_string_equal(err, want_err);
  assert_int_equal(status, want_status);
}

/* Usage errors: exit 2, nothing on stdout, the usage on stderr. */
static void expect_usage(const char *const *args, const char *first_err_line) {
  run(args, "");
  assert_string_equal(out, "");
  assert_int_equal(status, 2);
  assert_memory_equal(err, first_err_line, strlen(first_err_line));
  assert_non_null(strstr(err, "usage: linkhdr "));
}

static int setup(void **state) {
  (void)state;
  cli = getenv("LINKHDR_CLI");
  if (cli == NULL) return -1;
  if (mkdtemp(dir) == NULL) return -1;
  snprintf(in_path, sizeof in_path, "%s/in", dir);
  snprintf(out_path, sizeof out_path, "%s/out", dir);
  snprintf(err_path, sizeof err_path, "%s/err", dir);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  free(out);
  free(err);
  unlink(in_path);
  unlink(out_path);
  unlink(err_path);
  rmdir(dir);
  return 0;
}

/* ---- lint ---- */

static const char *const lint_args[] = {"lint", NULL};

/* The README's example, verbatim. */
static void lint_readme_example(void **state) {
  (void)state;
  expect(lint_args, "</fonts/font.woff2>; rel=preload; as=font/woff2; crossorigin\n",
         "0: error: syntax: expected ';', ',' or end of value at offset 41\n"
         "0: error: as-invalid: 'as=font/woff2' is not a preload destination: nothing is "
         "fetched (fix: as=font; type=\"font/woff2\")\n",
         "", 1);
}

static void lint_clean_and_warnings(void **state) {
  (void)state;
  expect(lint_args,
         "</css/style.css>; rel=preload; as=style, </fonts/a.woff2>; rel=preload; as=font; "
         "type=\"font/woff2\"; crossorigin\n",
         "", "", 0);
  expect(lint_args, "", "", "", 0);
  /* warnings and info alone exit 0 */
  expect(lint_args, "</a.woff2>; rel=preload; as=font, </b.css>; rel=\"preload\"; as=style\n",
         "0: warning: crossorigin-missing: font preload without crossorigin: it is downloaded "
         "twice (fix: crossorigin)\n"
         "34: info: portability: rel is quoted: h2o never pushes a quoted rel=preload "
         "(fix: rel=preload)\n",
         "", 0);
}

/* Every code through the tool; OFFSET counts bytes in the input, across
 * lines (CRLF ones too). */
static void lint_codes_and_offsets(void **state) {
  (void)state;
  expect(lint_args,
         "</a.css>; rel=preload; as=stylesheet\r\n"
         "</b.js>; rel=preload, </c.js>; rel=preload; as=script; type=\"text/css\"\n"
         "<https://fonts.gstatic.com/css>; rel=preconnect, </d>; rel=x; rel=y\n"
         "</e>; rel=preload; as=fetch; crossorigin=yes, </f>; rel=next; title=\"a, b\", junk\n",
         "0: error: as-invalid: 'as=stylesheet' is not a preload destination: nothing is fetched "
         "(fix: as=style)\n"
         "38: error: as-missing: preload without 'as': nothing is fetched (fix: as=script)\n"
         "60: error: type-mismatch: type 'text/css' does not fit as=script: the preload is "
         "skipped (fix: as=style)\n"
         "109: warning: preconnect-path: preconnect to a URL with a path, query or fragment: "
         "only its origin is used (fix: <https://fonts.gstatic.com>)\n"
         "158: warning: duplicate-param: 'rel' appears more than once: only the first counts\n"
         "177: warning: crossorigin-invalid: 'crossorigin=yes' is not anonymous or "
         "use-credentials: browsers ignore it (fix: crossorigin)\n"
         "223: info: portability: ',' or ';' inside a quoted string: naive parsers split the "
         "link there\n"
         "253: error: syntax: expected '<' to start a link-value at offset 76\n",
         "", 1);
}

static void lint_budget_and_json(void **state) {
  (void)state;
  {
    const char *const args[] = {"lint", "--budget", "40", NULL};
    expect(args, "</a.css>; rel=preload; as=style, </b.css>; rel=preload; as=style\n",
           "33: error: size: the value is 64 bytes, over the budget of 40\n", "", 1);
  }
  {
    const char *const args[] = {"lint", "--budget=64", NULL};
    expect(args, "</a.css>; rel=preload; as=style, </b.css>; rel=preload; as=style\n", "", "", 0);
  }
  {
    const char *const args[] = {"lint", "--json", NULL};
    expect(args, "</a.css>; rel=preload; as=css\n</f>; rel=preload; as=font\n",
           "[\n"
           "  {\"offset\": 0, \"line\": 1, \"line_offset\": 0, \"index\": 0, \"severity\": "
           "\"error\", \"code\": \"as-invalid\", \"message\": \"'as=css' is not a preload "
           "destination: nothing is fetched\", \"fix\": \"as=style\"},\n"
           "  {\"offset\": 30, \"line\": 2, \"line_offset\": 0, \"index\": 1, \"severity\": "
           "\"warning\", \"code\": \"crossorigin-missing\", \"message\": \"font preload without "
           "crossorigin: it is downloaded twice\", \"fix\": \"crossorigin\"}\n"
           "]\n",
           "", 1);
    expect(args, "</a.css>; rel=preload; as=style\n", "[]\n", "", 0);
  }
  {
    const char *const bad[][4] = {{"lint", "--budget", "0", NULL},
                                  {"lint", "--budget", "-5", NULL},
                                  {"lint", "--budget", "12kb", NULL}};
    size_t i;
    for (i = 0; i < 3; i++)
      expect_usage(bad[i], "linkhdr lint: --budget needs a positive number of bytes");
  }
}

static void lint_usage_and_files(void **state) {
  const char *const help[] = {"lint", "--help", NULL};
  const char *const unknown[] = {"lint", "--nope", NULL};
  const char *const missing[] = {"lint", "/nonexistent/linkhdr-test", NULL};
  const char *const file[] = {"lint", in_path, NULL};
  (void)state;
  run(help, "");
  assert_int_equal(status, 0);
  assert_memory_equal(out, "usage: linkhdr lint", 19);
  assert_non_null(strstr(out, "OFFSET: SEVERITY: CODE: MESSAGE (fix: FIX)"));
  expect_usage(unknown, "linkhdr lint: unknown option '--nope'");
  run(missing, "");
  assert_int_equal(status, 2);
  assert_string_equal(out, "");
  /* FILE instead of standard input (the runner writes the input there) */
  expect(file, "</a>; rel=preload\n",
         "0: error: as-missing: preload without 'as': nothing is fetched\n", "", 1);
}

/* ---- build ---- */

static void build_example(void **state) {
  const char *const args[] = {"build", "/css/style.css", "rel=preload", "as=style", "--",
                              "/fonts/a.woff2", "rel=preload", "as=font", "type=font/woff2",
                              "crossorigin", NULL};
  (void)state;
  expect(args, "",
         "</css/style.css>; rel=preload; as=style, </fonts/a.woff2>; rel=preload; as=font; "
         "type=\"font/woff2\"; crossorigin\n",
         "", 0);
}

/* Every value printed parses strictly back to the same links: targets as
 * given, names as given, values as given (after unescaping and decoding),
 * valueless ones valueless. args: the build arguments after "build". */
static void round_trip(const char *const *args) {
  const char *argv[32];
  size_t n = 0, i;
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param prm;
  char *copy, text[256];
  int first = 1;
  argv[n++] = "build";
  for (i = 0; args[i]; i++) argv[n++] = args[i];
  argv[n] = NULL;
  run(argv, "");
  assert_int_equal(status, 0);
  assert_string_equal(err, "");
  n = strlen(out);
  assert_true(n > 0 && out[n - 1] == '\n');
  copy = heap_copy(out, n - 1);
  linkhdr_parser_init(&p, copy, n - 1, LINKHDR_STRICT);
  for (i = 0; args[i]; i++) {
    const char *eq;
    size_t len;
    if (first || strcmp(args[i], "--") == 0) {
      if (!first) i++;
      first = 0;
      assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_OK);
      assert_int_equal(link.target.len, strlen(args[i]));
      assert_memory_equal(link.target.base, args[i], link.target.len);
      continue;
    }
    assert_int_equal(linkhdr_next_param(&p, &prm), LINKHDR_OK);
    eq = strchr(args[i], '=');
    len = eq ? (size_t)(eq - args[i]) : strlen(args[i]);
    assert_int_equal(prm.name.len, len);
    assert_memory_equal(prm.name.base, args[i], len);
    if (!eq) {
      assert_int_equal(prm.type, LINKHDR_VALUE_NONE);
      continue;
    }
    assert_int_not_equal(prm.type, LINKHDR_VALUE_NONE);
    assert_int_equal(linkhdr_param_value(&prm, text, sizeof text, &len), LINKHDR_OK);
    assert_int_equal(len, strlen(eq + 1));
    assert_memory_equal(text, eq + 1, len);
  }
  assert_int_equal(linkhdr_next_param(&p, &prm), LINKHDR_DONE);
  assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_DONE);
  free(copy);
}

static void build_round_trips(void **state) {
  (void)state;
  {
    const char *const a[] = {"/a", "title=Chapter \"2\", part \\3; end", "e=", "x", "t=tok", NULL};
    round_trip(a);
    assert_string_equal(out, "</a>; title=\"Chapter \\\"2\\\", part \\\\3; end\"; e=\"\"; x; "
                             "t=tok\n");
  }
  {
    const char *const a[] = {"https://example.com/a,b;c?x=1&y=%20#f", "rel=preload",
                             "title*=Kapitel \xe2\x91\xa1", "--", "", "rel=next", "--",
                             "//cdn.example/x", "anchor=#top", NULL};
    round_trip(a);
  }
  {
    const char *const a[] = {"/only", NULL};
    round_trip(a);
    assert_string_equal(out, "</only>\n");
  }
}

/* An invalid argument: exit 1, nothing on stdout, one line on stderr. */
static void refused(const char *const *args, const char *want_err) {
  run(args, "");
  assert_int_equal(status, 1);
  assert_string_equal(out, "");
  if (want_err) assert_string_equal(err, want_err);
  else assert_true(strlen(err) > 0 && strchr(err, '\n') == err + strlen(err) - 1);
}

static void build_refuses_injection(void **state) {
  static const char *const targets[] = {
      "/a\r\nSet-Cookie: x=y", "/a\n", "/a\r", "/a\x01", "/a\x7f", "/a\tb", "/a>", "/a>; rel=x, </b",
      "/a b", "/a\"b", "/\xc3\xa9", "/a<b", "/a\\b", "/a^b", "/a{b}", "/a|b", "/a#b#c", "http://[x/",
  };
  static const char *const params[] = {
      "na me=x", "a;b=x", "a,b=x", "=x", "", "a\"b=x", "a\r\n=x", "a=b\r\nX: y", "a=\x01",
      "a=\x7f", "a=b\tc", "a:b=c", "a/b=c", "a(b)=c", "a@b", "t*=\xff\xfe",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
    const char *const args[] = {"build", "/ok", "rel=preload", "--", targets[i], "rel=preload",
                                NULL};
    refused(args, NULL);
    assert_memory_equal(err, "linkhdr build: link 2, target '", 31);
  }
  for (i = 0; i < sizeof params / sizeof params[0]; i++) {
    const char *const args[] = {"build", "/ok", "rel=preload", params[i], NULL};
    refused(args, NULL);
    assert_memory_equal(err, "linkhdr build: link 1, parameter '", 34);
  }
  {
    const char *const args[] = {"build", "/a\r\nSet-Cookie: x=y", NULL};
    refused(args, "linkhdr build: link 1, target '/a\\x0D\\x0ASet-Cookie: x=y': control "
                  "character in input at offset 2\n");
  }
  {
    const char *const args[] = {"build", "/a", "rel=x\ny", NULL};
    refused(args, "linkhdr build: link 1, parameter 'rel=x\\x0Ay': control character in input "
                  "at offset 5\n");
  }
  {
    const char *const args[] = {"build", "/a", "na me", NULL};
    refused(args, "linkhdr build: link 1, parameter 'na me': parameter name is not a token at "
                  "offset 2\n");
  }
  {
    const char *const args[] = {"build", "/a>", NULL};
    refused(args, "linkhdr build: link 1, target '/a>': byte not allowed in a URI-Reference at "
                  "offset 2\n");
  }
}

static void build_usage(void **state) {
  const char *const none[] = {"build", NULL};
  const char *const lead[] = {"build", "--", "/a", NULL};
  const char *const trail[] = {"build", "/a", "--", NULL};
  const char *const twice[] = {"build", "/a", "--", "--", "/b", NULL};
  const char *const help[] = {"build", "-h", NULL};
  (void)state;
  expect_usage(none, "linkhdr build: missing TARGET\n");
  expect_usage(lead, "linkhdr build: missing TARGET after '--'\n");
  expect_usage(trail, "linkhdr build: missing TARGET after '--'\n");
  expect_usage(twice, "linkhdr build: missing TARGET after '--'\n");
  run(help, "");
  assert_int_equal(status, 0);
  assert_memory_equal(out, "usage: linkhdr build TARGET", 27);
}

/* ---- hints ---- */

static void hints_derive(void **state) {
  const char *const args[] = {"hints", NULL};
  (void)state;
  expect(args,
         "</css/a.css>; rel=preload; as=style; nopush, </next>; rel=next\n"
         "<https://fonts.gstatic.com>; rel=preconnect; crossorigin, </m.js>; rel=modulepreload, "
         "</x.css>; rel=preload; as=style; anchor=\"/o\", </css/a.css>;REL=\"preload\";as=style, "
         "</f.woff2>; rel=preload; as=font/woff2, </j.js>; rel=preload; as=script; critical\n",
         "</css/a.css>; rel=preload; as=style, <https://fonts.gstatic.com>; rel=preconnect; "
         "crossorigin, </j.js>; rel=preload; as=script\n",
         "linkhdr hints: 45: dropped: not-preload\n"
         "linkhdr hints: 121: dropped: not-preload\n"
         "linkhdr hints: 149: dropped: anchor\n"
         "linkhdr hints: 195: dropped: duplicate\n"
         "linkhdr hints: 232: dropped: syntax\n",
         0);
}

static void hints_options(void **state) {
  const char *in = "</a.css>; rel=preload; as=style, </m.js>; rel=modulepreload, "
                   "</b.js>; rel=preload; as=script\n";
  (void)state;
  {
    const char *const args[] = {"hints", "--modulepreload", NULL};
    expect(args, in,
           "</a.css>; rel=preload; as=style, </m.js>; rel=modulepreload, </b.js>; rel=preload; "
           "as=script\n",
           "", 0);
  }
  {
    const char *const args[] = {"hints", "--modulepreload", "--budget", "58", NULL};
    expect(args, in, "</a.css>; rel=preload; as=style\n",
           "linkhdr hints: 33: dropped: budget\nlinkhdr hints: 61: dropped: budget\n", 0);
  }
  {
    const char *const args[] = {"hints", "--budget=10", NULL};
    expect(args, in, "",
           "linkhdr hints: 0: dropped: budget\nlinkhdr hints: 33: dropped: not-preload\n"
           "linkhdr hints: 61: dropped: budget\n",
           0);
  }
  {
    const char *const args[] = {"hints", "--budget", "0", NULL};
    expect_usage(args, "linkhdr hints: --budget needs a positive number of bytes");
  }
  {
    const char *const args[] = {"hints", "--help", NULL};
    run(args, "");
    assert_int_equal(status, 0);
    assert_memory_equal(out, "usage: linkhdr hints", 20);
  }
}

/* Pitfall 1: a quoted comma never yields a hint. */
static void hints_quoted_comma(void **state) {
  const char *const args[] = {"hints", NULL};
  (void)state;
  expect(args, "</a>; rel=next; title=\"x, </evil>; rel=preload; z=\"\n", "",
         "linkhdr hints: 0: dropped: not-preload\n", 0);
  expect(args, "</a>; rel=next; title=\"x, </evil>; rel=preload; z=\n", "",
         "linkhdr hints: 0: dropped: syntax\n", 0);
}

/* ---- push ---- */

#define BASE "https://example.com/dir/page.html"

static void push_paths(void **state) {
  const char *const args[] = {"push", "--base", BASE, NULL};
  (void)state;
  expect(args,
         "</css/a.css>; rel=preload; as=style, <js/b.js?v=2#x>; rel=preload; as=script; critical, "
         "</c.css>; rel=preload; nopush, </n>; rel=next\n"
         "</d.js>; rel=preload; x-http2-push-only, <https://cdn.example.com/e.js>; rel=preload\n",
         "/css/a.css\n/dir/js/b.js?v=2\n/d.js\n", "", 0);
}

/* What h2o and nginx get wrong. */
static void push_pitfalls(void **state) {
  const char *const args[] = {"push", "--base", BASE, NULL};
  (void)state;
  /* a quoted rel */
  expect(args, "</a.css>; rel=\"preload\", </b.css>; rel=\"preload stylesheet\"\n",
         "/a.css\n/b.css\n", "", 0);
  /* a comma inside a quoted string */
  expect(args, "</a>; rel=next; title=\"x, </evil>; rel=preload; z=\", </ok.css>; rel=preload\n",
         "/ok.css\n", "", 0);
  /* .. segments */
  expect(args, "</../../a.css>; rel=preload, <../b/./c/../d.js>; rel=preload\n",
         "/a.css\n/b/d.js\n", "", 0);
  /* default ports and case */
  expect(args,
         "<https://example.com:443/a.css>; rel=preload, <HTTPS://EXAMPLE.COM/b.css>; "
         "rel=preload, <http://example.com:80/c.css>; rel=preload, "
         "<https://example.com:8443/d.css>; rel=preload\n",
         "/a.css\n/b.css\n", "", 0);
  {
    const char *const http[] = {"push", "--base", "http://example.com:80/", NULL};
    expect(http, "<http://example.com/a.css>; rel=preload, <//example.com:80/b.css>; rel=preload\n",
           "/a.css\n/b.css\n", "", 0);
  }
  /* a bad link-value is skipped, with a note; the others count */
  expect(args, "</a b>; rel=preload, </ok.js>; rel=preload, junk\n", "/ok.js\n",
         "linkhdr push: line 1, offset 3: byte not allowed in a URI-Reference (link-value "
         "skipped)\n"
         "linkhdr push: line 1, offset 44: expected '<' to start a link-value (link-value "
         "skipped)\n",
         0);
}

static void push_cross_origin_and_json(void **state) {
  const char *in = "</a.css>; rel=preload; as=style; critical, <https://cdn.example.com/b.js#f>; "
                   "rel=preload; as=script, </c.js>; rel=preload; x-http2-push-only; as=js\n";
  (void)state;
  {
    const char *const args[] = {"push", "--cross-origin", "--base", BASE, NULL};
    expect(args, in, "/a.css\nhttps://cdn.example.com/b.js\n/c.js\n", "", 0);
  }
  {
    const char *const args[] = {"push", "--json", "--base=" BASE, NULL};
    expect(args, in,
           "{\"paths\": [\n"
           "  {\"path\": \"/a.css\", \"as\": \"style\", \"critical\": true, \"cross_origin\": "
           "false, \"line\": 1, \"offset\": 0},\n"
           "  {\"path\": \"/c.js\", \"as\": \"invalid\", \"critical\": false, \"cross_origin\": "
           "false, \"line\": 1, \"offset\": 101}\n"
           " ],\n"
           " \"link\": \"</a.css>; rel=preload; as=style; critical, "
           "<https://cdn.example.com/b.js#f>; rel=preload; as=script\"}\n",
           "", 0);
    expect(args, "</n>; rel=next\n", "{\"paths\": [],\n \"link\": \"</n>; rel=next\"}\n", "", 0);
  }
}

static void push_usage(void **state) {
  const char *const none[] = {"push", NULL};
  const char *const rel[] = {"push", "--base", "/dir/page", NULL};
  const char *const bad[] = {"push", "--base", "https://exa mple.com/", NULL};
  const char *const ctl[] = {"push", "--base", "https://a/\x1b[31m", NULL};
  const char *const help[] = {"push", "--help", NULL};
  (void)state;
  expect_usage(none, "linkhdr push: missing --base URI\n");
  expect(rel, "", "", "linkhdr push: --base '/dir/page': not an absolute URI (no scheme)\n", 2);
  expect(bad, "", "",
         "linkhdr push: --base 'https://exa mple.com/': byte not allowed in a URI-Reference at "
         "offset 11\n",
         2);
  expect(ctl, "", "",
         "linkhdr push: --base 'https://a/\\x1B[31m': control character in input at offset 10\n",
         2);
  run(help, "");
  assert_int_equal(status, 0);
  assert_memory_equal(out, "usage: linkhdr push --base URI", 30);
}

/* `linkhdr --help` lists the subcommands. */
static void listed_in_help(void **state) {
  const char *const args[] = {"--help", NULL};
  (void)state;
  run(args, "");
  assert_int_equal(status, 0);
  assert_non_null(strstr(out, "\n  lint "));
  assert_non_null(strstr(out, "\n  build "));
  assert_non_null(strstr(out, "\n  hints "));
  assert_non_null(strstr(out, "\n  push "));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lint_readme_example),
      cmocka_unit_test(lint_clean_and_warnings),
      cmocka_unit_test(lint_codes_and_offsets),
      cmocka_unit_test(lint_budget_and_json),
      cmocka_unit_test(lint_usage_and_files),
      cmocka_unit_test(build_example),
      cmocka_unit_test(build_round_trips),
      cmocka_unit_test(build_refuses_injection),
      cmocka_unit_test(build_usage),
      cmocka_unit_test(hints_derive),
      cmocka_unit_test(hints_options),
      cmocka_unit_test(hints_quoted_comma),
      cmocka_unit_test(push_paths),
      cmocka_unit_test(push_pitfalls),
      cmocka_unit_test(push_cross_origin_and_json),
      cmocka_unit_test(push_usage),
      cmocka_unit_test(listed_in_help),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
