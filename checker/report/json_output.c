/*
 * json_output.c: serialising lockcheck's JSON documents (see json_output.h).
 *
 * json-c copies a string's bytes as they are, so a file name that is not
 * UTF-8 (any byte sequence is a valid Linux path) would make the document
 * invalid JSON. Such bytes only occur inside strings (json-c writes the rest
 * in ASCII), so each byte of an invalid sequence is written as the escape
 * \ufffd, the Unicode replacement character.
 */
#include "report/json_output.h"

#include <stddef.h>

/* The length of the valid UTF-8 sequence at `s`, or 0 when it is not one
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_sequence_length(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t length = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
                                                : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
    for (size_t i = 1; i < length; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
        (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
        return 0;
    return length;
}

/* Writes `text`, each byte that is not part of valid UTF-8 as \ufffd. */
static void write_valid_utf8(const char *text, FILE *out)
{
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t n = utf8_sequence_length(p);
        if (n == 0) {
            fputs("\\ufffd", out);
            p++;
        } else {
            fwrite(p, 1, n, out);
            p += n;
        }
    }
}

void json_output_write(json_object *root, FILE *out)
{
    write_valid_utf8(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                                              JSON_C_TO_STRING_NOSLASHESCAPE),
                     out);
    fputc('\n', out);
    json_object_put(root);
}
