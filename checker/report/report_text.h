/*
 * report_text.h: the terminal view of the findings, shaped like clang's
 * diagnostics:
 *
 *   FILE:LINE:COL: warning: MESSAGE [RULE]
 *       LINE | source text of the line
 *            |     ^~~~~
 *   FILE:LINE:COL: note: 1: MESSAGE
 *       ...
 *
 * Under each warning and note: its source line, a caret at its column and
 * `~` under the expression the message quotes when it is written on that
 * line (the lock expression, the function called). Notes are numbered in
 * path order. Colours, when asked for, are clang's. The one-line form
 * (no source lines, no numbers) is the format editors and older tools parse.
 */
#ifndef LOCKCHECK_REPORT_TEXT_H
#define LOCKCHECK_REPORT_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "report/finding.h"

struct source_texts;

struct text_style {
    bool one_line;                  /* --one-line: no source lines, no note numbers */
    bool color;                     /* ANSI colours as clang prints them */
    const char *warnings_as_errors; /* globs: these rules print as errors */
    struct source_texts *sources;   /* the files' texts; NULL: no source lines */
};

void report_text_styled(const struct finding_list *list, const struct text_style *style, FILE *out);

#endif
