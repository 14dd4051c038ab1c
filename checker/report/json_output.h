/*
 * json_output.h: how every JSON document lockcheck writes (the JSON and
 * SARIF reports, the baseline) is serialised: json-c, pretty-printed, with
 * `/` left unescaped, bytes that are not UTF-8 escaped as U+FFFD (the
 * document is always valid UTF-8), and a final newline.
 */
#ifndef LOCKCHECK_JSON_OUTPUT_H
#define LOCKCHECK_JSON_OUTPUT_H

#include <json-c/json.h>
#include <stdio.h>

/* Writes `root` to `out` and releases it. */
void json_output_write(json_object *root, FILE *out);

#endif
