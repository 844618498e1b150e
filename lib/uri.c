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
static int is_regname_char(uchar c) { return lh_regname(c); }

/* The address checks below report where an input stops being the prefix of
 * a valid value: they return 1 if s[i .. end) is one, else 0 with *bad at the
 * first offending byte (end when the input is a proper prefix). */

/* dec-octet = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35 */
static int dec_octet(const uchar *s, size_t *i, size_t end, size_t *bad) {
  size_t j = *i;
  unsigned v = 0;
  for (; j < end && IS_DIGIT(s[j]); j++) {
    v = v * 10 + (unsigned)(s[j] - '0');
    if (j - *i == 3 || v > 255 || (j > *i && s[*i] == '0')) return *bad = j, 0;
  }
  if (j == *i) return *bad = j, 0;
  *i = j;
  return 1;
}

/* The last three octets of an IPv4address, s[i] being the first '.'. */
static int ipv4_tail(const uchar *s, size_t i, size_t end, size_t *bad) {
  int k;
  for (k = 0; k < 3; k++) {
    if (i >= end || s[i] != '.') return *bad = i, 0;
    i++;
    if (!dec_octet(s, &i, end, bad)) return 0;
  }
  if (i < end) return *bad = i, 0;
  return 1;
}

/* IPv6address (RFC 3986 §3.2.2): h16 pieces separated by ':', at most one
 * "::" standing for at least one piece, eight pieces in all, the last two
 * possibly written as an IPv4address. */
static int ipv6_check(const uchar *s, size_t i, size_t end, size_t *bad) {
  int pieces = 0, elided = 0;
  if (i < end && s[i] == ':') {
    if (i + 1 >= end || s[i + 1] != ':') return *bad = i + 1, 0;
    elided = 1;
    i += 2;
  }
  while (i < end) {
    size_t start = i;
    /* "::" stands for at least one piece: seven written ones fill the rest */
    if (elided && pieces == 7) return *bad = i, 0;
    while (i < end && LH_IS(s[i], LH_HEX) && i - start < 4) i++;
    if (i == start) return *bad = i, 0;
    if (i < end && s[i] == '.') { /* ls32 as IPv4address: the h16 was its first octet */
      size_t k = start;
      /* it takes the last two pieces: exactly six before it, or at most five with "::" */
      if ((elided ? pieces > 5 : pieces != 6) || !dec_octet(s, &k, i, bad) || k != i)
        return *bad = i, 0;
      return ipv4_tail(s, i, end, bad);
    }
    if (i < end && LH_IS(s[i], LH_HEX)) return *bad = i, 0; /* a fifth digit */
    pieces++;
    if (i == end) break;
    if (s[i] != ':' || pieces == (elided ? 7 : 8)) return *bad = i, 0;
    if (++i < end && s[i] == ':') {
      if (elided) return *bad = i, 0;
      elided = 1;
      i++;
    } else if (i == end) {
      return *bad = i, 0;
    }
  }
  if (!elided && pieces < 8) return *bad = end, 0;
  return 1;
}

/* IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
static int ipvfuture_check(const uchar *s, size_t i, size_t end, size_t *bad) {
  size_t j = i + 1;
  while (j < end && LH_IS(s[j], LH_HEX)) j++;
  if (j == i + 1 || j >= end || s[j] != '.') return *bad = j, 0;
  for (i = ++j; j < end; j++)
    if (!is_regname_char(s[j]) && s[j] != ':') return *bad = j, 0;
  if (j == i) return *bad = end, 0;
  return 1;
}

/* The inside of IP-literal = "[" ( IPv6address / IPvFuture ) "]" */
static int ip_literal_check(const uchar *s, size_t i, size_t end, size_t *bad) {
  if (i < end && (s[i] | 0x20) == 'v') return ipvfuture_check(s, i, end, bad);
  return ipv6_check(s, i, end, bad);
}

static int ip_literal_valid(const uchar *s, size_t open, size_t close) {
  size_t bad;
  return ip_literal_check(s, open + 1, close, &bad);
}

/* Bytes that some part of an authority allows ('/' and '?' end it). */
static int is_authority_char(uchar c) {
  return (LH_IS(c, LH_PCHAR) || c == '%' || c == '[' || c == ']') && c != '/' && c != '?';
}

/* Where the authority after "//" ends: at '/', '?', '#' or a byte that no
 * part of an authority allows. */
static size_t authority_end(const uchar *s, size_t n, size_t i) {
  while (i < n && is_authority_char(s[i])) i++;
  return i;
}

/* host [ ":" port ], host = IP-literal / IPv4address / reg-name, port = *DIGIT */
static int host_port(const uchar *s, size_t i, size_t end, size_t *bad) {
  if (i < end && s[i] == '[') {
    const uchar *close = memchr(s + i, ']', end - i);
    size_t lim = close ? (size_t)(close - s) : end;
    if (!ip_literal_check(s, i + 1, lim, bad)) return LINKHDR_E_TARGET_AUTHORITY;
    if (!close) return *bad = end, LINKHDR_E_TARGET_AUTHORITY;
    i = lim + 1;
    if (i < end && s[i] != ':') return *bad = i, LINKHDR_E_TARGET_AUTHORITY;
  } else { /* reg-name, of which IPv4address is a subset */
    for (; i < end && s[i] != ':'; i++) {
      if (s[i] == '%') {
        if ((*bad = pct_bad(s, end, i)) != 0) return LINKHDR_E_TARGET_PCT;
        i += 2;
      } else if (s[i] == '[' || s[i] == ']') {
        return *bad = i, LINKHDR_E_TARGET_BRACKET;
      } else if (!is_regname_char(s[i])) {
        return *bad = i, LINKHDR_E_TARGET_AUTHORITY; /* a second '@' */
      }
    }
  }
  if (i < end)
    for (i++; i < end; i++)
      if (!IS_DIGIT(s[i])) return *bad = i, LINKHDR_E_TARGET_AUTHORITY;
  return 0;
}

/* authority = [ userinfo "@" ] host [ ":" port ], all of s[i .. end).
 * Until an '@' shows up the bytes read so far may still be a userinfo, so a
 * host or port error is reported no earlier than where that reading fails
 * too ("h:8x/" fails at the '/', not at the 'x'). */
static int authority(const uchar *s, size_t i, size_t end, size_t *erroff) {
  size_t u = i, bad = 0;
  int rc, userinfo;
  while (u < end) { /* userinfo = *( unreserved / pct-encoded / sub-delims / ":" ) */
    if (s[u] == '%') {
      if ((bad = pct_bad(s, end, u)) != 0) return *erroff = bad, LINKHDR_E_TARGET_PCT;
      u += 3;
    } else if (is_regname_char(s[u]) || s[u] == ':') {
      u++;
    } else {
      break;
    }
  }
  userinfo = u < end && s[u] == '@';
  if ((rc = host_port(s, userinfo ? u + 1 : i, end, &bad)) != 0) {
    *erroff = (!userinfo && bad < u) ? u : bad;
    return rc;
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
    /* Fast path for the usual "//host[:port]" (one pass, no '@', '%' or
     * '['); anything else takes the full authority rule. */
    size_t e = (size_t)(span_regname(s + i + 2, s + n) - s);
    if (e < n && s[e] == ':')
      for (e++; e < n && IS_DIGIT(s[e]); e++) {
      }
    if (e < n && s[e] != '/' && s[e] != '?' && s[e] != '#' && is_authority_char(s[e])) {
      size_t end = authority_end(s, n, i + 2);
      if ((rc = authority(s, i + 2, end, stop)) != 0) return rc;
      e = end;
    }
    i = e;
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
