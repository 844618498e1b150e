/* RFC 3986 URI-Reference (Appendix A), as the strict parser and the builder need it.
 *
 *   URI-reference = URI / relative-ref
 *   URI           = scheme ":" hier-part [ "?" query ] [ "#" fragment ]
 *   relative-ref  = relative-part [ "?" query ] [ "#" fragment ]
 *
 * Both forms are scanned in one pass: an optional scheme, an optional
 * "//" authority, then path, query and fragment, which share one character set
 * (pchar / "/" / "?") and differ only in that a second '#' is not allowed.
 * The scanner stops at the first byte that cannot belong to a URI-Reference,
 * so the parser can check that it is the closing '>'. */
#include "internal.h"
#include "span.h"

#include <string.h>

#define IS_ALPHA(c) ((uchar)(((c) | 0x20) - 'a') < 26)
#define IS_DIGIT(c) ((uchar)((c) - '0') < 10)

/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
static int is_scheme_char(uchar c) { return IS_ALPHA(c) || IS_DIGIT(c) || c == '+' || c == '-' || c == '.'; }

/* pct-encoded = "%" HEXDIG HEXDIG. Returns 0 or the offset of the missing digit. */
static size_t pct_bad(const uchar *s, size_t n, size_t i) {
  if (i + 1 >= n || !LH_IS(s[i + 1], LH_HEX)) return i + 1;
  if (i + 2 >= n || !LH_IS(s[i + 2], LH_HEX)) return i + 2;
  return 0;
}

/* unreserved / sub-delims: what reg-name and userinfo allow besides pct-encoded
 * (userinfo adds ':'). */
static int is_regname_char(uchar c) {
  return LH_IS(c, LH_PCHAR) && c != ':' && c != '@' && c != '/' && c != '?';
}

/* dec-octet = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35 */
static size_t dec_octet(const uchar *s, size_t i, size_t end, int *ok) {
  size_t j = i;
  unsigned v = 0;
  while (j < end && IS_DIGIT(s[j]) && j - i < 3) v = v * 10 + (unsigned)(s[j++] - '0');
  *ok = j > i && v <= 255 && !(j - i > 1 && s[i] == '0');
  return j;
}

/* IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet, all of s[i .. end). */
static int ipv4_valid(const uchar *s, size_t i, size_t end) {
  int k, ok;
  for (k = 0; k < 4; k++) {
    i = dec_octet(s, i, end, &ok);
    if (!ok) return 0;
    if (k < 3) {
      if (i >= end || s[i] != '.') return 0;
      i++;
    }
  }
  return i == end;
}

/* IPv6address (RFC 3986 §3.2.2): at most eight h16 pieces, at most one "::",
 * optionally ending in an IPv4address that counts as two pieces. */
static int ipv6_valid(const uchar *s, size_t i, size_t end) {
  int pieces = 0, elided = 0;
  if (i + 1 < end && s[i] == ':' && s[i + 1] == ':') {
    elided = 1;
    i += 2;
    if (i == end) return 1;
  }
  for (;;) {
    size_t j = i;
    while (j < end && LH_IS(s[j], LH_HEX) && j - i < 4) j++;
    if (j < end && s[j] == '.') { /* ls32 as IPv4: must be last */
      if (!ipv4_valid(s, i, end)) return 0;
      pieces += 2;
      break;
    }
    if (j == i || (j < end && LH_IS(s[j], LH_HEX))) return 0;
    pieces++;
    i = j;
    if (i == end) break;
    if (s[i] != ':') return 0;
    i++;
    if (i < end && s[i] == ':') {
      if (elided) return 0;
      elided = 1;
      i++;
      if (i == end) break;
    } else if (i == end) {
      return 0;
    }
  }
  return elided ? pieces <= 7 : pieces == 8;
}

/* IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
static int ipvfuture_valid(const uchar *s, size_t i, size_t end) {
  size_t j;
  if (i >= end || (s[i] | 0x20) != 'v') return 0;
  for (j = ++i; j < end && LH_IS(s[j], LH_HEX); j++) {
  }
  if (j == i || j >= end || s[j] != '.') return 0;
  for (i = ++j; j < end; j++)
    if (!is_regname_char(s[j]) && s[j] != ':') return 0;
  return j > i;
}

/* IP-literal = "[" ( IPv6address / IPvFuture ) "]", s[i] == '[' and s[close] == ']'. */
static int ip_literal_valid(const uchar *s, size_t i, size_t close) {
  return ipv6_valid(s, i + 1, close) || ipvfuture_valid(s, i + 1, close);
}

/* Where the authority after "//" ends: at '/', '?', '#' or a byte that no
 * part of an authority allows. */
static size_t authority_end(const uchar *s, size_t n, size_t i) {
  while (i < n) {
    uchar c = s[i];
    if (c == '/' || c == '?' || c == '#') break;
    if (!LH_IS(c, LH_PCHAR) && c != '%' && c != '[' && c != ']') break;
    i++;
  }
  return i;
}

/* authority = [ userinfo "@" ] host [ ":" port ], all of s[i .. end). */
static int authority(const uchar *s, size_t i, size_t end, size_t *erroff) {
  const uchar *at = memchr(s + i, '@', end - i);
  size_t bad;
  if (at) { /* userinfo = *( unreserved / pct-encoded / sub-delims / ":" ) */
    size_t u = (size_t)(at - s);
    for (; i < u; i++) {
      uchar c = s[i];
      if (c == '%') {
        if ((bad = pct_bad(s, end, i)) != 0) return *erroff = bad, LINKHDR_E_TARGET_PCT;
        i += 2;
      } else if (c == '[' || c == ']') {
        return *erroff = i, LINKHDR_E_TARGET_BRACKET;
      } else if (!is_regname_char(c) && c != ':') {
        return *erroff = i, LINKHDR_E_TARGET_AUTHORITY;
      }
    }
    i = u + 1;
  }
  if (i < end && s[i] == '[') { /* IP-literal */
    const uchar *close = memchr(s + i, ']', end - i);
    if (!close) return *erroff = end, LINKHDR_E_TARGET_AUTHORITY;
    if (!ip_literal_valid(s, i, (size_t)(close - s))) return *erroff = i + 1, LINKHDR_E_TARGET_AUTHORITY;
    i = (size_t)(close - s) + 1;
    if (i < end && s[i] != ':') return *erroff = i, LINKHDR_E_TARGET_AUTHORITY;
  } else { /* reg-name (IPv4address is a subset of it) */
    for (; i < end && s[i] != ':'; i++) {
      uchar c = s[i];
      if (c == '%') {
        if ((bad = pct_bad(s, end, i)) != 0) return *erroff = bad, LINKHDR_E_TARGET_PCT;
        i += 2;
      } else if (c == '[' || c == ']') {
        return *erroff = i, LINKHDR_E_TARGET_BRACKET;
      } else if (!is_regname_char(c)) {
        return *erroff = i, LINKHDR_E_TARGET_AUTHORITY; /* a second '@' */
      }
    }
  }
  if (i < end) { /* ":" port, port = *DIGIT */
    for (i++; i < end; i++)
      if (!IS_DIGIT(s[i])) return *erroff = i, LINKHDR_E_TARGET_AUTHORITY;
  }
  return 0;
}

/* path, query and fragment: a run of pchar / "/" / "?" with pct-encoded
 * triplets and at most one '#'. Stops at the first byte that cannot follow. */
static int path_query_fragment(const uchar *s, size_t n, size_t i, size_t *stop) {
  int fragment = 0;
  size_t bad;
  for (;;) {
    i = (size_t)(span_pchar(s + i, s + n) - s);
    if (i >= n) break;
    switch (s[i]) {
    case '%':
      if ((bad = pct_bad(s, n, i)) != 0) return *stop = bad, LINKHDR_E_TARGET_PCT;
      i += 3;
      break;
    case '#':
      if (fragment) return *stop = i, LINKHDR_E_TARGET_FRAGMENT;
      fragment = 1;
      i++;
      break;
    case '[':
    case ']':
      return *stop = i, LINKHDR_E_TARGET_BRACKET;
    default:
      *stop = i;
      return 0;
    }
  }
  *stop = n;
  return 0;
}

int linkhdr__uri_scan(const uchar *s, size_t n, size_t *stop) {
  size_t i = 0;
  int has_scheme = 0, rc;

  if (n > 0 && IS_ALPHA(s[0])) {
    size_t j = 1;
    while (j < n && is_scheme_char(s[j])) j++;
    if (j < n && s[j] == ':') {
      has_scheme = 1;
      i = j + 1;
    }
  }
  if (i + 1 < n && s[i] == '/' && s[i + 1] == '/') {
    size_t end = authority_end(s, n, i + 2);
    if ((rc = authority(s, i + 2, end, stop)) != 0) return rc;
    i = end;
  } else if (!has_scheme) {
    /* path-noscheme: the first segment of a relative reference has no ':'
     * (it would read as a scheme) */
    while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#') {
      if (s[i] == ':') return *stop = i, LINKHDR_E_TARGET_COLON;
      if (s[i] == '%') {
        size_t bad = pct_bad(s, n, i);
        if (bad) return *stop = bad, LINKHDR_E_TARGET_PCT;
        i += 3;
      } else if (LH_IS(s[i], LH_PCHAR)) {
        i++;
      } else {
        break; /* '[', ']' or the end of the reference: handled below */
      }
    }
  }
  return path_query_fragment(s, n, i, stop);
}

/* ---- the builder's percent-encoder ---------------------------------------
 * Decides, byte by byte on the raw input, whether to copy or to percent-encode
 * it, so that the result is a URI-Reference by construction: every byte that
 * the scanner above would refuse becomes a pct-encoded pchar, which is allowed
 * wherever the scanner is. The same walk counts (out == NULL) and writes. */

struct sink {
  uchar *out;
  size_t len;
};

static void put(struct sink *k, uchar c, int encode) {
  static const char hex[] = "0123456789ABCDEF";
  if (!encode) {
    if (k->out) k->out[k->len] = c;
    k->len++;
    return;
  }
  if (k->out) {
    k->out[k->len] = '%';
    k->out[k->len + 1] = (uchar)hex[c >> 4];
    k->out[k->len + 2] = (uchar)hex[c & 15];
  }
  k->len += 3;
}

/* Copy s[i .. end) keeping bytes for which keep() holds and valid
 * pct-encoded triplets; everything else is encoded ('%' alone becomes %25). */
static void put_run(struct sink *k, const uchar *s, size_t i, size_t end, int (*keep)(uchar)) {
  for (; i < end; i++) {
    if (s[i] == '%' && pct_bad(s, end, i) == 0) {
      put(k, s[i], 0);
      put(k, s[i + 1], 0);
      put(k, s[i + 2], 0);
      i += 2;
    } else {
      put(k, s[i], !keep(s[i]));
    }
  }
}

static int keep_userinfo(uchar c) { return is_regname_char(c) || c == ':'; }
static int keep_regname(uchar c) { return is_regname_char(c); }
static int keep_segment_nc(uchar c) { return LH_IS(c, LH_PCHAR) && c != ':' && c != '/' && c != '?'; }
static int keep_pchar(uchar c) { return LH_IS(c, LH_PCHAR); }

static void encode_authority(struct sink *k, const uchar *s, size_t i, size_t end) {
  const uchar *at = NULL, *p;
  size_t port = end; /* start of ":" port, if the host is followed by one */

  /* The LAST '@' ends the userinfo, so that earlier ones are encoded into it. */
  for (p = s + i; p < s + end; p++)
    if (*p == '@') at = p;
  if (at) {
    put_run(k, s, i, (size_t)(at - s), keep_userinfo);
    put(k, '@', 0);
    i = (size_t)(at - s) + 1;
  }
  /* ":" port counts only when all digits follow the last ':' */
  for (p = s + end; p > s + i; p--) {
    if (p[-1] == ':') {
      size_t j = (size_t)(p - s);
      while (j < end && IS_DIGIT(s[j])) j++;
      if (j == end) port = (size_t)(p - s) - 1;
      break;
    }
    if (!IS_DIGIT(p[-1])) break;
  }
  if (i < port && s[i] == '[' && s[port - 1] == ']' && ip_literal_valid(s, i, port - 1)) {
    size_t j;
    for (j = i; j < port; j++) put(k, s[j], 0);
  } else {
    put_run(k, s, i, port, keep_regname);
  }
  for (; port < end; port++) put(k, s[port], 0);
}

int linkhdr__uri_encode(const uchar *s, size_t n, uchar *out, size_t *outlen, size_t *erroff) {
  struct sink k;
  size_t i = 0, j;
  int has_scheme = 0, fragment = 0;

  for (j = 0; j < n; j++)
    if (LH_IS(s[j], LH_CTL)) return *erroff = j, LINKHDR_E_CTL;

  k.out = out;
  k.len = 0;
  if (n > 0 && IS_ALPHA(s[0])) {
    j = 1;
    while (j < n && is_scheme_char(s[j])) j++;
    if (j < n && s[j] == ':') {
      has_scheme = 1;
      for (i = 0; i <= j; i++) put(&k, s[i], 0);
    }
  }
  if (i + 1 < n && s[i] == '/' && s[i + 1] == '/') {
    size_t end = i + 2;
    while (end < n && s[end] != '/' && s[end] != '?' && s[end] != '#') end++;
    put(&k, '/', 0);
    put(&k, '/', 0);
    encode_authority(&k, s, i + 2, end);
    i = end;
  } else if (!has_scheme) {
    j = i;
    while (j < n && s[j] != '/' && s[j] != '?' && s[j] != '#') j++;
    put_run(&k, s, i, j, keep_segment_nc);
    i = j;
  }
  /* path, query, fragment: the first '#' starts the fragment, later ones are data */
  for (j = i; j < n; j++) {
    if (s[j] == '#') {
      put_run(&k, s, i, j, keep_pchar);
      put(&k, '#', fragment);
      fragment = 1;
      i = j + 1;
    }
  }
  put_run(&k, s, i, n, keep_pchar);
  *outlen = k.len;
  return 0;
}
