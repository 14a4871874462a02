/* placeres.h - which place a name means: candidate readings from dyad's own places and the
 * GeoNames table, scored by kind and population, the document's votes, the sentence's actors and
 * a qualifier ("Paris, Texas"). Internal to place.c; the placer's state lives here. */
#ifndef DYAD_PLACERES_H
#define DYAD_PLACERES_H
#include "gazetteer.h"
#include "place.h"

#define PLACE_MAX_CANDS 24
#define PLACE_MAX_VOTES 64
#define PLACE_MAX_ITEMS 32
#define PLACE_MAX_ACTORS 8

/* One reading of a name: exactly one of own and gaz is set. */
typedef struct { const dyad_ownplace *own; const dyad_gaz_rec *gaz; } place_ref;

/* A place named in the text. */
typedef struct {
  place_ref at;
  size_t start, end;          /* bytes */
  int t0, t1;                 /* tokens (sentence items only) */
  int conflict;               /* "the war in Ukraine": it places the conflict, not other events */
} place_item;

typedef struct { char cc3[4]; double w; } place_vote;
typedef struct { char cc3[4]; char admin1[8]; int set; } place_qual;

struct dyad_placer {
  dyad_places *own;
  unsigned maxwords;
  struct { char cc3[4]; const dyad_gaz_rec *r; } caps[256]; int ncaps;   /* capital of each state */
  /* the current document */
  const char *text; size_t n;
  int has_dateline, has_focus;
  place_item dateline, focus;
  place_vote votes[PLACE_MAX_VOTES]; int nvotes; double maxvote;
  /* the current sentence (cached by its span) */
  size_t s_start, s_end; int s_valid;
  place_item items[PLACE_MAX_ITEMS]; int nitems;
  char actors[PLACE_MAX_ACTORS][4]; int nactors;
};

/* Candidate readings of key[0..n): own places first, then GeoNames (most populous first). */
int place_candidates(const dyad_placer *P, const char *key, size_t n, place_ref *out, int max);
/* The best of cands[0..nc) in the document's and sentence's context, or -1 when nc == 0. */
int place_choose(const dyad_placer *P, const place_ref *cands, int nc, const place_qual *q, int use_actors);
/* The capital of state cc3 as a reading (own city, else GeoNames capital), or none (own and gaz NULL). */
place_ref place_capital(const dyad_placer *P, const char *cc3);
/* The state cc3 as a reading, or none. */
place_ref place_country(const dyad_placer *P, const char *cc3);
/* Fills the public shape (name, country, admin1, position, precision) from a reading. */
void place_fill(const place_ref *r, dyad_place *out);
const char *place_ref_cc3(const place_ref *r);
/* Adds w to the document's vote for state cc3. */
void place_vote_add(dyad_placer *P, const char *cc3, double w);
#endif
