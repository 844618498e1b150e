/* An independent RFC 3986 URI-reference check, for oracles only.
 *
 * Written from the ABNF (RFC 3986 Appendix A), by splitting rather than by
 * scanning, and sharing nothing with lib/uri.c, so that the fuzzers can hold
 * the library's scanner to the grammar in both directions:
 *
 *   URI-reference = URI / relative-ref
 *   URI           = scheme ":" hier-part [ "?" query ] [ "#" fragment ]
 *   relative-ref  = relative-part [ "?" query ] [ "#" fragment ]
 *   hier-part     = "//" authority path-abempty / path-absolute
 *                 / path-rootless / path-empty
 *   relative-part = "//" authority path-abempty / path-absolute
 *                 / path-noscheme / path-empty
 *   authority     = [ userinfo "@" ] host [ ":" port ]
 *   host          = IP-literal / IPv4address / reg-name
 *
 * Slow and simple on purpose. */
#ifndef LINKHDR_FUZZ_URI_ORACLE_H
#define LINKHDR_FUZZ_URI_ORACLE_H

#include <stddef.h>
#include <string.h>

static int uo_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int uo_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int uo_hex(unsigned char c) {
  return uo_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int uo_unreserved(unsigned char c) {
  return uo_alpha(c) || uo_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
static int uo_subdelim(unsigned char c) { return c && strchr("!$&'()*+,;=", c) != NULL; }

/* s[0 .. n) is a run of bytes from `extra` + unreserved + sub-delims, with
 * pct-encoded allowed when `pct`. */
static int uo_run(const char *s, size_t n, const char *extra, int pct) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (uo_unreserved(c) || uo_subdelim(c) || (c && strchr(extra, c))) continue;
    if (pct && c == '%') { /* pct-encoded = "%" HEXDIG HEXDIG */
      if (n - i < 3 || !uo_hex((unsigned char)s[i + 1]) || !uo_hex((unsigned char)s[i + 2]))
        return 0;
      i += 2;
      continue;
    }
    return 0;
  }
  return 1;
}

/* dec-octet "." dec-octet "." dec-octet "." dec-octet */
static int uo_ipv4(const char *s, size_t n) {
  size_t i = 0, k;
  for (k = 0; k < 4; k++) {
    size_t st = i;
    unsigned v = 0;
    if (k) {
      if (i >= n || s[i] != '.') return 0;
      st = ++i;
    }
    while (i < n && uo_digit((unsigned char)s[i]) && i - st < 3) v = v * 10 + (unsigned)(s[i++] - '0');
    if (i == st || v > 255 || (i - st > 1 && s[st] == '0')) return 0;
  }
  return i == n;
}

/* Pieces of one side of an IPv6 address: h16 *( ":" h16 ) [ with the last
 * piece an IPv4address when `v4_ok` ]. *groups counts 16-bit groups. */
static int uo_h16s(const char *s, size_t n, int v4_ok, size_t *groups) {
  size_t i = 0;
  *groups = 0;
  if (n == 0) return 1;
  for (;;) {
    size_t st = i;
    while (i < n && s[i] != ':') i++;
    if (i == st) return 0;
    if (i == n && v4_ok && memchr(s + st, '.', n - st)) {
      if (!uo_ipv4(s + st, n - st)) return 0;
      *groups += 2;
      return 1;
    }
    if (i - st > 4) return 0;
    for (size_t j = st; j < i; j++)
      if (!uo_hex((unsigned char)s[j])) return 0;
    (*groups)++;
    if (i == n) return 1;
    i++; /* ':' */
    if (i == n) return 0;
  }
}

static int uo_ipv6(const char *s, size_t n) {
  size_t i, gl, gr;
  for (i = 0; i + 1 < n; i++)
    if (s[i] == ':' && s[i + 1] == ':') break;
  if (i + 1 >= n) /* no "::": exactly eight groups */
    return uo_h16s(s, n, 1, &gl) && gl == 8;
  /* "::" stands for at least one group; at most one "::" */
  if (!uo_h16s(s, i, 0, &gl) || !uo_h16s(s + i + 2, n - i - 2, 1, &gr)) return 0;
  return gl + gr <= 7;
}

/* IP-literal = "[" ( IPv6address / IPvFuture ) "]", s without the brackets. */
static int uo_ip_literal(const char *s, size_t n) {
  size_t i = 1;
  if (n > 0 && (s[0] == 'v' || s[0] == 'V')) { /* "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
    while (i < n && uo_hex((unsigned char)s[i])) i++;
    if (i == 1 || i >= n || s[i] != '.' || i + 1 == n) return 0;
    return uo_run(s + i + 1, n - i - 1, ":", 0);
  }
  return uo_ipv6(s, n);
}

static int uo_authority(const char *s, size_t n) {
  const char *at = memchr(s, '@', n), *h;
  size_t hn, i;
  if (at) {
    if (!uo_run(s, (size_t)(at - s), ":", 1)) return 0;
    h = at + 1;
  } else {
    h = s;
  }
  hn = (size_t)(s + n - h);
  if (hn > 0 && h[0] == '[') {
    const char *rb = memchr(h, ']', hn);
    if (!rb || !uo_ip_literal(h + 1, (size_t)(rb - h - 1))) return 0;
    i = (size_t)(rb - h) + 1;
  } else {
    for (i = 0; i < hn && h[i] != ':'; i++) {
    }
    if (!uo_run(h, i, "", 1)) return 0; /* reg-name (IPv4address is one too) */
  }
  if (i == hn) return 1;
  if (h[i] != ':') return 0;
  for (i++; i < hn; i++)
    if (!uo_digit((unsigned char)h[i])) return 0;
  return 1;
}

/* Whether s[0 .. n) is a URI-reference. */
static int uri_reference_valid(const char *s, size_t n) {
  const char *hash = memchr(s, '#', n), *q;
  size_t end = hash ? (size_t)(hash - s) : n, pend, i, start = 0;
  int scheme = 0;
  if (hash && !uo_run(hash + 1, n - end - 1, ":@/?", 1)) return 0; /* fragment, no '#' */
  q = memchr(s, '?', end);
  pend = q ? (size_t)(q - s) : end;
  if (q && !uo_run(q + 1, end - pend - 1, ":@/?", 1)) return 0; /* query */
  /* scheme ":" if the part before the first ':' is a scheme */
  for (i = 0; i < pend && s[i] != ':' && s[i] != '/'; i++) {
  }
  if (i < pend && s[i] == ':' && i > 0 && uo_alpha((unsigned char)s[0])) {
    size_t j;
    scheme = 1;
    for (j = 1; j < i; j++) {
      unsigned char c = (unsigned char)s[j];
      if (!uo_alpha(c) && !uo_digit(c) && c != '+' && c != '-' && c != '.') scheme = 0;
    }
    if (scheme) start = i + 1;
  }
  if (pend - start >= 2 && s[start] == '/' && s[start + 1] == '/') {
    const char *slash = memchr(s + start + 2, '/', pend - start - 2);
    size_t aend = slash ? (size_t)(slash - s) : pend;
    if (!uo_authority(s + start + 2, aend - start - 2)) return 0;
    start = aend; /* path-abempty */
  } else if (!scheme) {
    /* path-noscheme: no ':' in the first segment */
    for (i = start; i < pend && s[i] != '/'; i++)
      if (s[i] == ':') return 0;
  }
  return uo_run(s + start, pend - start, ":@/", 1);
}

#endif
