/* ingest.c - one document at a time: hash, skip when stored, code into an in-memory list of
 * event records, then write the document, its events, their merge links, claims and commitments
 * inside the open batch transaction (so a document is stored whole or not at all). */
#include "ingest.h"
#include "claims.h"
#include "dict.h"
#include "merge.h"
#include "output.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct dyad_ingest {
  dyad_store *s;
  dyad_coder *coder;
  const dyad_dict *dict;
  size_t batch, in_batch;
  int in_txn;
  struct timespec txn_start;
  dyad_merge_index *mix;       /* happenings by (key, day), loaded in the first transaction */
  int mix_loaded;
  long long data_version;      /* PRAGMA data_version when the index was last known current */
  dyad_arena arena;            /* strings of the current document's records */
  dyad_srec *recs;
  size_t n, cap;
  int truncated;
  dyad_buf json;
  const char *text;
  size_t tn;
  dyad_ingest_counts counts;
};

dyad_ingest *dyad_ingest_new(dyad_store *s, dyad_coder *c, const dyad_dict *d, size_t batch) {
  dyad_ingest *g = calloc(1, sizeof *g);
  if (!g) return NULL;
  g->s = s;
  g->coder = c;
  g->dict = d;
  g->batch = batch ? batch : DYAD_INGEST_BATCH;
  dyad_arena_init(&g->arena);
  dyad_buf_init(&g->json, (size_t)16 << 20);
  return g;
}

const dyad_ingest_counts *dyad_ingest_get_counts(const dyad_ingest *g) { return &g->counts; }

static const char *keep(dyad_ingest *g, const char *s, size_t n) { return s ? dyad_arena_strndup(&g->arena, s, n) : NULL; }
static const char *keepz(dyad_ingest *g, const char *s) { return s ? keep(g, s, strlen(s)) : NULL; }

static void prefix3(char out[4], const char *code) {
  size_t k = 0;
  while (code && k < 3 && code[k]) { out[k] = code[k]; k++; }
  out[k] = 0;
}

static void copy_actor(dyad_ingest *g, const dyad_actor *a, const char **code, const char **name, const char **entry, char c3[4]) {
  *code = a ? keepz(g, a->code) : NULL;
  *name = a && a->name.n ? keep(g, a->name.p, a->name.n) : NULL;
  *entry = a ? keepz(g, a->entry) : NULL;
  prefix3(c3, a ? a->code : NULL);
}

/* Emit callback: copies the event into the document's record list. */
static int collect(const dyad_event *ev, void *ctx) {
  dyad_ingest *g = ctx;
  if (g->n == DYAD_INGEST_MAX_EVENTS) { g->truncated = 1; return 1; }
  if (g->n == g->cap) {
    size_t nc = g->cap ? g->cap * 2 : 64;
    dyad_srec *nr = realloc(g->recs, nc * sizeof *nr);
    if (!nr) return 1;
    g->recs = nr;
    g->cap = nc;
  }
  dyad_srec *r = &g->recs[g->n];
  memset(r, 0, sizeof *r);
  r->sent = ev->sent;
  r->precision = ev->date_precision;
  r->quad = ev->quad;
  r->stance = ev->stance;
  r->mode = (ev->mode.negated ? DYAD_MODE_NEGATED : 0) | (ev->mode.future ? DYAD_MODE_FUTURE : 0) |
            (ev->mode.hypothetical ? DYAD_MODE_HYPOTHETICAL : 0) | (ev->mode.conditional ? DYAD_MODE_CONDITIONAL : 0) |
            (ev->mode.historical ? DYAD_MODE_HISTORICAL : 0);
  snprintf(r->eid, sizeof r->eid, "%s", ev->id);
  snprintf(r->date, sizeof r->date, "%s", ev->date);
  snprintf(r->root, sizeof r->root, "%s", ev->root);
  r->day = dyad_store_day(ev->date);
  copy_actor(g, ev->source, &r->src, &r->src_name, &r->src_entry, r->src3);
  copy_actor(g, ev->target, &r->tgt, &r->tgt_name, &r->tgt_entry, r->tgt3);
  r->speaker = ev->speaker ? keepz(g, ev->speaker->code) : NULL;
  prefix3(r->speaker3, r->speaker);
  r->code = keepz(g, ev->code);
  r->plover = keepz(g, ev->plover);
  r->rule = keepz(g, ev->rule.id);
  const dyad_cameo *cm = dyad_dict_cameo(g->dict, ev->code);
  r->label = cm ? keepz(g, cm->label) : NULL;
  r->goldstein = ev->goldstein;
  r->ev_start = ev->ev_start;
  r->ev_end = ev->ev_end;
  r->verb_start = ev->verb_start;
  r->verb_end = ev->verb_end;
  if (ev->verb_end > ev->verb_start && ev->verb_end <= g->tn) r->verb = keep(g, g->text + ev->verb_start, ev->verb_end - ev->verb_start);
  g->json.n = 0;
  if (dyad_write_json(ev, &g->json) != 0) return 1;
  while (g->json.n && g->json.p[g->json.n - 1] == '\n') g->json.n--;
  r->json = keep(g, g->json.p, g->json.n);
  if (!r->code || !r->json) return 1;
  g->n++;
  return 0;
}

/* PRAGMA data_version: changes when another connection commits; -1 on error. */
static long long data_version(dyad_store *s) {
  static const char sql[] = "PRAGMA data_version";
  sqlite3_stmt *st = dyad_store_stmt(s, sql);
  long long v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  if (st) sqlite3_reset(st);
  return v;
}

static int begin(dyad_ingest *g, char *err, size_t errcap) {
  if (g->in_txn) return DYAD_OK;
  int rc = dyad_store_exec(g->s, "BEGIN IMMEDIATE");
  if (rc != SQLITE_OK) return dyad_store_error(g->s, rc, "starting a transaction", err, errcap);
  g->in_txn = 1;
  g->in_batch = 0;
  long long dv = data_version(g->s);
  if (g->mix_loaded && dv != g->data_version) {   /* another process wrote: rebuild the index */
    dyad_merge_index_free(g->mix);
    g->mix = NULL;
    g->mix_loaded = 0;
  }
  g->data_version = dv;
  if (!g->mix_loaded) {   /* under the write lock, so no other writer adds happenings meanwhile */
    g->mix = dyad_merge_index_load(g->s, &rc);
    if (rc != SQLITE_OK) {
      int st = dyad_store_error(g->s, rc, "reading the merged events", err, errcap);
      dyad_store_exec(g->s, "ROLLBACK");
      g->in_txn = 0;
      return st;
    }
    g->mix_loaded = 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &g->txn_start);
  return DYAD_OK;
}

int dyad_ingest_commit(dyad_ingest *g, char *err, size_t errcap) {
  if (!g->in_txn) return DYAD_OK;
  int rc = dyad_store_exec(g->s, "COMMIT");
  if (rc != SQLITE_OK) {
    int st = dyad_store_error(g->s, rc, "committing", err, errcap);
    dyad_store_exec(g->s, "ROLLBACK");
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

/* Writes the coded document and everything derived from it; SQLite code. */
static int write_doc(dyad_ingest *g, const dyad_input_doc *d, const char *hash) {
  long long doc = dyad_store_add_doc(g->s, hash, d->id, d->url, d->title, d->outlet, d->date, d->text, d->n, (int)g->n);
  if (doc < 0) return sqlite3_errcode(dyad_store_db(g->s));
  int rc = SQLITE_OK;
  for (size_t i = 0; i < g->n && rc == SQLITE_OK; i++) {
    dyad_srec *r = &g->recs[i];
    int first = i == 0 || r->sent != g->recs[i - 1].sent;
    const char *sent = r->ev_end <= d->n && r->ev_start <= r->ev_end ? d->text + r->ev_start : "";
    size_t sn = r->ev_end <= d->n && r->ev_start <= r->ev_end ? r->ev_end - r->ev_start : 0;
    rc = dyad_store_add_event(g->s, doc, r, sent, sn, first);
    if (rc == SQLITE_OK) rc = dyad_merge_event(g->s, g->mix, r, doc);
  }
  if (rc == SQLITE_OK) rc = dyad_claims_document(g->s, doc, g->recs, g->n, d->text, d->n);
  return rc;
}

int dyad_ingest_doc(dyad_ingest *g, const dyad_input_doc *d, char *err, size_t errcap) {
  char hash[65];
  dyad_doc_hash(d->text, d->n, d->url, hash);
  g->counts.docs++;
  g->counts.bytes += d->n;
  int st = begin(g, err, errcap);
  if (st != DYAD_OK) return st;
  int have = dyad_store_has_doc(g->s, hash);
  if (have < 0) return dyad_store_error(g->s, sqlite3_errcode(dyad_store_db(g->s)), "looking up a document", err, errcap);
  if (have) { g->counts.skipped++; return DYAD_OK; }
  dyad_arena_reset(&g->arena);
  g->n = 0;
  g->truncated = 0;
  g->text = d->text;
  g->tn = d->n;
  dyad_docinfo info = {d->id, d->date, d->outlet};
  int cst = dyad_code_document(g->coder, &info, d->text, d->n, collect, g);
  int rc = write_doc(g, d, hash);
  if (rc != SQLITE_OK) {
    st = dyad_store_error(g->s, rc, "storing a document", err, errcap);
    dyad_store_exec(g->s, "ROLLBACK");
    g->in_txn = 0;
    return st;
  }
  g->counts.added++;
  g->counts.events += g->n;
  if (++g->in_batch >= g->batch || ms_since(&g->txn_start) >= DYAD_INGEST_COMMIT_MS) {
    st = dyad_ingest_commit(g, err, errcap);
    if (st != DYAD_OK) return st;
  }
  if (cst != DYAD_OK || g->truncated) {
    snprintf(err, errcap, g->truncated ? "more than %d events in one document: the rest were dropped; split the input"
                                       : "out of memory while coding this document; it was stored in part", DYAD_INGEST_MAX_EVENTS);
    return DYAD_EINPUT;
  }
  return DYAD_OK;
}

void dyad_ingest_free(dyad_ingest *g) {
  if (!g) return;
  if (g->in_txn) dyad_store_exec(g->s, "ROLLBACK");
  dyad_merge_index_free(g->mix);
  dyad_arena_free(&g->arena);
  dyad_buf_free(&g->json);
  free(g->recs);
  free(g);
}
