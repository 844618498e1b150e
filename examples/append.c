/* The edge logic linkhdr was made for, in C: an application about to send an
 * HTML response appends preload links for the page's critical assets (main
 * stylesheet, main script, a font) to its Link header, then sends it.
 *
 *   append [CONTENT-TYPE [EXISTING-LINK-VALUE]]
 *
 * prints the header the response would carry ("Link: ..."), or nothing when
 * the response is not HTML. Compiled in every build so that it stays true. */
#include <linkhdr.h>

#include <stdio.h>
#include <string.h>

/* What a site generator would know about the page. */
struct asset {
  const char *path;
  const char *as;
  const char *type; /* NULL: no type parameter */
  int cors;         /* fonts are fetched in CORS mode: without crossorigin the
                       preload never matches and the font is downloaded twice */
};

static const struct asset page_assets[] = {
    {"/css/style.css", "style", NULL, 0},
    {"/js/app.js", "script", NULL, 0},
    {"/fonts/font.woff2", "font", "font/woff2", 1},
};

/* Only HTML gets preloads: a browser ignores them on a stylesheet or image
 * response, and a 103 is only worth sending ahead of a page. */
static int is_html(const char *content_type) {
  static const char html[] = "text/html";
  return strncmp(content_type, html, sizeof html - 1) == 0 &&
         (content_type[sizeof html - 1] == '\0' || content_type[sizeof html - 1] == ';' ||
          content_type[sizeof html - 1] == ' ');
}

/* Append one preload link for `a` to buf[0 .. *len). linkhdr_append checks
 * the target and every value before it writes a byte, so a path that came
 * from user data cannot smuggle a CR LF or a second link into the header. */
static int append_preload(char *buf, size_t cap, size_t *len, const struct asset *a) {
  linkhdr_attr attrs[4];
  size_t n = 0;
  linkhdr_error err;
  int rc;

  attrs[n++] = (linkhdr_attr)LINKHDR_PARAM("rel", "preload");
  attrs[n++] = (linkhdr_attr)LINKHDR_PARAM("as", a->as);
  if (a->type) attrs[n++] = (linkhdr_attr)LINKHDR_PARAM("type", a->type);
  if (a->cors) attrs[n++] = (linkhdr_attr)LINKHDR_FLAG("crossorigin");
  rc = linkhdr_append(buf, cap, len, a->path, LINKHDR_NTS, attrs, n, 0, &err);
  if (rc == LINKHDR_E_NOSPACE)
    fprintf(stderr, "append: header would need %zu bytes, only %zu available\n",
            err.needed + 1, cap);
  else if (rc != LINKHDR_OK)
    fprintf(stderr, "append: %s refused: %s (%s) at offset %zu of item %zu\n", a->path,
            linkhdr_strerror(rc), linkhdr_code_name(rc), err.offset, err.item);
  return rc;
}

/* The value the application already set is appended to, so it must be a
 * valid Link value itself: a strict parse of every link and parameter. */
static int check_existing(const char *value, size_t len) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param param;
  int rc;

  linkhdr_parser_init(&p, value, len, LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &link)) == LINKHDR_OK)
    while ((rc = linkhdr_next_param(&p, &param)) == LINKHDR_OK) continue;
  if (rc < 0) {
    linkhdr_error e = linkhdr_parser_error(&p);
    fprintf(stderr, "append: existing Link value: %s (%s) at offset %zu\n",
            linkhdr_strerror(e.code), linkhdr_code_name(e.code), e.offset);
    return rc;
  }
  return LINKHDR_OK;
}

int main(int argc, char **argv) {
  const char *content_type = argc > 1 ? argv[1] : "text/html; charset=utf-8";
  const char *existing = argc > 2 ? argv[2] : "";
  char buf[1024];
  size_t len, i;

  if (argc > 3 || (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))) {
    printf("usage: append [CONTENT-TYPE [EXISTING-LINK-VALUE]]\n"
           "Prints the Link header an HTML response gets once the page's preload\n"
           "links are appended to EXISTING-LINK-VALUE (default: none).\n");
    return argc > 3 ? 2 : 0;
  }
  if (!is_html(content_type)) return 0; /* nothing to add */

  /* Keep what the application already sent: linkhdr_append writes ", "
   * before the new link-value when the buffer is not empty. */
  len = strlen(existing);
  if (len >= sizeof buf) {
    fprintf(stderr, "append: existing Link value too long\n");
    return 1;
  }
  if (check_existing(existing, len) != LINKHDR_OK) return 1;
  memcpy(buf, existing, len + 1);

  for (i = 0; i < sizeof page_assets / sizeof page_assets[0]; i++)
    if (append_preload(buf, sizeof buf, &len, &page_assets[i]) != LINKHDR_OK) return 1;

  printf("Link: %s\n", buf);
  return 0;
}
