/*
 * report_html.c: placeholder until the HTML view lands (see report_html.h).
 */
#include "report/report_html.h"

char *report_html(const struct finding_list *list, struct source_texts *texts, const char *dir)
{
    (void)list;
    (void)texts;
    return str_printf("%s: --format=html is not implemented yet", dir);
}
