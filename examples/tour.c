/* A tour of the linkhdr API; README.md shows the same code. Compiled in
 * every build so that it stays true. */
#include <linkhdr.h>

#include <stdio.h>
#include <string.h>

/* 1. Walk the link-values of one field value; stop at the first error and
 *    say where it is. */
static void list_links(const char *value) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param param;
  int rc;

  linkhdr_parser_init(&p, value, strlen(value), LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &link)) == LINKHDR_OK) {
    printf("<%.*s>\n", (int)link.target.len, link.target.base);
    while ((rc = linkhdr_next_param(&p, &param)) == LINKHDR_OK)
      printf("  %.*s\n", (int)param.name.len, param.name.base);
    if (rc < 0) break;
  }
  if (rc < 0) {
    linkhdr_error e = linkhdr_parser_error(&p);
    printf("error at offset %zu: %s (%s)\n", e.offset, linkhdr_strerror(e.code),
           linkhdr_code_name(e.code));
  }
}

/* 2. Per-link recovery: drop a bad link-value, keep the good ones. A link is
 *    only good once all of its parameters have been read. */
static void preload_targets(const char *value) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param param;
  int rc, preload;

  linkhdr_parser_init(&p, value, strlen(value), LINKHDR_STRICT);
  while ((rc = linkhdr_next_link(&p, &link)) != LINKHDR_DONE) {
    preload = 0;
    while (rc == LINKHDR_OK && (rc = linkhdr_next_param(&p, &param)) == LINKHDR_OK)
      if (linkhdr_view_eq(param.name, "rel") && linkhdr_view_eq(param.value, "preload"))
        preload = 1;
    if (rc < 0) {
      printf("skipped a link-value: %s at offset %zu\n", linkhdr_strerror(rc),
             linkhdr_parser_error(&p).offset);
      linkhdr_recover(&p);
    } else if (preload) {
      printf("preload %.*s\n", (int)link.target.len, link.target.base);
    }
  }
}

/* 3. A value as text: quoted-pairs removed, `title*` decoded to UTF-8. It
 *    never needs more than param.value.len bytes (else LINKHDR_E_NOSPACE). */
static void print_titles(const char *value) {
  linkhdr_parser p;
  linkhdr_link link;
  linkhdr_param param;
  char text[256];
  size_t len;

  linkhdr_parser_init(&p, value, strlen(value), LINKHDR_STRICT);
  while (linkhdr_next_link(&p, &link) == LINKHDR_OK)
    while (linkhdr_next_param(&p, &param) == LINKHDR_OK)
      if ((linkhdr_view_eq(param.name, "title") || linkhdr_view_eq(param.name, "title*")) &&
          linkhdr_param_value(&param, text, sizeof text, &len) == LINKHDR_OK)
        printf("%.*s: %.*s\n", (int)param.name.len, param.name.base, (int)len, text);
}

/* 4. Build a header value. Everything is validated before a byte is written,
 *    so a target with CR LF in it cannot inject a header. */
static void build(void) {
  char buf[256];
  size_t len = 0;
  linkhdr_error err;
  const linkhdr_attr css[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_PARAM("as", "style")};
  const linkhdr_attr font[] = {LINKHDR_PARAM("rel", "preload"), LINKHDR_PARAM("as", "font"),
                               LINKHDR_PARAM("type", "font/woff2"), LINKHDR_FLAG("crossorigin")};
  const char *evil = "/x>\r\nSet-Cookie: a=b";

  linkhdr_append(buf, sizeof buf, &len, "/css/style.css", strlen("/css/style.css"), css, 2, 0,
                 &err);
  linkhdr_append(buf, sizeof buf, &len, "/fonts/a.woff2", strlen("/fonts/a.woff2"), font, 4, 0,
                 &err);
  printf("Link: %s\n", buf);

  if (linkhdr_append(buf, sizeof buf, &len, evil, strlen(evil), css, 2, 0, &err) != LINKHDR_OK)
    printf("refused: %s at offset %zu of item %zu\n", linkhdr_strerror(err.code), err.offset,
           err.item);
}

int main(void) {
  list_links("</a>; rel=next; title=\"A\", </b>; rel=prev; as=font/woff2");
  preload_targets("</css/a.css>; rel=preload; as=style, </bad target>; rel=preload, "
                  "</js/b.js>; rel=preload; as=script");
  print_titles("</ch2>; title=\"Chapter \\\"2\\\"\"; title*=UTF-8'de'Kapitel%20%E2%91%A1");
  build();
  return 0;
}
