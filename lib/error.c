/* Status codes: stable names and static messages (include/linkhdr.h §1). */
#include "linkhdr.h"

#include <stddef.h>

struct code_info {
  int code;
  const char *name;
  const char *message;
};

/* Keep in the order of enum linkhdr_status; the values themselves never change. */
static const struct code_info codes[] = {
    {LINKHDR_OK, "OK", "success"},
    {LINKHDR_DONE, "DONE", "no more items"},
    {LINKHDR_E_EXPECTED_LINK, "EXPECTED_LINK", "expected '<' to start a link-value"},
    {LINKHDR_E_TARGET_UNTERMINATED, "TARGET_UNTERMINATED", "link target has no closing '>'"},
    {LINKHDR_E_TARGET_CHAR, "TARGET_CHAR", "byte not allowed in a URI-Reference"},
    {LINKHDR_E_TARGET_PCT, "TARGET_PCT", "'%' not followed by two hex digits in target"},
    {LINKHDR_E_TARGET_FRAGMENT, "TARGET_FRAGMENT", "second '#' in target"},
    {LINKHDR_E_TARGET_BRACKET, "TARGET_BRACKET", "'[' or ']' outside an IP literal in target"},
    {LINKHDR_E_TARGET_COLON, "TARGET_COLON",
     "':' in the first segment of a relative reference"},
    {LINKHDR_E_TARGET_AUTHORITY, "TARGET_AUTHORITY",
     "malformed authority (userinfo, host, IP literal or port) in target"},
    {LINKHDR_E_EXPECTED_SEPARATOR, "EXPECTED_SEPARATOR", "expected ';', ',' or end of value"},
    {LINKHDR_E_EXPECTED_NAME, "EXPECTED_NAME", "expected a parameter name (token) after ';'"},
    {LINKHDR_E_EXPECTED_VALUE, "EXPECTED_VALUE",
     "expected a token or quoted-string after '='"},
    {LINKHDR_E_QUOTE_UNTERMINATED, "QUOTE_UNTERMINATED", "quoted-string has no closing '\"'"},
    {LINKHDR_E_QUOTE_CHAR, "QUOTE_CHAR", "control character in quoted-string"},
    {LINKHDR_E_EXT_SYNTAX, "EXT_SYNTAX", "malformed RFC 8187 ext-value"},
    {LINKHDR_E_EXT_CHARSET, "EXT_CHARSET", "ext-value charset is not UTF-8 or ISO-8859-1"},
    {LINKHDR_E_EXT_UTF8, "EXT_UTF8", "ext-value is not valid UTF-8"},
    {LINKHDR_E_EXT_LANGUAGE, "EXT_LANGUAGE", "ext-value language is not a valid language tag"},
    {LINKHDR_E_NOSPACE, "NOSPACE", "output buffer too small"},
    {LINKHDR_E_ARG, "ARG", "invalid argument"},
    {LINKHDR_E_NAME, "NAME", "parameter name is not a token"},
    {LINKHDR_E_CTL, "CTL", "control character in input"},
};

static const struct code_info *find(int code) {
  size_t i;
  for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (codes[i].code == code) return &codes[i];
  return NULL;
}

const char *linkhdr_strerror(int code) {
  const struct code_info *c = find(code);
  return c ? c->message : "unknown status";
}

const char *linkhdr_code_name(int code) {
  const struct code_info *c = find(code);
  return c ? c->name : NULL;
}
