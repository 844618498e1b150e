/* Relation types and the preload view of a link (include/linkhdr.h §5.2),
 * and what the rest of the layer shares: link-value segments, a strict walk
 * with per-link recovery, and the canonical rewrite of a link.
 *
 * Values are read as text without copying them: a quoted-pair stands for the
 * byte after the '\' (RFC 9110 §5.6.4), so `rel="pre\load"` is `preload`. */
#include "preload_internal.h"

#include <stdint.h>
#include <string.h>

static int is_ows(char c) { return c == ' ' || c == '\t'; }
static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

/* Whether a value's quoted-pairs must be read as such: only a quoted-string
 * has them (a lenient token keeps a '\' as it is). */
static int escaped(const linkhdr_param *p) {
  return p->type == LINKHDR_VALUE_QUOTED && (p->flags & LINKHDR_PARAM_ESCAPED) != 0;
}

/* The byte of the text at raw index *i of s[0 .. n), moving *i past it. */
static char text_next(const char *s, size_t n, size_t *i, int esc) {
  if (esc && s[*i] == '\\' && *i + 1 < n) ++*i;
  return s[(*i)++];
}

/* Whether the text of s[0 .. n) is the NUL-terminated t; ASCII case-
 * insensitive when `nocase`. */
static int text_eq(const char *s, size_t n, int esc, const char *t, int nocase) {
  size_t i = 0;
  while (i < n) {
    char c = text_next(s, n, &i, esc);
    if (*t == '\0') return 0;
    if (nocase ? lower(c) != lower(*t) : c != *t) return 0;
    t++;
  }
  return *t == '\0';
}

linkhdr_view linkhdr__value_trim(const linkhdr_param *p) {
  linkhdr_view v = p->value;
  while (v.len && is_ows(v.base[0])) v.base++, v.len--;
  while (v.len && is_ows(v.base[v.len - 1])) v.len--;
  return v;
}

int linkhdr__value_eq(const linkhdr_param *p, const char *s) {
  const char *v = p->value.base;
  size_t n = p->value.len, i = 0;
  int esc = escaped(p);
  while (i < n) { /* leading OWS of the text */
    size_t j = i;
    if (!is_ows(text_next(v, n, &j, esc))) break;
    i = j;
  }
  for (; *s; s++) {
    if (i == n || lower(text_next(v, n, &i, esc)) != lower(*s)) return 0;
  }
  /* only OWS may follow */
  while (i < n)
    if (!is_ows(text_next(v, n, &i, esc))) return 0;
  return 1;
}

size_t linkhdr__value_text(const linkhdr_param *p, char *out, size_t cap) {
  linkhdr_view v = linkhdr__value_trim(p);
  size_t i = 0, n = 0;
  int esc = escaped(p);
  while (i < v.len) {
    char c = text_next(v.base, v.len, &i, esc);
    if (n + 1 < cap) out[n] = c;
    n++;
  }
  if (cap) out[n < cap ? n : cap - 1] = '\0';
  return n;
}

/* ---- relation types ---- */

/* The length of the separator at s[i]: SP, HTAB, or (escaped) "\ " / "\t". */
static size_t separator_at(const char *s, size_t n, size_t i, int esc) {
  if (is_ows(s[i])) return 1;
  if (esc && s[i] == '\\' && i + 1 < n && is_ows(s[i + 1])) return 2;
  return 0;
}

int linkhdr_rel_next(const linkhdr_param *rel, size_t *pos, linkhdr_view *type) {
  const char *s;
  size_t n, i, k, start;
  int esc;
  if (!rel || !pos || !type || (!rel->value.base && rel->value.len) || *pos > rel->value.len)
    return LINKHDR_E_ARG;
  s = rel->value.base;
  n = rel->value.len;
  esc = escaped(rel);
  i = *pos;
  while (i < n && (k = separator_at(s, n, i, esc)) != 0) i += k;
  if (i == n) {
    *pos = n;
    return LINKHDR_DONE;
  }
  start = i;
  while (i < n && separator_at(s, n, i, esc) == 0) i += (esc && s[i] == '\\' && i + 1 < n) ? 2 : 1;
  type->base = s + start;
  type->len = i - start;
  *pos = i;
  return LINKHDR_OK;
}

int linkhdr_rel_has(const linkhdr_param *rel, const char *type) {
  linkhdr_view t;
  size_t pos = 0;
  int nocase;
  if (!rel || !type || (!rel->value.base && rel->value.len)) return 0;
  /* ext-rel-type = URI, and a URI has a ':' after its scheme; a registered
   * type never has one */
  nocase = strchr(type, ':') == NULL;
  while (linkhdr_rel_next(rel, &pos, &t) == LINKHDR_OK)
    if (text_eq(t.base, t.len, escaped(rel), type, nocase)) return 1;
  return 0;
}

/* ---- the preload view ---- */

/* In the order of enum linkhdr_preload_param. */
static const char *const known_names[LINKHDR_P_COUNT] = {
    "rel",           "anchor",         "as",         "crossorigin",
    "type",          "media",          "title",      "title*",
    "fetchpriority", "integrity",      "referrerpolicy", "nonce",
    "imagesrcset",   "imagesizes",     "nopush",     "x-http2-push-only",
    "critical",
};

/* The LINKHDR_P_* index of a parameter name, or -1. */
static int known_index(linkhdr_view name) {
  int k;
  for (k = 0; k < LINKHDR_P_COUNT; k++)
    if (linkhdr_view_eq(name, known_names[k])) return k;
  return -1;
}

void linkhdr__preload_begin(linkhdr_preload *pl, const linkhdr_link *link) {
  memset(pl, 0, sizeof *pl);
  pl->link = *link;
}

void linkhdr__preload_add(linkhdr_preload *pl, const linkhdr_param *param) {
  int k = known_index(param->name);
  pl->nparams++;
  if (k < 0) return;
  if (pl->param[k].name.len == 0) pl->param[k] = *param;
  else pl->repeated |= 1u << k;
}

static int as_of(const linkhdr_param *p) {
  static const struct {
    const char *name;
    int as;
  } dest[] = {{"fetch", LINKHDR_AS_FETCH}, {"font", LINKHDR_AS_FONT},
              {"image", LINKHDR_AS_IMAGE}, {"script", LINKHDR_AS_SCRIPT},
              {"style", LINKHDR_AS_STYLE}, {"track", LINKHDR_AS_TRACK}};
  size_t i;
  if (p->name.len == 0) return LINKHDR_AS_ABSENT;
  if (p->type != LINKHDR_VALUE_NONE)
    for (i = 0; i < sizeof dest / sizeof dest[0]; i++)
      if (linkhdr__value_eq(p, dest[i].name)) return dest[i].as;
  return LINKHDR_AS_INVALID;
}

/* HTML "CORS settings attribute" keywords: a valueless `crossorigin` reads
 * as the empty string, which is Anonymous. */
static int crossorigin_of(const linkhdr_param *p) {
  if (p->name.len == 0) return LINKHDR_CORS_ABSENT;
  if (p->type == LINKHDR_VALUE_NONE || linkhdr__value_eq(p, "") ||
      linkhdr__value_eq(p, "anonymous"))
    return LINKHDR_CORS_ANONYMOUS;
  if (linkhdr__value_eq(p, "use-credentials")) return LINKHDR_CORS_USE_CREDENTIALS;
  return LINKHDR_CORS_INVALID;
}

void linkhdr__preload_end(linkhdr_preload *pl) {
  static const struct {
    const char *type;
    unsigned bit;
  } rels[] = {{"preload", LINKHDR_REL_PRELOAD},
              {"preconnect", LINKHDR_REL_PRECONNECT},
              {"dns-prefetch", LINKHDR_REL_DNS_PREFETCH},
              {"modulepreload", LINKHDR_REL_MODULEPRELOAD},
              {"prefetch", LINKHDR_REL_PREFETCH}};
  static const struct {
    int param;
    unsigned flag;
  } flags[] = {{LINKHDR_P_NOPUSH, LINKHDR_PRELOAD_NOPUSH},
               {LINKHDR_P_PUSH_ONLY, LINKHDR_PRELOAD_PUSH_ONLY},
               {LINKHDR_P_CRITICAL, LINKHDR_PRELOAD_CRITICAL},
               {LINKHDR_P_ANCHOR, LINKHDR_PRELOAD_ANCHOR}};
  size_t i;
  pl->rels = 0;
  pl->flags = 0;
  if (pl->param[LINKHDR_P_REL].name.len)
    for (i = 0; i < sizeof rels / sizeof rels[0]; i++)
      if (linkhdr_rel_has(&pl->param[LINKHDR_P_REL], rels[i].type)) pl->rels |= rels[i].bit;
  for (i = 0; i < sizeof flags / sizeof flags[0]; i++)
    if (pl->param[flags[i].param].name.len) pl->flags |= flags[i].flag;
  pl->as = as_of(&pl->param[LINKHDR_P_AS]);
  pl->crossorigin = crossorigin_of(&pl->param[LINKHDR_P_CROSSORIGIN]);
}

int linkhdr_preload_read(linkhdr_parser *p, const linkhdr_link *link, linkhdr_preload *pl) {
  linkhdr_param param;
  int rc;
  if (!p || !link || !pl) return LINKHDR_E_ARG;
  linkhdr__preload_begin(pl, link);
  while ((rc = linkhdr_next_param(p, &param)) == LINKHDR_OK) linkhdr__preload_add(pl, &param);
  linkhdr__preload_end(pl);
  return rc == LINKHDR_DONE ? LINKHDR_OK : rc;
}

const char *linkhdr_as_name(int as) {
  switch (as) {
  case LINKHDR_AS_FETCH: return "fetch";
  case LINKHDR_AS_FONT: return "font";
  case LINKHDR_AS_IMAGE: return "image";
  case LINKHDR_AS_SCRIPT: return "script";
  case LINKHDR_AS_STYLE: return "style";
  case LINKHDR_AS_TRACK: return "track";
  default: return NULL;
  }
}

/* ---- link-value segments ---- */

size_t linkhdr__segment_start(linkhdr_view line, size_t from) {
  while (from < line.len && (is_ows(line.base[from]) || line.base[from] == ',')) from++;
  return from;
}

/* The scan linkhdr_recover() makes: a comma ends the link-value unless it is
 * inside a quoted-string (with its quoted-pairs) or inside '<...>'. For a
 * valid link-value it is exactly where the parser stops. */
size_t linkhdr__segment_end(linkhdr_view line, size_t start) {
  const char *s = line.base;
  size_t i, n = line.len;
  int in_angle = 0, in_quote = 0;
  for (i = start; i < n; i++) {
    char c = s[i];
    if (in_quote) {
      if (c == '\\' && i + 1 < n) i++;
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
  return i;
}

/* ---- the strict walk ---- */

void linkhdr__walk_init(linkhdr__walk *w, const linkhdr_view *lines, size_t nlines) {
  memset(w, 0, sizeof *w);
  w->lines = lines;
  w->nlines = lines ? nlines : 0;
  linkhdr_parser_init_lines(&w->p, w->lines, w->nlines, LINKHDR_STRICT);
}

int linkhdr__walk_next(linkhdr__walk *w, linkhdr__item *it, linkhdr_preload *pl) {
  linkhdr_link link;
  linkhdr_view line;
  size_t start;
  int rc = linkhdr_next_link(&w->p, &link);
  if (rc == LINKHDR_DONE) return LINKHDR_DONE;
  memset(it, 0, sizeof *it);
  it->index = w->index++;
  if (rc == LINKHDR_OK) {
    rc = linkhdr_preload_read(&w->p, &link, pl);
    w->line = link.line;
    start = link.offset;
  } else {
    /* The parser does not say where a link-value that broke before its
     * target starts: it is the first byte after the OWS and commas that
     * follow the previous link-value of that line. */
    linkhdr_error e = linkhdr_parser_error(&w->p);
    if (e.item != w->line) {
      w->line = e.item;
      w->next = 0;
    }
    start = linkhdr__segment_start(w->lines[w->line], w->next);
  }
  if (rc != LINKHDR_OK) {
    it->err = linkhdr_parser_error(&w->p);
    linkhdr_recover(&w->p);
  }
  line = w->lines[w->line];
  it->line = w->line;
  it->offset = start;
  it->end = linkhdr__segment_end(line, start);
  w->next = it->end < line.len ? it->end + 1 : line.len;
  return LINKHDR_OK;
}

/* ---- the canonical rewrite ---- */

#define MAX_ATTRS 32
#define SCRATCH 2048

static int omitted(linkhdr_view name, unsigned omit) {
  int k = known_index(name);
  return k >= 0 && (omit & (1u << k)) != 0;
}

/* The first link-value of s[0 .. n), strictly. */
static int first_link(linkhdr_parser *p, linkhdr_view line, size_t offset, linkhdr_link *link) {
  linkhdr_parser_init(p, line.base + offset, line.len - offset, LINKHDR_STRICT);
  return linkhdr_next_link(p, link);
}

/* The next parameter that is not left out. */
static int next_kept(linkhdr_parser *p, linkhdr_param *prm, unsigned omit) {
  int rc;
  while ((rc = linkhdr_next_param(p, prm)) == LINKHDR_OK)
    if (!omitted(prm->name, omit)) break;
  return rc;
}

int linkhdr__write_link(char *buf, size_t cap, size_t *len, linkhdr_view line, size_t offset,
                        unsigned omit, linkhdr_error *err) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param prm;
  linkhdr_attr attrs[MAX_ATTRS];
  char scratch[SCRATCH];
  size_t n = 0, used = 0, i;
  int rc;
  if ((rc = first_link(&p, line, offset, &link)) != LINKHDR_OK) return rc < 0 ? rc : LINKHDR_E_ARG;
  while ((rc = next_kept(&p, &prm, omit)) == LINKHDR_OK) {
    linkhdr_attr *a;
    if (n == MAX_ATTRS) return LINKHDR_E_ARG;
    a = &attrs[n];
    a->name = prm.name.base;
    a->name_len = prm.name.len;
    for (i = 0; i < prm.name.len && lower(prm.name.base[i]) == prm.name.base[i]; i++) {
    }
    if (i < prm.name.len) { /* lowercase it */
      if (SCRATCH - used < prm.name.len) return LINKHDR_E_ARG;
      for (i = 0; i < prm.name.len; i++) scratch[used + i] = lower(prm.name.base[i]);
      a->name = scratch + used;
      used += prm.name.len;
    }
    a->value = NULL;
    a->value_len = 0;
    if (prm.type != LINKHDR_VALUE_NONE) {
      a->value = prm.value.base;
      a->value_len = prm.value.len;
      if (escaped(&prm) || (prm.flags & LINKHDR_PARAM_EXT)) {
        /* the builder takes text: remove the quoted-pairs, decode the
         * ext-value (it writes it back as UTF-8'') */
        if (linkhdr_param_value(&prm, scratch + used, SCRATCH - used, &a->value_len) !=
            LINKHDR_OK)
          return LINKHDR_E_ARG;
        a->value = scratch + used;
        used += a->value_len;
      }
    }
    n++;
  }
  if (rc != LINKHDR_DONE) return rc;
  return linkhdr_append(buf, cap, len, link.target.base, link.target.len, attrs, n, 0, err);
}

static int names_eq(linkhdr_view a, linkhdr_view b) {
  size_t i;
  if (a.len != b.len) return 0;
  for (i = 0; i < a.len; i++)
    if (lower(a.base[i]) != lower(b.base[i])) return 0;
  return 1;
}

/* Whether the texts of two values are the same bytes. */
static int values_eq(const linkhdr_param *a, const linkhdr_param *b) {
  size_t i = 0, j = 0;
  int ea = escaped(a), eb = escaped(b);
  if ((a->type == LINKHDR_VALUE_NONE) != (b->type == LINKHDR_VALUE_NONE)) return 0;
  while (i < a->value.len && j < b->value.len)
    if (text_next(a->value.base, a->value.len, &i, ea) !=
        text_next(b->value.base, b->value.len, &j, eb))
      return 0;
  return i == a->value.len && j == b->value.len;
}

int linkhdr__same_link(linkhdr_view line_a, size_t off_a, linkhdr_view line_b, size_t off_b,
                       unsigned omit) {
  linkhdr_parser pa, pb;
  linkhdr_link la, lb;
  linkhdr_param a, b;
  if (first_link(&pa, line_a, off_a, &la) != LINKHDR_OK ||
      first_link(&pb, line_b, off_b, &lb) != LINKHDR_OK)
    return 0;
  if (la.target.len != lb.target.len ||
      (la.target.len && memcmp(la.target.base, lb.target.base, la.target.len) != 0))
    return 0;
  for (;;) {
    int ra = next_kept(&pa, &a, omit), rb = next_kept(&pb, &b, omit);
    if (ra == LINKHDR_DONE && rb == LINKHDR_DONE) return 1;
    if (ra != LINKHDR_OK || rb != LINKHDR_OK) return 0;
    if (a.name.len != b.name.len) return 0;
    if (!names_eq(a.name, b.name) || !values_eq(&a, &b)) return 0;
  }
}

/* FNV-1a, over what linkhdr__same_link() compares: the target bytes, then
 * per parameter the lowercased name, whether it has a value, and the
 * value's text. Equal links hash equal; the fields are framed so that
 * moving bytes between them changes the hash. */
static uint32_t fnv(uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }

uint32_t linkhdr__link_hash(linkhdr_view line, size_t offset, unsigned omit) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param prm;
  uint32_t h = 2166136261u;
  size_t i;
  if (first_link(&p, line, offset, &link) != LINKHDR_OK) return h;
  for (i = 0; i < link.target.len; i++) h = fnv(h, (unsigned char)link.target.base[i]);
  while (next_kept(&p, &prm, omit) == LINKHDR_OK) {
    int esc = escaped(&prm);
    h = fnv(h, 0);
    for (i = 0; i < prm.name.len; i++) h = fnv(h, (unsigned char)lower(prm.name.base[i]));
    h = fnv(h, prm.type == LINKHDR_VALUE_NONE ? 1 : 2);
    for (i = 0; i < prm.value.len;) h = fnv(h, (unsigned char)text_next(prm.value.base, prm.value.len, &i, esc));
  }
  return h;
}
