/* The frame shared by the linkhdr tool's subcommands (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- options ---- */

int cli_usage_error(const cli_command *cmd, const char *message, const char *arg) {
  if (arg != NULL)
    fprintf(stderr, "linkhdr %s: %s '%s'\n", cmd->name, message, arg);
  else
    fprintf(stderr, "linkhdr %s: %s\n", cmd->name, message);
  fputs(cmd->usage, stderr);
  return CLI_EXIT_USAGE;
}

/* The option whose name is the text before '=' (or all) of arg, or NULL. */
static const cli_option *find_option(const cli_option *opts, size_t nopts, const char *arg,
                                     size_t arglen) {
  size_t i;
  for (i = 0; i < nopts; i++)
    if (strlen(opts[i].name) == arglen && memcmp(opts[i].name, arg, arglen) == 0)
      return &opts[i];
  return NULL;
}

int cli_parse_options(const cli_command *cmd, int argc, char **argv, const cli_option *opts,
                      size_t nopts, const char **pos, size_t max_pos, size_t *npos) {
  int i, only_positionals = 0;
  *npos = 0;
  for (i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (!only_positionals && arg[0] == '-' && arg[1] != '\0') {
      const char *eq = strchr(arg, '=');
      size_t namelen = eq ? (size_t)(eq - arg) : strlen(arg);
      const cli_option *o;
      if (strcmp(arg, "--") == 0) {
        only_positionals = 1;
        continue;
      }
      if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
        fputs(cmd->usage, stdout);
        return CLI_EXIT_OK;
      }
      o = find_option(opts, nopts, arg, namelen);
      if (o == NULL || (o->flag != NULL && eq != NULL))
        return cli_usage_error(cmd, "unknown option", arg);
      if (o->flag != NULL) {
        *o->flag = 1;
      } else if (eq != NULL) {
        *o->value = eq + 1;
      } else if (i + 1 < argc) {
        *o->value = argv[++i];
      } else {
        return cli_usage_error(cmd, "missing argument for", arg);
      }
      continue;
    }
    if (*npos == max_pos) return cli_usage_error(cmd, "unexpected argument", arg);
    pos[(*npos)++] = arg;
  }
  return CLI_CONTINUE;
}

/* ---- input ---- */

/* Grow *p (of *cap elements of `size` bytes) to hold at least `need`. */
static int grow(void **p, size_t *cap, size_t need, size_t size) {
  size_t ncap = *cap ? *cap : 16;
  void *np;
  if (need <= *cap) return 0;
  while (ncap < need) {
    if (ncap > ((size_t)-1 / 2) / size) return -1;
    ncap *= 2;
  }
  np = realloc(*p, ncap * size);
  if (np == NULL) return -1;
  *p = np;
  *cap = ncap;
  return 0;
}

/* Read all of f into in->data; fread keeps NUL bytes as data. */
static int read_all(FILE *f, cli_input *in) {
  size_t cap = 0;
  void *data = NULL;
  for (;;) {
    size_t got;
    if (grow(&data, &cap, in->len + 4096, 1) != 0) {
      free(data);
      errno = ENOMEM;
      return -1;
    }
    got = fread((char *)data + in->len, 1, cap - in->len, f);
    in->len += got;
    if (got == 0) break;
  }
  in->data = data;
  return ferror(f) ? -1 : 0;
}

/* Split in->data into lines on LF, dropping one CR before each LF. */
static int split_lines(cli_input *in) {
  size_t cap = 0, start = 0, i;
  void *lines = NULL;
  /* Always allocate, so that `lines` is a valid pointer even for 0 lines. */
  if (grow(&lines, &cap, 1, sizeof(linkhdr_view)) != 0) return -1;
  for (i = 0; i <= in->len; i++) {
    size_t end = i;
    /* The end of the data closes a line only if it is not empty: the final
     * newline is optional. */
    if (i == in->len ? i == start : in->data[i] != '\n') continue;
    if (i < in->len && end > start && in->data[end - 1] == '\r') end--;
    if (grow(&lines, &cap, in->nlines + 1, sizeof(linkhdr_view)) != 0) {
      free(lines);
      return -1;
    }
    ((linkhdr_view *)lines)[in->nlines].base = in->data + start;
    ((linkhdr_view *)lines)[in->nlines].len = end - start;
    in->nlines++;
    start = i + 1;
  }
  in->lines = lines;
  return 0;
}

int cli_read_input(const char *path, cli_input *in) {
  int use_stdin = path == NULL || strcmp(path, "-") == 0;
  FILE *f;
  int rc = -1, saved;
  memset(in, 0, sizeof *in);
  errno = 0;
  f = use_stdin ? stdin : fopen(path, "rb");
  if (f != NULL) rc = read_all(f, in);
  saved = errno;
  if (f != NULL && !use_stdin) fclose(f);
  if (rc == 0 && split_lines(in) != 0) {
    rc = -1;
    saved = ENOMEM;
  }
  if (rc != 0) {
    fprintf(stderr, "linkhdr: cannot read %s%s%s: %s\n", use_stdin ? "" : "'",
            use_stdin ? "standard input" : path, use_stdin ? "" : "'",
            saved ? strerror(saved) : "read error");
    cli_input_free(in);
    return CLI_EXIT_USAGE;
  }
  return CLI_EXIT_OK;
}

void cli_input_free(cli_input *in) {
  free(in->data);
  free(in->lines);
  memset(in, 0, sizeof *in);
}

/* ---- output ---- */

void cli_buf_put(cli_buf *b, const char *s, size_t n) {
  void *p = b->data;
  if (b->failed || n == 0) return;
  if (n > (size_t)-1 - b->len || grow(&p, &b->cap, b->len + n, 1) != 0) {
    b->failed = 1;
    return;
  }
  b->data = p;
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

void cli_buf_puts(cli_buf *b, const char *s) { cli_buf_put(b, s, strlen(s)); }

/* Length of the valid UTF-8 sequence at s[0 .. n) that starts with a byte
 * >= 0x80, or 0 if there is none (overlong forms, surrogates and code points
 * above U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned char c = s[0], lo = 0x80, hi = 0xBF;
  size_t len, i;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) len = 3;
  else if (c >= 0xF0 && c <= 0xF4) len = 4;
  else return 0;
  if (c == 0xE0) lo = 0xA0;      /* no overlong 3-byte forms */
  else if (c == 0xED) hi = 0x9F; /* no surrogates */
  else if (c == 0xF0) lo = 0x90; /* no overlong 4-byte forms */
  else if (c == 0xF4) hi = 0x8F; /* nothing above U+10FFFF */
  if (n < len || s[1] < lo || s[1] > hi) return 0;
  for (i = 2; i < len; i++)
    if (s[i] < 0x80 || s[i] > 0xBF) return 0;
  return len;
}

static void put_u00xx(cli_buf *b, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  char esc[6] = {'\\', 'u', '0', '0', 0, 0};
  esc[4] = hex[c >> 4];
  esc[5] = hex[c & 15];
  cli_buf_put(b, esc, sizeof esc);
}

void cli_buf_json(cli_buf *b, const char *s, size_t n, int lower) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  cli_buf_put(b, "\"", 1);
  while (i < n) {
    unsigned char c = u[i];
    if (c >= 0x80) {
      size_t len = utf8_seq(u + i, n - i);
      if (len == 0) {
        put_u00xx(b, c); /* one byte of an invalid sequence */
        i++;
      } else {
        cli_buf_put(b, s + i, len);
        i += len;
      }
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      put_u00xx(b, c);
    } else if (c == '"' || c == '\\') {
      char esc[2] = {'\\', 0};
      esc[1] = (char)c;
      cli_buf_put(b, esc, 2);
    } else {
      char ch = (char)(lower && c >= 'A' && c <= 'Z' ? c + 32 : c);
      cli_buf_put(b, &ch, 1);
    }
    i++;
  }
  cli_buf_put(b, "\"", 1);
}

int cli_buf_write(cli_buf *b, FILE *f) {
  if (b->failed) {
    fputs("linkhdr: out of memory\n", stderr);
    return CLI_EXIT_USAGE;
  }
  if ((b->len > 0 && fwrite(b->data, 1, b->len, f) != b->len) || fflush(f) != 0) {
    fprintf(stderr, "linkhdr: write error: %s\n", strerror(errno));
    return CLI_EXIT_USAGE;
  }
  return CLI_EXIT_OK;
}

void cli_buf_free(cli_buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

size_t cli_parse_size(const char *s) {
  char *end;
  unsigned long v;
  if (s == NULL || *s < '0' || *s > '9') return 0;
  errno = 0;
  v = strtoul(s, &end, 10);
  if (errno != 0 || *end != '\0') return 0;
  return (size_t)v;
}
