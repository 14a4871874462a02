/* placeres.c - choosing among the readings of a place name (see placeres.h). */
#include "placeres.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

int place_candidates(const dyad_placer *P, const char *key, size_t n, place_ref *out, int max) {
  const dyad_ownplace *own[8];
  int k = 0, no = dyad_places_find(P->own, key, n, own, 8);
  for (int i = 0; i < no && k < max; i++) out[k++] = (place_ref){own[i], NULL};
  const dyad_gaz_rec *g;
  size_t ng = dyad_gaz_find(key, n, &g);
  for (size_t i = 0; i < ng && k < max && i < 16; i++) out[k++] = (place_ref){NULL, &g[i]};
  return k;
}

const char *place_ref_cc3(const place_ref *r) {
  if (r->own) return r->own->cc3;
  return r->gaz ? r->gaz->cc3 : "";
}

static const char *ref_admin1(const place_ref *r) {
  if (r->own) return r->own->kind == DYAD_OWN_COUNTRY ? "" : r->own->code;
  return r->gaz ? r->gaz->admin1 : "";
}

/* What a reading is worth before context: a state over a named place over a region; a city
 * by its population (log10: 1,000 people 3, 10 million 7). */
static double base_score(const place_ref *r) {
  if (r->own) {
    static const double by_kind[] = {0, 8.0, 5.0, 7.0, 6.9};   /* our cities: above a GeoNames capital alone */
    return by_kind[r->own->kind];
  }
  double b = log10((double)r->gaz->pop + 10.0);
  if (b > 7.5) b = 7.5;
  return b + ((r->gaz->flags & DYAD_GAZ_CAPITAL) ? 0.5 : 0.0);
}

static double doc_weight(const dyad_placer *P, const char *cc3) {
  if (!*cc3 || P->maxvote <= 0) return 0;
  for (int i = 0; i < P->nvotes; i++)
    if (strcmp(P->votes[i].cc3, cc3) == 0) return P->votes[i].w / P->maxvote;
  return 0;
}

static double score(const dyad_placer *P, const place_ref *r, const place_qual *q, int use_actors) {
  double sc = base_score(r);
  const char *cc = place_ref_cc3(r);
  int town = r->gaz || r->own->kind == DYAD_OWN_CITY;   /* a small town may share a capital's name */
  sc += (town ? 2.0 : 4.0) * doc_weight(P, cc);
  if (use_actors && *cc)
    for (int i = 0; i < P->nactors; i++)
      if (strcmp(P->actors[i], cc) == 0) { sc += 2.0; break; }
  if (q && q->set) {
    int same = strcmp(cc, q->cc3) == 0 && (!*q->admin1 || strcmp(ref_admin1(r), q->admin1) == 0);
    sc += same ? 10.0 : -5.0;
  }
  return sc;
}

int place_choose(const dyad_placer *P, const place_ref *cands, int nc, const place_qual *q, int use_actors) {
  int best = -1;
  double bs = -1e9;
  for (int i = 0; i < nc; i++) {
    double sc = score(P, &cands[i], q, use_actors);
    if (sc > bs) { bs = sc; best = i; }
  }
  return best;
}

place_ref place_country(const dyad_placer *P, const char *cc3) {
  return (place_ref){dyad_places_country(P->own, cc3), NULL};
}

place_ref place_capital(const dyad_placer *P, const char *cc3) {
  for (int i = 0; i < P->ncaps; i++)
    if (strncmp(P->caps[i].cc3, cc3, 3) == 0) return (place_ref){NULL, P->caps[i].r};
  return (place_ref){NULL, NULL};
}

void place_fill(const place_ref *r, dyad_place *out) {
  memset(out, 0, sizeof *out);
  if (r->own) {
    static const int prec[] = {0, DYAD_PLACE_COUNTRY, DYAD_PLACE_ADMIN1, DYAD_PLACE_REGION, DYAD_PLACE_CITY};
    out->name = r->own->name;
    out->lat = r->own->lat; out->lon = r->own->lon;
    out->precision = prec[r->own->kind];
  } else if (r->gaz) {
    out->name = dyad_gaz_str(r->gaz->name);
    out->lat = r->gaz->lat_e5 / 1e5; out->lon = r->gaz->lon_e5 / 1e5;
    out->precision = DYAD_PLACE_CITY;
  }
  dyad_copy_str(out->country, sizeof out->country, place_ref_cc3(r), SIZE_MAX);
  dyad_copy_str(out->admin1, sizeof out->admin1, ref_admin1(r), SIZE_MAX);
}

void place_vote_add(dyad_placer *P, const char *cc3, double w) {
  if (!cc3 || !*cc3 || w <= 0) return;
  int i = 0;
  while (i < P->nvotes && strcmp(P->votes[i].cc3, cc3) != 0) i++;
  if (i == P->nvotes) {
    if (P->nvotes == PLACE_MAX_VOTES) return;
    snprintf(P->votes[i].cc3, sizeof P->votes[i].cc3, "%s", cc3);
    P->votes[i].w = 0;
    P->nvotes++;
  }
  P->votes[i].w += w;
  if (P->votes[i].w > P->maxvote) P->maxvote = P->votes[i].w;
}
