/* Character classes, one 256-entry table (RFC 9110 §5.6, RFC 3986 §2, RFC 8187 §3.2.1).
 * Each ASCII byte's classes are spelled out on its own line so that a reader can
 * check any rule against its RFC; bytes not listed have no class. */
#include "internal.h"

/* obs-text (0x80-0xFF) is qdtext and may follow '\' in a quoted-pair. */
#define OBS LH_QDTEXT | LH_QPAIR
#define OBS8 OBS, OBS, OBS, OBS, OBS, OBS, OBS, OBS
#define OBS64 OBS8, OBS8, OBS8, OBS8, OBS8, OBS8, OBS8, OBS8

const uint8_t linkhdr__cls[256] = {
    [0x00] = LH_CTL,
    [0x01] = LH_CTL,
    [0x02] = LH_CTL,
    [0x03] = LH_CTL,
    [0x04] = LH_CTL,
    [0x05] = LH_CTL,
    [0x06] = LH_CTL,
    [0x07] = LH_CTL,
    [0x08] = LH_CTL,
    [0x09] = LH_QDTEXT | LH_QPAIR | LH_OWS | LH_CTL,
    [0x0A] = LH_CTL,
    [0x0B] = LH_CTL,
    [0x0C] = LH_CTL,
    [0x0D] = LH_CTL,
    [0x0E] = LH_CTL,
    [0x0F] = LH_CTL,
    [0x10] = LH_CTL,
    [0x11] = LH_CTL,
    [0x12] = LH_CTL,
    [0x13] = LH_CTL,
    [0x14] = LH_CTL,
    [0x15] = LH_CTL,
    [0x16] = LH_CTL,
    [0x17] = LH_CTL,
    [0x18] = LH_CTL,
    [0x19] = LH_CTL,
    [0x1A] = LH_CTL,
    [0x1B] = LH_CTL,
    [0x1C] = LH_CTL,
    [0x1D] = LH_CTL,
    [0x1E] = LH_CTL,
    [0x1F] = LH_CTL,
    [0x20] = LH_QDTEXT | LH_QPAIR | LH_OWS,
    ['!'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['"'] = LH_QPAIR,
    ['#'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_ATTR,
    ['$'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['%'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR,
    ['&'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['\''] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['('] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    [')'] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['*'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['+'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    [','] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['-'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['.'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['/'] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['0'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['1'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['2'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['3'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['4'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['5'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['6'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['7'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['8'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['9'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    [':'] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    [';'] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['<'] = LH_QDTEXT | LH_QPAIR,
    ['='] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['>'] = LH_QDTEXT | LH_QPAIR,
    ['?'] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['@'] = LH_QDTEXT | LH_QPAIR | LH_PCHAR,
    ['A'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['B'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['C'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['D'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['E'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['F'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['G'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['H'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['I'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['J'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['K'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['L'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['M'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['N'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['O'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['P'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['Q'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['R'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['S'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['T'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['U'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['V'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['W'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['X'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['Y'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['Z'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['['] = LH_QDTEXT | LH_QPAIR,
    ['\\'] = LH_QPAIR,
    [']'] = LH_QDTEXT | LH_QPAIR,
    ['^'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_ATTR,
    ['_'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['`'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_ATTR,
    ['a'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['b'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['c'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['d'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['e'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['f'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_HEX | LH_ATTR,
    ['g'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['h'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['i'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['j'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['k'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['l'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['m'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['n'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['o'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['p'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['q'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['r'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['s'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['t'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['u'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['v'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['w'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['x'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['y'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['z'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    ['{'] = LH_QDTEXT | LH_QPAIR,
    ['|'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_ATTR,
    ['}'] = LH_QDTEXT | LH_QPAIR,
    ['~'] = LH_TCHAR | LH_QDTEXT | LH_QPAIR | LH_PCHAR | LH_ATTR,
    [0x7F] = LH_CTL,
    /* 0x80-0xFF: obs-text */
    [0x80] = OBS64, OBS64,
};

/* HEXDIG value, -1 for other bytes. */
const int8_t linkhdr__hexval[256] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x00 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x10 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x20 */
     0,  1,  2,  3,  4,  5,  6,  7,  8,  9, -1, -1, -1, -1, -1, -1, /* 0x30 */
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x40 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x50 */
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x60 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x70 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x80 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0x90 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0xA0 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0xB0 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0xC0 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0xD0 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0xE0 */
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, /* 0xF0 */
};
