/* The builder (include/linkhdr.h §4): linkhdr_append.
 *
 *   link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
 *   link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
 *
 * written as `<target>; name=value; name` with no BWS (RFC 9110 §5.6.3:
 * senders do not generate it), and `, ` before the link when the header value
 * already holds something.
 *
 * Two phases: the first validates every input byte and measures the output
 * with the same emitter that the second uses to write, so the length that is
 * checked against the capacity is the length that gets written. Nothing is
 * written unless the whole link is valid and fits with its NUL. */
#include "internal.h"
#include "span.h"

#include <string.h>

/* How a parameter's value goes out. */
enum value_form {
  FORM_NONE,   /* value == NULL: `; name` */
  FORM_TOKEN,  /* `; name=value` */
  FORM_QUOTED, /* `; name="va\"lue"` */
  FORM_EXT     /* `; name*=UTF-8''%E2%82%AC` (RFC 8187) */
};

/* Output: counts always, writes only when `out` is set. `overflow` records a
 * length that does not fit in size_t (only possible with absurd inputs). */
struct sink {
  uchar *out;
  size_t len;
  int overflow;
};

static void grow(struct sink *k, size_t n) {
  if (n > (size_t)-1 - k->len) k->overflow = 1;
  else k->len += n;
}

static void put(struct sink *k, uchar c) {
  if (k->out && !k->overflow) k->out[k->len] = c;
  grow(k, 1);
}

static void put_bytes(struct sink *k, const uchar *s, size_t n) {
  if (k->out && !k->overflow && n) memcpy(k->out + k->len, s, n);
  grow(k, n);
}

static void put_str(struct sink *k, const char *s) { put_bytes(k, (const uchar *)s, strlen(s)); }

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

/* ---- phase 1: validation ------------------------------------------------ */

/* "<" URI-Reference ">": the target must be a whole URI-Reference, or with
 * LINKHDR_BUILD_PCT_ENCODE anything without control bytes (the encoder makes
 * it one). A '>' can never be part of a URI-Reference, so it can never close
 * the target early. */
static int check_target(const uchar *s, size_t n, unsigned flags, size_t *off) {
  size_t stop;
  int rc;
  /* A whole URI-Reference holds no control byte, so the usual valid target
   * needs only the scan; the control-byte check, which takes precedence,
   * runs when the scan refuses it. */
  if (!(flags & LINKHDR_BUILD_PCT_ENCODE) && linkhdr__uri_scan(s, n, &stop) == 0 && stop == n)
    return *off = n, LINKHDR_OK;
  if ((*off = first_ctl(s, n)) < n) return LINKHDR_E_CTL;
  if (flags & LINKHDR_BUILD_PCT_ENCODE) return LINKHDR_OK;
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
  if (n > 0 && i == n) return *off = 0, LINKHDR_OK; /* a token holds no control byte */
  if ((*off = first_ctl(s, n)) < n) return LINKHDR_E_CTL;
  *off = i < n ? i : 0;
  return LINKHDR_E_NAME;
}

/* A value's text. Every byte except the control bytes can be written as a
 * token or inside a quoted-string (obs-text included); an ext-value's text
 * must be UTF-8. Control bytes are refused even in ext-values, where %XX
 * could carry them: the contract refuses them everywhere, so no header
 * linkhdr builds ever smuggles CR, LF or NUL to a decoding recipient. */
/* check_value()'s LINKHDR_OK for a value that is a token (so FORM_TOKEN) */
#define FORM_TOKEN_OK 1

static int check_value(const uchar *s, size_t n, int ext, size_t *off) {
  if (!ext && is_token(s, n)) return *off = 0, FORM_TOKEN_OK; /* the usual value: no control byte */
  if ((*off = first_ctl(s, n)) < n) return LINKHDR_E_CTL;
  if (ext && (*off = linkhdr__utf8_check(s, n)) < n) return LINKHDR_E_EXT_UTF8;
  *off = 0;
  return LINKHDR_OK;
}

static enum value_form form_of(const uchar *name, size_t name_n, const uchar *v, size_t n) {
  if (!v) return FORM_NONE;
  if (is_ext_name(name, name_n)) return FORM_EXT;
  return is_token(v, n) ? FORM_TOKEN : FORM_QUOTED;
}

/* ---- the emitter (counts in phase 1, writes in phase 2) ----------------- */

static void put_target(struct sink *k, const uchar *s, size_t n, unsigned flags) {
  put(k, '<');
  if (flags & LINKHDR_BUILD_PCT_ENCODE) {
    size_t len = 0, erroff;
    /* Cannot fail: control bytes were refused in phase 1. */
    (void)linkhdr__uri_encode(s, n, k->out && !k->overflow ? k->out + k->len : NULL, &len,
                              &erroff);
    grow(k, len);
  } else {
    put_bytes(k, s, n);
  }
  put(k, '>');
}

/* quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; only '"' and '\'
 * need a quoted-pair (RFC 9110 §5.6.4: senders escape nothing else). */
static void put_quoted_string(struct sink *k, const uchar *s, size_t n) {
  const uchar *end = s + n;
  put(k, '"');
  for (;;) { /* runs of qdtext copied whole, each '"' / '\\' after a '\\' */
    const uchar *q = find2(s, end, '"', '\\');
    put_bytes(k, s, (size_t)(q - s));
    if (q == end) break;
    put(k, '\\');
    put(k, *q);
    s = q + 1;
  }
  put(k, '"');
}

/* ext-value = charset "'" [ language ] "'" value-chars, always UTF-8 with no
 * language; attr-char bytes go as they are, every other byte as %XX. The
 * result is a token, so it is written unquoted (RFC 8187 forbids quoting). */
static void put_ext_value(struct sink *k, const uchar *s, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  size_t i;
  put_str(k, "UTF-8''");
  for (i = 0; i < n; i++) {
    if (LH_IS(s[i], LH_ATTR)) {
      put(k, s[i]);
    } else {
      put(k, '%');
      put(k, (uchar)hex[s[i] >> 4]);
      put(k, (uchar)hex[s[i] & 15]);
    }
  }
}

/* The forms validate() found for the first FORMS_KEPT attrs, so that the
 * measure and write passes do not classify each value again; later attrs
 * (rare) are classified again by form_of(). */
#define FORMS_KEPT 32
struct forms {
  uchar form[FORMS_KEPT];
};

static void put_link_param(struct sink *k, const linkhdr_attr *a, int form) {
  const uchar *name = (const uchar *)a->name, *v = (const uchar *)a->value;
  size_t name_n = name ? length_of(a->name, a->name_len) : 0;
  size_t n = v ? length_of(a->value, a->value_len) : 0;
  put_str(k, "; ");
  put_bytes(k, name, name_n);
  switch (form >= 0 ? (enum value_form)form : form_of(name, name_n, v, n)) {
  case FORM_NONE:
    return;
  case FORM_TOKEN:
    put(k, '=');
    put_bytes(k, v, n);
    return;
  case FORM_QUOTED:
    put(k, '=');
    put_quoted_string(k, v, n);
    return;
  case FORM_EXT:
    put(k, '=');
    put_ext_value(k, v, n);
    return;
  }
}

static void put_link_value(struct sink *k, int first, const uchar *target, size_t target_n,
                           const linkhdr_attr *attrs, size_t nattrs, unsigned flags,
                           const struct forms *f) {
  size_t i;
  if (!first) put_str(k, ", ");
  put_target(k, target, target_n, flags);
  for (i = 0; i < nattrs; i++) put_link_param(k, &attrs[i], i < FORMS_KEPT ? f->form[i] : -1);
}

/* ---- the public function ------------------------------------------------ */

/* Every argument and every input byte, in order: target, then each attr's
 * name and value. The first problem found is the one reported. */
static int validate(const char *target, size_t target_n, const linkhdr_attr *attrs,
                    size_t nattrs, unsigned flags, linkhdr_error *err, struct forms *f) {
  size_t i, off;
  int rc;
  if ((rc = check_target((const uchar *)target, target_n, flags, &off)) != LINKHDR_OK)
    return fail(err, rc, 0, off);
  for (i = 0; i < nattrs; i++) {
    const linkhdr_attr *a = &attrs[i];
    const uchar *name = (const uchar *)a->name;
    size_t name_n, n;
    if (!name && a->name_len != 0) return fail(err, LINKHDR_E_ARG, i + 1, 0);
    name_n = name ? length_of(a->name, a->name_len) : 0;
    if ((rc = check_name(name, name_n, &off)) != LINKHDR_OK) return fail(err, rc, i + 1, off);
    if (!a->value) {
      if (i < FORMS_KEPT) f->form[i] = FORM_NONE;
      continue;
    }
    n = length_of(a->value, a->value_len);
    rc = check_value((const uchar *)a->value, n, is_ext_name(name, name_n), &off);
    if (rc != LINKHDR_OK && rc != FORM_TOKEN_OK) return fail(err, rc, i + 1, off);
    if (i < FORMS_KEPT)
      f->form[i] = is_ext_name(name, name_n) ? FORM_EXT : rc == FORM_TOKEN_OK ? FORM_TOKEN : FORM_QUOTED;
  }
  return LINKHDR_OK;
}

int linkhdr_append(char *buf, size_t cap, size_t *len, const char *target, size_t target_len,
                   const linkhdr_attr *attrs, size_t nattrs, unsigned flags, linkhdr_error *err) {
  struct sink k;
  struct forms f;
  size_t target_n;
  int rc;

  if (!len || (!buf && cap > 0) || *len > cap || (!target && target_len != 0) ||
      (!attrs && nattrs > 0))
    return fail(err, LINKHDR_E_ARG, 0, 0);
  /* A NULL target (length 0) is the empty reference; give the scanners a
   * real pointer, since even NULL + 0 is undefined. */
  if (!target) target = "";
  target_n = length_of(target, target_len);
  if ((rc = validate(target, target_n, attrs, nattrs, flags, err, &f)) != LINKHDR_OK) return rc;

  /* Phase 1, continued: measure. *len == cap is legal (a "how big?" call
   * with cap 0, or a full buffer): it simply has no room for the NUL. */
  k.out = NULL;
  k.len = *len;
  k.overflow = 0;
  put_link_value(&k, *len == 0, (const uchar *)target, target_n, attrs, nattrs, flags, &f);
  if (k.overflow || k.len >= cap) {
    rc = fail(err, LINKHDR_E_NOSPACE, 0, 0);
    if (err) err->needed = k.overflow ? (size_t)-1 : k.len;
    return rc;
  }

  /* Phase 2: write what was measured, then the NUL. */
  k.out = (uchar *)buf;
  k.len = *len;
  put_link_value(&k, *len == 0, (const uchar *)target, target_n, attrs, nattrs, flags, &f);
  buf[k.len] = '\0';
  *len = k.len;
  if (err) {
    err->code = LINKHDR_OK;
    err->offset = 0;
    err->item = 0;
    err->needed = k.len;
  }
  return LINKHDR_OK;
}
