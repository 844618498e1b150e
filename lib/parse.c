/* The link-value iterator (include/linkhdr.h §2).
 *
 * Strict, RFC 8288 §3 with RFC 9110 §5.6:
 *   Link       = #link-value          ; recipient form: empty elements allowed
 *   link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
 *   link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
 *
 * Lenient, RFC 8288 Appendix B.2-B.4 with the project's rules (README,
 * "Strict and lenient"): never fails; stops a field line where App. B stops.
 *
 * The parser is a pull iterator: next_link() yields a link-value and leaves
 * the cursor after its '>'; next_param() yields its parameters one at a time.
 * Parameters the caller does not ask for are still parsed (and so validated)
 * when it moves to the next link. Every byte is looked at a bounded number of
 * times: once by the parse, at most once more by linkhdr_recover(). */
#include "internal.h"
#include "span.h"

#include <string.h>

enum {
  ST_BETWEEN = 0, /* before a link-value (or the end of the line) */
  ST_PARAMS = 1,  /* after a link's target or one of its parameters */
  ST_ERROR = 2,   /* a strict error is pending until linkhdr_recover() */
  ST_DONE = 3     /* every field line is consumed */
};

#define LENIENT(p) (((p)->flags_ & LINKHDR_LENIENT) != 0)

static const uchar *skip_ows(const uchar *s, const uchar *end) {
  while (s < end && LH_IS(*s, LH_OWS)) s++;
  return s;
}

static int fail(linkhdr_parser *p, int code, const uchar *at) {
  p->state_ = ST_ERROR;
  p->err_.code = code;
  p->err_.offset = (size_t)(at - p->line_start_);
  p->err_.item = p->line_;
  return code;
}

/* Make field line p->line_ current, ignoring its trailing OWS (RFC 9110 §5.5;
 * leading OWS is skipped like the OWS before any list element). A parser
 * made by linkhdr_parser_init() has no line array (lines_ == NULL) and reads
 * one_line_, so that a copy of the struct stays usable. */
static void load_line(linkhdr_parser *p) {
  static const uchar nothing[1] = {0};
  const linkhdr_view *v = p->lines_ ? &p->lines_[p->line_] : &p->one_line_;
  const uchar *s = v->base ? (const uchar *)v->base : nothing;
  const uchar *end = s + (v->base ? v->len : 0);
  while (end > s && (end[-1] == ' ' || end[-1] == '\t')) end--;
  p->line_start_ = s;
  p->pos_ = s;
  p->end_ = end;
  p->link_start_ = s;
}

static void start(linkhdr_parser *p) {
  p->state_ = p->nlines_ ? ST_BETWEEN : ST_DONE;
  p->pos_ = p->end_ = p->line_start_ = p->link_start_ = NULL;
  if (p->nlines_) load_line(p);
}

void linkhdr_parser_init(linkhdr_parser *p, const char *data, size_t len, unsigned flags) {
  if (!p) return;
  p->lines_ = NULL;
  p->line_ = 0;
  p->err_.code = LINKHDR_OK;
  p->err_.offset = p->err_.item = p->err_.needed = 0;
  p->one_line_.base = data;
  p->one_line_.len = data ? len : 0;
  p->nlines_ = 1;
  p->flags_ = flags;
  start(p);
}

void linkhdr_parser_init_lines(linkhdr_parser *p, const linkhdr_view *lines, size_t nlines,
                               unsigned flags) {
  static const linkhdr_view no_lines[1] = {{NULL, 0}};
  if (!p) return;
  p->line_ = 0;
  p->one_line_.base = NULL;
  p->one_line_.len = 0;
  p->err_.code = LINKHDR_OK;
  p->err_.offset = p->err_.item = p->err_.needed = 0;
  p->lines_ = lines ? lines : no_lines;
  p->nlines_ = lines ? nlines : 0;
  p->flags_ = flags;
  start(p);
}

/* "<" URI-Reference ">" in strict mode: the scanner stops at the first byte
 * that cannot belong to a URI-Reference, and that byte must be '>'.
 * Most targets are a path-absolute ("/assets/app.js"): a run of pchar / "/"
 * / "?" after a '/' that does not start "//" is one whatever it holds, so
 * when that run ends at the '>' the target is valid without the full
 * RFC 3986 walk. Anything else ('%', '#', a scheme, an authority, an error)
 * goes through linkhdr__uri_scan from the start, which also gives the exact
 * error offset. */
static const uchar *path_absolute_gt(const uchar *lo, const uchar *s, const uchar *end) {
  const uchar *e;
  if (end - s < 2 || s[0] != '/' || s[1] == '/') return NULL;
  e = span_pchar_in(lo, s + 1, end);
  return e < end && *e == '>' ? e : NULL;
}

static int target_strict(linkhdr_parser *p, linkhdr_link *link) {
  const uchar *s = p->pos_ + 1, *end = p->end_, *gt = path_absolute_gt(p->line_start_, s, end);
  size_t n = (size_t)(end - s), stop;
  if (!gt && n && *s == '>') gt = s; /* "<>": the empty reference, no walk needed */
  if (!gt) {
    int rc = linkhdr__uri_scan(s, n, &stop);
    if (rc) return fail(p, rc, s + stop);
    if (stop == n) return fail(p, LINKHDR_E_TARGET_UNTERMINATED, end);
    if (s[stop] != '>') return fail(p, LINKHDR_E_TARGET_CHAR, s + stop);
    gt = s + stop;
  }
  link->target.base = (const char *)s;
  link->target.len = (size_t)(gt - s);
  p->pos_ = gt + 1;
  return LINKHDR_OK;
}

/* App. B.2 steps 3-6: everything up to the first '>' is the target; without
 * one the half link is lost and the line ends. */
static int target_lenient(linkhdr_parser *p, linkhdr_link *link) {
  const uchar *s = p->pos_ + 1;
  const uchar *gt = s < p->end_ && *s == '>' ? s : memchr(s, '>', (size_t)(p->end_ - s));
  if (!gt) return LINKHDR_DONE;
  link->target.base = (const char *)s;
  link->target.len = (size_t)(gt - s);
  p->pos_ = gt + 1;
  return LINKHDR_OK;
}

/* SP, HTAB or ',' (one bit test instead of three compares) */
static int is_list_filler(uchar c) {
  return c <= ',' && ((1ull << c) & ((1ull << ' ') | (1ull << '\t') | (1ull << ','))) != 0;
}

/* Move to the next field line; LINKHDR_DONE when there is none. */
static int next_line(linkhdr_parser *p) {
  if (++p->line_ >= p->nlines_) {
    p->state_ = ST_DONE;
    p->pos_ = p->end_;
    return LINKHDR_DONE;
  }
  load_line(p);
  return LINKHDR_OK;
}

int linkhdr_next_link(linkhdr_parser *p, linkhdr_link *link) {
  if (!p || !link) return LINKHDR_E_ARG;
  while (p->state_ == ST_PARAMS) {
    linkhdr_param skipped;
    int rc = linkhdr_next_param(p, &skipped);
    if (rc < 0) return rc;
  }
  for (;;) {
    const uchar *s;
    int rc;
    if (p->state_ == ST_ERROR) return p->err_.code;
    if (p->state_ == ST_DONE) return LINKHDR_DONE;
    /* list rule: any run of OWS and empty elements before a link-value */
    s = p->pos_;
    while (s < p->end_ && is_list_filler(*s)) s++;
    p->pos_ = p->link_start_ = s;
    if (s == p->end_) {
      if (next_line(p) == LINKHDR_DONE) return LINKHDR_DONE;
      continue;
    }
    if (*s != '<') {
      if (!LENIENT(p)) return fail(p, LINKHDR_E_EXPECTED_LINK, s);
      if (next_line(p) == LINKHDR_DONE) return LINKHDR_DONE; /* B.2 2.2: stop this line */
      continue;
    }
    link->offset = (size_t)(s - p->line_start_);
    link->line = p->line_;
    if (!LENIENT(p)) {
      if ((rc = target_strict(p, link)) < 0) return rc;
    } else if (target_lenient(p, link) == LINKHDR_DONE) {
      if (next_line(p) == LINKHDR_DONE) return LINKHDR_DONE;
      continue;
    }
    p->state_ = ST_PARAMS;
    return LINKHDR_OK;
  }
}

/* A name ending in '*' carries an RFC 8187 ext-value (App. B.2 step 15 takes
 * every such name, "*" itself included). */
static int is_ext_name(const uchar *name, size_t len) { return len > 0 && name[len - 1] == '*'; }

/* quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE, s at the DQUOTE. */
static int quoted_string_strict(linkhdr_parser *p, const uchar *s, linkhdr_param *prm) {
  const uchar *end = p->end_, *q = s + 1;
  unsigned flags = 0;
  for (;;) {
    q = span_qdtext(q, end);
    if (q >= end) return fail(p, LINKHDR_E_QUOTE_UNTERMINATED, end);
    if (*q == '"') break;
    if (*q != '\\') return fail(p, LINKHDR_E_QUOTE_CHAR, q);
    /* quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ) */
    if (q + 1 >= end) return fail(p, LINKHDR_E_QUOTE_UNTERMINATED, end);
    if (!LH_IS(q[1], LH_QPAIR)) return fail(p, LINKHDR_E_QUOTE_CHAR, q + 1);
    flags = LINKHDR_PARAM_ESCAPED;
    q += 2;
  }
  prm->type = LINKHDR_VALUE_QUOTED;
  prm->flags |= flags;
  prm->value.base = (const char *)(s + 1);
  prm->value.len = (size_t)(q - s - 1);
  p->pos_ = q + 1;
  return LINKHDR_OK;
}

/* BWS "=" BWS before a value: usually a bare '=', so test for that before
 * walking OWS. Returns the first byte of the value, or NULL when no '='
 * follows (a valueless parameter). */
static const uchar *equals(const uchar *t, const uchar *end) {
  if (t < end && *t == '=') return skip_ows(t + 1, end);
  t = skip_ows(t, end);
  if (t == end || *t != '=') return NULL;
  return skip_ows(t + 1, end);
}

/* link-param = token BWS [ "=" BWS ( token / quoted-string ) ], s at the
 * first byte after ";" OWS. */
static int link_param_strict(linkhdr_parser *p, const uchar *s, linkhdr_param *prm) {
  const uchar *end = p->end_, *t = span_tchar(s, end);
  int rc;
  if (t == s) return fail(p, LINKHDR_E_EXPECTED_NAME, s);
  prm->name.base = (const char *)s;
  prm->name.len = (size_t)(t - s);
  prm->offset = (size_t)(s - p->line_start_);
  prm->flags = t[-1] == '*' ? LINKHDR_PARAM_EXT : 0; /* is_ext_name() of a non-empty name */
  prm->ext_error = 0;
  if ((s = equals(t, end)) == NULL) {
    prm->value.base = (const char *)t; /* an empty view just after the name */
    prm->value.len = 0;
    prm->type = LINKHDR_VALUE_NONE;
    p->pos_ = t;
    return LINKHDR_OK;
  }
  if (s < end && *s == '"') {
    if (prm->flags & LINKHDR_PARAM_EXT) return fail(p, LINKHDR_E_EXT_SYNTAX, s);
    return quoted_string_strict(p, s, prm);
  }
  t = span_tchar(s, end);
  if (t == s) return fail(p, LINKHDR_E_EXPECTED_VALUE, s);
  if (prm->flags & LINKHDR_PARAM_EXT) {
    size_t off;
    rc = linkhdr__ext_check(s, (size_t)(t - s), 0, NULL, &off);
    if (rc != 0) return fail(p, rc, s + off);
  }
  prm->type = LINKHDR_VALUE_TOKEN;
  prm->value.base = (const char *)s;
  prm->value.len = (size_t)(t - s);
  p->pos_ = t;
  return LINKHDR_OK;
}

/* OWS ( ";" OWS link-param / "," / the end of the line ). */
static int next_param_strict(linkhdr_parser *p, linkhdr_param *prm) {
  const uchar *s = skip_ows(p->pos_, p->end_);
  if (s < p->end_ && *s == ';') return link_param_strict(p, skip_ows(s + 1, p->end_), prm);
  if (s == p->end_ || *s == ',') {
    p->pos_ = s;
    p->state_ = ST_BETWEEN;
    return LINKHDR_DONE;
  }
  return fail(p, LINKHDR_E_EXPECTED_SEPARATOR, s);
}

/* App. B.4: any byte up to an unescaped DQUOTE; '\' takes the next byte
 * whatever it is; the end of input ends the string too. */
static void quoted_string_lenient(linkhdr_parser *p, const uchar *s, linkhdr_param *prm) {
  const uchar *end = p->end_, *q = s + 1;
  prm->type = LINKHDR_VALUE_QUOTED;
  prm->value.base = (const char *)q;
  for (;;) {
    /* the wide scan only when the next byte is not already the one sought:
     * a string of escapes ("\\\\...") would pay a 16-byte step per pair */
    if (q < end && *q != '"' && *q != '\\') q = find2(q, end, '"', '\\');
    if (q >= end || *q != '\\') break;
    prm->flags |= LINKHDR_PARAM_ESCAPED;
    q = end - q >= 2 ? q + 2 : end;
  }
  prm->value.len = (size_t)(q - s - 1);
  if (q == end) {
    prm->flags |= LINKHDR_PARAM_UNTERMINATED;
    p->pos_ = end;
  } else {
    p->pos_ = q + 1;
  }
}

/* App. B.3 steps 2-12 for one parameter. LINKHDR_DONE ends the link's
 * parameters; a parameter with an empty name is dropped (project rule 3). */
static int next_param_lenient(linkhdr_parser *p, linkhdr_param *prm) {
  const uchar *end = p->end_;
  for (;;) {
    const uchar *s = skip_ows(p->pos_, end), *t;
    if (s == end || *s != ';') {
      p->pos_ = s;
      p->state_ = ST_BETWEEN;
      return LINKHDR_DONE;
    }
    s = skip_ows(s + 1, end);
    for (t = s; t < end && *t != ' ' && *t != '\t' && *t != '=' && *t != ';' && *t != ','; t++) {
    }
    memset(prm, 0, sizeof *prm);
    prm->name.base = (const char *)s;
    prm->name.len = (size_t)(t - s);
    prm->offset = (size_t)(s - p->line_start_);
    prm->value.base = (const char *)t;
    s = skip_ows(t, end);
    p->pos_ = s;
    if (s < end && *s == '=') {
      s = skip_ows(s + 1, end);
      if (s < end && *s == '"') {
        quoted_string_lenient(p, s, prm);
      } else {
        const uchar *v = s, *e;
        s = find2(s, end, ';', ',');
        for (e = s; e > v && (e[-1] == ' ' || e[-1] == '\t'); e--) {
        }
        prm->type = LINKHDR_VALUE_TOKEN;
        prm->value.base = (const char *)v;
        prm->value.len = (size_t)(e - v);
        p->pos_ = s;
      }
    }
    if (prm->name.len == 0) continue;
    if (is_ext_name((const uchar *)prm->name.base, prm->name.len)) {
      size_t off;
      prm->flags |= LINKHDR_PARAM_EXT;
      /* An ext-value is token-form (RFC 8187 §3.2): a quoted one is kept raw
       * and reported, as spec-notes §5 reads it, rather than decoded. */
      if (prm->type == LINKHDR_VALUE_QUOTED)
        prm->ext_error = LINKHDR_E_EXT_SYNTAX;
      else if (prm->type == LINKHDR_VALUE_TOKEN)
        prm->ext_error =
            linkhdr__ext_check((const uchar *)prm->value.base, prm->value.len, 0, NULL, &off);
    }
    return LINKHDR_OK;
  }
}

int linkhdr_next_param(linkhdr_parser *p, linkhdr_param *param) {
  if (!p || !param) return LINKHDR_E_ARG;
  if (p->state_ != ST_PARAMS) return p->state_ == ST_ERROR ? p->err_.code : LINKHDR_DONE;
  if (LENIENT(p)) return next_param_lenient(p, param);
  return next_param_strict(p, param);
}

int linkhdr_recover(linkhdr_parser *p) {
  const uchar *s, *end;
  int in_angle = 0, in_quote = 0;
  if (!p) return LINKHDR_E_ARG;
  if (p->state_ == ST_DONE) return LINKHDR_OK;
  /* Rescan the failed link-value from its start: where the error was found
   * says nothing reliable about quoting, and a comma inside a quoted-string
   * must never start a new link. */
  end = p->end_;
  for (s = p->link_start_; s < end; s++) {
    uchar c = *s;
    if (in_quote) {
      if (c == '\\' && s + 1 < end) s++;
      else if (c == '"') in_quote = 0;
    } else if (in_angle) {
      if (c == '>') in_angle = 0;
    } else if (c == '<') {
      in_angle = 1;
    } else if (c == '"') {
      in_quote = 1;
    } else if (c == ',') {
      break;
    }
  }
  p->pos_ = s < end ? s + 1 : end;
  p->link_start_ = p->pos_;
  p->state_ = ST_BETWEEN;
  p->err_.code = LINKHDR_OK;
  p->err_.offset = 0;
  p->err_.item = 0;
  return LINKHDR_OK;
}

linkhdr_error linkhdr_parser_error(const linkhdr_parser *p) {
  linkhdr_error e;
  memset(&e, 0, sizeof e);
  if (p) e = p->err_;
  return e;
}

int linkhdr_view_eq(linkhdr_view v, const char *s) {
  size_t i;
  if (!s) return 0;
  for (i = 0; i < v.len; i++)
    if (s[i] == '\0' || linkhdr__lower((uchar)v.base[i]) != linkhdr__lower((uchar)s[i])) return 0;
  return s[i] == '\0';
}
