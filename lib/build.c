/* The builder (include/linkhdr.h §4): linkhdr_append.
 *
 *   link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
 *   link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
 *
 * written as `<target>; name=value; name` with no BWS (RFC 9110 §5.6.3:
 * senders do not generate it), and `, ` before the link when the header value
 * already holds something.
 *
 * Two phases: the first validates every input byte and adds up the length of
 * the output as it goes (each value's form fixes its length: a token as it
 * is, a quoted-string plus its quotes and escapes, an ext-value plus its
 * %XX); the second writes. Nothing is written unless the whole link is valid
 * and fits with its NUL. The fuzz_build harness checks that the length
 * reported is exactly the length written, on every input it tries. */
#include "internal.h"
#include "span.h"

#include <assert.h>
#include <string.h>

/* How a parameter's value goes out. */
enum value_form {
  FORM_NONE,   /* value == NULL: `; name` */
  FORM_TOKEN,  /* `; name=value` */
  FORM_QUOTED, /* `; name="va\"lue"` */
  FORM_EXT     /* `; name*=UTF-8''%E2%82%AC` (RFC 8187) */
};

/* Lengths add up with a check: only absurd inputs (an ext-value near
 * SIZE_MAX / 3 bytes) could overflow size_t, and then the call reports
 * LINKHDR_E_NOSPACE with needed = SIZE_MAX instead of wrapping. */
static void grow(size_t *total, size_t n, int *overflow) {
  if (n > (size_t)-1 - *total) *overflow = 1;
  else *total += n;
}

/* Names, tokens and most targets are a few bytes to a few dozen: copy
 * those with fixed-size (overlapping) moves, which compile to plain loads
 * and stores, rather than a call to memcpy per piece. */
static uchar *put_bytes(uchar *o, const uchar *s, size_t n) {
  if (n >= 8 && n <= 16) {
    memcpy(o, s, 8);
    memcpy(o + n - 8, s + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    memcpy(o, s, 4);
    memcpy(o + n - 4, s + n - 4, 4);
  } else if (n < 4) {
    if (n) {
      o[0] = s[0];
      o[n / 2] = s[n / 2];
      o[n - 1] = s[n - 1];
    }
  } else {
    memcpy(o, s, n);
  }
  return o + n;
}

/* LINKHDR_NTS means "NUL-terminated" (the caller guarantees s != NULL). */
static size_t length_of(const char *s, size_t n) { return n == LINKHDR_NTS ? strlen(s) : n; }

/* Offset of the first control byte (00-1F, 7F) in s[0 .. n), or n. Control
 * bytes are refused before anything else: they are how header injection
 * (CR LF) and truncation (NUL) happen, so they get their own code. */
static size_t first_ctl(const uchar *s, size_t n) { return n ? (size_t)(find_ctl(s, s + n) - s) : 0; }

static int is_token(const uchar *s, size_t n) { return n > 0 && span_tchar(s, s + n) == s + n; }

/* A name ending in '*' takes an RFC 8187 ext-value, "*" itself included: the
 * parser reads every such name that way (RFC 8288 App. B.2 step 15). */
static int is_ext_name(const uchar *name, size_t n) { return n > 0 && name[n - 1] == '*'; }

/* Record an error in *err (if given) and return its code. */
static int fail(linkhdr_error *err, int code, size_t item, size_t offset) {
  if (err) {
    err->code = code;
    err->offset = offset;
    err->item = item;
    err->needed = 0;
  }
  return code;
}

/* ---- phase 1: validation and length ------------------------------------ */

/* "<" URI-Reference ">": the target must be a whole URI-Reference, or with
 * LINKHDR_BUILD_PCT_ENCODE anything without control bytes (the encoder makes
 * it one). A '>' can never be part of a URI-Reference, so it can never close
 * the target early. *out_n is the length the target takes between < and >. */
static int check_target(const uchar *s, size_t n, unsigned flags, size_t *off, size_t *out_n) {
  size_t stop;
  int rc;
  *out_n = n;
  if (!(flags & LINKHDR_BUILD_PCT_ENCODE)) {
    /* The usual target is a path-absolute ("/assets/app.css"): after a '/'
     * that does not start "//", any run of pchar / "/" / "?" is one. A valid
     * URI-Reference holds no control byte, so a target accepted here or by
     * the full scan needs no control-byte check (which takes precedence, so
     * it runs first when the scan refuses the target). */
    if (n >= 1 && s[0] == '/' && (n == 1 || s[1] != '/') && span_pchar(s + 1, s + n) == s + n)
      return *off = n, LINKHDR_OK;
    if (linkhdr__uri_scan(s, n, &stop) == 0 && stop == n) return *off = n, LINKHDR_OK;
  }
  if ((*off = first_ctl(s, n)) < n) return LINKHDR_E_CTL;
  if (flags & LINKHDR_BUILD_PCT_ENCODE) {
    /* counting call: cannot fail, control bytes are refused above */
    (void)linkhdr__uri_encode(s, n, NULL, out_n, &stop);
    return LINKHDR_OK;
  }
  rc = linkhdr__uri_scan(s, n, &stop);
  *off = stop;
  if (rc != 0) return rc;
  return stop < n ? LINKHDR_E_TARGET_CHAR : LINKHDR_OK;
}

/* token = 1*tchar; an empty name is reported at offset 0. */
static int check_name(const uchar *s, size_t n, size_t *off) {
  size_t i;
  if (n == 0) return *off = 0, LINKHDR_E_NAME; /* s may be NULL */
  i = (size_t)(span_tchar(s, s + n) - s);
  if (i == n) return *off = 0, LINKHDR_OK; /* a token holds no control byte */
  if ((*off = first_ctl(s, n)) < n) return LINKHDR_E_CTL;
  *off = i;
  return LINKHDR_E_NAME;
}

/* A value's text, and the form and length it goes out in. Every byte except
 * the control bytes can be written as a token or inside a quoted-string
 * (obs-text included); an ext-value's text must be UTF-8. Control bytes are
 * refused even in ext-values, where %XX could carry them: the contract
 * refuses them everywhere, so no header linkhdr builds ever smuggles CR, LF
 * or NUL to a decoding recipient. */
static int check_value(const uchar *s, size_t n, int ext, size_t *off, uchar *form,
                       size_t *out_n) {
  const uchar *end = s + n, *q;
  size_t extra = 0;
  *off = 0;
  if (!ext && is_token(s, n)) { /* the usual value: no control byte */
    *form = FORM_TOKEN;
    *out_n = n;
    return LINKHDR_OK;
  }
  if ((*off = first_ctl(s, n)) < n) return LINKHDR_E_CTL;
  if (ext) {
    size_t i;
    if ((*off = linkhdr__utf8_check(s, n)) < n) return LINKHDR_E_EXT_UTF8;
    *off = 0;
    for (i = 0; i < n; i++) extra += LH_IS(s[i], LH_ATTR) ? 0 : 2; /* c -> %XX */
    *form = FORM_EXT;
    *out_n = (sizeof "UTF-8''" - 1) + n;
  } else {
    for (q = s; (q = find2(q, end, '"', '\\')) < end; q++) extra++; /* c -> \c */
    *form = FORM_QUOTED;
    *out_n = 2 + n;
  }
  if (extra > (size_t)-1 - *out_n) *out_n = (size_t)-1; /* only absurd inputs: see grow() */
  else *out_n += extra;
  return LINKHDR_OK;
}

static enum value_form form_of(const uchar *name, size_t name_n, const uchar *v, size_t n) {
  if (!v) return FORM_NONE;
  if (is_ext_name(name, name_n)) return FORM_EXT;
  return is_token(v, n) ? FORM_TOKEN : FORM_QUOTED;
}

/* The forms validate() found for the first FORMS_KEPT attrs, so that the
 * writer does not classify each value again; later attrs (rare) are
 * classified again by form_of(). */
#define FORMS_KEPT 32
struct forms {
  uchar form[FORMS_KEPT];
};

/* Every argument and every input byte, in order: target, then each attr's
 * name and value. The first problem found is the one reported. On success
 * *total is the header value's length after the append (overflow set when
 * it does not fit in size_t). */
static int validate(const char *target, size_t target_n, const linkhdr_attr *attrs,
                    size_t nattrs, unsigned flags, linkhdr_error *err, struct forms *f,
                    size_t *total, int *overflow) {
  size_t i, off, out_n;
  int rc;
  if ((rc = check_target((const uchar *)target, target_n, flags, &off, &out_n)) != LINKHDR_OK)
    return fail(err, rc, 0, off);
  grow(total, out_n, overflow);
  grow(total, 2, overflow); /* < > */
  for (i = 0; i < nattrs; i++) {
    const linkhdr_attr *a = &attrs[i];
    const uchar *name = (const uchar *)a->name;
    size_t name_n;
    uchar form = FORM_NONE;
    if (!name && a->name_len != 0) return fail(err, LINKHDR_E_ARG, i + 1, 0);
    name_n = name ? length_of(a->name, a->name_len) : 0;
    if ((rc = check_name(name, name_n, &off)) != LINKHDR_OK) return fail(err, rc, i + 1, off);
    grow(total, name_n, overflow);
    grow(total, 2, overflow); /* "; " */
    if (a->value) {
      rc = check_value((const uchar *)a->value, length_of(a->value, a->value_len),
                       is_ext_name(name, name_n), &off, &form, &out_n);
      if (rc != LINKHDR_OK) return fail(err, rc, i + 1, off);
      grow(total, out_n, overflow);
      grow(total, 1, overflow); /* = */
    }
    if (i < FORMS_KEPT) f->form[i] = form;
  }
  return LINKHDR_OK;
}

/* ---- phase 2: writing what phase 1 measured ----------------------------- */

/* quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; only '"' and '\'
 * need a quoted-pair (RFC 9110 §5.6.4: senders escape nothing else). */
static uchar *put_quoted_string(uchar *o, const uchar *s, size_t n) {
  const uchar *end = s + n;
  *o++ = '"';
  for (;;) { /* runs of qdtext copied whole, each '"' / '\\' after a '\\' */
    const uchar *q = find2(s, end, '"', '\\');
    o = put_bytes(o, s, (size_t)(q - s));
    if (q == end) break;
    *o++ = '\\';
    *o++ = *q;
    s = q + 1;
  }
  *o++ = '"';
  return o;
}

/* ext-value = charset "'" [ language ] "'" value-chars, always UTF-8 with no
 * language; attr-char bytes go as they are, every other byte as %XX. The
 * result is a token, so it is written unquoted (RFC 8187 forbids quoting). */
static uchar *put_ext_value(uchar *o, const uchar *s, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  size_t i;
  o = put_bytes(o, (const uchar *)"UTF-8''", sizeof "UTF-8''" - 1);
  for (i = 0; i < n; i++) {
    if (LH_IS(s[i], LH_ATTR)) {
      *o++ = s[i];
    } else {
      *o++ = '%';
      *o++ = (uchar)hex[s[i] >> 4];
      *o++ = (uchar)hex[s[i] & 15];
    }
  }
  return o;
}

static uchar *put_link_param(uchar *o, const linkhdr_attr *a, int form) {
  const uchar *name = (const uchar *)a->name, *v = (const uchar *)a->value;
  size_t name_n = name ? length_of(a->name, a->name_len) : 0;
  size_t n = v ? length_of(a->value, a->value_len) : 0;
  *o++ = ';';
  *o++ = ' ';
  o = put_bytes(o, name, name_n);
  switch (form >= 0 ? (enum value_form)form : form_of(name, name_n, v, n)) {
  case FORM_NONE:
    return o;
  case FORM_TOKEN:
    *o++ = '=';
    return put_bytes(o, v, n);
  case FORM_QUOTED:
    *o++ = '=';
    return put_quoted_string(o, v, n);
  case FORM_EXT:
    *o++ = '=';
    return put_ext_value(o, v, n);
  }
  return o;
}

static uchar *put_link_value(uchar *o, int first, const uchar *target, size_t target_n,
                             const linkhdr_attr *attrs, size_t nattrs, unsigned flags,
                             const struct forms *f) {
  size_t i;
  if (!first) {
    *o++ = ',';
    *o++ = ' ';
  }
  *o++ = '<';
  if (flags & LINKHDR_BUILD_PCT_ENCODE) {
    size_t n = 0, erroff;
    (void)linkhdr__uri_encode(target, target_n, o, &n, &erroff); /* checked in phase 1 */
    o += n;
  } else {
    o = put_bytes(o, target, target_n);
  }
  *o++ = '>';
  for (i = 0; i < nattrs; i++) o = put_link_param(o, &attrs[i], i < FORMS_KEPT ? f->form[i] : -1);
  return o;
}

/* ---- the public function ------------------------------------------------ */

int linkhdr_append(char *buf, size_t cap, size_t *len, const char *target, size_t target_len,
                   const linkhdr_attr *attrs, size_t nattrs, unsigned flags, linkhdr_error *err) {
  struct forms f;
  size_t target_n, total;
  int rc, overflow = 0;
  uchar *end;

  if (!len || (!buf && cap > 0) || *len > cap || (!target && target_len != 0) ||
      (!attrs && nattrs > 0))
    return fail(err, LINKHDR_E_ARG, 0, 0);
  /* A NULL target (length 0) is the empty reference; give the scanners a
   * real pointer, since even NULL + 0 is undefined. */
  if (!target) target = "";
  target_n = length_of(target, target_len);
  total = *len;
  if (*len != 0) grow(&total, 2, &overflow); /* ", " */
  if ((rc = validate(target, target_n, attrs, nattrs, flags, err, &f, &total, &overflow)) !=
      LINKHDR_OK)
    return rc;
  /* *len == cap is legal (a "how big?" call with cap 0, or a full buffer):
   * it simply has no room for the NUL. */
  if (overflow || total >= cap) {
    rc = fail(err, LINKHDR_E_NOSPACE, 0, 0);
    if (err) err->needed = overflow ? (size_t)-1 : total;
    return rc;
  }
  end = put_link_value((uchar *)buf + *len, *len == 0, (const uchar *)target, target_n, attrs,
                       nattrs, flags, &f);
  /* phase 1's length is the one checked against the capacity (the tests and
   * fuzz_build check it on every input they build) */
  assert((size_t)(end - (uchar *)buf) == total);
  (void)end;
  buf[total] = '\0';
  *len = total;
  if (err) {
    err->code = LINKHDR_OK;
    err->offset = 0;
    err->item = 0;
    err->needed = total;
  }
  return LINKHDR_OK;
}
