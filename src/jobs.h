/* jobs.h - `dyad code --jobs N`: N worker threads code documents in parallel, each with its own
 * dyad_coder over one shared, read-only dyad_dict; output leaves in input order, byte for byte
 * what one thread writes. Memory is bounded by a reorder window of documents in flight. */
#ifndef DYAD_JOBS_H
#define DYAD_JOBS_H
#include "dyad.h"
#include "input.h"
#include "util.h"
#include <stdio.h>

#define DYAD_JOBS_MAX 64   /* most worker threads one run starts */

/* Formats one event onto a buffer (dyad_write_json, _tsv or _explain); 0, or -1 when full. */
typedef int (*dyad_jobs_format)(const dyad_event *ev, dyad_buf *out);

typedef struct dyad_jobs dyad_jobs;

/* Starts n (1..DYAD_JOBS_MAX) workers coding with dict d (which must outlive the pool and is only
 * read) and writing each document's events formatted by fmt to out, in submission order. Returns
 * NULL when memory or threads run out (a message is printed on stderr). Free with dyad_jobs_end. */
dyad_jobs *dyad_jobs_start(const dyad_dict *d, int n, dyad_jobs_format fmt, FILE *out);

/* Queues a copy of one normalized document (the caller keeps doc). Blocks while the reorder
 * window is full. Returns nonzero when output can no longer be written (stop reading). A document
 * that cannot be copied is reported on stderr and skipped, and the run's status becomes
 * DYAD_EINPUT. Called from one thread only. */
int dyad_jobs_submit(dyad_jobs *j, const dyad_input_doc *doc);

/* Waits until every queued document has been coded and written, stops the workers, flushes out
 * and frees the pool. Returns DYAD_OK, or DYAD_EINPUT when a document could not be coded in full
 * (reported on stderr with its FILE:LINE) or the output could not be written. */
int dyad_jobs_end(dyad_jobs *j);

/* The number of online processors (at least 1, at most DYAD_JOBS_MAX): what --jobs 0 means. */
int dyad_jobs_cores(void);
#endif
