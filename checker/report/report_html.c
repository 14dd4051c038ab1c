/*
 * report_html.c: the browser view of the findings (see report_html.h).
 *
 * index.html is a static table (every finding is there without script); a
 * small inline script sorts it by a clicked column and filters it by rule and
 * file (also from the address: index.html#rule=double-lock&file=a.c&sort=line).
 * finding-N.html shows the source around the finding: the function that
 * contains it, found from the text (from the line opening it at column 0 to
 * its closing brace at column 0; a few lines of context when the layout is
 * not that), and, for steps in other files, a few lines around each. Each
 * step's line is highlighted and followed by a numbered bubble with the
 * step's message and links to the previous and next steps; the finding's
 * message comes last, at its line.
 */
#include "report/report_html.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/severity.h"
#include "report/source_text.h"
#include "report/rule_description.h"
#include "util/memory.h"
#include "util/strings.h"

/* How far to look for the enclosing function's first and last lines. */
#define FUNCTION_SCAN_LINES 400
#define CONTEXT_LINES 3
/* A longer line (minified or generated code) shows this many bytes on each
 * side of its marks, or its start when it has none: every page showing it
 * whole made the report its length times the findings on it. */
#define LINE_WINDOW 512

static const char STYLE[] =
    "body{font-family:sans-serif;margin:1.5em;color:#222}"
    "h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}"
    "table{border-collapse:collapse}"
    "th,td{padding:.25em .6em;text-align:left;vertical-align:top}"
    "table.findings th{cursor:pointer;background:#eee;border-bottom:1px solid #999}"
    "table.findings tr:nth-child(even){background:#f7f7f7}"
    "table.source{font-family:monospace;white-space:pre;width:100%}"
    "table.source td.ln{color:#888;text-align:right;user-select:none;width:4em}"
    "tr.step-line td.code{background:#fff3b0}"
    "tr.finding-line td.code{background:#ffd6d6}"
    "tr.bubble td{padding:.2em .6em .4em 2em;font-family:sans-serif;white-space:normal}"
    "tr.bubble div{display:inline-block;border:1px solid #c9a400;background:#fffbe0;"
    "border-radius:4px;padding:.2em .6em}"
    "tr.bubble.finding div{border-color:#c00;background:#ffecec;font-weight:bold}"
    "span.num{display:inline-block;min-width:1.4em;text-align:center;border-radius:.7em;"
    "background:#c9a400;color:#fff;font-weight:bold;margin-right:.4em}"
    "a.nav{margin-left:.6em;font-size:.9em}"
    "p.file{font-family:monospace;margin:.8em 0 .2em}"
    "div.explain{border-left:4px solid #999;padding:.2em 1em;background:#f4f4f4}";

/* Sorting and filtering of index.html; data-ready tells tests it ran. */
static const char INDEX_SCRIPT[] =
    "(function(){\n"
    "var table=document.getElementById('findings');\n"
    "var body=table.tBodies[0];\n"
    "var rows=Array.prototype.slice.call(body.rows);\n"
    "function fill(id,key){var sel=document.getElementById(id);var seen={};\n"
    " rows.forEach(function(r){seen[r.dataset[key]]=1;});\n"
    " Object.keys(seen).sort().forEach(function(v){var o=document.createElement('option');\n"
    "  o.value=v;o.textContent=v;sel.appendChild(o);});\n"
    " sel.addEventListener('change',apply);}\n"
    "function apply(){var rule=document.getElementById('rule-filter').value;\n"
    " var file=document.getElementById('file-filter').value;var shown=0;\n"
    " rows.forEach(function(r){var keep=(!rule||r.dataset.rule===rule)&&(!file||r.dataset.file===file);\n"
    "  r.hidden=!keep;if(keep)shown++;});\n"
    " document.getElementById('shown').textContent=shown;}\n"
    "function sortBy(col,numeric){var dir=table.dataset.sortCol==col&&table.dataset.sortDir=='asc'?-1:1;\n"
    " rows.sort(function(a,b){var x=a.cells[col].textContent,y=b.cells[col].textContent;\n"
    "  var c=numeric?(+x)-(+y):x.localeCompare(y);return c*dir;});\n"
    " rows.forEach(function(r){body.appendChild(r);});\n"
    " table.dataset.sortCol=col;table.dataset.sortDir=dir>0?'asc':'desc';}\n"
    "Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){\n"
    " th.addEventListener('click',function(){sortBy(i,th.dataset.numeric==='1');});});\n"
    "fill('rule-filter','rule');fill('file-filter','file');\n"
    "var hash=new URLSearchParams(location.hash.slice(1));\n"
    "if(hash.get('rule'))document.getElementById('rule-filter').value=hash.get('rule');\n"
    "if(hash.get('file'))document.getElementById('file-filter').value=hash.get('file');\n"
    "Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){\n"
    " if(th.textContent===hash.get('sort'))sortBy(i,th.dataset.numeric==='1');});\n"
    "apply();document.body.dataset.ready='1';\n"
    "})();\n";

static void put_escaped_n(FILE *out, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (text[i]) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '\0': fputs("&#xfffd;", out); break;
        default:
            if ((unsigned char)text[i] < 0x80) {
                fputc(text[i], out);
                break;
            }
            /* The pages say charset=utf-8: the bytes of a Latin-1 comment
             * or file name show as U+FFFD, as in JSON. */
            size_t length = utf8_sequence_length(text + i, n - i);
            if (length == 0)
                fputs("&#xfffd;", out);
            else
                fwrite(text + i, 1, length, out);
            i += length ? length - 1 : 0;
        }
    }
}

static void put_escaped(FILE *out, const char *text)
{
    put_escaped_n(out, text, strlen(text));
}

static void page_start(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n<title>",
          out);
    put_escaped(out, title);
    fprintf(out, "</title>\n<style>%s</style></head>\n<body>\n", STYLE);
}

/* ---- index.html ---- */

struct rule_count {
    const char *rule;
    size_t count;
};

static void index_rule_counts(FILE *out, const struct finding_list *list)
{
    struct rule_count *counts = xcalloc(list->count + 1, sizeof *counts);
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        size_t k = 0;
        while (k < n && strcmp(counts[k].rule, list->items[i].rule) != 0)
            k++;
        if (k == n)
            counts[n++] = (struct rule_count){list->items[i].rule, 0};
        counts[k].count++;
    }
    fputs("<h2>Findings by rule</h2>\n<table class=\"counts\" id=\"rule-counts\">\n", out);
    for (size_t k = 0; k < n; k++) {
        fputs("<tr><td class=\"rule\">", out);
        put_escaped(out, counts[k].rule);
        fprintf(out, "</td><td class=\"count\">%zu</td></tr>\n", counts[k].count);
    }
    fputs("</table>\n", out);
    free(counts);
}

static void index_row(FILE *out, const struct finding *f, size_t number, const char *promote)
{
    fputs("<tr class=\"finding\" data-rule=\"", out);
    put_escaped(out, f->rule);
    fputs("\" data-file=\"", out);
    put_escaped(out, f->pos.file);
    fprintf(out, "\"><td>%zu</td><td>%s</td><td>", number, finding_severity_word(f, promote));
    put_escaped(out, f->rule);
    fputs("</td><td>", out);
    put_escaped(out, f->pos.file);
    fprintf(out, "</td><td>%u</td><td><a href=\"finding-%zu.html\">", f->pos.line, number);
    put_escaped(out, f->message);
    fputs("</a></td></tr>\n", out);
}

static void write_index(FILE *out, const struct finding_list *list, const char *promote)
{
    page_start(out, "lockcheck report");
    fprintf(out, "<h1>lockcheck: %zu finding%s</h1>\n", list->count, list->count == 1 ? "" : "s");
    index_rule_counts(out, list);
    fputs("<h2>Findings</h2>\n<p>Rule <select id=\"rule-filter\"><option value=\"\">all</option>"
          "</select> File <select id=\"file-filter\"><option value=\"\">all</option></select> "
          "showing <span id=\"shown\"></span>; click a column to sort.</p>\n"
          "<table class=\"findings\" id=\"findings\"><thead><tr><th data-numeric=\"1\">#</th>"
          "<th>severity</th><th>rule</th><th>file</th><th data-numeric=\"1\">line</th>"
          "<th>message</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t i = 0; i < list->count; i++)
        index_row(out, &list->items[i], i + 1, promote);
    fprintf(out, "</tbody></table>\n<script>%s</script>\n</body></html>\n", INDEX_SCRIPT);
}

/* ---- finding-N.html ---- */

/* One marked line: a step (note number >= 1) or the finding (0). */
struct mark {
    const struct source_pos *pos;
    const char *message;
    size_t step;            /* 1-based note number; 0 for the finding */
};

struct marks {
    struct mark *items;     /* path order: notes, then the finding */
    size_t count;
    size_t total_steps;     /* notes */
};

static bool is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            return false;
    return true;
}

/* A line that starts at column 0 (not blank, not indented). */
static bool at_column_0(const char *text, size_t len)
{
    return text && len > 0 && text[0] != ' ' && text[0] != '\t';
}

/* A column-0 line that ends a declaration or a function ("};", "}",
 * "int x;"): the function being looked for does not extend past it. */
static bool ends_declaration(const char *text, size_t len)
{
    return at_column_0(text, len) && text[0] != '#' && (text[len - 1] == ';' || text[len - 1] == '}');
}

/* The first line of the function around `line`: the column-0 line that
 * opens its body ("{", or a signature ending with "{"; the line itself when
 * it holds a whole one-line function), then back over its signature to the
 * blank line, `;`, `}` or `#` line before it. 0 when the layout is not that. */
static unsigned function_first_line(struct source_texts *texts, const char *file, unsigned line)
{
    size_t len;
    const char *text = source_texts_line(texts, file, line, &len);
    if (at_column_0(text, len) && memchr(text, '{', len))
        return line;
    unsigned open = 0;
    for (unsigned l = line; l >= 1 && l + FUNCTION_SCAN_LINES > line && !open; l--) {
        text = source_texts_line(texts, file, l, &len);
        if (at_column_0(text, len) && text[len - 1] == '{')
            open = l;
        else if (l != line && ends_declaration(text, len))
            return 0;
    }
    unsigned first = open;
    while (first > 1 && (text = source_texts_line(texts, file, first - 1, &len)) && !is_blank(text, len) &&
           text[len - 1] != ';' && text[len - 1] != '}' && text[0] != '#' && open - first < 10)
        first--;
    return first;
}

/* The line of the function's closing brace at column 0, from `line` down
 * (the line itself for a one-line function); 0 when another declaration
 * starts first. */
static unsigned function_last_line(struct source_texts *texts, const char *file, unsigned line)
{
    unsigned count = source_texts_line_count(texts, file);
    size_t len;
    for (unsigned l = line; l <= count && l < line + FUNCTION_SCAN_LINES; l++) {
        const char *text = source_texts_line(texts, file, l, &len);
        if (at_column_0(text, len) && (text[0] == '}' || (l == line && text[len - 1] == '}')))
            return l;
        if (l != line && at_column_0(text, len) && text[0] != '#' && !memchr(text, ':', len))
            return 0;
    }
    return 0;
}

/* A link from the mark at `index` to the one before (backwards) or after. */
static void step_link(FILE *out, const struct marks *marks, size_t index, const char *label,
                      bool backwards)
{
    if (backwards ? index == 0 : index + 1 >= marks->count)
        return;
    const struct mark *to = &marks->items[backwards ? index - 1 : index + 1];
    if (to->step)
        fprintf(out, "<a class=\"nav\" href=\"#step-%zu\">%s</a>", to->step, label);
    else
        fprintf(out, "<a class=\"nav\" href=\"#finding\">%s</a>", label);
}

static void write_bubble(FILE *out, const struct marks *marks, size_t index, const char *severity)
{
    const struct mark *m = &marks->items[index];
    if (m->step)
        fprintf(out, "<tr class=\"bubble step\" id=\"step-%zu\" data-step=\"%zu\" data-line=\"%u\">"
                     "<td></td><td><div><span class=\"num\">%zu</span>",
                m->step, m->step, m->pos->line, m->step);
    else
        fprintf(out, "<tr class=\"bubble finding\" id=\"finding\" data-line=\"%u\"><td></td><td><div>%s: ",
                m->pos->line, severity);
    put_escaped(out, m->message);
    step_link(out, marks, index, "&#8249; previous", true);
    step_link(out, marks, index, "next &#8250;", false);
    fputs("</div></td></tr>\n", out);
}

/* The line's class: the finding's line wins over a step's. */
static const char *line_class(const struct marks *marks, const char *file, unsigned line)
{
    const char *cls = "";
    for (size_t i = 0; i < marks->count; i++) {
        const struct mark *m = &marks->items[i];
        if (m->pos->line != line || strcmp(m->pos->file, file) != 0)
            continue;
        if (!m->step)
            return " class=\"finding-line\"";
        cls = " class=\"step-line\"";
    }
    return cls;
}

/* The bytes [*from, *to) of a line longer than 2 * LINE_WINDOW that are
 * shown: LINE_WINDOW bytes on each side of its marks (around the finding's
 * alone when they are far apart; the line's start when it has none), never
 * cutting a UTF-8 sequence. */
static void line_window(const struct marks *marks, const char *file, unsigned line, const char *text,
                        size_t len, size_t *from, size_t *to)
{
    if (!text || len <= 2 * LINE_WINDOW)
        return;
    size_t low = len, high = 0, own = len;
    for (size_t i = 0; i < marks->count; i++) {
        const struct source_pos *p = marks->items[i].pos;
        if (p->line != line || strcmp(p->file, file) != 0)
            continue;
        size_t at = p->column > 0 && p->column <= len ? p->column - 1 : 0;
        low = at < low ? at : low;
        high = at > high ? at : high;
        own = marks->items[i].step ? own : at;
    }
    if (low > high)
        low = high = 0;
    else if (high - low > 2 * LINE_WINDOW) /* marks far apart: around the finding's, if here */
        low = high = own < len ? own : high;
    *from = low > LINE_WINDOW ? low - LINE_WINDOW : 0;
    *to = high + LINE_WINDOW < len ? high + LINE_WINDOW : len;
    while (*from > 0 && ((unsigned char)text[*from] & 0xc0) == 0x80)
        (*from)--;
    while (*to < len && ((unsigned char)text[*to] & 0xc0) == 0x80)
        (*to)++;
}

static void write_source_block(FILE *out, struct source_texts *texts, const char *file, unsigned first,
                               unsigned last, const struct marks *marks, const char *severity)
{
    fputs("<p class=\"file\">", out);
    put_escaped(out, file);
    fputs("</p>\n<table class=\"source\">\n", out);
    for (unsigned l = first; l <= last; l++) {
        size_t len = 0;
        const char *text = source_texts_line(texts, file, l, &len);
        fprintf(out, "<tr id=\"L%u\"%s data-line=\"%u\"><td class=\"ln\">%u</td><td class=\"code\">", l,
                line_class(marks, file, l), l, l);
        size_t from = 0, to = text ? len : 0;
        line_window(marks, file, l, text, len, &from, &to);
        if (from > 0)
            fputs("&hellip;", out);
        put_escaped_n(out, text ? text + from : "", to - from);
        if (text && to < len)
            fputs("&hellip;", out);
        fputs("</td></tr>\n", out);
        for (size_t i = 0; i < marks->count; i++)
            if (marks->items[i].pos->line == l && strcmp(marks->items[i].pos->file, file) == 0)
                write_bubble(out, marks, i, severity);
    }
    fputs("</table>\n", out);
}

/* The marks whose source cannot be shown still get their bubble. */
static void write_unshown_marks(FILE *out, struct source_texts *texts, const struct marks *marks,
                                const char *severity)
{
    bool any = false;
    for (size_t i = 0; i < marks->count; i++) {
        const struct mark *m = &marks->items[i];
        if (source_texts_line_count(texts, m->pos->file) >= m->pos->line)
            continue;
        if (!any)
            fputs("<table class=\"source\">\n", out);
        any = true;
        write_bubble(out, marks, i, severity);
    }
    if (any)
        fputs("</table>\n", out);
}

/* The block of `file` from the first to the last mark in it, widened to the
 * enclosing function; marks already shown in an earlier block are skipped. */
static void write_file_block(FILE *out, struct source_texts *texts, const char *file,
                             const struct marks *marks, const char *severity, bool whole_function)
{
    unsigned low = 0, high = 0;
    for (size_t i = 0; i < marks->count; i++) {
        const struct mark *m = &marks->items[i];
        if (strcmp(m->pos->file, file) != 0 || source_texts_line_count(texts, file) < m->pos->line)
            continue;
        low = !low || m->pos->line < low ? m->pos->line : low;
        high = m->pos->line > high ? m->pos->line : high;
    }
    if (!low)
        return;
    unsigned count = source_texts_line_count(texts, file);
    unsigned first = whole_function ? function_first_line(texts, file, low) : 0;
    unsigned last = whole_function && first ? function_last_line(texts, file, high) : 0;
    if (!first || !last) { /* not the usual layout: a few lines around the steps */
        first = low > CONTEXT_LINES ? low - CONTEXT_LINES : 1;
        last = high + CONTEXT_LINES < count ? high + CONTEXT_LINES : count;
    }
    write_source_block(out, texts, file, first, last, marks, severity);
}

static bool file_seen_before(const struct marks *marks, size_t index)
{
    for (size_t i = 0; i < index; i++)
        if (strcmp(marks->items[i].pos->file, marks->items[index].pos->file) == 0)
            return true;
    return false;
}

static void write_explanation(FILE *out, const struct rule_description *rule)
{
    if (!rule || rule == &compile_error_rule)
        return;
    fputs("<h2>About this rule</h2>\n<div class=\"explain\" id=\"explanation\"><p><b>", out);
    put_escaped(out, rule->id);
    fputs("</b>: ", out);
    put_escaped(out, rule->short_description);
    fputs("</p><p>", out);
    put_escaped(out, rule->full_description ? rule->full_description : "");
    fputs("</p></div>\n", out);
}

static void write_finding_page(FILE *out, const struct finding *f, size_t number, size_t total,
                               struct source_texts *texts, const char *promote)
{
    const char *severity = finding_severity_word(f, promote);
    struct marks marks = {xcalloc(f->note_count + 1, sizeof *marks.items), 0, f->note_count};
    for (size_t n = 0; n < f->note_count; n++)
        marks.items[marks.count++] = (struct mark){&f->notes[n].pos, f->notes[n].message, n + 1};
    marks.items[marks.count++] = (struct mark){&f->pos, f->message, 0};

    page_start(out, f->message);
    fprintf(out, "<p><a href=\"index.html\">All findings</a>");
    if (number > 1)
        fprintf(out, " &middot; <a href=\"finding-%zu.html\">previous finding</a>", number - 1);
    if (number < total)
        fprintf(out, " &middot; <a href=\"finding-%zu.html\">next finding</a>", number + 1);
    fprintf(out, "</p>\n<h1 id=\"message\" data-rule=\"");
    put_escaped(out, f->rule);
    fprintf(out, "\">%s: ", severity);
    put_escaped(out, f->message);
    fputs(" [", out);
    put_escaped(out, f->rule);
    fprintf(out, "]</h1>\n<p>");
    put_escaped(out, f->pos.file);
    fprintf(out, ":%u:%u", f->pos.line, f->pos.column);
    if (f->note_count)
        fprintf(out, " &middot; %zu step%s: <a href=\"#step-1\">start</a>", f->note_count,
                f->note_count == 1 ? "" : "s");
    fputs("</p>\n", out);
    write_file_block(out, texts, f->pos.file, &marks, severity, true);
    for (size_t i = 0; i < marks.count; i++)
        if (strcmp(marks.items[i].pos->file, f->pos.file) != 0 && !file_seen_before(&marks, i))
            write_file_block(out, texts, marks.items[i].pos->file, &marks, severity, false);
    write_unshown_marks(out, texts, &marks, severity);
    write_explanation(out, f->description);
    fputs("</body></html>\n", out);
    free(marks.items);
}

/* ---- files ---- */

/* Opens DIR/name for writing, never through a symbolic link: the names are
 * lockcheck's, and a link planted in a checked-in report folder must not
 * make it overwrite the file the link points to. */
static FILE *open_page(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        return NULL;
    FILE *out = fdopen(fd, "w");
    if (!out)
        close(fd);
    return out;
}

static char *write_page(const char *dir, const char *name,
                        void (*write)(FILE *out, const void *data), const void *data)
{
    char *path = str_printf("%s/%s", dir, name);
    FILE *out = open_page(path);
    char *error = NULL;
    if (!out) {
        error = str_printf("%s: cannot write the report: %s", path, strerror(errno));
    } else {
        write(out, data);
        if (ferror(out) | (fclose(out) != 0))
            error = str_printf("%s: cannot write the report: %s", path, strerror(errno));
    }
    free(path);
    return error;
}

struct page_job {
    const struct finding_list *list;
    size_t index;
    struct source_texts *texts;
    const char *promote;
};

static void write_index_page(FILE *out, const void *data)
{
    const struct page_job *job = data;
    write_index(out, job->list, job->promote);
}

static void write_one_finding_page(FILE *out, const void *data)
{
    const struct page_job *job = data;
    write_finding_page(out, &job->list->items[job->index], job->index + 1, job->list->count, job->texts,
                       job->promote);
}

char *report_html(const struct finding_list *list, struct source_texts *texts, const char *dir,
                  const char *warnings_as_errors)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return str_printf("%s: cannot create the report folder: %s", dir, strerror(errno));
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return str_printf("%s: not a folder: --format=html writes a folder of pages", dir);
    struct page_job job = {list, 0, texts, warnings_as_errors};
    char *error = write_page(dir, "index.html", write_index_page, &job);
    for (size_t i = 0; i < list->count && !error; i++) {
        job.index = i;
        char *name = str_printf("finding-%zu.html", i + 1);
        error = write_page(dir, name, write_one_finding_page, &job);
        free(name);
    }
    return error;
}
