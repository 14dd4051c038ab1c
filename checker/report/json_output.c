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
#include <string.h>

#include "util/strings.h"

/* Writes `text`, each byte that is not part of valid UTF-8 as \ufffd. */
static void write_valid_utf8(const char *text, FILE *out)
{
    size_t left = strlen(text);
    while (left > 0) {
        size_t n = utf8_sequence_length(text, left);
        if (n == 0) {
            fputs("\\ufffd", out);
            n = 1;
        } else {
            fwrite(text, 1, n, out);
        }
        text += n;
        left -= n;
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
