/* place.h - event geolocation (issue 6): finds place names in a document (datelines, "in
 * Pyongyang", "Paris, Texas", the document's focus) and gives each event the place of its own
 * clause, else its sentence's, else the dateline's, else the document's focus. Capitals and
 * countries that the actor recognizer took as actors ("Washington said") are never places. */
#ifndef DYAD_PLACE_H
#define DYAD_PLACE_H
#include "placedata.h"
#include "sentence.h"

typedef struct dyad_placer dyad_placer;

/* A new placer over the embedded gazetteer and dyad's own places; NULL when memory runs out.
 * One per coder (it keeps the current document's state); free with dyad_placer_free. */
dyad_placer *dyad_placer_new(void);
void dyad_placer_free(dyad_placer *p);

/* Starts a document: finds its dateline and its focus (the place its reports come from) in
 * text[0..n), which must stay valid until the next call. */
void dyad_place_document(dyad_placer *p, const char *text, size_t n);

/* Sets ev->place for an event of sentence s whose clause is tokens [c0, c1); reads ev's code,
 * rule id, verb span and target. Leaves ev->place.name NULL when nothing places it. */
void dyad_place_event(dyad_placer *p, const dyad_sentence *s, int c0, int c1, dyad_event *ev);

/* Resolves a place name on its own, as a dateline would be, preferring places in country cc3
 * (may be NULL). Returns 1 and fills out (precision and position; basis DATELINE, span 0), or 0
 * when the name is no place we know. */
int dyad_place_resolve(const dyad_placer *p, const char *name, size_t n, const char *cc3, dyad_place *out);

/* Names for the JSON and store columns: "city", "admin1", "country", "region" and "clause",
 * "sentence", "dateline", "document". */
const char *dyad_place_precision_name(int precision);
const char *dyad_place_basis_name(int basis);
#endif
