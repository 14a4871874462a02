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

/* Links stored event r (r->rowid set) of document doc to the nearest matching happening (ties:
 * the oldest), or founds a new one. Returns SQLITE_OK or the SQLite error. */
int dyad_merge_event(dyad_store *s, const dyad_srec *r, long long doc);

/* Writes the happening's merge reason (from its key and report counts) into out. */
void dyad_merge_reason(char *out, size_t cap, const char *src3, const char *tgt3, const char *root, int mode,
                       const char *date, int precision, long mentions, long articles);
#endif
