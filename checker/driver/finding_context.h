/*
 * finding_context.h: what a finding's fingerprint needs from the translation
 * unit it came from (the enclosing function's name, the text of its line),
 * computed in the worker that analysed it.
 */
#ifndef LOCKCHECK_FINDING_CONTEXT_H
#define LOCKCHECK_FINDING_CONTEXT_H

struct session;
struct source_files;

/* Sets fingerprint_hash on every finding of session->findings. Files are named
 * relative to `source_root_abs` (an absolute folder) when inside it. */
void fingerprint_findings(struct session *session, struct source_files *files,
                          const char *source_root_abs);

#endif
