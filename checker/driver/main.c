/*
 * main.c: lockcheck's driver.
 *
 *   options -> for each file: compile command (compile_db.c)
 *   -> parse (parse.c) -> analyses (check_tu.c) -> findings
 *   -> sorted, de-duplicated report (report/) -> exit status.
 *
 * Files are analysed by a pool of -j workers, each with its own CXIndex
 * and a large stack (the CFG builder recurses on nesting): long-lived
 * processes under a memory limit (worker_process.h), or with
 * --memory-limit=0 threads of this process. Each
 * worker also drops its NOLINT-suppressed findings and fingerprints the rest
 * while the translation unit is at hand. Results are merged in command-line
 * order, so the output does not depend on -j; output.c reports them.
 */
#include <clang-c/Index.h>
#include <malloc.h> /* malloc_trim */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataflow/engine.h"
#include "driver/check_tu.h"
#include "driver/compile_db.h"
#include "driver/crash_guard.h"
#include "driver/config_report.h"
#include "driver/cross_tu.h"
#include "driver/database_files.h"
#include "driver/dependency_hashes.h"
#include "driver/file_order.h"
#include "driver/finding_context.h"
#include "driver/options.h"
#include "driver/output.h"
#include "driver/parse.h"
#include "driver/progress.h"
#include "driver/result_cache.h"
#include "driver/source_file.h"
#include "driver/source_root.h"
#include "driver/summary.h"
#include "driver/suppress.h"
#include "driver/unsaved.h"
#include "driver/worker_process.h"
#include "config/config.h"
#include "report/finding.h"
#include "rules/rule.h"
#include "summary/summary.h"
#include "util/memory.h"
#include "util/path.h"

struct job {
    const char *file;
    struct compile_command cmd;
    const struct lockcheck_config *config;
    struct CXUnsavedFile *unsaved;  /* --stdin-filename: the buffer */
    char *error;                 /* set when the file could not be checked */
    char **remarks;              /* notes for stderr: functions not analysed */
    size_t remark_count;
    size_t compile_errors;       /* how many the file had (reported with the findings) */
    bool missing_header;         /* one of them is a header not found */
    bool failed;                 /* not checked, error already reported */
    size_t suppressed;           /* findings NOLINT comments dropped */
    struct finding_list findings;
    char *cache_key;             /* --cache: the file's key */
    bool from_cache;             /* --cache: the outcome above came from it */
    char *cache_deps;            /* --cache: the files the analysed TU read */
    bool checked;                /* --cross-tu: the first pass's check is final */
    CXTranslationUnit kept_unit; /* a worker process's: the first pass's unit, kept for
                                    the check round (summarises_ahead) */
    bool reused_unit;            /* --cross-tu: checked again from that unit */
};

/* What the workers do with each file. */
enum phase {
    PHASE_CHECK,                /* the check (with --cross-tu's table, if any) */
    PHASE_SUMMARIES,            /* --cross-tu's summaries only (the map step, --dump-cfg) */
    PHASE_CHECK_AND_SUMMARIES,  /* --cross-tu's first pass: the check, and the summaries */
};

struct pool {
    struct job *jobs;
    size_t count;
    atomic_size_t next;
    const struct options *opts;
    struct progress *progress;
    struct cross_tu *cross_tu;      /* --cross-tu */
    enum phase phase;
    bool check_follows;             /* --cross-tu's first pass: the check round comes after it */
    bool first_pass_failed;         /* the summary cache could not be written */
    struct result_cache *results;   /* --cache, once the check's keys are known */
    bool in_worker_process;         /* this copy of the pool is a worker process's */
    size_t *order;                  /* the order of the first pass (file_order.h), or NULL */
    bool *early;                    /* ... per file: put before a file it needs, or NULL */
    size_t *finished;               /* the first pass's files done, in the order they were */
    size_t finished_count, finished_capacity;
};

/* --cross-tu's first pass: the file's summaries from its finished session. */
struct export_ctx {
    struct cross_tu *cross_tu;
    size_t file;
};

static void export_summaries(struct session *session, void *data)
{
    struct export_ctx *ctx = data;
    cross_tu_export_session(ctx->cross_tu, ctx->file, session);
}

/* The analyses of a parsed file, under crash recovery, then `after`. False
 * when they crashed: the file's findings are dropped and it gets an error. */
static bool analyse_file(CXIndex index, struct job *job, struct session *session,
                         const struct options *opts, const struct after_check *after)
{
    struct rule_selection rules;
    rule_select(&rules, job->config->checks, opts->checks);
    if (!check_translation_unit_contained(index, session, &rules, opts->dump_cfg, after)) {
        finding_list_free(&job->findings);
        job->error = str_printf("%s: lockcheck crashed while analysing it (a bug in lockcheck: "
                                "please report it)",
                                job->file);
        return false;
    }
    struct source_files files = {0};
    job->suppressed = suppress_findings(session, &files, &rules);
    fingerprint_findings(session, &files, opts->source_root_abs);
    source_files_free(&files);
    return true;
}

static char *summarise_crash_error(const struct job *job)
{
    return str_printf("%s: lockcheck crashed while summarising it for --cross-tu (a bug in "
                      "lockcheck: please report it)",
                      job->file);
}

/* The files the parsed unit read, for the caches that want them: the
 * result cache (job->cache_deps) and, in --cross-tu's first pass, the
 * summary cache (the same list: its files are never the editor's buffer). */
static void keep_dependencies(const struct pool *pool, size_t i, CXTranslationUnit unit)
{
    struct job *job = &pool->jobs[i];
    bool first_pass = pool->phase == PHASE_CHECK_AND_SUMMARIES;
    /* A worker process forked before the check's keys were known lists
     * them for the check round too (the parent keeps them if it wants). */
    bool result_cache = job->cache_key || ((first_pass || pool->cross_tu) && pool->opts->cache);
    bool summary_cache = first_pass && cross_tu_wants_dependencies(pool->cross_tu, i);
    if (!result_cache && !summary_cache)
        return;
    char *deps = dependency_list(unit, job->config->path, job->unsaved ? job->unsaved->Filename : NULL);
    if (summary_cache)
        cross_tu_keep_dependencies(pool->cross_tu, i, deps);
    if (result_cache)
        job->cache_deps = deps;
    else
        free(deps);
}

/* --cross-tu's first pass in a worker process, for a file the order put
 * before a file it needs: its check would most likely run again, so the
 * pass only summarises it (cross_tu_summarise_ahead) and the check round
 * checks it, from its unit when the worker had room to keep it. Only
 * those units: a kept unit makes the next parses take fresh memory, which
 * costs about a third of a parse on the development machine. Threads keep
 * no unit: they check such a file at once, as any other. */
static bool summarises_ahead(const struct pool *pool, size_t i)
{
    return pool->in_worker_process && pool->check_follows && pool->phase == PHASE_CHECK_AND_SUMMARIES &&
           pool->early && pool->early[i];
}

/* The check of file `i`; in --cross-tu's first pass, its summaries as
 * well. False when the analysis crashed (the thread's state is then
 * suspect). */
static bool run_job(CXIndex index, const struct pool *pool, size_t i)
{
    struct job *job = &pool->jobs[i];
    const struct options *opts = pool->opts;
    if (job->error || job->failed || job->from_cache || job->checked)
        return true;
    CXTranslationUnit unit = job->kept_unit;
    job->reused_unit = unit != NULL;
    job->kept_unit = NULL;
    if (!unit)
        unit = parse_translation_unit(index, job->file, &job->cmd, job->unsaved, &job->error);
    if (!unit)
        return true;
    if (summarises_ahead(pool, i) && !opts->parse_only) {
        if (!cross_tu_summarise_ahead(pool->cross_tu, i, index, unit, job->config)) {
            job->error = summarise_crash_error(job);
            return false;
        }
        keep_dependencies(pool, i, unit);
        if (worker_may_keep())
            job->kept_unit = unit;
        else
            clang_disposeTranslationUnit(unit);
        return true;
    }
    struct session session;
    engine_session_open(&session, unit, job->file, job->config, &job->findings);
    session.analysis_budget = (size_t)opts->analysis_budget * 1000000;
    session.suggest_annotations = opts->suggest_annotations;
    struct export_ctx export = {pool->cross_tu, i};
    struct after_check after = {export_summaries, &export};
    bool first_pass = pool->phase == PHASE_CHECK_AND_SUMMARIES;
    if (first_pass)
        cross_tu_watch_session(pool->cross_tu, i, &session, pool->in_worker_process);
    else
        session.external_summaries = cross_tu_table(pool->cross_tu);
    if (!opts->parse_only && !analyse_file(index, job, &session, opts, first_pass ? &after : NULL))
        return false; /* the session may be half-updated: leaked, not freed */
    job->compile_errors = report_compile_errors(&session, &job->missing_header);
    job->remarks = session.remarks;
    job->remark_count = session.remark_count;
    session.remarks = NULL;
    session.remark_count = 0;
    engine_session_close(&session);
    if (first_pass && cross_tu_wants_summaries_again(pool->cross_tu, i) &&
        !cross_tu_summarise_unit(pool->cross_tu, i, index, unit, job->config)) {
        finding_list_free(&job->findings);
        job->error = summarise_crash_error(job);
        return false;
    }
    keep_dependencies(pool, i, unit);
    clang_disposeTranslationUnit(unit);
    return true;
}

/* One file's work in the current phase, on a worker thread or in a worker
 * process. False when it crashed (the thread's state is then suspect). */
static bool run_task(struct pool *pool, size_t i, CXIndex index)
{
    struct job *job = &pool->jobs[i];
    if (pool->phase != PHASE_SUMMARIES)
        return run_job(index, pool, i);
    if (cross_tu_summarise_file(pool->cross_tu, i, index, &job->cmd, job->unsaved, job->config))
        return true;
    job->error = summarise_crash_error(job);
    return false;
}

static bool start_worker(pthread_t *thread, struct pool *pool);

static void *worker(void *arg)
{
    struct pool *pool = arg;
    void *signal_stack = crash_guard_thread_start();
    CXIndex index = clang_createIndex(0, 0);
    bool crashed = false;
    while (!crashed) {
        size_t i = atomic_fetch_add(&pool->next, 1);
        if (i >= pool->count)
            break;
        i = pool->order ? pool->order[i] : i;
        crashed = !run_task(pool, i, index);
        progress_step(pool->progress, pool->jobs[i].file);
    }
    clang_disposeIndex(index);
    crash_guard_thread_end(signal_stack);
    if (crashed) {
        /* The rest of the files on a fresh thread: this one's thread-local
         * state may be half-updated. */
        pthread_t replacement;
        if (start_worker(&replacement, pool))
            pthread_join(replacement, NULL);
        else
            worker(pool);
    }
    return NULL;
}

static bool start_worker(pthread_t *thread, struct pool *pool)
{
    return crash_guard_start_thread(thread, worker, pool);
}

static void run_threads(struct pool *pool, unsigned jobs)
{
    if (jobs > pool->count)
        jobs = (unsigned)pool->count;
    if (jobs < 1)
        jobs = 1;
    pthread_t *threads = xcalloc(jobs, sizeof *threads);
    unsigned started = 0;
    for (unsigned t = 0; t < jobs; t++)
        if (start_worker(&threads[t], pool))
            started++;
        else
            break;
    if (started == 0)
        worker(pool); /* could not start threads: do the work here */
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
}

/* ---- the pool in worker processes (--memory-limit, worker_process.h) ---- */

static const char *task_file(void *data, size_t i)
{
    return ((struct pool *)data)->jobs[i].file;
}

static bool task_needs_run(void *data, size_t i)
{
    struct pool *pool = data;
    const struct job *job = &pool->jobs[i];
    if (job->error || job->failed)
        return false;
    if (pool->phase == PHASE_CHECK)
        return !job->from_cache && !job->checked;
    return !cross_tu_file_summarised(pool->cross_tu, i);
}

static void discard_outcome(struct job *job);

/* Only ever called in a worker process, on its own copy of the pool. In
 * the check round, the copy may still hold the outcome of the file's first
 * check, which the parent has (and replaces). */
static bool task_run(void *data, size_t i, CXIndex index)
{
    struct pool *pool = data;
    pool->in_worker_process = true;
    if (pool->phase == PHASE_CHECK)
        discard_outcome(&pool->jobs[i]);
    return run_task(pool, i, index);
}

static char *copy_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* The job's outcome as result_cache.h's (shared, not copied). */
static struct file_outcome job_outcome(const struct job *job)
{
    return (struct file_outcome){job->findings, job->remarks, job->remark_count,
                                 job->compile_errors, job->missing_header, job->suppressed};
}

static void take_outcome(struct job *job, const struct file_outcome *outcome)
{
    job->findings = outcome->findings;
    job->remarks = outcome->remarks;
    job->remark_count = outcome->remark_count;
    job->compile_errors = outcome->compile_errors;
    job->missing_header = outcome->missing_header;
    job->suppressed = outcome->suppressed;
}

/* The parts of a worker's message (worker_process.h), each NULL when the
 * phase has none. */
enum message_part {
    PART_ERROR,         /* the file's error */
    PART_OUTCOME,       /* the check's outcome (result_cache.h's text) */
    PART_DEPENDENCIES,  /* the files the unit read (for the caches) */
    PART_SUMMARIES,     /* --cross-tu: the summaries, and the callees */
    PART_CALLEES,       /* looked up by the check (cross_tu.h) */
};

static void task_encode(void *data, size_t i, struct worker_message *out)
{
    struct pool *pool = data;
    struct job *job = &pool->jobs[i];
    char *summary_deps = NULL;
    out->parts[PART_ERROR] = copy_or_null(job->error);
    out->kept = job->kept_unit != NULL;
    out->reused = job->reused_unit;
    if (pool->phase != PHASE_CHECK)
        cross_tu_file_result(pool->cross_tu, i, &out->parts[PART_SUMMARIES], &summary_deps,
                             &out->parts[PART_CALLEES]);
    if (pool->phase != PHASE_SUMMARIES) {
        struct file_outcome outcome = job_outcome(job);
        out->parts[PART_OUTCOME] = file_outcome_to_text(&outcome);
    }
    /* One parse, one list of the files it read (keep_dependencies). */
    out->parts[PART_DEPENDENCIES] = job->cache_deps ? xstrdup(job->cache_deps) : summary_deps;
    if (job->cache_deps)
        free(summary_deps);
}

static bool decode_outcome(struct pool *pool, size_t i, const struct worker_message *in)
{
    struct job *job = &pool->jobs[i];
    const char *deps = in->parts[PART_DEPENDENCIES];
    if (pool->phase != PHASE_CHECK) {
        char *error = NULL;
        bool ok = cross_tu_take_file_result(pool->cross_tu, i, in->parts[PART_SUMMARIES], deps,
                                            in->parts[PART_CALLEES], &error);
        free(error);
        if (ok && in->parts[PART_SUMMARIES]) { /* news for the other workers */
            ARRAY_RESERVE(pool->finished, pool->finished_capacity, pool->finished_count + 1);
            pool->finished[pool->finished_count++] = i;
        }
        if (!ok || pool->phase == PHASE_SUMMARIES)
            return ok;
    }
    struct file_outcome outcome;
    if (!in->parts[PART_OUTCOME] || !file_outcome_from_text(in->parts[PART_OUTCOME], &outcome))
        return false;
    take_outcome(job, &outcome);
    bool result_cache = job->cache_key || (pool->phase != PHASE_CHECK && pool->opts->cache);
    job->cache_deps = result_cache ? copy_or_null(deps) : NULL;
    return true;
}

static void task_decode(void *data, size_t i, const struct worker_message *in)
{
    struct pool *pool = data;
    struct job *job = &pool->jobs[i];
    job->error = copy_or_null(in->parts[0]);
    job->reused_unit = in->reused;
    if (decode_outcome(pool, i, in))
        return;
    free(job->error);
    job->error = str_printf("%s: the process checking it sent back a malformed result", job->file);
}

static void task_fail(void *data, size_t i, char *error)
{
    struct job *job = &((struct pool *)data)->jobs[i];
    free(job->error);
    job->error = error;
}

static void task_finished(void *data, size_t i)
{
    struct pool *pool = data;
    progress_step(pool->progress, pool->jobs[i].file);
}

static bool next_round(void *data, char **message);
static void begin_round(void *data, const char *message);

/* The first pass in worker processes: each worker's checks see the
 * summaries of the files the others checked before (cross_tu.h). */
static char *news(void *data, size_t *cursor)
{
    struct pool *pool = data;
    if (pool->phase != PHASE_CHECK_AND_SUMMARIES || *cursor >= pool->finished_count)
        return NULL;
    char *text = cross_tu_news(pool->cross_tu, pool->finished + *cursor, pool->finished_count - *cursor);
    *cursor = pool->finished_count;
    return text;
}

static void hear(void *data, const char *text)
{
    struct pool *pool = data;
    cross_tu_hear(pool->cross_tu, text);
}

/* The files in worker processes under the memory limit, or, with
 * --memory-limit=0 or when no process can be started, on threads; after
 * --cross-tu's first pass, the check round (next_round). */
static void run_pool(struct pool *pool, unsigned jobs)
{
    struct worker_tasks tasks = {pool->count, pool, task_file, task_needs_run, task_run,
                                 task_encode, task_decode, task_fail, task_finished,
                                 next_round, begin_round, news, hear, pool->order};
    if (pool->opts->memory_limit > 0 && worker_processes_run(&tasks, jobs, pool->opts->memory_limit,
                                                                pool->opts->file_timeout))
        return;
    char *message = NULL;
    do {
        free(message);
        message = NULL;
        atomic_store(&pool->next, 0);
        run_threads(pool, jobs);
    } while (next_round(pool, &message));
    free(message);
}

/* The first pass's outcome of a file it checked, which the second check
 * replaces. */
static void discard_outcome(struct job *job)
{
    finding_list_free(&job->findings);
    for (size_t r = 0; r < job->remark_count; r++)
        free(job->remarks[r]);
    free(job->remarks);
    job->remarks = NULL;
    job->remark_count = 0;
    job->compile_errors = 0;
    job->missing_header = false;
    job->suppressed = 0;
    free(job->cache_deps);
    job->cache_deps = NULL;
}

/* After the first pass as the check: which files it checked for good. */
static void keep_final_checks(struct pool *pool)
{
    for (size_t i = 0; i < pool->count; i++) {
        struct job *job = &pool->jobs[i];
        job->checked = cross_tu_outcome_final(pool->cross_tu, i);
        if (!job->checked && cross_tu_checked(pool->cross_tu, i))
            discard_outcome(job);
    }
}

static struct result_cache *look_up_cached_results(struct pool *pool, const struct options *opts);

/* The check's round: the result cache's outcomes, then the files. */
static void start_check(struct pool *pool)
{
    pool->phase = PHASE_CHECK;
    pool->results = look_up_cached_results(pool, pool->opts);
    pool->progress = progress_start(pool->count, pool->opts->quiet);
}

/* Larger sources are not scanned for the order (they are still checked). */
#define FILE_ORDER_MAX_BYTES (16u << 20)

static bool call_locks(void *data, size_t file, const char *name)
{
    const struct job *job = &((const struct pool *)data)->jobs[file];
    return name_says_it_locks(name) || (job->config && lock_api_find_in(job->config, name));
}

/* Files before those calling their locking functions (file_order.h). */
static size_t *first_pass_order(struct pool *pool)
{
    const char **files = xcalloc(pool->count + 1, sizeof *files);
    for (size_t i = 0; i < pool->count; i++)
        files[i] = pool->jobs[i].error || pool->jobs[i].failed ? "" : pool->jobs[i].file;
    size_t *order = file_order_for_summaries(files, pool->count, FILE_ORDER_MAX_BYTES, call_locks, pool,
                                             &pool->early);
    free(files);
    return order;
}

/* --cross-tu's first pass over every file (see cross_tu.h), as `phase`
 * (PHASE_SUMMARIES or PHASE_CHECK_AND_SUMMARIES), then the check round
 * when `check_follows`. Exits when the summary cache cannot be read. */
static void start_first_pass(struct pool *pool, const struct options *opts, enum phase phase,
                             bool check_follows)
{
    char *error = NULL;
    pool->cross_tu = cross_tu_new(opts, pool->count, &error);
    for (size_t i = 0; pool->cross_tu && !error && i < pool->count; i++) {
        struct job *job = &pool->jobs[i];
        bool usable = !job->error && !job->failed;
        cross_tu_prepare_file(pool->cross_tu, i, job->file, usable ? &job->cmd : NULL,
                              job->unsaved != NULL, &error);
    }
    if (error) {
        fprintf(stderr, "lockcheck: error: %s\n", error);
        exit(2);
    }
    pool->phase = phase;
    pool->check_follows = check_follows;
    if (phase == PHASE_CHECK_AND_SUMMARIES && pool->count > 1)
        pool->order = first_pass_order(pool);
    pool->progress = progress_start(pool->count, opts->quiet);
}

/* After the first pass: the merged table, the summary cache stored, and
 * which files it checked for good. */
static void end_first_pass(struct pool *pool)
{
    progress_finish(pool->progress);
    pool->progress = NULL;
    char *error = NULL;
    if (!cross_tu_finish(pool->cross_tu, &error)) {
        fprintf(stderr, "lockcheck: error: %s\n", error);
        free(error);
        pool->first_pass_failed = true;
    }
    keep_final_checks(pool);
    if (pool->opts->stats) {
        char *stats = cross_tu_stats(pool->cross_tu);
        fprintf(stderr, "lockcheck: note: %s\n", stats);
        free(stats);
    }
}

/* Parent (worker_process.h, or between the threads' rounds): after the
 * first pass, the check round follows, and the workers get the merged
 * table as its message. */
static bool next_round(void *data, char **message)
{
    struct pool *pool = data;
    if (pool->phase == PHASE_CHECK)
        return false;
    end_first_pass(pool);
    if (!pool->check_follows) {
        pool->phase = PHASE_CHECK;
        return false;
    }
    start_check(pool);
    *message = cross_tu_document(pool->cross_tu);
    return true;
}

/* A worker process's copy of the pool: the check round, with the table. */
static void begin_round(void *data, const char *message)
{
    struct pool *pool = data;
    char *error = NULL;
    pool->phase = PHASE_CHECK;
    if (!cross_tu_take_table(pool->cross_tu, message, &error)) {
        fprintf(stderr, "lockcheck: error: the summaries sent to a worker process are malformed (%s)\n",
                error);
        _exit(1);
    }
}

/* --stats: how many files --cross-tu's first pass checked for good, and
 * how many were checked again with the summaries of other files: from the
 * unit the first pass kept, or parsed again. */
static void print_check_stats(const struct pool *pool)
{
    size_t once = 0, again = 0, reused = 0;
    for (size_t i = 0; i < pool->count; i++) {
        const struct job *job = &pool->jobs[i];
        bool in_pass = cross_tu_checked(pool->cross_tu, i) || cross_tu_summarised_ahead(pool->cross_tu, i);
        bool checked_again = in_pass && !job->checked && !job->from_cache;
        once += job->checked;
        again += checked_again;
        reused += checked_again && job->reused_unit;
    }
    fprintf(stderr, "lockcheck: note: cross-tu: %zu files checked in one parse, %zu checked "
                    "again with other files' summaries (%zu of them without a second parse)\n",
            once, again, reused);
}

/* --cache: a valid entry stands for the file's parse and analysis. */
static void take_cached_outcome(struct job *job, struct file_outcome *outcome)
{
    job->from_cache = true;
    take_outcome(job, outcome);
}

/* --cache: opens the cache and takes the outcome of every file whose entry
 * is still valid; those files are not parsed. NULL without --cache or when
 * the cache cannot be used (a warning: the run goes on without it). */
static struct result_cache *look_up_cached_results(struct pool *pool, const struct options *opts)
{
    if (!opts->cache || opts->dump_cfg)
        return NULL;
    char *summaries = pool->cross_tu ? cross_tu_summaries_hash(pool->cross_tu) : NULL;
    char *warning = NULL;
    struct result_cache *cache = result_cache_open(opts, summaries, &warning);
    free(summaries);
    if (!cache) {
        fprintf(stderr, "lockcheck: warning: %s\n", warning);
        free(warning);
        return NULL;
    }
    for (size_t i = 0; i < pool->count; i++) {
        struct job *job = &pool->jobs[i];
        if (job->error || job->failed)
            continue;
        job->cache_key = result_cache_key(cache, job->file, &job->cmd, job->config, job->unsaved);
        if (job->checked) {
            result_cache_count_analysed(cache); /* --cross-tu's first pass checked it */
            continue;
        }
        struct file_outcome outcome;
        if (result_cache_lookup(cache, job->file, job->unsaved != NULL, job->cache_key, &outcome))
            take_cached_outcome(job, &outcome);
    }
    if (opts->stats) {
        char *stats = result_cache_stats(cache);
        fprintf(stderr, "lockcheck: note: %s\n", stats);
        free(stats);
    }
    return cache;
}

/* --cache: the outcome of a file analysed in this run, before it is
 * reported. Not when a header was missing: creating it changes the outcome,
 * and a file that does not exist has no hash to check. */
static void store_outcome(struct result_cache *cache, struct job *job)
{
    if (cache && job->cache_deps && !job->error && !job->missing_header) {
        struct file_outcome outcome = job_outcome(job);
        result_cache_put(cache, job->file, job->unsaved != NULL, job->cache_key, job->cache_deps, &outcome);
    }
    free(job->cache_key);
    free(job->cache_deps);
}

/* ---- the map and reduce steps (cross_tu.h) ---- */

/* --emit-summary and --merge-summaries write a summary file to -o. */
static int write_summary_file(const struct options *opts, char *text)
{
    FILE *out = fopen(opts->output_file, "wb");
    bool ok = out && fputs(text, out) >= 0;
    if (out && fclose(out) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "lockcheck: error: %s: cannot write the summary file\n", opts->output_file);
    free(text);
    return ok ? 0 : 2;
}

static void report_error(char *error)
{
    fprintf(stderr, "lockcheck: error: %s\n", error);
    free(error);
}

/* --merge-summaries: the files given are summary files, merged in order. */
static int merge_summary_files(const struct options *opts)
{
    char *error = NULL;
    struct cross_tu *x = cross_tu_new(opts, opts->file_count, &error);
    for (size_t i = 0; x && !error && i < opts->file_count; i++)
        cross_tu_load_document(x, i, opts->files[i], &error);
    int status = error ? 2 : write_summary_file(opts, cross_tu_document(x));
    if (error)
        report_error(error);
    cross_tu_free(x);
    return status;
}

/* --emit-summary: --cross-tu's first pass alone, its summaries to -o; a
 * file that could not be read or parsed fails the step (exit 2), so a
 * build never merges a summary file that silently lacks it. */
static int emit_summary_file(struct pool *pool, const struct options *opts)
{
    start_first_pass(pool, opts, PHASE_SUMMARIES, false);
    run_pool(pool, opts->jobs);
    int status = pool->first_pass_failed ? 2 : 0;
    for (size_t i = 0; i < pool->count; i++) {
        struct job *job = &pool->jobs[i];
        if (!job->error && !job->failed && !cross_tu_file_summarised(pool->cross_tu, i))
            job->error = str_printf("%s: cannot parse it", job->file);
        if (job->error) {
            report_error(job->error);
            job->error = NULL;
            status = 2;
        }
        status = job->failed ? 2 : status;
        compile_command_free(&job->cmd);
    }
    if (status == 0)
        status = write_summary_file(opts, cross_tu_document(pool->cross_tu));
    return status;
}

/* --summaries=FILE: the table comes from FILE instead of a first pass. */
static bool load_summary_file(struct pool *pool, const struct options *opts)
{
    char *error = NULL;
    pool->cross_tu = cross_tu_new(opts, 1, &error);
    bool ok = pool->cross_tu && cross_tu_load_document(pool->cross_tu, 0, opts->summaries_file, &error) &&
              cross_tu_finish(pool->cross_tu, &error);
    if (!ok)
        report_error(error);
    return ok;
}

/* A file with compile errors counts as not fully checked (unless
 * --allow-compile-errors): one line says so; the errors themselves are in
 * the report. */
static void report_unchecked_file(const struct job *job)
{
    fprintf(stderr,
            "lockcheck: error: %s: %zu compile error%s (in the report); the code they do not "
            "touch was checked\n",
            job->file, job->compile_errors, job->compile_errors == 1 ? "" : "s");
}

/* No `--`, no -p, and no database found above the file (compile_db.c then
 * gives the fixed arguments, without a directory). */
static bool job_without_database(const struct job *job, const struct options *opts)
{
    return !opts->has_compiler_args && !opts->build_dir && !job->cmd.directory;
}

static void advise_compile_database(const struct job *job)
{
    const char *slash = strrchr(job->file, '/');
    int folder_length = slash ? (int)(slash - job->file + 1) : 2;
    fprintf(stderr,
            "lockcheck: note: %s: a header was not found and no compile_commands.json (or "
            "compile_flags.txt) was found above %.*s; pass -p <build dir>, or the compiler "
            "arguments after --\n",
            job->file, folder_length, slash ? job->file : "./");
}

/* -p and no files: every C file of the database (database_files.h). */
static bool take_database_files(struct options *opts, struct database_files *files)
{
    char *error = database_files_list(opts->build_dir, opts->file_filter, files);
    if (error) {
        fprintf(stderr, "lockcheck: error: %s\n", error);
        free(error);
        return false;
    }
    if (files->count == 0)
        fprintf(stderr, "lockcheck: note: no C file of %s/compile_commands.json to check\n",
                opts->build_dir);
    opts->files = xcalloc(files->count + 1, sizeof *opts->files);
    for (size_t i = 0; i < files->count; i++)
        opts->files[i] = files->names[i];
    opts->file_count = files->count;
    return true;
}

/* What main holds for the run, once the jobs' own parts are freed. */
static void free_run(struct pool *pool, struct config_cache *configs, struct unsaved_buffer *buffer,
                     struct options *opts, struct database_files *db_files)
{
    free(pool->jobs);
    free(pool->order);
    free(pool->early);
    free(pool->finished);
    config_cache_free(configs);
    unsaved_free(buffer);
    cross_tu_free(pool->cross_tu);
    options_free(opts);
    database_files_free(db_files);
}

int main(int argc, char **argv)
{
    struct options opts;
    switch (options_parse(argc, argv, &opts)) {
    case OPTIONS_EXIT_0:
        options_free(&opts);
        return 0;
    case OPTIONS_ERROR:
        options_free(&opts);
        return 2;
    case OPTIONS_OK:
        break;
    }

    char *checks_error = NULL;
    if (opts.checks && !rule_checks_valid(opts.checks, &checks_error)) {
        fprintf(stderr, "lockcheck: error: --checks: %s\n", checks_error);
        free(checks_error);
        options_free(&opts);
        return 2;
    }
    if (opts.list_checks || opts.dump_config) {
        int listed = opts.list_checks ? config_report_list_checks(&opts) : config_report_dump(&opts);
        options_free(&opts);
        return listed;
    }
    if ((opts.emit_summary || opts.merge_summaries) && !opts.output_file) {
        fprintf(stderr, "lockcheck: error: --emit-summary and --merge-summaries need -o <file>\n");
        options_free(&opts);
        return 2;
    }
    if (opts.merge_summaries) {
        int merged = merge_summary_files(&opts);
        options_free(&opts);
        return merged;
    }
    struct database_files db_files = {0};
    if (opts.file_count == 0 && !take_database_files(&opts, &db_files)) {
        options_free(&opts);
        return 2;
    }
    opts.source_root_abs = source_root_find(&opts);

    struct pool pool = {.count = opts.file_count, .opts = &opts};
    pool.jobs = xcalloc(opts.file_count + 1, sizeof *pool.jobs);
    struct compile_db_cache *cache = compile_db_cache_new();
    struct config_cache *configs = config_cache_new(opts.config_file, opts.header_filter,
                                                    rule_checks_valid);
    struct unsaved_buffer buffer = {0};
    char *stdin_error = NULL;
    if (opts.stdin_filename && !unsaved_read_stdin(opts.stdin_filename, &buffer, &stdin_error)) {
        fprintf(stderr, "lockcheck: error: %s\n", stdin_error);
        free(stdin_error);
        return 2;
    }
    for (size_t i = 0; i < opts.file_count; i++) {
        struct job *job = &pool.jobs[i];
        job->file = opts.files[i];
        job->config = config_for_file(configs, job->file, &job->error);
        job->failed = !job->config && !job->error;
        if (job->config)
            job->error = compile_command_for(cache, &opts, job->file, &job->cmd);
        if (opts.stdin_filename && strcmp(job->file, opts.stdin_filename) == 0 && !job->error)
            unsaved_attach(&buffer, &job->cmd, &job->unsaved);
    }
    /* Each job has its command: the databases go before any worker process
     * is forked, their memory given back, or every worker would copy the
     * pages of a large one as it touched the heap (a 200,000-entry
     * database made a run of one file 8 s instead of 2.5). */
    compile_db_cache_free(cache);
    malloc_trim(0);
    crash_guard_setup();
    int status = 0;
    if (opts.emit_summary) {
        status = emit_summary_file(&pool, &opts);
        free_run(&pool, configs, &buffer, &opts, &db_files);
        return status;
    }
    if (opts.summaries_file && !load_summary_file(&pool, &opts))
        status = 2;
    atomic_init(&pool.next, 0);
    if (opts.cross_tu && !opts.summaries_file && !opts.parse_only)
        start_first_pass(&pool, &opts, opts.dump_cfg ? PHASE_SUMMARIES : PHASE_CHECK_AND_SUMMARIES, true);
    else
        start_check(&pool);
    run_pool(&pool, opts.jobs);
    progress_finish(pool.progress);
    if (pool.first_pass_failed)
        status = 2;
    struct result_cache *results = pool.results;
    if (opts.stats && pool.cross_tu && opts.cross_tu && !opts.summaries_file && !opts.dump_cfg)
        print_check_stats(&pool);

    struct finding_list all = {0};
    struct run_facts facts = {0};
    facts.failed_files = xcalloc(pool.count + 1, sizeof *facts.failed_files);
    for (size_t i = 0; i < pool.count; i++) {
        struct job *job = &pool.jobs[i];
        store_outcome(results, job);
        if (job->error) {
            fprintf(stderr, "lockcheck: error: %s\n", job->error);
            status = 2;
        }
        if (job->compile_errors && !opts.allow_compile_errors) {
            report_unchecked_file(job);
            status = 2;
        }
        if (job->missing_header && job_without_database(job, &opts))
            advise_compile_database(job);
        if (job->error || job->failed || job->compile_errors)
            facts.failed_files[facts.failed_count++] = job->file;
        facts.suppressed += job->suppressed;
        for (size_t r = 0; r < job->remark_count; r++) {
            fprintf(stderr, "lockcheck: note: %s\n", job->remarks[r]);
            free(job->remarks[r]);
        }
        free(job->remarks);
        if (job->failed)
            status = 2;
        finding_list_merge(&all, &job->findings);
        free(job->error);
        compile_command_free(&job->cmd);
    }
    result_cache_close(results);
    facts.incomplete = status != 0;
    if (opts.stdin_filename) {
        facts.stdin_name = opts.stdin_filename;
        facts.stdin_contents = buffer.contents;
        facts.stdin_size = buffer.file.Length;
    }
    status = output_findings(&all, &opts, &facts);
    free(facts.failed_files);
    finding_list_free(&all);
    free_run(&pool, configs, &buffer, &opts, &db_files);
    return status;
}
