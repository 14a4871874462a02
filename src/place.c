/* place.c - where events happen (see place.h): a document's dateline and focus from a quick scan
 * of its text, the places each sentence names (from the actor recognizer's place mentions and
 * the gazetteer after a locative word), and the place each event gets, with the rule (basis)
 * that chose it. Readings of a name are chosen in placeres.c. */
#include "place.h"
#include "alloc.h"
#include "placeres.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

#define PLACE_MAX_WORDS 5       /* longest name tried, in words */
#define PLACE_DOC_HITS 128      /* place names a document scan keeps */
#define PLACE_SMALL_TOWN 15000  /* a GeoNames town smaller than this needs support from context */

static const char *const PRECISION[] = {"city", "admin1", "country", "region"};
static const char *const BASIS[] = {"clause", "sentence", "dateline", "document"};
const char *dyad_place_precision_name(int p) { return p >= 0 && p < 4 ? PRECISION[p] : "country"; }
const char *dyad_place_basis_name(int b) { return b >= 0 && b < 4 ? BASIS[b] : "document"; }

dyad_placer *dyad_placer_new(void) {
  dyad_placer *P = dyad_calloc(1, sizeof *P);
  if (!P) return NULL;
  if (!(P->own = dyad_places_load_embedded(NULL))) { free(P); return NULL; }
  P->maxwords = dyad_places_maxwords(P->own);
  if (dyad_gaz_maxwords() > P->maxwords) P->maxwords = dyad_gaz_maxwords();
  if (P->maxwords > PLACE_MAX_WORDS) P->maxwords = PLACE_MAX_WORDS;
  const dyad_gaz_header *h = dyad_gaz_table();
  const dyad_gaz_rec *r = h ? (const dyad_gaz_rec *)(const void *)(h + 1) : NULL;
  for (uint32_t i = 0; r && i < h->nrec && P->ncaps < 256; i++)
    if ((r[i].flags & DYAD_GAZ_CAPITAL) && r[i].cc3[0] && place_capital(P, r[i].cc3).gaz == NULL) {
      memcpy(P->caps[P->ncaps].cc3, r[i].cc3, 4);
      P->caps[P->ncaps++].r = &r[i];
    }
  return P;
}

void dyad_placer_free(dyad_placer *P) {
  if (!P) return;
  dyad_places_free(P->own);
  free(P);
}

/* ---- word lists ---------------------------------------------------------------------------- */
/* Is w (n bytes) one of list's lowercase words, ignoring ASCII case? The first letter is compared
 * before anything else (these lists are read for most words of a document). */
static int in_list(const char *w, size_t n, const char *const *list) {
  if (n == 0) return 0;
  char c0 = w[0] >= 'A' && w[0] <= 'Z' ? (char)(w[0] - 'A' + 'a') : w[0];
  for (; *list; list++)
    if ((*list)[0] == c0 && strlen(*list) == n && strncasecmp(w, *list, n) == 0) return 1;
  return 0;
}

/* Words after which a name is where something is: "in Pyongyang", "near Kharkiv". */
static const char *const LOCATIVE[] = {"in", "at", "near", "inside", "outside", "across", "throughout",
                                       "within", "around", "into", "on", NULL};
/* Nouns a locative phrase after them describes: "the war in Ukraine" places the war. */
static const char *const CONFLICT[] = {"war", "wars", "conflict", "fighting", "fight", "operation", "offensive",
                                       "invasion", "aggression", "occupation", "crisis", "hostilities", "battle",
                                       "violence", "attack", "attacks", "strikes", "bombing", "shelling", NULL};
/* Words before "in"/"to" that tell a visit: the name is where the reports come from. */
static const char *const ARRIVAL[] = {"visit", "visits", "trip", "travel", "travels", "traveled", "travelled",
                                      "arrived", "arrival", "arrives", "flew", "landed", NULL};
/* Capitalized words that are dates, not places ("in March"). */
static const char *const NOT_PLACE[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december", "monday", "tuesday",
                                        "wednesday", "thursday", "friday", "saturday", "sunday", NULL};

/* ---- the document: dateline and focus ------------------------------------------------------ */
typedef struct { size_t start, end; double w; place_ref at; int resolved; } doc_hit;

static int wordc(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '\'' || c >= 0x80; }
static int upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

/* Readings of text[a..b) that may stand on the document's scan: own places, and GeoNames towns
 * of some size. */
static int doc_candidates(const dyad_placer *P, size_t a, size_t b, place_ref *out) {
  char key[DYAD_PLACE_KEY_MAX];
  size_t kn = dyad_place_key(P->text + a, b - a, key, sizeof key);
  if (!kn) return 0;
  place_ref all[PLACE_MAX_CANDS];
  int n = place_candidates(P, key, kn, all, PLACE_MAX_CANDS), k = 0;
  for (int i = 0; i < n; i++)
    if (all[i].own || all[i].gaz->pop >= PLACE_SMALL_TOWN) out[k++] = all[i];
  return k;
}

/* The longest place name of up to maxwords capitalized words starting at j; sets *end. */
static int doc_name_at(const dyad_placer *P, size_t j, size_t *end, place_ref *cands) {
  size_t ends[PLACE_MAX_WORDS], e = j;
  unsigned nw = 0;
  while (nw < P->maxwords && e < P->n && wordc((unsigned char)P->text[e])) {
    size_t w0 = e;
    while (e < P->n && wordc((unsigned char)P->text[e])) e++;
    if (nw == 0 && in_list(P->text + w0, e - w0, NOT_PLACE)) return 0;
    ends[nw++] = e;
    if (e + 1 >= P->n || P->text[e] != ' ') break;
    e++;
  }
  for (unsigned k = nw; k > 0; k--) {
    int nc = doc_candidates(P, j, ends[k - 1], cands);
    if (nc) { *end = ends[k - 1]; return nc; }
  }
  return 0;
}

/* Weight of a name after the locative word text[w0..w1) that follows word text[p0..p1). */
static double cue_weight(const dyad_placer *P, size_t w0, size_t w1, size_t p0, size_t p1) {
  const char *w = P->text + w0, *p = P->text + p0;
  size_t wn = w1 - w0, pn = p1 - p0;
  if (pn && in_list(p, pn, CONFLICT)) return 0;
  int arrival = pn && in_list(p, pn, ARRIVAL);
  if (wn == 2 && strncasecmp(w, "to", 2) == 0) return arrival ? 2.0 : 0;
  if (!in_list(w, wn, LOCATIVE) || (wn == 2 && strncasecmp(w, "on", 2) == 0)) return 0;
  return arrival ? 2.0 : 1.0;
}

/* The region or state named after a dateline's city ("CAMP DAVID, Maryland -"): the words up to
 * the next comma or dash. Returns 1 and sets *out when our own places know them. */
static int dateline_qualifier(const dyad_placer *P, size_t i, size_t limit, place_ref *out) {
  while (i < limit && P->text[i] == ' ') i++;
  size_t e = i;
  while (e < limit && e - i < 40 && P->text[e] != ',' && P->text[e] != '\n' && !(P->text[e] == ' ' && P->text[e + 1] == '-')) e++;
  place_ref c[PLACE_MAX_CANDS];
  int nc = e > i ? doc_candidates(P, i, e, c) : 0;
  for (int k = 0; k < nc; k++)
    if (c[k].own && (c[k].own->kind == DYAD_OWN_REGION || c[k].own->kind == DYAD_OWN_COUNTRY)) { *out = c[k]; return 1; }
  return 0;
}

/* A dateline: a line opening with a capitals-only name then "," or " (" ("SEOUL, June 19 --",
 * "SEOUL (Reuters) --"), among the first lines. A city we do not know stands for the region
 * named after it. */
static void find_dateline(dyad_placer *P) {
  size_t i = 0, limit = P->n < 3000 ? P->n : 3000;
  for (int line = 0; line < 12 && i < limit; line++) {
    while (i < limit && (P->text[i] == ' ' || P->text[i] == '\t')) i++;
    size_t a = i, b = i;
    int letters = 0;
    while (b < limit && (upper((unsigned char)P->text[b]) || P->text[b] == ' ' || P->text[b] == '.' || P->text[b] == '-' || P->text[b] == '\''))
      letters += upper((unsigned char)P->text[b++]);
    while (b > a && P->text[b - 1] == ' ') b--;
    size_t after = b;
    while (after < limit && P->text[after] == ' ') after++;
    if (letters >= 3 && after < limit && (P->text[after] == ',' || P->text[after] == '(')) {
      place_ref c[PLACE_MAX_CANDS], q;
      int nc = doc_candidates(P, a, b, c);
      int best = place_choose(P, c, nc, NULL, 0);
      if (best >= 0) q = c[best];
      if (best >= 0 || (P->text[after] == ',' && dateline_qualifier(P, after + 1, limit, &q))) {
        P->dateline = (place_item){q, a, b, 0, 0, 0};
        P->has_dateline = 1;
        return;
      }
    }
    while (i < limit && P->text[i] != '\n') i++;
    i++;
  }
}

/* Collects the names that follow locative words, with their weights. */
static int scan_hits(dyad_placer *P, doc_hit *hits) {
  int nh = 0;
  size_t i = 0, p0 = 0, p1 = 0;
  while (i < P->n && nh < PLACE_DOC_HITS) {
    if (!wordc((unsigned char)P->text[i])) { i++; continue; }
    size_t w0 = i;
    while (i < P->n && wordc((unsigned char)P->text[i])) i++;
    size_t j = i + 1;
    if (i - w0 <= 6 && j < P->n && P->text[i] == ' ') {
      if (j + 4 < P->n && strncmp(P->text + j, "the ", 4) == 0) j += 4;
      double w = upper((unsigned char)P->text[j]) ? cue_weight(P, w0, i, p0, p1) : 0;
      place_ref c[PLACE_MAX_CANDS];
      size_t end;
      if (w > 0 && doc_name_at(P, j, &end, c)) hits[nh++] = (doc_hit){j, end, w, {NULL, NULL}, 0};
    }
    p0 = w0; p1 = i;
  }
  return nh;
}

/* Resolves the hits: those with readings in one state first, then the rest in their light. */
static void resolve_hits(dyad_placer *P, doc_hit *hits, int nh) {
  for (int pass = 0; pass < 2; pass++)
    for (int h = 0; h < nh; h++) {
      if (hits[h].resolved) continue;
      place_ref c[PLACE_MAX_CANDS];
      size_t end;
      int nc = doc_name_at(P, hits[h].start, &end, c), one = 1;
      for (int k = 1; k < nc; k++) one &= strcmp(place_ref_cc3(&c[k]), place_ref_cc3(&c[0])) == 0;
      if (pass == 0 && !one) continue;
      int best = place_choose(P, c, nc, NULL, 0);
      if (best < 0) continue;
      hits[h].at = c[best];
      hits[h].resolved = 1;
      place_vote_add(P, place_ref_cc3(&c[best]), hits[h].w);
    }
}

/* The focus: the most voted state, shown as its most named city, region or place ("Gaza") when
 * the text names one inside it. */
static void choose_focus(dyad_placer *P, const doc_hit *hits, int nh) {
  int top = -1;
  for (int i = 0; i < P->nvotes; i++) if (top < 0 || P->votes[i].w > P->votes[top].w) top = i;
  if (top < 0) return;
  const char *cc = P->votes[top].cc3;
  double best = 0;
  for (int h = 0; h < nh; h++) {
    const place_ref *r = &hits[h].at;
    int inside = r->gaz || (r->own && r->own->kind != DYAD_OWN_COUNTRY);
    if (!hits[h].resolved || !inside || strcmp(place_ref_cc3(r), cc)) continue;
    double w = 0;
    for (int k = 0; k < nh; k++)
      if (hits[k].resolved && hits[k].at.own == r->own && hits[k].at.gaz == r->gaz) w += hits[k].w;
    if (w > best) { best = w; P->focus = (place_item){*r, hits[h].start, hits[h].end, 0, 0, 0}; }
  }
  if (best > 0) { P->has_focus = 1; return; }
  for (int h = 0; h < nh; h++)
    if (hits[h].resolved && !strcmp(place_ref_cc3(&hits[h].at), cc)) {
      place_ref st = place_country(P, cc);
      P->focus = (place_item){st.own ? st : hits[h].at, hits[h].start, hits[h].end, 0, 0, 0};
      P->has_focus = 1;
      return;
    }
}

void dyad_place_document(dyad_placer *P, const char *text, size_t n) {
  P->text = text; P->n = n;
  P->has_dateline = P->has_focus = 0;
  P->nvotes = 0; P->maxvote = 0;
  P->s_valid = 0;
  find_dateline(P);
  if (P->has_dateline) place_vote_add(P, place_ref_cc3(&P->dateline.at), 5.0);
  doc_hit hits[PLACE_DOC_HITS];
  int nh = scan_hits(P, hits);
  resolve_hits(P, hits, nh);
  choose_focus(P, hits, nh);
}

/* ---- sentences ----------------------------------------------------------------------------- */
/* Only spaces between tokens a and a+1 (a name does not run over punctuation). */
static int joined(const dyad_sentence *s, int a) {
  for (uint32_t k = s->t[a].end; k < s->t[a + 1].start; k++)
    if (s->text[k] != ' ') return 0;
  return 1;
}

/* The locative word before token i ("in", or "in the"), or -1. */
static int cue_before(const dyad_sentence *s, int i) {
  int c = i - 1;
  if (c >= 0 && s->t[c].tag == T_DET && strcmp(s->t[c].lower, "the") == 0) c--;
  if (c < 0 || s->t[c].kind != DYAD_TK_WORD) return -1;
  return in_list(s->t[c].lower, strlen(s->t[c].lower), LOCATIVE) ? c : -1;
}

static int conflict_host(const dyad_sentence *s, int cue) {
  if (cue < 1) return 0;
  const char *w = s->t[cue - 1].lower;
  return w && in_list(w, strlen(w), CONFLICT);
}

static int span_candidates(const dyad_placer *P, const dyad_sentence *s, int a, int b, place_ref *out) {
  char key[DYAD_PLACE_KEY_MAX];
  size_t kn = dyad_place_key(s->text + s->t[a].start, s->t[b - 1].end - s->t[a].start, key, sizeof key);
  return kn ? place_candidates(P, key, kn, out, PLACE_MAX_CANDS) : 0;
}

/* Our own places only (no GeoNames lookup): for names standing without a locative word. */
static int span_own(const dyad_placer *P, const dyad_sentence *s, int a, int b, place_ref *out) {
  char key[DYAD_PLACE_KEY_MAX];
  const dyad_ownplace *own[8];
  size_t kn = dyad_place_key(s->text + s->t[a].start, s->t[b - 1].end - s->t[a].start, key, sizeof key);
  int n = kn ? dyad_places_find(P->own, key, kn, own, 8) : 0;
  for (int i = 0; i < n; i++) out[i] = (place_ref){own[i], NULL};
  return n;
}

/* Could a name of our own start at token i? (Its first word begins one.) */
static int own_first_word(const dyad_placer *P, const dyad_sentence *s, int i) {
  char key[DYAD_PLACE_KEY_MAX];
  size_t kn = dyad_place_key(s->text + s->t[i].start, s->t[i].end - s->t[i].start, key, sizeof key);
  return kn && dyad_places_first_word(P->own, key, kn);
}

/* ", Texas" or ", France" after a name: the region or state it lies in. Returns the tokens used. */
static int qualifier(const dyad_placer *P, const dyad_sentence *s, int j, place_qual *q) {
  memset(q, 0, sizeof *q);
  if (j + 1 >= s->n || s->t[j].tag != T_PUNCT || s->text[s->t[j].start] != ',' || !s->t[j + 1].cap) return 0;
  for (int b = j + 1 + 3 > s->n ? s->n : j + 1 + 3; b > j + 1; b--) {
    if (b - 1 > j + 1 && !joined(s, b - 2)) continue;
    place_ref c[PLACE_MAX_CANDS];
    int nc = span_candidates(P, s, j + 1, b, c);
    for (int k = 0; k < nc; k++)
      if (c[k].own && (c[k].own->kind == DYAD_OWN_REGION || c[k].own->kind == DYAD_OWN_COUNTRY)) {
        snprintf(q->cc3, sizeof q->cc3, "%s", c[k].own->cc3);
        if (c[k].own->kind == DYAD_OWN_REGION) snprintf(q->admin1, sizeof q->admin1, "%s", c[k].own->code);
        q->set = 1;
        return b - j;
      }
  }
  return 0;
}

/* A GeoNames-only reading of a lone word needs more than the word: not a common English word
 * ("in March", "in Reading" of a small town), or a town of some size, or a qualifier. */
static int plausible(const dyad_placer *P, const dyad_sentence *s, int a, int b, const place_ref *r, const place_qual *q) {
  if (r->own || q->set) return 1;
  if (b - a == 1 && in_list(s->t[a].lower, strlen(s->t[a].lower), NOT_PLACE)) return 0;
  if (b - a == 1 && s->t[a].fv + s->t[a].fn >= 3 && r->gaz->pop < 500000) return 0;
  return r->gaz->pop >= PLACE_SMALL_TOWN;
}

static void add_item(dyad_placer *P, const dyad_sentence *s, const place_ref *r, int a, int b, int cue) {
  if (P->nitems >= PLACE_MAX_ITEMS || (!r->own && !r->gaz)) return;
  P->items[P->nitems++] = (place_item){*r, s->t[a].start, s->t[b - 1].end, a, b, cue >= 0 && conflict_host(s, cue)};
}

/* May [i, b) be read as a name of the gazetteer, given the actor mentions it overlaps? A span
 * that is exactly a country or capital mention is the recognizer's to judge (mention_item);
 * other mentions may only lie inside a longer named place ("the Taiwan Strait"). Returns 0 no,
 * 1 yes, 2 only as one of our own named places or regions. */
static int span_free(const dyad_sentence *s, int i, int b) {
  int res = 1;
  for (int k = i; k < b; k++) {
    int mi = s->t[k].mention;
    if (mi < 0 || !s->m[mi].nref) continue;
    const dyad_mention *m = &s->m[mi];
    if (m->t1 > b || m->t0 < i) return 0;
    if (m->t0 == i && m->t1 == b) return 0;
    res = 2;
  }
  return res;
}

static int keep_reading(const place_ref *r, int cue, int on, int freedom) {
  int named = r->own && (r->own->kind == DYAD_OWN_PLACE || r->own->kind == DYAD_OWN_REGION);
  if (freedom == 2) return named && (cue >= 0 || r->own->kind == DYAD_OWN_PLACE);
  if (cue >= 0 && !on) return 1;
  return r->own && r->own->kind == DYAD_OWN_PLACE;   /* without a locative word, only named places */
}

/* A name the gazetteer knows at token i (after a locative word, or one of our own named places
 * anywhere); returns the tokens used, 0 when none. */
static int name_at(dyad_placer *P, const dyad_sentence *s, int i) {
  int cue = cue_before(s, i), on = cue >= 0 && strcmp(s->t[cue].lower, "on") == 0;
  int own_only = cue < 0 || on;   /* no GeoNames town stands without a locative word */
  if (own_only && !own_first_word(P, s, i)) return 0;
  int maxb = i;
  while (maxb < s->n && maxb - i < (int)P->maxwords && s->t[maxb].kind == DYAD_TK_WORD && (maxb == i || joined(s, maxb - 1)))
    maxb++;
  for (int b = maxb; b > i; b--) {
    int freedom = span_free(s, i, b);
    if (!freedom) continue;
    place_ref c[PLACE_MAX_CANDS];
    int nc = own_only ? span_own(P, s, i, b, c) : span_candidates(P, s, i, b, c), k = 0;
    for (int x = 0; x < nc; x++)
      if (keep_reading(&c[x], cue, on, freedom)) c[k++] = c[x];
    if (!k) continue;
    place_qual q;
    int used = qualifier(P, s, b, &q);
    int best = place_choose(P, c, k, &q, 1);
    if (!plausible(P, s, i, b, &c[best], &q)) continue;
    add_item(P, s, &c[best], i, b, cue);
    return b - i + used;
  }
  return 0;
}

/* The reading of a country or capital mention: a capital is its state's capital city; a country
 * is the state, or a region of the same name that context prefers ("Georgia"), or the named part
 * of the state the words mean ("Gaza"). */
static place_ref mention_ref(const dyad_placer *P, const dyad_sentence *s, const dyad_mention *m) {
  const char *code = m->refs[0].code;
  place_ref c[PLACE_MAX_CANDS], r = {NULL, NULL};
  int nc = span_candidates(P, s, m->t0, m->t1, c);
  if (m->head_kind == DYAD_AK_CAPITAL) {
    for (int k = 0; k < nc && !r.own && !r.gaz; k++)
      if (strncmp(place_ref_cc3(&c[k]), code, 3) == 0 && (c[k].gaz || c[k].own->kind == DYAD_OWN_CITY)) r = c[k];
    if (!r.own && !r.gaz) r = place_capital(P, code);
    if (!r.own && !r.gaz) r = place_country(P, code);
  } else {
    place_ref st = place_country(P, code);
    int k = 0;
    for (int x = 0; x < nc; x++) {   /* a state, a region of that name, or a named part of the state ("Gaza") */
      if (!c[x].own) continue;
      if (c[x].own->kind != DYAD_OWN_COUNTRY && strncmp(c[x].own->cc3, code, 3) == 0) { r = c[x]; break; }
      c[k++] = c[x];
    }
    if (st.own && k < PLACE_MAX_CANDS) c[k++] = st;
    int best = r.own ? -1 : place_choose(P, c, k, NULL, 1);
    if (best >= 0) r = c[best];
  }
  return r;
}

/* A country or capital the actor recognizer marked as a place ("in Pyongyang"); a qualifier
 * after it may make it another place of that name ("Paris, Texas"). Returns the tokens used
 * after the mention. */
static int mention_item(dyad_placer *P, const dyad_sentence *s, const dyad_mention *m) {
  place_ref r = mention_ref(P, s, m), c[PLACE_MAX_CANDS];
  place_qual q;
  int used = qualifier(P, s, m->t1, &q);
  int nc = used ? span_candidates(P, s, m->t0, m->t1, c) : 0;
  int best = place_choose(P, c, nc, &q, 1);
  if (best >= 0 && !strcmp(place_ref_cc3(&c[best]), q.cc3)) r = c[best];
  else used = 0;
  add_item(P, s, &r, m->t0, m->t1, cue_before(s, m->t0));
  return used;
}

/* The countries of the sentence's actors (context for readings: "Georgia" near US officials). */
static void note_actors(dyad_placer *P, const dyad_sentence *s) {
  P->nactors = 0;
  for (int mi = 0; mi < s->nm; mi++) {
    const dyad_mention *m = &s->m[mi];
    if (m->place) continue;
    for (int k = 0; k < m->nref && P->nactors < PLACE_MAX_ACTORS; k++) {
      const dyad_ownplace *st = dyad_places_country(P->own, m->refs[k].code);
      if (st) memcpy(P->actors[P->nactors++], st->cc3, 4);
    }
  }
}

static void scan_sentence(dyad_placer *P, const dyad_sentence *s) {
  if (P->s_valid && P->s_start == s->start && P->s_end == s->end) return;
  P->s_valid = 1; P->s_start = s->start; P->s_end = s->end;
  P->nitems = 0;
  note_actors(P, s);
  for (int i = 0; i < s->n; i++) {
    const dyad_tok *t = &s->t[i];
    int used = t->kind == DYAD_TK_WORD && t->cap ? name_at(P, s, i) : 0;
    if (used) { i += used - 1; continue; }
    if (t->mention < 0) continue;
    const dyad_mention *m = &s->m[t->mention];
    if (m->t0 != i) continue;
    int after = 0;
    if (m->place && m->nref && (m->head_kind == DYAD_AK_COUNTRY || m->head_kind == DYAD_AK_CAPITAL)) after = mention_item(P, s, m);
    i = m->t1 - 1 + after;
  }
}

/* ---- events -------------------------------------------------------------------------------- */
static int token_at(const dyad_sentence *s, size_t byte) {
  for (int i = 0; i < s->n; i++) if (s->t[i].start >= byte) return i;
  return s->n;
}

/* The mention that names the event's target, or NULL. */
static const dyad_mention *target_mention(const dyad_sentence *s, const dyad_event *ev) {
  if (!ev->target) return NULL;
  for (int mi = 0; mi < s->nm; mi++)
    if (s->t[s->m[mi].t0].start == ev->target->start && s->m[mi].nref) return &s->m[mi];
  return NULL;
}

/* The state or capital a target mention names, as a place ("visit to North Korea"). */
static int target_place(const dyad_placer *P, const dyad_sentence *s, const dyad_event *ev, place_item *out) {
  const dyad_mention *m = target_mention(s, ev);
  if (!m || (m->head_kind != DYAD_AK_COUNTRY && m->head_kind != DYAD_AK_CAPITAL)) return 0;
  place_ref r = mention_ref(P, s, m);
  if (!r.own && !r.gaz) return 0;
  *out = (place_item){r, s->t[m->t0].start, s->t[m->t1 - 1].end, m->t0, m->t1, 0};
  return 1;
}

static int violent(const dyad_event *ev) {
  return !strcmp(ev->root, "18") || !strcmp(ev->root, "19") || !strcmp(ev->root, "20");
}

/* The clause's place nearest after the event's words, else nearest before them; the clause ends
 * where the next verb group begins ("accuse X of supplying Y for use in Z" places no accusation). */
static int clause_place(const dyad_placer *P, const dyad_sentence *s, int c0, int c1, const dyad_event *ev, place_item *out) {
  int v = token_at(s, ev->verb_start), end = c1;
  for (int k = 0; k < s->nvg; k++)
    if (s->vg[k].a > v && s->vg[k].a < end) end = s->vg[k].a;
  int best = -1, bestd = 1 << 30;
  for (int i = 0; i < P->nitems; i++) {
    const place_item *it = &P->items[i];
    if (it->t0 < c0 || it->t0 >= end || (it->conflict && !violent(ev))) continue;
    int d = it->t0 >= v ? it->t0 - v : 1000 + v - it->t0;
    if (d < bestd) { bestd = d; best = i; }
  }
  if (best < 0) return 0;
  *out = P->items[best];
  return 1;
}

/* The sentence's own place: one fronted before its first clause ("In Washington, Blinken said
 * ..."), which sets the scene for all of it; places inside other clauses belong to those. */
static int sentence_place(const dyad_placer *P, const dyad_sentence *s, const dyad_event *ev, place_item *out) {
  int front = s->n;
  if (s->nvg) {
    front = s->vg[0].a;
    if (s->vg[0].subj >= 0 && s->np[s->vg[0].subj].t0 < front) front = s->np[s->vg[0].subj].t0;
  }
  for (int i = 0; i < P->nitems && P->items[i].t0 < front; i++)
    if (!P->items[i].conflict || violent(ev)) { *out = P->items[i]; return 1; }
  return 0;
}

/* A dateline or the document's focus says where the reporter is. Words and meetings reported
 * from there mostly happened there (a summit at Camp David); force, coercion and violence happen
 * where the forces are, so for them it counts only when the place's state takes part. */
static int near_actors(const dyad_event *ev) {
  static const char *const physical[] = {"15", "17", "18", "19", "20", NULL};
  int force = 0;
  for (const char *const *r = physical; *r; r++) if (!strncmp(ev->code, *r, 2)) force = 1;
  if (!force) return 1;
  const char *cc = ev->place.country;
  const dyad_actor *a[2] = {ev->source, ev->target};
  int states = 0;
  for (int i = 0; i < 2; i++) {
    if (!a[i] || !a[i]->code || strlen(a[i]->code) < 3 || !strncmp(a[i]->code, "IGO", 3)) continue;
    states++;
    if (!*cc || !strncmp(a[i]->code, cc, 3)) return 1;
  }
  return states == 0;
}

void dyad_place_event(dyad_placer *P, const dyad_sentence *s, int c0, int c1, dyad_event *ev) {
  memset(&ev->place, 0, sizeof ev->place);
  scan_sentence(P, s);
  place_item it;
  int basis;
  int travel = ev->rule.id && strncmp(ev->rule.id, "042", 3) == 0;   /* a visit happens where it goes */
  if ((travel && target_place(P, s, ev, &it)) || clause_place(P, s, c0, c1, ev, &it) ||
      (violent(ev) && target_place(P, s, ev, &it)))
    basis = DYAD_BASIS_CLAUSE;
  else if (sentence_place(P, s, ev, &it)) basis = DYAD_BASIS_SENTENCE;
  else if (P->has_dateline) { it = P->dateline; basis = DYAD_BASIS_DATELINE; }
  else if (P->has_focus) { it = P->focus; basis = DYAD_BASIS_DOCUMENT; }
  else return;
  place_fill(&it.at, &ev->place);
  if (!ev->place.name) return;
  if (basis >= DYAD_BASIS_DATELINE && !near_actors(ev)) {   /* "CAMP DAVID, Maryland - North Korea launched ..." */
    memset(&ev->place, 0, sizeof ev->place);
    return;
  }
  ev->place.basis = basis;
  ev->place.start = it.start;
  ev->place.end = it.end;
}

int dyad_place_resolve(const dyad_placer *P, const char *name, size_t n, const char *cc3, dyad_place *out) {
  char key[DYAD_PLACE_KEY_MAX];
  size_t kn = dyad_place_key(name, n, key, sizeof key);
  place_ref c[PLACE_MAX_CANDS];
  int nc = kn ? place_candidates(P, key, kn, c, PLACE_MAX_CANDS) : 0;
  place_qual q = {{0}, {0}, 0};
  if (cc3 && *cc3) { snprintf(q.cc3, sizeof q.cc3, "%s", cc3); q.set = 1; }
  int best = place_choose(P, c, nc, &q, 0);
  if (best < 0) return 0;
  place_fill(&c[best], out);
  out->basis = DYAD_BASIS_DATELINE;
  return 1;
}
