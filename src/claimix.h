/* claimix.h - the ingest writer's in-memory index of claims, commitments and each country's latest
 * allegation, so that building a document's claims and commitments (claims.c) looks nothing up in
 * the store: on PostgreSQL those lookups were a round trip each, and without them the inserts can
 * be sent in bulk (COPY). Loaded under the write lock; dropped when another process has written. */
#ifndef DYAD_CLAIMIX_H
#define DYAD_CLAIMIX_H
#include "store.h"

#define DYAD_CLAIMIX_MAX 4000000   /* claims plus commitments held; a larger store is looked up in SQL */

typedef struct dyad_claimix dyad_claimix;

/* Reads every claim and commitment of the store into a new index. Returns it (free with
 * dyad_claimix_free), or NULL with *rc DYAD_DB_OK when the store holds more than DYAD_CLAIMIX_MAX
 * or memory ran out (callers then look up in SQL), or NULL with *rc a DYAD_DB error code. */
dyad_claimix *dyad_claimix_load(dyad_store *s, int *rc);
void dyad_claimix_free(dyad_claimix *x);

/* The id of claim (actor3, action, target3), 0 when there is none. */
long long dyad_claimix_claim(const dyad_claimix *x, const char *actor3, const char *action, const char *target3);
/* Notes a claim just stored. Returns 0, or -1 when out of memory or full (the index is then
 * unusable: callers drop it). */
int dyad_claimix_add_claim(dyad_claimix *x, const char *actor3, const char *action, const char *target3, long long id);

/* The commitment of (parties, kind) whose day is nearest to day within window days (the oldest
 * among equally near ones), 0 when there is none. */
long long dyad_claimix_commitment(const dyad_claimix *x, const char *parties, const char *kind, long day, long window);
/* Notes a commitment just stored; 0, or -1 as dyad_claimix_add_claim. */
int dyad_claimix_add_commitment(dyad_claimix *x, const char *parties, const char *kind, long day, long long id);

/* The latest allegation (by date, then id) naming party as its claim's actor or target, as the
 * store's query would give it: 1 and *claim (0: there is none), actor3 and target3 (4 bytes each)
 * when known, 0 when the index has not been told (ask the store, then dyad_claimix_put_latest). */
int dyad_claimix_latest(const dyad_claimix *x, const char *party, long long *claim, char actor3[4], char target3[4]);
/* Remembers the store's answer for party (claim 0: none; date of the stance). 0, or -1 when out
 * of memory. */
int dyad_claimix_put_latest(dyad_claimix *x, const char *party, long long claim, const char *actor3, const char *target3,
                            const char *date);
/* Notes an allegation stance on claim (actor3, target3) dated date, stored after every stance
 * the index knows: it becomes the latest of both parties unless one of theirs is later. */
void dyad_claimix_note_allegation(dyad_claimix *x, long long claim, const char *actor3, const char *target3, const char *date);
#endif
