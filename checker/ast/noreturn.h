/*
 * noreturn.h: calls that never return, where the control-flow graph ends
 * a path (a call to exit, abort, pthread_exit, or a function declared
 * noreturn / _Noreturn).
 */
#ifndef LOCKCHECK_NORETURN_H
#define LOCKCHECK_NORETURN_H

#include <clang-c/Index.h>
#include <stdbool.h>

/* True when the callee of a CallExpr never returns (exit, abort,
 * pthread_exit, functions declared noreturn or _Noreturn). */
bool call_is_noreturn(CXCursor call);

#endif
