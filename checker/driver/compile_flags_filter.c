/*
 * compile_flags_filter.c: the allow-list of compiler flags (see
 * compile_flags_filter.h).
 *
 * One table says, for each flag lockcheck knows, how it is spelled (alone,
 * with a joined value, with a separate value, or either) and what becomes of
 * it. Flags that some kept flag's name starts with come first (`-include-pch`
 * before `-include`), so the first matching row decides. Language dialect
 * `-f` flags (-fms-extensions, -fno-builtin, ...) are a list of names that
 * are kept in both polarities. Everything not in the table is dropped, with
 * a note: a flag lockcheck does not know cannot make it write a file.
 */
#include "driver/compile_flags_filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/memory.h"

enum flag_form {
    ALONE,              /* `-c`: exactly this */
    JOINED,             /* `-std=c11`, `-O2`: the name is a prefix */
    SEPARATE,           /* `-target x86_64`: the value is the next argument */
    JOINED_OR_SEPARATE, /* `-Idir` or `-I dir` */
    JOINED_AND_SEPARATE /* `-Xarch_x86_64 <flag>`: both */
};

struct flag_rule {
    const char *name;
    enum flag_form form;
    enum flag_action action;
};

#define KEEP FLAG_KEEP
#define DROP FLAG_DROP
#define QUIET FLAG_DROP_SILENTLY

/* First match wins: a dropped flag whose name starts with a kept flag's name
 * (or the reverse) must come first. */
static const struct flag_rule flag_rules[] = {
    /* The dependency-file flags build systems put on every command (CMake's
     * -MD -MT -MF, the Linux kernel's -Wp,-MMD,): they write files, so they
     * are dropped, but quietly: lockcheck runs once per file under
     * CMAKE_C_CLANG_TIDY, and a note per file would bury the findings. */
    {"-Wp,-MD,", JOINED, QUIET},
    {"-Wp,-MMD,", JOINED, QUIET},
    {"-MD", ALONE, QUIET},
    {"-MMD", ALONE, QUIET},
    {"-MP", ALONE, QUIET},
    {"-MF", JOINED_OR_SEPARATE, QUIET},
    {"-MT", JOINED_OR_SEPARATE, QUIET},
    {"-MQ", JOINED_OR_SEPARATE, QUIET},
    /* Write, load or read more than sources: always dropped, named. */
    {"-include-pch", JOINED_OR_SEPARATE, DROP},
    {"-Wp,", JOINED, DROP},
    {"-Wa,", JOINED, DROP},
    {"-Wl,", JOINED, DROP},
    {"-MJ", JOINED_OR_SEPARATE, DROP},
    {"-Xarch_", JOINED_AND_SEPARATE, DROP},
    {"-Xclang", SEPARATE, DROP},
    {"-Xpreprocessor", SEPARATE, DROP},
    {"-Xassembler", SEPARATE, DROP},
    {"-Xlinker", SEPARATE, DROP},
    {"-Xanalyzer", SEPARATE, DROP},
    {"-Xopenmp-target", SEPARATE, DROP},
    {"-Xcuda-ptxas", SEPARATE, DROP},
    {"-Xcuda-fatbinary", SEPARATE, DROP},
    {"-Xflang", SEPARATE, DROP},
    {"-mllvm", SEPARATE, DROP},
    {"-multiply_defined", SEPARATE, DROP},
    {"-ivfsoverlay", JOINED_OR_SEPARATE, DROP},
    {"-imultilib", JOINED_OR_SEPARATE, DROP},
    {"-isystem-after", JOINED_OR_SEPARATE, DROP},
    {"-dependency-file", JOINED_OR_SEPARATE, DROP},
    {"-dependency-dot", JOINED_OR_SEPARATE, DROP},
    {"-serialize-diagnostics", SEPARATE, DROP},
    {"--serialize-diagnostics", SEPARATE, DROP},
    {"-aux-info", SEPARATE, DROP},
    {"-working-directory=", JOINED, DROP},
    {"-working-directory", SEPARATE, DROP},
    {"-resource-dir=", JOINED, DROP},
    {"-resource-dir", SEPARATE, DROP},
    {"--config=", JOINED, DROP},
    {"--config", SEPARATE, DROP},
    {"--output=", JOINED, DROP},
    {"--output", SEPARATE, DROP},
    {"--param", SEPARATE, DROP},
    {"--prefix=", JOINED, DROP},
    {"--prefix", SEPARATE, DROP},
    {"-ccc-gcc-name", SEPARATE, DROP},
    {"-dumpdir", SEPARATE, DROP},
    {"-dumpbase-ext", SEPARATE, DROP},
    {"-dumpbase", SEPARATE, DROP},
    {"-framework", SEPARATE, DROP},
    {"-install_name", SEPARATE, DROP},
    {"-rpath", SEPARATE, DROP},
    {"-gen-reproducer", JOINED, DROP},

    /* Preprocessor definitions, include paths, forced includes. */
    {"-D", JOINED_OR_SEPARATE, KEEP},
    {"-U", JOINED_OR_SEPARATE, KEEP},
    {"-I", JOINED_OR_SEPARATE, KEEP},
    {"-isystem", JOINED_OR_SEPARATE, KEEP},
    {"-iquote", JOINED_OR_SEPARATE, KEEP},
    {"-idirafter", JOINED_OR_SEPARATE, KEEP},
    {"-iprefix", JOINED_OR_SEPARATE, KEEP},
    {"-iwithprefixbefore", JOINED_OR_SEPARATE, KEEP},
    {"-iwithprefix", JOINED_OR_SEPARATE, KEEP},
    {"-cxx-isystem", JOINED_OR_SEPARATE, KEEP},
    {"-isysroot", JOINED_OR_SEPARATE, KEEP},
    {"--sysroot=", JOINED, KEEP},
    {"--sysroot", SEPARATE, KEEP},
    {"-include", JOINED_OR_SEPARATE, KEEP},
    {"-imacros", JOINED_OR_SEPARATE, KEEP},
    {"-nostdinc++", ALONE, KEEP},
    {"-nostdinc", ALONE, KEEP},
    {"-nostdlibinc", ALONE, KEEP},
    {"-nobuiltininc", ALONE, KEEP},
    {"-undef", ALONE, KEEP},

    /* Language, standard and target. */
    {"-x", JOINED_OR_SEPARATE, KEEP},
    {"-std=", JOINED, KEEP},
    {"--std=", JOINED, KEEP},
    {"-ansi", ALONE, KEEP},
    {"-trigraphs", ALONE, KEEP},
    {"--driver-mode=", JOINED, KEEP},
    {"--target=", JOINED, KEEP},
    {"--target", SEPARATE, KEEP},
    {"-target", SEPARATE, KEEP},
    {"-arch", SEPARATE, KEEP},
    {"-m", JOINED, KEEP},      /* -m64, -march=..., -mno-sse: target features and macros */
    {"-O", JOINED, KEEP},      /* __OPTIMIZE__, __OPTIMIZE_SIZE__ */
    {"-pthread", ALONE, KEEP}, /* _REENTRANT */

    /* Linker and assembler flags with values (after the kept flags: `-u`
     * would swallow `-undef`). */
    {"-T", JOINED_OR_SEPARATE, DROP},
    {"-L", JOINED_OR_SEPARATE, DROP},
    {"-l", JOINED_OR_SEPARATE, DROP},
    {"-u", JOINED_OR_SEPARATE, DROP},
    {"-z", JOINED_OR_SEPARATE, DROP},
    {"-B", JOINED_OR_SEPARATE, DROP},
    {"-A", JOINED_OR_SEPARATE, DROP},

    /* No effect on parsing: dropped without a note. */
    {"-c", ALONE, QUIET},
    {"-o", JOINED_OR_SEPARATE, QUIET},
    {"-g", JOINED, QUIET},
    {"-W", JOINED, QUIET}, /* lockcheck passes -Wno-everything anyway */
    {"-w", ALONE, QUIET},
    {"-pedantic", ALONE, QUIET},
    {"-pedantic-errors", ALONE, QUIET},
    {"-pipe", ALONE, QUIET},
    {"-fsyntax-only", ALONE, QUIET},
    {"-fdiagnostics-", JOINED, QUIET},
    {"-fno-diagnostics-", JOINED, QUIET},
    {"-fcolor-diagnostics", ALONE, QUIET},
    {"-fno-color-diagnostics", ALONE, QUIET},
    {"-fcaret-diagnostics", ALONE, QUIET},
    {"-fno-caret-diagnostics", ALONE, QUIET},
    {"-fmessage-length=", JOINED, QUIET},
};

/* `-f<name>` and `-fno-<name>` flags that change how C parses or what it
 * predefines; kept either way. */
static const char *const dialect_f_flags[] = {
    "ms-extensions", "ms-compatibility", "ms-volatile", "declspec", "gnu89-inline",
    "gnu-keywords", "gnu-inline-asm", "asm", "builtin", "blocks", "unsigned-char",
    "signed-char", "short-enums", "short-wchar", "common", "dollars-in-identifiers",
    "freestanding", "hosted", "wrapv", "fast-math", "finite-math-only", "math-errno",
    "openmp", "openmp-simd", "PIC", "pic", "PIE", "pie", "pascal-strings", "digraphs",
    "trigraphs", "fixed-point", "inline", "stack-protector", "stack-protector-strong",
    "stack-protector-all", "cf-protection", "exceptions", "cxx-exceptions", "rtti",
    "char8_t", "double-square-bracket-attributes", "zvector", "delayed-template-parsing",
    "lax-vector-conversions", "operator-names", "pack-struct", "extended-identifiers",
    "unsigned-bitfields", "signed-bitfields", "writable-strings", "gnu", "access-control",
    "threadsafe-statics", "sized-deallocation", "trapv", "plan9-extensions", NULL};

/* Dialect `-f` flags with a joined value. */
static const char *const dialect_f_joined[] = {
    "-fno-builtin-", "-fms-compatibility-version=", "-fgnuc-version=", "-fwchar-type=",
    "-fcf-protection=", "-finput-charset=", "-fexec-charset=", "-flax-vector-conversions=",
    "-fstrict-flex-arrays=", "-fpack-struct=", "-fmax-type-align=", "-fbracket-depth=", NULL};

static bool is_dialect_f_flag(const char *arg)
{
    for (size_t i = 0; dialect_f_joined[i]; i++)
        if (strncmp(arg, dialect_f_joined[i], strlen(dialect_f_joined[i])) == 0)
            return true;
    const char *name = strncmp(arg, "-fno-", 5) == 0 ? arg + 5 : strncmp(arg, "-f", 2) == 0 ? arg + 2 : NULL;
    if (!name)
        return false;
    for (size_t i = 0; dialect_f_flags[i]; i++)
        if (strcmp(name, dialect_f_flags[i]) == 0)
            return true;
    return false;
}

/* How much of an unknown or joined flag names it in a note: `-Wp,-MD,` of
 * `-Wp,-MD,x.d`, `-fmodules-cache-path=` of `-fmodules-cache-path=/tmp`. */
static size_t note_name_length(const char *arg)
{
    size_t len = strlen(arg);
    if (strncmp(arg, "-W", 2) == 0 && arg[2] && arg[3] == ',') {
        const char *second = strchr(arg + 4, ',');
        return second ? (size_t)(second - arg) + 1 : len;
    }
    if (arg[0] == '@')
        return len;
    const char *eq = strchr(arg, '=');
    return eq ? (size_t)(eq - arg) + 1 : len;
}

static bool rule_matches(const struct flag_rule *rule, const char *arg, unsigned *values)
{
    size_t n = strlen(rule->name);
    bool exact = strcmp(arg, rule->name) == 0;
    bool prefix = strncmp(arg, rule->name, n) == 0;
    switch (rule->form) {
    case ALONE:
        *values = 0;
        return exact;
    case JOINED:
        *values = 0;
        return prefix;
    case SEPARATE:
        *values = 1;
        return exact;
    case JOINED_OR_SEPARATE:
        *values = exact ? 1 : 0;
        return prefix;
    case JOINED_AND_SEPARATE:
        *values = 1;
        return prefix;
    }
    return false;
}

struct flag_verdict flag_classify(const char *arg)
{
    struct flag_verdict v = {FLAG_DROP, 0, 0};
    if (strcmp(arg, "--") == 0) {
        v.action = FLAG_END_OF_OPTIONS;
        return v;
    }
    if (arg[0] != '-' && arg[0] != '@') {
        v.action = FLAG_POSITIONAL;
        return v;
    }
    if (strcmp(arg, "-") == 0) { /* standard input: never read */
        v.name_length = 1;
        return v;
    }
    for (size_t i = 0; i < sizeof flag_rules / sizeof flag_rules[0]; i++) {
        const struct flag_rule *rule = &flag_rules[i];
        if (rule_matches(rule, arg, &v.values)) {
            v.action = rule->action;
            v.name_length = rule->form == JOINED && rule->action == FLAG_DROP ? note_name_length(arg)
                            : strlen(arg) > strlen(rule->name)               ? strlen(rule->name)
                                                                              : strlen(arg);
            return v;
        }
    }
    v.values = 0;
    v.action = is_dialect_f_flag(arg) ? FLAG_KEEP : FLAG_DROP;
    v.name_length = note_name_length(arg);
    return v;
}

const char *flag_file_value(const char *arg, const char *next, unsigned values)
{
    static const char *const file_flags[] = {"-include", "-imacros", NULL};
    for (size_t i = 0; file_flags[i]; i++) {
        size_t n = strlen(file_flags[i]);
        if (strncmp(arg, file_flags[i], n) == 0)
            return values ? next : arg + n;
    }
    return NULL;
}

/* Past this many distinct dropped flags, one last note says more were
 * dropped: a hostile database cannot flood stderr. */
#define MAX_FLAG_NOTES 64

struct flag_notes {
    char *named[MAX_FLAG_NOTES];
    size_t count;
    bool overflowed;
};

struct flag_notes *flag_notes_new(void)
{
    return xcalloc(1, sizeof(struct flag_notes));
}

void flag_notes_free(struct flag_notes *notes)
{
    if (!notes)
        return;
    for (size_t i = 0; i < notes->count; i++)
        free(notes->named[i]);
    free(notes);
}

/* The flag's name, printable (a repository's bytes go to a terminal). */
static char *printable_name(const char *arg, size_t length)
{
    char *name = xmalloc(length + 1);
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)arg[i];
        name[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    name[length] = '\0';
    return name;
}

void flag_notes_report(struct flag_notes *notes, const char *file, const char *arg,
                       size_t name_length, const char *reason)
{
    if (name_length > 200)
        name_length = 200;
    char *name = printable_name(arg, name_length);
    for (size_t i = 0; i < notes->count; i++) {
        if (strcmp(notes->named[i], name) == 0) {
            free(name);
            return;
        }
    }
    if (notes->count == MAX_FLAG_NOTES) {
        if (!notes->overflowed)
            fprintf(stderr, "lockcheck: note: more compiler flags ignored than are listed here\n");
        notes->overflowed = true;
        free(name);
        return;
    }
    bool truncated = strlen(arg) > name_length;
    if (arg[0] == '@')
        fprintf(stderr, "lockcheck: note: %s: ignoring response file '%s' (lockcheck reads no response file)\n",
                file, name);
    else if (arg[0] != '-')
        fprintf(stderr, "lockcheck: note: %s: ignoring input '%s%s' (only the source file is parsed)\n", file,
                name, truncated ? "..." : "");
    else
        fprintf(stderr, "lockcheck: note: %s: ignoring compiler flag '%s%s' (%s)\n", file, name,
                truncated ? "..." : "", reason ? reason : "not needed to parse the code");
    notes->named[notes->count++] = name;
}
