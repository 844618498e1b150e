/* 103 Early Hints (include/linkhdr.h §5.4): the Link value of a 103 derived
 * from the final response's Link field lines.
 *
 * Browsers use only `preload` and `preconnect` from a 103 (Chrome also
 * ignores the rest), push-only parameters mean nothing there, and a 103 that
 * outgrows a proxy's header buffer breaks the page, so: filter, leave out
 * the push parameters, drop duplicates, then cut whole links from the end
 * to fit the budget. Two passes over the same decisions: the first sizes
 * the value and reports what was dropped, the second writes it, so a buffer
 * that is too small is never written to. */
#include "preload_internal.h"

#include <stdint.h>
#include <string.h>

/* Duplicates are looked for among the first SEEN_MAX distinct links kept,
 * by hash, each hit checked for real: linear in the number of links without
 * allocating (a full comparison with every earlier link is quadratic). */
#define SEEN_MAX 256

typedef struct seen_link {
  uint32_t hash, line, offset;
} seen_link;

typedef struct hints {
  const linkhdr_view *lines;
  size_t nlines;
  unsigned want;  /* LINKHDR_REL_* that make a link worth hinting */
  size_t budget;  /* 0: none */
  size_t total;   /* the value's length so far */
  size_t kept;    /* links in it */
  int over;       /* the budget was reached: every later link is dropped */
  seen_link seen[SEEN_MAX];
  size_t nseen;
} hints;

/* Whether `it` is the same link as one kept before it once the push-only
 * parameters are left out; if not, remember it. */
static int is_duplicate(hints *h, const linkhdr__item *it) {
  linkhdr_view line = h->lines[it->line];
  uint32_t hash = linkhdr__link_hash(line, it->offset, LINKHDR__OMIT_PUSH);
  size_t i;
  for (i = 0; i < h->nseen; i++)
    if (h->seen[i].hash == hash &&
        linkhdr__same_link(h->lines[h->seen[i].line], h->seen[i].offset, line, it->offset,
                           LINKHDR__OMIT_PUSH))
      return 1;
  if (h->nseen < SEEN_MAX && (uint32_t)it->line == it->line &&
      (uint32_t)it->offset == it->offset) {
    h->seen[h->nseen].hash = hash;
    h->seen[h->nseen].line = (uint32_t)it->line;
    h->seen[h->nseen].offset = (uint32_t)it->offset;
    h->nseen++;
  }
  return 0;
}

/* Why the link-value is left out (0: it is kept); *size is its length. */
static int classify(hints *h, const linkhdr__item *it, const linkhdr_preload *pl, size_t *size) {
  size_t zero = 0, next;
  linkhdr_error e;
  if (it->err.code != LINKHDR_OK) return LINKHDR_DROP_SYNTAX;
  if (!(pl->rels & h->want)) return LINKHDR_DROP_NOT_PRELOAD;
  if (pl->flags & LINKHDR_PRELOAD_ANCHOR) return LINKHDR_DROP_ANCHOR;
  /* a "how big?" rewrite: it also tells whether the builder takes it */
  if (linkhdr__write_link(NULL, 0, &zero, h->lines[it->line], it->offset, LINKHDR__OMIT_PUSH,
                          &e) != LINKHDR_E_NOSPACE)
    return LINKHDR_DROP_UNWRITABLE;
  *size = e.needed;
  if (is_duplicate(h, it)) return LINKHDR_DROP_DUPLICATE;
  next = h->total + (h->kept ? 2 : 0) + *size;
  if (h->over || (h->budget && next > h->budget)) {
    h->over = 1;
    return LINKHDR_DROP_BUDGET;
  }
  h->total = next;
  h->kept++;
  return 0;
}

int linkhdr_early_hints(const linkhdr_view *lines, size_t nlines, unsigned flags, size_t budget,
                        char *buf, size_t cap, size_t *len, linkhdr_dropped *dropped, size_t dcap,
                        size_t *ndropped) {
  hints h;
  linkhdr__walk w;
  linkhdr__item it;
  linkhdr_preload pl;
  size_t nd = 0, size = 0, written = 0;
  int reason;
  if (!len || !ndropped || (!buf && cap) || (!dropped && dcap) || (!lines && nlines))
    return LINKHDR_E_ARG;
  memset(&h, 0, sizeof h);
  h.lines = lines;
  h.nlines = nlines;
  h.budget = budget;
  h.want = LINKHDR_REL_PRELOAD | LINKHDR_REL_PRECONNECT |
           ((flags & LINKHDR_HINTS_MODULEPRELOAD) ? LINKHDR_REL_MODULEPRELOAD : 0);

  /* pass 1: decide, size, report */
  linkhdr__walk_init(&w, lines, nlines);
  while (linkhdr__walk_next(&w, &it, &pl) == LINKHDR_OK) {
    if ((reason = classify(&h, &it, &pl, &size)) == 0) continue;
    if (nd < dcap) {
      dropped[nd].index = it.index;
      dropped[nd].line = it.line;
      dropped[nd].offset = it.offset;
      dropped[nd].reason = reason;
    }
    nd++;
  }
  *ndropped = nd;
  if (h.total >= cap) {
    *len = h.total;
    return LINKHDR_E_NOSPACE;
  }

  /* pass 2: the same decisions, written */
  h.total = h.kept = h.nseen = 0;
  h.over = 0;
  linkhdr__walk_init(&w, lines, nlines);
  while (linkhdr__walk_next(&w, &it, &pl) == LINKHDR_OK)
    if (classify(&h, &it, &pl, &size) == 0)
      (void)linkhdr__write_link(buf, cap, &written, lines[it.line], it.offset, LINKHDR__OMIT_PUSH,
                                NULL);
  if (cap) buf[written] = '\0';
  *len = written;
  return LINKHDR_OK;
}

const char *linkhdr_drop_reason_name(int reason) {
  switch (reason) {
  case LINKHDR_DROP_NOT_PRELOAD: return "not-preload";
  case LINKHDR_DROP_ANCHOR: return "anchor";
  case LINKHDR_DROP_DUPLICATE: return "duplicate";
  case LINKHDR_DROP_BUDGET: return "budget";
  case LINKHDR_DROP_SYNTAX: return "syntax";
  case LINKHDR_DROP_UNWRITABLE: return "unwritable";
  default: return NULL;
  }
}
