/* merge.c - links each stored event to the happening it reports (see merge.h): an indexed lookup
 * on (src3, tgt3, root, mode, precision, day), then one insert into merge_links and, for a new
 * happening, one into happenings. Nothing is ever updated or deleted. */
#include "merge.h"
#include "dyad.h"
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

int dyad_merge_event(dyad_store *s, const dyad_srec *r, long long doc) {
  static const char sql[] = "INSERT INTO merge_links(event,happening,reason) VALUES(?,?,?)";
  long long hdoc = 0;
  long hday = 0;
  char reason[160];
  long long h = find(s, r, &hdoc, &hday);
  if (h < 0) return sqlite3_errcode(dyad_store_db(s));
  if (h == 0) {
    if ((h = found(s, r, doc)) < 0) return sqlite3_errcode(dyad_store_db(s));
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
