/*
 * report_text.c: the human (and editor / CI log) view of the findings (see
 * report_text.h). Every line starts as gcc's and clang's do,
 *   FILE:LINE:COL: warning: MESSAGE [RULE]
 *   FILE:LINE:COL: note: MESSAGE
 * so editors' error formats pick it up; the source lines under them are
 * clang's layout (a gutter with the line number, then a caret line).
 */
#include "report/report_text.h"

#include <stdlib.h>
#include <string.h>

#include "report/severity.h"
#include "report/source_text.h"
#include "util/strbuf.h"
#include "util/strings.h"

/* clang's colours. */
#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"
#define SGR_WARNING "\033[0;1;35m"
#define SGR_ERROR "\033[0;1;31m"
#define SGR_NOTE "\033[0;1;30m"
#define SGR_CARET "\033[0;1;32m"

#define TAB_STOP 8
/* Longer lines are shown as a window of this many bytes around the caret. */
#define SNIPPET_WINDOW 200

static const char *sgr(const struct text_style *style, const char *code)
{
    return style->color ? code : "";
}

static void print_heading(const struct text_style *style, const struct source_pos *pos,
                          const char *severity, const char *number, const char *message,
                          const char *rule_suffix, FILE *out)
{
    const char *colour = strcmp(severity, "error") == 0     ? SGR_ERROR
                         : strcmp(severity, "warning") == 0 ? SGR_WARNING
                                                            : SGR_NOTE;
    fprintf(out, "%s%s:%u:%u: %s%s:%s %s%s%s%s%s\n", sgr(style, SGR_BOLD), pos->file, pos->line,
            pos->column, sgr(style, colour), severity, sgr(style, SGR_RESET),
            sgr(style, SGR_BOLD), number, message, rule_suffix, sgr(style, SGR_RESET));
}

/* Where `text` (of length n) occurs in the line as a whole expression (not
 * inside a longer identifier), nearest to the 0-based byte `caret`: the
 * first occurrence at or after it, else the last before it. -1: nowhere. */
static long find_expression(const char *line, size_t len, const char *text, size_t n, size_t caret)
{
    long best = -1;
    for (size_t i = 0; n > 0 && i + n <= len; i++) {
        if (memcmp(line + i, text, n) != 0)
            continue;
        if ((i > 0 && is_identifier_char(line[i - 1]) && is_identifier_char(text[0])) ||
            (i + n < len && is_identifier_char(line[i + n]) && is_identifier_char(text[n - 1])))
            continue;
        best = (long)i;
        if (i >= caret)
            break;
    }
    return best;
}

/* The byte range [*start, *end) of the first expression the message quotes
 * ('q->mu') that is written on the line; false when none is. */
static bool quoted_range(const char *message, const char *line, size_t len, size_t caret,
                         size_t *start, size_t *end)
{
    const char *p = message;
    const char *open;
    while ((open = strchr(p, '\'')) != NULL) {
        const char *close = strchr(open + 1, '\'');
        if (!close)
            return false;
        size_t n = (size_t)(close - open - 1);
        long at = find_expression(line, len, open + 1, n, caret);
        if (at >= 0) {
            *start = (size_t)at;
            *end = (size_t)at + n;
            return true;
        }
        p = close + 1;
    }
    return false;
}

/* Appends the byte `c` as it shows on a terminal; returns its width. */
static unsigned append_display(struct strbuf *buf, unsigned char c, unsigned column)
{
    if (c == '\t') {
        unsigned width = TAB_STOP - column % TAB_STOP;
        for (unsigned i = 0; i < width; i++)
            strbuf_append(buf, " ");
        return width;
    }
    if (c < 0x20 || c == 0x7f) {
        char escaped[16];
        snprintf(escaped, sizeof escaped, "<U+%04X>", c);
        strbuf_append(buf, escaped);
        return (unsigned)strlen(escaped);
    }
    strbuf_append_n(buf, (const char *)&c, 1);
    return (c & 0xc0) == 0x80 ? 0 : 1; /* UTF-8 continuation bytes take no column */
}

/* The bytes [*first, *last) of a line shown: all of it, or a window around
 * the caret that does not start inside a UTF-8 character. */
static void snippet_window(const char *line, size_t len, size_t caret, size_t *first, size_t *last)
{
    *first = 0;
    *last = len;
    if (len <= SNIPPET_WINDOW)
        return;
    *first = caret > SNIPPET_WINDOW / 2 ? caret - SNIPPET_WINDOW / 2 : 0;
    while (*first > 0 && (line[*first] & 0xc0) == 0x80)
        (*first)--;
    *last = *first + SNIPPET_WINDOW < len ? *first + SNIPPET_WINDOW : len;
}

/* The line as displayed (`text`) and the marks under it (`marks`): `^` at
 * the caret, `~` under [range_start, range_end), trailing blanks dropped. */
static void build_snippet(const char *line, size_t first, size_t last, size_t caret,
                          size_t range_start, size_t range_end, struct strbuf *text,
                          struct strbuf *marks)
{
    unsigned column = 0;
    for (size_t i = first; i <= last; i++) {
        unsigned width = i < last ? append_display(text, (unsigned char)line[i], column) : 1;
        char mark = i == caret ? '^' : (i >= range_start && i < range_end) ? '~' : ' ';
        for (unsigned w = 0; w < width; w++)
            strbuf_append_n(marks, w == 0 || mark != '^' ? &mark : " ", 1);
        column += width;
    }
    while (marks->len > 0 && marks->data[marks->len - 1] == ' ')
        marks->len--;
    strbuf_append(text, "");
    strbuf_append(marks, "");
}

/* The source line and the caret line under it, in clang's gutter: the line
 * number right-aligned in at least four columns. */
static void print_snippet(const struct text_style *style, const struct source_pos *pos,
                          const char *message, FILE *out)
{
    size_t len = 0;
    const char *line = style->sources ? source_texts_line(style->sources, pos->file, pos->line, &len)
                                      : NULL;
    if (!line)
        return;
    size_t caret = pos->column > 0 && pos->column - 1 < len ? pos->column - 1 : len;
    size_t range_start = caret, range_end = caret, first, last;
    quoted_range(message, line, len, caret, &range_start, &range_end);
    snippet_window(line, len, caret, &first, &last);
    struct strbuf text = {0}, marks = {0};
    build_snippet(line, first, last, caret, range_start, range_end, &text, &marks);
    char digits[16];
    int width = snprintf(digits, sizeof digits, "%u", pos->line);
    width = width < 4 ? 4 : width;
    fprintf(out, " %*u | %s\n", width, pos->line, text.data);
    fprintf(out, " %*s | %s%s%s\n", width, "", sgr(style, SGR_CARET), marks.data, sgr(style, SGR_RESET));
    free(text.data);
    free(marks.data);
}

static void print_finding(const struct finding *f, const struct text_style *style, FILE *out)
{
    const char *severity = finding_severity_word(f, style->warnings_as_errors);
    char *suffix = finding_promoted(f, style->warnings_as_errors)
                       ? str_printf(" [%s,-warnings-as-errors]", f->rule)
                       : str_printf(" [%s]", f->rule);
    print_heading(style, &f->pos, severity, "", f->message, suffix, out);
    free(suffix);
    if (!style->one_line)
        print_snippet(style, &f->pos, f->message, out);
    for (size_t n = 0; n < f->note_count; n++) {
        const struct finding_note *note = &f->notes[n];
        char number[24] = "";
        if (!style->one_line)
            snprintf(number, sizeof number, "%zu: ", n + 1);
        print_heading(style, &note->pos, "note", number, note->message, "", out);
        if (!style->one_line)
            print_snippet(style, &note->pos, note->message, out);
    }
}

void report_text_styled(const struct finding_list *list, const struct text_style *style, FILE *out)
{
    for (size_t i = 0; i < list->count; i++)
        print_finding(&list->items[i], style, out);
}

void report_text(const struct finding_list *list, FILE *out)
{
    struct text_style style = {.one_line = true};
    report_text_styled(list, &style, out);
}
