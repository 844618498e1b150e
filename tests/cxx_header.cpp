// The public header compiles as C++ and links against the C library.
#include "linkhdr.h"

int main() {
  linkhdr_parser p;
  linkhdr_link link;
  const char v[] = "</a>; rel=next";
  linkhdr_parser_init(&p, v, sizeof v - 1, LINKHDR_STRICT);
  return linkhdr_next_link(&p, &link) == LINKHDR_OK ? 0 : 1;
}
