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

/* Writes `text`, each byte that is not part of valid UTF-8 as \ufffd;
 * the valid runs between such bytes in one write each. */
static void write_valid_utf8(const char *text, FILE *out)
{
    size_t left = strlen(text);
    while (left > 0) {
        size_t run = 0, n;
        while (run < left && (n = utf8_sequence_length(text + run, left - run)) > 0)
            run += n;
        fwrite(text, 1, run, out);
        text += run;
        left -= run;
        if (left > 0) {
            fputs("\\ufffd", out);
            text++;
            left--;
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
