/* RFC 8187 ext-values and RFC 5646 language tags (include/linkhdr.h §3).
 *
 *   ext-value   = charset "'" [ language ] "'" value-chars
 *   charset     = "UTF-8" / mime-charset          ; linkhdr knows UTF-8 and ISO-8859-1
 *   value-chars = *( pct-encoded / attr-char )
 *   language    = Language-Tag                    ; RFC 5646 §2.1
 *
 * Every rule reads its bytes through an `ext_in` cursor, so the same code
 * checks a token as written and a quoted-string with its quoted-pairs removed
 * (lenient `title*="..."`) without copying it; offsets are always raw. */
#include "internal.h"

#include <string.h>

#define IS_ALPHA(c) ((uchar)(((c) | 0x20) - 'a') < 26)
#define IS_DIGIT(c) ((uchar)((c) - '0') < 10)

/* ---- the cursor ---- */

/* s[0 .. n) read as is, or (escaped) with `\x` read as `x` and a lone
 * trailing `\` dropped. `off` is the raw offset of the next byte. */
typedef struct ext_in {
  const uchar *s;
  size_t n, off;
  int escaped;
} ext_in;

static int in_pair(const ext_in *in) { return in->escaped && in->s[in->off] == '\\'; }

/* The next byte, or -1 at the end. */
static int in_peek(const ext_in *in) {
  if (in->off >= in->n) return -1;
  if (in_pair(in)) return in->off + 1 < in->n ? in->s[in->off + 1] : -1;
  return in->s[in->off];
}

static void in_next(ext_in *in) { in->off += in_pair(in) ? 2 : 1; }

/* Where an error at the current position is reported: the end is always n. */
static size_t in_where(const ext_in *in) { return in_peek(in) < 0 ? in->n : in->off; }

/* ---- UTF-8 (RFC 3629 §4), one byte at a time ---- */

/* `need` continuation bytes are still due; the next one must lie in [lo, hi]
 * (narrower than 80-BF right after E0, ED, F0 and F4: that is what rules out
 * overlongs, surrogates and code points above U+10FFFF). */
typedef struct utf8_state {
  unsigned need;
  uchar lo, hi;
} utf8_state;

/* Returns 0 when b cannot continue valid UTF-8. */
static int utf8_step(utf8_state *st, uchar b) {
  if (st->need) {
    if (b < st->lo || b > st->hi) return 0;
    st->need--;
    st->lo = 0x80;
    st->hi = 0xBF;
    return 1;
  }
  st->lo = 0x80;
  st->hi = 0xBF;
  if (b < 0x80) return 1;
  if (b < 0xC2) return 0; /* a stray continuation, or C0/C1 (always overlong) */
  if (b < 0xE0) {
    st->need = 1;
  } else if (b < 0xF0) {
    st->need = 2;
    if (b == 0xE0) st->lo = 0xA0; /* overlong below U+0800 */
    if (b == 0xED) st->hi = 0x9F; /* U+D800-DFFF surrogates */
  } else if (b < 0xF5) {
    st->need = 3;
    if (b == 0xF0) st->lo = 0x90; /* overlong below U+10000 */
    if (b == 0xF4) st->hi = 0x8F; /* above U+10FFFF */
  } else {
    return 0;
  }
  return 1;
}

size_t linkhdr__utf8_check(const uchar *s, size_t n) {
  utf8_state st = {0, 0x80, 0xBF};
  size_t i, lead = 0;
  for (i = 0; i < n; i++) {
    if (st.need == 0) {
      while (i < n && s[i] < 0x80) i++; /* ASCII needs no state */
      if (i == n) break;
      lead = i;
    }
    if (!utf8_step(&st, s[i])) return i;
  }
  /* A sequence cut short stops being valid where it started: returning n
   * would claim the whole input is valid. */
  return st.need ? lead : n;
}

/* ---- charset ---- */

/* mime-charsetc = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "+" / "-" /
 *                 "^" / "_" / "`" / "{" / "}" / "~"
 * i.e. attr-char without "." and "|", plus "%", "{" and "}". */
static int mime_charsetc(int c) {
  if (c == '%' || c == '{' || c == '}') return 1;
  return c >= 0 && c != '.' && c != '|' && LH_IS(c, LH_ATTR);
}

/* charset "'" — the charset must be one linkhdr decodes. */
static int charset(ext_in *in, int *cs, size_t *erroff) {
  static const char utf8[] = "utf-8", latin1[] = "iso-8859-1";
  uchar name[sizeof latin1 - 1];
  size_t len = 0, start = in->off;
  int c;
  while ((c = in_peek(in)) >= 0 && c != '\'') {
    if (!mime_charsetc(c)) return *erroff = in->off, LINKHDR_E_EXT_SYNTAX;
    if (len < sizeof name) name[len] = linkhdr__lower((uchar)c);
    len++;
    in_next(in);
  }
  if (c < 0) return *erroff = in->n, LINKHDR_E_EXT_SYNTAX; /* no "'" */
  if (len == 0) return *erroff = start, LINKHDR_E_EXT_SYNTAX;
  if (len == sizeof utf8 - 1 && memcmp(name, utf8, len) == 0) {
    *cs = LINKHDR_CHARSET_UTF8;
  } else if (len == sizeof latin1 - 1 && memcmp(name, latin1, len) == 0) {
    *cs = LINKHDR_CHARSET_ISO_8859_1;
  } else {
    return *erroff = start, LINKHDR_E_EXT_CHARSET;
  }
  in_next(in);
  return 0;
}

/* ---- RFC 5646 §2.1 Language-Tag ---- */

/* One subtag: at most 8 characters are kept, `len` counts them all. */
typedef struct subtag {
  size_t len;
  int alpha, digit; /* every character is ALPHA / DIGIT */
  uchar c[8];
} subtag;

/* Read the subtag at the cursor and the '-' after it (*more = 1 if there was
 * one). The cursor's bytes are known to be ALPHA / DIGIT / "-" up to "'".
 * Returns 0 for an empty or over-long subtag, which no rule allows. */
static int read_subtag(ext_in *in, subtag *t, int *more) {
  int c;
  t->len = 0;
  t->alpha = t->digit = 1;
  while ((c = in_peek(in)) != '-' && c != '\'') {
    if (t->len < sizeof t->c) t->c[t->len] = linkhdr__lower((uchar)c);
    t->len++;
    t->alpha &= IS_ALPHA(c);
    t->digit &= IS_DIGIT(c);
    in_next(in);
  }
  *more = c == '-';
  if (*more) in_next(in);
  return t->len >= 1 && t->len <= 8;
}

/* privateuse = "x" 1*( "-" ( 1*8alphanum ) ), after the "x". */
static int privateuse(ext_in *in, int more) {
  subtag t;
  if (!more) return 0;
  while (more)
    if (!read_subtag(in, &t, &more)) return 0;
  return 1;
}

/* script = 4ALPHA */
static int is_script(const subtag *t) { return t->alpha && t->len == 4; }

/* region = 2ALPHA / 3DIGIT */
static int is_region(const subtag *t) {
  return (t->alpha && t->len == 2) || (t->digit && t->len == 3);
}

/* variant = 5*8alphanum / ( DIGIT 3alphanum ) */
static int is_variant(const subtag *t) { return t->len >= 5 || (t->len == 4 && IS_DIGIT(t->c[0])); }

/* langtag = language ["-" script] ["-" region] *("-" variant)
 *           *("-" extension) ["-" privateuse]
 * language  = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
 * extlang   = 3ALPHA *2("-" 3ALPHA)
 * extension = singleton 1*("-" (2*8alphanum))
 * The subtags' shapes are disjoint at each step, so one pass decides. */
static int langtag(ext_in *in, const subtag *first, int more) {
  enum { LANG, EXTLANG, SCRIPT, REGION, VARIANT, SINGLETON, EXTENSION } at = LANG;
  int extlangs = 0;
  subtag t;
  if (!first->alpha || first->len < 2) return 0;
  while (more) {
    if (!read_subtag(in, &t, &more)) return 0;
    if (at == SINGLETON || (at == EXTENSION && t.len >= 2)) {
      if (t.len < 2) return 0; /* a singleton needs a subtag of its own */
      at = EXTENSION;
    } else if (t.len == 1) {
      if (t.c[0] == 'x') return privateuse(in, more);
      at = SINGLETON;
    } else if (at <= EXTLANG && first->len <= 3 && t.alpha && t.len == 3 && extlangs < 3) {
      extlangs++;
      at = EXTLANG;
    } else if (at <= EXTLANG && is_script(&t)) {
      at = SCRIPT;
    } else if (at <= SCRIPT && is_region(&t)) {
      at = REGION;
    } else if (at <= VARIANT && is_variant(&t)) {
      at = VARIANT;
    } else {
      return 0;
    }
  }
  return at != SINGLETON;
}

/* irregular grandfathered tags, which no other rule matches (the "regular"
 * ones are well-formed langtags already). */
static int irregular(ext_in in) {
  static const char *const tags[] = {
      "en-gb-oed", "i-ami",     "i-bnn",   "i-default", "i-enochian", "i-hak",
      "i-klingon", "i-lux",     "i-mingo", "i-navajo",  "i-pwn",      "i-tao",
      "i-tay",     "i-tsu",     "sgn-be-fr", "sgn-be-nl", "sgn-ch-de"};
  char tag[11]; /* longer than any of them */
  size_t len = 0, i;
  int c;
  while ((c = in_peek(&in)) != '\'') {
    if (len == sizeof tag) return 0;
    tag[len++] = (char)linkhdr__lower((uchar)c);
    in_next(&in);
  }
  for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
    if (strlen(tags[i]) == len && memcmp(tags[i], tag, len) == 0) return 1;
  return 0;
}

/* Language-Tag = langtag / privateuse / grandfathered, the cursor at its
 * first byte and every byte up to the closing "'" ALPHA / DIGIT / "-". */
static int language_tag(ext_in in) {
  subtag first;
  int more;
  if (irregular(in)) return 1;
  if (!read_subtag(&in, &first, &more)) return 0;
  if (first.len == 1 && first.c[0] == 'x') return privateuse(&in, more);
  return langtag(&in, &first, more);
}

/* [ language ] "'" — the cursor after the charset's "'". *lang / *lang_end
 * get the language's raw bounds. */
static int language(ext_in *in, size_t *lang, size_t *lang_end, size_t *erroff) {
  ext_in t = *in;
  int c;
  while ((c = in_peek(&t)) >= 0 && (IS_ALPHA(c) || IS_DIGIT(c) || c == '-')) in_next(&t);
  if (c != '\'') {
    /* A second "'" further on means the structure is there and the language
     * is what is wrong (`en_US`); without one the "'" is missing. */
    ext_in q = t;
    size_t bad = in_where(&t);
    while ((c = in_peek(&q)) >= 0 && c != '\'') in_next(&q);
    if (c < 0) return *erroff = bad, LINKHDR_E_EXT_SYNTAX;
    return *erroff = in->off, LINKHDR_E_EXT_LANGUAGE;
  }
  if (t.off != in->off && !language_tag(*in)) return *erroff = in->off, LINKHDR_E_EXT_LANGUAGE;
  *lang = in->off;
  *lang_end = t.off;
  in_next(&t);
  *in = t;
  return 0;
}

/* ---- value-chars ---- */

/* One value unit: pct-encoded or attr-char. Returns the byte it stands for,
 * or -1 with *erroff at the first byte that does not fit. */
static int value_char(ext_in *in, size_t *erroff) {
  int c = in_peek(in), h, l;
  if (c != '%') {
    if (!LH_IS(c, LH_ATTR)) return *erroff = in->off, -1;
    in_next(in);
    return c;
  }
  in_next(in);
  h = in_peek(in);
  if (h < 0 || !LH_IS(h, LH_HEX)) return *erroff = in_where(in), -1;
  in_next(in);
  l = in_peek(in);
  if (l < 0 || !LH_IS(l, LH_HEX)) return *erroff = in_where(in), -1;
  in_next(in);
  return linkhdr__hexval[h] << 4 | linkhdr__hexval[l];
}

/* value_chars() for a value as written (no quoted-pairs: every strict
 * ext-value), without the cursor: a run of attr-char is ASCII, so it only
 * needs the UTF-8 state to be idle, and a pct-encoded is three plain reads.
 * Same results and error offsets as the cursor loop below. */
static int value_chars_raw(const uchar *s, size_t i, size_t n, int cs, size_t *outlen,
                           size_t *erroff) {
  utf8_state st = {0, 0x80, 0xBF};
  size_t len = 0;
  while (i < n) {
    size_t run = i;
    int b;
    while (i < n && LH_IS(s[i], LH_ATTR)) i++;
    if (i > run) {
      /* ASCII cannot continue a multi-byte sequence (only UTF-8 has them) */
      if (st.need) return *erroff = run, LINKHDR_E_EXT_UTF8;
      len += i - run;
      continue;
    }
    if (s[i] != '%') return *erroff = i, LINKHDR_E_EXT_SYNTAX;
    if (i + 1 >= n || !LH_IS(s[i + 1], LH_HEX)) return *erroff = i + 1, LINKHDR_E_EXT_SYNTAX;
    if (i + 2 >= n || !LH_IS(s[i + 2], LH_HEX)) return *erroff = i + 2, LINKHDR_E_EXT_SYNTAX;
    b = linkhdr__hexval[s[i + 1]] << 4 | linkhdr__hexval[s[i + 2]];
    if (cs == LINKHDR_CHARSET_UTF8 && !utf8_step(&st, (uchar)b))
      return *erroff = i, LINKHDR_E_EXT_UTF8;
    len += (cs == LINKHDR_CHARSET_ISO_8859_1 && b >= 0x80) ? 2 : 1;
    i += 3;
  }
  if (st.need) return *erroff = n, LINKHDR_E_EXT_UTF8;
  *outlen = len;
  return 0;
}

/* value-chars up to the end, interpreted in charset cs. *outlen = the UTF-8
 * length it decodes to. */
static int value_chars(ext_in *in, int cs, size_t *outlen, size_t *erroff) {
  utf8_state st = {0, 0x80, 0xBF};
  size_t len = 0;
  if (!in->escaped) return value_chars_raw(in->s, in->off, in->n, cs, outlen, erroff);
  while (in_peek(in) >= 0) {
    size_t at = in->off;
    int b = value_char(in, erroff);
    if (b < 0) return LINKHDR_E_EXT_SYNTAX;
    if (cs == LINKHDR_CHARSET_UTF8 && !utf8_step(&st, (uchar)b))
      return *erroff = at, LINKHDR_E_EXT_UTF8;
    len += (cs == LINKHDR_CHARSET_ISO_8859_1 && b >= 0x80) ? 2 : 1;
  }
  if (st.need) return *erroff = in->n, LINKHDR_E_EXT_UTF8;
  *outlen = len;
  return 0;
}

/* ---- ext-value ---- */

typedef struct ext_parts {
  int charset;
  size_t lang, lang_end; /* raw offsets */
  ext_in value;          /* the cursor at the first value byte */
  size_t outlen;         /* decoded UTF-8 length */
} ext_parts;

/* charset "'" [ language ] "'": everything before value-chars. */
static int ext_head(ext_in in, ext_parts *x, size_t *erroff) {
  int rc;
  if ((rc = charset(&in, &x->charset, erroff)) != 0) return rc;
  if ((rc = language(&in, &x->lang, &x->lang_end, erroff)) != 0) return rc;
  x->value = in;
  return 0;
}

static int ext_value(ext_in in, ext_parts *x, size_t *erroff) {
  int rc;
  if ((rc = ext_head(in, x, erroff)) != 0) return rc;
  in = x->value;
  return value_chars(&in, x->charset, &x->outlen, erroff);
}

/* One decoded byte b as UTF-8 at out: ISO-8859-1 above 0x7F takes two. */
static size_t put_decoded(uchar *out, int cs, int b) {
  if (cs == LINKHDR_CHARSET_ISO_8859_1 && b >= 0x80) {
    out[0] = (uchar)(0xC0 | b >> 6);
    out[1] = (uchar)(0x80 | (b & 0x3F));
    return 2;
  }
  out[0] = (uchar)b;
  return 1;
}

/* Write the value of an ext-value that ext_value() accepted. Every unit reads
 * at least as many bytes as it writes and the output starts at least three
 * bytes behind the value (charset and two "'"), so `out` may be `s` itself. */
static size_t emit(ext_in in, int cs, uchar *out) {
  size_t w = 0, ignored;
  if (!in.escaped) { /* as value_chars_raw(): plain reads, the value is valid */
    const uchar *s = in.s;
    size_t i = in.off, n = in.n;
    while (i < n) {
      if (s[i] != '%') {
        out[w++] = s[i++];
        continue;
      }
      w += put_decoded(out + w, cs, linkhdr__hexval[s[i + 1]] << 4 | linkhdr__hexval[s[i + 2]]);
      i += 3;
    }
    return w;
  }
  while (in_peek(&in) >= 0) w += put_decoded(out + w, cs, value_char(&in, &ignored));
  return w;
}

int linkhdr__ext_check(const uchar *s, size_t n, int escaped, size_t *outlen,
                       size_t *erroff) {
  ext_in in = {s, n, 0, escaped};
  ext_parts x;
  size_t off = 0;
  int rc = ext_value(in, &x, &off);
  if (outlen) *outlen = rc ? 0 : x.outlen;
  if (erroff) *erroff = rc ? off : 0;
  return rc;
}

size_t linkhdr__ext_emit(const uchar *s, size_t n, int escaped, uchar *out) {
  ext_in in = {s, n, 0, escaped};
  ext_parts x;
  size_t off;
  /* The caller had linkhdr__ext_check accept it: only the head is read
   * again (to find the value and its charset), the value is not re-checked. */
  if (ext_head(in, &x, &off) != 0) return 0;
  return emit(x.value, x.charset, out);
}

static int report(linkhdr_error *err, int code, size_t offset) {
  if (err) {
    err->code = code;
    err->offset = offset;
    err->item = 0;
    err->needed = 0;
  }
  return code;
}

int linkhdr_ext_decode(const char *src, size_t len, char *dst, size_t cap, size_t *outlen,
                       linkhdr_ext_info *info, linkhdr_error *err) {
  ext_in in = {(const uchar *)src, len, 0, 0};
  ext_parts x;
  size_t off = 0;
  int rc;
  if ((!src && len) || (!dst && cap) || !outlen) return report(err, LINKHDR_E_ARG, 0);
  if ((rc = ext_value(in, &x, &off)) != 0) return report(err, rc, off);
  if (x.outlen > cap) return report(err, LINKHDR_E_NOSPACE, 0);
  if (info) { /* before emit(): in place, the language's bytes get overwritten */
    info->charset = x.charset;
    info->language.base = src + x.lang;
    info->language.len = x.lang_end - x.lang;
  }
  *outlen = emit(x.value, x.charset, (uchar *)dst);
  return report(err, LINKHDR_OK, 0);
}
