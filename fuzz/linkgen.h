/*
 * linkgen — a structure-aware generator of HTTP Link field values
 * (RFC 8288 §3) for fuzzing any Link parser, not only linkhdr.
 *
 * It turns fuzzer bytes into a field value that is
 *   - VALID: well-formed by the strict grammar, with OWS/BWS, empty list
 *     elements, quoted-strings with quoted-pairs and obs-text, valueless and
 *     RFC 8187 `name*` parameters, targets with authority, IP literals,
 *     percent-encoding, query and fragment; the model it returns is exactly
 *     what a strict parser must report;
 *   - NEAR_VALID: a valid value with one targeted change, one of the pitfalls
 *     real parsers trip on (enum linkgen_mutation); some keep the value valid
 *     (a comma inside quotes, a ';' inside <...>, a valueless or a '*'
 *     parameter), two make it invalid (an unbalanced quote, a CR);
 *   - HOSTILE: link syntax cut up and mixed with raw fuzzer bytes (control
 *     bytes, NUL, obs-text, long runs); no model.
 *
 * Self-contained: C99, libc only, no linkhdr API, so it can be copied into
 * another project's fuzz directory together with this header.
 */
#ifndef LINKGEN_H
#define LINKGEN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum linkgen_kind {
  LINKGEN_VALID = 0,
  LINKGEN_NEAR_VALID = 1,
  LINKGEN_HOSTILE = 2
};

enum linkgen_mutation {
  LINKGEN_MUT_NONE = 0,
  LINKGEN_MUT_UNBALANCED_QUOTE = 1, /* a quoted-string without its closing '"': invalid */
  LINKGEN_MUT_COMMA_IN_QUOTES = 2,  /* a quoted value holding `, </x>; rel=y`: valid */
  LINKGEN_MUT_SEMI_IN_TARGET = 3,   /* ';' and ',' inside <...>: valid */
  LINKGEN_MUT_CR = 4,               /* a CR or CR LF somewhere: invalid */
  LINKGEN_MUT_VALUELESS = 5,        /* a parameter without '=': valid */
  LINKGEN_MUT_STAR_PARAM = 6        /* an RFC 8187 `name*` parameter: valid */
};

#define LINKGEN_MAX_LINKS 8
#define LINKGEN_MAX_PARAMS 6
/* Every VALID or NEAR_VALID value fits in this many bytes; a smaller `cap`
 * truncates (and the model is then marked unknown). */
#define LINKGEN_MAX_OUT 16384
#define LINKGEN_TEXT_MAX 16384

/* `len` bytes at `off` in linkgen_value.text. */
typedef struct linkgen_span {
  size_t off, len;
} linkgen_span;

typedef struct linkgen_param {
  linkgen_span name;  /* as written (compare case-insensitively) */
  int has_value;      /* 0: no '=' at all */
  linkgen_span value; /* the text: quotes and quoted-pairs removed, an
                         RFC 8187 ext-value decoded to UTF-8 */
} linkgen_param;

typedef struct linkgen_link {
  linkgen_span target; /* the URI-Reference as written */
  size_t nparams;
  linkgen_param params[LINKGEN_MAX_PARAMS];
} linkgen_link;

typedef struct linkgen_value {
  int kind;     /* enum linkgen_kind */
  int mutation; /* enum linkgen_mutation (NEAR_VALID only) */
  int valid;    /* 1: a strict parser must return exactly `links`;
                   0: a strict parser must reject the value;
                   -1: unknown (HOSTILE, or truncated) */
  size_t nlinks;
  linkgen_link links[LINKGEN_MAX_LINKS];
  size_t text_len;
  char text[LINKGEN_TEXT_MAX];
} linkgen_value;

/*
 * Turn data[0 .. size) into a field value at out[0 .. cap) and return its
 * length (no NUL is written). `model` may be NULL. Deterministic: the same
 * bytes give the same value. The first byte picks the kind.
 */
size_t linkgen_generate(const uint8_t *data, size_t size, char *out, size_t cap,
                        linkgen_value *model);

/* "unbalanced-quote", "cr", ... ("none" for LINKGEN_MUT_NONE). */
const char *linkgen_mutation_name(int mutation);

/* A span of model->text. */
static inline const char *linkgen_str(const linkgen_value *v, linkgen_span s) {
  return v->text + s.off;
}

#ifdef __cplusplus
}
#endif

#endif
