/* linkgen: fuzzer bytes -> Link field values (see linkgen.h).
 *
 * Every choice takes the next input byte (0 once the input is used up, so a
 * short input still gives a small, valid value). The generator writes the
 * field value and, for VALID and NEAR_VALID values, records the model a
 * strict parser must report: targets and names as written, values as text. */
#include "linkgen.h"

#include <string.h>

struct gen {
  const uint8_t *data;
  size_t size, pos;
  char *out;
  size_t cap, len;
  int overflow;
  linkgen_value *m;
};

static unsigned next_byte(struct gen *g) { return g->pos < g->size ? g->data[g->pos++] : 0u; }

/* A number in [0, k). */
static unsigned pick(struct gen *g, unsigned k) { return k ? next_byte(g) % k : 0u; }

static void put(struct gen *g, char c) {
  if (g->len < g->cap) g->out[g->len++] = c;
  else g->overflow = 1;
}

static void put_str(struct gen *g, const char *s) {
  while (*s) put(g, *s++);
}

/* Model text: spans are opened, filled and closed. */
static size_t text_open(struct gen *g) { return g->m->text_len; }

static void text_put(struct gen *g, char c) {
  if (g->m->text_len < LINKGEN_TEXT_MAX) g->m->text[g->m->text_len++] = c;
  else g->overflow = 1;
}

static linkgen_span text_close(struct gen *g, size_t off) {
  linkgen_span s;
  s.off = off;
  s.len = g->m->text_len - off;
  return s;
}

/* Written and recorded as is (targets, names, tokens). */
static void both(struct gen *g, char c) {
  put(g, c);
  text_put(g, c);
}

static void both_str(struct gen *g, const char *s) {
  while (*s) both(g, *s++);
}

static const char ALNUM[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
static const char HEX[] = "0123456789ABCDEFabcdef";
static const char TCHAR_PUNCT[] = "!#$%&'*+-.^_`|~";
static const char ATTR_PUNCT[] = "!#$&+-.^_`|~";

static char pick_of(struct gen *g, const char *set) { return set[pick(g, (unsigned)strlen(set))]; }

/* OWS, mostly empty. */
static void ows(struct gen *g) {
  switch (pick(g, 8)) {
  case 5: put(g, ' '); break;
  case 6: put(g, '\t'); break;
  case 7: put_str(g, " \t "); break;
  default: break;
  }
}

/* ---- targets: RFC 3986 URI-References -------------------------------- */

static void pct(struct gen *g) {
  both(g, '%');
  both(g, pick_of(g, HEX));
  both(g, pick_of(g, HEX));
}

/* pchar without ';' and ',' (those are the SEMI_IN_TARGET mutation's). */
static void pchar(struct gen *g, int colon) {
  unsigned r = pick(g, 16);
  if (r < 10) both(g, pick_of(g, ALNUM));
  else if (r == 10) both(g, pick_of(g, "-._~"));
  else if (r == 11) both(g, pick_of(g, "!$&'()*+="));
  else if (r == 12) both(g, colon ? ':' : 'c');
  else if (r == 13) both(g, '@');
  else pct(g);
}

static void segment(struct gen *g, unsigned min, int colon) {
  unsigned n = min + pick(g, 8), i;
  for (i = 0; i < n; i++) pchar(g, colon);
}

static void path_abempty(struct gen *g) {
  unsigned n = pick(g, 4), i;
  for (i = 0; i < n; i++) {
    both(g, '/');
    segment(g, 0, 1);
  }
}

static void authority(struct gen *g) {
  static const char *const literals[] = {"[::1]", "[2001:db8::7]", "[fe80::1:2:3:4]",
                                         "[v7.a:b]", "[::ffff:192.0.2.1]", "[1:2:3:4:5:6:7:8]"};
  unsigned i, n;
  if (pick(g, 4) == 0) { /* userinfo */
    n = pick(g, 6);
    for (i = 0; i < n; i++) {
      unsigned r = pick(g, 4);
      if (r == 0) both(g, ':');
      else if (r == 1) pct(g);
      else both(g, pick_of(g, ALNUM));
    }
    both(g, '@');
  }
  switch (pick(g, 4)) {
  case 0:
    both_str(g, literals[pick(g, sizeof literals / sizeof *literals)]);
    break;
  case 1: {
    char d[4];
    for (i = 0; i < 4; i++) {
      unsigned v = pick(g, 256);
      if (i) both(g, '.');
      d[0] = (char)('0' + v / 100), d[1] = (char)('0' + v / 10 % 10), d[2] = (char)('0' + v % 10);
      d[3] = '\0';
      both_str(g, v >= 100 ? d : v >= 10 ? d + 1 : d + 2);
    }
    break;
  }
  default: /* reg-name, possibly empty */
    n = pick(g, 12);
    for (i = 0; i < n; i++) {
      unsigned r = pick(g, 10);
      if (r == 0) pct(g);
      else if (r == 1) both(g, pick_of(g, "-._~!$&'()*+="));
      else both(g, pick_of(g, ALNUM));
    }
  }
  if (pick(g, 3) == 0) {
    both(g, ':');
    n = pick(g, 6);
    for (i = 0; i < n; i++) both(g, (char)('0' + pick(g, 10)));
  }
}

/* `;` or `,` somewhere a URI-Reference allows them (sub-delims). */
static void semi_piece(struct gen *g) {
  static const char *const pieces[] = {";", ",", ";v=1", ",c_fill,w_750", ";oldid=1,2"};
  both_str(g, pieces[pick(g, sizeof pieces / sizeof *pieces)]);
}

static void target(struct gen *g, int semi) {
  static const char *const schemes[] = {"https:", "http:", "mailto:", "urn:", "a+b.c-d:"};
  int after_authority = 0;
  switch (pick(g, 7)) {
  case 0: /* empty: the context itself */
    break;
  case 1: /* path-absolute, never starting "//" */
    both(g, '/');
    if (pick(g, 4)) {
      segment(g, 1, 1);
      path_abempty(g);
    }
    break;
  case 2: /* path-noscheme: no ':' in the first segment */
    segment(g, 1, 0);
    path_abempty(g);
    break;
  case 3:
    both_str(g, pick(g, 2) ? "https://" : "http://");
    authority(g);
    path_abempty(g);
    after_authority = 1;
    break;
  case 4: /* network-path reference */
    both_str(g, "//");
    authority(g);
    path_abempty(g);
    after_authority = 1;
    break;
  case 5: /* scheme ":" path-rootless */
    both_str(g, schemes[pick(g, sizeof schemes / sizeof *schemes)]);
    segment(g, 1, 1);
    path_abempty(g);
    break;
  default:
    both_str(g, pick(g, 2) ? "../" : "./");
    segment(g, 0, 1);
    path_abempty(g);
  }
  if (semi) {
    if (after_authority) both(g, '/'); /* a port or host ends at the path */
    semi_piece(g);
  }
  if (pick(g, 3) == 0) {
    unsigned n = pick(g, 8), i;
    both(g, '?');
    for (i = 0; i < n; i++) {
      unsigned r = pick(g, 8);
      if (r == 0) both(g, '/');
      else if (r == 1) both(g, '?');
      else pchar(g, 1);
    }
  }
  if (pick(g, 4) == 0) {
    unsigned n = pick(g, 8), i;
    both(g, '#');
    for (i = 0; i < n; i++) pchar(g, 1);
  }
}

/* ---- parameters ------------------------------------------------------- */

/* A token name; never ending in '*' (that makes an ext-value). */
static void name(struct gen *g) {
  static const char *const names[] = {"rel",       "as",     "type",        "title",
                                      "crossorigin", "nopush", "hreflang",    "anchor",
                                      "media",     "integrity", "fetchpriority", "x-http2-push-only",
                                      "critical",  "imagesrcset", "referrerpolicy", "rev"};
  if (pick(g, 4)) {
    const char *s = names[pick(g, sizeof names / sizeof *names)];
    unsigned upper = pick(g, 8) == 0; /* REL=..., names are case-insensitive */
    for (; *s; s++) both(g, upper && *s >= 'a' && *s <= 'z' ? (char)(*s - 32) : *s);
  } else {
    unsigned n = 1 + pick(g, 10), i;
    for (i = 0; i < n; i++) {
      char c = pick(g, 3) ? pick_of(g, ALNUM) : pick_of(g, TCHAR_PUNCT);
      if (c == '*' && i == n - 1) c = 'z';
      both(g, c);
    }
  }
}

static void token_value(struct gen *g) {
  static const char *const values[] = {"preload", "style",     "script", "font",
                                       "image",   "anonymous", "next",   "use-credentials",
                                       "1",       "stylesheet", "fetch", "high"};
  if (pick(g, 2)) {
    both_str(g, values[pick(g, sizeof values / sizeof *values)]);
  } else {
    unsigned n = 1 + pick(g, 16), i;
    for (i = 0; i < n; i++) both(g, pick(g, 4) ? pick_of(g, ALNUM) : pick_of(g, TCHAR_PUNCT));
  }
}

/* quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; the model gets
 * the text. `close` = 0 leaves it unterminated (the mutation). */
static void quoted_text(struct gen *g, const char *fixed, int close) {
  unsigned n = fixed ? (unsigned)strlen(fixed) : pick(g, 25), i;
  put(g, '"');
  for (i = 0; i < n; i++) {
    unsigned char c;
    if (fixed) {
      c = (unsigned char)fixed[i];
    } else {
      unsigned r = pick(g, 16);
      if (r == 0) c = '\t';
      else if (r == 1) c = (unsigned char)(0x80 + pick(g, 128)); /* obs-text */
      else if (r == 2) c = (unsigned char)pick_of(g, "\"\\,;<>=");
      else c = (unsigned char)(0x20 + pick(g, 95));
    }
    if (c == '"' || c == '\\' || (!fixed && pick(g, 8) == 0)) put(g, '\\');
    put(g, (char)c);
    text_put(g, (char)c);
  }
  if (close) put(g, '"');
}

/* Append the UTF-8 form of code point u to the model text. */
static void text_utf8(struct gen *g, unsigned long u, unsigned char *enc, size_t *n) {
  size_t k = 0, i;
  if (u < 0x80) {
    enc[k++] = (unsigned char)u;
  } else if (u < 0x800) {
    enc[k++] = (unsigned char)(0xC0 | (u >> 6));
    enc[k++] = (unsigned char)(0x80 | (u & 0x3F));
  } else if (u < 0x10000) {
    enc[k++] = (unsigned char)(0xE0 | (u >> 12));
    enc[k++] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
    enc[k++] = (unsigned char)(0x80 | (u & 0x3F));
  } else {
    enc[k++] = (unsigned char)(0xF0 | (u >> 18));
    enc[k++] = (unsigned char)(0x80 | ((u >> 12) & 0x3F));
    enc[k++] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
    enc[k++] = (unsigned char)(0x80 | (u & 0x3F));
  }
  for (i = 0; i < k; i++) text_put(g, (char)enc[i]);
  *n = k;
}

static int attr_char(unsigned char c) {
  return (c < 0x80 && strchr(ALNUM, c) && c) || (c && strchr(ATTR_PUNCT, c));
}

/* One octet of value-chars: an attr-char as is (sometimes encoded anyway),
 * anything else as %XX. */
static void ext_octet(struct gen *g, unsigned char c) {
  if (attr_char(c) && pick(g, 8)) {
    put(g, (char)c);
  } else {
    const char *hex = pick(g, 2) ? "0123456789ABCDEF" : "0123456789abcdef";
    put(g, '%');
    put(g, hex[c >> 4]);
    put(g, hex[c & 15]);
  }
}

/* ext-value = charset "'" [ language ] "'" value-chars (RFC 8187). */
static void ext_value(struct gen *g) {
  static const char *const charsets[] = {"UTF-8", "utf-8", "ISO-8859-1", "iso-8859-1"};
  static const char *const langs[] = {"", "en", "de-CH", "zh-Hant-TW", "es-419", "x-private"};
  unsigned cs = pick(g, 4), n = pick(g, 9), i;
  put_str(g, charsets[cs]);
  put(g, '\'');
  put_str(g, langs[pick(g, sizeof langs / sizeof *langs)]);
  put(g, '\'');
  for (i = 0; i < n; i++) {
    unsigned char enc[4];
    size_t k, j;
    if (cs >= 2) { /* ISO-8859-1: one octet, decoded to U+0000-U+00FF */
      unsigned char c = (unsigned char)(pick(g, 2) ? 0x20 + pick(g, 95) : 0xA0 + pick(g, 96));
      text_utf8(g, c, enc, &k);
      ext_octet(g, c);
    } else {
      unsigned long u;
      switch (pick(g, 4)) {
      case 0: u = 0x80 + pick(g, 0x780); break;                  /* two bytes */
      case 1: u = 0x4E00 + (unsigned long)pick(g, 256) * 16; break; /* three bytes */
      case 2: u = 0x1F600 + pick(g, 80); break;                   /* four bytes */
      default: u = 0x20 + pick(g, 95);                            /* ASCII */
      }
      text_utf8(g, u, enc, &k);
      for (j = 0; j < k; j++) ext_octet(g, enc[j]);
    }
  }
}

enum form { F_TOKEN, F_QUOTED, F_NONE, F_EXT, F_COMMA, F_UNCLOSED };

/* OWS ";" OWS link-param; `form` chosen by the caller. */
static void param(struct gen *g, linkgen_link *l, enum form f) {
  linkgen_param *p = &l->params[l->nparams++];
  size_t off;
  ows(g);
  put(g, ';');
  ows(g);
  off = text_open(g);
  if (f == F_EXT) {
    both_str(g, pick(g, 2) ? "title" : "x");
    both(g, '*');
  } else if (f == F_COMMA) {
    both_str(g, "title");
  } else {
    name(g);
  }
  p->name = text_close(g, off);
  p->has_value = f != F_NONE;
  off = text_open(g);
  if (f != F_NONE) {
    if (pick(g, 8) == 0) put(g, ' '); /* BWS */
    put(g, '=');
    if (pick(g, 8) == 0) put(g, '\t');
    switch (f) {
    case F_TOKEN: token_value(g); break;
    case F_QUOTED: quoted_text(g, NULL, 1); break;
    case F_EXT: ext_value(g); break;
    case F_COMMA: {
      static const char *const evil[] = {"x, </evil>; rel=preload; z=", ",", "a,b;c=d",
                                         "\", </x>; rel=\"y"};
      quoted_text(g, evil[pick(g, sizeof evil / sizeof *evil)], 1);
      break;
    }
    case F_UNCLOSED: quoted_text(g, NULL, 0); break;
    default: break;
    }
  }
  p->value = text_close(g, off);
}

static enum form random_form(struct gen *g) {
  unsigned r = pick(g, 16);
  if (r < 7) return F_TOKEN;
  if (r < 11) return F_QUOTED;
  if (r < 14) return F_NONE;
  return F_EXT;
}

/* Between link-values: OWS "," OWS, sometimes with empty list elements. */
static void list_sep(struct gen *g) {
  ows(g);
  put(g, ',');
  ows(g);
  if (pick(g, 8) == 0) {
    put_str(g, pick(g, 2) ? ", " : ",,");
    ows(g);
  }
}

/* A whole VALID / NEAR_VALID value into the model. */
static void valid_value(struct gen *g, int mutation) {
  linkgen_value *m = g->m;
  unsigned nlinks = 1 + pick(g, LINKGEN_MAX_LINKS), at = pick(g, nlinks), i;
  if (pick(g, 8) == 0) put_str(g, pick(g, 2) ? ", " : " "); /* leading empty element / OWS */
  for (i = 0; i < nlinks; i++) {
    linkgen_link *l = &m->links[m->nlinks++];
    unsigned np = pick(g, LINKGEN_MAX_PARAMS), where = pick(g, np + 1), j;
    size_t off;
    if (i) list_sep(g);
    put(g, '<');
    off = text_open(g);
    target(g, i == at && mutation == LINKGEN_MUT_SEMI_IN_TARGET);
    l->target = text_close(g, off);
    put(g, '>');
    l->nparams = 0;
    for (j = 0; j <= np; j++) {
      if (i == at && j == where) {
        switch (mutation) {
        case LINKGEN_MUT_UNBALANCED_QUOTE: param(g, l, F_UNCLOSED); break;
        case LINKGEN_MUT_COMMA_IN_QUOTES: param(g, l, F_COMMA); break;
        case LINKGEN_MUT_VALUELESS: param(g, l, F_NONE); break;
        case LINKGEN_MUT_STAR_PARAM: param(g, l, F_EXT); break;
        default: break;
        }
      }
      if (j < np) param(g, l, random_form(g));
    }
  }
  if (pick(g, 8) == 0) put_str(g, pick(g, 2) ? ", " : " \t");
}

/* A CR, CR LF or obs-fold at some byte of the finished value. */
static void insert_cr(struct gen *g) {
  static const char *const crs[] = {"\r", "\r\n", "\r\n ", "\r\nX-Injected: 1\r\n"};
  const char *ins = crs[pick(g, sizeof crs / sizeof *crs)];
  size_t k = strlen(ins), at = ((size_t)next_byte(g) << 8 | next_byte(g)) % (g->len + 1);
  if (g->len + k > g->cap) {
    g->overflow = 1;
    return;
  }
  memmove(g->out + at + k, g->out + at, g->len - at);
  memcpy(g->out + at, ins, k);
  g->len += k;
}

/* Link syntax in pieces, mixed with raw input bytes. */
static void hostile_value(struct gen *g) {
  static const char *const frags[] = {
      "<",        ">",          ";",       ",",     "=",          "\"",        "\\",
      "</a>",     "; rel=preload", "; as=style", ", ", "title*=UTF-8''%", "%E2%82",
      "\r\n",     "\0",          "\x7f",   "\xff\xfe", "[::1",   "http://[",   "#",
      "; =x",     ";;",         "*",       "\t",    "'",          "UTF-8'de'", "crossorigin"};
  unsigned steps = 1 + pick(g, 64), s;
  for (s = 0; s < steps && g->pos < g->size && !g->overflow; s++) {
    unsigned op = pick(g, 6), n, i;
    switch (op) {
    case 0: /* raw bytes from the input */
      n = 1 + pick(g, 16);
      for (i = 0; i < n && g->pos < g->size; i++) put(g, (char)next_byte(g));
      break;
    case 1:
    case 2: {
      const char *f = frags[pick(g, sizeof frags / sizeof *frags)];
      if (!*f) put(g, '\0');
      else put_str(g, f);
      break;
    }
    case 3: { /* a run: ",,,,", ";;;;", "<<<<", "\\\\\\", ... */
      char c = pick_of(g, ",;<\"\\ =%>'");
      n = 1 + pick(g, 255);
      for (i = 0; i < n; i++) put(g, c);
      break;
    }
    case 4: { /* a whole valid link, modelled into a scratch count */
      linkgen_link *l = &g->m->links[0];
      size_t off = text_open(g);
      put(g, '<');
      target(g, pick(g, 2));
      put(g, '>');
      l->nparams = 0;
      n = pick(g, LINKGEN_MAX_PARAMS);
      for (i = 0; i < n; i++) param(g, l, random_form(g));
      g->m->text_len = off; /* the model is not kept */
      break;
    }
    default: /* a control byte */
      put(g, (char)pick(g, 32));
    }
  }
}

size_t linkgen_generate(const uint8_t *data, size_t size, char *out, size_t cap,
                        linkgen_value *model) {
  linkgen_value local;
  struct gen g;
  unsigned k;
  g.data = data;
  g.size = data ? size : 0;
  g.pos = 0;
  g.out = out;
  g.cap = out ? cap : 0;
  g.len = 0;
  g.overflow = 0;
  g.m = model ? model : &local;
  g.m->nlinks = 0;
  g.m->text_len = 0;
  g.m->mutation = LINKGEN_MUT_NONE;

  k = pick(&g, 8);
  if (k < 3) {
    g.m->kind = LINKGEN_VALID;
    g.m->valid = 1;
    valid_value(&g, LINKGEN_MUT_NONE);
  } else if (k < 6) {
    int mut = 1 + (int)pick(&g, 6);
    g.m->kind = LINKGEN_NEAR_VALID;
    g.m->mutation = mut;
    g.m->valid = (mut == LINKGEN_MUT_UNBALANCED_QUOTE || mut == LINKGEN_MUT_CR) ? 0 : 1;
    valid_value(&g, mut);
    if (mut == LINKGEN_MUT_CR) insert_cr(&g);
  } else {
    g.m->kind = LINKGEN_HOSTILE;
    g.m->valid = -1;
    hostile_value(&g);
    g.m->nlinks = 0;
  }
  if (g.overflow) g.m->valid = -1;
  return g.len;
}

const char *linkgen_mutation_name(int mutation) {
  switch (mutation) {
  case LINKGEN_MUT_NONE: return "none";
  case LINKGEN_MUT_UNBALANCED_QUOTE: return "unbalanced-quote";
  case LINKGEN_MUT_COMMA_IN_QUOTES: return "comma-in-quotes";
  case LINKGEN_MUT_SEMI_IN_TARGET: return "semicolon-in-target";
  case LINKGEN_MUT_CR: return "cr";
  case LINKGEN_MUT_VALUELESS: return "valueless";
  case LINKGEN_MUT_STAR_PARAM: return "star-param";
  default: return "unknown";
  }
}
