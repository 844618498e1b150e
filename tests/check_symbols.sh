#!/bin/sh
# Two facts about the built library, checked from its symbol tables:
#  1. it calls no allocator: no object file references malloc, calloc,
#     realloc, free or any other heap function (so parsing, decoding and
#     building cannot allocate, whatever the input);
#  2. the shared library exports only linkhdr_* symbols.
# Usage: check_symbols.sh STATIC_LIB SHARED_LIB
set -eu
static=$1
shared=$2
bad=$(nm -u "$static" | awk '{print $NF}' |
  grep -E '^(malloc|calloc|realloc|reallocarray|free|aligned_alloc|posix_memalign|memalign|valloc|strdup|strndup|mmap|sbrk|brk)(@.*)?$' || true)
if [ -n "$bad" ]; then
  echo "the library references heap functions: $bad"
  exit 1
fi
echo "no heap function referenced by $static"
exported=$(nm -D --defined-only "$shared" | awk '{print $NF}' | grep -v '^linkhdr_' || true)
if [ -n "$exported" ]; then
  echo "exported symbols without the linkhdr_ prefix: $exported"
  exit 1
fi
nm -D --defined-only "$shared" | grep -c ' linkhdr_' | sed 's/^/exported linkhdr_ symbols: /'
nm -D --defined-only "$shared" | awk '{print $NF}' | grep '^linkhdr__' && { echo "internal symbol exported"; exit 1; }
exit 0
