/* Lint (include/linkhdr.h §5.3): what is wrong with a Link header, with a
 * suggested fix where one exists.
 *
 * Each link-value is parsed strictly (the walk in preload.c); a bad one gets
 * a `syntax` finding. Every link-value is then read leniently from its own
 * bytes, which for a valid one gives exactly the strict reading, so that
 * the semantic checks run on bad link-values too and their fix shows
 * (`as=font/woff2` is a syntax error and an invalid `as`). */
#include "preload_internal.h"

#include <string.h>

#define SHOW_MAX 40 /* input bytes shown in a message */

static int is_ows(char c) { return c == ' ' || c == '\t'; }
static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

static int is_tchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* ---- bounded text (messages and fixes) ---- */

typedef struct text {
  char *s;
  size_t cap, len;
  int cut; /* something did not fit */
} text;

static void t_init(text *t, char *s, size_t cap) {
  t->s = s;
  t->cap = cap;
  t->len = 0;
  t->cut = 0;
  s[0] = '\0';
}

static void t_putc(text *t, char c) {
  if (t->len + 1 >= t->cap) {
    t->cut = 1;
    return;
  }
  t->s[t->len++] = c;
  t->s[t->len] = '\0';
}

static void t_puts(text *t, const char *s) {
  while (*s) t_putc(t, *s++);
}

static void t_putn(text *t, size_t n) {
  char d[24];
  size_t k = 0;
  do d[k++] = (char)('0' + n % 10);
  while ((n /= 10) != 0);
  while (k) t_putc(t, d[--k]);
}

/* Input bytes for a message: printable ASCII as it is, anything else '?',
 * at most SHOW_MAX of them. */
static void t_show(text *t, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n && i < SHOW_MAX; i++) t_putc(t, (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?');
  if (n > SHOW_MAX) t_puts(t, "...");
}

/* Input bytes for a fix, exactly: a byte that is not printable ASCII
 * spoils the fix (t_done_fix() then drops it). */
static void t_exact(text *t, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (s[i] < 0x20 || s[i] >= 0x7f) t->cut = 1;
    t_putc(t, s[i]);
  }
}

/* A fix is all or nothing. */
static void t_done_fix(text *t) {
  if (t->cut) t_init(t, t->s, t->cap);
}

/* ---- findings ---- */

typedef struct lint {
  linkhdr_finding *out;
  size_t cap, count;
  linkhdr_finding spare; /* written to once the caller's array is full */
} lint;

static linkhdr_finding *add(lint *L, int code, int severity, const linkhdr__item *it) {
  linkhdr_finding *f = L->count < L->cap ? &L->out[L->count] : &L->spare;
  L->count++;
  memset(f, 0, sizeof *f);
  f->code = code;
  f->severity = severity;
  f->index = it->index;
  f->line = it->line;
  f->offset = it->offset;
  return f;
}

/* Start the message and the fix of a new finding. */
static linkhdr_finding *add_msg(lint *L, int code, int severity, const linkhdr__item *it,
                                text *msg, text *fix) {
  linkhdr_finding *f = add(L, code, severity, it);
  t_init(msg, f->message, sizeof f->message);
  t_init(fix, f->fix, sizeof f->fix);
  return f;
}

/* ---- MIME types and destinations ---- */

/* The destination a MIME type essence (lowercase) belongs to (HTML "match
 * the preload destination"), or LINKHDR_AS_ABSENT. */
static int mime_kind(const char *m) {
  static const char *const js[] = {
      "application/ecmascript", "application/javascript", "application/x-ecmascript",
      "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
      "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
      "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
      "text/x-javascript"};
  static const char *const font[] = {
      "application/font-cff", "application/font-off", "application/font-sfnt",
      "application/font-ttf", "application/font-woff", "application/vnd.ms-fontobject",
      "application/vnd.ms-opentype", "application/x-font-ttf", "application/x-font-woff",
      "application/x-font-otf"};
  size_t i;
  if (strcmp(m, "text/css") == 0) return LINKHDR_AS_STYLE;
  if (strcmp(m, "text/vtt") == 0) return LINKHDR_AS_TRACK;
  if (strncmp(m, "font/", 5) == 0 && m[5]) return LINKHDR_AS_FONT;
  if (strncmp(m, "image/", 6) == 0 && m[6]) return LINKHDR_AS_IMAGE;
  for (i = 0; i < sizeof js / sizeof js[0]; i++)
    if (strcmp(m, js[i]) == 0) return LINKHDR_AS_SCRIPT;
  for (i = 0; i < sizeof font / sizeof font[0]; i++)
    if (strcmp(m, font[i]) == 0) return LINKHDR_AS_FONT;
  return LINKHDR_AS_ABSENT;
}

/* A value's text, trimmed and lowercased, cut to fit (returns its length). */
static size_t lower_text(const linkhdr_param *p, char *out, size_t cap) {
  size_t n = linkhdr__value_text(p, out, cap), i;
  for (i = 0; out[i]; i++) out[i] = lower(out[i]);
  return n;
}

/* The essence of a `type` value: before any ';', without OWS. */
static void essence(char *m) {
  char *semi = strchr(m, ';');
  size_t n;
  if (semi) *semi = '\0';
  n = strlen(m);
  while (n && is_ows(m[n - 1])) m[--n] = '\0';
}

/* The destination the target's file extension suggests. */
static int ext_kind(linkhdr_view target) {
  static const struct {
    const char *ext;
    int as;
  } exts[] = {{"css", LINKHDR_AS_STYLE},   {"js", LINKHDR_AS_SCRIPT},
              {"mjs", LINKHDR_AS_SCRIPT},  {"woff2", LINKHDR_AS_FONT},
              {"woff", LINKHDR_AS_FONT},   {"ttf", LINKHDR_AS_FONT},
              {"otf", LINKHDR_AS_FONT},    {"eot", LINKHDR_AS_FONT},
              {"png", LINKHDR_AS_IMAGE},   {"jpg", LINKHDR_AS_IMAGE},
              {"jpeg", LINKHDR_AS_IMAGE},  {"gif", LINKHDR_AS_IMAGE},
              {"webp", LINKHDR_AS_IMAGE},  {"avif", LINKHDR_AS_IMAGE},
              {"svg", LINKHDR_AS_IMAGE},   {"ico", LINKHDR_AS_IMAGE},
              {"vtt", LINKHDR_AS_TRACK},   {"json", LINKHDR_AS_FETCH}};
  linkhdr__uri u;
  const char *p, *dot = NULL;
  char ext[8];
  size_t i, n;
  linkhdr__uri_split(target.base, target.len, &u);
  for (p = u.path.base + u.path.len; p > u.path.base && p[-1] != '/'; p--)
    if (!dot && p[-1] == '.') dot = p;
  if (!dot) return LINKHDR_AS_ABSENT;
  n = (size_t)(u.path.base + u.path.len - dot);
  if (n == 0 || n >= sizeof ext) return LINKHDR_AS_ABSENT;
  for (i = 0; i < n; i++) ext[i] = lower(dot[i]);
  ext[n] = '\0';
  for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
    if (strcmp(ext, exts[i].ext) == 0) return exts[i].as;
  return LINKHDR_AS_ABSENT;
}

/* type-name "/" subtype-name (RFC 6838): two tokens around one '/'. */
static int is_media_type(const char *v) {
  const char *slash = strchr(v, '/');
  size_t i;
  if (!slash || slash == v || slash[1] == '\0') return 0;
  for (i = 0; v[i]; i++)
    if (v + i != slash && !is_tchar(v[i])) return 0;
  return 1;
}

/* The destination a wrong `as` value (lowercase) most likely meant. A MIME
 * type also goes into `type`. */
static int meant_as(const char *v, int *is_mime) {
  static const struct {
    const char *word;
    int as;
  } words[] = {{"stylesheet", LINKHDR_AS_STYLE}, {"css", LINKHDR_AS_STYLE},
               {"styles", LINKHDR_AS_STYLE},     {"js", LINKHDR_AS_SCRIPT},
               {"javascript", LINKHDR_AS_SCRIPT}, {"module", LINKHDR_AS_SCRIPT},
               {"scripts", LINKHDR_AS_SCRIPT},   {"img", LINKHDR_AS_IMAGE},
               {"images", LINKHDR_AS_IMAGE},     {"picture", LINKHDR_AS_IMAGE},
               {"fonts", LINKHDR_AS_FONT},       {"woff", LINKHDR_AS_FONT},
               {"woff2", LINKHDR_AS_FONT},       {"ttf", LINKHDR_AS_FONT},
               {"otf", LINKHDR_AS_FONT},         {"xhr", LINKHDR_AS_FETCH},
               {"json", LINKHDR_AS_FETCH},       {"vtt", LINKHDR_AS_TRACK},
               {"subtitles", LINKHDR_AS_TRACK},  {"captions", LINKHDR_AS_TRACK}};
  size_t i;
  *is_mime = 0;
  for (i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strcmp(v, words[i].word) == 0) return words[i].as;
  if (is_media_type(v)) {
    *is_mime = 1;
    return mime_kind(v);
  }
  return LINKHDR_AS_ABSENT;
}

/* "as=K", then `; type="..."` for a MIME type the link does not already
 * type, then "; crossorigin" where CORS is needed and missing. */
static void put_as_fix(text *fix, const linkhdr_preload *pl, int as, const char *mime) {
  t_puts(fix, "as=");
  t_puts(fix, linkhdr_as_name(as));
  if (mime && pl->param[LINKHDR_P_TYPE].name.len == 0) { /* a media type: tokens and '/' */
    t_puts(fix, "; type=\"");
    t_puts(fix, mime);
    t_putc(fix, '"');
  }
  if ((as == LINKHDR_AS_FONT || as == LINKHDR_AS_FETCH) &&
      pl->crossorigin == LINKHDR_CORS_ABSENT)
    t_puts(fix, "; crossorigin");
  t_done_fix(fix);
}

/* ---- the checks ---- */

static void check_syntax(lint *L, const linkhdr__item *it) {
  text msg = {0}, fix = {0}; /* set by add_msg(); zeroed for gcc -O3 */
  add_msg(L, LINKHDR_LINT_SYNTAX, LINKHDR_SEVERITY_ERROR, it, &msg, &fix);
  t_puts(&msg, linkhdr_strerror(it->err.code));
  t_puts(&msg, " at offset ");
  t_putn(&msg, it->err.offset);
}

static void check_as(lint *L, const linkhdr__item *it, const linkhdr_preload *pl) {
  const linkhdr_param *as = &pl->param[LINKHDR_P_AS];
  text msg = {0}, fix = {0}; /* set by add_msg(); zeroed for gcc -O3 */
  char v[64];
  size_t n;
  int kind, is_mime;
  if (!(pl->rels & LINKHDR_REL_PRELOAD)) return;
  if (pl->as == LINKHDR_AS_ABSENT) {
    add_msg(L, LINKHDR_LINT_AS_MISSING, LINKHDR_SEVERITY_ERROR, it, &msg, &fix);
    t_puts(&msg, "preload without 'as': nothing is fetched");
    if ((kind = ext_kind(pl->link.target)) != LINKHDR_AS_ABSENT) put_as_fix(&fix, pl, kind, NULL);
    return;
  }
  if (pl->as != LINKHDR_AS_INVALID) return;
  add_msg(L, LINKHDR_LINT_AS_INVALID, LINKHDR_SEVERITY_ERROR, it, &msg, &fix);
  if (as->type == LINKHDR_VALUE_NONE) {
    t_puts(&msg, "'as' without a value: nothing is fetched");
    if ((kind = ext_kind(pl->link.target)) != LINKHDR_AS_ABSENT) put_as_fix(&fix, pl, kind, NULL);
    return;
  }
  t_puts(&msg, "'as=");
  t_show(&msg, linkhdr__value_trim(as).base, linkhdr__value_trim(as).len);
  t_puts(&msg, "' is not a preload destination: nothing is fetched");
  n = lower_text(as, v, sizeof v);
  if (n >= sizeof v) return;
  kind = meant_as(v, &is_mime);
  if (kind != LINKHDR_AS_ABSENT) put_as_fix(&fix, pl, kind, is_mime ? v : NULL);
}

static void check_crossorigin(lint *L, const linkhdr__item *it, const linkhdr_preload *pl) {
  text msg = {0}, fix = {0}; /* set by add_msg(); zeroed for gcc -O3 */
  if ((pl->rels & LINKHDR_REL_PRELOAD) && pl->crossorigin == LINKHDR_CORS_ABSENT &&
      (pl->as == LINKHDR_AS_FONT || pl->as == LINKHDR_AS_FETCH)) {
    add_msg(L, LINKHDR_LINT_CROSSORIGIN_MISSING, LINKHDR_SEVERITY_WARNING, it, &msg, &fix);
    t_puts(&msg, linkhdr_as_name(pl->as));
    t_puts(&msg, " preload without crossorigin: it is downloaded twice");
    t_puts(&fix, "crossorigin");
  }
  if (pl->crossorigin == LINKHDR_CORS_INVALID) {
    linkhdr_view v = linkhdr__value_trim(&pl->param[LINKHDR_P_CROSSORIGIN]);
    add_msg(L, LINKHDR_LINT_CROSSORIGIN_INVALID, LINKHDR_SEVERITY_WARNING, it, &msg, &fix);
    t_puts(&msg, "'crossorigin=");
    t_show(&msg, v.base, v.len);
    t_puts(&msg, "' is not anonymous or use-credentials: browsers ignore it");
    t_puts(&fix, "crossorigin");
  }
}

static void check_type(lint *L, const linkhdr__item *it, const linkhdr_preload *pl) {
  const linkhdr_param *type = &pl->param[LINKHDR_P_TYPE];
  text msg = {0}, fix = {0}; /* set by add_msg(); zeroed for gcc -O3 */
  char m[96];
  int kind;
  if (!(pl->rels & LINKHDR_REL_PRELOAD) || type->name.len == 0) return;
  if (pl->as == LINKHDR_AS_ABSENT || pl->as == LINKHDR_AS_INVALID || pl->as == LINKHDR_AS_FETCH)
    return;
  if (lower_text(type, m, sizeof m) >= sizeof m) m[0] = '?'; /* too long for any known type */
  essence(m);
  if (m[0] == '\0') return; /* an empty type is no hint at all */
  kind = mime_kind(m);
  if (kind == pl->as) return;
  add_msg(L, LINKHDR_LINT_TYPE_MISMATCH, LINKHDR_SEVERITY_ERROR, it, &msg, &fix);
  t_puts(&msg, "type '");
  t_show(&msg, linkhdr__value_trim(type).base, linkhdr__value_trim(type).len);
  t_puts(&msg, "' does not fit as=");
  t_puts(&msg, linkhdr_as_name(pl->as));
  t_puts(&msg, ": the preload is skipped");
  if (kind != LINKHDR_AS_ABSENT) {
    t_puts(&fix, "as=");
    t_puts(&fix, linkhdr_as_name(kind));
  }
}

static void check_duplicates(lint *L, const linkhdr__item *it, const linkhdr_preload *pl) {
  static const int once[] = {LINKHDR_P_REL,   LINKHDR_P_ANCHOR,     LINKHDR_P_TITLE,
                             LINKHDR_P_TITLE_STAR, LINKHDR_P_TYPE, LINKHDR_P_MEDIA};
  static const char *const names[] = {"rel", "anchor", "title", "title*", "type", "media"};
  size_t i;
  text msg = {0}, fix = {0}; /* set by add_msg(); zeroed for gcc -O3 */
  for (i = 0; i < sizeof once / sizeof once[0]; i++) {
    if (!(pl->repeated & (1u << once[i]))) continue;
    add_msg(L, LINKHDR_LINT_DUPLICATE_PARAM, LINKHDR_SEVERITY_WARNING, it, &msg, &fix);
    t_puts(&msg, "'");
    t_puts(&msg, names[i]);
    t_puts(&msg, "' appears more than once: only the first counts");
  }
}

static void check_preconnect(lint *L, const linkhdr__item *it, const linkhdr_preload *pl) {
  linkhdr__uri u;
  text msg = {0}, fix = {0}; /* set by add_msg(); zeroed for gcc -O3 */
  if (!(pl->rels & (LINKHDR_REL_PRECONNECT | LINKHDR_REL_DNS_PREFETCH))) return;
  linkhdr__uri_split(pl->link.target.base, pl->link.target.len, &u);
  if (!u.has_query && !u.has_fragment &&
      (u.path.len == 0 || (u.has_authority && u.path.len == 1 && u.path.base[0] == '/')))
    return;
  add_msg(L, LINKHDR_LINT_PRECONNECT_PATH, LINKHDR_SEVERITY_WARNING, it, &msg, &fix);
  t_puts(&msg, (pl->rels & LINKHDR_REL_PRECONNECT) ? "preconnect" : "dns-prefetch");
  t_puts(&msg, " to a URL with a path, query or fragment: only its origin is used");
  if (u.has_authority && u.authority.len) {
    t_putc(&fix, '<');
    if (u.has_scheme) {
      t_exact(&fix, u.scheme.base, u.scheme.len);
      t_putc(&fix, ':');
    }
    t_puts(&fix, "//");
    t_exact(&fix, u.authority.base, u.authority.len);
    t_putc(&fix, '>');
    t_done_fix(&fix);
  }
}

/* Portability: valid constructs that common servers misread. */
enum {
  PORT_QUOTED_REL = 1u << 0,  /* h2o only pushes an unquoted rel=preload */
  PORT_REL_CASE = 1u << 1,    /* mod_http2 matches "preload" case-sensitively */
  PORT_NAME_CASE = 1u << 2,   /* REL=preload */
  PORT_QUOTED_SEP = 1u << 3,  /* ',' or ';' in a quoted-string: nginx, naive splitters */
  PORT_WHITESPACE = 1u << 4,  /* around '=' or before ';': nghttpx and others */
  PORT_TAB = 1u << 5,         /* a TAB after ';' */
  PORT_STAR = 1u << 6         /* a name ending in '*' ends mod_http2's parse */
};

/* What one parameter, read leniently from seg, does that servers misread. */
static unsigned param_portability(linkhdr_view seg, const linkhdr_param *prm) {
  const char *name_end = prm->name.base + prm->name.len, *q = prm->name.base;
  unsigned port = 0;
  size_t i;
  for (i = 0; i < prm->name.len; i++)
    if (prm->name.base[i] != lower(prm->name.base[i])) port |= PORT_NAME_CASE;
  if (prm->name.len && name_end[-1] == '*') port |= PORT_STAR;
  if (prm->type == LINKHDR_VALUE_QUOTED &&
      (memchr(prm->value.base, ',', prm->value.len) || memchr(prm->value.base, ';', prm->value.len)))
    port |= PORT_QUOTED_SEP;
  if (prm->type != LINKHDR_VALUE_NONE) {
    const char *v = prm->value.base - (prm->type == LINKHDR_VALUE_QUOTED ? 1 : 0);
    if (v - name_end > 1) port |= PORT_WHITESPACE; /* more than the '=' between them */
  }
  /* back over the OWS after the ';' before the name, then look before it */
  while (q > seg.base && is_ows(q[-1])) {
    if (q[-1] == '\t') port |= PORT_TAB;
    q--;
  }
  if (q > seg.base + 1 && q[-1] == ';' && is_ows(q[-2])) port |= PORT_WHITESPACE;
  return port;
}

static unsigned rel_portability(const linkhdr_preload *pl) {
  const linkhdr_param *rel = &pl->param[LINKHDR_P_REL];
  linkhdr_view t;
  size_t pos = 0;
  unsigned port = 0;
  if (!(pl->rels & LINKHDR_REL_PRELOAD)) return 0;
  if (rel->type == LINKHDR_VALUE_QUOTED) port |= PORT_QUOTED_REL;
  while (linkhdr_rel_next(rel, &pos, &t) == LINKHDR_OK)
    if (t.len == 7 && linkhdr_view_eq(t, "preload") && memcmp(t.base, "preload", 7) != 0)
      port |= PORT_REL_CASE;
  return port;
}

/* The canonical form of a valid link-value as its fix, if it is printable
 * ASCII (the builder keeps obs-text) and fits. */
static void fix_canonical(text *fix, linkhdr_view line, const linkhdr__item *it) {
  size_t len = 0, i;
  if (it->err.code != LINKHDR_OK ||
      linkhdr__write_link(fix->s, fix->cap, &len, line, it->offset, 0, NULL) != LINKHDR_OK)
    len = 0;
  for (i = 0; i < len; i++)
    if (fix->s[i] < 0x20 || fix->s[i] >= 0x7f) len = 0;
  fix->s[len] = '\0';
}

/* A quoted rel with a single token type can simply lose its quotes. */
static void fix_unquoted_rel(text *fix, const linkhdr_preload *pl) {
  const linkhdr_param *rel = &pl->param[LINKHDR_P_REL];
  linkhdr_view t, t2;
  size_t pos = 0, i;
  if (linkhdr_rel_next(rel, &pos, &t) != LINKHDR_OK) return;
  if (linkhdr_rel_next(rel, &pos, &t2) != LINKHDR_DONE) return;
  for (i = 0; i < t.len; i++)
    if (!is_tchar(t.base[i])) return;
  t_puts(fix, "rel=");
  t_exact(fix, t.base, t.len);
  t_done_fix(fix);
}

static void check_portability(lint *L, const linkhdr__item *it, const linkhdr_preload *pl,
                              unsigned port, linkhdr_view line) {
  static const struct {
    unsigned kind;
    const char *message;
  } kinds[] = {
      {PORT_QUOTED_REL, "rel is quoted: h2o never pushes a quoted rel=preload"},
      {PORT_REL_CASE, "'preload' is not lowercase: mod_http2 matches it case-sensitively"},
      {PORT_QUOTED_SEP, "',' or ';' inside a quoted string: naive parsers split the link there"},
      {PORT_STAR, "a parameter name ending in '*' (RFC 8187) ends mod_http2's parse"},
  };
  /* the layout problems share one finding, whose fix is the canonical form */
  static const struct {
    unsigned kind;
    const char *what;
  } layout[] = {
      {PORT_WHITESPACE, "whitespace around '=' or before ';'"},
      {PORT_TAB, "a TAB after ';'"},
      {PORT_NAME_CASE, "a parameter name in uppercase"},
  };
  size_t i;
  int first = 1;
  text msg = {0}, fix = {0}; /* set by add_msg(); zeroed for gcc -O3 */
  for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    if (!(port & kinds[i].kind)) continue;
    add_msg(L, LINKHDR_LINT_PORTABILITY, LINKHDR_SEVERITY_INFO, it, &msg, &fix);
    t_puts(&msg, kinds[i].message);
    if (kinds[i].kind == PORT_QUOTED_REL) fix_unquoted_rel(&fix, pl);
  }
  for (i = 0; i < sizeof layout / sizeof layout[0]; i++) {
    if (!(port & layout[i].kind)) continue;
    if (first) add_msg(L, LINKHDR_LINT_PORTABILITY, LINKHDR_SEVERITY_INFO, it, &msg, &fix);
    if (!first) t_puts(&msg, ", ");
    t_puts(&msg, layout[i].what);
    first = 0;
  }
  if (!first) {
    t_puts(&msg, ": some servers stop parsing there");
    fix_canonical(&fix, line, it);
  }
}

static void lint_link(lint *L, linkhdr_view line, const linkhdr__item *it) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param prm;
  linkhdr_preload pl;
  linkhdr_view seg;
  unsigned port = 0;
  if (it->err.code != LINKHDR_OK) check_syntax(L, it);
  seg.base = line.base + it->offset;
  seg.len = it->end - it->offset;
  linkhdr_parser_init(&p, seg.base, seg.len, LINKHDR_LENIENT);
  if (linkhdr_next_link(&p, &link) != LINKHDR_OK) return; /* not even leniently a link */
  linkhdr__preload_begin(&pl, &link);
  while (linkhdr_next_param(&p, &prm) == LINKHDR_OK) {
    linkhdr__preload_add(&pl, &prm);
    port |= param_portability(seg, &prm);
  }
  linkhdr__preload_end(&pl);
  port |= rel_portability(&pl);
  check_as(L, it, &pl);
  check_crossorigin(L, it, &pl);
  check_type(L, it, &pl);
  check_duplicates(L, it, &pl);
  check_preconnect(L, it, &pl);
  check_portability(L, it, &pl, port, line);
}

/* ---- the whole value ---- */

int linkhdr_lint(const linkhdr_view *lines, size_t nlines, size_t budget,
                 linkhdr_finding *findings, size_t cap, size_t *count) {
  lint L;
  linkhdr__walk w;
  linkhdr__item it, over;
  linkhdr_preload pl;
  size_t total = 0, base = 0, line = 0, i;
  int crossed = 0;
  if (!count || (!findings && cap) || (!lines && nlines)) return LINKHDR_E_ARG;
  if (budget == 0) budget = LINKHDR_LINT_BUDGET;
  memset(&L, 0, sizeof L);
  memset(&over, 0, sizeof over);
  L.out = findings;
  L.cap = cap;
  /* The value as one field: the lines joined with ", " (RFC 9110 §5.3). */
  for (i = 0; i < nlines; i++) total += lines[i].len + (i ? 2 : 0);
  linkhdr__walk_init(&w, lines, nlines);
  while (linkhdr__walk_next(&w, &it, &pl) == LINKHDR_OK) {
    lint_link(&L, lines[it.line], &it);
    /* where in the joined value this link-value ends */
    for (; line < it.line; line++) base += lines[line].len + 2;
    if (!crossed && base + it.end > budget) {
      crossed = 1;
      over = it;
    }
  }
  if (total > budget) {
    text msg = {0}, fix = {0}; /* set by add_msg(); zeroed for gcc -O3 */
    add_msg(&L, LINKHDR_LINT_SIZE, LINKHDR_SEVERITY_ERROR, &over, &msg, &fix);
    t_puts(&msg, "the value is ");
    t_putn(&msg, total);
    t_puts(&msg, " bytes, over the budget of ");
    t_putn(&msg, budget);
  }
  *count = L.count;
  return LINKHDR_OK;
}

const char *linkhdr_lint_code_name(int code) {
  static const char *const names[] = {
      NULL,           "syntax",          "as-missing",      "as-invalid",
      "crossorigin-missing", "crossorigin-invalid", "type-mismatch", "duplicate-param",
      "preconnect-path", "portability",  "size"};
  if (code < 1 || code > LINKHDR_LINT_SIZE) return NULL;
  return names[code];
}

const char *linkhdr_severity_name(int severity) {
  switch (severity) {
  case LINKHDR_SEVERITY_INFO: return "info";
  case LINKHDR_SEVERITY_WARNING: return "warning";
  case LINKHDR_SEVERITY_ERROR: return "error";
  default: return NULL;
  }
}
