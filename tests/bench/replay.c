/* The stand-ins of replay.h. */
#include "replay.h"

void replay_init(replayer *p, const rec *r, const char *base) {
  p->r = r;
  p->base = base;
  p->recovers = 0;
}

int replay_next_link(replayer *p, linkhdr_link *link) {
  const rec *r = p->r++;
  if (r->kind != REC_LINK) return r->kind == REC_DONE ? LINKHDR_DONE : -1;
  link->target.base = p->base + r->a;
  link->target.len = r->alen;
  link->offset = r->b;
  link->line = 0;
  return LINKHDR_OK;
}

int replay_next_param(replayer *p, linkhdr_param *prm) {
  const rec *r = p->r++;
  if (r->kind != REC_PARAM) return r->kind == REC_DONE ? LINKHDR_DONE : -1;
  prm->name.base = p->base + r->a;
  prm->name.len = r->alen;
  prm->value.base = p->base + r->b;
  prm->value.len = r->blen;
  prm->offset = r->a;
  prm->type = r->type;
  prm->flags = r->flags;
  prm->ext_error = 0;
  return LINKHDR_OK;
}

int replay_recover(replayer *p) {
  p->recovers++;
  return LINKHDR_OK;
}
