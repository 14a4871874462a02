/* merge.c - links each stored event to the happening it reports (see merge.h): a lookup in the
 * in-memory (key, day) index (or, without it, an indexed SQL lookup), then one insert into
 * merge_links and, for a new happening, one into happenings. Nothing is updated or deleted. */
#include "merge.h"
#include "dyad.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dyad_merge_class(const dyad_srec *r) { return r->mode | (r->stance == DYAD_STANCE_DENY ? 32 : 0); }

static const char *mode_words(int mode) {
  if (mode & 32) return "denied";
  if (mode & DYAD_MODE_NEGATED) return "negated";
  if (mode & (DYAD_MODE_HYPOTHETICAL | DYAD_MODE_CONDITIONAL)) return "hypothetical";
  if (mode & DYAD_MODE_FUTURE) return "future";
  if (mode & DYAD_MODE_HISTORICAL) return "historical";
  return "factual";
}

void dyad_merge_reason(char *out, size_t cap, const char *src3, const char *tgt3, const char *root, int mode,
                       const char *date, int precision, long mentions, long articles) {
  const char *win = precision == DYAD_DATE_DAY ? "within 2 days of" : precision == DYAD_DATE_MONTH ? "in the month of" : "in the year of";
  if (mentions <= 1) { snprintf(out, cap, "single report"); return; }
  snprintf(out, cap, "%ld reports in %ld documents: same source and target countries %s>%s, family %s, %s, dated %s %s",
           mentions, articles, *src3 ? src3 : "?", *tgt3 ? tgt3 : "-", root, mode_words(mode), win, date);
}

/* Finds the nearest happening for r's key; returns its id (0 when none) and its first event's doc
 * and day through the pointers, or -1 on error. */
static long long find(dyad_store *s, const dyad_srec *r, long long *hdoc, long *hday) {
  static const char sql[] =
    "SELECT h.id, h.day, h.doc FROM happenings h "
    "WHERE h.src3=? AND h.tgt3=? AND h.root=? AND h.mode=? AND h.precision=? AND h.day BETWEEN ? AND ? "
    "ORDER BY abs(h.day - ?), h.id LIMIT 1";
  sqlite3_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return -1;
  long w = r->precision == DYAD_DATE_DAY ? DYAD_MERGE_WINDOW_DAYS : 0;
  sqlite3_bind_text(st, 1, r->src3, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, r->tgt3, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, r->root, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 4, dyad_merge_class(r));
  sqlite3_bind_int(st, 5, r->precision);
  sqlite3_bind_int64(st, 6, r->day - w);
  sqlite3_bind_int64(st, 7, r->day + w);
  sqlite3_bind_int64(st, 8, r->day);
  int rc = sqlite3_step(st);
  long long id = 0;
  if (rc == SQLITE_ROW) {
    id = sqlite3_column_int64(st, 0);
    *hday = (long)sqlite3_column_int64(st, 1);
    *hdoc = sqlite3_column_int64(st, 2);
  } else if (rc != SQLITE_DONE) id = -1;
  sqlite3_reset(st);
  return id;
}

static long long found(dyad_store *s, const dyad_srec *r, long long doc) {
  static const char sql[] =
    "INSERT INTO happenings(src3,tgt3,root,mode,precision,day,date,src,tgt,code,quad,goldstein,first_event,doc) "
    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  sqlite3_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return -1;
  sqlite3_bind_text(st, 1, r->src3, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, r->tgt3, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, r->root, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 4, dyad_merge_class(r));
  sqlite3_bind_int(st, 5, r->precision);
  sqlite3_bind_int64(st, 6, r->day);
  sqlite3_bind_text(st, 7, r->date, -1, SQLITE_STATIC);
  if (r->src) sqlite3_bind_text(st, 8, r->src, -1, SQLITE_STATIC);
  if (r->tgt) sqlite3_bind_text(st, 9, r->tgt, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 10, r->code, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 11, r->quad);
  sqlite3_bind_double(st, 12, r->goldstein);
  sqlite3_bind_int64(st, 13, r->rowid);
  sqlite3_bind_int64(st, 14, doc);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(dyad_store_db(s)) : -1;
}


struct dyad_merge_index {
  dyad_intern keys;           /* "src3|tgt3|root|mode|precision|day" -> dense id */
  long long *hid, *hdoc;      /* by dense id: the happening and its first document */
  size_t cap;
};

static int ix_key(char *out, size_t cap, const char *src3, const char *tgt3, const char *root, int mode, int prec, long day) {
  int n = snprintf(out, cap, "%s|%s|%s|%d|%d|%ld", src3, tgt3, root, mode, prec, day);
  return n > 0 && (size_t)n < cap ? n : -1;
}

/* Records happening h for a key string; keeps the first (oldest) one. Returns -1 when full. */
static int ix_put(dyad_merge_index *ix, const char *key, int kn, long long h, long long doc) {
  if (dyad_intern_find(&ix->keys, key, (size_t)kn) >= 0) return 0;
  if (ix->keys.count >= DYAD_MERGE_INDEX_MAX) return -1;
  int32_t id = dyad_intern_add(&ix->keys, key, (size_t)kn);
  if (id < 0) return -1;
  if ((size_t)id >= ix->cap) {
    size_t nc = ix->cap ? ix->cap * 2 : 4096;
    long long *a = realloc(ix->hid, nc * sizeof *a), *b = a ? realloc(ix->hdoc, nc * sizeof *b) : NULL;
    if (a) ix->hid = a;
    if (!b) return -1;
    ix->hdoc = b;
    ix->cap = nc;
  }
  ix->hid[id] = h;
  ix->hdoc[id] = doc;
  return 0;
}

void dyad_merge_index_free(dyad_merge_index *ix) {
  if (!ix) return;
  dyad_intern_free(&ix->keys);
  free(ix->hid);
  free(ix->hdoc);
  free(ix);
}

dyad_merge_index *dyad_merge_index_load(dyad_store *s, int *rc) {
  static const char sql[] = "SELECT src3, tgt3, root, mode, precision, day, id, doc FROM happenings ORDER BY id";
  dyad_merge_index *ix = calloc(1, sizeof *ix);
  sqlite3_stmt *st = dyad_store_stmt(s, sql);
  *rc = st ? SQLITE_OK : sqlite3_errcode(dyad_store_db(s));
  if (!ix || !st) { free(ix); return NULL; }
  dyad_intern_init(&ix->keys);
  char key[96];
  int full = 0;
  while (!full && (*rc = sqlite3_step(st)) == SQLITE_ROW) {
    int kn = ix_key(key, sizeof key, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                    (const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
                    (long)sqlite3_column_int64(st, 5));
    full = kn < 0 || ix_put(ix, key, kn, sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7)) != 0;
  }
  sqlite3_reset(st);
  if (*rc == SQLITE_DONE || full) *rc = SQLITE_OK;
  if (full || *rc != SQLITE_OK) { dyad_merge_index_free(ix); return NULL; }
  return ix;
}

/* The in-memory lookup: nearest day first, then the oldest happening. 0 when none. */
static long long ix_find(dyad_merge_index *ix, const dyad_srec *r, long long *hdoc, long *hday) {
  long w = r->precision == DYAD_DATE_DAY ? DYAD_MERGE_WINDOW_DAYS : 0;
  long long best = 0;
  char key[96];
  for (long dist = 0; dist <= w && !best; dist++)
    for (int sign = -1; sign <= 1; sign += 2) {
      if (dist == 0 && sign > 0) break;
      long day = r->day + sign * dist;
      int kn = ix_key(key, sizeof key, r->src3, r->tgt3, r->root, dyad_merge_class(r), r->precision, day);
      int32_t id = kn < 0 ? -1 : dyad_intern_find(&ix->keys, key, (size_t)kn);
      if (id < 0 || (best && ix->hid[id] > best)) continue;
      best = ix->hid[id];
      *hdoc = ix->hdoc[id];
      *hday = day;
    }
  return best;
}

int dyad_merge_event(dyad_store *s, dyad_merge_index *ix, const dyad_srec *r, long long doc) {
  static const char sql[] = "INSERT INTO merge_links(event,happening,reason) VALUES(?,?,?)";
  long long hdoc = 0;
  long hday = 0;
  char reason[160];
  long long h = ix ? ix_find(ix, r, &hdoc, &hday) : find(s, r, &hdoc, &hday);
  if (h < 0) return sqlite3_errcode(dyad_store_db(s));
  if (h == 0) {
    if ((h = found(s, r, doc)) < 0) return sqlite3_errcode(dyad_store_db(s));
    char key[96];
    int kn = ix_key(key, sizeof key, r->src3, r->tgt3, r->root, dyad_merge_class(r), r->precision, r->day);
    if (ix && (kn < 0 || ix_put(ix, key, kn, h, doc) != 0)) return SQLITE_FULL;   /* index full: stop safely */
    snprintf(reason, sizeof reason, "first report");
  } else {
    snprintf(reason, sizeof reason, "same key, %ld day%s from the first report, %s", labs(r->day - hday),
             labs(r->day - hday) == 1 ? "" : "s", hdoc == doc ? "same document" : "another document");
  }
  sqlite3_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return sqlite3_errcode(dyad_store_db(s));
  sqlite3_bind_int64(st, 1, r->rowid);
  sqlite3_bind_int64(st, 2, h);
  sqlite3_bind_text(st, 3, reason, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}
