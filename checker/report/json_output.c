/*
 * json_output.c: serialising lockcheck's JSON documents (see json_output.h).
 */
#include "report/json_output.h"

void json_output_write(json_object *root, FILE *out)
{
    fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                                   JSON_C_TO_STRING_NOSLASHESCAPE),
          out);
    fputc('\n', out);
    json_object_put(root);
}
