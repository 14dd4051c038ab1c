/*
 * object_key.h: naming the object an expression designates, so that two
 * expressions in one function can be compared: the handle `&t` given to
 * pthread_create and the `t` given to pthread_join, the `&job` handed to one
 * thread and the `&job` handed to the next.
 *
 * A key is the root variable (by USR) followed by steps: `.field`, `[]` (any
 * element: indices are not compared) and a leading `*` for a dereference.
 * Keys are strings; equal strings designate the same object (up to the
 * element of an array).
 */
#ifndef LOCKCHECK_OBJECT_KEY_H
#define LOCKCHECK_OBJECT_KEY_H

#include <clang-c/Index.h>
#include <stdbool.h>

/* Key of a variable (its canonical declaration): what object_key gives a
 * reference to it. Caller frees. */
char *variable_key(CXCursor var);
/* Key of an lvalue expression (`t`, `ts[i]`, `s.t`); NULL when it has no
 * variable at its root. Caller frees. */
char *object_key(CXCursor lvalue);
/* Key of the object a pointer expression points to (`&t` -> key of `t`, an
 * array `ts` -> key of `ts`, a pointer `p` -> `*p`); NULL when unknown. */
char *pointee_key(CXCursor pointer);

/* The variable at the root of an lvalue or pointer expression (through
 * `&`, `.`, `->`, `[]`, `*`), or a null cursor. */
CXCursor expression_root_variable(CXCursor e);

/* When `pointer` is the address of (part of) an automatic object of the
 * function: `&x`, `&x.f`, `&x[i]`, a local array `a`, or a compound literal.
 * Returns the local's declaration (or the compound literal) in *object. */
bool points_to_local(CXCursor pointer, CXCursor *object);

/* True when the cursor's subtree contains a reference to `var`. */
bool cursor_mentions(CXCursor c, CXCursor var);

#endif
