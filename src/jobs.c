/* jobs.c - the worker pool behind `dyad code --jobs N`. The reading thread copies each document
 * into a slot of a ring (the reorder window); workers take slots in order, code them into the
 * slot's own buffer, and whoever finishes the oldest slot writes every finished slot at the head
 * of the ring, so output leaves in input order. One mutex guards the ring and the output. */
#include "alloc.h"
#include "jobs.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS_PER_WORKER 16                 /* reorder window: documents in flight per worker */
#define INFLIGHT_BYTES ((size_t)64 << 20)   /* text in flight beyond which the reader waits */
#define SPILL_AT (64 * 1024)                /* the oldest slot writes its output from this size on */
#define HOLD_MAX ((size_t)16 << 20)         /* a later slot holding this much waits to be oldest */
#define SLOT_OUT_CAP ((size_t)256 << 20)    /* one document's output buffer, hard cap */
#define KEEP_OUT ((size_t)1 << 20)          /* a slot keeps an output buffer up to this size */

enum { SLOT_FREE, SLOT_READY, SLOT_CODING, SLOT_DONE };

typedef struct {
  size_t seq;
  int state;
  char *id, *date, *outlet, *file, *text;   /* owned copies */
  size_t n;
  long line;
  dyad_buf out;
  int failed;                               /* coding ran out of memory or the buffer cap */
} slot;

typedef struct {
  dyad_jobs *j;
  dyad_coder *coder;
  slot *cur;
  pthread_t tid;
  int started;
} worker;

struct dyad_jobs {
  pthread_mutex_t mu;
  pthread_cond_t space, work, head;
  slot *slots;
  size_t nslots;
  size_t next_seq, next_claim, next_write;  /* submitted, taken by a worker, written */
  size_t inflight;                          /* bytes of text in the window */
  int closing, write_failed, write_errno, status;
  dyad_jobs_format fmt;
  FILE *out;
  worker *workers;
  int nworkers;
};

int dyad_jobs_cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > DYAD_JOBS_MAX ? DYAD_JOBS_MAX : (int)n;
}

static void slot_clear(slot *s) {
  free(s->id); free(s->date); free(s->outlet); free(s->file); free(s->text);
  s->id = s->date = s->outlet = s->file = s->text = NULL;
  s->n = 0;
  s->out.n = 0;
  if (s->out.cap_alloc > KEEP_OUT) dyad_buf_free(&s->out);   /* an outsize document's buffer goes */
  s->failed = 0;
  s->state = SLOT_FREE;
}

/* Output failed (errno says why): the run stops. Under the lock. */
static void fail_locked(dyad_jobs *j) {
  j->write_errno = errno;
  __atomic_store_n(&j->write_failed, 1, __ATOMIC_RELAXED);   /* workers read it without the lock */
}

/* Writes buf to the output under the lock; a short write stops the run. */
static void write_locked(dyad_jobs *j, dyad_buf *b) {
  if (b->n && !j->write_failed && fwrite(b->p, 1, b->n, j->out) != b->n) fail_locked(j);
  b->n = 0;
}

static void report_locked(dyad_jobs *j, const slot *s) {
  const char *msg = "out of memory while coding this document; it was skipped in part";
  if (s->line > 0) fprintf(stderr, "dyad: %s:%ld: %s\n", s->file, s->line, msg);
  else fprintf(stderr, "dyad: %s: %s\n", s->file, msg);
  j->status = DYAD_EINPUT;
}

/* Writes and frees every finished slot at the head of the window, oldest first. */
static void drain_locked(dyad_jobs *j) {
  int moved = 0;
  while (j->next_write < j->next_seq) {
    slot *s = &j->slots[j->next_write % j->nslots];
    if (s->state != SLOT_DONE) break;
    write_locked(j, &s->out);
    if (s->failed) report_locked(j, s);
    j->inflight -= s->n;
    slot_clear(s);
    j->next_write++;
    moved = 1;
  }
  if (moved) {
    if (!j->write_failed && fflush(j->out) != 0) fail_locked(j);   /* documents reach a pipe at once */
    pthread_cond_broadcast(&j->space);
    pthread_cond_broadcast(&j->head);
  }
}

/* A worker's buffer grew: the oldest slot writes it now; a later one waits once it holds much. */
static void spill(worker *w) {
  dyad_jobs *j = w->j;
  slot *s = w->cur;
  pthread_mutex_lock(&j->mu);
  while (s->seq != j->next_write && s->out.n >= HOLD_MAX && !j->write_failed) pthread_cond_wait(&j->head, &j->mu);
  if (s->seq == j->next_write) write_locked(j, &s->out);
  pthread_mutex_unlock(&j->mu);
}

static int on_event(const dyad_event *ev, void *ctx) {
  worker *w = ctx;
  slot *s = w->cur;
  if (w->j->fmt(ev, &s->out)) { s->failed = 1; return 1; }
  if (s->out.n >= SPILL_AT) spill(w);
  return __atomic_load_n(&w->j->write_failed, __ATOMIC_RELAXED);
}

static void code_slot(worker *w, slot *s) {
  w->cur = s;
  dyad_docinfo info = {s->id, s->date, s->outlet};
  if (dyad_code_document(w->coder, &info, s->text, s->n, on_event, w) != DYAD_OK) s->failed = 1;
  w->cur = NULL;
}

static void *worker_main(void *arg) {
  worker *w = arg;
  dyad_jobs *j = w->j;
  pthread_mutex_lock(&j->mu);
  for (;;) {
    while (j->next_claim == j->next_seq && !j->closing) pthread_cond_wait(&j->work, &j->mu);
    if (j->next_claim == j->next_seq) break;
    slot *s = &j->slots[j->next_claim++ % j->nslots];
    s->state = SLOT_CODING;
    int skip = j->write_failed;
    pthread_mutex_unlock(&j->mu);
    if (!skip) code_slot(w, s);
    pthread_mutex_lock(&j->mu);
    s->state = SLOT_DONE;
    drain_locked(j);
  }
  pthread_mutex_unlock(&j->mu);
  return NULL;
}

static void pool_free(dyad_jobs *j) {
  for (int i = 0; i < j->nworkers; i++) dyad_coder_free(j->workers[i].coder);
  for (size_t i = 0; i < j->nslots; i++) { slot_clear(&j->slots[i]); dyad_buf_free(&j->slots[i].out); }
  free(j->workers);
  free(j->slots);
  pthread_mutex_destroy(&j->mu);
  pthread_cond_destroy(&j->space);
  pthread_cond_destroy(&j->work);
  pthread_cond_destroy(&j->head);
  free(j);
}

/* Allocates the ring and one coder per worker; threads are not started yet. */
static dyad_jobs *pool_new(const dyad_dict *d, int n, dyad_jobs_format fmt, FILE *out) {
  dyad_jobs *j = dyad_calloc(1, sizeof *j);
  if (!j) return NULL;
  pthread_mutex_init(&j->mu, NULL);
  pthread_cond_init(&j->space, NULL);
  pthread_cond_init(&j->work, NULL);
  pthread_cond_init(&j->head, NULL);
  j->fmt = fmt;
  j->out = out;
  j->nslots = (size_t)n * SLOTS_PER_WORKER;
  j->slots = dyad_calloc(j->nslots, sizeof *j->slots);
  j->workers = dyad_calloc((size_t)n, sizeof *j->workers);
  if (!j->slots || !j->workers) { pool_free(j); return NULL; }
  for (size_t i = 0; i < j->nslots; i++) dyad_buf_init(&j->slots[i].out, SLOT_OUT_CAP);
  for (int i = 0; i < n; i++, j->nworkers++) {
    j->workers[i].j = j;
    if (!(j->workers[i].coder = dyad_coder_new(d))) { pool_free(j); return NULL; }
  }
  return j;
}

dyad_jobs *dyad_jobs_start(const dyad_dict *d, int n, dyad_jobs_format fmt, FILE *out) {
  if (n < 1) n = 1;
  if (n > DYAD_JOBS_MAX) n = DYAD_JOBS_MAX;
  dyad_jobs *j = pool_new(d, n, fmt, out);
  if (!j) { fprintf(stderr, "dyad: out of memory starting %d workers: try a smaller --jobs\n", n); return NULL; }
  for (int i = 0; i < n; i++) {
    if (pthread_create(&j->workers[i].tid, NULL, worker_main, &j->workers[i]) != 0) {
      fprintf(stderr, "dyad: could not start worker thread %d of %d: try a smaller --jobs\n", i + 1, n);
      dyad_jobs_end(j);
      return NULL;
    }
    j->workers[i].started = 1;
  }
  return j;
}

static char *dup_or_null(const char *s, int *bad) {
  if (!s) return NULL;
  char *c = dyad_strdup(s);
  if (!c) *bad = 1;
  return c;
}

/* Copies a document into a slot's fields; nonzero when memory ran out (the slot is cleared). */
static int copy_doc(slot *s, const dyad_input_doc *doc) {
  int bad = 0;
  s->id = dup_or_null(doc->id, &bad);
  s->date = dup_or_null(doc->date, &bad);
  s->outlet = dup_or_null(doc->outlet, &bad);
  s->file = dup_or_null(doc->file ? doc->file : "-", &bad);
  s->text = dyad_malloc(doc->n + 1);
  if (s->text) { memcpy(s->text, doc->text, doc->n); s->text[doc->n] = 0; }
  else bad = 1;
  s->n = doc->n;
  s->line = doc->line;
  if (bad) slot_clear(s);
  return bad;
}

int dyad_jobs_submit(dyad_jobs *j, const dyad_input_doc *doc) {
  pthread_mutex_lock(&j->mu);
  while (!j->write_failed && (j->next_seq - j->next_write >= j->nslots ||
                              (j->inflight && j->inflight + doc->n > INFLIGHT_BYTES)))
    pthread_cond_wait(&j->space, &j->mu);
  int stop = j->write_failed;
  slot *s = &j->slots[j->next_seq % j->nslots];   /* free: only this thread fills slots */
  pthread_mutex_unlock(&j->mu);
  if (stop) return 1;
  if (copy_doc(s, doc)) {
    const char *msg = "out of memory while queueing this document; it was skipped";
    if (doc->line > 0) fprintf(stderr, "dyad: %s:%ld: %s\n", doc->file, doc->line, msg);
    else fprintf(stderr, "dyad: %s: %s\n", doc->file ? doc->file : "-", msg);
    pthread_mutex_lock(&j->mu);
    j->status = DYAD_EINPUT;
    pthread_mutex_unlock(&j->mu);
    return 0;
  }
  pthread_mutex_lock(&j->mu);
  s->seq = j->next_seq++;
  s->state = SLOT_READY;
  j->inflight += s->n;
  pthread_cond_signal(&j->work);
  pthread_mutex_unlock(&j->mu);
  return 0;
}

int dyad_jobs_end(dyad_jobs *j) {
  pthread_mutex_lock(&j->mu);
  j->closing = 1;
  pthread_cond_broadcast(&j->work);
  pthread_mutex_unlock(&j->mu);
  for (int i = 0; i < j->nworkers; i++)
    if (j->workers[i].started) pthread_join(j->workers[i].tid, NULL);
  pthread_mutex_lock(&j->mu);
  drain_locked(j);
  int status = j->status;
  if (!j->write_failed && fflush(j->out) != 0) fail_locked(j);
  if (j->write_failed) {
    fprintf(stderr, "dyad: cannot write output: %s\n", strerror(j->write_errno));
    status = DYAD_EINPUT;
  }
  pthread_mutex_unlock(&j->mu);
  pool_free(j);
  return status;
}
