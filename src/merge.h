/* merge.h - merging reports of one happening: each stored event is linked to a happening (a row of
 * `happenings`) with the same source and target country prefixes, CAMEO root family, mode and date
 * precision, dated within a window; the first report founds the happening. Links are only ever
 * added, so merging is reversible (drop the links and happenings, relink) and deterministic
 * (it depends only on the order documents were ingested). Rule: docs/store.md. */
#ifndef DYAD_MERGE_H
#define DYAD_MERGE_H
#include "store.h"

#define DYAD_MERGE_WINDOW_DAYS 2   /* day-precision reports at most this many days apart merge */

/* The merge class of a mode: the mode bits plus 32 when the report is a denial of the event. */
int dyad_merge_class(const dyad_srec *r);

#define DYAD_MERGE_INDEX_MAX 4000000    /* happenings held in the in-memory index (32-byte slots, at most half full) */

/* An in-memory index of every happening by (key, day): a (key, day) holds at most one happening,
 * since a report within the window of an existing one joins it. Built from the store inside the
 * writer's transaction, then kept up to date by dyad_merge_event. */
typedef struct dyad_merge_index dyad_merge_index;

/* Loads the index from s (call while holding the write lock). Returns NULL with *rc set on a
 * database error, or with *rc DYAD_DB_OK when the store has more than DYAD_MERGE_INDEX_MAX
 * happenings or memory runs out (merging then looks candidates up in SQL). */
dyad_merge_index *dyad_merge_index_load(dyad_store *s, int *rc);
void dyad_merge_index_free(dyad_merge_index *ix);

/* Links stored event r (r->rowid set) of document doc to the nearest matching happening (ties:
 * the oldest), or founds a new one; ix may be NULL. Returns DYAD_DB_OK or the database error. */
int dyad_merge_event(dyad_store *s, dyad_merge_index *ix, const dyad_srec *r, long long doc);

/* Writes the happening's merge reason (from its key and report counts) into out. */
void dyad_merge_reason(char *out, size_t cap, const char *src3, const char *tgt3, const char *root, int mode,
                       const char *date, int precision, long mentions, long articles);
#endif
