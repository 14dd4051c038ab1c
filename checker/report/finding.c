/*
 * finding.c: the finding list every analysis reports into (see finding.h).
 */
#include "report/finding.h"

#include <stdlib.h>
#include <string.h>

#include "report/rule_description.h"
#include "util/memory.h"

static struct source_pos pos_copy(struct source_pos pos)
{
    struct source_pos copy = pos;
    copy.file = xstrdup(pos.file ? pos.file : "<unknown>");
    return copy;
}

const struct rule_description compile_error_rule = {
    .id = COMPILE_ERROR_RULE,
    .short_description = "a compile error in a checked file",
    .full_description = "clang could not compile the file; lockcheck analysed what it could build.",
};

struct finding *finding_begin(struct finding_list *list, const struct rule_description *rule,
                              struct source_pos pos, const char *message)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 16;
        list->items = xrealloc(list->items, list->capacity * sizeof *list->items);
    }
    struct finding *f = &list->items[list->count++];
    memset(f, 0, sizeof *f);
    f->rule = rule->id;
    f->description = rule;
    f->pos = pos_copy(pos);
    f->message = xstrdup(message);
    return f;
}

void finding_add_note(struct finding *f, struct source_pos pos, const char *message)
{
    f->notes = xrealloc(f->notes, (f->note_count + 1) * sizeof *f->notes);
    f->notes[f->note_count].pos = pos_copy(pos);
    f->notes[f->note_count].message = xstrdup(message);
    f->note_count++;
}

void finding_add_compile_error(struct finding_list *list, struct source_pos pos,
                               const char *message)
{
    finding_begin(list, &compile_error_rule, pos, message)->severity = FINDING_ERROR;
}

void finding_list_take_errors(struct finding_list *list, struct finding_list *errors)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (list->items[i].severity != FINDING_ERROR) {
            list->items[kept++] = list->items[i];
            continue;
        }
        ARRAY_RESERVE(errors->items, errors->capacity, errors->count + 1);
        errors->items[errors->count++] = list->items[i];
    }
    list->count = kept;
}

void finding_list_merge(struct finding_list *into, struct finding_list *from)
{
    for (size_t i = 0; i < from->count; i++) {
        if (into->count == into->capacity) {
            into->capacity = into->capacity ? into->capacity * 2 : 16;
            into->items = xrealloc(into->items, into->capacity * sizeof *into->items);
        }
        into->items[into->count++] = from->items[i];
    }
    free(from->items);
    memset(from, 0, sizeof *from);
}

int source_pos_compare(const struct source_pos *a, const struct source_pos *b)
{
    int c = strcmp(a->file, b->file);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return 0;
}

static int finding_compare(const void *pa, const void *pb)
{
    const struct finding *a = pa, *b = pb;
    int c = source_pos_compare(&a->pos, &b->pos);
    if (c)
        return c;
    if ((c = strcmp(a->rule, b->rule)))
        return c;
    if ((c = strcmp(a->message, b->message)))
        return c;
    size_t n = a->note_count < b->note_count ? a->note_count : b->note_count;
    for (size_t i = 0; i < n; i++) {
        if ((c = source_pos_compare(&a->notes[i].pos, &b->notes[i].pos)))
            return c;
        if ((c = strcmp(a->notes[i].message, b->notes[i].message)))
            return c;
    }
    return a->note_count < b->note_count ? -1 : a->note_count > b->note_count;
}

static void fix_free(struct finding_fix *fix)
{
    if (!fix)
        return;
    free(fix->pos.file);
    free(fix->text);
    free(fix->description);
    free(fix);
}

void finding_set_fix(struct finding *f, struct source_pos pos, const char *text, const char *description)
{
    fix_free(f->fix);
    f->fix = xcalloc(1, sizeof *f->fix);
    f->fix->pos = (struct source_pos){xstrdup(pos.file), pos.line, pos.column};
    f->fix->text = xstrdup(text);
    f->fix->description = xstrdup(description);
}

static void finding_free(struct finding *f)
{
    fix_free(f->fix);
    free(f->pos.file);
    free(f->message);
    for (size_t i = 0; i < f->note_count; i++) {
        free(f->notes[i].pos.file);
        free(f->notes[i].message);
    }
    free(f->notes);
    free(f->fingerprint);
}

void finding_list_sort_unique(struct finding_list *list)
{
    if (list->count == 0)
        return;
    qsort(list->items, list->count, sizeof *list->items, finding_compare);
    size_t kept = 1;
    for (size_t i = 1; i < list->count; i++) {
        if (finding_compare(&list->items[kept - 1], &list->items[i]) == 0)
            finding_free(&list->items[i]);
        else
            list->items[kept++] = list->items[i];
    }
    list->count = kept;
}

void finding_list_free(struct finding_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        finding_free(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

void finding_list_drop(struct finding_list *list, const bool *drop)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (!drop[i])
            list->items[kept++] = list->items[i];
        else
            finding_free(&list->items[i]);
    }
    list->count = kept;
}

void finding_list_filter(struct finding_list *list,
                         bool (*keep)(const struct finding *f, void *data), void *data)
{
    bool *drop = xcalloc(list->count + 1, sizeof *drop);
    for (size_t i = 0; i < list->count; i++)
        drop[i] = !keep(&list->items[i], data);
    finding_list_drop(list, drop);
    free(drop);
}
