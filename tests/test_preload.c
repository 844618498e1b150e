/* Relation types (linkhdr_rel_next, linkhdr_rel_has), the preload view
 * (linkhdr_preload_read) and the layer's shared pieces: link-value
 * segments, the strict walk with recovery, the canonical rewrite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linkhdr.h"
#include "preload_internal.h"
#include "testutil.h"

/* The first link-value of `value` (an exact-size heap copy, returned so that
 * the views stay valid until it is freed). */
static char *read_one(const char *value, unsigned flags, linkhdr_preload *pl, int *rc) {
  char *buf = heap_str(value);
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_parser_init(&p, buf, strlen(value), flags);
  assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_OK);
  *rc = linkhdr_preload_read(&p, &link, pl);
  return buf;
}

static char *read_ok(const char *value, unsigned flags, linkhdr_preload *pl) {
  int rc;
  char *buf = read_one(value, flags, pl, &rc);
  if (rc != LINKHDR_OK) fail_msg("[%s]: %s", value, linkhdr_code_name(rc));
  return buf;
}

static int view_is(linkhdr_view v, const char *s) {
  return v.len == strlen(s) && memcmp(v.base, s, v.len) == 0;
}

/* ---- relation types ---- */

/* The types of the first rel of `value`, joined with '|'. */
static void types_of(const char *value, char *out) {
  linkhdr_preload pl;
  linkhdr_view t;
  size_t pos = 0;
  char *buf = read_ok(value, LINKHDR_STRICT, &pl);
  out[0] = '\0';
  while (linkhdr_rel_next(&pl.param[LINKHDR_P_REL], &pos, &t) == LINKHDR_OK) {
    if (out[0]) strcat(out, "|");
    strncat(out, t.base, t.len);
  }
  assert_int_equal(pos, pl.param[LINKHDR_P_REL].value.len);
  free(buf);
}

static void rel_split(void **state) {
  char out[128];
  (void)state;
  types_of("</a>; rel=preload", out);
  assert_string_equal(out, "preload");
  types_of("</a>; rel=\"preload stylesheet\"", out);
  assert_string_equal(out, "preload|stylesheet");
  types_of("</a>; rel=\"  preload \t  next  \"", out);
  assert_string_equal(out, "preload|next");
  types_of("</a>; rel=\"pre\\load\"", out); /* a quoted-pair stays in the view */
  assert_string_equal(out, "pre\\load");
  types_of("</a>; rel=\"a\\ b\"", out); /* an escaped SP is still a SP */
  assert_string_equal(out, "a|b");
  types_of("</a>; rel=\"\"", out);
  assert_string_equal(out, "");
  types_of("</a>; rel", out);
  assert_string_equal(out, "");
  types_of("</a>; rel=\"http://example.com/Rel preload\"", out);
  assert_string_equal(out, "http://example.com/Rel|preload");
}

static void rel_next_args(void **state) {
  linkhdr_param rel;
  linkhdr_view t;
  size_t pos = 0;
  (void)state;
  memset(&rel, 0, sizeof rel);
  rel.value.base = "ab";
  rel.value.len = 2;
  rel.type = LINKHDR_VALUE_TOKEN;
  assert_int_equal(linkhdr_rel_next(NULL, &pos, &t), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_rel_next(&rel, NULL, &t), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_rel_next(&rel, &pos, NULL), LINKHDR_E_ARG);
  pos = 3;
  assert_int_equal(linkhdr_rel_next(&rel, &pos, &t), LINKHDR_E_ARG);
  pos = 2;
  assert_int_equal(linkhdr_rel_next(&rel, &pos, &t), LINKHDR_DONE);
  pos = 1;
  assert_int_equal(linkhdr_rel_next(&rel, &pos, &t), LINKHDR_OK);
  assert_true(view_is(t, "b"));
  /* a lenient token keeps its '\': it is not a quoted-pair */
  rel.value.base = "a\\ b";
  rel.value.len = 4;
  pos = 0;
  assert_int_equal(linkhdr_rel_next(&rel, &pos, &t), LINKHDR_OK);
  assert_true(view_is(t, "a\\"));
  rel.value.base = NULL;
  rel.value.len = 1;
  pos = 0;
  assert_int_equal(linkhdr_rel_next(&rel, &pos, &t), LINKHDR_E_ARG);
}

static int has(const char *value, const char *type) {
  linkhdr_preload pl;
  char *buf = read_ok(value, LINKHDR_STRICT, &pl);
  int r = linkhdr_rel_has(&pl.param[LINKHDR_P_REL], type);
  free(buf);
  return r;
}

static void rel_match(void **state) {
  (void)state;
  assert_int_equal(has("</a>; rel=preload", "preload"), 1);
  assert_int_equal(has("</a>; rel=PreLoad", "preload"), 1); /* registered: any case */
  assert_int_equal(has("</a>; rel=preload", "PRELOAD"), 1);
  assert_int_equal(has("</a>; rel=\"preload stylesheet\"", "stylesheet"), 1);
  assert_int_equal(has("</a>; rel=\"preload stylesheet\"", "preload"), 1);
  assert_int_equal(has("</a>; rel=\"pre\\load\"", "preload"), 1);
  /* whole types only */
  assert_int_equal(has("</a>; rel=xpreload", "preload"), 0);
  assert_int_equal(has("</a>; rel=preloadx", "preload"), 0);
  assert_int_equal(has("</a>; rel=\"pre load\"", "preload"), 0);
  assert_int_equal(has("</a>; rel=\"preload\"", "pre"), 0);
  assert_int_equal(has("</a>; rel=preload", ""), 0);
  /* extension types (URIs) match exactly */
  assert_int_equal(has("</a>; rel=\"http://example.com/rel/Foo\"", "http://example.com/rel/Foo"),
                   1);
  assert_int_equal(has("</a>; rel=\"http://example.com/rel/Foo\"", "http://example.com/rel/foo"),
                   0);
  assert_int_equal(has("</a>; rel=\"HTTP://example.com/x\"", "http://example.com/x"), 0);
  /* no rel, or a rel without a value */
  assert_int_equal(has("</a>; as=style", "preload"), 0);
  assert_int_equal(has("</a>; rel", "preload"), 0);
  assert_int_equal(linkhdr_rel_has(NULL, "preload"), 0);
}

/* ---- the preload view ---- */

static int as_of(const char *value, unsigned flags) {
  linkhdr_preload pl;
  char *buf = read_ok(value, flags, &pl);
  int as = pl.as;
  free(buf);
  return as;
}

static void as_values(void **state) {
  (void)state;
  assert_int_equal(as_of("</a>; rel=preload; as=fetch", 0), LINKHDR_AS_FETCH);
  assert_int_equal(as_of("</a>; rel=preload; as=font", 0), LINKHDR_AS_FONT);
  assert_int_equal(as_of("</a>; rel=preload; as=image", 0), LINKHDR_AS_IMAGE);
  assert_int_equal(as_of("</a>; rel=preload; as=script", 0), LINKHDR_AS_SCRIPT);
  assert_int_equal(as_of("</a>; rel=preload; as=style", 0), LINKHDR_AS_STYLE);
  assert_int_equal(as_of("</a>; rel=preload; as=track", 0), LINKHDR_AS_TRACK);
  assert_int_equal(as_of("</a>; rel=preload", 0), LINKHDR_AS_ABSENT);
  /* ASCII case-insensitive after trimming OWS; quoted or not */
  assert_int_equal(as_of("</a>; rel=preload; AS=STYLE", 0), LINKHDR_AS_STYLE);
  assert_int_equal(as_of("</a>; rel=preload; as=\" Style\t\"", 0), LINKHDR_AS_STYLE);
  assert_int_equal(as_of("</a>; rel=preload; as=\"sty\\le\"", 0), LINKHDR_AS_STYLE);
  assert_int_equal(as_of("</a>; rel=preload; as=style ;x", LINKHDR_LENIENT), LINKHDR_AS_STYLE);
  /* not preload destinations */
  assert_int_equal(as_of("</a>; rel=preload; as=stylesheet", 0), LINKHDR_AS_INVALID);
  assert_int_equal(as_of("</a>; rel=preload; as=document", 0), LINKHDR_AS_INVALID);
  assert_int_equal(as_of("</a>; rel=preload; as=\"\"", 0), LINKHDR_AS_INVALID);
  assert_int_equal(as_of("</a>; rel=preload; as", 0), LINKHDR_AS_INVALID);
  assert_int_equal(as_of("</a>; rel=preload; as=\"st yle\"", 0), LINKHDR_AS_INVALID);
  assert_int_equal(as_of("</a>; rel=preload; as=styles", 0), LINKHDR_AS_INVALID);
  assert_int_equal(as_of("</a>; rel=preload; as=font/woff2", LINKHDR_LENIENT),
                   LINKHDR_AS_INVALID);
  /* the first `as` counts */
  assert_int_equal(as_of("</a>; as=style; as=script", 0), LINKHDR_AS_STYLE);
  assert_string_equal(linkhdr_as_name(LINKHDR_AS_FONT), "font");
  assert_string_equal(linkhdr_as_name(LINKHDR_AS_FETCH), "fetch");
  assert_string_equal(linkhdr_as_name(LINKHDR_AS_TRACK), "track");
  assert_null(linkhdr_as_name(LINKHDR_AS_ABSENT));
  assert_null(linkhdr_as_name(LINKHDR_AS_INVALID));
  assert_null(linkhdr_as_name(99));
}

static int cors_of(const char *value, unsigned flags) {
  linkhdr_preload pl;
  char *buf = read_ok(value, flags, &pl);
  int c = pl.crossorigin;
  free(buf);
  return c;
}

static void crossorigin_values(void **state) {
  (void)state;
  assert_int_equal(cors_of("</a>; rel=preload", 0), LINKHDR_CORS_ABSENT);
  assert_int_equal(cors_of("</a>; crossorigin", 0), LINKHDR_CORS_ANONYMOUS);
  assert_int_equal(cors_of("</a>; crossorigin=\"\"", 0), LINKHDR_CORS_ANONYMOUS);
  assert_int_equal(cors_of("</a>; crossorigin=\"  \"", 0), LINKHDR_CORS_ANONYMOUS);
  assert_int_equal(cors_of("</a>; crossorigin=anonymous", 0), LINKHDR_CORS_ANONYMOUS);
  assert_int_equal(cors_of("</a>; CrossOrigin=Anonymous", 0), LINKHDR_CORS_ANONYMOUS);
  assert_int_equal(cors_of("</a>; crossorigin=use-credentials", 0),
                   LINKHDR_CORS_USE_CREDENTIALS);
  assert_int_equal(cors_of("</a>; crossorigin=\" USE-CREDENTIALS \"", 0),
                   LINKHDR_CORS_USE_CREDENTIALS);
  assert_int_equal(cors_of("</a>; crossorigin=foo", 0), LINKHDR_CORS_INVALID);
  assert_int_equal(cors_of("</a>; crossorigin=true", 0), LINKHDR_CORS_INVALID);
  assert_int_equal(cors_of("</a>; crossorigin=", LINKHDR_LENIENT), LINKHDR_CORS_ANONYMOUS);
  assert_int_equal(cors_of("</a>; crossorigin=use-credentials; crossorigin", 0),
                   LINKHDR_CORS_USE_CREDENTIALS);
}

static void rels_flags_and_views(void **state) {
  linkhdr_preload pl;
  char *buf;
  (void)state;
  buf = read_ok("</f.woff2>; rel=\"preload prefetch\"; as=font; type=\"font/woff2\"; crossorigin; "
                "nopush; x-http2-push-only; critical; media=\"(min-width: 600px)\"; "
                "fetchpriority=high; integrity=\"sha384-abc\"; referrerpolicy=no-referrer; "
                "nonce=r4nd; imagesrcset=\"a.png 1x, b.png 2x\"; imagesizes=\"50vw\"; "
                "title=T; title*=UTF-8''t; hreflang=en; hreflang=de",
                LINKHDR_STRICT, &pl);
  assert_true(view_is(pl.link.target, "/f.woff2"));
  assert_int_equal(pl.rels, LINKHDR_REL_PRELOAD | LINKHDR_REL_PREFETCH);
  assert_int_equal(pl.flags,
                   LINKHDR_PRELOAD_NOPUSH | LINKHDR_PRELOAD_PUSH_ONLY | LINKHDR_PRELOAD_CRITICAL);
  assert_int_equal(pl.as, LINKHDR_AS_FONT);
  assert_int_equal(pl.crossorigin, LINKHDR_CORS_ANONYMOUS);
  assert_int_equal(pl.repeated, 0); /* hreflang may repeat and is not a known parameter */
  assert_int_equal(pl.nparams, 18);
  assert_true(view_is(pl.param[LINKHDR_P_TYPE].value, "font/woff2"));
  assert_int_equal(pl.param[LINKHDR_P_TYPE].type, LINKHDR_VALUE_QUOTED);
  assert_true(view_is(pl.param[LINKHDR_P_MEDIA].value, "(min-width: 600px)"));
  assert_true(view_is(pl.param[LINKHDR_P_FETCHPRIORITY].value, "high"));
  assert_true(view_is(pl.param[LINKHDR_P_INTEGRITY].value, "sha384-abc"));
  assert_true(view_is(pl.param[LINKHDR_P_REFERRERPOLICY].value, "no-referrer"));
  assert_true(view_is(pl.param[LINKHDR_P_NONCE].value, "r4nd"));
  assert_true(view_is(pl.param[LINKHDR_P_IMAGESRCSET].value, "a.png 1x, b.png 2x"));
  assert_true(view_is(pl.param[LINKHDR_P_IMAGESIZES].value, "50vw"));
  assert_true(view_is(pl.param[LINKHDR_P_TITLE].value, "T"));
  assert_true(view_is(pl.param[LINKHDR_P_TITLE_STAR].value, "UTF-8''t"));
  assert_int_equal(pl.param[LINKHDR_P_NOPUSH].type, LINKHDR_VALUE_NONE);
  assert_int_equal(pl.param[LINKHDR_P_ANCHOR].name.len, 0); /* absent */
  free(buf);

  buf = read_ok("<//fonts.example>; rel=preconnect dns-prefetch", LINKHDR_LENIENT, &pl);
  assert_int_equal(pl.rels, LINKHDR_REL_PRECONNECT | LINKHDR_REL_DNS_PREFETCH);
  free(buf);
  buf = read_ok("</m.js>; rel=modulepreload; anchor=\"/other\"", LINKHDR_STRICT, &pl);
  assert_int_equal(pl.rels, LINKHDR_REL_MODULEPRELOAD);
  assert_int_equal(pl.flags, LINKHDR_PRELOAD_ANCHOR);
  assert_int_equal(pl.as, LINKHDR_AS_ABSENT);
  free(buf);
}

/* RFC 8288 §3.3: the first rel counts, later ones are ignored. */
static void first_occurrence_wins(void **state) {
  linkhdr_preload pl;
  char *buf;
  (void)state;
  buf = read_ok("</a>; rel=next; rel=preload; as=style; title=a; title=b; TYPE=\"text/css\"; "
                "type=x; media=all; media=print; anchor=\"#a\"; anchor=\"#b\"; title*=UTF-8''a; "
                "title*=UTF-8''b",
                LINKHDR_STRICT, &pl);
  assert_int_equal(pl.rels, 0);
  assert_true(view_is(pl.param[LINKHDR_P_REL].value, "next"));
  assert_true(view_is(pl.param[LINKHDR_P_TITLE].value, "a"));
  assert_true(view_is(pl.param[LINKHDR_P_TYPE].value, "text/css"));
  assert_true(view_is(pl.param[LINKHDR_P_TYPE].name, "TYPE"));
  assert_true(view_is(pl.param[LINKHDR_P_MEDIA].value, "all"));
  assert_int_equal(pl.repeated, (1u << LINKHDR_P_REL) | (1u << LINKHDR_P_TITLE) |
                                    (1u << LINKHDR_P_TYPE) | (1u << LINKHDR_P_MEDIA) |
                                    (1u << LINKHDR_P_ANCHOR) | (1u << LINKHDR_P_TITLE_STAR));
  free(buf);
}

static void read_errors(void **state) {
  linkhdr_preload pl;
  linkhdr_parser p;
  linkhdr_link link;
  int rc;
  char *buf;
  (void)state;
  buf = read_one("</a>; rel=preload; as=font/woff2; crossorigin", LINKHDR_STRICT, &pl, &rc);
  assert_int_equal(rc, LINKHDR_E_EXPECTED_SEPARATOR);
  assert_true(view_is(pl.param[LINKHDR_P_REL].value, "preload")); /* what came before */
  assert_int_equal(pl.rels, LINKHDR_REL_PRELOAD);
  free(buf);
  linkhdr_parser_init(&p, "</a>", 4, 0);
  assert_int_equal(linkhdr_next_link(&p, &link), LINKHDR_OK);
  assert_int_equal(linkhdr_preload_read(NULL, &link, &pl), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_preload_read(&p, NULL, &pl), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_preload_read(&p, &link, NULL), LINKHDR_E_ARG);
  assert_int_equal(linkhdr_preload_read(&p, &link, &pl), LINKHDR_OK);
  assert_int_equal(pl.nparams, 0);
}

/* ---- segments and the walk ---- */

static void segments(void **state) {
  static const char s[] = "</a,b>; t=\"x, \\\"y\", </c>;x=\"<\" , ,</d";
  linkhdr_view line;
  char *buf = heap_copy(s, sizeof s - 1);
  size_t e;
  (void)state;
  line.base = buf;
  line.len = sizeof s - 1;
  e = linkhdr__segment_end(line, 0);
  assert_int_equal(e, 18); /* the comma after the quoted-string */
  assert_int_equal(linkhdr__segment_start(line, e + 1), 20);
  e = linkhdr__segment_end(line, 20);
  assert_int_equal(buf[e], ',');
  assert_int_equal(linkhdr__segment_start(line, e + 1), line.len - 3);
  assert_int_equal(linkhdr__segment_end(line, line.len - 3), line.len); /* '<' unclosed */
  free(buf);
}

/* Walk `n` lines and describe the items: "i@line:off-end[CODE]" separated by
 * spaces, with the target for good ones. */
static void walk(const char *const *in, size_t n, char *out) {
  linkhdr_view lines[8];
  char *bufs[8];
  linkhdr__walk w;
  linkhdr__item it;
  linkhdr_preload pl;
  size_t i;
  out[0] = '\0';
  for (i = 0; i < n; i++) {
    bufs[i] = heap_str(in[i]);
    lines[i].base = bufs[i];
    lines[i].len = strlen(in[i]);
  }
  linkhdr__walk_init(&w, lines, n);
  while (linkhdr__walk_next(&w, &it, &pl) == LINKHDR_OK) {
    char tmp[128];
    if (it.err.code == LINKHDR_OK)
      snprintf(tmp, sizeof tmp, "%s%zu@%zu:%zu-%zu<%.*s>", out[0] ? " " : "", it.index, it.line,
               it.offset, it.end, (int)pl.link.target.len, pl.link.target.base);
    else
      snprintf(tmp, sizeof tmp, "%s%zu@%zu:%zu-%zu[%s@%zu]", out[0] ? " " : "", it.index,
               it.line, it.offset, it.end, linkhdr_code_name(it.err.code), it.err.offset);
    strcat(out, tmp);
  }
  for (i = 0; i < n; i++) free(bufs[i]);
}

static void walk_recovers(void **state) {
  char out[512];
  (void)state;
  {
    const char *in[] = {"</a>; rel=x, junk , </b c>; rel=y,, </d>"};
    walk(in, 1, out);
    assert_string_equal(out, "0@0:0-11</a> 1@0:13-18[EXPECTED_LINK@13] "
                             "2@0:20-33[TARGET_CHAR@23] 3@0:36-40</d>");
  }
  {
    const char *in[] = {"</a>; as=font/woff2; crossorigin, </b>", "", "  x", "</c>, </d> e"};
    walk(in, 4, out);
    assert_string_equal(out, "0@0:0-32[EXPECTED_SEPARATOR@13] 1@0:34-38</b> "
                             "2@2:2-3[EXPECTED_LINK@2] 3@3:0-4</c> 4@3:6-12[EXPECTED_SEPARATOR@11]");
  }
  {
    /* quoted-comma injection: one valid link, /evil is inside its title */
    const char *in[] = {"</a>; title=\"x, </evil>; rel=preload; z=\""};
    walk(in, 1, out);
    assert_string_equal(out, "0@0:0-41</a>");
  }
  {
    /* ... and in a broken link it is never a link of its own */
    const char *in[] = {"</a>; title=\"x\x01, </evil>; rel=preload; z=\", </ok>"};
    walk(in, 1, out);
    assert_string_equal(out, "0@0:0-42[QUOTE_CHAR@14] 1@0:44-49</ok>");
  }
  {
    const char *in[] = {"", ", ,"};
    walk(in, 2, out);
    assert_string_equal(out, "");
  }
  walk(NULL, 0, out);
  assert_string_equal(out, "");
}

/* ---- the canonical rewrite ---- */

static int rewrite(const char *in, unsigned omit, char *out, size_t cap) {
  linkhdr_view line;
  size_t len = 0;
  int rc;
  char *buf = heap_str(in);
  line.base = buf;
  line.len = strlen(in);
  rc = linkhdr__write_link(out, cap, &len, line, 0, omit, NULL);
  if (rc == LINKHDR_OK && out != NULL) assert_int_equal(strlen(out), len);
  free(buf);
  return rc;
}

static void canonical_rewrite(void **state) {
  char out[512];
  char big[3000];
  size_t i;
  (void)state;
  assert_int_equal(rewrite("</a>;REL = \"preload\" ;As=style;crossorigin", 0, out, sizeof out),
                   LINKHDR_OK);
  assert_string_equal(out, "</a>; rel=preload; as=style; crossorigin");
  assert_int_equal(rewrite("</a>; rel=preload; nopush; x-http2-push-only; critical; as=font, </b>",
                           LINKHDR__OMIT_PUSH, out, sizeof out),
                   LINKHDR_OK);
  assert_string_equal(out, "</a>; rel=preload; as=font");
  assert_int_equal(rewrite("</a>; title=\"a \\\"b\\\" \\c\"; e=\"\"; t=\"tok\"", 0, out, sizeof out),
                   LINKHDR_OK);
  assert_string_equal(out, "</a>; title=\"a \\\"b\\\" c\"; e=\"\"; t=tok");
  assert_int_equal(rewrite("</a>; title*=iso-8859-1'en'%A3%20rates", 0, out, sizeof out),
                   LINKHDR_OK);
  assert_string_equal(out, "</a>; title*=UTF-8''%C2%A3%20rates");
  /* a "how big?" call */
  assert_int_equal(rewrite("</a>; rel=preload", 0, NULL, 0), LINKHDR_E_NOSPACE);
  /* what the builder refuses: a HTAB in a quoted-string, a decoded CTL */
  assert_true(rewrite("</a>; title=\"a\tb\"", 0, out, sizeof out) < 0);
  assert_int_equal(rewrite("</a>; title*=UTF-8''a%0Ab", 0, out, sizeof out), LINKHDR_E_CTL);
  /* the limits: 32 parameters, 2048 bytes of escaped text */
  strcpy(big, "</a>");
  for (i = 0; i < 32; i++) strcat(big, "; p");
  assert_int_equal(rewrite(big, 0, out, sizeof out), LINKHDR_OK);
  strcat(big, "; p");
  assert_true(rewrite(big, 0, out, sizeof out) < 0);
  strcpy(big, "</a>; t=\"\\");
  for (i = 0; i < 2049; i++) strcat(big, "x");
  strcat(big, "\"");
  assert_true(rewrite(big, 0, out, sizeof out) < 0);
}

static int same(const char *a, const char *b, unsigned omit) {
  linkhdr_view la, lb;
  char *x = heap_str(a), *y = heap_str(b);
  int r;
  la.base = x;
  la.len = strlen(a);
  lb.base = y;
  lb.len = strlen(b);
  r = linkhdr__same_link(la, 0, lb, 0, omit);
  assert_int_equal(r, linkhdr__same_link(lb, 0, la, 0, omit));
  free(x);
  free(y);
  return r;
}

static void same_links(void **state) {
  (void)state;
  assert_int_equal(same("</a>; rel=preload; as=style", "</a>;REL=\"preload\" ; as=\"sty\\le\"", 0),
                   1);
  assert_int_equal(same("</a>; rel=preload; nopush", "</a>; rel=preload", LINKHDR__OMIT_PUSH), 1);
  assert_int_equal(same("</a>; rel=preload; nopush", "</a>; rel=preload", 0), 0);
  assert_int_equal(same("</a>; rel=preload", "</A>; rel=preload", 0), 0);
  assert_int_equal(same("</a>; rel=preload", "</a>; rel=Preload", 0), 0);
  assert_int_equal(same("</a>; crossorigin", "</a>; crossorigin=\"\"", 0), 0);
  assert_int_equal(same("</a>; rel=preload; as=style", "</a>; as=style; rel=preload", 0), 0);
  assert_int_equal(same("</a>; rel=preload", "</a>; rel=preload; as=style", 0), 0);
  assert_int_equal(same("</a>; rel=preload, </b>", "</a>; rel=preload", 0), 1);
  assert_int_equal(same("</a>; rel=preload; x=\"", "</a>; rel=preload", 0), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rel_split),
      cmocka_unit_test(rel_next_args),
      cmocka_unit_test(rel_match),
      cmocka_unit_test(as_values),
      cmocka_unit_test(crossorigin_values),
      cmocka_unit_test(rels_flags_and_views),
      cmocka_unit_test(first_occurrence_wins),
      cmocka_unit_test(read_errors),
      cmocka_unit_test(segments),
      cmocka_unit_test(walk_recovers),
      cmocka_unit_test(canonical_rewrite),
      cmocka_unit_test(same_links),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
