/* ingest.h - coding documents into the store: each new document (identified by the hash of its
 * normalized text and URL) is coded, and it and all its events, merge links, claims and
 * commitments are written in the same transaction; transactions hold a batch of documents. */
#ifndef DYAD_INGEST_H
#define DYAD_INGEST_H
#include "dyad.h"
#include "input.h"
#include "store.h"

#define DYAD_INGEST_MAX_EVENTS 100000   /* events kept from one document; the rest are dropped */
#define DYAD_INGEST_BATCH 5000          /* default documents per transaction */
#define DYAD_INGEST_COMMIT_MS 10000     /* a batch also commits when older than this */

typedef struct {
  size_t docs, added, skipped, events, bytes;
} dyad_ingest_counts;

typedef struct dyad_ingest dyad_ingest;

/* A new ingester writing to s with coder c (labels from dictionary d); batch documents per
 * transaction (0: DYAD_INGEST_BATCH). NULL when memory runs out. */
dyad_ingest *dyad_ingest_new(dyad_store *s, dyad_coder *c, const dyad_dict *d, size_t batch);

/* Stores one document unless it is already stored. Returns DYAD_OK; DYAD_EINPUT when only this
 * document failed (reported with a message in err); or a store status (DYAD_ESTORE_*,
 * DYAD_ENOMEM) after which the open batch is rolled back and ingesting must stop. */
int dyad_ingest_doc(dyad_ingest *g, const dyad_input_doc *doc, char *err, size_t errcap);

/* Commits the open batch. Returns DYAD_OK or a store status with a message. */
int dyad_ingest_commit(dyad_ingest *g, char *err, size_t errcap);

const dyad_ingest_counts *dyad_ingest_get_counts(const dyad_ingest *g);

/* Rolls back anything uncommitted and frees g. */
void dyad_ingest_free(dyad_ingest *g);
#endif
