/* ingest.c - two threads: the caller's thread hashes each document, skips it when stored, codes
 * it into a job (a copy of the document and its event records); a writer thread takes the jobs
 * in input order and writes the document, its events, their merge links, claims and commitments
 * inside the open batch transaction (so a document is stored whole or not at all). */
#include "alloc.h"
#include "ingest.h"
#include "claims.h"
#include "claimix.h"
#include "dict.h"
#include "merge.h"
#include "totals.h"
#include "output.h"
#include "place.h"
#include "util.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUEUE_JOBS 64                  /* documents coded ahead of the writer */
#define JOB_KEEP_BYTES ((size_t)1 << 20)   /* a recycled job frees memory beyond this */
#define SEEN_MAX ((size_t)1 << 20)     /* hashes of this run's documents kept to skip repeats */

typedef struct ingest_job ingest_job;
struct ingest_job {
  ingest_job *next;
  int commit;                 /* a commit request, not a document */
  char hash[65];
  dyad_input_doc doc;         /* strings in arena */
  dyad_srec *recs;
  size_t n, cap;
  dyad_arena arena;
};

typedef struct { unsigned char (*h)[32]; size_t nslots, count; } seen_set;

struct dyad_ingest {
  /* writer thread only */
  dyad_store *s;
  size_t batch, in_batch;
  int in_txn;
  struct timespec txn_start;
  dyad_merge_index *mix;       /* happenings by (key, day), loaded in the first transaction */
  int mix_loaded;
  dyad_claimix *cix;           /* claims and commitments by key, loaded with mix (NULL: look up in SQL) */
  long long data_version;      /* data_version() when the index was last known current */
  dyad_totals_mark mark;       /* where the counted tables ended when the transaction began */
  /* coding thread only */
  dyad_store *reader;          /* read-only connection: is a document stored already? */
  dyad_coder *coder;
  const dyad_dict *dict;
  ingest_job *job;             /* the job being coded */
  int truncated;
  dyad_buf json;
  seen_set seen;
  dyad_ingest_counts snap;
  /* shared, under mu */
  pthread_mutex_t mu;
  pthread_cond_t work, space, done;
  pthread_t writer;
  ingest_job *head, *tail, *free_jobs;
  size_t njobs;
  unsigned long commits_asked, commits_done;
  int stop, fail_st;
  char fail_msg[512];
  dyad_ingest_counts counts;
};

const dyad_ingest_counts *dyad_ingest_get_counts(const dyad_ingest *g) {
  dyad_ingest *m = (dyad_ingest *)g;   /* the snapshot is the coding thread's own copy */
  pthread_mutex_lock(&m->mu);
  m->snap = m->counts;
  pthread_mutex_unlock(&m->mu);
  return &m->snap;
}

/* ---- coding: the caller's thread --------------------------------------------------------- */
static const char *keep(ingest_job *j, const char *s, size_t n) { return s ? dyad_arena_strndup(&j->arena, s, n) : NULL; }
static const char *keepz(ingest_job *j, const char *s) { return s ? keep(j, s, strlen(s)) : NULL; }

static void prefix3(char out[4], const char *code) {
  size_t k = 0;
  while (code && k < 3 && code[k]) { out[k] = code[k]; k++; }
  out[k] = 0;
}

static void copy_actor(ingest_job *j, const dyad_actor *a, const char **code, const char **name, const char **entry, char c3[4]) {
  *code = a ? keepz(j, a->code) : NULL;
  *name = a && a->name.n ? keep(j, a->name.p, a->name.n) : NULL;
  *entry = a ? keepz(j, a->entry) : NULL;
  prefix3(c3, a ? a->code : NULL);
}

/* Copies at most cap-1 bytes of a NUL-terminated string (NULL: empty). */
static void copy_fixed(char *out, size_t cap, const char *s) {
  size_t n = s ? strnlen(s, cap - 1) : 0;
  memcpy(out, s ? s : "", n);
  out[n] = 0;
}

/* A new record slot in the job, or NULL when out of memory. */
static dyad_srec *new_rec(ingest_job *j) {
  if (j->n == j->cap) {
    size_t nc = j->cap ? j->cap * 2 : 64;
    dyad_srec *nr = dyad_realloc(j->recs, nc * sizeof *nr);
    if (!nr) return NULL;
    j->recs = nr;
    j->cap = nc;
  }
  dyad_srec *r = &j->recs[j->n];
  memset(r, 0, sizeof *r);
  return r;
}

/* Emit callback: copies the event into the job's record list. */
static int collect(const dyad_event *ev, void *ctx) {
  dyad_ingest *g = ctx;
  ingest_job *j = g->job;
  if (j->n == DYAD_INGEST_MAX_EVENTS) { g->truncated = 1; return 1; }
  dyad_srec *r = new_rec(j);
  if (!r) return 1;
  r->sent = ev->sent;
  r->precision = ev->date_precision;
  r->quad = ev->quad;
  r->stance = ev->stance;
  r->mode = (ev->mode.negated ? DYAD_MODE_NEGATED : 0) | (ev->mode.future ? DYAD_MODE_FUTURE : 0) |
            (ev->mode.hypothetical ? DYAD_MODE_HYPOTHETICAL : 0) | (ev->mode.conditional ? DYAD_MODE_CONDITIONAL : 0) |
            (ev->mode.historical ? DYAD_MODE_HISTORICAL : 0);
  copy_fixed(r->eid, sizeof r->eid, ev->id);
  copy_fixed(r->date, sizeof r->date, ev->date);
  copy_fixed(r->root, sizeof r->root, ev->root);
  r->day = dyad_store_day(ev->date);
  copy_actor(j, ev->source, &r->src, &r->src_name, &r->src_entry, r->src3);
  copy_actor(j, ev->target, &r->tgt, &r->tgt_name, &r->tgt_entry, r->tgt3);
  r->speaker = ev->speaker ? keepz(j, ev->speaker->code) : NULL;
  prefix3(r->speaker3, r->speaker);
  r->code = keepz(j, ev->code);
  r->plover = keepz(j, ev->plover);
  r->rule = keepz(j, ev->rule.id);
  const dyad_cameo *cm = dyad_dict_cameo(g->dict, ev->code);
  r->label = cm ? keepz(j, cm->label) : NULL;
  r->goldstein = ev->goldstein;
  r->ev_start = ev->ev_start;
  r->ev_end = ev->ev_end;
  r->verb_start = ev->verb_start;
  r->verb_end = ev->verb_end;
  if (ev->verb_end > ev->verb_start && ev->verb_end <= j->doc.n) r->verb = keep(j, j->doc.text + ev->verb_start, ev->verb_end - ev->verb_start);
  g->json.n = 0;
  if (dyad_write_json(ev, &g->json) != 0) return 1;
  while (g->json.n && g->json.p[g->json.n - 1] == '\n') g->json.n--;
  r->json = keep(j, g->json.p, g->json.n);
  if (ev->place.name) {   /* the place as the record writes it (names: static strings of place.c) */
    if (!(r->place_name = keepz(j, ev->place.name))) return 1;
    copy_fixed(r->place_country, sizeof r->place_country, ev->place.country);
    copy_fixed(r->place_admin1, sizeof r->place_admin1, ev->place.admin1);
    r->place_lat = ev->place.lat;
    r->place_lon = ev->place.lon;
    r->place_precision = dyad_place_precision_name(ev->place.precision);
    r->place_basis = dyad_place_basis_name(ev->place.basis);
  }
  if (ev->nsanctions > 0) {   /* the flags' strings live in the dictionary, which outlives the ingest */
    dyad_sanction *fl = dyad_arena_alloc(&j->arena, (size_t)ev->nsanctions * sizeof *fl);
    if (!fl) return 1;
    memcpy(fl, ev->sanctions, (size_t)ev->nsanctions * sizeof *fl);
    r->sanctions = fl;
    r->nsanctions = ev->nsanctions;
  }
  if (!r->code || !r->json) return 1;
  j->n++;
  return 0;
}

/* ---- this run's document hashes ------------------------------------------------------------ */
static void hex32(const char *hex, unsigned char out[32]) {
  for (int i = 0; i < 32; i++) {
    unsigned v = 0;
    for (int k = 0; k < 2; k++) {
      char c = hex[2 * i + k];
      v = v << 4 | (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    out[i] = (unsigned char)v;
  }
}

static const unsigned char NO_HASH[32];   /* an empty slot (no document hashes to zero) */

/* The slot of h: where it is, or the empty slot where it belongs. */
static size_t seen_slot(const seen_set *t, const unsigned char h[32]) {
  size_t i;
  memcpy(&i, h, sizeof i);
  for (i &= t->nslots - 1; memcmp(t->h[i], NO_HASH, 32) && memcmp(t->h[i], h, 32); i = (i + 1) & (t->nslots - 1)) {}
  return i;
}

static int seen_has(const seen_set *t, const unsigned char h[32]) {
  return t->nslots && memcmp(t->h[seen_slot(t, h)], h, 32) == 0;
}

/* Adds h; when full or out of memory it is not kept (the writer still skips a repeat). */
static void seen_add(seen_set *t, const unsigned char h[32]) {
  if ((t->count + 1) * 2 > t->nslots) {
    size_t nn = t->nslots ? t->nslots * 2 : 4096;
    seen_set nt = {NULL, nn, t->count};
    if (t->count >= SEEN_MAX || !(nt.h = dyad_calloc(nn, 32))) return;
    for (size_t i = 0; i < t->nslots; i++)
      if (memcmp(t->h[i], NO_HASH, 32)) memcpy(nt.h[seen_slot(&nt, t->h[i])], t->h[i], 32);
    free(t->h);
    *t = nt;
  }
  size_t i = seen_slot(t, h);
  if (memcmp(t->h[i], h, 32) == 0) return;
  memcpy(t->h[i], h, 32);
  t->count++;
}

/* ---- writing: the writer thread ----------------------------------------------------------- */
/* A number that changes when another connection commits merged events (SQLite: PRAGMA
 * data_version; PostgreSQL: the merged events counted in totals); -1 on error. */
static long long data_version(dyad_store *s) {
  static const char lite[] = "PRAGMA data_version", pg[] = "SELECT n FROM totals WHERE name = 'merged_events'";
  dyad_stmt *st = dyad_store_stmt(s, dyad_db_engine(dyad_store_db(s)) == DYAD_DB_POSTGRES ? pg : lite);
  long long v = st && dyad_db_step(st) == DYAD_DB_ROW ? dyad_db_column_int64(st, 0) : -1;
  if (st) dyad_db_reset(st);
  return v;
}

static int begin(dyad_ingest *g, char *err, size_t errcap) {
  if (g->in_txn) return DYAD_OK;
  int rc = dyad_store_begin(g->s);
  if (rc != DYAD_DB_OK) return dyad_store_error(g->s, rc, "starting a transaction", err, errcap);
  g->in_txn = 1;
  g->in_batch = 0;
  long long dv = data_version(g->s);
  if (g->mix_loaded && dv != g->data_version) {   /* another process wrote: rebuild the indexes */
    dyad_merge_index_free(g->mix);
    dyad_claimix_free(g->cix);
    g->mix = NULL;
    g->cix = NULL;
    g->mix_loaded = 0;
  }
  g->data_version = dv;
  if (!g->mix_loaded) {   /* under the write lock, so no other writer adds happenings meanwhile */
    g->mix = dyad_merge_index_load(g->s, &rc);
    if (rc == DYAD_DB_OK) g->cix = dyad_claimix_load(g->s, &rc);
    if (rc != DYAD_DB_OK) {
      int st = dyad_store_error(g->s, rc, "reading the merged events, claims and commitments", err, errcap);
      dyad_merge_index_free(g->mix);
      g->mix = NULL;
      dyad_store_rollback(g->s);
      g->in_txn = 0;
      return st;
    }
    g->mix_loaded = 1;
  }
  if ((rc = dyad_totals_begin(g->s, &g->mark)) != DYAD_DB_OK) {
    int st = dyad_store_error(g->s, rc, "reading the summary counts", err, errcap);
    dyad_store_rollback(g->s);
    g->in_txn = 0;
    return st;
  }
  clock_gettime(CLOCK_MONOTONIC, &g->txn_start);
  return DYAD_OK;
}

static int commit_now(dyad_ingest *g, char *err, size_t errcap) {
  if (!g->in_txn) return DYAD_OK;
  int rc = dyad_totals_commit(g->s, &g->mark);   /* the counts commit with the rows */
  if (rc == DYAD_DB_OK) g->data_version = data_version(g->s);   /* what this commit leaves (ours are known) */
  if (rc == DYAD_DB_OK) rc = dyad_store_commit(g->s);
  if (rc != DYAD_DB_OK) {
    int st = dyad_store_error(g->s, rc, "committing", err, errcap);
    dyad_store_rollback(g->s);
    g->in_txn = 0;
    return st;
  }
  g->in_txn = 0;
  return DYAD_OK;
}

static long ms_since(const struct timespec *t) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Writes the coded document and everything derived from it, unless a document with its hash is
 * stored already (another writer may have stored it since it was coded): then *have is set.
 * Returns a DYAD_DB code. */
static int write_doc(dyad_ingest *g, ingest_job *j, int *have) {
  const dyad_input_doc *d = &j->doc;
  long long doc = dyad_store_add_doc(g->s, j->hash, d->id, d->url, d->title, d->outlet, d->date, d->text, d->n, (int)j->n);
  if (doc < 0) return dyad_db_errcode(dyad_store_db(g->s));
  if ((*have = doc == 0)) return DYAD_DB_OK;
  int rc = DYAD_DB_OK;
  for (size_t i = 0; i < j->n && rc == DYAD_DB_OK; i++) {
    dyad_srec *r = &j->recs[i];
    int first = i == 0 || r->sent != j->recs[i - 1].sent;
    const char *sent = r->ev_end <= d->n && r->ev_start <= r->ev_end ? d->text + r->ev_start : "";
    size_t sn = r->ev_end <= d->n && r->ev_start <= r->ev_end ? r->ev_end - r->ev_start : 0;
    rc = dyad_store_add_event(g->s, doc, r, sent, sn, first);
    if (rc == DYAD_DB_OK) rc = dyad_store_add_sanctions(g->s, doc, r, d->text, d->n);
    if (rc == DYAD_DB_OK) rc = dyad_merge_event(g->s, g->mix, r, doc);
  }
  if (rc == DYAD_DB_OK) rc = dyad_claims_document(g->s, &g->cix, doc, j->recs, j->n, d->text, d->n);
  return rc;
}

/* Stores one coded document (unless another writer stored it meanwhile) and commits a full batch.
 * Returns DYAD_OK or a store status with a message; the batch is rolled back on error. */
static int store_job(dyad_ingest *g, ingest_job *j, char *err, size_t errcap) {
  int st = begin(g, err, errcap);
  if (st != DYAD_OK) return st;
  int have = 0, rc = write_doc(g, j, &have);
  if (rc != DYAD_DB_OK) {
    st = dyad_store_error(g->s, rc, "storing a document", err, errcap);
    dyad_store_rollback(g->s);
    g->in_txn = 0;
    return st;
  }
  pthread_mutex_lock(&g->mu);
  if (have) g->counts.skipped++;
  else { g->counts.added++; g->counts.events += j->n; }
  pthread_mutex_unlock(&g->mu);
  if (!have && (++g->in_batch >= g->batch || ms_since(&g->txn_start) >= DYAD_INGEST_COMMIT_MS)) return commit_now(g, err, errcap);
  return DYAD_OK;
}

/* Returns a used job to the free list, dropping memory a big document left behind. */
static void recycle(dyad_ingest *g, ingest_job *j) {
  if (j->arena.used_total > JOB_KEEP_BYTES) { dyad_arena_free(&j->arena); dyad_arena_init(&j->arena); }
  else dyad_arena_reset(&j->arena);
  if (j->cap > 4096) { free(j->recs); j->recs = NULL; j->cap = 0; }
  j->n = 0;
  j->commit = 0;
  j->next = g->free_jobs;
  g->free_jobs = j;
}

/* The writer: takes jobs in order until told to stop; after a failure it only drains the queue. */
static void *writer_main(void *arg) {
  dyad_ingest *g = arg;
  char err[512];
  pthread_mutex_lock(&g->mu);
  for (;;) {
    while (!g->head && !g->stop) pthread_cond_wait(&g->work, &g->mu);
    ingest_job *j = g->head;
    if (!j) break;
    if (!(g->head = j->next)) g->tail = NULL;
    int failed = g->fail_st != DYAD_OK || g->stop;
    pthread_mutex_unlock(&g->mu);
    int st = failed ? DYAD_OK : j->commit ? commit_now(g, err, sizeof err) : store_job(g, j, err, sizeof err);
    pthread_mutex_lock(&g->mu);
    if (st != DYAD_OK) {   /* a store failure ends the run: later documents are not written */
      g->fail_st = st == DYAD_EINPUT ? DYAD_ESTORE_CORRUPT : st;
      snprintf(g->fail_msg, sizeof g->fail_msg, "%s", err);
    }
    if (j->commit) { g->commits_done++; pthread_cond_broadcast(&g->done); }
    recycle(g, j);
    pthread_cond_signal(&g->space);
  }
  pthread_mutex_unlock(&g->mu);
  if (g->in_txn) dyad_store_rollback(g->s);
  g->in_txn = 0;
  return NULL;
}

/* ---- the queue, from the caller's thread -------------------------------------------------- */
/* A free job, waiting while QUEUE_JOBS are in flight; NULL when out of memory or the writer failed. */
static ingest_job *take_job(dyad_ingest *g) {
  pthread_mutex_lock(&g->mu);
  while (!g->free_jobs && g->njobs >= QUEUE_JOBS && g->fail_st == DYAD_OK) pthread_cond_wait(&g->space, &g->mu);
  ingest_job *j = g->fail_st != DYAD_OK ? NULL : g->free_jobs;
  if (j) g->free_jobs = j->next;
  else if (g->fail_st == DYAD_OK && (j = dyad_calloc(1, sizeof *j))) { dyad_arena_init(&j->arena); g->njobs++; }
  pthread_mutex_unlock(&g->mu);
  return j;
}

static void put_job(dyad_ingest *g, ingest_job *j) {
  pthread_mutex_lock(&g->mu);
  j->next = NULL;
  if (g->tail) g->tail->next = j;
  else g->head = j;
  g->tail = j;
  pthread_cond_signal(&g->work);
  pthread_mutex_unlock(&g->mu);
}

/* The writer's failure (status and message), or DYAD_OK. */
static int writer_failed(dyad_ingest *g, char *err, size_t errcap) {
  pthread_mutex_lock(&g->mu);
  int st = g->fail_st;
  if (st != DYAD_OK) snprintf(err, errcap, "%s", g->fail_msg);
  pthread_mutex_unlock(&g->mu);
  return st;
}

dyad_ingest *dyad_ingest_new(dyad_store *s, dyad_coder *c, const dyad_dict *d, size_t batch) {
  dyad_ingest *g = dyad_calloc(1, sizeof *g);
  if (!g) return NULL;
  g->s = s;
  g->coder = c;
  g->dict = d;
  g->batch = batch ? batch : DYAD_INGEST_BATCH;
  dyad_buf_init(&g->json, (size_t)16 << 20);
  char err[512];
  if (dyad_store_open_reader(s, &g->reader, err, sizeof err) != DYAD_OK) g->reader = NULL;   /* the writer still skips */
  pthread_mutex_init(&g->mu, NULL);
  pthread_cond_init(&g->work, NULL);
  pthread_cond_init(&g->space, NULL);
  pthread_cond_init(&g->done, NULL);
  if (pthread_create(&g->writer, NULL, writer_main, g) != 0) {
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->work);
    pthread_cond_destroy(&g->space);
    pthread_cond_destroy(&g->done);
    dyad_store_close(g->reader);
    dyad_buf_free(&g->json);
    free(g);
    return NULL;
  }
  return g;
}

/* 1 when the document is stored or already queued in this run, 0 when not, -1 on error. */
static int already_have(dyad_ingest *g, const char *hash, const unsigned char bin[32]) {
  if (seen_has(&g->seen, bin)) return 1;
  return g->reader ? dyad_store_has_doc(g->reader, hash) : 0;
}

/* Copies the document into job j; -1 when out of memory. */
static int copy_doc(ingest_job *j, const dyad_input_doc *d) {
  j->doc = *d;
  j->doc.id = keepz(j, d->id);
  j->doc.date = keepz(j, d->date);
  j->doc.outlet = keepz(j, d->outlet);
  j->doc.url = keepz(j, d->url);
  j->doc.title = keepz(j, d->title);
  j->doc.file = NULL;
  j->doc.text = keep(j, d->text ? d->text : "", d->text ? d->n : 0);
  return !j->doc.text || (d->id && !j->doc.id) || (d->date && !j->doc.date) || (d->outlet && !j->doc.outlet) ||
         (d->url && !j->doc.url) || (d->title && !j->doc.title) ? -1 : 0;
}

int dyad_ingest_doc(dyad_ingest *g, const dyad_input_doc *d, char *err, size_t errcap) {
  char hash[65];
  unsigned char bin[32];
  dyad_doc_hash(d->text, d->n, d->url, hash);
  hex32(hash, bin);
  int st = writer_failed(g, err, errcap);
  if (st != DYAD_OK) return st;
  pthread_mutex_lock(&g->mu);
  g->counts.docs++;
  g->counts.bytes += d->n;
  pthread_mutex_unlock(&g->mu);
  int have = already_have(g, hash, bin);
  if (have < 0) return dyad_store_error(g->reader, dyad_db_errcode(dyad_store_db(g->reader)), "looking up a document", err, errcap);
  if (have) {
    pthread_mutex_lock(&g->mu);
    g->counts.skipped++;
    pthread_mutex_unlock(&g->mu);
    return DYAD_OK;
  }
  ingest_job *j = g->job = take_job(g);
  if (!j) return (st = writer_failed(g, err, errcap)) != DYAD_OK ? st : (snprintf(err, errcap, "out of memory"), DYAD_ENOMEM);
  memcpy(j->hash, hash, sizeof hash);
  g->truncated = 0;
  if (copy_doc(j, d) != 0) {
    pthread_mutex_lock(&g->mu);
    recycle(g, j);
    pthread_mutex_unlock(&g->mu);
    snprintf(err, errcap, "out of memory copying a document; split the input");
    return DYAD_ENOMEM;
  }
  dyad_docinfo info = {j->doc.id, j->doc.date, j->doc.outlet};
  int cst = dyad_code_document(g->coder, &info, j->doc.text, j->doc.n, collect, g);
  seen_add(&g->seen, bin);
  put_job(g, j);
  g->job = NULL;
  if (cst != DYAD_OK || g->truncated) {
    snprintf(err, errcap, g->truncated ? "more than %d events in one document: the rest were dropped; split the input"
                                       : "out of memory while coding this document; it was stored in part", DYAD_INGEST_MAX_EVENTS);
    return DYAD_EINPUT;
  }
  return DYAD_OK;
}

int dyad_ingest_commit(dyad_ingest *g, char *err, size_t errcap) {
  ingest_job *j = take_job(g);
  if (!j) { int st = writer_failed(g, err, errcap); return st != DYAD_OK ? st : (snprintf(err, errcap, "out of memory"), DYAD_ENOMEM); }
  j->commit = 1;
  pthread_mutex_lock(&g->mu);
  unsigned long want = ++g->commits_asked;
  pthread_mutex_unlock(&g->mu);
  put_job(g, j);
  pthread_mutex_lock(&g->mu);
  while (g->commits_done < want) pthread_cond_wait(&g->done, &g->mu);
  pthread_mutex_unlock(&g->mu);
  return writer_failed(g, err, errcap);
}

void dyad_ingest_free(dyad_ingest *g) {
  if (!g) return;
  pthread_mutex_lock(&g->mu);
  g->stop = 1;   /* queued documents are dropped; the open batch is rolled back */
  pthread_cond_signal(&g->work);
  pthread_mutex_unlock(&g->mu);
  pthread_join(g->writer, NULL);
  for (ingest_job *j = g->free_jobs, *nx; j; j = nx) {
    nx = j->next;
    dyad_arena_free(&j->arena);
    free(j->recs);
    free(j);
  }
  pthread_mutex_destroy(&g->mu);
  pthread_cond_destroy(&g->work);
  pthread_cond_destroy(&g->space);
  pthread_cond_destroy(&g->done);
  dyad_merge_index_free(g->mix);
  dyad_claimix_free(g->cix);
  dyad_store_close(g->reader);
  dyad_buf_free(&g->json);
  free(g->seen.h);
  free(g);
}
