/* sanctions.h - the sanctions watch: regimes, measures, listed people and the goods lexicon read
 * from data/sanctions/ (docs/sanctions.md), their consistency checks, and the matcher that says
 * which measures in force on an event's date the event may fall under. */
#ifndef DYAD_SANCTIONS_H
#define DYAD_SANCTIONS_H
#include "dyad.h"
#include <stddef.h>

typedef struct dyad_sanctions dyad_sanctions;

/* An empty set of regimes; NULL when memory runs out. Free with dyad_sanctions_free. */
dyad_sanctions *dyad_sanctions_new(void);
void dyad_sanctions_free(dyad_sanctions *s);

/* Reads one line of a file under sanctions/ (file: its name, kept by the caller for s's life;
 * text: the line with its comment stripped and trimmed, not empty; modified). A malformed line is
 * reported through diag (may be NULL) as "FILE:LINE: what is wrong" and skipped: returns -1. */
int dyad_sanctions_line(dyad_sanctions *s, const char *file, int line, char *text, dyad_diag *diag);

/* Is an actor code known to the dictionaries (country, IGO or group prefix)? */
typedef int (*dyad_code_known_fn)(const char *code, void *ctx);

/* Whole-data checks that a line reader cannot make: unknown categories, blocs and codes,
 * measure steps outside their regime's dates, listed names under no "listed" measure. Each
 * finding goes through report(error, file, line, message, ctx); returns the number of errors. */
typedef void (*dyad_sanctions_report_fn)(int error, const char *file, int line, const char *msg, void *ctx);
size_t dyad_sanctions_check(const dyad_sanctions *s, dyad_code_known_fn known, dyad_sanctions_report_fn report, void *ctx);

/* Fills out (at most cap flags, DYAD_MAX_SANCTIONS is enough) with the measures ev may fall
 * under and returns how many. An event qualifies when the head of its pattern moves goods (an
 * "action" of goods.txt, or any aid code, root 07), its giver or receiver is a regime's target,
 * the other party is bound by the measure, goods of one of the measure's categories are named
 * near the verb in the evidence, and the measure is in force on the event's date. basis: "denied"
 * when the event is reported under a denial, "hypothetical" for future, hypothetical and
 * conditional modes, "alleged" under an accusation, else "reported"; a negated event that is no
 * denial flags nothing. Strings in the flags borrow from s (s may be NULL: no flags). */
size_t dyad_sanctions_match(const dyad_sanctions *s, const dyad_event *ev, dyad_sanction *out, size_t cap);

typedef struct {
  size_t regimes, measures, listed, goods, categories;
  char as_of[11];            /* the "as-of" date the data declares, "" when none */
} dyad_sanctions_stats;
void dyad_sanctions_get_stats(const dyad_sanctions *s, dyad_sanctions_stats *out);
#endif
