/* parse_dump FILE...: everything the library makes of each file's bytes, as
 * text, so that two builds can be compared byte for byte.
 *
 * Issue 6 asks that the SSE2 path and the portable scalar path (-Dsimd=false)
 * give identical results on the whole conformance data and fuzz corpus (the
 * fuzz seeds are generated from the conformance data). .ci/run runs this
 * program from both builds over fuzz/corpus and fuzz/regressions and fails
 * if the outputs differ at all.
 *
 * Per file, in strict and lenient mode: every link (offset, target), every
 * parameter (offset, name, type, flags, ext_error, raw value, decoded value
 * or its error), every error (code, offset) followed by linkhdr_recover();
 * then, for each strictly valid link, the header value linkhdr_append()
 * writes back, with and without LINKHDR_BUILD_PCT_ENCODE for the target;
 * last, the whole file given to linkhdr_append() as a target, as a value and
 * as an ext-value, so that hostile bytes reach every builder scan too.
 * Each file's input is an exact-size heap copy. Bytes are printed as hex. */
#include <linkhdr.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ATTRS 64

static void hex(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) printf("%02x", (unsigned char)s[i]);
}

static void view(const char *label, linkhdr_view v) {
  printf(" %s=", label);
  hex(v.base, v.len);
}

/* The links of one value that parsed strictly, rebuilt with the builder. */
static void rebuild(const linkhdr_link *link, const linkhdr_attr *attrs, size_t nattrs) {
  static const unsigned flags[2] = {0, LINKHDR_BUILD_PCT_ENCODE};
  size_t f;
  for (f = 0; f < 2; f++) {
    char out[8192];
    size_t len = 0;
    linkhdr_error err;
    int rc = linkhdr_append(out, sizeof out, &len, link->target.base, link->target.len, attrs,
                            nattrs, flags[f], &err);
    printf("  build%zu rc=%d needed=%zu out=", f, rc, err.needed);
    hex(out, rc == LINKHDR_OK ? len : 0);
    printf("\n");
  }
}

static void dump(const char *data, size_t n, unsigned mode) {
  static char decoded[1 << 16], text[1 << 16];
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param prm;
  linkhdr_attr attrs[MAX_ATTRS];
  int rc;
  linkhdr_parser_init(&p, data, n, mode);
  printf(" mode=%s\n", mode == LINKHDR_LENIENT ? "lenient" : "strict");
  while ((rc = linkhdr_next_link(&p, &link)) != LINKHDR_DONE) {
    size_t nattrs = 0, textlen = 0;
    if (rc < 0) {
      linkhdr_error e = linkhdr_parser_error(&p);
      printf("  error %s offset=%zu\n", linkhdr_code_name(rc), e.offset);
      linkhdr_recover(&p);
      continue;
    }
    printf("  link offset=%zu", link.offset);
    view("target", link.target);
    printf("\n");
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
      size_t outlen = 0;
      int drc = linkhdr_param_value(&prm, decoded, sizeof decoded, &outlen);
      printf("   param offset=%zu type=%d flags=%u ext_error=%d", prm.offset, prm.type, prm.flags,
             prm.ext_error);
      view("name", prm.name);
      view("value", prm.value);
      printf(" decoded(%d)=", drc);
      hex(decoded, drc == LINKHDR_OK ? outlen : 0);
      printf("\n");
      if (nattrs < MAX_ATTRS && drc == LINKHDR_OK && textlen + outlen <= sizeof text) {
        linkhdr_attr *a = &attrs[nattrs++];
        memcpy(text + textlen, decoded, outlen);
        a->name = prm.name.base;
        a->name_len = prm.name.len;
        a->value = prm.type == LINKHDR_VALUE_NONE ? NULL : text + textlen;
        a->value_len = outlen;
        textlen += outlen;
      }
    }
    if (rc < 0) {
      linkhdr_error e = linkhdr_parser_error(&p);
      printf("  error %s offset=%zu\n", linkhdr_code_name(rc), e.offset);
      linkhdr_recover(&p);
    } else if (mode == LINKHDR_STRICT) {
      rebuild(&link, attrs, nattrs);
    }
  }
}

/* The file's bytes as a target (both flags), a title and a title*. */
static void build_raw(const char *data, size_t n) {
  static char out[1 << 18];
  linkhdr_attr a[2];
  size_t k;
  a[0].name = "title";
  a[1].name = "title*";
  for (k = 0; k < 2; k++) {
    a[k].name_len = LINKHDR_NTS;
    a[k].value = data;
    a[k].value_len = n;
  }
  for (k = 0; k < 4; k++) {
    size_t len = 0;
    linkhdr_error err;
    int rc = k < 2 ? linkhdr_append(out, sizeof out, &len, data, n, NULL, 0,
                                    k ? LINKHDR_BUILD_PCT_ENCODE : 0, &err)
                   : linkhdr_append(out, sizeof out, &len, "/", 1, &a[k - 2], 1, 0, &err);
    printf(" raw%zu rc=%d item=%zu offset=%zu needed=%zu out=", k, rc, err.item, err.offset,
           err.needed);
    hex(out, rc == LINKHDR_OK ? len : 0);
    printf("\n");
  }
}

int main(int argc, char **argv) {
  int i, status = 0;
  for (i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    char *data, *copy;
    size_t n = 0, cap = 1 << 12, got;
    if (!f) {
      perror(argv[i]);
      status = 2;
      continue;
    }
    data = malloc(cap);
    while (data && (got = fread(data + n, 1, cap - n, f)) > 0)
      if ((n += got) == cap) data = realloc(data, cap *= 2);
    fclose(f);
    if (!data) return 2;
    copy = malloc(n ? n : 1); /* exact size: a sanitizer build sees any over-read */
    if (!copy) return 2;
    memcpy(copy, data, n);
    free(data);
    printf("file %s bytes=%zu\n", argv[i], n);
    dump(copy, n, LINKHDR_STRICT);
    dump(copy, n, LINKHDR_LENIENT);
    build_raw(copy, n);
    free(copy);
  }
  return status;
}
