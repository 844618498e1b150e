/*
 * Data-driven conformance tests: every line of the JSON Lines file named by
 * argv[1] (tests/data/conformance.jsonl) is one case and one cmocka test.
 * The format is described in tests/data/README.md.
 *
 * Each case is parsed in strict and in lenient mode, from exact-size heap
 * copies of its field lines, through both linkhdr_parser_init (single-line
 * cases) and linkhdr_parser_init_lines. Besides comparing with the expected
 * links or error, every run checks invariants that hold for any input: views
 * stay inside their line, offsets increase, decoded values are no longer
 * than the raw ones, errors are sticky until linkhdr_recover().
 *
 * The JSON reader below is deliberately small: objects, arrays, strings
 * (all escapes, surrogate pairs), numbers, true/false/null.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "linkhdr.h"
#include "testutil.h"

/* ====================================================================
 * Small helpers
 * ==================================================================== */

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (p == NULL) abort();
  return p;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (p == NULL) abort();
  return p;
}

/* A byte string (may hold NULs). */
typedef struct bytes {
  char *p;
  size_t n;
} bytes;

static bytes bytes_dup(const char *s, size_t n) {
  bytes b;
  b.p = xmalloc(n);
  if (n) memcpy(b.p, s, n);
  b.n = n;
  return b;
}

static int bytes_eq(bytes a, bytes b) {
  return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* A growing text buffer for diagnostics. */
typedef struct sbuf {
  char *p;
  size_t n, cap;
} sbuf;

static void sb_put(sbuf *s, const char *d, size_t n) {
  if (s->n + n + 1 > s->cap) {
    s->cap = (s->n + n + 1) * 2;
    s->p = xrealloc(s->p, s->cap);
  }
  memcpy(s->p + s->n, d, n);
  s->n += n;
  s->p[s->n] = '\0';
}

static void sb_printf(sbuf *s, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  int k;
  va_start(ap, fmt);
  k = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (k < 0) return;
  sb_put(s, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

/* JSON-like quoting; bytes >= 0x80 as \xNN so that the output is ASCII. */
static void sb_quote(sbuf *s, bytes b) {
  size_t i;
  sb_put(s, "\"", 1);
  for (i = 0; i < b.n; i++) {
    unsigned char c = (unsigned char)b.p[i];
    if (c == '"' || c == '\\') {
      char e[2] = {'\\', (char)c};
      sb_put(s, e, 2);
    } else if (c == '\t') {
      sb_put(s, "\\t", 2);
    } else if (c == '\n') {
      sb_put(s, "\\n", 2);
    } else if (c == '\r') {
      sb_put(s, "\\r", 2);
    } else if (c < 0x20 || c == 0x7f) {
      sb_printf(s, "\\u%04x", c);
    } else if (c >= 0x80) {
      sb_printf(s, "\\x%02x", c);
    } else {
      sb_put(s, (const char *)&b.p[i], 1);
    }
  }
  sb_put(s, "\"", 1);
}

/* ====================================================================
 * JSON reader
 * ==================================================================== */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jval {
  enum jtype type;
  int boolean;
  double num;
  bytes str;           /* J_STR */
  struct jval **items; /* J_ARR, J_OBJ values */
  bytes *keys;         /* J_OBJ */
  size_t n;
} jval;

typedef struct jreader {
  const char *s;
  size_t n, i;
  const char *err; /* first error, NULL if none */
  size_t depth;
} jreader;

static jval *json_value(jreader *r);

static void json_free(jval *v) {
  size_t i;
  if (v == NULL) return;
  for (i = 0; i < v->n; i++) {
    json_free(v->items[i]);
    if (v->keys) free(v->keys[i].p);
  }
  free(v->items);
  free(v->keys);
  free(v->str.p);
  free(v);
}

static jval *json_new(enum jtype t) {
  jval *v = xmalloc(sizeof *v);
  memset(v, 0, sizeof *v);
  v->type = t;
  return v;
}

static void json_ws(jreader *r) {
  while (r->i < r->n &&
         (r->s[r->i] == ' ' || r->s[r->i] == '\t' || r->s[r->i] == '\r' || r->s[r->i] == '\n'))
    r->i++;
}

static int json_fail(jreader *r, const char *msg) {
  if (r->err == NULL) r->err = msg;
  return 0;
}

static int json_hex4(jreader *r, unsigned long *out) {
  unsigned long v = 0;
  size_t k;
  if (r->n - r->i < 4) return json_fail(r, "short \\u escape");
  for (k = 0; k < 4; k++) {
    char c = r->s[r->i + k];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= (unsigned long)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (unsigned long)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (unsigned long)(c - 'A' + 10);
    else
      return json_fail(r, "bad hex digit in \\u escape");
  }
  r->i += 4;
  *out = v;
  return 1;
}

static void utf8_put(sbuf *s, unsigned long cp) {
  char u[4];
  size_t k;
  if (cp < 0x80) {
    u[0] = (char)cp;
    k = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    k = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    k = 3;
  } else {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    k = 4;
  }
  sb_put(s, u, k);
}

/* \uXXXX, with a following \uXXXX when the first is a high surrogate. */
static int json_unicode(jreader *r, sbuf *out) {
  unsigned long cp, lo;
  if (!json_hex4(r, &cp)) return 0;
  if (cp >= 0xDC00 && cp <= 0xDFFF) return json_fail(r, "lone low surrogate");
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (r->n - r->i < 2 || r->s[r->i] != '\\' || r->s[r->i + 1] != 'u')
      return json_fail(r, "high surrogate without low surrogate");
    r->i += 2;
    if (!json_hex4(r, &lo)) return 0;
    if (lo < 0xDC00 || lo > 0xDFFF) return json_fail(r, "bad low surrogate");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
  }
  utf8_put(out, cp);
  return 1;
}

static int json_escape(jreader *r, sbuf *out) {
  char c;
  if (r->i >= r->n) return json_fail(r, "unterminated string");
  c = r->s[r->i++];
  switch (c) {
  case '"': sb_put(out, "\"", 1); return 1;
  case '\\': sb_put(out, "\\", 1); return 1;
  case '/': sb_put(out, "/", 1); return 1;
  case 'b': sb_put(out, "\b", 1); return 1;
  case 'f': sb_put(out, "\f", 1); return 1;
  case 'n': sb_put(out, "\n", 1); return 1;
  case 'r': sb_put(out, "\r", 1); return 1;
  case 't': sb_put(out, "\t", 1); return 1;
  case 'u': return json_unicode(r, out);
  default: return json_fail(r, "bad escape in string");
  }
}

/* A string body after the opening quote; the result is raw bytes. */
static int json_string_bytes(jreader *r, bytes *out) {
  sbuf s = {NULL, 0, 0};
  sb_put(&s, "", 0);
  for (;;) {
    unsigned char c;
    if (r->i >= r->n) {
      free(s.p);
      return json_fail(r, "unterminated string");
    }
    c = (unsigned char)r->s[r->i++];
    if (c == '"') break; /* s.p stays NUL-terminated (sb_put) */
    if (c < 0x20) {
      free(s.p);
      return json_fail(r, "raw control character in string");
    }
    if (c == '\\') {
      if (!json_escape(r, &s)) {
        free(s.p);
        return 0;
      }
    } else {
      sb_put(&s, (const char *)&r->s[r->i - 1], 1);
    }
  }
  out->p = s.p;
  out->n = s.n;
  return 1;
}

static jval *json_number(jreader *r) {
  char tmp[64];
  size_t start = r->i, k;
  char *end;
  jval *v;
  while (r->i < r->n && strchr("+-0123456789.eE", r->s[r->i]) != NULL) r->i++;
  k = r->i - start;
  if (k == 0 || k >= sizeof tmp) {
    json_fail(r, "bad number");
    return NULL;
  }
  memcpy(tmp, r->s + start, k);
  tmp[k] = '\0';
  v = json_new(J_NUM);
  v->num = strtod(tmp, &end);
  if (*end != '\0') {
    json_free(v);
    json_fail(r, "bad number");
    return NULL;
  }
  return v;
}

static int json_literal(jreader *r, const char *word) {
  size_t k = strlen(word);
  if (r->n - r->i < k || memcmp(r->s + r->i, word, k) != 0)
    return json_fail(r, "unexpected character");
  r->i += k;
  return 1;
}

static void json_push(jval *v, bytes key, jval *item) {
  v->items = xrealloc(v->items, (v->n + 1) * sizeof *v->items);
  if (v->type == J_OBJ) {
    v->keys = xrealloc(v->keys, (v->n + 1) * sizeof *v->keys);
    v->keys[v->n] = key;
  }
  v->items[v->n++] = item;
}

/* Members or elements after '{' / '['. */
static jval *json_container(jreader *r, enum jtype t) {
  char close = t == J_OBJ ? '}' : ']';
  jval *v = json_new(t);
  json_ws(r);
  if (r->i < r->n && r->s[r->i] == close) {
    r->i++;
    return v;
  }
  for (;;) {
    bytes key = {NULL, 0};
    jval *item;
    json_ws(r);
    if (t == J_OBJ) {
      if (r->i >= r->n || r->s[r->i] != '"') goto fail_msg;
      r->i++;
      if (!json_string_bytes(r, &key)) goto fail;
      json_ws(r);
      if (r->i >= r->n || r->s[r->i] != ':') {
        free(key.p);
        goto fail_msg;
      }
      r->i++;
    }
    item = json_value(r);
    if (item == NULL) {
      free(key.p);
      goto fail;
    }
    json_push(v, key, item);
    json_ws(r);
    if (r->i < r->n && r->s[r->i] == ',') {
      r->i++;
      continue;
    }
    if (r->i < r->n && r->s[r->i] == close) {
      r->i++;
      return v;
    }
    goto fail_msg;
  }
fail_msg:
  json_fail(r, t == J_OBJ ? "malformed object" : "malformed array");
fail:
  json_free(v);
  return NULL;
}

static jval *json_value(jreader *r) {
  jval *v;
  json_ws(r);
  if (r->i >= r->n) {
    json_fail(r, "unexpected end of line");
    return NULL;
  }
  if (++r->depth > 32) {
    json_fail(r, "nesting too deep");
    return NULL;
  }
  switch (r->s[r->i]) {
  case '{':
    r->i++;
    v = json_container(r, J_OBJ);
    break;
  case '[':
    r->i++;
    v = json_container(r, J_ARR);
    break;
  case '"':
    r->i++;
    v = json_new(J_STR);
    if (!json_string_bytes(r, &v->str)) {
      json_free(v);
      v = NULL;
    }
    break;
  case 'n': v = json_literal(r, "null") ? json_new(J_NULL) : NULL; break;
  case 't':
    v = json_literal(r, "true") ? json_new(J_BOOL) : NULL;
    if (v) v->boolean = 1;
    break;
  case 'f': v = json_literal(r, "false") ? json_new(J_BOOL) : NULL; break;
  default: v = json_number(r); break;
  }
  r->depth--;
  return v;
}

static jval *json_parse(const char *s, size_t n, const char **err) {
  jreader r = {s, n, 0, NULL, 0};
  jval *v = json_value(&r);
  if (v != NULL) {
    json_ws(&r);
    if (r.i != r.n) {
      json_free(v);
      v = NULL;
      json_fail(&r, "trailing characters after the value");
    }
  }
  *err = r.err ? r.err : "invalid JSON";
  return v;
}

static const jval *json_get(const jval *obj, const char *key) {
  size_t i, k = strlen(key);
  if (obj == NULL || obj->type != J_OBJ) return NULL;
  for (i = 0; i < obj->n; i++)
    if (obj->keys[i].n == k && memcmp(obj->keys[i].p, key, k) == 0) return obj->items[i];
  return NULL;
}

/* ====================================================================
 * Cases
 * ==================================================================== */

typedef struct xparam {
  bytes name;
  int has_value; /* 0: no '=' (JSON null) */
  bytes value;
} xparam;

typedef struct xlink {
  bytes target;
  xparam *params;
  size_t nparams;
} xlink;

typedef struct xlinks {
  xlink *v;
  size_t n;
} xlinks;

typedef struct tcase {
  char *id;
  size_t lineno;
  bytes *lines;
  size_t nlines;
  int single; /* given as "input"/"input_hex": also run linkhdr_parser_init */
  int strict_error;
  char *err_code;
  size_t err_line, err_offset;
  int has_recovered;
  xlinks recovered;
  xlinks strict_links;
  xlinks lenient_links;
} tcase;

static void xlink_free(xlink *k) {
  size_t i;
  free(k->target.p);
  for (i = 0; i < k->nparams; i++) {
    free(k->params[i].name.p);
    free(k->params[i].value.p);
  }
  free(k->params);
}

static void xlinks_free(xlinks *l) {
  size_t i;
  for (i = 0; i < l->n; i++) xlink_free(&l->v[i]);
  free(l->v);
  l->v = NULL;
  l->n = 0;
}

static void xlinks_push(xlinks *l, xlink k) {
  l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
  l->v[l->n++] = k;
}

static int xlinks_eq(const xlinks *a, const xlinks *b) {
  size_t i, j;
  if (a->n != b->n) return 0;
  for (i = 0; i < a->n; i++) {
    const xlink *x = &a->v[i], *y = &b->v[i];
    if (!bytes_eq(x->target, y->target) || x->nparams != y->nparams) return 0;
    for (j = 0; j < x->nparams; j++) {
      const xparam *p = &x->params[j], *q = &y->params[j];
      if (!bytes_eq(p->name, q->name) || p->has_value != q->has_value) return 0;
      if (p->has_value && !bytes_eq(p->value, q->value)) return 0;
    }
  }
  return 1;
}

static void sb_links(sbuf *s, const xlinks *l) {
  size_t i, j;
  sb_put(s, "[", 1);
  for (i = 0; i < l->n; i++) {
    const xlink *k = &l->v[i];
    if (i) sb_put(s, ",\n    ", 6);
    sb_put(s, "{\"target\":", 10);
    sb_quote(s, k->target);
    sb_put(s, ",\"params\":[", 11);
    for (j = 0; j < k->nparams; j++) {
      if (j) sb_put(s, ",", 1);
      sb_put(s, "[", 1);
      sb_quote(s, k->params[j].name);
      sb_put(s, ",", 1);
      if (k->params[j].has_value)
        sb_quote(s, k->params[j].value);
      else
        sb_put(s, "null", 4);
      sb_put(s, "]", 1);
    }
    sb_put(s, "]}", 2);
  }
  sb_put(s, "]", 1);
}

static void case_free(tcase *c) {
  size_t i;
  free(c->id);
  for (i = 0; i < c->nlines; i++) free(c->lines[i].p);
  free(c->lines);
  free(c->err_code);
  xlinks_free(&c->recovered);
  xlinks_free(&c->strict_links);
  xlinks_free(&c->lenient_links);
}

/* ---- loading: any problem in the data stops the program with its line ---- */

static const char *g_path;

static void data_die(size_t lineno, const char *what, const char *detail) {
  fprintf(stderr, "%s:%lu: bad conformance case: %s%s%s\n", g_path, (unsigned long)lineno, what,
          detail ? ": " : "", detail ? detail : "");
  exit(EXIT_FAILURE);
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bytes hex_decode(const bytes *h, size_t lineno) {
  bytes b;
  size_t i;
  if (h->n % 2) data_die(lineno, "hex string of odd length", NULL);
  b.n = h->n / 2;
  b.p = xmalloc(b.n);
  for (i = 0; i < b.n; i++) {
    int hi = hexval((unsigned char)h->p[2 * i]), lo = hexval((unsigned char)h->p[2 * i + 1]);
    if (hi < 0 || lo < 0) data_die(lineno, "bad hex digit", NULL);
    b.p[i] = (char)(hi * 16 + lo);
  }
  return b;
}

/* A byte string: a JSON string (its UTF-8 bytes) or {"hex":"..."}. */
static bytes load_bytes(const jval *v, size_t lineno, const char *what) {
  const jval *h;
  if (v != NULL && v->type == J_STR) return bytes_dup(v->str.p, v->str.n);
  h = json_get(v, "hex");
  if (h == NULL || h->type != J_STR || v->n != 1)
    data_die(lineno, "expected a string or {\"hex\":...}", what);
  return hex_decode(&h->str, lineno);
}

static size_t load_index(const jval *v, size_t lineno, const char *what) {
  if (v == NULL || v->type != J_NUM) data_die(lineno, "missing or non-numeric field", what);
  if (v->num < 0 || v->num > 1e12 || v->num != (double)(size_t)v->num)
    data_die(lineno, "not a non-negative integer", what);
  return (size_t)v->num;
}

static xparam load_param(const jval *v, size_t lineno) {
  xparam p;
  size_t i;
  if (v == NULL || v->type != J_ARR || v->n != 2)
    data_die(lineno, "a param must be [name, value]", NULL);
  p.name = load_bytes(v->items[0], lineno, "param name");
  for (i = 0; i < p.name.n; i++)
    if (p.name.p[i] >= 'A' && p.name.p[i] <= 'Z')
      data_die(lineno, "param names are lowercase", NULL);
  p.has_value = v->items[1]->type != J_NULL;
  if (p.has_value)
    p.value = load_bytes(v->items[1], lineno, "param value");
  else
    p.value = bytes_dup("", 0);
  return p;
}

static xlinks load_links(const jval *arr, size_t lineno, const char *what) {
  xlinks l = {NULL, 0};
  size_t i, j;
  if (arr == NULL || arr->type != J_ARR) data_die(lineno, "missing links array", what);
  for (i = 0; i < arr->n; i++) {
    const jval *o = arr->items[i], *params = json_get(o, "params");
    xlink k;
    if (o->type != J_OBJ || o->n != 2 || params == NULL || params->type != J_ARR)
      data_die(lineno, "a link must be {\"target\":...,\"params\":[...]}", what);
    k.target = load_bytes(json_get(o, "target"), lineno, "target");
    k.nparams = params->n;
    k.params = xmalloc(k.nparams * sizeof *k.params);
    for (j = 0; j < k.nparams; j++) k.params[j] = load_param(params->items[j], lineno);
    xlinks_push(&l, k);
  }
  return l;
}

static int known_code_name(const char *name) {
  int code;
  for (code = -64; code <= 1; code++) {
    const char *n = linkhdr_code_name(code);
    if (code < 0 && n != NULL && strcmp(n, name) == 0) return 1;
  }
  return 0;
}

static void load_input(tcase *c, const jval *d) {
  const jval *in = json_get(d, "input"), *lines = json_get(d, "lines"),
             *hex = json_get(d, "input_hex");
  size_t i;
  if ((in != NULL) + (lines != NULL) + (hex != NULL) != 1)
    data_die(c->lineno, "exactly one of input, lines, input_hex is needed", NULL);
  if (lines != NULL) {
    if (lines->type != J_ARR || lines->n == 0)
      data_die(c->lineno, "lines must be a non-empty array", NULL);
    c->nlines = lines->n;
    c->lines = xmalloc(c->nlines * sizeof *c->lines);
    for (i = 0; i < c->nlines; i++) c->lines[i] = load_bytes(lines->items[i], c->lineno, "lines");
    return;
  }
  c->single = 1;
  c->nlines = 1;
  c->lines = xmalloc(sizeof *c->lines);
  if (in != NULL) {
    if (in->type != J_STR) data_die(c->lineno, "input must be a string", NULL);
    c->lines[0] = bytes_dup(in->str.p, in->str.n);
  } else {
    if (hex->type != J_STR) data_die(c->lineno, "input_hex must be a string", NULL);
    c->lines[0] = hex_decode(&hex->str, c->lineno);
  }
}

static void load_strict(tcase *c, const jval *s) {
  const jval *err = json_get(s, "error"), *rec;
  if (s == NULL || s->type != J_OBJ) data_die(c->lineno, "missing strict object", NULL);
  if (err == NULL) {
    if (s->n != 1) data_die(c->lineno, "strict: unknown field", NULL);
    c->strict_links = load_links(json_get(s, "links"), c->lineno, "strict");
    return;
  }
  if (err->type != J_STR || memchr(err->str.p, '\0', err->str.n) != NULL)
    data_die(c->lineno, "strict.error must be a string", NULL);
  c->strict_error = 1;
  c->err_code = xmalloc(err->str.n + 1);
  memcpy(c->err_code, err->str.p, err->str.n);
  c->err_code[err->str.n] = '\0';
  if (!known_code_name(c->err_code)) data_die(c->lineno, "unknown error code", c->err_code);
  c->err_line = load_index(json_get(s, "line"), c->lineno, "strict.line");
  c->err_offset = load_index(json_get(s, "offset"), c->lineno, "strict.offset");
  if (c->err_line >= c->nlines) data_die(c->lineno, "strict.line beyond the field lines", NULL);
  if (c->err_offset > c->lines[c->err_line].n)
    data_die(c->lineno, "strict.offset beyond the line", NULL);
  rec = json_get(s, "recovered");
  if (s->n != 3u + (rec != NULL)) data_die(c->lineno, "strict: unknown field", NULL);
  if (rec != NULL) {
    c->has_recovered = 1;
    c->recovered = load_links(rec, c->lineno, "strict.recovered");
  }
}

static int kebab_id(const bytes *id) {
  size_t i;
  if (id->n == 0) return 0;
  for (i = 0; i < id->n; i++) {
    char ch = id->p[i];
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return 0;
  }
  return 1;
}

static void load_case(tcase *c, const jval *d) {
  static const char *const known[] = {"id",     "input",   "lines", "input_hex",
                                      "strict", "lenient", "note"};
  const jval *id = json_get(d, "id"), *len = json_get(d, "lenient");
  size_t i, j;
  if (d->type != J_OBJ) data_die(c->lineno, "a case must be a JSON object", NULL);
  for (i = 0; i < d->n; i++) {
    int ok = 0;
    for (j = 0; j < sizeof known / sizeof known[0]; j++)
      ok |= d->keys[i].n == strlen(known[j]) && memcmp(d->keys[i].p, known[j], d->keys[i].n) == 0;
    if (!ok) data_die(c->lineno, "unknown field", d->keys[i].p);
  }
  if (id == NULL || id->type != J_STR || !kebab_id(&id->str))
    data_die(c->lineno, "id must be a non-empty kebab-case string", NULL);
  c->id = xmalloc(id->str.n + 1);
  memcpy(c->id, id->str.p, id->str.n);
  c->id[id->str.n] = '\0';
  if (json_get(d, "note") != NULL && json_get(d, "note")->type != J_STR)
    data_die(c->lineno, "note must be a string", NULL);
  load_input(c, d);
  load_strict(c, json_get(d, "strict"));
  if (len == NULL || len->type != J_OBJ || len->n != 1)
    data_die(c->lineno, "lenient must be {\"links\":[...]}", NULL);
  c->lenient_links = load_links(json_get(len, "links"), c->lineno, "lenient");
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t n = 0, cap = 0, k;
  if (f == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(EXIT_FAILURE);
  }
  do {
    if (cap - n < 4096) buf = xrealloc(buf, cap = cap * 2 + 4096);
    k = fread(buf + n, 1, cap - n, f);
    n += k;
  } while (k > 0);
  if (ferror(f)) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(EXIT_FAILURE);
  }
  fclose(f);
  *len = n;
  return buf;
}

static tcase *load_cases(const char *path, size_t *ncases) {
  size_t len, pos = 0, lineno = 0, n = 0, i;
  char *text = read_file(path, &len);
  tcase *cases = NULL;
  g_path = path;
  while (pos < len) {
    const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
    size_t llen = nl ? (size_t)(nl - line) : len - pos;
    const char *err;
    jval *d;
    pos += llen + (nl != NULL);
    lineno++;
    if (llen && line[llen - 1] == '\r') llen--;
    if (llen == 0) continue; /* blank lines are allowed */
    d = json_parse(line, llen, &err);
    if (d == NULL) data_die(lineno, "JSON error", err);
    cases = xrealloc(cases, (n + 1) * sizeof *cases);
    memset(&cases[n], 0, sizeof cases[n]);
    cases[n].lineno = lineno;
    load_case(&cases[n], d);
    json_free(d);
    for (i = 0; i < n; i++)
      if (strcmp(cases[i].id, cases[n].id) == 0) data_die(lineno, "duplicate id", cases[n].id);
    n++;
  }
  free(text);
  if (n == 0) data_die(lineno, "no cases in the file", NULL);
  *ncases = n;
  return cases;
}

/* ====================================================================
 * Running the parser
 * ==================================================================== */

/* What one run produced. */
typedef struct result {
  xlinks links;        /* links whose parameters all parsed */
  int has_error;       /* at least one error was reported */
  linkhdr_error first; /* the first error */
  char problem[256];   /* an invariant that did not hold ("" if none) */
} result;

typedef struct runner {
  const tcase *c;
  char **bufs; /* exact-size heap copies of the lines */
  unsigned flags;
  linkhdr_parser p;
  result *r;
} runner;

static void problem(runner *u, const char *fmt, ...) {
  va_list ap;
  if (u->r->problem[0] != '\0') return;
  va_start(ap, fmt);
  vsnprintf(u->r->problem, sizeof u->r->problem, fmt, ap);
  va_end(ap);
}

static int inside(const runner *u, size_t line, const char *base, size_t len) {
  const char *b = u->bufs[line];
  size_t n = u->c->lines[line].n;
  if (len == 0 && base == NULL) return 1;
  return base != NULL && base >= b && base <= b + n && len <= (size_t)(b + n - base);
}

/* The flags and type must agree with the bytes (include/linkhdr.h). */
static void check_param_flags(runner *u, const linkhdr_param *pa) {
  int quoted = pa->type == LINKHDR_VALUE_QUOTED;
  int has_bs = pa->value.len > 0 && memchr(pa->value.base, '\\', pa->value.len) != NULL;
  if (pa->type < LINKHDR_VALUE_NONE || pa->type > LINKHDR_VALUE_QUOTED)
    problem(u, "bad value type %d", pa->type);
  if (pa->type == LINKHDR_VALUE_NONE && pa->value.len != 0) problem(u, "NONE value with bytes");
  if (!!(pa->flags & LINKHDR_PARAM_EXT) !=
      (pa->name.len > 0 && pa->name.base[pa->name.len - 1] == '*'))
    problem(u, "EXT flag does not match a trailing '*' in the name");
  if (quoted && !!(pa->flags & LINKHDR_PARAM_ESCAPED) != has_bs)
    problem(u, "ESCAPED flag does not match a '\\'");
  if (!quoted && (pa->flags & (LINKHDR_PARAM_ESCAPED | LINKHDR_PARAM_UNTERMINATED)))
    problem(u, "ESCAPED/UNTERMINATED on a value that is not quoted");
  if (!(u->flags & LINKHDR_LENIENT) &&
      (pa->ext_error != 0 || (pa->flags & LINKHDR_PARAM_UNTERMINATED)))
    problem(u, "ext_error or UNTERMINATED in strict mode");
  if (!(pa->flags & LINKHDR_PARAM_EXT) && pa->ext_error != 0)
    problem(u, "ext_error without EXT flag");
}

/* Checks one parameter and converts it to the expected form. */
static void take_param(runner *u, const linkhdr_link *link, size_t prev_off,
                       const linkhdr_param *pa, xparam *out) {
  size_t i, outlen = 0;
  char *dst;
  int rc;
  out->name = bytes_dup("", 0);
  out->value = bytes_dup("", 0);
  out->has_value = 0;
  if (!inside(u, link->line, pa->name.base, pa->name.len) ||
      !inside(u, link->line, pa->value.base, pa->value.len)) {
    problem(u, "param view outside its line");
    return;
  }
  if (pa->name.len == 0)
    problem(u, "empty parameter name");
  else if (pa->name.base != u->bufs[link->line] + pa->offset)
    problem(u, "param offset is not its name's");
  if (pa->offset <= prev_off) problem(u, "param offsets do not increase");
  check_param_flags(u, pa);
  free(out->name.p);
  out->name = bytes_dup(pa->name.base, pa->name.len);
  for (i = 0; i < out->name.n; i++)
    if (out->name.p[i] >= 'A' && out->name.p[i] <= 'Z')
      out->name.p[i] = (char)(out->name.p[i] + 32);
  /* exactly value.len bytes, so that ASan sees any write past it */
  dst = xmalloc(pa->value.len);
  rc = linkhdr_param_value(pa, dst, pa->value.len, &outlen);
  if (rc != LINKHDR_OK)
    problem(u, "linkhdr_param_value returned %d", rc);
  else if (outlen > pa->value.len)
    problem(u, "decoded value longer than the raw value");
  else if (!(pa->flags & (LINKHDR_PARAM_ESCAPED | LINKHDR_PARAM_EXT)) &&
           (outlen != pa->value.len || (outlen && memcmp(dst, pa->value.base, outlen) != 0)))
    problem(u, "a value without escapes or ext-value changed when decoded");
  out->has_value = pa->type != LINKHDR_VALUE_NONE;
  free(out->value.p);
  out->value = bytes_dup(dst, rc == LINKHDR_OK && outlen <= pa->value.len ? outlen : 0);
  free(dst);
}

static void check_link(runner *u, const linkhdr_link *link, size_t *last_line, size_t *last_off,
                       int *any) {
  const char *b;
  if (link->line >= u->c->nlines) {
    problem(u, "link line index %lu out of range", (unsigned long)link->line);
    return;
  }
  b = u->bufs[link->line];
  if (link->offset >= u->c->lines[link->line].n || b[link->offset] != '<')
    problem(u, "link offset is not a '<'");
  else if (link->target.base != b + link->offset + 1)
    problem(u, "target does not start after '<'");
  if (!inside(u, link->line, link->target.base, link->target.len))
    problem(u, "target view outside its line");
  if (*any && (link->line < *last_line || (link->line == *last_line && link->offset <= *last_off)))
    problem(u, "link positions do not increase");
  *any = 1;
  *last_line = link->line;
  *last_off = link->offset;
}

/* Is there a ',' outside quoted-strings in line[from .. to)? */
static int comma_between(const bytes *line, size_t from, size_t to) {
  int q = 0;
  size_t i;
  for (i = from; i < to && i < line->n; i++) {
    char ch = line->p[i];
    if (q && ch == '\\')
      i++;
    else if (ch == '"')
      q = !q;
    else if (!q && ch == ',')
      return 1;
  }
  return 0;
}

/* An error from linkhdr_next_link() may still belong to the link before it
 * (junk after its last parameter, reported late): then that link failed too.
 * It belongs to it when no top-level ',' lies between that link and the
 * error, which makes the expectation independent of which call reports it. */
static void drop_if_owner(runner *u, const linkhdr_error *e, const linkhdr_link *last,
                          int have_last) {
  xlinks *l = &u->r->links;
  size_t after;
  if (!have_last || l->n == 0 || last->line != e->item || last->offset >= e->offset) return;
  after = last->offset + 1 + last->target.len + 1;
  if (!comma_between(&u->c->lines[e->item], after, e->offset)) xlink_free(&l->v[--l->n]);
}

/* Records an error and checks that it is sticky. */
static void on_error(runner *u, int rc) {
  linkhdr_error e = linkhdr_parser_error(&u->p), e2;
  linkhdr_link l2;
  linkhdr_param p2;
  if (e.code != rc) problem(u, "returned %d but linkhdr_parser_error says %d", rc, e.code);
  if (u->flags & LINKHDR_LENIENT) problem(u, "lenient mode returned an error (%d)", rc);
  if (!u->r->has_error) {
    u->r->has_error = 1;
    u->r->first = e;
  }
  if (linkhdr_next_link(&u->p, &l2) != rc || linkhdr_next_param(&u->p, &p2) != rc)
    problem(u, "error %d is not sticky", rc);
  e2 = linkhdr_parser_error(&u->p);
  if (e2.code != e.code || e2.offset != e.offset || e2.item != e.item)
    problem(u, "error changed while sticky");
}

static void recover(runner *u) {
  int rc = linkhdr_recover(&u->p);
  if (rc != LINKHDR_OK) problem(u, "linkhdr_recover returned %d", rc);
  if (linkhdr_parser_error(&u->p).code != LINKHDR_OK)
    problem(u, "linkhdr_recover left the error set");
}

/* Reads all parameters of the current link; 0 if one failed. */
static int read_params(runner *u, const linkhdr_link *link, xlink *k) {
  size_t prev = link->offset, guard = 0;
  for (;;) {
    linkhdr_param pa;
    int rc = linkhdr_next_param(&u->p, &pa);
    if (rc == LINKHDR_DONE) return 1;
    if (rc < 0) {
      on_error(u, rc);
      return 0;
    }
    if (rc != LINKHDR_OK || ++guard > u->c->lines[link->line].n + 1) {
      problem(u, "linkhdr_next_param: unexpected %d or no progress", rc);
      return 0;
    }
    k->params = xrealloc(k->params, (k->nparams + 1) * sizeof *k->params);
    take_param(u, link, prev, &pa, &k->params[k->nparams++]);
    prev = pa.offset;
  }
}

static void run(const tcase *c, char **bufs, int use_lines, unsigned flags, result *r) {
  runner u;
  linkhdr_view *views = NULL;
  linkhdr_link last;
  size_t i, total = 16, guard = 0, last_line = 0, last_off = 0;
  int any = 0, have_last = 0;
  memset(r, 0, sizeof *r);
  memset(&last, 0, sizeof last);
  u.c = c;
  u.bufs = bufs;
  u.flags = flags;
  u.r = r;
  for (i = 0; i < c->nlines; i++) total += 4 * (c->lines[i].n + 1);
  if (use_lines) {
    views = xmalloc(c->nlines * sizeof *views);
    for (i = 0; i < c->nlines; i++) {
      views[i].base = bufs[i];
      views[i].len = c->lines[i].n;
    }
    linkhdr_parser_init_lines(&u.p, views, c->nlines, flags);
  } else {
    linkhdr_parser_init(&u.p, bufs[0], c->lines[0].n, flags);
  }
  /* Per-link recovery after every error, as a tolerant caller would do. */
  while (r->problem[0] == '\0') {
    linkhdr_link link;
    xlink k;
    int rc;
    if (++guard > total) {
      problem(&u, "no progress after %lu calls", (unsigned long)guard);
      break;
    }
    rc = linkhdr_next_link(&u.p, &link);
    if (rc == LINKHDR_DONE) break;
    if (rc < 0) {
      linkhdr_error e;
      on_error(&u, rc);
      e = linkhdr_parser_error(&u.p);
      drop_if_owner(&u, &e, &last, have_last);
      have_last = 0;
      recover(&u);
      continue;
    }
    if (rc != LINKHDR_OK) {
      problem(&u, "linkhdr_next_link returned %d", rc);
      break;
    }
    check_link(&u, &link, &last_line, &last_off, &any);
    if (r->problem[0] != '\0') break;
    k.target = bytes_dup(link.target.base, link.target.len);
    k.params = NULL;
    k.nparams = 0;
    if (read_params(&u, &link, &k)) {
      xlinks_push(&r->links, k);
      last = link;
      have_last = 1;
    } else {
      xlink_free(&k);
      have_last = 0;
      recover(&u);
    }
  }
  if (!r->has_error && linkhdr_parser_error(&u.p).code != LINKHDR_OK)
    problem(&u, "error set after a clean run");
  free(views);
}

/* ====================================================================
 * The test
 * ==================================================================== */

static void report(sbuf *s, const tcase *c, const char *mode, const char *why) {
  size_t i;
  sb_printf(s, "case %s (data line %lu), %s: %s\n  input:", c->id, (unsigned long)c->lineno, mode,
            why);
  for (i = 0; i < c->nlines; i++) {
    sb_put(s, " ", 1);
    sb_quote(s, c->lines[i]);
  }
  sb_put(s, "\n", 1);
}

static void sb_error(sbuf *s, const char *code, size_t line, size_t off) {
  sb_printf(s, "{\"error\":\"%s\",\"line\":%lu,\"offset\":%lu}", code ? code : "?",
            (unsigned long)line, (unsigned long)off);
}

/* Compares one run with the expectation; 1 if it matches. */
static int check(const tcase *c, const char *mode, int strict, const result *r, sbuf *s) {
  const xlinks *want = strict ? &c->strict_links : &c->lenient_links;
  const char *got_code = r->has_error ? linkhdr_code_name(r->first.code) : NULL;
  int ok;
  if (r->problem[0] != '\0') {
    report(s, c, mode, r->problem);
    return 0;
  }
  if (strict && c->strict_error) {
    ok = r->has_error && got_code != NULL && strcmp(got_code, c->err_code) == 0 &&
         r->first.item == c->err_line && r->first.offset == c->err_offset;
    if (!ok) {
      report(s, c, mode, "wrong strict error");
      sb_put(s, "  expected: ", 12);
      sb_error(s, c->err_code, c->err_line, c->err_offset);
      sb_put(s, "\n  got:      ", 13);
      if (r->has_error)
        sb_error(s, got_code, r->first.item, r->first.offset);
      else
        sb_links(s, &r->links);
      sb_put(s, "\n", 1);
      return 0;
    }
    if (!c->has_recovered || xlinks_eq(&c->recovered, &r->links)) return 1;
    report(s, c, mode, "wrong links after per-link recovery");
    want = &c->recovered;
  } else if (r->has_error) {
    report(s, c, mode, "unexpected error");
    sb_put(s, "  expected: ", 12);
    sb_links(s, want);
    sb_put(s, "\n  got:      ", 13);
    sb_error(s, got_code, r->first.item, r->first.offset);
    sb_put(s, "\n", 1);
    return 0;
  } else if (xlinks_eq(want, &r->links)) {
    return 1;
  } else {
    report(s, c, mode, "wrong links");
  }
  sb_put(s, "  expected: ", 12);
  sb_links(s, want);
  sb_put(s, "\n  got:      ", 13);
  sb_links(s, &r->links);
  sb_put(s, "\n", 1);
  return 0;
}

static void test_case(void **state) {
  const tcase *c = *state;
  char **bufs = xmalloc(c->nlines * sizeof *bufs);
  sbuf s = {NULL, 0, 0};
  size_t i;
  int m, failures = 0;
  for (i = 0; i < c->nlines; i++) bufs[i] = heap_copy(c->lines[i].p, c->lines[i].n);
  for (m = 0; m < 4; m++) {
    int strict = m < 2, use_lines = m % 2;
    char mode[64];
    result r;
    if (!use_lines && !c->single) continue;
    snprintf(mode, sizeof mode, "%s, %s", strict ? "strict" : "lenient",
             use_lines ? "linkhdr_parser_init_lines" : "linkhdr_parser_init");
    run(c, bufs, use_lines, strict ? LINKHDR_STRICT : LINKHDR_LENIENT, &r);
    failures += !check(c, mode, strict, &r, &s);
    xlinks_free(&r.links);
  }
  for (i = 0; i < c->nlines; i++) free(bufs[i]);
  free(bufs);
  if (s.p != NULL) print_error("%s", s.p);
  free(s.p);
  if (failures != 0) fail_msg("case %s: %d run(s) did not match, see above", c->id, failures);
}

int main(int argc, char **argv) {
  char fallback[4096];
  const char *path = argc > 1 ? argv[1] : NULL;
  struct CMUnitTest *tests;
  tcase *cases;
  size_t n, i;
  int rc;
  if (path == NULL) {
    const char *dir = getenv("LINKHDR_TESTDATA");
    snprintf(fallback, sizeof fallback, "%s/conformance.jsonl", dir ? dir : "tests/data");
    path = fallback;
  }
  cases = load_cases(path, &n);
  tests = xmalloc(n * sizeof *tests);
  for (i = 0; i < n; i++) {
    tests[i].name = cases[i].id;
    tests[i].test_func = test_case;
    tests[i].setup_func = NULL;
    tests[i].teardown_func = NULL;
    tests[i].initial_state = &cases[i];
  }
  rc = _cmocka_run_group_tests("conformance", tests, n, NULL, NULL);
  for (i = 0; i < n; i++) case_free(&cases[i]);
  free(cases);
  free(tests);
  return rc;
}
