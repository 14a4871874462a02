/* merge.c - links each stored event to the happening it reports (see merge.h): a lookup in the
 * in-memory (key, day) index (or, without it, an indexed SQL lookup), then one insert into
 * merge_links and, for a new happening, one into happenings. Nothing is updated or deleted. */
#include "alloc.h"
#include "merge.h"
#include "dyad.h"
#include "util.h"
#include <stdint.h>
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
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return -1;
  long w = r->precision == DYAD_DATE_DAY ? DYAD_MERGE_WINDOW_DAYS : 0;
  dyad_db_bind_text(st, 1, r->src3, -1);
  dyad_db_bind_text(st, 2, r->tgt3, -1);
  dyad_db_bind_text(st, 3, r->root, -1);
  dyad_db_bind_int64(st, 4, dyad_merge_class(r));
  dyad_db_bind_int64(st, 5, r->precision);
  dyad_db_bind_int64(st, 6, r->day - w);
  dyad_db_bind_int64(st, 7, r->day + w);
  dyad_db_bind_int64(st, 8, r->day);
  int rc = dyad_db_step(st);
  long long id = 0;
  if (rc == DYAD_DB_ROW) {
    id = dyad_db_column_int64(st, 0);
    *hday = (long)dyad_db_column_int64(st, 1);
    *hdoc = dyad_db_column_int64(st, 2);
  } else if (rc != DYAD_DB_DONE) id = -1;
  dyad_db_reset(st);
  return id;
}

static long long found(dyad_store *s, const dyad_srec *r, long long doc) {
  static const char sql[] =
    "INSERT INTO happenings(src3,tgt3,root,mode,precision,day,date,src,tgt,code,quad,goldstein,first_event,doc,id) "
    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return -1;
  dyad_db_bind_text(st, 1, r->src3, -1);
  dyad_db_bind_text(st, 2, r->tgt3, -1);
  dyad_db_bind_text(st, 3, r->root, -1);
  dyad_db_bind_int64(st, 4, dyad_merge_class(r));
  dyad_db_bind_int64(st, 5, r->precision);
  dyad_db_bind_int64(st, 6, r->day);
  dyad_db_bind_text(st, 7, r->date, -1);
  if (r->src) dyad_db_bind_text(st, 8, r->src, -1);
  if (r->tgt) dyad_db_bind_text(st, 9, r->tgt, -1);
  dyad_db_bind_text(st, 10, r->code, -1);
  dyad_db_bind_int64(st, 11, r->quad);
  dyad_db_bind_double(st, 12, r->goldstein);
  dyad_db_bind_int64(st, 13, r->rowid);
  dyad_db_bind_int64(st, 14, doc);
  return dyad_store_insert_new(s, st, DYAD_ID_HAPPENINGS, 15);
}


/* The in-memory index: open addressing over packed integer keys (no strings, no formatting). */
typedef struct {
  uint64_t a, b;              /* a: src3, tgt3, root bytes; b: class, precision, day */
  long long hid, hdoc;        /* the happening (0: empty slot) and its first document */
} ix_slot;

struct dyad_merge_index {
  ix_slot *slots;
  size_t nslots, count;       /* nslots a power of two, at most half full */
};

/* Packs a merge key into two words; -1 when a part is too long to pack (never for stored keys). */
static int ix_pack(uint64_t *a, uint64_t *b, const char *src3, const char *tgt3, const char *root, int mode, int prec,
                   long day) {
  const char *part[3] = {src3, tgt3, root};
  static const size_t width[3] = {3, 3, 2};
  uint64_t k = 0;
  for (int p = 0; p < 3; p++) {
    size_t n = part[p] ? strlen(part[p]) : 0;
    if (n > width[p]) return -1;
    for (size_t i = 0; i < width[p]; i++) k = k << 8 | (i < n ? (unsigned char)part[p][i] : 0u);
  }
  *a = k;
  *b = (uint64_t)(mode & 0xff) << 56 | (uint64_t)(prec & 0xff) << 48 | ((uint64_t)day & 0xffffffffffffULL);
  return 0;
}

/* The slot of a key: where it is, or the empty slot where it belongs. Probing starts in a group of
 * 8 slots chosen by the key and day / 8, at the day's place in it, so the lookups of nearby days
 * touch the same few cache lines. */
static size_t ix_slot_of(const dyad_merge_index *ix, uint64_t a, uint64_t b) {
  uint64_t h = a * 0x9e3779b97f4a7c15ULL ^ (b & ~7ULL);   /* then the splitmix64 finalizer */
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  size_t i = (size_t)(h << 3 | (b & 7)) & (ix->nslots - 1);
  while (ix->slots[i].hid && (ix->slots[i].a != a || ix->slots[i].b != b)) i = (i + 1) & (ix->nslots - 1);
  return i;
}

static int ix_grow(dyad_merge_index *ix) {
  size_t nn = ix->nslots ? ix->nslots * 2 : 4096;
  ix_slot *old = ix->slots, *ns = dyad_calloc(nn, sizeof *ns);
  if (!ns) return -1;
  size_t on = ix->nslots;
  ix->slots = ns;
  ix->nslots = nn;
  for (size_t i = 0; i < on; i++)
    if (old[i].hid) ix->slots[ix_slot_of(ix, old[i].a, old[i].b)] = old[i];
  free(old);
  return 0;
}

/* Records happening h for a key; keeps the first (oldest) one. Returns -1 when full or out of memory. */
static int ix_put(dyad_merge_index *ix, uint64_t a, uint64_t b, long long h, long long doc) {
  if ((ix->count + 1) * 2 > ix->nslots && (ix->count >= DYAD_MERGE_INDEX_MAX || ix_grow(ix) != 0)) return -1;
  ix_slot *sl = &ix->slots[ix_slot_of(ix, a, b)];
  if (sl->hid) return 0;
  *sl = (ix_slot){a, b, h, doc};
  ix->count++;
  return 0;
}

void dyad_merge_index_free(dyad_merge_index *ix) {
  if (!ix) return;
  free(ix->slots);
  free(ix);
}

dyad_merge_index *dyad_merge_index_load(dyad_store *s, int *rc) {
  static const char sql[] = "SELECT src3, tgt3, root, mode, precision, day, id, doc FROM happenings ORDER BY id";
  dyad_merge_index *ix = dyad_calloc(1, sizeof *ix);
  dyad_stmt *st = dyad_store_stmt(s, sql);
  *rc = st ? DYAD_DB_OK : dyad_db_errcode(dyad_store_db(s));
  if (!ix || !st || ix_grow(ix) != 0) { dyad_merge_index_free(ix); return NULL; }
  int full = 0;
  while (!full && (*rc = dyad_db_step(st)) == DYAD_DB_ROW) {
    uint64_t a = 0, b = 0;
    full = ix_pack(&a, &b, dyad_db_column_text(st, 0), dyad_db_column_text(st, 1),
                   dyad_db_column_text(st, 2), dyad_db_column_int(st, 3), dyad_db_column_int(st, 4),
                   (long)dyad_db_column_int64(st, 5)) != 0 ||
           ix_put(ix, a, b, dyad_db_column_int64(st, 6), dyad_db_column_int64(st, 7)) != 0;
  }
  dyad_db_reset(st);
  if (*rc == DYAD_DB_DONE || full) *rc = DYAD_DB_OK;
  if (full || *rc != DYAD_DB_OK) { dyad_merge_index_free(ix); return NULL; }
  return ix;
}

/* The in-memory lookup: nearest day first, then the oldest happening. 0 when none, -1 when r's
 * key cannot be packed (the caller then looks it up in SQL). */
static long long ix_find(dyad_merge_index *ix, const dyad_srec *r, long long *hdoc, long *hday) {
  long w = r->precision == DYAD_DATE_DAY ? DYAD_MERGE_WINDOW_DAYS : 0;
  long long best = 0;
  for (long dist = 0; dist <= w && !best; dist++)
    for (int sign = -1; sign <= 1; sign += 2) {
      if (dist == 0 && sign > 0) break;
      long day = r->day + sign * dist;
      uint64_t a = 0, b = 0;
      if (ix_pack(&a, &b, r->src3, r->tgt3, r->root, dyad_merge_class(r), r->precision, day) != 0) return -1;
      const ix_slot *sl = &ix->slots[ix_slot_of(ix, a, b)];
      if (!sl->hid || (best && sl->hid > best)) continue;
      best = sl->hid;
      *hdoc = sl->hdoc;
      *hday = day;
    }
  return best;
}

int dyad_merge_event(dyad_store *s, dyad_merge_index *ix, const dyad_srec *r, long long doc) {
  static const char sql[] = "INSERT INTO merge_links(event,happening,reason) VALUES(?,?,?)";
  long long hdoc = 0;
  long hday = 0;
  char reason[160];
  uint64_t a = 0, b = 0;
  int packed = ix_pack(&a, &b, r->src3, r->tgt3, r->root, dyad_merge_class(r), r->precision, r->day) == 0;
  long long h = ix && packed ? ix_find(ix, r, &hdoc, &hday) : find(s, r, &hdoc, &hday);
  if (h < 0) return dyad_db_errcode(dyad_store_db(s));
  if (h == 0) {
    if ((h = found(s, r, doc)) < 0) return dyad_db_errcode(dyad_store_db(s));
    if (ix && (!packed || ix_put(ix, a, b, h, doc) != 0)) return DYAD_DB_FULL;   /* index full: stop safely */
    snprintf(reason, sizeof reason, "first report");
  } else {
    snprintf(reason, sizeof reason, "same key, %ld day%s from the first report, %s", labs(r->day - hday),
             labs(r->day - hday) == 1 ? "" : "s", hdoc == doc ? "same document" : "another document");
  }
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return dyad_db_errcode(dyad_store_db(s));
  dyad_db_bind_int64(st, 1, r->rowid);
  dyad_db_bind_int64(st, 2, h);
  dyad_db_bind_text(st, 3, reason, -1);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  return rc == DYAD_DB_DONE ? DYAD_DB_OK : rc;
}
