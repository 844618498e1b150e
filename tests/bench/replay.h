/* Stand-ins for the parser, for linkhdr-bench's `replay` op: they hand back
 * a recorded strict pass call by call. They live in their own file, as the
 * library's functions do, so that the compiler sees neither's body from the
 * benchmark loop and both are called the same way. */
#ifndef LINKHDR_BENCH_REPLAY_H
#define LINKHDR_BENCH_REPLAY_H

#include "linkhdr.h"

/* One call's result, as offsets into its value: 20 bytes, about the bytes
 * of input each call covers (preload: 314 bytes of records per 283-byte
 * value). */
typedef struct rec {
  unsigned char kind, type, flags, pad;
  unsigned a, alen, b, blen; /* link: target, offset; param: name, value */
} rec;
enum { REC_LINK, REC_PARAM, REC_DONE, REC_ERROR };

typedef struct replayer {
  const rec *r;
  const char *base;
  unsigned long recovers;
} replayer;

/* linkhdr_parser_init(): the value at `base`, whose calls start at r */
void replay_init(replayer *p, const rec *r, const char *base);
/* linkhdr_next_link(), linkhdr_next_param(): the next recorded result
 * (an error is returned as -1) */
int replay_next_link(replayer *p, linkhdr_link *link);
int replay_next_param(replayer *p, linkhdr_param *prm);
/* linkhdr_recover(): nothing to skip; counted so the call stays */
int replay_recover(replayer *p);

#endif
