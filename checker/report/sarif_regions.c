/*
 * sarif_regions.c: ends and code-point columns for SARIF regions (see
 * sarif_regions.h). Works on the finished result object: each region is
 * matched to the finding's or a note's position by its start line and
 * column, so it does not depend on where in the result the region sits.
 */
#include "report/sarif_regions.h"

#include <string.h>

#include "report/source_text.h"

static int64_t int_member(json_object *o, const char *key)
{
    json_object *v;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : 0;
}

/* The finding's or a note's position starting at line:column. */
static const struct source_pos *position_at(const struct finding *f, int64_t line, int64_t column)
{
    if (f->pos.line == line && (f->pos.column ? f->pos.column : 1) == column)
        return &f->pos;
    for (size_t n = 0; n < f->note_count; n++) {
        const struct source_pos *p = &f->notes[n].pos;
        if (p->line == line && (p->column ? p->column : 1) == column)
            return p;
    }
    return NULL;
}

static void complete_region(json_object *region, const struct finding *f, struct source_texts *texts)
{
    const struct source_pos *pos = position_at(f, int_member(region, "startLine"),
                                               int_member(region, "startColumn"));
    unsigned start, end;
    if (!pos || !source_texts_token_span(texts, pos->file, pos->line, pos->column, &start, &end))
        return;
    json_object_object_add(region, "startColumn", json_object_new_int64(start));
    json_object_object_add(region, "endLine", json_object_new_int64(pos->line));
    json_object_object_add(region, "endColumn", json_object_new_int64(end));
}

static void walk(json_object *o, const struct finding *f, struct source_texts *texts)
{
    if (json_object_is_type(o, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(o); i++)
            walk(json_object_array_get_idx(o, i), f, texts);
        return;
    }
    if (!json_object_is_type(o, json_type_object))
        return;
    json_object_object_foreach(o, key, value)
    {
        if (strcmp(key, "region") == 0 && json_object_is_type(value, json_type_object))
            complete_region(value, f, texts);
        else
            walk(value, f, texts);
    }
}

static const char *string_at(json_object *o, const char *key, const char *inner)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v))
        return NULL;
    if (inner && !json_object_object_get_ex(v, inner, &v))
        return NULL;
    return json_object_get_string(v);
}

bool sarif_result_is_of(json_object *result, const struct finding *f)
{
    const char *rule = string_at(result, "ruleId", NULL);
    const char *message = string_at(result, "message", "text");
    return rule && message && strcmp(rule, f->rule) == 0 && strcmp(message, f->message) == 0;
}

void sarif_complete_regions(json_object *result, const struct finding *f, struct source_texts *texts)
{
    if (texts)
        walk(result, f, texts);
}
