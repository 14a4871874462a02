/* claimix.c - the ingest writer's in-memory index of claims, commitments and each country's latest
 * allegation (see claimix.h): three interning tables (claim key, commitment key, party) with the
 * ids, commitment days and latest allegations kept in arrays beside them. */
#include "alloc.h"
#include "claimix.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { long day; long long id; } dated;                 /* one commitment of a key */
typedef struct { dated *v; size_t n, cap; } dated_list;
typedef struct { long long claim; char actor3[4], target3[4], date[11]; } latest;

struct dyad_claimix {
  dyad_intern claims, commit_keys, parties;
  long long *claim_ids;      /* by claims id */
  dated_list *commits;       /* by commit_keys id */
  latest *latest;            /* by parties id */
  size_t claim_cap, commit_cap, latest_cap, held;
};

/* Grows *arr (elements of size sz, capacity *cap) to hold index i. */
static int ensure(void **arr, size_t *cap, size_t i, size_t sz) {
  if (i < *cap) return 0;
  size_t nc = *cap ? *cap : 256;
  while (nc <= i) nc *= 2;
  void *p = dyad_realloc(*arr, nc * sz);
  if (!p) return -1;
  memset((char *)p + *cap * sz, 0, (nc - *cap) * sz);
  *arr = p;
  *cap = nc;
  return 0;
}

static size_t claim_key(char *k, size_t cap, const char *a, const char *action, const char *t) {
  int n = snprintf(k, cap, "%s\t%s\t%s", a, action, t);
  return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

long long dyad_claimix_claim(const dyad_claimix *x, const char *actor3, const char *action, const char *target3) {
  char k[64];
  size_t n = claim_key(k, sizeof k, actor3, action, target3);
  int32_t i = n ? dyad_intern_find(&x->claims, k, n) : -1;
  return i >= 0 ? x->claim_ids[i] : 0;
}

int dyad_claimix_add_claim(dyad_claimix *x, const char *actor3, const char *action, const char *target3, long long id) {
  char k[64];
  size_t n = claim_key(k, sizeof k, actor3, action, target3);
  if (!n || x->held >= DYAD_CLAIMIX_MAX) return -1;
  int32_t i = dyad_intern_add(&x->claims, k, n);
  if (i < 0 || ensure((void **)&x->claim_ids, &x->claim_cap, (size_t)i, sizeof *x->claim_ids)) return -1;
  x->claim_ids[i] = id;
  x->held++;
  return 0;
}

long long dyad_claimix_commitment(const dyad_claimix *x, const char *parties, const char *kind, long day, long window) {
  char k[64];
  int n = snprintf(k, sizeof k, "%s\t%s", parties, kind);
  int32_t i = n > 0 && n < (int)sizeof k ? dyad_intern_find(&x->commit_keys, k, (size_t)n) : -1;
  if (i < 0) return 0;
  const dated_list *l = &x->commits[i];
  long best = window + 1;
  long long id = 0;
  for (size_t j = 0; j < l->n; j++) {
    long d = labs(l->v[j].day - day);
    if (d < best || (d == best && l->v[j].id < id)) { best = d; id = l->v[j].id; }
  }
  return best <= window ? id : 0;
}

int dyad_claimix_add_commitment(dyad_claimix *x, const char *parties, const char *kind, long day, long long id) {
  char k[64];
  int n = snprintf(k, sizeof k, "%s\t%s", parties, kind);
  if (n <= 0 || n >= (int)sizeof k || x->held >= DYAD_CLAIMIX_MAX) return -1;
  int32_t i = dyad_intern_add(&x->commit_keys, k, (size_t)n);
  if (i < 0 || ensure((void **)&x->commits, &x->commit_cap, (size_t)i, sizeof *x->commits)) return -1;
  dated_list *l = &x->commits[i];
  if (ensure((void **)&l->v, &l->cap, l->n, sizeof *l->v)) return -1;
  l->v[l->n].day = day;
  l->v[l->n++].id = id;
  x->held++;
  return 0;
}

/* ---- each party's latest allegation ---------------------------------------------------- */
int dyad_claimix_latest(const dyad_claimix *x, const char *party, long long *claim, char actor3[4], char target3[4]) {
  int32_t i = dyad_intern_find(&x->parties, party, strlen(party));
  if (i < 0) return 0;
  const latest *l = &x->latest[i];
  *claim = l->claim;
  memcpy(actor3, l->actor3, 4);
  memcpy(target3, l->target3, 4);
  return 1;
}

static void set_latest(latest *l, long long claim, const char *actor3, const char *target3, const char *date) {
  l->claim = claim;
  snprintf(l->actor3, sizeof l->actor3, "%s", actor3 ? actor3 : "");
  snprintf(l->target3, sizeof l->target3, "%s", target3 ? target3 : "");
  snprintf(l->date, sizeof l->date, "%s", date ? date : "");
}

int dyad_claimix_put_latest(dyad_claimix *x, const char *party, long long claim, const char *actor3, const char *target3,
                            const char *date) {
  int32_t i = dyad_intern_add(&x->parties, party, strlen(party));
  if (i < 0 || ensure((void **)&x->latest, &x->latest_cap, (size_t)i, sizeof *x->latest)) return -1;
  set_latest(&x->latest[i], claim, actor3, target3, date);
  return 0;
}

/* The newer stance wins ties of date: its id is larger than any stored before it. */
static void note_party(dyad_claimix *x, const char *party, long long claim, const char *a3, const char *t3, const char *date) {
  int32_t i = dyad_intern_find(&x->parties, party, strlen(party));
  if (i < 0) return;   /* not asked yet: the store will answer, this stance included */
  latest *l = &x->latest[i];
  if (l->claim == 0 || strcmp(date, l->date) >= 0) set_latest(l, claim, a3, t3, date);
}

void dyad_claimix_note_allegation(dyad_claimix *x, long long claim, const char *actor3, const char *target3, const char *date) {
  note_party(x, actor3, claim, actor3, target3, date);
  if (strcmp(actor3, target3)) note_party(x, target3, claim, actor3, target3, date);
}

/* ---- loading ------------------------------------------------------------------------------ */
void dyad_claimix_free(dyad_claimix *x) {
  if (!x) return;
  for (size_t i = 0; i < x->commit_keys.count; i++) free(x->commits[i].v);
  dyad_intern_free(&x->claims);
  dyad_intern_free(&x->commit_keys);
  dyad_intern_free(&x->parties);
  free(x->claim_ids);
  free(x->commits);
  free(x->latest);
  free(x);
}

/* Runs sql (two integer and two or three text columns) and adds each row; *full set when the
 * index cannot take them all. Returns a DYAD_DB code. */
static int load_rows(dyad_store *s, dyad_claimix *x, const char *sql, int commitments, int *full) {
  dyad_stmt *st = NULL;
  int rc = dyad_db_prepare(dyad_store_db(s), sql, -1, &st);
  if (rc != DYAD_DB_OK) return rc;
  while (!*full && (rc = dyad_db_step(st)) == DYAD_DB_ROW) {
    long long id = dyad_db_column_int64(st, 0);
    const char *a = dyad_db_column_text(st, 2), *b = dyad_db_column_text(st, 3), *c = dyad_db_column_text(st, 4);
    *full = commitments ? dyad_claimix_add_commitment(x, a ? a : "", b ? b : "", (long)dyad_db_column_int64(st, 1), id) != 0
                        : dyad_claimix_add_claim(x, a ? a : "", b ? b : "", c ? c : "", id) != 0;
  }
  dyad_db_finalize(st);
  return rc == DYAD_DB_DONE || rc == DYAD_DB_ROW ? DYAD_DB_OK : rc;
}

dyad_claimix *dyad_claimix_load(dyad_store *s, int *rc) {
  dyad_claimix *x = dyad_calloc(1, sizeof *x);
  *rc = DYAD_DB_OK;
  if (!x) return NULL;
  dyad_intern_init(&x->claims);
  dyad_intern_init(&x->commit_keys);
  dyad_intern_init(&x->parties);
  int full = 0;
  *rc = load_rows(s, x, "SELECT id, 0, actor3, action, target3 FROM claims", 0, &full);
  if (*rc == DYAD_DB_OK && !full) *rc = load_rows(s, x, "SELECT id, day, parties, kind, '' FROM commitments ORDER BY id", 1, &full);
  if (*rc != DYAD_DB_OK || full) { dyad_claimix_free(x); return NULL; }
  return x;
}
