/*
 * report_json.c: the JSON view of the findings, for scripts and editors.
 * The schema is documented in docs/json-format.md; keep the two in step.
 */
#include "report/report.h"

#include "report/json_output.h"

#include <json-c/json.h>

#define JSON_FORMAT_VERSION 1

static void add_position(json_object *o, const struct source_pos *pos)
{
    json_object_object_add(o, "file", json_object_new_string(pos->file));
    json_object_object_add(o, "line", json_object_new_int64(pos->line));
    json_object_object_add(o, "column", json_object_new_int64(pos->column));
}

static json_object *finding_object(const struct finding *f)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "rule", json_object_new_string(f->rule));
    json_object_object_add(o, "message", json_object_new_string(f->message));
    add_position(o, &f->pos);
    json_object_object_add(o, "fingerprint", json_object_new_string(f->fingerprint ? f->fingerprint : ""));
    json_object *notes = json_object_new_array();
    for (size_t n = 0; n < f->note_count; n++) {
        json_object *note = json_object_new_object();
        json_object_object_add(note, "message", json_object_new_string(f->notes[n].message));
        add_position(note, &f->notes[n].pos);
        json_object_array_add(notes, note);
    }
    json_object_object_add(o, "notes", notes);
    json_object_object_add(o, "severity",
                           json_object_new_string(f->severity == FINDING_ERROR ? "error" : "warning"));
    if (f->fix) {
        json_object *fix = json_object_new_object();
        json_object_object_add(fix, "description", json_object_new_string(f->fix->description));
        json_object_object_add(fix, "insert", json_object_new_string(f->fix->text));
        add_position(fix, &f->fix->pos);
        json_object_object_add(o, "fix", fix);
    }
    return o;
}

void report_json(const struct finding_list *list, FILE *out)
{
    json_object *root = json_object_new_object();
    json_object *tool = json_object_new_object();
    json_object_object_add(tool, "name", json_object_new_string("lockcheck"));
    json_object_object_add(tool, "version", json_object_new_string(LOCKCHECK_VERSION));
    json_object_object_add(root, "version", json_object_new_int(JSON_FORMAT_VERSION));
    json_object_object_add(root, "tool", tool);
    json_object *findings = json_object_new_array();
    for (size_t i = 0; i < list->count; i++)
        json_object_array_add(findings, finding_object(&list->items[i]));
    json_object_object_add(root, "findings", findings);
    json_output_write(root, out);
}
