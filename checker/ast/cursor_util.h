/*
 * cursor_util.h: small helpers over libclang cursors used by every stage:
 * ordered children, stripping parentheses and casts, positions, spelling.
 */
#ifndef LOCKCHECK_CURSOR_UTIL_H
#define LOCKCHECK_CURSOR_UTIL_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "report/finding.h"

/* The direct children of a cursor, in source order. */
struct cursor_list {
    CXCursor *items;
    size_t count;
    size_t capacity;
};
void cursor_children(CXCursor parent, struct cursor_list *out);
void cursor_list_free(struct cursor_list *list);

/* Skips ParenExpr, implicit casts, explicit casts and UnexposedExpr wrappers. */
CXCursor cursor_strip(CXCursor c);
/* The single child of a wrapper cursor, or a null cursor. */
CXCursor cursor_first_child(CXCursor c);

/* A function definition's body (its compound statement), or a null cursor. */
CXCursor cursor_function_body(CXCursor function);

/* The last expression among a cursor's children (a variable's initialiser,
 * an assignment's right-hand side), or a null cursor. */
CXCursor cursor_last_expression_child(CXCursor c);
/* The function an expression designates (`f`, `&f`, through parentheses and
 * casts), or a null cursor. */
CXCursor cursor_function_designator(CXCursor e);

/* The first direct child of `parent` of this kind with this spelling (a
 * struct's field, a translation unit's function), or a null cursor. */
CXCursor cursor_child_named(CXCursor parent, enum CXCursorKind kind, const char *name);

/* Spelling of a cursor (e.g. a declaration's or a member's name); caller frees. */
char *cursor_spelling(CXCursor c);
/* A declaration's USR, the identity that holds across files; caller frees. */
char *cursor_usr(CXCursor c);
/* Name of the function a CallExpr calls ("" when indirect); caller frees. */
char *call_callee_name(CXCursor call);

/* Operator of a BinaryOperator / CompoundAssignOperator / UnaryOperator. */
enum CXBinaryOperatorKind cursor_binary_op(CXCursor c);
enum CXUnaryOperatorKind cursor_unary_op(CXCursor c);

/* Integer value of a constant expression (literal, enum constant, simple
 * arithmetic on them); false when it is not one. */
bool cursor_int_value(CXCursor c, long long *value);

/* Where a finding at this cursor is reported: the expansion location (so
 * code written through a macro is reported at the macro's use). `file`
 * points into a per-TU string pool owned by the unit. */
struct unit;
struct source_pos cursor_pos(struct unit *unit, CXCursor c);
struct source_pos location_pos(struct unit *unit, CXSourceLocation loc);
/* True when the cursor's expansion location is in the main file. */
bool cursor_in_main_file(struct unit *unit, CXCursor c);

/* Hash / equality for cursors, for maps keyed by declaration. */
unsigned cursor_hash_key(CXCursor c);

#endif
