/* linkhdr-bench: throughput of the parser and the builder (issue 6).
 *
 *   linkhdr-bench [--ops=strict,lenient,build,lint,replay] [--min-time=SECONDS]
 *                 [--repeats=N] [--no-typical] [--heap-copies] [--wall-clock]
 *                 FILE...
 *
 * Each FILE holds one Link field value per line (tests/bench/gen_corpus.py
 * writes them). For every file and operation it prints, after a warm-up pass,
 *
 *   op=<op> file=<name> values=<n> bytes=<b> ns_per_value=<x> MB_per_s=<y>
 *   links=<l> baseline_MB_per_s=<z> ratio=<y/z> allocs=<a>
 *
 * (one line). Timed repeats continue until they add up to --min-time (1 s)
 * and number at least --repeats (5); every figure is the median of the
 * repeats. Time is the CPU time of the thread (CLOCK_THREAD_CPUTIME_ID), so
 * that on a shared machine the time other processes get is not counted;
 * --wall-clock uses CLOCK_MONOTONIC instead. The baseline is a plain byte
 * loop that counts '<' in the same values, timed in the same run with its
 * repeats interleaved with the operation's, so that the ratio cancels most
 * of the remaining noise of a shared machine. `allocs` counts malloc/calloc/realloc calls made during the timed
 * passes of the operation (the library must make none).
 *
 * Operations:
 *   strict   parse every value in strict mode: every link, every parameter,
 *            touching each view; after an error, linkhdr_recover() and go on,
 *            so every byte is still examined.
 *   lenient  the same with LINKHDR_LENIENT.
 *   build    re-serialise every link that parsed strictly with
 *            linkhdr_append() into one reused buffer. The links are parsed
 *            (and escaped / ext-values decoded) before the clock starts: this
 *            line measures the builder alone, so `bytes` and MB_per_s count
 *            the bytes it wrote.
 *   lint     linkhdr_lint() (include/linkhdr.h section 5) on every value as
 *            one field line, findings into one reused array; only when the
 *            library has it (LINKHDR_BENCH_HAVE_LINT, set by meson). The
 *            number of findings goes to stderr.
 *   replay   the strict loop with the parsing taken out: what a strict pass
 *            returned, recorded before the clock starts, is handed back call
 *            by call by two stand-ins with the signatures of
 *            linkhdr_next_link() and linkhdr_next_param() (in replay.c, a
 *            file of their own, as the library's are), to the same loop
 *            touching the same views. Its ns_per_value is the floor of
 *            `strict` measured through this loop - one call per link and
 *            per parameter - and its ratio the most a parser used that way
 *            could show. Its MB_per_s counts the input bytes, which the
 *            stand-ins do not read.
 *
 * Then a "typical" line per parse mode: one 3-link preload header (~200
 * bytes) parsed over and over, in ns per parse.
 *
 * --heap-copies gives every value its own exact-size heap block, so that a
 * sanitizer build of this program catches any read past a value's end.
 *
 * `links` counts the link-values linkhdr_next_link() returned (build: the
 * links written; lint: what a strict pass returns, counted outside the
 * timing); notes on errors go to stderr. */
#define _POSIX_C_SOURCE 200809L

#include "linkhdr.h"
#include "replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------------
 * Counting heap allocations. Without AddressSanitizer the program defines
 * malloc/calloc/realloc/free itself (the executable's definitions win over
 * libc's, for the static library too) and forwards them to glibc's
 * __libc_* entry points. AddressSanitizer owns the allocator, so there a
 * malloc hook does the counting. Elsewhere allocs is reported as -1.
 * --------------------------------------------------------------------- */
#if defined(__SANITIZE_ADDRESS__)
#define BENCH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BENCH_ASAN 1
#endif
#endif
#ifndef BENCH_ASAN
#define BENCH_ASAN 0
#endif

static volatile int alloc_counting;  /* only during timed passes */
static volatile unsigned long alloc_count;

#if BENCH_ASAN
/* from the sanitizer runtime (gcc ships no header that declares it) */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));
static void on_malloc(const volatile void *ptr, size_t size) {
  (void)ptr;
  (void)size;
  if (alloc_counting) alloc_count++;
}
static void on_free(const volatile void *ptr) { (void)ptr; }
static void alloc_hooks(void) { __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free); }
#elif defined(__GLIBC__)
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);

void *malloc(size_t size) {
  if (alloc_counting) alloc_count++;
  return __libc_malloc(size);
}
void *calloc(size_t n, size_t size) {
  if (alloc_counting) alloc_count++;
  return __libc_calloc(n, size);
}
void *realloc(void *ptr, size_t size) {
  if (alloc_counting) alloc_count++;
  return __libc_realloc(ptr, size);
}
void free(void *ptr) { __libc_free(ptr); }
static void alloc_hooks(void) {}
#else
static void alloc_hooks(void) {}
#endif

/* 1 if a malloc, calloc and realloc made through opaque pointers are all
 * seen; otherwise every allocs figure is printed as -1. */
static int alloc_counting_works(void) {
  void *(*volatile m)(size_t) = malloc;
  void *(*volatile c)(size_t, size_t) = calloc;
  void *(*volatile r)(void *, size_t) = realloc;
  void *a, *b;
  unsigned long before;
  alloc_hooks();
  before = alloc_count;
  alloc_counting = 1;
  a = m(24);
  b = c(3, 8);
  a = r(a, 4096);
  alloc_counting = 0;
  free(a);
  free(b);
  return alloc_count - before == 3;
}

/* ---------------------------------------------------------------------
 * The baseline: look at every byte once, one at a time. noinline keeps the
 * call per value, like the parser's; vectorisation is switched off (gcc
 * vectorises at -O2 since gcc 12, clang always) so that it stays "a plain C
 * loop that looks at every byte". Clang's unrolling is switched off too, so
 * that both compilers emit the same compare-and-add loop.
 * --------------------------------------------------------------------- */
#if defined(__clang__)
#define BASELINE_ATTR __attribute__((noinline))
#elif defined(__GNUC__)
#define BASELINE_ATTR __attribute__((noinline, optimize("no-tree-vectorize")))
#else
#define BASELINE_ATTR
#endif

BASELINE_ATTR static size_t count_lt(const unsigned char *s, size_t n) {
  size_t count = 0, i;
#if defined(__clang__)
#pragma clang loop vectorize(disable) unroll(disable)
#endif
  for (i = 0; i < n; i++) count += s[i] == '<';
  return count;
}

/* --------------------------------------------------------------------- */

/* CPU time of this thread by default: on a shared machine the time the
 * scheduler gives to other processes is not counted. --wall-clock measures
 * elapsed time instead. */
static clockid_t bench_clock = CLOCK_THREAD_CPUTIME_ID;

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(bench_clock, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fprintf(stderr, "linkhdr-bench: out of memory\n");
    exit(2);
  }
  return p;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) {
    fprintf(stderr, "linkhdr-bench: out of memory\n");
    exit(2);
  }
  return p;
}

/* One corpus file: the values are views into `data`, one per line. */
typedef struct corpus {
  const char *name;
  char *data;
  linkhdr_view *vals;
  size_t nvals, bytes;
} corpus;

static int load_corpus(const char *path, corpus *c) {
  FILE *f = fopen(path, "rb");
  size_t cap = 1 << 16, len = 0, n, i, start;
  const char *slash = strrchr(path, '/');
  if (!f) {
    perror(path);
    return -1;
  }
  memset(c, 0, sizeof *c);
  c->name = slash ? slash + 1 : path;
  c->data = xmalloc(cap);
  while ((n = fread(c->data + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) c->data = xrealloc(c->data, cap *= 2);
  }
  if (ferror(f)) {
    perror(path);
    fclose(f);
    return -1;
  }
  fclose(f);
  for (i = 0, n = 0; i < len; i++) n += c->data[i] == '\n';
  c->vals = xmalloc((n + 1) * sizeof *c->vals);
  for (i = 0, start = 0; i < len; i++) {
    if (c->data[i] != '\n') continue;
    c->vals[c->nvals].base = c->data + start;
    c->vals[c->nvals].len = i - start;
    if (i > start && c->data[i - 1] == '\r') c->vals[c->nvals].len--;
    c->bytes += c->vals[c->nvals++].len;
    start = i + 1;
  }
  if (start < len) { /* a last line without its newline */
    c->vals[c->nvals].base = c->data + start;
    c->vals[c->nvals].len = len - start;
    c->bytes += c->vals[c->nvals++].len;
  }
  return 0;
}

/* Move every value into an exact-size heap block of its own. */
static void heap_copies(corpus *c) {
  size_t i;
  for (i = 0; i < c->nvals; i++) {
    char *p = xmalloc(c->vals[i].len);
    memcpy(p, c->vals[i].base, c->vals[i].len);
    c->vals[i].base = p;
  }
}

static void heap_copies_free(corpus *c) {
  size_t i;
  for (i = 0; i < c->nvals; i++) free((void *)c->vals[i].base);
}

/* What one pass over a file produced. `sink` folds in the views so that
 * the work cannot be optimised away. */
typedef struct tally {
  size_t links, bytes_out, sink;
  unsigned long errors;
} tally;

static size_t touch(linkhdr_view v) {
  return v.len ? v.len + (unsigned char)v.base[0] + (unsigned char)v.base[v.len - 1] : 0;
}

/* Every link and parameter of one value; an error is counted and skipped
 * with linkhdr_recover(), which always moves forward. */
static void parse_value(const char *s, size_t n, unsigned flags, tally *t) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param prm;
  int rc;
  linkhdr_parser_init(&p, s, n, flags);
  while ((rc = linkhdr_next_link(&p, &link)) != LINKHDR_DONE) {
    if (rc < 0) {
      t->errors++;
      linkhdr_recover(&p);
      continue;
    }
    t->links++;
    t->sink += touch(link.target) + link.offset;
    while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK)
      t->sink += touch(prm.name) + touch(prm.value) + (size_t)prm.type + prm.flags;
    if (rc < 0) {
      t->errors++;
      linkhdr_recover(&p);
    }
  }
}

/* ---- replay: parse_value's loop with stand-ins for the parser ---- */
/* parse_value() line for line, with the stand-ins of replay.c. */
static const rec *replay_value(const rec *r, const char *s, tally *t) {
  replayer p;
  linkhdr_link link;
  linkhdr_param prm;
  int rc;
  replay_init(&p, r, s);
  while ((rc = replay_next_link(&p, &link)) != LINKHDR_DONE) {
    if (rc < 0) {
      t->errors++;
      replay_recover(&p);
      continue;
    }
    t->links++;
    t->sink += touch(link.target) + link.offset;
    while ((rc = replay_next_param(&p, &prm)) == LINKHDR_OK)
      t->sink += touch(prm.name) + touch(prm.value) + (size_t)prm.type + prm.flags;
    if (rc < 0) {
      t->errors++;
      replay_recover(&p);
    }
  }
  return p.r;
}

static rec *rec_add(rec **v, size_t *n, size_t *cap, int kind) {
  rec *r;
  if (*n == *cap) *v = xrealloc(*v, (*cap *= 2) * sizeof **v);
  r = &(*v)[(*n)++];
  memset(r, 0, sizeof *r);
  r->kind = (unsigned char)kind;
  return r;
}

static int rec_of(int rc) { return rc == LINKHDR_DONE ? REC_DONE : REC_ERROR; }

/* Every call's result of a strict pass over the file, in call order;
 * *count records in all. */
static rec *record_calls(const corpus *c, size_t *count) {
  size_t n = 0, cap = 1024, i;
  rec *v = xmalloc(cap * sizeof *v);
  for (i = 0; i < c->nvals; i++) {
    const char *s = c->vals[i].base;
    linkhdr_parser p;
    linkhdr_link link;
    linkhdr_param prm;
    int rc;
    if (c->vals[i].len > 0xFFFFFFFFu) {
      fprintf(stderr, "linkhdr-bench: %s: value %zu is too long to replay\n", c->name, i + 1);
      exit(2);
    }
    linkhdr_parser_init(&p, s, c->vals[i].len, LINKHDR_STRICT);
    while ((rc = linkhdr_next_link(&p, &link)) != LINKHDR_DONE) {
      rec *r;
      if (rc < 0) {
        rec_add(&v, &n, &cap, REC_ERROR);
        linkhdr_recover(&p);
        continue;
      }
      r = rec_add(&v, &n, &cap, REC_LINK);
      r->a = (unsigned)(link.target.base - s);
      r->alen = (unsigned)link.target.len;
      r->b = (unsigned)link.offset;
      while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
        r = rec_add(&v, &n, &cap, REC_PARAM);
        r->type = (unsigned char)prm.type;
        r->flags = (unsigned char)prm.flags;
        r->a = (unsigned)(prm.name.base - s);
        r->alen = (unsigned)prm.name.len;
        r->b = (unsigned)(prm.value.base - s);
        r->blen = (unsigned)prm.value.len;
      }
      rec_add(&v, &n, &cap, rec_of(rc));
      if (rc < 0) linkhdr_recover(&p);
    }
    rec_add(&v, &n, &cap, REC_DONE);
  }
  *count = n;
  return v;
}

/* ---- build: the parsed links of a file, ready for linkhdr_append() ---- */
typedef struct blink {
  linkhdr_view target;
  size_t attr0, nattrs;
} blink;

typedef struct build_set {
  blink *links;         /* every link that parsed strictly, in order */
  size_t *value_link0;  /* value i owns links[value_link0[i] .. value_link0[i + 1]) */
  linkhdr_attr *attrs;
  char *text;           /* decoded parameter values */
  char *out;            /* the reused output buffer */
  size_t cap, skipped;
} build_set;

static void build_prepare(const corpus *c, build_set *b) {
  size_t nlinks = 0, linkcap = 64, nattrs = 0, attrcap = 256, textlen = 0, i;
  memset(b, 0, sizeof *b);
  b->links = xmalloc(linkcap * sizeof *b->links);
  b->attrs = xmalloc(attrcap * sizeof *b->attrs);
  b->text = xmalloc(c->bytes); /* decoding never grows a value */
  b->value_link0 = xmalloc((c->nvals + 1) * sizeof *b->value_link0);
  for (i = 0; i < c->nvals; i++) {
    linkhdr_parser p;
    linkhdr_link link;
    int rc;
    b->value_link0[i] = nlinks;
    linkhdr_parser_init(&p, c->vals[i].base, c->vals[i].len, LINKHDR_STRICT);
    while ((rc = linkhdr_next_link(&p, &link)) != LINKHDR_DONE) {
      size_t attr0 = nattrs, text0 = textlen;
      linkhdr_param prm;
      if (rc < 0) {
        b->skipped++;
        linkhdr_recover(&p);
        continue;
      }
      while ((rc = linkhdr_next_param(&p, &prm)) == LINKHDR_OK) {
        linkhdr_attr *a;
        if (nattrs == attrcap) b->attrs = xrealloc(b->attrs, (attrcap *= 2) * sizeof *b->attrs);
        a = &b->attrs[nattrs++];
        a->name = prm.name.base;
        a->name_len = prm.name.len;
        a->value = prm.type == LINKHDR_VALUE_NONE ? NULL : prm.value.base;
        a->value_len = prm.value.len;
        if (prm.flags & (LINKHDR_PARAM_ESCAPED | LINKHDR_PARAM_EXT)) {
          size_t outlen;
          linkhdr_param_value(&prm, b->text + textlen, c->bytes - textlen, &outlen);
          a->value = b->text + textlen;
          a->value_len = outlen;
          textlen += outlen;
        }
      }
      if (rc < 0) { /* drop the whole link: the builder gets valid links only */
        b->skipped++;
        nattrs = attr0;
        textlen = text0;
        linkhdr_recover(&p);
        continue;
      }
      if (nlinks == linkcap) b->links = xrealloc(b->links, (linkcap *= 2) * sizeof *b->links);
      b->links[nlinks].target = link.target;
      b->links[nlinks].attr0 = attr0;
      b->links[nlinks++].nattrs = nattrs - attr0;
    }
  }
  b->value_link0[c->nvals] = nlinks;
  /* size the output buffer by building every value once */
  b->cap = 4096;
  b->out = xmalloc(b->cap);
  for (i = 0; i < c->nvals; i++) {
    size_t len = 0, k;
    for (k = b->value_link0[i]; k < b->value_link0[i + 1]; k++) {
      const blink *l = &b->links[k];
      linkhdr_error err;
      int rc;
      while ((rc = linkhdr_append(b->out, b->cap, &len, l->target.base, l->target.len,
                                  b->attrs + l->attr0, l->nattrs, 0, &err)) == LINKHDR_E_NOSPACE)
        b->out = xrealloc(b->out, b->cap = err.needed + 1);
      if (rc != LINKHDR_OK) {
        fprintf(stderr, "linkhdr-bench: %s: value %zu: linkhdr_append refused a parsed link: %s\n",
                c->name, i + 1, linkhdr_code_name(rc));
        exit(1);
      }
    }
  }
}

static void build_free(build_set *b) {
  free(b->links);
  free(b->value_link0);
  free(b->attrs);
  free(b->text);
  free(b->out);
}

/* ---- lint (section 5 of include/linkhdr.h) ---- */
#ifdef LINKHDR_BENCH_HAVE_LINT
/* Findings land in one reused array; a value with more than fit is still
 * linted in full (linkhdr_lint counts them all). */
#define LINT_CAP 64
static linkhdr_finding lint_findings[LINT_CAP];

static void lint_value(const char *s, size_t n, tally *t) {
  linkhdr_view line;
  size_t count = 0, i;
  line.base = s;
  line.len = n;
  if (linkhdr_lint(&line, 1, 0, lint_findings, LINT_CAP, &count) != LINKHDR_OK) {
    t->errors++;
    return;
  }
  t->bytes_out += count; /* findings */
  for (i = 0; i < count && i < LINT_CAP; i++)
    t->sink += (size_t)lint_findings[i].code + lint_findings[i].offset;
}
#endif

/* ---- operations ---- */
enum op { OP_STRICT, OP_LENIENT, OP_BUILD, OP_LINT, OP_REPLAY, OP_COUNT };
static const char *const op_names[OP_COUNT] = {"strict", "lenient", "build", "lint", "replay"};

typedef struct job {
  const corpus *c;
  enum op op;
  build_set *b;
  const rec *recs; /* replay: the recorded calls */
} job;

static void run_pass(const job *j, tally *t) {
  const corpus *c = j->c;
  size_t i, k;
  memset(t, 0, sizeof *t);
  switch (j->op) {
  case OP_STRICT:
  case OP_LENIENT: {
    unsigned flags = j->op == OP_LENIENT ? LINKHDR_LENIENT : LINKHDR_STRICT;
    for (i = 0; i < c->nvals; i++) parse_value(c->vals[i].base, c->vals[i].len, flags, t);
    break;
  }
  case OP_BUILD: {
    const build_set *b = j->b;
    for (i = 0; i < c->nvals; i++) {
      size_t len = 0;
      for (k = b->value_link0[i]; k < b->value_link0[i + 1]; k++) {
        const blink *l = &b->links[k];
        if (linkhdr_append(b->out, b->cap, &len, l->target.base, l->target.len,
                           b->attrs + l->attr0, l->nattrs, 0, NULL) != LINKHDR_OK)
          t->errors++;
        else
          t->links++;
      }
      t->bytes_out += len;
      t->sink += len ? (unsigned char)b->out[len - 1] : 0;
    }
    break;
  }
  case OP_REPLAY: {
    const rec *r = j->recs;
    for (i = 0; i < c->nvals; i++) r = replay_value(r, c->vals[i].base, t);
    break;
  }
  case OP_LINT:
#ifdef LINKHDR_BENCH_HAVE_LINT
    for (i = 0; i < c->nvals; i++) lint_value(c->vals[i].base, c->vals[i].len, t);
#endif
    break;
  default:
    break;
  }
}

static size_t baseline_pass(const corpus *c) {
  size_t i, n = 0;
  for (i = 0; i < c->nvals; i++) n += count_lt((const unsigned char *)c->vals[i].base, c->vals[i].len);
  return n;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, size_t n) {
  qsort(v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Passes per timed repeat so that one repeat takes about `target` ns. */
static size_t batch_for(double one_pass_ns, double target) {
  double k = target / (one_pass_ns > 1 ? one_pass_ns : 1);
  return k < 1 ? 1 : k > 1e8 ? (size_t)1e8 : (size_t)k;
}

#define MAX_REPEATS 100000
static double op_ns[MAX_REPEATS], base_ns[MAX_REPEATS];
static volatile size_t sink;

typedef struct options {
  double min_ns;
  size_t min_repeats;
  int counting;
} options;

/* Median ns per pass of the operation and of the baseline, repeats
 * interleaved. `first` is the warm-up pass's tally; *allocs the
 * allocations made during the operation's timed passes. */
static void measure(const job *j, const options *o, tally *first, double *op_med, double *base_med,
                    unsigned long *allocs) {
  size_t reps = 0, kop, kbase, k;
  double t0, elapsed = 0, target = o->min_ns / 20;
  tally t;
  unsigned long before;

  t0 = now_ns();
  run_pass(j, first); /* warm-up, also calibrates */
  kop = batch_for(now_ns() - t0, target);
  t0 = now_ns();
  sink += baseline_pass(j->c);
  kbase = batch_for(now_ns() - t0, target);

  before = alloc_count;
  while ((reps < o->min_repeats || elapsed < o->min_ns) && reps < MAX_REPEATS) {
    double a, b;
    alloc_counting = 1;
    a = now_ns();
    for (k = 0; k < kop; k++) run_pass(j, &t);
    b = now_ns();
    alloc_counting = 0;
    sink += t.sink;
    op_ns[reps] = (b - a) / (double)kop;
    elapsed += b - a;
    a = now_ns();
    for (k = 0; k < kbase; k++) sink += baseline_pass(j->c);
    b = now_ns();
    base_ns[reps++] = (b - a) / (double)kbase;
  }
  *allocs = alloc_count - before;
  *op_med = median(op_ns, reps);
  *base_med = median(base_ns, reps);
}

/* Record a strict pass for the replay op, and check that replaying it gives
 * exactly what strict does: the same tally, every record used, none left
 * over. The caller frees j->recs. */
static void replay_prepare(job *j) {
  const corpus *c = j->c;
  job js = *j;
  tally ts, tr;
  const rec *r;
  size_t i, n;
  j->recs = r = record_calls(c, &n);
  js.op = OP_STRICT;
  run_pass(&js, &ts);
  memset(&tr, 0, sizeof tr);
  for (i = 0; i < c->nvals; i++) r = replay_value(r, c->vals[i].base, &tr);
  if (r != j->recs + n || ts.sink != tr.sink || ts.links != tr.links || ts.errors != tr.errors) {
    fprintf(stderr, "linkhdr-bench: %s: the replay differs from the strict pass\n", c->name);
    exit(1);
  }
}

static void bench_file(const corpus *c, enum op op, const options *o) {
  job j;
  build_set b;
  tally first;
  double op_med, base_med, mbs, base_mbs;
  unsigned long allocs;
  size_t bytes = c->bytes;

  j.c = c;
  j.op = op;
  j.b = NULL;
  j.recs = NULL;
  if (op == OP_BUILD) {
    build_prepare(c, &b);
    j.b = &b;
  }
  if (op == OP_REPLAY) replay_prepare(&j);
  measure(&j, o, &first, &op_med, &base_med, &allocs);
  if (op == OP_BUILD) bytes = first.bytes_out;
  if (op == OP_LINT) { /* the lint reports findings, not links: count them as strict does */
    job js = j;
    tally ts;
    fprintf(stderr, "note: op=lint file=%s: %zu findings\n", c->name, first.bytes_out);
    js.op = OP_STRICT;
    run_pass(&js, &ts);
    first.links = ts.links;
  }
  mbs = (double)bytes * 1e3 / op_med; /* bytes per ns * 1e3 = MB/s */
  base_mbs = (double)c->bytes * 1e3 / base_med;
  printf("op=%s file=%s values=%zu bytes=%zu ns_per_value=%.1f MB_per_s=%.1f links=%zu "
         "baseline_MB_per_s=%.1f ratio=%.2f allocs=%ld\n",
         op_names[op], c->name, c->nvals, bytes, op_med / (double)(c->nvals ? c->nvals : 1), mbs,
         first.links, base_mbs, mbs / base_mbs, o->counting ? (long)allocs : -1L);
  fflush(stdout);
  if (first.errors)
    fprintf(stderr, "note: op=%s file=%s: %lu errors (skipped with linkhdr_recover)\n", op_names[op],
            c->name, first.errors);
  if (op == OP_BUILD) {
    if (b.skipped)
      fprintf(stderr, "note: op=build file=%s: %zu link-values not strictly valid, not built\n",
              c->name, b.skipped);
    build_free(&b);
  }
  free((void *)j.recs);
}

/* A typical response header: three preload links, about 200 bytes. */
static const char typical[] =
    "</assets/css/main.3f2a9c1e7b.css>; rel=preload; as=style, "
    "</assets/js/app.9c1e0b7d4a.js>; rel=preload; as=script, "
    "</fonts/inter-var.4a65b2c1.woff2>; rel=preload; as=font; type=\"font/woff2\"; crossorigin";

static void bench_typical(enum op op, const options *o) {
  corpus c;
  linkhdr_view v;
  job j;
  tally first;
  double op_med, base_med;
  unsigned long allocs;
  char *copy = xmalloc(sizeof typical - 1); /* exact size: no NUL after it */
  memcpy(copy, typical, sizeof typical - 1);
  v.base = copy;
  v.len = sizeof typical - 1;
  memset(&c, 0, sizeof c);
  c.name = "typical";
  c.vals = &v;
  c.nvals = 1;
  c.bytes = v.len;
  j.c = &c;
  j.op = op;
  j.b = NULL;
  j.recs = NULL;
  if (op == OP_REPLAY) replay_prepare(&j);
  measure(&j, o, &first, &op_med, &base_med, &allocs);
  printf("typical op=%s links=%zu bytes=%zu ns_per_parse=%.1f MB_per_s=%.1f "
         "baseline_MB_per_s=%.1f ratio=%.2f allocs=%ld\n",
         op_names[op], first.links, c.bytes, op_med, (double)c.bytes * 1e3 / op_med,
         (double)c.bytes * 1e3 / base_med, base_med / op_med, o->counting ? (long)allocs : -1L);
  fflush(stdout);
  free((void *)j.recs);
  free(copy);
}

static void usage(void) {
  fprintf(stderr,
          "usage: linkhdr-bench [--ops=strict,lenient,build,lint,replay] [--min-time=SECONDS]\n"
          "                     [--repeats=N] [--no-typical] [--heap-copies] [--wall-clock]\n"
          "                     FILE...\n");
  exit(2);
}

int main(int argc, char **argv) {
  options o;
  int ops[OP_COUNT] = {1, 1, 1, 1, 1}, typical_line = 1, copies = 0, i, nfiles = 0;
  corpus *files;
  o.min_ns = 1e9;
  o.min_repeats = 5;
  o.counting = alloc_counting_works();
#ifndef LINKHDR_BENCH_HAVE_LINT
  ops[OP_LINT] = 0;
#endif
  files = xmalloc((size_t)argc * sizeof *files);
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strncmp(a, "--ops=", 6) == 0) {
      const char *s = a + 6;
      int k;
      memset(ops, 0, sizeof ops);
      while (*s) {
        size_t n = strcspn(s, ",");
        for (k = 0; k < OP_COUNT; k++)
          if (strlen(op_names[k]) == n && strncmp(s, op_names[k], n) == 0) break;
        if (k == OP_COUNT) usage();
        ops[k] = 1;
        s += n + (s[n] == ',');
      }
#ifndef LINKHDR_BENCH_HAVE_LINT
      if (ops[OP_LINT]) {
        fprintf(stderr, "linkhdr-bench: this library has no lint API (section 5)\n");
        ops[OP_LINT] = 0;
      }
#endif
    } else if (strncmp(a, "--min-time=", 11) == 0) {
      o.min_ns = atof(a + 11) * 1e9;
    } else if (strncmp(a, "--repeats=", 10) == 0) {
      o.min_repeats = (size_t)atol(a + 10);
      if (o.min_repeats < 1 || o.min_repeats > MAX_REPEATS) usage();
    } else if (strcmp(a, "--no-typical") == 0) {
      typical_line = 0;
    } else if (strcmp(a, "--wall-clock") == 0) {
      bench_clock = CLOCK_MONOTONIC;
    } else if (strcmp(a, "--heap-copies") == 0) {
      copies = 1;
    } else if (a[0] == '-') {
      usage();
    } else if (load_corpus(a, &files[nfiles]) == 0) {
      nfiles++;
    } else {
      return 2;
    }
  }
  if (!o.counting) fprintf(stderr, "note: allocation counting unavailable here: allocs=-1\n");
  for (i = 0; i < nfiles; i++) {
    int k;
    if (copies) heap_copies(&files[i]);
    for (k = 0; k < OP_COUNT; k++)
      if (ops[k]) bench_file(&files[i], (enum op)k, &o);
  }
  if (typical_line) {
    bench_typical(OP_STRICT, &o);
    bench_typical(OP_LENIENT, &o);
    if (ops[OP_REPLAY]) bench_typical(OP_REPLAY, &o);
  }
  for (i = 0; i < nfiles; i++) {
    if (copies) heap_copies_free(&files[i]);
    free(files[i].data);
    free(files[i].vals);
  }
  free(files);
  return 0;
}
