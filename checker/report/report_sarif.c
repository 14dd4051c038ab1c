/*
 * report_sarif.c: the SARIF 2.1.0 view of the findings, shaped for GitHub
 * code scanning (see /work/shared/NOTES.md for the fields it requires):
 *   runs[0].tool.driver   name, version, informationUri, rules[] (every rule
 *                         of rules/rule_list.h, in table order)
 *   runs[0].results[]     ruleId, ruleIndex, level, message, one
 *                         physicalLocation relative to %SRCROOT%, the notes
 *                         as codeFlows and relatedLocations, and
 *                         partialFingerprints (report/fingerprint.h)
 *   runs[0].invocations[0] executionSuccessful, and the compile errors of
 *                         the files checked as toolExecutionNotifications
 *                         (descriptor clang-diagnostic-error, level error)
 *   regions               columns in code points, with their ends
 *                         (report/sarif_regions.c)
 */
#include "report/report.h"

#include "report/json_output.h"
#include "report/sarif_regions.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "report/rule_description.h"
#include "util/path.h"
#include "util/strings.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT "%SRCROOT%"
#define FINGERPRINT_KEY "lockcheck/v1"
#ifndef LOCKCHECK_INFORMATION_URI
#define LOCKCHECK_INFORMATION_URI "https://github.com/lockcheck/lockcheck"
#endif

static json_object *text_object(const char *key, const char *text)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, key, json_object_new_string(text));
    return o;
}

static json_object *rule_descriptor(const struct rule_description *rule)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "id", json_object_new_string(rule->id));
    json_object_object_add(o, "name", json_object_new_string(rule->id));
    json_object_object_add(o, "shortDescription", text_object("text", rule->short_description));
    json_object_object_add(o, "fullDescription", text_object("text", rule->full_description));
    char *help = str_printf("%s\n\nTo silence one finding, add `// NOLINT(%s)` on its line; to turn "
                            "the rule off, pass `--checks=-%s`.",
                            rule->full_description, rule->id, rule->id);
    json_object *help_object = text_object("text", help);
    json_object_object_add(help_object, "markdown", json_object_new_string(help));
    json_object_object_add(o, "help", help_object);
    free(help);
    json_object *config = text_object("level", "warning");
    json_object_object_add(o, "defaultConfiguration", config);
    return o;
}

static json_object *tool_object(const struct sarif_rules *known)
{
    json_object *rules = json_object_new_array();
    for (unsigned r = 0; r < known->count; r++)
        json_object_array_add(rules, rule_descriptor(known->items[r]));
    json_object *driver = json_object_new_object();
    json_object_object_add(driver, "name", json_object_new_string("lockcheck"));
    json_object_object_add(driver, "version", json_object_new_string(LOCKCHECK_VERSION));
    json_object_object_add(driver, "semanticVersion", json_object_new_string(LOCKCHECK_VERSION));
    json_object_object_add(driver, "informationUri",
                           json_object_new_string(LOCKCHECK_INFORMATION_URI));
    json_object_object_add(driver, "rules", rules);
    json_object *tool = json_object_new_object();
    json_object_object_add(tool, "driver", driver);
    return tool;
}

/* artifactLocation: relative to %SRCROOT% when inside the source root, an
 * absolute file: URI otherwise. */
static json_object *artifact_location(const char *file, const char *root_abs)
{
    json_object *o = json_object_new_object();
    char *rel = path_relative_to(root_abs, file);
    if (rel) {
        char *uri = path_uri_encode(rel);
        json_object_object_add(o, "uri", json_object_new_string(uri));
        json_object_object_add(o, "uriBaseId", json_object_new_string(SRCROOT));
        free(uri);
        free(rel);
    } else {
        char *abs = path_resolved(file);
        char *uri = path_file_uri(abs, false);
        json_object_object_add(o, "uri", json_object_new_string(uri));
        free(uri);
        free(abs);
    }
    return o;
}

static json_object *location(const struct source_pos *pos, const char *message,
                             const char *root_abs)
{
    json_object *region = json_object_new_object();
    json_object_object_add(region, "startLine", json_object_new_int64(pos->line));
    json_object_object_add(region, "startColumn", json_object_new_int64(pos->column ? pos->column : 1));
    json_object *physical = json_object_new_object();
    json_object_object_add(physical, "artifactLocation", artifact_location(pos->file, root_abs));
    json_object_object_add(physical, "region", region);
    json_object *o = json_object_new_object();
    json_object_object_add(o, "physicalLocation", physical);
    if (message)
        json_object_object_add(o, "message", text_object("text", message));
    return o;
}

/* The notes, then the finding itself, as one thread flow. */
static json_object *code_flows(const struct finding *f, const char *root_abs)
{
    json_object *steps = json_object_new_array();
    for (size_t n = 0; n < f->note_count; n++) {
        json_object *step = json_object_new_object();
        json_object_object_add(step, "location",
                               location(&f->notes[n].pos, f->notes[n].message, root_abs));
        json_object_array_add(steps, step);
    }
    json_object *last = json_object_new_object();
    json_object_object_add(last, "location", location(&f->pos, f->message, root_abs));
    json_object_array_add(steps, last);
    json_object *thread_flow = json_object_new_object();
    json_object_object_add(thread_flow, "locations", steps);
    json_object *thread_flows = json_object_new_array();
    json_object_array_add(thread_flows, thread_flow);
    json_object *flow = json_object_new_object();
    json_object_object_add(flow, "threadFlows", thread_flows);
    json_object *flows = json_object_new_array();
    json_object_array_add(flows, flow);
    return flows;
}

static json_object *related_locations(const struct finding *f, const char *root_abs)
{
    json_object *related = json_object_new_array();
    for (size_t n = 0; n < f->note_count; n++) {
        json_object *loc = location(&f->notes[n].pos, f->notes[n].message, root_abs);
        json_object_object_add(loc, "id", json_object_new_int64((int64_t)n + 1));
        json_object_array_add(related, loc);
    }
    return related;
}

/* A fix as SARIF has it: one insertion (an empty deleted region) into one
 * artifact. */
static json_object *fixes(const struct finding_fix *fix, const char *root_abs)
{
    json_object *region = json_object_new_object();
    json_object_object_add(region, "startLine", json_object_new_int64(fix->pos.line));
    json_object_object_add(region, "startColumn", json_object_new_int64(fix->pos.column));
    json_object_object_add(region, "endLine", json_object_new_int64(fix->pos.line));
    json_object_object_add(region, "endColumn", json_object_new_int64(fix->pos.column));
    json_object *replacement = json_object_new_object();
    json_object_object_add(replacement, "deletedRegion", region);
    json_object_object_add(replacement, "insertedContent", text_object("text", fix->text));
    json_object *replacements = json_object_new_array();
    json_object_array_add(replacements, replacement);
    json_object *change = json_object_new_object();
    json_object_object_add(change, "artifactLocation", artifact_location(fix->pos.file, root_abs));
    json_object_object_add(change, "replacements", replacements);
    json_object *changes = json_object_new_array();
    json_object_array_add(changes, change);
    json_object *o = json_object_new_object();
    json_object_object_add(o, "description", text_object("text", fix->description));
    json_object_object_add(o, "artifactChanges", changes);
    json_object *list = json_object_new_array();
    json_object_array_add(list, o);
    return list;
}

static int rule_index_of(const struct sarif_rules *known, const struct rule_description *rule)
{
    for (unsigned r = 0; r < known->count; r++)
        if (known->items[r] == rule)
            return (int)r;
    return -1;
}

static json_object *result_object(const struct finding *f, const struct sarif_rules *known,
                                  const char *root_abs)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "ruleId", json_object_new_string(f->rule));
    int index = rule_index_of(known, f->description);
    if (index >= 0)
        json_object_object_add(o, "ruleIndex", json_object_new_int(index));
    json_object_object_add(o, "level", json_object_new_string("warning"));
    json_object_object_add(o, "message", text_object("text", f->message));
    json_object *locations = json_object_new_array();
    json_object_array_add(locations, location(&f->pos, NULL, root_abs));
    json_object_object_add(o, "locations", locations);
    if (f->note_count > 0) {
        json_object_object_add(o, "codeFlows", code_flows(f, root_abs));
        json_object_object_add(o, "relatedLocations", related_locations(f, root_abs));
    }
    if (f->fingerprint)
        json_object_object_add(o, "partialFingerprints", text_object(FINGERPRINT_KEY, f->fingerprint));
    if (f->fix)
        json_object_object_add(o, "fixes", fixes(f->fix, root_abs));
    return o;
}

static json_object *original_uri_base_ids(const char *root_abs)
{
    char *uri = path_file_uri(root_abs, true);
    json_object *base = text_object("uri", uri);
    free(uri);
    json_object *o = json_object_new_object();
    json_object_object_add(o, SRCROOT, base);
    return o;
}

/* A compile error: not a result (no rule of lockcheck's found it) but a
 * notification about the run. */
static json_object *notification_object(const struct finding *f, const char *root_abs)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "descriptor", text_object("id", f->rule));
    json_object_object_add(o, "level", json_object_new_string("error"));
    json_object_object_add(o, "message", text_object("text", f->message));
    json_object *locations = json_object_new_array();
    json_object_array_add(locations, location(&f->pos, NULL, root_abs));
    json_object_object_add(o, "locations", locations);
    return o;
}

/* One result: its regions completed (report/sarif_regions.c) and, under
 * --baseline, whether the baseline has it. Those it has are kept (code
 * scanning shows them as dismissed) with an external suppression rather
 * than dropped. */
static json_object *sarif_result(const struct finding *f, const struct sarif_rules *known,
                                 struct source_texts *texts, const char *root_abs,
                                 const char *baseline_state)
{
    json_object *o = result_object(f, known, root_abs);
    sarif_complete_regions(o, f, texts);
    if (!baseline_state)
        return o;
    json_object_object_add(o, "baselineState", json_object_new_string(baseline_state));
    if (strcmp(baseline_state, "unchanged") == 0) {
        json_object *suppression = json_object_new_object();
        json_object_object_add(suppression, "kind", json_object_new_string("external"));
        json_object_object_add(suppression, "justification",
                               json_object_new_string("listed in the lockcheck baseline"));
        json_object *suppressions = json_object_new_array();
        json_object_array_add(suppressions, suppression);
        json_object_object_add(o, "suppressions", suppressions);
    }
    return o;
}

void report_sarif(const struct finding_list *list, const struct finding_list *baselined,
                  const struct sarif_rules *rules, struct source_texts *texts,
                  const char *source_root_abs,
                  bool execution_successful, FILE *out)
{
    json_object *results = json_object_new_array();
    json_object *notifications = json_object_new_array();
    for (size_t i = 0; i < list->count; i++) {
        const struct finding *f = &list->items[i];
        if (f->severity == FINDING_ERROR)
            json_object_array_add(notifications, notification_object(f, source_root_abs));
        else
            json_object_array_add(results, sarif_result(f, rules, texts, source_root_abs,
                                                        baselined ? "new" : NULL));
    }
    for (size_t i = 0; baselined && i < baselined->count; i++)
        json_object_array_add(results, sarif_result(&baselined->items[i], rules, texts, source_root_abs,
                                                    "unchanged"));
    json_object *invocation = json_object_new_object();
    json_object_object_add(invocation, "executionSuccessful",
                           json_object_new_boolean(execution_successful));
    if (json_object_array_length(notifications) > 0)
        json_object_object_add(invocation, "toolExecutionNotifications", notifications);
    else
        json_object_put(notifications);
    json_object *invocations = json_object_new_array();
    json_object_array_add(invocations, invocation);

    json_object *run = json_object_new_object();
    json_object_object_add(run, "tool", tool_object(rules));
    json_object_object_add(run, "originalUriBaseIds", original_uri_base_ids(source_root_abs));
    json_object_object_add(run, "columnKind", json_object_new_string(SARIF_COLUMN_KIND));
    json_object_object_add(run, "invocations", invocations);
    json_object_object_add(run, "results", results);
    json_object *runs = json_object_new_array();
    json_object_array_add(runs, run);

    json_object *root = json_object_new_object();
    json_object_object_add(root, "$schema", json_object_new_string(SARIF_SCHEMA));
    json_object_object_add(root, "version", json_object_new_string("2.1.0"));
    json_object_object_add(root, "runs", runs);
    json_output_write(root, out);
}
