/* Parameter values as text (include/linkhdr.h §3): quoted-pair removal
 * (RFC 9110 §5.6.4) and, for names ending in '*', RFC 8187 decoding (ext.c).
 * Every function sizes its output before it writes a byte, so that
 * LINKHDR_E_NOSPACE leaves the caller's buffer as it was. As for the
 * parser's input, a NULL buffer is accepted when its size is 0. */
#include "internal.h"

#include <string.h>

/* The length of s[0 .. n) with its quoted-pairs removed. */
static size_t unescaped_len(const uchar *s, size_t n) {
  size_t i, len = 0;
  for (i = 0; i < n; i++, len++)
    if (s[i] == '\\' && ++i == n) break; /* a lone trailing '\' is dropped */
  return len;
}

int linkhdr_unescape(const char *src, size_t len, char *dst, size_t cap, size_t *outlen) {
  const uchar *s = (const uchar *)src;
  size_t i, w = 0;
  if ((!src && len) || (!dst && cap) || !outlen) return LINKHDR_E_ARG;
  if (unescaped_len(s, len) > cap) return LINKHDR_E_NOSPACE;
  /* w never passes i, so dst may be src itself */
  for (i = 0; i < len; i++) {
    if (s[i] == '\\' && ++i == len) break;
    dst[w++] = (char)s[i];
  }
  *outlen = w;
  return LINKHDR_OK;
}

int linkhdr_param_value(const linkhdr_param *param, char *dst, size_t cap, size_t *outlen) {
  const uchar *s;
  size_t n, need;
  int escaped;
  if (!param || (!dst && cap) || !outlen || (!param->value.base && param->value.len))
    return LINKHDR_E_ARG;
  s = (const uchar *)param->value.base;
  n = param->value.len;
  switch (param->type) {
  case LINKHDR_VALUE_NONE:
    *outlen = 0;
    return LINKHDR_OK;
  case LINKHDR_VALUE_TOKEN:
    escaped = 0; /* a token has no quoted-pairs, whatever the flags say */
    break;
  case LINKHDR_VALUE_QUOTED:
    escaped = (param->flags & LINKHDR_PARAM_ESCAPED) != 0;
    break;
  default:
    return LINKHDR_E_ARG;
  }
  /* Checked again even when ext_error is 0: a caller-made param may carry
   * anything, and decoding relies on the check. A value that does not
   * decode falls back to its unescaped raw text, as for ext_error != 0. */
  if ((param->flags & LINKHDR_PARAM_EXT) && param->ext_error == 0 &&
      linkhdr__ext_check(s, n, escaped, &need, NULL) == 0) {
    if (need > cap) return LINKHDR_E_NOSPACE;
    *outlen = linkhdr__ext_emit(s, n, escaped, (uchar *)dst);
    return LINKHDR_OK;
  }
  if (escaped) return linkhdr_unescape(param->value.base, n, dst, cap, outlen);
  if (n > cap) return LINKHDR_E_NOSPACE;
  if (n) memmove(dst, s, n); /* dst may be the value itself */
  *outlen = n;
  return LINKHDR_OK;
}
