/* fuzz_parse: the iterator on anything, in every mode, with invariants.
 *
 * Input: byte 0 picks the mode, the rest is the field value.
 *   bit 0  LINKHDR_LENIENT
 *   bit 1  split the value at LF into field lines (linkhdr_parser_init_lines)
 *   bit 2  strict: call linkhdr_recover() after an error and go on
 *   bit 3  do not read the parameters of odd-numbered links (the parser must
 *          skip, and still validate, them)
 *   bit 4  read at most one parameter per link
 *
 * Oracles: every view lies inside its field line; a link's target sits right
 * after the '<' at its offset and ends at a '>'; offsets increase; a strict
 * target is a URI-reference by uri_oracle.h; strict names and tokens are
 * tokens; flags agree with the bytes; an error offset is within its line and
 * the error is sticky; every value decodes into a buffer of exactly the
 * documented size (param->value.len) with decoded length <= raw length; the
 * RFC 8187 decoder agrees with the iterator's ext_error; and a buffer one
 * byte short gets LINKHDR_E_NOSPACE and is left untouched. */
#include "fuzz_common.h"
#include "uri_oracle.h"

#define MAX_LINES 16

struct ctx {
  const linkhdr_view *lines;
  size_t nlines;
  unsigned flags;
  int lenient;
};

/* A byte that may stand in a strict target (RFC 3986 unreserved, reserved
 * and '%'); everything else is refused by a URI-Reference. */
static int uri_byte(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
  return c != 0 && strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL;
}

static size_t count_byte(const char *s, size_t n, char c) {
  size_t i, k = 0;
  for (i = 0; i < n; i++) k += s[i] == c;
  return k;
}

/* param_value into a buffer one byte short must fail and write nothing. */
static void check_nospace(const linkhdr_param *prm, size_t need) {
  unsigned char *small;
  size_t i, out = 12345;
  if (need == 0) return;
  small = malloc(need - 1 ? need - 1 : 1);
  if (!small) abort();
  memset(small, 0xA5, need - 1 ? need - 1 : 1);
  CHECK(linkhdr_param_value(prm, (char *)small, need - 1, &out) == LINKHDR_E_NOSPACE);
  CHECK(out == 12345);
  for (i = 0; i < need - 1; i++) CHECK(small[i] == 0xA5);
  free(small);
}

static void check_value(const linkhdr_param *prm) {
  size_t outlen, unlen, n = prm->value.len;
  char *text = fuzz_param_text(prm, &outlen);
  char *un = fuzz_copy("", n);
  int has_value = prm->type != LINKHDR_VALUE_NONE;
  int ext = (prm->flags & LINKHDR_PARAM_EXT) && has_value;

  /* The text before RFC 8187 decoding: quoted-pairs removed (into exactly n
   * bytes) for a quoted-string, the bytes as written for a token. */
  if (prm->type == LINKHDR_VALUE_QUOTED) {
    CHECK(linkhdr_unescape(prm->value.base, n, un, n, &unlen) == LINKHDR_OK);
    CHECK(unlen <= n);
    if (prm->flags & LINKHDR_PARAM_ESCAPED) CHECK(unlen < n);
    else CHECK(unlen == n && (n == 0 || memcmp(un, prm->value.base, n) == 0));
  } else {
    unlen = n;
    if (n) memcpy(un, prm->value.base, n);
  }

  if (ext && prm->type == LINKHDR_VALUE_QUOTED) {
    /* An ext-value is token-form (RFC 8187 §3.2): a quoted one is reported,
     * never decoded (README, "Strict and lenient"). */
    CHECK(prm->ext_error == LINKHDR_E_EXT_SYNTAX);
  } else if (ext) {
    /* The decoder must agree with the iterator about the ext-value, and
     * decode to what linkhdr_param_value gives. */
    char *dec = fuzz_copy("", unlen);
    size_t declen = 0;
    linkhdr_ext_info info;
    linkhdr_error err;
    int rc = linkhdr_ext_decode(un, unlen, dec, unlen, &declen, &info, &err);
    CHECK(rc == prm->ext_error);
    if (rc == LINKHDR_OK) {
      CHECK(declen == outlen && (declen == 0 || memcmp(dec, text, declen) == 0));
      CHECK(info.charset == LINKHDR_CHARSET_UTF8 || info.charset == LINKHDR_CHARSET_ISO_8859_1);
      CHECK(fuzz_view_in(info.language, un, unlen));
      CHECK(fuzz_utf8((const unsigned char *)text, outlen));
    } else {
      CHECK(err.code == rc && err.offset <= unlen);
    }
    free(dec);
  }
  if (!ext || prm->ext_error != 0)
    CHECK(outlen == unlen && (unlen == 0 || memcmp(un, text, unlen) == 0));
  check_nospace(prm, outlen);
  free(un);
  free(text);
}

static void check_param(const struct ctx *c, const linkhdr_view *line, const linkhdr_param *prm) {
  const char *b = line->base;
  size_t n = line->len;
  CHECK(fuzz_view_in(prm->name, b, n));
  CHECK(fuzz_view_in(prm->value, b, n));
  CHECK(prm->name.len > 0);
  CHECK(prm->offset < n && prm->name.base == b + prm->offset);
  CHECK(prm->type == LINKHDR_VALUE_NONE || prm->type == LINKHDR_VALUE_TOKEN ||
        prm->type == LINKHDR_VALUE_QUOTED);
  CHECK((prm->flags & ~7u) == 0);
  /* the value follows the name */
  CHECK(prm->value.base >= prm->name.base + prm->name.len);
  /* every name ending in '*' carries an ext-value, "*" itself included */
  CHECK(!!(prm->flags & LINKHDR_PARAM_EXT) == (prm->name.base[prm->name.len - 1] == '*'));
  if (prm->type == LINKHDR_VALUE_NONE) CHECK(prm->value.len == 0);
  if (prm->flags & LINKHDR_PARAM_ESCAPED) CHECK(prm->type == LINKHDR_VALUE_QUOTED);
  if (prm->flags & LINKHDR_PARAM_UNTERMINATED) CHECK(prm->type == LINKHDR_VALUE_QUOTED);
  if (prm->type == LINKHDR_VALUE_QUOTED) {
    CHECK(prm->value.base > b && prm->value.base[-1] == '"');
    if (memchr(prm->value.base, '\\', prm->value.len)) CHECK(prm->flags & LINKHDR_PARAM_ESCAPED);
    if (prm->flags & LINKHDR_PARAM_UNTERMINATED) {
      /* it ran to the end of the line (whose trailing OWS is not part of it) */
      const char *e = prm->value.base + prm->value.len;
      for (; e < b + n; e++) CHECK(*e == ' ' || *e == '\t');
    } else {
      CHECK(prm->value.base + prm->value.len < b + n && prm->value.base[prm->value.len] == '"');
    }
  }
  if (!(prm->flags & LINKHDR_PARAM_EXT) || prm->type == LINKHDR_VALUE_NONE)
    CHECK(prm->ext_error == 0);
  if (c->lenient) {
    size_t i;
    for (i = 0; i < prm->name.len; i++) CHECK(!strchr(" \t=;,", prm->name.base[i]) || !prm->name.base[i]);
    if (prm->type == LINKHDR_VALUE_TOKEN && prm->value.len) {
      char last = prm->value.base[prm->value.len - 1];
      CHECK(last != ' ' && last != '\t');
      CHECK(!memchr(prm->value.base, ';', prm->value.len));
      CHECK(!memchr(prm->value.base, ',', prm->value.len));
    }
    CHECK(prm->ext_error == 0 || (prm->ext_error <= LINKHDR_E_EXT_SYNTAX &&
                                  prm->ext_error >= LINKHDR_E_EXT_LANGUAGE));
  } else {
    CHECK(fuzz_token(prm->name.base, prm->name.len));
    if (prm->type == LINKHDR_VALUE_TOKEN) CHECK(fuzz_token(prm->value.base, prm->value.len));
    CHECK(!(prm->flags & LINKHDR_PARAM_UNTERMINATED));
    CHECK(prm->ext_error == 0);
    if (prm->flags & LINKHDR_PARAM_EXT) CHECK(prm->type != LINKHDR_VALUE_QUOTED);
    if (prm->type == LINKHDR_VALUE_QUOTED) {
      size_t i;
      for (i = 0; i < prm->value.len; i++) {
        unsigned char ch = (unsigned char)prm->value.base[i];
        CHECK(ch == '\t' || !fuzz_ctl(ch));
      }
      CHECK(count_byte(prm->value.base, prm->value.len, '"') <=
            count_byte(prm->value.base, prm->value.len, '\\'));
    }
  }
  /* names compare case-insensitively */
  if (prm->name.len < 64 && !memchr(prm->name.base, 0, prm->name.len)) {
    char low[66];
    size_t i;
    for (i = 0; i < prm->name.len; i++) {
      char ch = prm->name.base[i];
      low[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    low[i] = '\0';
    CHECK(linkhdr_view_eq(prm->name, low));
    low[i] = 'x';
    low[i + 1] = '\0';
    CHECK(!linkhdr_view_eq(prm->name, low));
  }
  check_value(prm);
}

static void check_link(const struct ctx *c, const linkhdr_link *l) {
  const linkhdr_view *line;
  CHECK(l->line < c->nlines);
  line = &c->lines[l->line];
  CHECK(l->offset < line->len && line->base[l->offset] == '<');
  CHECK(l->target.base == line->base + l->offset + 1);
  CHECK(fuzz_view_in(l->target, line->base, line->len));
  CHECK(l->offset + 1 + l->target.len < line->len);
  CHECK(l->target.base[l->target.len] == '>');
  CHECK(!memchr(l->target.base, '>', l->target.len));
  if (!c->lenient) {
    size_t i;
    for (i = 0; i < l->target.len; i++) CHECK(uri_byte((unsigned char)l->target.base[i]));
    CHECK(count_byte(l->target.base, l->target.len, '#') <= 1);
    /* and by an independent reading of RFC 3986 */
    CHECK(uri_reference_valid(l->target.base, l->target.len));
  }
}

static void check_error(const struct ctx *c, linkhdr_parser *p, int rc) {
  linkhdr_error e = linkhdr_parser_error(p);
  linkhdr_link l;
  linkhdr_param prm;
  CHECK(!c->lenient);
  CHECK(rc <= LINKHDR_E_EXPECTED_LINK && rc >= LINKHDR_E_EXT_LANGUAGE);
  CHECK(e.code == rc);
  CHECK(e.item < c->nlines);
  CHECK(e.offset <= c->lines[e.item].len);
  CHECK(linkhdr_code_name(rc) != NULL);
  CHECK(strcmp(linkhdr_strerror(rc), linkhdr_strerror(12345)) != 0);
  /* sticky until linkhdr_recover() */
  CHECK(linkhdr_next_link(p, &l) == rc);
  CHECK(linkhdr_next_param(p, &prm) == rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  linkhdr_view lines[MAX_LINES];
  linkhdr_parser p;
  linkhdr_link link, prev = {{NULL, 0}, 0, 0};
  struct ctx c;
  char *buf;
  size_t n, nlinks = 0, calls = 0, nerrors = 0;
  unsigned mode;
  int have_prev = 0;

  if (size == 0) return 0;
  mode = data[0];
  n = size - 1;
  buf = fuzz_copy(data + 1, n);

  c.lenient = (mode & 1) != 0;
  c.flags = c.lenient ? LINKHDR_LENIENT : LINKHDR_STRICT;
  c.lines = lines;
  if (mode & 2) {
    size_t start = 0, i;
    c.nlines = 0;
    for (i = 0; i <= n && c.nlines < MAX_LINES; i++) {
      if (i == n || buf[i] == '\n' || c.nlines == MAX_LINES - 1) {
        if (c.nlines == MAX_LINES - 1) i = n; /* the last line takes the rest */
        lines[c.nlines].base = buf + start;
        lines[c.nlines].len = i - start;
        c.nlines++;
        start = i + 1;
      }
    }
    linkhdr_parser_init_lines(&p, lines, c.nlines, c.flags);
  } else {
    /* Trailing OWS is not part of the value (RFC 9110 §5.5); the iterator
     * reports positions within what it was given. */
    lines[0].base = buf;
    lines[0].len = n;
    c.nlines = 1;
    linkhdr_parser_init(&p, n ? buf : NULL, n, c.flags);
    if (!n) lines[0].base = NULL;
  }

  for (;;) {
    int rc = linkhdr_next_link(&p, &link);
    size_t k = 0, last_off;
    linkhdr_param prm;
    CHECK(++calls <= 2 * size + 4); /* every call consumes input */
    if (rc == LINKHDR_DONE) {
      CHECK(linkhdr_next_link(&p, &link) == LINKHDR_DONE);
      CHECK(linkhdr_next_param(&p, &prm) == LINKHDR_DONE);
      CHECK(linkhdr_parser_error(&p).code == LINKHDR_OK);
      break;
    }
    if (rc < 0) {
      check_error(&c, &p, rc);
      nerrors++;
      if (!(mode & 4)) break;
      CHECK(linkhdr_recover(&p) == LINKHDR_OK);
      CHECK(linkhdr_parser_error(&p).code == LINKHDR_OK);
      continue;
    }
    CHECK(rc == LINKHDR_OK);
    check_link(&c, &link);
    if (have_prev) {
      CHECK(link.line >= prev.line);
      if (link.line == prev.line) CHECK(link.offset > prev.offset);
    }
    prev = link;
    have_prev = 1;
    nlinks++;
    if ((mode & 8) && (nlinks & 1)) continue;
    last_off = link.offset + link.target.len + 1;
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
      check_param(&c, &lines[link.line], &prm);
      CHECK(prm.offset > last_off);
      last_off = prm.offset;
      CHECK(++k <= size);
      if ((mode & 16) && k == 1) break;
    }
    if (rc < 0) {
      check_error(&c, &p, rc);
      nerrors++;
      if (!(mode & 4)) break;
      CHECK(linkhdr_recover(&p) == LINKHDR_OK);
      continue;
    }
    if (rc == LINKHDR_DONE) CHECK(linkhdr_next_param(&p, &prm) == LINKHDR_DONE);
  }
  CHECK(nlinks <= n / 2);
  if (c.lenient) CHECK(nerrors == 0);
  free(buf);
  return 0;
}
