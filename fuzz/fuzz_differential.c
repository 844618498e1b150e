/* fuzz_differential: what strict accepts, lenient reads the same way.
 *
 * Input: a header's Link field lines separated by LF (one line when there is
 * no LF). If every line parses strictly without error:
 *   - lenient mode yields exactly the same links and parameters: the same
 *     views (same bytes of the input), offsets, types, flags, no ext_error;
 *   - the lines combined into one field value with ", " (RFC 9110 §5.3)
 *     parse strictly to the same targets and parameters (by content). */
#include "fuzz_common.h"

#define MAX_LINES 16

struct item {
  int is_link;
  linkhdr_link link;
  linkhdr_param param;
};

/* Every link and parameter in order; -1 on a (strict) error. */
static int collect(linkhdr_parser *p, struct item *out, size_t max, size_t *n) {
  linkhdr_link l;
  linkhdr_param prm;
  int rc;
  *n = 0;
  while ((rc = linkhdr_next_link(p, &l)) == LINKHDR_OK) {
    CHECK(*n < max);
    out[*n].is_link = 1;
    out[*n].link = l;
    (*n)++;
    while ((rc = linkhdr_next_param(p, &prm)) == LINKHDR_OK) {
      CHECK(*n < max);
      out[*n].is_link = 0;
      out[*n].param = prm;
      (*n)++;
    }
    if (rc < 0) return -1;
  }
  return rc == LINKHDR_DONE ? 0 : -1;
}

static int same_view(linkhdr_view a, linkhdr_view b) { return a.base == b.base && a.len == b.len; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  linkhdr_view lines[MAX_LINES];
  linkhdr_parser p;
  char *in = fuzz_copy(data, size), *joined;
  size_t nlines = 0, start = 0, i, max = size + 2, ns, nl, nj, jlen = 0;
  struct item *strict = calloc(max, sizeof *strict);
  struct item *lenient = calloc(max, sizeof *lenient);
  struct item *comb = calloc(max + 2 * MAX_LINES, sizeof *comb);
  if (!strict || !lenient || !comb) abort();

  for (i = 0; i <= size; i++) {
    if (i == size || in[i] == '\n' || nlines == MAX_LINES - 1) {
      if (nlines == MAX_LINES - 1) i = size;
      lines[nlines].base = in + start;
      lines[nlines].len = i - start;
      nlines++;
      start = i + 1;
    }
  }

  linkhdr_parser_init_lines(&p, lines, nlines, LINKHDR_STRICT);
  if (collect(&p, strict, max, &ns) == 0) {
    linkhdr_parser_init_lines(&p, lines, nlines, LINKHDR_LENIENT);
    CHECK(collect(&p, lenient, max, &nl) == 0);
    CHECK(ns == nl);
    for (i = 0; i < ns; i++) {
      const struct item *s = &strict[i], *l = &lenient[i];
      CHECK(s->is_link == l->is_link);
      if (s->is_link) {
        CHECK(same_view(s->link.target, l->link.target));
        CHECK(s->link.offset == l->link.offset && s->link.line == l->link.line);
      } else {
        CHECK(same_view(s->param.name, l->param.name));
        CHECK(s->param.type == l->param.type);
        if (s->param.type != LINKHDR_VALUE_NONE) CHECK(same_view(s->param.value, l->param.value));
        CHECK(s->param.offset == l->param.offset);
        CHECK(s->param.flags == l->param.flags);
        CHECK(l->param.ext_error == 0);
      }
    }

    /* The same lines as one combined field value. */
    joined = fuzz_copy("", size + 2 * nlines);
    for (i = 0; i < nlines; i++) {
      if (i) {
        memcpy(joined + jlen, ", ", 2);
        jlen += 2;
      }
      if (lines[i].len) memcpy(joined + jlen, lines[i].base, lines[i].len);
      jlen += lines[i].len;
    }
    linkhdr_parser_init(&p, joined, jlen, LINKHDR_STRICT);
    CHECK(collect(&p, comb, max + 2 * MAX_LINES, &nj) == 0);
    CHECK(nj == ns);
    for (i = 0; i < ns; i++) {
      const struct item *s = &strict[i], *j = &comb[i];
      CHECK(s->is_link == j->is_link);
      if (s->is_link) {
        CHECK(fuzz_view_same(s->link.target, j->link.target));
      } else {
        CHECK(fuzz_view_same(s->param.name, j->param.name));
        CHECK(fuzz_view_same(s->param.value, j->param.value));
        CHECK(s->param.type == j->param.type && s->param.flags == j->param.flags);
      }
    }
    free(joined);
  }
  free(comb);
  free(lenient);
  free(strict);
  free(in);
  return 0;
}
