/*
 * sarif_regions.h: SARIF regions as viewers want them: columns in Unicode
 * code points (the run says "columnKind": "unicodeCodePoints"; libclang's
 * columns are bytes) and an end (endLine, endColumn just after the token at
 * the location: the call, the keyword, the variable).
 */
#ifndef LOCKCHECK_SARIF_REGIONS_H
#define LOCKCHECK_SARIF_REGIONS_H

#include <json-c/json.h>
#include <stdbool.h>

#include "report/finding.h"

#define SARIF_COLUMN_KIND "unicodeCodePoints"

struct source_texts;

/* Completes every region under `result` (the SARIF result of `f`: its
 * location, code flow and related locations) from the files' text. A
 * region whose line cannot be read keeps its start only. */
void sarif_complete_regions(json_object *result, const struct finding *f, struct source_texts *texts);

#endif
