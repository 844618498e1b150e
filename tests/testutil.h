/* Helpers shared by the test programs. */
#ifndef LINKHDR_TESTUTIL_H
#define LINKHDR_TESTUTIL_H

#include <stddef.h>

/* An exact-size heap copy of s[0 .. n) (no NUL after it), so that
 * AddressSanitizer and valgrind see any read past the end. Free with free().
 * Returns a valid unique pointer even for n == 0. */
char *heap_copy(const char *s, size_t n);

/* heap_copy of a NUL-terminated string, without the NUL. */
char *heap_str(const char *s);

#endif
