/*
 * linkhdr — build and parse HTTP Link header values (RFC 8288).
 *
 * One public header, grouped by layer, lowest first:
 *   1. status codes and errors
 *   2. the link-value iterator (strict RFC 8288 §3 grammar, or lenient App. B)
 *   3. value decoding (quoted-pair, RFC 8187 ext-value)
 *   4. the builder (linkhdr_append)
 *
 * Nothing in this library allocates. Parsed values are views into the caller's
 * bytes; decoding and building write into caller buffers. No input needs a NUL
 * terminator, and no function reads outside the bytes it was given.
 *
 * MIT licensed; see LICENSE.
 */
#ifndef LINKHDR_H
#define LINKHDR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(LINKHDR_SHARED_BUILD)
#define LINKHDR_API __declspec(dllexport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define LINKHDR_API __attribute__((visibility("default")))
#else
#define LINKHDR_API
#endif

#define LINKHDR_VERSION_MAJOR 0
#define LINKHDR_VERSION_MINOR 1
#define LINKHDR_VERSION_PATCH 0
#define LINKHDR_VERSION "0.1.0"

/* ======================================================================
 * 1. Status codes and errors
 * ====================================================================== */

/*
 * Every function returns one of these. The values are part of the ABI: they
 * are never renumbered and a retired code is never reused. Negative = error.
 */
enum linkhdr_status {
  LINKHDR_OK = 0,
  LINKHDR_DONE = 1, /* an iterator has nothing more to give */

  /* -- syntax errors from the parser (and the builder's target check) -- */
  LINKHDR_E_EXPECTED_LINK = -1,       /* a link-value must start with '<' */
  LINKHDR_E_TARGET_UNTERMINATED = -2, /* the target has no closing '>' */
  LINKHDR_E_TARGET_CHAR = -3,         /* byte not allowed in a URI-Reference */
  LINKHDR_E_TARGET_PCT = -4,          /* '%' not followed by two hex digits */
  LINKHDR_E_TARGET_FRAGMENT = -5,     /* a second '#' */
  LINKHDR_E_TARGET_BRACKET = -6,      /* '[' or ']' outside an IP literal */
  LINKHDR_E_TARGET_COLON = -7,        /* ':' in the first segment of a relative reference */
  LINKHDR_E_TARGET_AUTHORITY = -8,    /* bad userinfo, host, IP literal or port */
  LINKHDR_E_EXPECTED_SEPARATOR = -9,  /* expected ';', ',' or the end of the value */
  LINKHDR_E_EXPECTED_NAME = -10,      /* expected a parameter name (token) after ';' */
  LINKHDR_E_EXPECTED_VALUE = -11,     /* expected a token or quoted-string after '=' */
  LINKHDR_E_QUOTE_UNTERMINATED = -12, /* quoted-string has no closing '"' */
  LINKHDR_E_QUOTE_CHAR = -13,         /* control byte or DEL in a quoted-string */
  LINKHDR_E_EXT_SYNTAX = -14,         /* malformed RFC 8187 ext-value (name ending in '*') */
  LINKHDR_E_EXT_CHARSET = -15,        /* ext-value charset is neither UTF-8 nor ISO-8859-1 */
  LINKHDR_E_EXT_UTF8 = -16,           /* ext-value bytes are not valid UTF-8 */
  LINKHDR_E_EXT_LANGUAGE = -17,       /* ext-value language is not an RFC 5646 tag */

  /* -- caller errors -- */
  LINKHDR_E_NOSPACE = -30, /* the output buffer is too small; nothing was written */
  LINKHDR_E_ARG = -31,     /* invalid argument (NULL pointer, length beyond capacity, ...) */
  LINKHDR_E_NAME = -32,    /* builder: parameter name is not a token */
  LINKHDR_E_CTL = -33      /* builder: control byte (CR, LF, NUL, HTAB, DEL, ...) in input */
};

/*
 * Where something went wrong.
 *   code    LINKHDR_OK or a LINKHDR_E_* value.
 *   offset  parser: byte offset within field line `item` of the first byte at
 *           which the input stops being the prefix of any valid value (the
 *           line's length when it ends too early);
 *           decoder: byte offset within the value given;
 *           builder: byte offset within the offending target, name or value.
 *   item    parser: index of the field line (0-based);
 *           builder: 0 = the target, i + 1 = attrs[i].
 *   needed  builder: the header value's length after a successful append
 *           (excluding the terminating NUL). Set on LINKHDR_OK and on
 *           LINKHDR_E_NOSPACE; 0 otherwise.
 */
typedef struct linkhdr_error {
  int code;
  size_t offset;
  size_t item;
  size_t needed;
} linkhdr_error;

/* A static English message for any status code ("unknown status" otherwise). */
LINKHDR_API const char *linkhdr_strerror(int code);

/* The code's stable name without prefix, e.g. "TARGET_CHAR", "OK", "DONE";
 * NULL for an unknown code. Used by the conformance data and tools. */
LINKHDR_API const char *linkhdr_code_name(int code);

/* ======================================================================
 * 2. The link-value iterator
 * ====================================================================== */

/* A view into caller memory: `len` bytes at `base`, no NUL terminator. */
typedef struct linkhdr_view {
  const char *base;
  size_t len;
} linkhdr_view;

/*
 * Parser flags. Strict (0) is the default and enforces RFC 8288 §3 with the
 * RFC 9110 list, token and quoted-string rules, an RFC 3986 URI-Reference
 * target and RFC 8187 ext-values for names ending in '*'.
 *
 * LINKHDR_LENIENT follows RFC 8288 Appendix B with the project's rules (see
 * README, "Strict and lenient"): it never fails on content; where Appendix B
 * stops, the links produced so far are the result. Security note: lenient
 * accepts targets that are not URIs and values with control bytes — never
 * forward a lenient target or value into another header without rebuilding
 * it with linkhdr_append().
 */
#define LINKHDR_STRICT 0u
#define LINKHDR_LENIENT (1u << 0)

/* How a parameter's value was written. */
enum linkhdr_value_type {
  LINKHDR_VALUE_NONE = 0,   /* no '=': a valueless parameter such as `crossorigin` */
  LINKHDR_VALUE_TOKEN = 1,  /* unquoted; strict: a token; lenient: any bytes up to ';' or ',' */
  LINKHDR_VALUE_QUOTED = 2  /* a quoted-string; the view excludes the quotes */
};

/* linkhdr_param.flags */
#define LINKHDR_PARAM_ESCAPED (1u << 0)      /* quoted value holds '\' escapes: decode it */
#define LINKHDR_PARAM_EXT (1u << 1)          /* name ends in '*': an RFC 8187 ext-value */
#define LINKHDR_PARAM_UNTERMINATED (1u << 2) /* lenient: the quoted-string ran to the end */

/* One link-value. */
typedef struct linkhdr_link {
  linkhdr_view target; /* the URI-Reference between '<' and '>', exactly as written */
  size_t offset;       /* offset of '<' within its field line */
  size_t line;         /* index of the field line it came from */
} linkhdr_link;

/* One link-param, in the order written (duplicates included). */
typedef struct linkhdr_param {
  linkhdr_view name;   /* as written (compare case-insensitively) */
  linkhdr_view value;  /* token as written, or quoted-string content without the
                          quotes and with escapes still in; empty when type is NONE */
  size_t offset;       /* offset of the name within its field line */
  int type;            /* enum linkhdr_value_type */
  unsigned flags;      /* LINKHDR_PARAM_* */
  int ext_error;       /* lenient, LINKHDR_PARAM_EXT only: 0 if the value decodes,
                          else the LINKHDR_E_EXT_* code (strict fails instead) */
} linkhdr_param;

/*
 * The parser state. Lives on the caller's stack; its fields are private and
 * may change between versions. It holds pointers into the caller's input,
 * which must stay valid and unchanged while the parser is used.
 */
typedef struct linkhdr_parser {
  const unsigned char *pos_, *end_, *line_start_, *link_start_;
  const linkhdr_view *lines_;
  size_t nlines_, line_;
  linkhdr_view one_line_;
  unsigned flags_;
  int state_;
  linkhdr_error err_;
} linkhdr_parser;

/*
 * Prepare to parse one field value of `len` bytes at `data` (no NUL needed;
 * `data` may be NULL when `len` is 0). Leading and trailing OWS are ignored
 * (RFC 9110 §5.5). `flags`: LINKHDR_STRICT or LINKHDR_LENIENT.
 */
LINKHDR_API void linkhdr_parser_init(linkhdr_parser *p, const char *data, size_t len,
                                     unsigned flags);

/*
 * Prepare to parse a header's Link field lines, in order (RFC 9110 §5.3,
 * RFC 8288 App. B.1). Each line is parsed on its own: a link-value never
 * spans two lines, and a lenient stop in one line does not hide the next.
 * `lines` must stay valid while the parser is used.
 */
LINKHDR_API void linkhdr_parser_init_lines(linkhdr_parser *p, const linkhdr_view *lines,
                                           size_t nlines, unsigned flags);

/*
 * Advance to the next link-value; any parameters of the current one that the
 * caller did not read are skipped (and still validated).
 *   LINKHDR_OK    *link is filled in.
 *   LINKHDR_DONE  no more link-values in any line.
 *   < 0           a syntax error (strict only); linkhdr_parser_error() tells
 *                 the code, line and offset. The error is sticky: every later
 *                 call returns it again until linkhdr_recover().
 */
LINKHDR_API int linkhdr_next_link(linkhdr_parser *p, linkhdr_link *link);

/*
 * Advance to the next parameter of the current link-value.
 *   LINKHDR_OK    *param is filled in.
 *   LINKHDR_DONE  the current link-value has no more parameters (also when no
 *                 link is current).
 *   < 0           a syntax error, as for linkhdr_next_link().
 */
LINKHDR_API int linkhdr_next_param(linkhdr_parser *p, linkhdr_param *param);

/*
 * Per-link recovery. Abandon the current (usually failed) link-value and
 * resume after the next comma that is outside a quoted-string and outside
 * '<...>', scanning again from the start of that link-value so that a comma
 * inside a quoted-string can never start a new link. Clears a pending error.
 *   LINKHDR_OK    the next linkhdr_next_link() continues from there (it may
 *                 return LINKHDR_DONE if nothing follows).
 */
LINKHDR_API int linkhdr_recover(linkhdr_parser *p);

/* The last error (code LINKHDR_OK if none). */
LINKHDR_API linkhdr_error linkhdr_parser_error(const linkhdr_parser *p);

/* ASCII case-insensitive comparison of a view with a NUL-terminated string.
 * Returns 1 if equal, else 0. */
LINKHDR_API int linkhdr_view_eq(linkhdr_view v, const char *s);

/* ======================================================================
 * 3. Value decoding
 * ====================================================================== */

/* RFC 8187 charsets that linkhdr decodes (linkhdr_ext_info.charset). */
enum linkhdr_charset {
  LINKHDR_CHARSET_UTF8 = 1,
  LINKHDR_CHARSET_ISO_8859_1 = 2
};

/* The parts of an ext-value: charset'language'value-chars. */
typedef struct linkhdr_ext_info {
  int charset;           /* enum linkhdr_charset */
  linkhdr_view language; /* may be empty */
} linkhdr_ext_info;

/*
 * Remove quoted-pairs: `\x` becomes `x` (RFC 9110 §5.6.4); a lone trailing
 * `\` (possible only in lenient input) is dropped. Writes at most `len` bytes:
 * a buffer of `len` bytes always suffices.
 *   LINKHDR_OK         *outlen = bytes written.
 *   LINKHDR_E_NOSPACE  cap too small; nothing written.
 *   LINKHDR_E_ARG      NULL pointer.
 */
LINKHDR_API int linkhdr_unescape(const char *src, size_t len, char *dst, size_t cap,
                                 size_t *outlen);

/*
 * Decode an RFC 8187 ext-value `charset'[language]'value-chars` into UTF-8.
 * The charset is matched case-insensitively; UTF-8 and ISO-8859-1 are known.
 * Writes at most `len` bytes: a buffer of `len` bytes always suffices.
 * `info` and `err` may be NULL; err->offset is relative to `src`.
 *   LINKHDR_OK              *outlen = bytes written, *info filled.
 *   LINKHDR_E_EXT_SYNTAX    not charset'language'value-chars, or bad %XX.
 *   LINKHDR_E_EXT_CHARSET   charset other than UTF-8 / ISO-8859-1.
 *   LINKHDR_E_EXT_LANGUAGE  the language is not an RFC 5646 Language-Tag.
 *   LINKHDR_E_EXT_UTF8      UTF-8 charset but the bytes are not valid UTF-8.
 *   LINKHDR_E_NOSPACE       cap too small; nothing written.
 *   LINKHDR_E_ARG           NULL pointer.
 * On any error nothing is written to dst. Decoding in place (dst == src) is
 * allowed; info->language then points into bytes that were overwritten.
 */
LINKHDR_API int linkhdr_ext_decode(const char *src, size_t len, char *dst, size_t cap,
                                   size_t *outlen, linkhdr_ext_info *info,
                                   linkhdr_error *err);

/*
 * A parameter's value as text: quoted-pairs removed, and for names ending in
 * '*' the ext-value decoded to UTF-8. For a lenient ext-value that does not
 * decode (param->ext_error != 0) the unescaped raw value is written instead.
 * A NONE value writes nothing (*outlen = 0). Needs at most param->value.len
 * bytes.
 *   LINKHDR_OK, LINKHDR_E_NOSPACE (nothing written), LINKHDR_E_ARG.
 */
LINKHDR_API int linkhdr_param_value(const linkhdr_param *param, char *dst, size_t cap,
                                    size_t *outlen);

/* ======================================================================
 * 4. The builder
 * ====================================================================== */

/* "This string is NUL-terminated": use in place of a length. */
#define LINKHDR_NTS ((size_t)-1)

/* A parameter to write. value == NULL makes a valueless parameter. */
typedef struct linkhdr_attr {
  const char *name;
  size_t name_len;   /* or LINKHDR_NTS */
  const char *value;
  size_t value_len;  /* or LINKHDR_NTS; ignored when value == NULL */
} linkhdr_attr;

#define LINKHDR_PARAM(name, value) { (name), LINKHDR_NTS, (value), LINKHDR_NTS }
#define LINKHDR_FLAG(name) { (name), LINKHDR_NTS, NULL, 0 }

/* Builder flags. */
#define LINKHDR_BUILD_PCT_ENCODE (1u << 0) /* percent-encode target bytes that a
                                              URI-Reference does not allow (SP, '"',
                                              '<', '>', non-ASCII, ...) instead of
                                              refusing them; control bytes are still
                                              refused */

/*
 * Append one link-value to the header value held in buf[0 .. *len), writing
 * ", " first when *len > 0, then `<target>` and `; name=value` for each attr.
 *
 * Everything is validated before a byte is written:
 *   - the target must be a URI-Reference (RFC 3986) unless
 *     LINKHDR_BUILD_PCT_ENCODE is given;
 *   - names must be tokens; a name ending in '*' takes UTF-8 text that is
 *     written as an RFC 8187 ext-value `UTF-8''%E2%82%AC...`;
 *   - a value is written as a token when it is one, else as a quoted-string
 *     with '"' and '\' escaped; an empty value is written `""`;
 *   - control bytes (including CR, LF, NUL, HTAB and DEL) are refused
 *     everywhere.
 * On success buf[*len] is a NUL, so `cap` must exceed the new length.
 * Whatever is written parses back in strict mode to the same target and
 * parameters.
 *
 *   LINKHDR_OK                 *len updated; err->needed = new *len.
 *   LINKHDR_E_NOSPACE          err->needed = the length it would have had
 *                              (cap must be at least needed + 1).
 *   LINKHDR_E_TARGET_*         the target is not a URI-Reference (err->item 0).
 *   LINKHDR_E_NAME             a name is not a token (err->item = i + 1).
 *   LINKHDR_E_CTL              a control byte in target, name or value.
 *   LINKHDR_E_EXT_UTF8         a '*' parameter's value is not valid UTF-8.
 *   LINKHDR_E_ARG              NULL len; NULL buf with cap > 0; NULL target with
 *                              target_len > 0; NULL name with a length; attrs
 *                              NULL with nattrs > 0; or *len > cap.
 * buf may be NULL with cap 0: a "how big?" call that returns LINKHDR_E_NOSPACE
 * with err->needed. The target, names and values must not overlap
 * buf[*len .. cap). On any error buf and *len are left exactly as they were.
 * `err` may be NULL.
 */
LINKHDR_API int linkhdr_append(char *buf, size_t cap, size_t *len, const char *target,
                               size_t target_len, const linkhdr_attr *attrs,
                               size_t nattrs, unsigned flags, linkhdr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* LINKHDR_H */
