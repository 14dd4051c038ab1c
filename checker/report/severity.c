/*
 * severity.c: warning or error, per finding (see severity.h).
 */
#include "report/severity.h"

#include <string.h>

#include "util/glob.h"

bool rule_in_globs(const char *globs, const char *rule)
{
    bool selected = false;
    const char *cursor = globs ? globs : "", *item;
    size_t len;
    while (glob_list_next(&cursor, &item, &len)) {
        bool negative = item[0] == '-';
        if (negative)
            item++, len--;
        if (glob_match_n(item, len, rule))
            selected = !negative;
    }
    return selected;
}

/* The severity the finding carries itself. Findings made by the rules are
 * warnings; a finding kind that is an error (compile errors) answers here. */
static bool finding_is_error_itself(const struct finding *f)
{
    return f->severity == FINDING_ERROR;
}

bool finding_promoted(const struct finding *f, const char *warnings_as_errors)
{
    return !finding_is_error_itself(f) && rule_in_globs(warnings_as_errors, f->rule);
}

const char *finding_severity_word(const struct finding *f, const char *warnings_as_errors)
{
    if (finding_is_error_itself(f) || finding_promoted(f, warnings_as_errors))
        return "error";
    return "warning";
}

size_t finding_error_count(const struct finding_list *list, const char *warnings_as_errors)
{
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++)
        n += strcmp(finding_severity_word(&list->items[i], warnings_as_errors), "error") == 0;
    return n;
}
