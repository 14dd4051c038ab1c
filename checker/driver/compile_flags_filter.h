/*
 * compile_flags_filter.h: the compiler flags lockcheck lets through to
 * libclang. A compile command comes from the repository being checked (its
 * compile_commands.json, compile_flags.txt, or the build system's `--`), and
 * libclang honours flags that write files (-Wp,-MD,<path>, -Xclang
 * -dependency-file <path>, -fmodules-cache-path=...) or read more than
 * sources (@response files, --config). So the filter KEEPS only flags that
 * change how the code parses (definitions, include paths, language standard
 * and dialect, target) and drops everything else; each dropped flag is named
 * once per run in a note on stderr.
 */
#ifndef LOCKCHECK_COMPILE_FLAGS_FILTER_H
#define LOCKCHECK_COMPILE_FLAGS_FILTER_H

#include <stdbool.h>
#include <stddef.h>

/* What becomes of one argument of a compile command. */
enum flag_action {
    FLAG_KEEP,          /* passed to libclang */
    FLAG_DROP,          /* dropped, with a note naming it */
    FLAG_DROP_SILENTLY, /* dropped, no note: -c, -o, -g, warnings (no effect on parsing) */
    FLAG_POSITIONAL,    /* not an option: an input file, the caller decides */
    FLAG_END_OF_OPTIONS /* `--`: every later argument is positional */
};

struct flag_verdict {
    enum flag_action action;
    unsigned values;    /* how many following arguments belong to the flag */
    size_t name_length; /* the flag's name for notes: arg[0..name_length) */
};

/* Classifies `arg`; `values` counts the separate arguments it consumes
 * (`-I dir`: 1, `-Idir`: 0), whatever the action. */
struct flag_verdict flag_classify(const char *arg);

/* For a kept flag that names a file lockcheck's parse will read
 * (`-include f`, `-imacrosf`), that file (`next` is the following argument,
 * used when `values` is 1); NULL for other flags. The caller drops the flag
 * when the file is not a regular one: clang reads /dev/zero or a FIFO
 * forever. */
const char *flag_file_value(const char *arg, const char *next, unsigned values);

/* Remembers which flags were already named, so each gets one note. Used by
 * the main thread only (compile commands are computed before the workers). */
struct flag_notes;

struct flag_notes *flag_notes_new(void);
void flag_notes_free(struct flag_notes *notes);

/* Prints "lockcheck: note: ..." for the dropped flag `arg` (name_length
 * bytes of it name it) unless a note already named it; `reason` says why
 * (NULL: the flag is not needed to parse). */
void flag_notes_report(struct flag_notes *notes, const char *file, const char *arg,
                       size_t name_length, const char *reason);

#endif
