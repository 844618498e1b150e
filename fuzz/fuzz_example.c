/* fuzz_example: how to fuzz YOUR Link parser against linkhdr.
 *
 * Copy this file, linkgen.c and linkgen.h into your project, replace
 * their_parse() (section 1) with a call into your parser that fills a
 * `struct links`, and build it with libFuzzer:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined fuzz_example.c linkgen.c \
 *         your_parser.c -llinkhdr -o fuzz_example
 *   ./fuzz_example -dict=link.dict -max_total_time=600 corpus/
 *
 * The fuzzer's bytes become a Link value through linkgen (valid, near-valid
 * or hostile, see linkgen.h); the value is then read by linkhdr's strict
 * parser and by yours, and compared (section 3):
 *   - a value the generator built valid must be accepted by both, with the
 *     generator's links (this also checks linkhdr and the generator);
 *   - a value with an unbalanced quote or a CR must be rejected by linkhdr,
 *     and by yours when THEIR_PARSER_IS_STRICT is 1;
 *   - whatever linkhdr's strict mode accepts, yours must accept with the
 *     same targets, names, valueless-ness and value text (quotes and
 *     quoted-pairs removed; RFC 8187 decoding is not compared, so a parser
 *     that does not decode `title*` still passes).
 * Values yours accepts and linkhdr rejects are allowed (your parser may be
 * more lenient); set FUZZ_EXAMPLE_VERBOSE=1 to have them printed.
 *
 * The their_parse() below stands in for "your parser": a small, careful
 * parser of the RFC 8288 §3 grammar that checks targets only loosely. */
#include "fuzz_common.h"
#include "linkgen.h"

#define MAX_LINKS 64
#define MAX_PARAMS 64
#ifndef THEIR_PARSER_IS_STRICT
#define THEIR_PARSER_IS_STRICT 1
#endif

/* ---- the comparison form: fill this from your parser's result ---- */

struct cparam {
  const char *name; /* as written */
  size_t name_len;
  int has_value;    /* 0: no '=' */
  const char *text; /* quotes and quoted-pairs removed (into `arena`) */
  size_t text_len;
};

struct clink {
  const char *target; /* between '<' and '>', as written */
  size_t target_len;
  size_t nparams;
  struct cparam params[MAX_PARAMS];
};

struct links {
  size_t nlinks;
  struct clink links[MAX_LINKS];
  char *arena; /* value text; as large as the input */
  size_t used;
};

enum { PARSE_OK = 0, PARSE_REJECT = -1, PARSE_TOO_BIG = -2 };

/* ======================================================================
 * 1. Your parser goes here. Return PARSE_OK and fill *out, PARSE_REJECT
 *    for a value you refuse, PARSE_TOO_BIG when *out has no more room.
 * ====================================================================== */

static int ex_ows(unsigned char c) { return c == ' ' || c == '\t'; }
static int ex_ctl(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }
static int ex_tchar(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int their_parse(const char *in, size_t n, struct links *out) {
  const unsigned char *s = (const unsigned char *)in;
  size_t i = 0;
  out->nlinks = 0;
  out->used = 0;
  for (;;) {
    struct clink *l;
    size_t start;
    while (i < n && (ex_ows(s[i]) || s[i] == ',')) i++; /* empty list elements */
    if (i == n) return PARSE_OK;
    if (s[i] != '<') return PARSE_REJECT;
    start = ++i;
    while (i < n && s[i] != '>') {
      if (s[i] <= ' ' || s[i] >= 0x7f || strchr("\"<\\^`{|}", s[i])) return PARSE_REJECT;
      i++;
    }
    if (i == n) return PARSE_REJECT;
    if (out->nlinks == MAX_LINKS) return PARSE_TOO_BIG;
    l = &out->links[out->nlinks++];
    l->target = in + start;
    l->target_len = i - start;
    l->nparams = 0;
    i++;
    for (;;) { /* *( OWS ";" OWS link-param ) */
      struct cparam *p;
      size_t j = i, k;
      while (j < n && ex_ows(s[j])) j++;
      if (j == n || s[j] == ',') {
        i = j;
        break;
      }
      if (s[j] != ';') return PARSE_REJECT;
      for (j++; j < n && ex_ows(s[j]); j++) {
      }
      for (k = j; k < n && ex_tchar(s[k]); k++) {
      }
      if (k == j) return PARSE_REJECT;
      if (l->nparams == MAX_PARAMS) return PARSE_TOO_BIG;
      p = &l->params[l->nparams++];
      p->name = in + j;
      p->name_len = k - j;
      p->has_value = 0;
      p->text = out->arena + out->used;
      p->text_len = 0;
      i = k;
      while (k < n && ex_ows(s[k])) k++; /* BWS */
      if (k == n || s[k] != '=') continue;
      for (k++; k < n && ex_ows(s[k]); k++) {
      }
      p->has_value = 1;
      if (k < n && s[k] == '"') {
        for (k++;; k++) {
          if (k == n) return PARSE_REJECT;
          if (s[k] == '"') break;
          if (s[k] == '\\' && ++k == n) return PARSE_REJECT;
          if (ex_ctl(s[k])) return PARSE_REJECT;
          out->arena[out->used++] = (char)s[k];
        }
        k++;
      } else {
        size_t v = k;
        while (k < n && ex_tchar(s[k])) out->arena[out->used++] = (char)s[k++];
        if (k == v) return PARSE_REJECT;
      }
      p->text_len = (size_t)(out->arena + out->used - p->text);
      i = k;
    }
  }
}

/* ======================================================================
 * 2. linkhdr's strict mode into the same form (and, for the generator's
 *    model, the fully decoded values).
 * ====================================================================== */

static int linkhdr_strict(const char *in, size_t n, struct links *out, struct links *decoded) {
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  int rc;
  out->nlinks = decoded->nlinks = 0;
  out->used = decoded->used = 0;
  linkhdr_parser_init(&p, in, n, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &l)) == LINKHDR_OK) {
    struct clink *a, *b;
    if (out->nlinks == MAX_LINKS) return PARSE_TOO_BIG;
    a = &out->links[out->nlinks++];
    b = &decoded->links[decoded->nlinks++];
    a->target = b->target = l.target.base;
    a->target_len = b->target_len = l.target.len;
    a->nparams = b->nparams = 0;
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
      struct cparam *x, *y;
      size_t len;
      if (a->nparams == MAX_PARAMS) return PARSE_TOO_BIG;
      x = &a->params[a->nparams++];
      y = &b->params[b->nparams++];
      x->name = y->name = prm.name.base;
      x->name_len = y->name_len = prm.name.len;
      x->has_value = y->has_value = prm.type != LINKHDR_VALUE_NONE;
      x->text = out->arena + out->used;
      CHECK(linkhdr_unescape(prm.value.base, prm.value.len, out->arena + out->used,
                             prm.value.len, &len) == LINKHDR_OK);
      x->text_len = len;
      out->used += len;
      y->text = decoded->arena + decoded->used;
      CHECK(linkhdr_param_value(&prm, decoded->arena + decoded->used, prm.value.len, &len) ==
            LINKHDR_OK);
      y->text_len = len;
      decoded->used += len;
    }
    if (rc < 0) return PARSE_REJECT;
  }
  return rc == LINKHDR_DONE ? PARSE_OK : PARSE_REJECT;
}

/* ======================================================================
 * 3. The comparison.
 * ====================================================================== */

static int bytes_eq(const char *a, size_t an, const char *b, size_t bn) {
  return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

static void check_same(const struct links *x, const struct links *y) {
  size_t i, j;
  CHECK(x->nlinks == y->nlinks);
  for (i = 0; i < x->nlinks; i++) {
    const struct clink *a = &x->links[i], *b = &y->links[i];
    CHECK(bytes_eq(a->target, a->target_len, b->target, b->target_len));
    CHECK(a->nparams == b->nparams);
    for (j = 0; j < a->nparams; j++) {
      const struct cparam *p = &a->params[j], *q = &b->params[j];
      CHECK(bytes_eq(p->name, p->name_len, q->name, q->name_len));
      CHECK(p->has_value == q->has_value);
      CHECK(bytes_eq(p->text, p->text_len, q->text, q->text_len));
    }
  }
}

/* linkhdr's decoded values against the generator's model. */
static void check_model(const struct links *x, const linkgen_value *m) {
  size_t i, j;
  CHECK(x->nlinks == m->nlinks);
  for (i = 0; i < m->nlinks; i++) {
    const struct clink *a = &x->links[i];
    const linkgen_link *b = &m->links[i];
    CHECK(bytes_eq(a->target, a->target_len, linkgen_str(m, b->target), b->target.len));
    CHECK(a->nparams == b->nparams);
    for (j = 0; j < b->nparams; j++) {
      const struct cparam *p = &a->params[j];
      const linkgen_param *q = &b->params[j];
      CHECK(bytes_eq(p->name, p->name_len, linkgen_str(m, q->name), q->name.len));
      CHECK(p->has_value == q->has_value);
      CHECK(bytes_eq(p->text, p->text_len, linkgen_str(m, q->value), q->value.len));
    }
  }
}

/* Before an oracle fails: the generated value, C-escaped, and what
 * linkhdr's strict parser said about it. */
static void explain(const char *in, size_t n, const linkgen_value *m) {
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  linkhdr_error e;
  size_t i;
  int rc;
  fprintf(stderr, "generated (kind %d, mutation %s): \"", m->kind, linkgen_mutation_name(m->mutation));
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)in[i];
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') fprintf(stderr, "\\x%02x", c);
    else fputc(c, stderr);
  }
  fprintf(stderr, "\"\n");
  linkhdr_parser_init(&p, in, n, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &l)) == LINKHDR_OK)
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
    }
  e = linkhdr_parser_error(&p);
  fprintf(stderr, "linkhdr strict: %s at offset %zu\n", linkhdr_code_name(rc), e.offset);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* large, so kept out of the stack and reused */
  static linkgen_value model;
  static char gen[LINKGEN_MAX_OUT];
  static struct links theirs_, ours_, decoded_;
  struct links *theirs = &theirs_, *ours = &ours_, *decoded = &decoded_;
  size_t n = linkgen_generate(data, size, gen, sizeof gen, &model);
  char *in;
  int lh, th;

  CHECK(n <= LINKGEN_MAX_OUT);
  /* VALID and NEAR_VALID values always fit */
  if (model.kind != LINKGEN_HOSTILE) CHECK(model.valid != -1);
  in = fuzz_copy(gen, n); /* exact size, and so are the arenas */
  theirs->arena = fuzz_copy("", n);
  ours->arena = fuzz_copy("", n);
  decoded->arena = fuzz_copy("", n);

  lh = linkhdr_strict(in, n, ours, decoded);
  th = their_parse(in, n, theirs);

  if ((model.valid == 1 && lh != PARSE_OK) || (model.valid == 0 && lh != PARSE_REJECT))
    explain(in, n, &model);
  if (model.valid == 1) {
    CHECK(lh == PARSE_OK);
    check_model(decoded, &model);
  } else if (model.valid == 0) {
    CHECK(lh == PARSE_REJECT);
    if (THEIR_PARSER_IS_STRICT) CHECK(th == PARSE_REJECT);
  }
  if (lh == PARSE_OK && th != PARSE_TOO_BIG) {
    CHECK(th == PARSE_OK);
    check_same(ours, theirs);
  } else if (lh == PARSE_REJECT && th == PARSE_OK && getenv("FUZZ_EXAMPLE_VERBOSE")) {
    fprintf(stderr, "accepted by their_parse, rejected by linkhdr (%s): %.*s\n",
            linkgen_mutation_name(model.mutation), (int)n, in);
  }
  free(decoded->arena);
  free(ours->arena);
  free(theirs->arena);
  free(in);
  return 0;
}
