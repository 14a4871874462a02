/* totals.h - summary counts kept at ingest time (tables `totals` and `dyad_totals`, schema
 * version 3): the writer marks where each table ends when a transaction begins and adds what the
 * transaction wrote just before it commits, so the counts commit or roll back with the rows. */
#ifndef DYAD_TOTALS_H
#define DYAD_TOTALS_H
#include "store.h"

/* The highest row id of each counted table (documents, events, happenings, claims,
 * commitments) when a write transaction began. */
typedef struct { long long documents, events, happenings, claims, commitments; } dyad_totals_mark;

/* Reads the current ends of the counted tables into *m; call inside the write transaction, before
 * any insert. Returns DYAD_DB_OK or a DYAD_DB error code. */
int dyad_totals_begin(dyad_store *s, dyad_totals_mark *m);

/* Adds the rows written since *m to `totals` (documents, events, merged events, mentions, claims,
 * commitments), `dyad_totals` (merged events per country pair and CAMEO root) and `commit_later`
 * (factual cooperation and conflict per country pair and 32-day bucket); call in the same
 * transaction just before COMMIT. Rows are only ever appended, so the counts are exact; mentions
 * are distinct (merged event, document, sentence) triples, and a document's events are all in one
 * transaction. Returns DYAD_DB_OK or a DYAD_DB error code. */
int dyad_totals_commit(dyad_store *s, const dyad_totals_mark *m);
/* Days added before a day is cut into 32-day buckets of commit_later, so that every bucket number
 * is positive and integer division floors (day -1048576 is in the year -901). */
#define DYAD_LATER_DAY0 "1048576"

/* The SQL of the commit's statements (k = 0, 1, 2; NULL past them), so tests can check their plans:
 * they must read only the rows the transaction appended. */
const char *dyad_totals_sql(int k);
#endif
