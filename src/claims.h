/* claims.h - claims and commitments as records, built from one stored document's events.
 * A claim is a proposition (actor country, action, target country) with claimants, each with a
 * stance (allege, deny, confirm), date and evidence event. A commitment is a pledge or agreement
 * (CAMEO 030-035, 037, 038, 057, 0871) with its parties, a kind read from the words of the
 * evidence, the clause text and date. Rules: docs/store.md. */
#ifndef DYAD_CLAIMS_H
#define DYAD_CLAIMS_H
#include "store.h"

#define DYAD_CLAIM_DOC_MAX 512          /* allegations remembered per document for denials */
#define DYAD_COMMIT_WINDOW_DAYS 30      /* reports of one commitment lie this close to its first */
#define DYAD_CLAUSE_MAX 400             /* bytes of clause text kept */

typedef struct dyad_claimix dyad_claimix;

/* Builds the claims and commitments of stored document doc from its events ev[0..n) (stored, in
 * emit order; rowid set). text[0..tn) is the document's normalized text (for clauses). *x, when
 * x and *x are not NULL, is the writer's index of claims and commitments (claimix.h): lookups read
 * it instead of the store, and it learns what is added; when it fails (out of memory, full) it is
 * freed and *x set to NULL, and lookups go to the store. Returns DYAD_DB_OK or the database error. */
int dyad_claims_document(dyad_store *s, dyad_claimix **x, long long doc, const dyad_srec *ev, size_t n, const char *text,
                         size_t tn);

/* The kind of a commitment coded `code` whose clause is clause[0..n): "mutual-defence",
 * "non-aggression", "ceasefire", "peace", "military-aid", "economic-aid", "humanitarian-aid",
 * "trade", "energy", "political-support", "cooperation" or "agreement". Never NULL. */
const char *dyad_commitment_kind(const char *code, const char *clause, size_t n);

/* 1 when an event with this code and mode bits (and stance) records a commitment, else 0. */
int dyad_is_commitment(const char *code, int mode, int stance);
#endif
