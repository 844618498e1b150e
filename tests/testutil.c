#include "testutil.h"

#include <stdlib.h>
#include <string.h>

char *heap_copy(const char *s, size_t n) {
  /* malloc(0) may return NULL; one byte keeps the pointer valid while any
   * read of it is still out of the caller's [0, n) range. */
  char *p = malloc(n ? n : 1);
  if (p == NULL) abort();
  if (n) memcpy(p, s, n);
  return p;
}

char *heap_str(const char *s) { return heap_copy(s, strlen(s)); }
