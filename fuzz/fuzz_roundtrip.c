/* fuzz_roundtrip: strict input -> builder -> strict parse -> builder.
 *
 * Input: a field value. If it parses strictly without error, every link is
 * re-serialized with linkhdr_append() (target as written, each parameter's
 * decoded text as its value, valueless parameters valueless) and the result
 * is parsed strictly again:
 *   - the same targets, names and decoded values come back;
 *   - serializing that parse again gives byte-identical output (the
 *     canonical form is a fixpoint);
 *   - the output holds no control byte.
 * The builder must accept everything the strict parser produced, except a
 * decoded value holding a control byte (HTAB in a quoted-string, %09 in an
 * ext-value...), which it must refuse with LINKHDR_E_CTL at that byte.
 *
 * Along the way the builder's sizing is checked exactly: one byte too few
 * gives LINKHDR_E_NOSPACE with `needed` set and the buffer untouched, and
 * `needed + 1` bytes (an exact-size heap buffer) are enough. A valid target
 * must come out unchanged with LINKHDR_BUILD_PCT_ENCODE too. */
#include "fuzz_common.h"

struct pparam {
  linkhdr_view name;
  int has_value;
  char *text; /* decoded value, heap */
  size_t textlen;
};

struct plink {
  linkhdr_view target;
  size_t first, nparams; /* into the parameter array */
};

struct parsed {
  struct plink *links;
  struct pparam *params;
  size_t nlinks, nparams;
};

static void parsed_free(struct parsed *r) {
  size_t i;
  for (i = 0; i < r->nparams; i++) free(r->params[i].text);
  free(r->params);
  free(r->links);
}

/* 0 when s[0 .. n) parses strictly without error. */
static int parse_all(const char *s, size_t n, struct parsed *r) {
  linkhdr_parser p;
  linkhdr_link l;
  linkhdr_param prm;
  int rc;
  r->links = calloc(n / 2 + 1, sizeof *r->links);
  r->params = calloc(n / 2 + 1, sizeof *r->params);
  if (!r->links || !r->params) abort();
  r->nlinks = r->nparams = 0;
  linkhdr_parser_init(&p, s, n, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &l)) == LINKHDR_OK) {
    struct plink *pl = &r->links[r->nlinks++];
    CHECK(r->nlinks <= n / 2);
    pl->target = l.target;
    pl->first = r->nparams;
    pl->nparams = 0;
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
      struct pparam *pp = &r->params[r->nparams++];
      CHECK(r->nparams <= n / 2);
      pp->name = prm.name;
      pp->has_value = prm.type != LINKHDR_VALUE_NONE;
      pp->text = fuzz_param_text(&prm, &pp->textlen);
      pl->nparams++;
    }
    if (rc < 0) return -1;
  }
  return rc == LINKHDR_DONE ? 0 : -1;
}

/* With LINKHDR_BUILD_PCT_ENCODE a target that is already a URI-Reference
 * has nothing to encode. */
static void check_pct_target(linkhdr_view t) {
  size_t cap = t.len + 3, len = 0;
  char *out = fuzz_copy("", cap);
  linkhdr_error err;
  int rc = linkhdr_append(out, cap, &len, t.base, t.len, NULL, 0, LINKHDR_BUILD_PCT_ENCODE, &err);
  CHECK(rc == LINKHDR_OK);
  CHECK(len == t.len + 2 && out[0] == '<' && out[len - 1] == '>' && out[len] == '\0');
  CHECK(t.len == 0 || memcmp(out + 1, t.base, t.len) == 0);
  free(out);
}

/* Append every link of r to a fresh header value. Returns the value (heap,
 * NUL-terminated, exactly *outlen + 1 bytes) or NULL when a value holds a
 * control byte and the builder rightly refused it. */
static char *serialize(const struct parsed *r, size_t *outlen) {
  char *buf = fuzz_copy("", 1);
  size_t len = 0, i, j;
  buf[0] = '\0';
  for (i = 0; i < r->nlinks; i++) {
    const struct plink *pl = &r->links[i];
    linkhdr_attr *attrs = calloc(pl->nparams + 1, sizeof *attrs);
    linkhdr_error err;
    size_t before = len;
    char *copy;
    int rc;
    if (!attrs) abort();
    for (j = 0; j < pl->nparams; j++) {
      const struct pparam *pp = &r->params[pl->first + j];
      attrs[j].name = pp->name.base;
      attrs[j].name_len = pp->name.len;
      attrs[j].value = pp->has_value ? pp->text : NULL;
      attrs[j].value_len = pp->textlen;
    }
    /* Room for what is there and its NUL only: too small for any link. */
    copy = fuzz_copy(buf, len + 1);
    rc = linkhdr_append(buf, len + 1, &len, pl->target.base, pl->target.len, attrs,
                        pl->nparams, LINKHDR_STRICT, &err);
    CHECK(len == before && memcmp(copy, buf, len + 1) == 0);
    free(copy);
    if (rc == LINKHDR_E_CTL) {
      const struct pparam *pp;
      CHECK(err.code == rc && err.item >= 1 && err.item <= pl->nparams);
      pp = &r->params[pl->first + err.item - 1];
      CHECK(pp->has_value && err.offset < pp->textlen);
      CHECK(err.offset == fuzz_first_ctl(pp->text, pp->textlen));
      free(attrs);
      free(buf);
      return NULL;
    }
    CHECK(rc == LINKHDR_E_NOSPACE);
    CHECK(err.code == rc && err.needed >= len + 2);
    /* exactly needed + 1 bytes */
    buf = realloc(buf, err.needed + 1);
    if (!buf) abort();
    {
      size_t needed = err.needed;
      rc = linkhdr_append(buf, needed + 1, &len, pl->target.base, pl->target.len, attrs,
                          pl->nparams, LINKHDR_STRICT, &err);
      CHECK(rc == LINKHDR_OK);
      CHECK(len == needed && err.needed == needed && buf[len] == '\0');
    }
    free(attrs);
  }
  for (i = 0; i < len; i++) CHECK(!fuzz_ctl((unsigned char)buf[i]));
  *outlen = len;
  return buf;
}

static void check_same(const struct parsed *a, const struct parsed *b) {
  size_t i, j;
  CHECK(a->nlinks == b->nlinks);
  for (i = 0; i < a->nlinks; i++) {
    const struct plink *x = &a->links[i], *y = &b->links[i];
    CHECK(fuzz_view_same(x->target, y->target));
    CHECK(x->nparams == y->nparams);
    for (j = 0; j < x->nparams; j++) {
      const struct pparam *p = &a->params[x->first + j], *q = &b->params[y->first + j];
      CHECK(fuzz_view_same(p->name, q->name));
      CHECK(p->has_value == q->has_value);
      CHECK(p->textlen == q->textlen && (p->textlen == 0 || !memcmp(p->text, q->text, p->textlen)));
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *in = fuzz_copy(data, size), *out1, *out2;
  struct parsed a, b, c;
  size_t len1, len2, i;

  if (parse_all(in, size, &a) != 0) {
    parsed_free(&a);
    free(in);
    return 0;
  }
  for (i = 0; i < a.nlinks; i++) check_pct_target(a.links[i].target);
  out1 = serialize(&a, &len1);
  if (out1) {
    char *exact = fuzz_copy(out1, len1); /* parse it without its NUL */
    CHECK(parse_all(exact, len1, &b) == 0);
    check_same(&a, &b);
    out2 = serialize(&b, &len2);
    CHECK(out2 != NULL);
    CHECK(len2 == len1 && memcmp(out1, out2, len1) == 0);
    {
      /* and the canonical form parses to itself once more */
      char *exact2 = fuzz_copy(out2, len2);
      CHECK(parse_all(exact2, len2, &c) == 0);
      check_same(&b, &c);
      parsed_free(&c);
      free(exact2);
    }
    free(out2);
    parsed_free(&b);
    free(exact);
    free(out1);
  }
  parsed_free(&a);
  free(in);
  return 0;
}
