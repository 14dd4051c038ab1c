/*
 * report_text.c: the human (and editor / CI log) view of the findings:
 *   FILE:LINE:COL: warning: MESSAGE [RULE]
 *   FILE:LINE:COL: note: MESSAGE
 * the shape gcc and clang use, so editors' error formats pick it up.
 */
#include "report/finding.h"

void report_text(const struct finding_list *list, FILE *out)
{
    for (size_t i = 0; i < list->count; i++) {
        const struct finding *f = &list->items[i];
        fprintf(out, "%s:%u:%u: %s: %s [%s]\n", f->pos.file, f->pos.line, f->pos.column,
                f->severity == FINDING_ERROR ? "error" : "warning", f->message, f->rule);
        for (size_t n = 0; n < f->note_count; n++) {
            const struct finding_note *note = &f->notes[n];
            fprintf(out, "%s:%u:%u: note: %s\n", note->pos.file, note->pos.line,
                    note->pos.column, note->message);
        }
    }
}
