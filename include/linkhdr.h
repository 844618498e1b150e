/*
 * linkhdr — build and parse HTTP Link header values (RFC 8288).
 *
 * One public header, grouped by layer, lowest first:
 *   1. status codes and errors
 *   2. the link-value iterator (strict RFC 8288 §3 grammar, or lenient App. B)
 *   3. value decoding (quoted-pair, RFC 8187 ext-value)
 *   4. the builder (linkhdr_append)
 *   5. preload semantics: URIs, rel/as/crossorigin, lint, 103 Early Hints,
 *      HTTP/2 push paths (built on 2-4 only)
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

/* ======================================================================
 * 5. Preload semantics
 *
 * Built on sections 2-4 only. What a browser preloads, what a server pushes
 * or sends in a 103, and what is wrong with a header. The functions that
 * take a header take its field lines, like linkhdr_parser_init_lines(), and
 * parse them strictly with per-link recovery: a bad link-value never hides
 * the others, and a comma inside a quoted-string never starts a link.
 * ====================================================================== */

/* ---- 5.1 URIs (RFC 3986) ---- */

/*
 * Resolve the URI-Reference `ref` against the absolute URI `base` (RFC 3986
 * §5.2, with remove_dot_segments) into buf, NUL-terminated. A fragment of
 * the base is ignored. Both inputs are checked first (a reference must be
 * an RFC 3986 URI-Reference; the base a URI with a scheme).
 *   LINKHDR_OK          *len = length of the result; buf[*len] is a NUL.
 *   LINKHDR_E_NOSPACE   *len = the length the result needs (cap must be at
 *                       least *len + 1); buf is untouched.
 *   LINKHDR_E_TARGET_*, LINKHDR_E_CTL
 *                       ref (err->item 0) or base (err->item 1) is not a
 *                       URI-Reference; err->offset is where it stops being
 *                       one. buf and *len are untouched.
 *   LINKHDR_E_ARG       NULL len; NULL base or ref with a length; NULL buf
 *                       with cap > 0; or base has no scheme (err->item 1).
 * `err` may be NULL. buf must not overlap the inputs.
 */
LINKHDR_API int linkhdr_resolve(const char *base, size_t base_len, const char *ref,
                                size_t ref_len, char *buf, size_t cap, size_t *len,
                                linkhdr_error *err);

/*
 * Whether two absolute URIs have the same origin: the scheme and the host
 * compared ASCII case-insensitively, the ports numerically, with an absent
 * or empty port meaning 80 for http and 443 for https. Userinfo, path, query
 * and fragment do not matter.
 *   1              same origin.
 *   0              different origins, or either one is not a URI with a
 *                  scheme and a non-empty host.
 *   LINKHDR_E_ARG  NULL pointer with a length.
 */
LINKHDR_API int linkhdr_same_origin(const char *a, size_t a_len, const char *b, size_t b_len);

/* ---- 5.2 Relation types and the preload view of a link ---- */

/*
 * The relation types of a `rel` parameter (RFC 8288 §3.3), one at a time:
 * the value split on runs of SP and HTAB. Start with *pos = 0. For a quoted
 * value with LINKHDR_PARAM_ESCAPED a quoted-pair belongs to the type and the
 * view still holds the '\' (linkhdr_unescape() gives the text).
 *   LINKHDR_OK     *type is the next relation type (never empty).
 *   LINKHDR_DONE   no more types.
 *   LINKHDR_E_ARG  NULL pointer, or *pos beyond the value.
 */
LINKHDR_API int linkhdr_rel_next(const linkhdr_param *rel, size_t *pos, linkhdr_view *type);

/*
 * Whether the `rel` parameter holds the relation type `type` (NUL-
 * terminated). Whole types only (`xpreload` is not `preload`). A type with
 * a ':' is an extension type (a URI) and must match exactly; any other
 * matches ASCII case-insensitively. Quoted-pairs are read as the byte they
 * stand for.
 *   1  it does.
 *   0  it does not, or rel / type is NULL, or rel has no value.
 */
LINKHDR_API int linkhdr_rel_has(const linkhdr_param *rel, const char *type);

/* The HTML preload destinations, as given by `as`. */
enum linkhdr_as {
  LINKHDR_AS_ABSENT = 0,  /* no `as`: a preload fetches nothing */
  LINKHDR_AS_INVALID = 1, /* not a preload destination (`stylesheet`, `font/woff2`, valueless) */
  LINKHDR_AS_FETCH = 2,
  LINKHDR_AS_FONT = 3,
  LINKHDR_AS_IMAGE = 4,
  LINKHDR_AS_SCRIPT = 5,
  LINKHDR_AS_STYLE = 6,
  LINKHDR_AS_TRACK = 7
};

/* The CORS setting, as given by `crossorigin`. */
enum linkhdr_crossorigin {
  LINKHDR_CORS_ABSENT = 0,          /* no `crossorigin`: a no-cors request */
  LINKHDR_CORS_ANONYMOUS = 1,       /* valueless, empty, or `anonymous` */
  LINKHDR_CORS_USE_CREDENTIALS = 2, /* `use-credentials` */
  LINKHDR_CORS_INVALID = 3          /* anything else (browsers then use no-cors) */
};

/* The parameters a preload view knows, as indexes into linkhdr_preload.param. */
enum linkhdr_preload_param {
  LINKHDR_P_REL = 0,
  LINKHDR_P_ANCHOR = 1,
  LINKHDR_P_AS = 2,
  LINKHDR_P_CROSSORIGIN = 3,
  LINKHDR_P_TYPE = 4,
  LINKHDR_P_MEDIA = 5,
  LINKHDR_P_TITLE = 6,
  LINKHDR_P_TITLE_STAR = 7, /* title* */
  LINKHDR_P_FETCHPRIORITY = 8,
  LINKHDR_P_INTEGRITY = 9,
  LINKHDR_P_REFERRERPOLICY = 10,
  LINKHDR_P_NONCE = 11,
  LINKHDR_P_IMAGESRCSET = 12,
  LINKHDR_P_IMAGESIZES = 13,
  LINKHDR_P_NOPUSH = 14,
  LINKHDR_P_PUSH_ONLY = 15, /* x-http2-push-only */
  LINKHDR_P_CRITICAL = 16,
  LINKHDR_P_COUNT = 17
};

/* linkhdr_preload.rels: relation types found in the first `rel`. */
#define LINKHDR_REL_PRELOAD (1u << 0)
#define LINKHDR_REL_PRECONNECT (1u << 1)
#define LINKHDR_REL_DNS_PREFETCH (1u << 2)
#define LINKHDR_REL_MODULEPRELOAD (1u << 3)
#define LINKHDR_REL_PREFETCH (1u << 4)

/* linkhdr_preload.flags: the parameter is present (with any value). */
#define LINKHDR_PRELOAD_NOPUSH (1u << 0)    /* nopush: do not HTTP/2-push it */
#define LINKHDR_PRELOAD_PUSH_ONLY (1u << 1) /* x-http2-push-only: push, then drop the link */
#define LINKHDR_PRELOAD_CRITICAL (1u << 2)  /* critical: push it first (h2o) */
#define LINKHDR_PRELOAD_ANCHOR (1u << 3)    /* anchor: the context is another resource */

/*
 * What a link means to a browser or a pushing server. Parameter names match
 * ASCII case-insensitively; for a repeated parameter the first occurrence
 * counts (RFC 8288 §3.3, §3.4) and its bit is set in `repeated`. `as` and
 * `crossorigin` are compared ASCII case-insensitively after trimming OWS,
 * with quoted-pairs read as the byte they stand for. The struct may grow in
 * later versions (LINKHDR_P_COUNT with it).
 */
typedef struct linkhdr_preload {
  linkhdr_link link;
  /* The first occurrence of each known parameter, a copy of what
   * linkhdr_next_param() gave; all zero (name.len == 0) when absent. */
  linkhdr_param param[LINKHDR_P_COUNT];
  unsigned repeated;  /* bit (1u << LINKHDR_P_*) for a parameter seen more than once */
  unsigned rels;      /* LINKHDR_REL_* */
  unsigned flags;     /* LINKHDR_PRELOAD_* */
  int as;             /* enum linkhdr_as */
  int crossorigin;    /* enum linkhdr_crossorigin */
  size_t nparams;     /* every parameter read, unknown and repeated ones included */
} linkhdr_preload;

/*
 * Read the parameters of the link-value that linkhdr_next_link() just gave
 * (`link`) and fill *pl. Works in strict and lenient mode; afterwards the
 * parser is ready for the next linkhdr_next_link().
 *   LINKHDR_OK     *pl is filled in.
 *   < 0            the parser's syntax error (strict); *pl holds what was
 *                  read before it, and linkhdr_recover() skips the link.
 *   LINKHDR_E_ARG  NULL pointer.
 */
LINKHDR_API int linkhdr_preload_read(linkhdr_parser *p, const linkhdr_link *link,
                                     linkhdr_preload *pl);

/* "fetch", "font", "image", "script", "style" or "track"; NULL for
 * LINKHDR_AS_ABSENT, LINKHDR_AS_INVALID and unknown values. */
LINKHDR_API const char *linkhdr_as_name(int as);

/* ---- 5.3 Lint ---- */

/* Finding codes. Stable: never renumbered, never reused. */
enum linkhdr_lint_code {
  LINKHDR_LINT_SYNTAX = 1,              /* the link-value fails strict parsing */
  LINKHDR_LINT_AS_MISSING = 2,          /* preload without `as`: nothing is fetched */
  LINKHDR_LINT_AS_INVALID = 3,          /* `as` is not a preload destination */
  LINKHDR_LINT_CROSSORIGIN_MISSING = 4, /* font or fetch preload without crossorigin */
  LINKHDR_LINT_CROSSORIGIN_INVALID = 5, /* not anonymous, use-credentials or empty */
  LINKHDR_LINT_TYPE_MISMATCH = 6,       /* `type` does not fit `as` */
  LINKHDR_LINT_DUPLICATE_PARAM = 7,     /* rel, anchor, title, title*, type or media repeated */
  LINKHDR_LINT_PRECONNECT_PATH = 8,     /* preconnect / dns-prefetch to more than an origin */
  LINKHDR_LINT_PORTABILITY = 9,         /* valid, but common servers misread it */
  LINKHDR_LINT_SIZE = 10                /* the whole value is over the byte budget */
};

enum linkhdr_severity {
  LINKHDR_SEVERITY_INFO = 1,
  LINKHDR_SEVERITY_WARNING = 2,
  LINKHDR_SEVERITY_ERROR = 3
};

#define LINKHDR_LINT_MESSAGE_MAX 128
#define LINKHDR_LINT_FIX_MAX 160
#define LINKHDR_LINT_BUDGET 8192 /* the default size budget, in bytes */

/* One finding. message and fix are NUL-terminated, printable ASCII (bytes
 * of the input that are not are shown as '?', long values are cut). */
typedef struct linkhdr_finding {
  int code;       /* enum linkhdr_lint_code */
  int severity;   /* enum linkhdr_severity */
  size_t index;   /* the link-value's index among all link-values, bad ones included */
  size_t line;    /* its field line */
  size_t offset;  /* the offset of the link-value (its '<' or first byte) in that line */
  char message[LINKHDR_LINT_MESSAGE_MAX];
  char fix[LINKHDR_LINT_FIX_MAX]; /* what to write instead, e.g. `as=style`; "" if none */
} linkhdr_finding;

/*
 * Lint a Link header given as field lines. Each link-value is parsed
 * strictly; one that fails gets a `syntax` finding and is then read
 * leniently (its bytes up to the next comma outside quotes and '<>'), so
 * that the other checks still run on it. Findings come in link order, each
 * link's in code order, the `size` finding last. `budget` is the size
 * budget in bytes for the whole value (the field lines joined with ", "); 0
 * means LINKHDR_LINT_BUDGET. A clean header gives no finding.
 *   LINKHDR_OK     *count = the number of findings, even when it exceeds
 *                  cap; the first min(*count, cap) are in findings[].
 *   LINKHDR_E_ARG  NULL count; NULL findings with cap > 0; NULL lines with
 *                  nlines > 0.
 */
LINKHDR_API int linkhdr_lint(const linkhdr_view *lines, size_t nlines, size_t budget,
                             linkhdr_finding *findings, size_t cap, size_t *count);

/* "syntax", "as-missing", "as-invalid", "crossorigin-missing",
 * "crossorigin-invalid", "type-mismatch", "duplicate-param",
 * "preconnect-path", "portability", "size"; NULL for an unknown code. */
LINKHDR_API const char *linkhdr_lint_code_name(int code);

/* "info", "warning", "error"; NULL for an unknown severity. */
LINKHDR_API const char *linkhdr_severity_name(int severity);

/* ---- 5.4 103 Early Hints ---- */

/* linkhdr_early_hints() flags */
#define LINKHDR_HINTS_MODULEPRELOAD (1u << 0) /* keep `modulepreload` links too */

/* Why a link was left out. Stable values. */
enum linkhdr_drop_reason {
  LINKHDR_DROP_NOT_PRELOAD = 1, /* no preload / preconnect (/ modulepreload) in its rel */
  LINKHDR_DROP_ANCHOR = 2,      /* it has an `anchor`: its context is another resource */
  LINKHDR_DROP_DUPLICATE = 3,   /* the same as a link kept before it */
  LINKHDR_DROP_BUDGET = 4,      /* it did not fit the byte budget */
  LINKHDR_DROP_SYNTAX = 5,      /* the link-value fails strict parsing */
  LINKHDR_DROP_UNWRITABLE = 6   /* valid, but linkhdr_append() cannot rewrite it: a
                                   control byte (such as HTAB) in a value, more than
                                   32 parameters or over 2048 bytes of escaped text */
};

typedef struct linkhdr_dropped {
  size_t index;  /* the link-value's index among all link-values, bad ones included */
  size_t line;   /* its field line */
  size_t offset; /* its offset in that line */
  int reason;    /* enum linkhdr_drop_reason */
} linkhdr_dropped;

/*
 * The Link value of a 103 (Early Hints) response, derived from the final
 * response's Link field lines: keep the links whose first rel holds
 * `preload` or `preconnect` (and `modulepreload` with
 * LINKHDR_HINTS_MODULEPRELOAD); drop links with an `anchor`, bad link-values
 * and exact duplicates (same target, same parameters with names compared
 * ASCII case-insensitively and values after quoted-pair removal; a link is
 * compared with the first 256 distinct links kept, which keeps the work
 * linear without allocating); leave out
 * the push-only parameters `nopush`, `x-http2-push-only` and `critical`;
 * keep the order; then, while the value is longer than `budget` bytes (0: no
 * budget), drop whole links from the end. Kept links are rewritten with
 * linkhdr_append() (canonical form, names lowercased; an ext-value is
 * rewritten as UTF-8 without a language). Every link left out is reported in
 * link order.
 *   LINKHDR_OK         *len = the value's length (0: nothing to hint);
 *                      buf[*len] is a NUL.
 *   LINKHDR_E_NOSPACE  *len = the length needed (cap must be at least
 *                      *len + 1); buf is untouched. dropped[] is filled.
 *   LINKHDR_E_ARG      NULL len or ndropped; NULL buf with cap > 0; NULL
 *                      dropped with dcap > 0; NULL lines with nlines > 0.
 * In every other case *ndropped = the number of links left out, even when it
 * exceeds dcap; the first min(*ndropped, dcap) are in dropped[].
 */
LINKHDR_API int linkhdr_early_hints(const linkhdr_view *lines, size_t nlines, unsigned flags,
                                    size_t budget, char *buf, size_t cap, size_t *len,
                                    linkhdr_dropped *dropped, size_t dcap, size_t *ndropped);

/* "not-preload", "anchor", "duplicate", "budget", "syntax", "unwritable";
 * NULL for an unknown reason. */
LINKHDR_API const char *linkhdr_drop_reason_name(int reason);

/* ---- 5.5 HTTP/2 Server Push ---- */

/* linkhdr_push_paths() flags */
#define LINKHDR_PUSH_CROSS_ORIGIN (1u << 0) /* also report links to other origins */

/* One resource to push. */
typedef struct linkhdr_push_path {
  size_t off, len;  /* the path and query at buf + off (a NUL follows); for a
                       cross-origin link the whole URI without its fragment */
  int as;           /* enum linkhdr_as */
  int critical;     /* 1 if the link has `critical` */
  int cross_origin; /* 1 if it is on another origin (LINKHDR_PUSH_CROSS_ORIGIN) */
  size_t index;     /* the link-value's index among all link-values */
  size_t line;      /* its field line */
  size_t offset;    /* its offset in that line */
} linkhdr_push_path;

/*
 * The resources an HTTP/2 server would push for a response with these Link
 * field lines to a request for `base` (an absolute URI): the links whose
 * first rel holds `preload` and that have no `nopush`, in order, each target
 * resolved against base (RFC 3986 §5.2), on the same origin as base (any
 * origin with LINKHDR_PUSH_CROSS_ORIGIN), reported as path and query with
 * the fragment dropped ("/" for an empty path). A link with an `anchor` is
 * skipped unless the anchor is empty or a fragment only (its context is the
 * requested resource itself). A path that starts with "//" is skipped (read
 * as a reference it would name a host). Bad link-values are skipped, the
 * others still count. The paths go to buf one after the other, each
 * followed by a NUL.
 *   LINKHDR_OK         *count paths in paths[], *buf_len bytes used in buf.
 *   LINKHDR_E_NOSPACE  cap or buf_cap is too small: *count = the number of
 *                      paths and *buf_len = the bytes they need; paths[] and
 *                      buf are untouched.
 *   LINKHDR_E_TARGET_*, LINKHDR_E_CTL
 *                      base is not a URI-Reference (as for linkhdr_resolve()).
 *   LINKHDR_E_ARG      NULL count or buf_len; NULL paths / buf with a
 *                      capacity; NULL lines with nlines > 0; NULL base; or
 *                      base has no scheme.
 */
LINKHDR_API int linkhdr_push_paths(const linkhdr_view *lines, size_t nlines, const char *base,
                                   size_t base_len, unsigned flags, linkhdr_push_path *paths,
                                   size_t cap, size_t *count, char *buf, size_t buf_cap,
                                   size_t *buf_len);

/*
 * The Link value to send on with a pushed response, as h2o does: every link
 * except those with `x-http2-push-only`, in order, rewritten with
 * linkhdr_append() (canonical form, names lowercased). Bad link-values and
 * links that cannot be rewritten (LINKHDR_DROP_UNWRITABLE) are left out.
 *   LINKHDR_OK         *len = the value's length; buf[*len] is a NUL.
 *   LINKHDR_E_NOSPACE  *len = the length needed (cap must be at least
 *                      *len + 1); buf is untouched.
 *   LINKHDR_E_ARG      NULL len; NULL buf with cap > 0; NULL lines with
 *                      nlines > 0.
 */
LINKHDR_API int linkhdr_push_link_value(const linkhdr_view *lines, size_t nlines, char *buf,
                                        size_t cap, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* LINKHDR_H */
