/* coder.c - turn parsed sentences into events: match verb and noun patterns over each clause,
 * take sources from subjects (or by-phrases in the passive) and targets from the pattern's `$`
 * or the clause's objects, add modality, attribution and dates, and hand every event with its
 * evidence and rule to the caller's emit callback. */
#include "alloc.h"
#include "place.h"
#include "sentence.h"
#include "segment.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_CANDS 96
#define MAX_SIDE 8

typedef struct {
  const dyad_ref *src[MAX_SIDE]; int nsrc; int src_t0[MAX_SIDE], src_t1[MAX_SIDE];
  const dyad_ref *tgt[MAX_SIDE]; int ntgt; int tgt_t0[MAX_SIDE], tgt_t1[MAX_SIDE];
  int tgt_agent;   /* a bare agent as target ("arrested opposition activists"): its mention, or -1 */
} sides;

typedef struct {
  const dyad_ref *src, *tgt;
  int s0, s1, g0, g1;         /* token spans of source and target mentions */
  const char *code;
  const char *rule_id, *rule_file, *rule_text, *grammar;
  int rule_line;
  int v0, v1;                 /* tokens that told the event */
  int c0, c1;                 /* tokens of its clause: dates inside it are the event's */
  int mutual_verb;            /* "traded accusations", "exchanged fire": mutual whatever the code */
  int specific;               /* the pattern named what was done ("declare martial law"), so the
                                 event stands even when nobody is acted upon */
  int untargeted;             /* any code stands without a target (PETRARCH's convention) */
  int negated, future, hypothetical, conditional, historical;
  int stance;
  const dyad_ref *speaker; int sp0, sp1;
  const char *reverse;        /* the pattern's `reverse` code: the target answers the source */
} cand;

struct dyad_coder {
  const dyad_dict *d;
  dyad_arena arena;           /* per sentence */
  dyad_lexcache *lex;
  dyad_docmem mem;
  const dyad_wordset *pejorative;
  const dyad_wordset *anaphor;
  dyad_placer *placer;        /* where events happen (place.c) */
  cand cands[MAX_CANDS];
  int ncands;
};

dyad_coder *dyad_coder_new(const dyad_dict *d) {
  dyad_coder *c = dyad_calloc(1, sizeof *c);
  if (!c) return NULL;
  c->d = d;
  dyad_arena_init(&c->arena);
  if (!(c->lex = dyad_lexcache_new())) { free(c); return NULL; }
  if (!(c->placer = dyad_placer_new())) { dyad_lexcache_free(c->lex); free(c); return NULL; }
  c->pejorative = dyad_dict_set(d, "PEJORATIVE");
  c->anaphor = dyad_dict_set(d, "EVENT_ANAPHOR");
  return c;
}

void dyad_coder_free(dyad_coder *c) {
  if (!c) return;
  dyad_arena_free(&c->arena);
  dyad_lexcache_free(c->lex);
  dyad_placer_free(c->placer);
  free(c);
}

/* ---- pattern matching over a clause's region ----------------------------------------------- */
typedef struct {
  const dyad_sentence *s;
  const dyad_dict *d;
  int end;
  int passive_target;          /* the first `$` is the passive subject: consume nothing */
  int tnp[MAX_SIDE]; int ntnp; /* target noun groups found */
  int tplace[MAX_SIDE];        /* bit 1: may be a place; bit 4: an `@` group, the source */
  int last;                    /* furthest token the best match reached */
  int jump_from, jump_to;      /* reading a passive in active order: at jump_from go on at jump_to */
  int head;                    /* the head word's token: a pattern's words before it end at head-1 */
  int compound;                /* the clause's subject names several actors */
} matcher;

/* The position after ti, following the passive reordering jump. */
static int next_pos(const matcher *M, int ti) { return ti + 1 == M->jump_from ? M->jump_to : ti + 1; }

static int tok_is(const dyad_tok *t, int32_t id) { return id >= 0 && (t->word == id || t->lemn == id || t->lemv == id); }

static int skip_quotes(const dyad_sentence *s, int i, int end) {
  while (i < end && s->t[i].tag == T_QUOTE) i++;
  return i;
}

/* The mention a noun group contributes as a target: its head actor, else its possessor or
 * demonym ("North Korea's missile launch", "French prisoners"). Flags in allow_place: bit 1,
 * places count ("arrive in $"); bit 2, any name inside the group counts ("hit the Kyiv power
 * grid"), used where a pattern's `$` says a target stands here. -1 if none. */
static int np_target_mention(const dyad_sentence *s, int np, int allow_place) {
  if (np < 0) return -1;
  int mi = s->np[np].mention;
  if (mi >= 0) return (!s->m[mi].place || (allow_place & 1)) ? mi : -1;
  for (int j = s->np[np].t1 - 1; j >= s->np[np].t0; j--) {
    int k = s->t[j].mention;
    if (k < 0 || !s->m[k].nref || s->m[k].place) continue;
    int poss = s->m[k].t1 < s->n && s->t[s->m[k].t1].tag == T_POSS;
    /* bit 4: a state, IGO or group named before the head noun ("a U.N. Security Council
       resolution", "IAEA inspectors"), but not a capital ("the Minsk agreements" are no act on
       Belarus) nor part of a longer name ("the South China Sea") */
    int attributive = (allow_place & 4) && !s->t[s->m[k].t1].cap && s->t[s->m[k].t0].cap &&
                      (s->m[k].head_kind == DYAD_AK_IGO || s->m[k].head_kind == DYAD_AK_COUNTRY || s->m[k].head_kind == DYAD_AK_GROUP);
    if (poss || s->m[k].modifier || attributive || (allow_place & 2)) return k;   /* bit 2: any name, "Kyiv power grid" */
  }
  return -1;
}

static int target_np_at(const dyad_sentence *s, int i, int allow_place) {
  int np = s->t[i].np;
  return np_target_mention(s, np, allow_place) >= 0 ? np : -1;
}

static int actor_np_at(const dyad_sentence *s, int i) { return target_np_at(s, i, 0); }

/* Verbs that turn what follows around ("urged X to stop selling weapons" is no appeal for
 * weapons): a skip never crosses them. */
static int reverses(const dyad_tok *t) {
  static const char *const rev[] = {"stop", "halt", "end", "cease", "refrain", "quit", "avoid", "abandon", "suspend",
                                    "reduce", "cut", "limit", "withdraw", "ban", "prevent", NULL};
  if (!t->vlemma) return 0;
  for (const char *const *r = rev; *r; r++) if (dyad_streq(t->vlemma, *r)) return 1;
  return 0;
}

static int match_from(matcher *M, const dyad_pattern *p, int ei, int ti);

/* match_from for a word or set element at ei: one token, quotes skipped. Inlined into the skip
 * loop, it spares a call for each position where the word is not (most of them). */
static inline __attribute__((always_inline)) int word_elem_at(matcher *M, const dyad_pattern *p, int ei, int ti) {
  const dyad_sentence *s = M->s;
  const dyad_pelem *e = &p->el[ei];
  ti = skip_quotes(s, ti, M->end);
  if (ti >= M->end) return 0;
  if (ti > M->last) M->last = ti;
  const dyad_tok *t = &s->t[ti];
  if (e->kind == DYAD_PE_WORD) return tok_is(t, e->id) && match_from(M, p, ei + 1, next_pos(M, ti));
  const dyad_wordset *ws = &M->d->sets[e->id];
  int ok = dyad_wordset_has(ws, t->word) || dyad_wordset_has(ws, t->lemn) || dyad_wordset_has(ws, t->lemv);
  return ok && match_from(M, p, ei + 1, next_pos(M, ti));
}

static int match_from(matcher *M, const dyad_pattern *p, int ei, int ti) {
  const dyad_sentence *s = M->s;
  if (ei == p->nel) return 1;
  const dyad_pelem *e = &p->el[ei];
  if (e->kind == DYAD_PE_WORD || e->kind == DYAD_PE_SET) return word_elem_at(M, p, ei, ti);
  if (e->kind == DYAD_PE_SKIP) {   /* skip up to six words and at most one verb */
    int verbs = 0, token = ei + 1 < p->nel && (p->el[ei + 1].kind == DYAD_PE_WORD || p->el[ei + 1].kind == DYAD_PE_SET);
    for (int k = 0, at = ti; k <= 6 && at <= M->end; k++, at = next_pos(M, at)) {
      if (token ? word_elem_at(M, p, ei + 1, at) : match_from(M, p, ei + 1, at)) return 1;
      if (at < M->end && s->t[at].tag == T_VERB && (++verbs > 1 || reverses(&s->t[at]))) break;
    }
    return 0;
  }
  if (e->kind == DYAD_PE_TARGET && M->passive_target) {
    M->passive_target = 0;
    if (match_from(M, p, ei + 1, ti)) return 1;
    M->passive_target = 1;
    return 0;
  }
  ti = skip_quotes(s, ti, M->end);
  if (ti >= M->end) return 0;
  if (ti > M->last) M->last = ti;
  /* `^`: one actor passed over ("celebrated Eid at ^ with $": not the host, the guest) */
  if (e->kind == DYAD_PE_ACTOR) {
    int np = target_np_at(s, ti, 3);
    return np >= 0 && match_from(M, p, ei + 1, next_pos(M, s->np[np].t1 - 1));
  }
  /* `$` (or `@` for the source): a noun group naming an actor, with any groups coordinated to it;
     after a preposition the pattern spells out ("arrive in $"), a place name is the target too */
  int explicit_prep = (ei > 0 && p->el[ei - 1].kind == DYAD_PE_WORD) | (e->kind == DYAD_PE_SOURCE ? 4 : 0);
  int np = target_np_at(s, ti, explicit_prep | 2);
  if (np < 0 && s->t[ti].np >= 0) {   /* "over the efforts of Eriador": the actor after "of" */
    int after = s->np[s->t[ti].np].t1;
    if (after + 1 < M->end && dyad_streq(s->t[after].lower, "of")) np = target_np_at(s, after + 1, 2);
  }
  if (np < 0) return 0;
  int saved = M->ntnp;
  M->tplace[M->ntnp] = explicit_prep | 2;
  M->tnp[M->ntnp++] = np;
  int next = s->np[np].t1;
  while (M->ntnp < MAX_SIDE && next + 1 < M->end && (dyad_streq(s->t[next].lower, "and") || dyad_streq(s->t[next].lower, ","))) {
    int np2 = target_np_at(s, skip_quotes(s, next + 1, M->end), explicit_prep | 2);
    if (np2 < 0) break;
    M->tplace[M->ntnp] = explicit_prep | 2;
    M->tnp[M->ntnp++] = np2;
    next = s->np[np2].t1;
  }
  for (int cut = M->ntnp; cut > saved; cut--) {
    int after = next_pos(M, s->np[M->tnp[cut - 1]].t1 - 1);
    M->ntnp = cut;
    if (match_from(M, p, ei + 1, after)) return 1;
  }
  M->ntnp = saved;
  return 0;
}

/* A pattern's words before the head, matched right to left from token ti: a word or set takes
 * one token, `*` lets up to six tokens pass (so "indicated * would *" reads "indicated it would"). */
static int match_before(const matcher *M, const dyad_pattern *p, int ei, int ti) {
  const dyad_sentence *s = M->s;
  if (ei < 0) return 1;
  const dyad_pelem *e = &p->pre[ei];
  if (e->kind == DYAD_PE_SKIP) {
    for (int k = 0; k <= 6 && ti - k >= -1; k++)
      if (match_before(M, p, ei - 1, ti - k)) return 1;
    return 0;
  }
  while (ti >= 0 && s->t[ti].tag == T_QUOTE) ti--;
  if (ti < 0) return 0;
  const dyad_tok *t = &s->t[ti];
  int ok = e->kind == DYAD_PE_WORD ? tok_is(t, e->id)
                                   : (dyad_wordset_has(&M->d->sets[e->id], t->word) || dyad_wordset_has(&M->d->sets[e->id], t->lemn) ||
                                      dyad_wordset_has(&M->d->sets[e->id], t->lemv));
  return ok && match_before(M, p, ei - 1, ti - 1);
}

/* "demanded that Russia free the journalist": verbs of demanding govern a "that" clause whose
 * verb stays in the base form, so their patterns may read it like an infinitive. */
static int demands_that(const dyad_sentence *s, int k) {
  const dyad_vg *g = &s->vg[k];
  return g->end < s->n && dyad_streq(s->t[g->end].lower, "that") && dyad_demand_verb(s->t[g->h].vlemma);
}

/* Where a verb's patterns may look: its region, and on through an infinitive it governs
 * ("urged Russia to release ...", "threatened to attack ...") so complements can be matched. */
static int match_end(const dyad_sentence *s, int k, int petrarch) {
  const dyad_vg *v = &s->vg[k];
  int end = v->end;
  if (k + 1 < s->nvg) {
    const dyad_vg *w = &s->vg[k + 1];
    if (w->infinitive && w->a == v->end && (w->inherit == k || w->object_control)) end = w->end;
    else if (demands_that(s, k)) end = w->end;
    /* PETRARCH reads a verb's whole phrase, its "that" clause too ("allowed that X isn't a really
       pleasant place"); speech verbs keep their reported clause as an event of its own */
    else if (petrarch && !v->speech && v->end < s->n && !strcmp(s->t[v->end].lower, "that")) end = w->end;
  }
  return end;
}

static int root_is(const char *code, const char *root) { return code[0] == root[0] && code[1] == root[1]; }

/* "Russian artillery pounded Kherson, killing two people": the participle tells what the attack
 * did; it is the same event, not a second attack (and its victims are not the attacker's). */
static int violence_consequence(const dyad_coder *c, const dyad_sentence *s, const dyad_vg *v, const char *code) {
  if (!v->gerund || v->a != v->h || v->a < 1 || strcmp(s->t[v->a - 1].lower, ",") != 0) return 0;
  if (!root_is(code, "18") && !root_is(code, "19") && !root_is(code, "20")) return 0;
  for (int i = 0; i < c->ncands; i++)
    if (root_is(c->cands[i].code, "18") || root_is(c->cands[i].code, "19") || root_is(c->cands[i].code, "20")) return 1;
  return 0;
}

/* A 256-bit filter of the vocab ids (word, noun and verb lemma) of tokens [start, end): every
 * token a pattern's elements after the head can match lies there (positions only move forward,
 * and the passive jump lands after the head, past start). */
typedef struct { uint64_t bits[4]; } region_words;

static void region_words_of(const dyad_sentence *s, int start, int end, region_words *w) {
  memset(w, 0, sizeof *w);
  for (int i = start < 0 ? 0 : start; i < end && i < s->n; i++) {
    const dyad_tok *t = &s->t[i];
    int32_t ids[3] = {t->word, t->lemn, t->lemv};
    for (int j = 0; j < 3; j++)
      if (ids[j] >= 0) w->bits[(ids[j] >> 6) & 3] |= 1ull << (ids[j] & 63);
  }
}

/* 0 when some literal word the pattern needs is in no form in the region: it cannot match. */
static int region_may_match(const region_words *w, const dyad_pattern *p) {
  for (int i = 0; i < 3 && p->need[i] >= 0; i++)
    if (!((w->bits[(p->need[i] >> 6) & 3] >> (p->need[i] & 63)) & 1)) return 0;
  return 1;
}

/* The best pattern for a head word: most specific match, first loaded on ties. */
static const dyad_pattern *best_pattern(const dyad_dict *d, int32_t first, matcher *M, int start) {
  const dyad_pattern *best = NULL;
  int best_tnp[MAX_SIDE], best_place[MAX_SIDE], best_n = 0, best_last = start - 1, passive = M->passive_target;
  region_words rw;
  region_words_of(M->s, start, M->end, &rw);
  for (int32_t k = first; k >= 0; k = d->patterns[k].next) {
    const dyad_pattern *p = &d->patterns[k];
    if (best && p->spec <= best->spec) continue;
    if (!region_may_match(&rw, p)) continue;
    if (p->compound && !M->compound) continue;
    if (p->form >= 0 && (M->head < 0 || M->s->t[M->head].word != p->form)) continue;
    if (p->npre && (M->head < 0 || !match_before(M, p, p->npre - 1, M->head - 1))) continue;
    M->ntnp = 0;
    M->passive_target = passive;
    M->last = start - 1;
    if (!match_from(M, p, 0, start)) continue;
    best = p;
    best_last = M->last;
    best_n = M->ntnp;
    memcpy(best_tnp, M->tnp, sizeof best_tnp);
    memcpy(best_place, M->tplace, sizeof best_place);
  }
  M->ntnp = best_n;
  memcpy(M->tnp, best_tnp, sizeof best_tnp);
  memcpy(M->tplace, best_place, sizeof best_place);
  M->last = best_last;
  return best;
}


/* ---- sources and targets -------------------------------------------------------------------- */
static void add_mention_refs(const dyad_sentence *s, int mi, const dyad_ref **out, int *n, int *t0, int *t1) {
  if (mi < 0) return;
  const dyad_mention *m = &s->m[mi];
  for (int i = 0; i < m->nref && *n < MAX_SIDE; i++) {
    t0[*n] = m->t0; t1[*n] = m->t1;
    out[(*n)++] = &m->refs[i];
  }
}

/* Targets: the group's head actor or, failing that, its possessor or demonym. */
static void add_target_refs(const dyad_sentence *s, int np, int allow_place, sides *sd) {
  add_mention_refs(s, np_target_mention(s, np, allow_place), sd->tgt, &sd->ntgt, sd->tgt_t0, sd->tgt_t1);
}

/* Subjects and speakers: only the group's head actor ("a Russian veto ended ..." has none). */
static void add_np_refs(const dyad_sentence *s, int np, const dyad_ref **out, int *n, int *t0, int *t1) {
  if (np < 0 || s->np[np].mention < 0) return;
  const dyad_mention *m = &s->m[s->np[np].mention];
  if (m->place) return;
  for (int i = 0; i < m->nref && *n < MAX_SIDE; i++) {
    t0[*n] = m->t0; t1[*n] = m->t1;
    out[(*n)++] = &m->refs[i];
  }
}

/* "Russian drones hit Kyiv", "Israeli strikes killed ...", "a Russian guided bomb hit ...": a
 * demonym before a subject's head noun, with at most two plain modifiers between, stands for its
 * country when the head names no actor itself. */
static int demonym_before_head(const dyad_sentence *s, int np) {
  int head = s->np[np].t1 - 1;
  for (int gap = 1; gap <= 3 && head - gap >= s->np[np].t0; gap++) {
    int mi = s->t[head - gap].mention;
    if (mi >= 0) return s->m[mi].modifier && s->m[mi].t1 == head - gap + 1 && !s->m[mi].place ? mi : -1;
    if (s->t[head - gap].tag != T_ADJ && s->t[head - gap].tag != T_NOUN) return -1;
  }
  return -1;
}

/* "The IAEA's board of governors found ...", "Iran's Revolutionary Guards ...": a body whose
 * owner is named by a possessive acts for its owner (a state, IGO or group). Not any noun: "Russia's
 * economy shrank" is no act of Russia. */
static int body_owner(const dyad_sentence *s, int np) {
  static const char *const body[] = {"board", "council", "court", "office", "agency", "committee", "commission", "panel",
                                     "team", "delegation", "administration", "leadership", "regime", "cabinet", "body",
                                     "watchdog", "mission", "department", "bureau", "authority", "guards", "forces",
                                     "army", "navy", "coastguard", "secretariat", "presidency", "junta", NULL};
  int head = s->np[np].t1 - 1, known = 0;   /* "board of governors": the group ends at "board" */
  for (const char *const *b = body; *b; b++) if (dyad_streq(s->t[head].lower, *b)) known = 1;
  if (!known) return -1;
  for (int j = head - 1; j >= s->np[np].t0; j--) {
    int mi = s->t[j].mention;
    if (mi < 0 || !s->m[mi].nref || s->m[mi].place) continue;
    if (s->m[mi].t1 < s->n && s->t[s->m[mi].t1].tag == T_POSS) return mi;
  }
  return -1;
}

/* The verb group whose subject clause k has: k itself, or the one it inherits it from ("will
 * visit X and meet Y"), at most 12 steps back; -1 if none. */
static int subject_vg(const dyad_sentence *s, int k) {
  for (int guard = 0; guard < 12 && k >= 0; guard++) {
    if (s->vg[k].subj >= 0) return k;
    k = s->vg[k].inherit;
  }
  return -1;
}

static void subject_refs(const dyad_sentence *s, int k, sides *sd) {
  if ((k = subject_vg(s, k)) < 0) return;
  const dyad_vg *v = &s->vg[k];
  for (int i = v->nsubj2 - 1; i >= 0; i--) add_np_refs(s, v->subj2[i], sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
  add_np_refs(s, v->subj, sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
  if (!sd->nsrc) add_mention_refs(s, demonym_before_head(s, v->subj), sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
  if (!sd->nsrc) add_mention_refs(s, body_owner(s, v->subj), sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
}

/* PETRARCH's convention, with its dictionaries: a subject group that names no actor at its head
 * stands for the actor inside it ("Caras Galadhon's new mayor left", "Eriador's death toll rose"). */
static void possessor_subject(const dyad_sentence *s, int k, sides *sd) {
  if ((k = subject_vg(s, k)) >= 0)
    add_mention_refs(s, np_target_mention(s, s->vg[k].subj, 0), sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
}

/* "place:NAME", the entry id of a place that stands for its state, in the sentence arena; NULL
 * when memory ran out. */
static const char *place_entry(dyad_coder *c, const char *name) {
  size_t n = strlen(name);
  char *entry = dyad_arena_alloc(&c->arena, n + 7);
  if (!entry) return NULL;
  memcpy(entry, "place:", 6);
  memcpy(entry + 6, name, n + 1);
  return entry;
}

/* A town named from token a: after determiners and words like "central", up to three capitalized
 * tokens no actor claims, resolved by the gazetteer. Returns the name's token count (0 if none)
 * and fills *pl with its span as the clause's place; *t0 gets its first token. */
static int town_at(const dyad_placer *placer, const dyad_sentence *s, int a, int end, dyad_place *pl, int *t0) {
  while (a < end && (s->t[a].tag == T_DET || dyad_place_modifier(s->t[a].lower))) a++;   /* "the Kherson region" */
  int k = 0;
  while (a + k < end && k < 3 && s->t[a + k].cap && s->t[a + k].mention < 0) k++;
  if (!k) return 0;
  size_t b0 = s->t[a].start, b1 = s->t[a + k - 1].end;
  if (!dyad_place_resolve(placer, s->text + b0, b1 - b0, NULL, pl) || strlen(pl->country) != 3) return 0;
  pl->basis = DYAD_BASIS_CLAUSE;
  pl->start = b0; pl->end = b1;
  *t0 = a;
  return k;
}

static int place_noun(const char *w) {
  static const char *const p[] = {"capital", "streets", "city", "cities", "towns", "squares", "square", "parliament",
                                  "countryside", "provinces", "regions", "border", NULL};
  for (const char *const *q = p; *q; q++) if (!strcmp(w, *q)) return 1;
  return 0;
}

/* The country a clause's words place it in: a country or capital named as a place ("in Kyiv"), a
 * country that owns something there ("Madagascar's capital", "Kenya's parliament"), or a town the
 * gazetteer knows after in/across/through/outside/at ("in Istanbul"). Tokens [a, b); 0 if none. */
static int clause_country(const dyad_coder *c, const dyad_sentence *s, int a, int b, char cc[4]) {
  for (int i = a; i < b; i++) {
    int mi = s->t[i].mention;
    if (mi < 0 || s->m[mi].t0 != i || !s->m[mi].nref || strlen(s->m[mi].refs[0].code) < 3) continue;
    const dyad_mention *m = &s->m[mi];
    int poss = m->t1 + 1 < s->n && s->t[m->t1].tag == T_POSS && place_noun(s->t[m->t1 + 1].lower);
    if ((m->place || poss) && (m->head_kind == DYAD_AK_COUNTRY || m->head_kind == DYAD_AK_CAPITAL)) {
      memcpy(cc, m->refs[0].code, 3);
      cc[3] = 0;
      return 1;
    }
  }
  static const char *const loc[] = {"in", "across", "through", "outside", "at", NULL};
  for (int i = a; i + 1 < b; i++) {
    int isloc = 0;
    for (const char *const *l = loc; *l; l++) if (!strcmp(s->t[i].lower, *l)) isloc = 1;
    if (!isloc) continue;
    int j = i + 1, t0;
    while (j < b && (s->t[j].tag == T_DET || dyad_place_modifier(s->t[j].lower))) j++;   /* "through central Budapest" */
    int mj = j < b ? s->t[j].mention : -1;   /* a capital or state the actor dictionary knows */
    if (mj >= 0 && s->m[mj].nref && strlen(s->m[mj].refs[0].code) >= 3 &&
        (s->m[mj].head_kind == DYAD_AK_CAPITAL || s->m[mj].head_kind == DYAD_AK_COUNTRY)) {
      memcpy(cc, s->m[mj].refs[0].code, 3);
      cc[3] = 0;
      return 1;
    }
    dyad_place pl;
    if (town_at(c->placer, s, j, b, &pl, &t0)) {
      memcpy(cc, pl.country, 4);
      return 1;
    }
  }
  return 0;
}

/* "Hundreds of thousands of people rallied in Istanbul", "protesters stormed Kenya's parliament":
 * people named by a sector alone belong to the country the clause places them in. The source is
 * that country with the sector (how "agent:place"). */
static void crowd_source(dyad_coder *c, const dyad_sentence *s, int k, sides *sd) {
  if ((k = subject_vg(s, k)) < 0) return;
  int np0 = s->vg[k].subj, np = np0;
  for (int q = 0; q < 3; q++) np = dyad_quantity_head(s, np, 1);   /* "hundreds of thousands of people" */
  int head = s->np[np].t1 - 1, mi = s->t[head].mention;
  int many = np != np0 || s->t[head].plural || !strcmp(s->t[head].lower, "people");   /* not "a dissident in Britain" */
  if (mi < 0 || s->m[mi].nref || !s->m[mi].agent || !many) return;
  static const char *const state[] = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", NULL};   /* officials need a named state */
  for (const char *const *q = state; *q; q++) if (!strcmp(s->m[mi].agent->code, *q)) return;
  char cc[4];
  if (!clause_country(c, s, s->np[np].t0, s->vg[k].end, cc)) return;
  dyad_ref *r = dyad_arena_alloc(&c->arena, sizeof *r);
  if (!r) return;
  memset(r, 0, sizeof *r);
  r->agent = s->m[mi].agent;
  r->how = "agent:place";
  snprintf(r->code, sizeof r->code, "%s%s", cc, s->m[mi].agent->code);
  sd->src[sd->nsrc] = r;
  sd->src_t0[sd->nsrc] = s->m[mi].t0;
  sd->src_t1[sd->nsrc++] = s->m[mi].t1;
}

/* Is the group the subject of some clause (and so not an object)? The object of "urge X to"
 * is both, and counts as an object; so does the antecedent of a relative ("released a French
 * citizen who had been held"). */
static int is_subject(const dyad_sentence *s, int np) {
  for (int k = 0; k < s->nvg; k++) if (s->vg[k].subj == np && !s->vg[k].object_control && !s->vg[k].relative) return 1;
  return 0;
}

static void add_coordinated_targets(const dyad_sentence *s, int np, int end, sides *sd) {
  for (int next = s->np[np].t1; next + 1 < end && sd->ntgt < MAX_SIDE;) {
    if (strcmp(s->t[next].lower, "and") != 0 && strcmp(s->t[next].lower, ",") != 0) break;
    int np2 = actor_np_at(s, next + 1);
    if (np2 < 0 || (is_subject(s, np2) && !strcmp(s->t[next].lower, ","))) break;   /* "to Russia, the United States said": a speaker */
    add_target_refs(s, np2, 0, sd);
    next = s->np[np2].t1;
  }
}

/* The bare agent ("protesters", "opposition activists") heading the group at token i, or -1. */
static int bare_agent_at(const dyad_sentence *s, int i) {
  int np = i >= 0 && i < s->n ? s->t[i].np : -1;
  if (np < 0) return -1;
  int end = s->np[np].t1, mi = s->t[end - 1].mention;
  if (mi < 0 || s->m[mi].nref || !s->m[mi].agent) return -1;
  if (end < s->n && !strcmp(s->t[end].lower, "of")) return -1;   /* "a state of emergency" names no one */
  for (int j = s->np[np].t0; j < end; j++)   /* "foreign aid agencies" are not the source's own people */
    if (!strcmp(s->t[j].lower, "foreign") || !strcmp(s->t[j].lower, "international") || !strcmp(s->t[j].lower, "overseas"))
      return -1;
  return mi;
}

static int is_particle(const char *w) {
  return !strcmp(w, "down") || !strcmp(w, "up") || !strcmp(w, "out") || !strcmp(w, "off") || !strcmp(w, "back") || !strcmp(w, "away");
}

/* Does the group name only PETRARCH's null country ("on an official visit": ---GOV)? Such a
 * group is no target after a preposition. */
static int null_country(const dyad_sentence *s, int np) {
  int mi = np_target_mention(s, np, 0);
  return mi >= 0 && s->m[mi].nref && strncmp(s->m[mi].refs[0].code, "---", 3) == 0;
}

/* Statements speak to someone rather than about them ("said ... against X" is not said to X);
 * pessimism and optimism are about someone ("optimistic about ties with X"). */
static int statement_code(const char *code) {
  return root_is(code, "01") && strncmp(code, "012", 3) && strncmp(code, "013", 3);
}

/* "more than 400 people", "at least 12 civilians", "about 30 protesters": the words that
 * qualify a number stand before the group they count. Returns where the group starts. */
static int skip_amount(const dyad_sentence *s, int i, int end) {
  static const char *const two[][2] = {{"more", "than"}, {"fewer", "than"}, {"less", "than"}, {"at", "least"}, {"up", "to"}};
  static const char *const one[] = {"about", "nearly", "almost", "around", "over", "some", "roughly", "approximately", NULL};
  for (size_t k = 0; k < sizeof two / sizeof two[0]; k++)
    if (i + 2 < end && dyad_streq(s->t[i].lower, two[k][0]) && dyad_streq(s->t[i + 1].lower, two[k][1]) && s->t[i + 2].tag == T_NUM)
      return i + 2;
  for (const char *const *w = one; *w; w++)
    if (i + 1 < end && dyad_streq(s->t[i].lower, *w) && s->t[i + 1].tag == T_NUM) return i + 1;
  return i;
}

/* A clause without `$` takes its direct object's actor, else one after with/to/against/on/at/for. */
static void fallback_target(const dyad_sentence *s, int from, int end, int statement, int governed, sides *sd) {
  static const char *const preps[] = {"with", "to", "against", "on", "at", "for", "toward", "towards", "from", "between",
                                      "into", "around", "over", "about", NULL};
  int i = skip_quotes(s, from, end);
  while (i < end && s->t[i].tag == T_PREP && is_particle(s->t[i].lower)) i++;   /* "shot down X" */
  if (i < end && !strcmp(s->t[i].lower, "dead")) i++;   /* "shot dead a Palestinian teenager" */
  i = skip_amount(s, i, end);   /* "arrested more than 400 people" */
  if (i + 1 < end && !strcmp(s->t[i].lower, "that") && actor_np_at(s, i + 1) >= 0) {   /* demanded that X ... */
    add_target_refs(s, actor_np_at(s, i + 1), 0, sd);
    return;
  }
  int obj = i < end ? s->t[i].np : -1;
  if (obj >= 0 && np_target_mention(s, obj, 0) < 0) obj = dyad_quantity_head(s, obj, 1);   /* "rammed one of its ships" */
  if (obj >= 0 && np_target_mention(s, obj, 0) < 0 && s->np[obj].t1 + 1 < end &&
      (!strcmp(s->t[s->np[obj].t1].lower, "of") || !strcmp(s->t[s->np[obj].t1].lower, "by"))) {
    int of = actor_np_at(s, s->np[obj].t1 + 1);   /* "denounced the drills of X", "condemned an attack by X" */
    if (of >= 0) obj = of;
  }
  if (statement && obj >= 0 && is_subject(s, obj)) return;   /* "said Putin's visit to X showed ...": no target */
  if (obj >= 0 && np_target_mention(s, obj, 0) >= 0 && !is_subject(s, obj)) {
    add_target_refs(s, obj, 0, sd);
    add_coordinated_targets(s, obj, end, sd);   /* "met X and Y" */
    return;
  }
  if (obj >= 0 && !is_subject(s, obj) && bare_agent_at(s, s->np[obj].t0) >= 0)
    sd->tgt_agent = bare_agent_at(s, s->np[obj].t0);   /* kept unless a named actor follows */
  for (int h = from; h + 1 < end; h++)   /* "threatened to attack X": the governed verb's object */
    if (s->t[h].tag == T_VERB) {
      int j = skip_quotes(s, h + 1, end);
      if (j < end && actor_np_at(s, j) >= 0 && !is_subject(s, actor_np_at(s, j))) {
        add_target_refs(s, actor_np_at(s, j), 0, sd);
        return;
      }
      break;
    }
  int limit = from + 10 < end ? from + 10 : end;   /* objects sit near their verb */

  for (i = from; i + 1 < limit; i++) {
    if (s->t[i].tag != T_PREP && s->t[i].tag != T_TO) continue;
    if (statement && strcmp(s->t[i].lower, "to") != 0) continue;   /* "said ... against X" is not said to X */
    if (s->t[i].tag == T_PREP && i > from && s->t[i - 1].tag == T_VERB && !governed) break;
    int ok = 0;
    for (const char *const *p = preps; *p; p++) if (dyad_streq(s->t[i].lower, *p)) ok = 1;
    if (!ok) continue;
    int j = skip_quotes(s, i + 1, end);
    int np = j < end ? actor_np_at(s, j) : -1;
    if (np < 0 && j < end && s->t[j].np >= 0) {   /* "clashed over the efforts of X", "optimistic about ties with X" */
      int after = s->np[s->t[j].np].t1;
      if (after + 1 < end && (!strcmp(s->t[after].lower, "of") || !strcmp(s->t[after].lower, "with")))
        np = actor_np_at(s, after + 1);
    }
    if (np >= 0 && !is_subject(s, np) && !null_country(s, np)) {
      add_target_refs(s, np, 0, sd);
      add_coordinated_targets(s, np, end, sd);   /* "sanctions on Russia and Belarus" */
      return;
    }
    if (j < end && bare_agent_at(s, j) >= 0 && sd->tgt_agent < 0) sd->tgt_agent = bare_agent_at(s, j);
  }
  /* last, a name inside the object: "vetoed a U.N. Security Council resolution" */
  if (obj >= 0 && !is_subject(s, obj) && sd->tgt_agent < 0 && np_target_mention(s, obj, 4) >= 0)
    add_target_refs(s, obj, 4, sd);
}

static int by_agent(const dyad_sentence *s, int from, int end, sides *sd) {
  for (int i = from; i + 1 < end; i++)
    if (!strcmp(s->t[i].lower, "by") && actor_np_at(s, i + 1) >= 0) {
      int np = actor_np_at(s, i + 1);
      add_np_refs(s, np, sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
      if (!sd->nsrc)   /* "were struck by Russian missiles" */
        add_mention_refs(s, demonym_before_head(s, np), sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
      for (int next = s->np[np].t1; next + 1 < end && sd->nsrc < MAX_SIDE;) {   /* "by Japan and the Philippines" */
        if (strcmp(s->t[next].lower, "and") != 0 && strcmp(s->t[next].lower, ",") != 0) break;
        int np2 = actor_np_at(s, next + 1);
        if (np2 < 0) break;
        add_np_refs(s, np2, sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
        next = s->np[np2].t1;
      }
      return 1;
    }
  return 0;
}

/* May an event stand without a target? Most can ("Sri Lanka's president resigned", "Egypt
 * mediated", "Iranian police arrested a journalist"), and so can any pattern that names what was
 * done ("made a statement on energy"). Not a bare statement ("X said"), nor a bare appeal, intent
 * or diplomatic gesture ("X urged", "X pledged", "X praised"): they say nothing without someone
 * addressed. */
static int target_optional(const char *code, int specific) {
  if (!strcmp(code, "042") || !strcmp(code, "043")) return 0;   /* a visit is to someone: "Putin arrived" says nothing */
  if (specific) return 1;
  return !(root_is(code, "02") || root_is(code, "03") || root_is(code, "05") || root_is(code, "01")) ||
         strcmp(code, "016") == 0;
}

/* "Russia withdrew its troops": the country and its own sector are one actor here; two sectors of
 * one country ("Kenyan police arrested opposition leaders") are two. */
static int same_actor(const char *a, const char *b) {
  if (strcmp(a, b) == 0) return 1;
  if (strncmp(a, "IGO", 3) == 0 || strncmp(b, "IGO", 3) == 0) return 0;
  return strncmp(a, b, 3) == 0 && (strlen(a) == 3 || strlen(b) == 3);
}

/* "Indonesian police arrested the opposition leader": a definite or possessive target that points
 * to the source's own country is its people, not itself, when it names a sector outside the state's
 * own arms (opposition, civilians, media, ...) that the source does not belong to. */
static int people_of_own_state(const char *code, const dyad_ref *src, const dyad_ref *tgt) {
  /* statements, meetings and force posture say nothing of one's own people; asylum goes to foreigners */
  if (root_is(code, "01") || root_is(code, "04") || root_is(code, "15") || !strncmp(code, "075", 3)) return 0;
  if (!tgt->how || strncmp(tgt->how, "coref:", 6) != 0 || !tgt->agent || strncmp(src->code, tgt->code, 3) != 0) return 0;
  const char *a = tgt->agent->code;
  if (!strcmp(a, "GOV") || !strcmp(a, "MIL") || !strcmp(a, "SPY") || !strcmp(a, "COP")) return 0;
  return strcmp(src->code + 3, a) != 0;
}

/* An `@` pattern names the source after the head ("received protests from @"): the groups the
 * match marked as sources; the clause's subject is then the target unless a `$` names one. */
static void named_source(const dyad_sentence *s, const matcher *M, sides *sd) {
  for (int i = 0; i < M->ntnp; i++)
    if (M->tplace[i] & 4)
      add_mention_refs(s, np_target_mention(s, M->tnp[i], M->tplace[i] & 3), sd->src, &sd->nsrc, sd->src_t0, sd->src_t1);
}

static void subject_as_target(const dyad_sentence *s, int k, sides *sd) {
  sides subj = {.tgt_agent = -1};
  subject_refs(s, k, &subj);
  for (int i = 0; i < subj.nsrc && sd->ntgt < MAX_SIDE; i++) {
    sd->tgt[sd->ntgt] = subj.src[i];
    sd->tgt_t0[sd->ntgt] = subj.src_t0[i];
    sd->tgt_t1[sd->ntgt++] = subj.src_t1[i];
  }
}

/* "South Korean investigators arrested Yoon Suk Yeol", "a Slovak pensioner shot Robert Fico": a
 * named person of the source's own country is someone else, not the country itself, when the act
 * is one done to people (investigation, criticism, rejection, threats, coercion, violence). */
static int named_compatriot(const char *code, const dyad_ref *tgt) {
  static const char *const roots[] = {"09", "11", "12", "13", "17", "18", "19", "20", NULL};
  if (!tgt->entry || tgt->entry->kind != DYAD_AK_PERSON || !strncmp(tgt->how, "coref:pronoun", 13)) return 0;
  for (const char *const *r = roots; *r; r++) if (root_is(code, *r)) return 1;
  return 0;
}

/* ---- candidates ---------------------------------------------------------------------------- */
static void add_cand(dyad_coder *c, const cand *proto, const dyad_ref *src, int s0, int s1, const dyad_ref *tgt, int g0, int g1) {
  if (!src || !src->code[0]) return;
  int own = tgt && tgt->how && !strncmp(tgt->how, "coref:", 6) && !strncmp(src->code, tgt->code, 3) &&
            strncmp(src->code, "IGO", 3) != 0;   /* "the military would resume its offensive" */
  int domestic = tgt && tgt->how && (!strcmp(tgt->how, "agent:domestic") || people_of_own_state(proto->code, src, tgt) ||
                                     named_compatriot(proto->code, tgt));
  if (domestic) own = 0;   /* "Belarus arrested activists", "police arrested the opposition leader" */
  if (tgt && (!tgt->code[0] || own || (!domestic && same_actor(src->code, tgt->code)) || !strcmp(src->code, tgt->code))) {
    if (!target_optional(proto->code, proto->specific || proto->untargeted)) return;     /* "Israel eased its blockade" */
    tgt = NULL;
  }
  for (int i = 0; i < c->ncands; i++) {
    const cand *o = &c->cands[i];
    if (strcmp(o->code, proto->code) == 0 && strcmp(o->src->code, src->code) == 0 &&
        ((!o->tgt && !tgt) || (o->tgt && tgt && strcmp(o->tgt->code, tgt->code) == 0)))
      return;
  }
  if (c->ncands >= MAX_CANDS) return;
  cand *x = &c->cands[c->ncands++];
  *x = *proto;
  x->src = src; x->s0 = s0; x->s1 = s1;
  x->tgt = tgt; x->g0 = g0; x->g1 = g1;
}


/* "X arrived in Y" [032 reverse 033]: for each new event with a target, the target's answer
 * (Y hosts X) from target to source, with the same evidence. */
static void add_reverse(dyad_coder *c, int from) {
  for (int i = from, n = c->ncands; i < n; i++) {
    cand r = c->cands[i];
    if (!r.reverse || !r.tgt) continue;
    r.code = r.reverse;
    r.reverse = NULL;
    r.grammar = "reverse";
    add_cand(c, &r, c->cands[i].tgt, c->cands[i].g0, c->cands[i].g1, c->cands[i].src, c->cands[i].s0, c->cands[i].s1);
  }
}

/* Codes whose action can be done together ("A and B signed a pact", "A and B clashed"); one-sided
 * acts by several actors (denials, appeals, demands, criticism, threats, protests) are not. */
static int mutual_root(const char *code) {
  static const char *const one_sided[] = {"01", "02", "09", "10", "11", "12", "13", "14", NULL};
  for (const char *const *r = one_sided; *r; r++) if (root_is(code, *r)) return 0;
  return 1;
}

/* Pairs sources with targets; a compound subject with no target acts on itself both ways
 * (allow_reciprocal 1: for codes done together; 2: for any code, a `; compound` pattern). */
static void emit_pairs(dyad_coder *c, const dyad_sentence *s, const cand *proto, const sides *sd, int allow_reciprocal) {
  if (!sd->ntgt && sd->tgt_agent >= 0 && !root_is(proto->code, "01") && !root_is(proto->code, "04") &&
      !root_is(proto->code, "15")) {   /* force posture moves one's own forces: "reinforced police" */
    /* "Kenyan police cracked down on protesters": the source's own people (not for statements and
       meetings: "told reporters" says nothing domestic) */
    const dyad_mention *m = &s->m[sd->tgt_agent];
    /* "Thailand sent F-16 jets to strike ...": a state sending its own forces gives no aid */
    if (root_is(proto->code, "07") && m->agent && (!strcmp(m->agent->code, "MIL") || !strcmp(m->agent->code, "COP")))
      return;
    for (int i = 0; i < sd->nsrc; i++) {
      dyad_ref *r = dyad_arena_alloc(&c->arena, sizeof *r);
      if (!r || strncmp(sd->src[i]->code, "IGO", 3) == 0 || strlen(sd->src[i]->code) < 3) continue;
      *r = *sd->src[i];
      r->agent = m->agent;
      r->role = NULL;
      r->how = "agent:domestic";
      snprintf(r->code, sizeof r->code, "%.3s%s", sd->src[i]->code, m->agent->code);
      if (strcmp(r->code, sd->src[i]->code) == 0) continue;
      add_cand(c, proto, sd->src[i], sd->src_t0[i], sd->src_t1[i], r, m->t0, m->t1);
    }
    return;
  }
  if (sd->ntgt) {
    for (int i = 0; i < sd->nsrc; i++) {
      int others = 0;
      for (int j = 0; j < sd->ntgt; j++) others += !same_actor(sd->src[i]->code, sd->tgt[j]->code);
      for (int j = 0; j < sd->ntgt; j++)   /* "praised both leaders": not himself, if there is another */
        if (!others || !same_actor(sd->src[i]->code, sd->tgt[j]->code))
          add_cand(c, proto, sd->src[i], sd->src_t0[i], sd->src_t1[i], sd->tgt[j], sd->tgt_t0[j], sd->tgt_t1[j]);
    }
    return;
  }
  int distinct = 0;
  for (int i = 1; i < sd->nsrc; i++) if (strcmp(sd->src[i]->code, sd->src[0]->code) != 0) distinct = 1;
  if (allow_reciprocal && distinct && (allow_reciprocal == 2 || mutual_root(proto->code) || proto->mutual_verb)) {
    cand p = *proto;
    p.grammar = "reciprocal";
    for (int i = 0; i < sd->nsrc; i++)
      for (int j = 0; j < sd->nsrc; j++)
        if (i != j && strcmp(sd->src[i]->code, sd->src[j]->code) != 0)
          add_cand(c, &p, sd->src[i], sd->src_t0[i], sd->src_t1[i], sd->src[j], sd->src_t0[j], sd->src_t1[j]);
    return;
  }
  if (!target_optional(proto->code, proto->specific || proto->untargeted)) return;
  for (int i = 0; i < sd->nsrc; i++) add_cand(c, proto, sd->src[i], sd->src_t0[i], sd->src_t1[i], NULL, 0, 0);
}

static void attribution(const dyad_sentence *s, int k, int according_np, cand *p) {
  int sv = k >= 0 ? s->vg[k].speaker_vg : -1;
  if (sv >= 0) {
    sides sp = {.tgt_agent = -1};
    if (!s->vg[sv].passive || !by_agent(s, s->vg[sv].h + 1, s->vg[sv].end, &sp)) subject_refs(s, sv, &sp);
    p->stance = s->vg[sv].speech;
    if (sp.nsrc) { p->speaker = sp.src[0]; p->sp0 = sp.src_t0[0]; p->sp1 = sp.src_t1[0]; }
    if (k >= 0 && s->vg[k].hypothetical == 2) p->future = 1;   /* "would" reported = future */
    return;
  }
  if (k >= 0 && s->vg[k].noun_stance) {
    p->stance = s->vg[k].noun_stance;
    int mi = s->vg[k].noun_speaker;
    if (mi >= 0) { p->speaker = &s->m[mi].refs[0]; p->sp0 = s->m[mi].t0; p->sp1 = s->m[mi].t1; }
    return;
  }
  if (according_np >= -1 && according_np != -2) {
    sides sp = {.tgt_agent = -1};
    add_np_refs(s, according_np, sp.src, &sp.nsrc, sp.src_t0, sp.src_t1);
    p->stance = DYAD_STANCE_ASSERT;
    if (sp.nsrc) { p->speaker = sp.src[0]; p->sp0 = sp.src_t0[0]; p->sp1 = sp.src_t1[0]; }
  }
  if (k >= 0 && s->vg[k].hypothetical == 2) p->hypothetical = 1;
}

/* "according to X": the noun group of X (-1 when X names no actor), or -2 when absent. */
static int according_to(const dyad_sentence *s) {
  for (int i = 0; i + 2 < s->n; i++)
    if (dyad_streq(s->t[i].lower, "according") && dyad_streq(s->t[i + 1].lower, "to")) return actor_np_at(s, i + 2);
  return -2;
}

static void proto_from_pattern(cand *p, const dyad_pattern *pat, const char *grammar) {
  memset(p, 0, sizeof *p);
  p->code = pat->code;
  p->rule_id = pat->id; p->rule_file = pat->file; p->rule_line = pat->line; p->rule_text = pat->text;
  p->grammar = grammar;
  p->reverse = pat->reverse;
  for (int i = 0; i < pat->nel; i++)
    if (pat->el[i].kind == DYAD_PE_WORD || pat->el[i].kind == DYAD_PE_SET) p->specific = 1;
}

/* Verbs of arriving somewhere: the place they name is where the visit goes ("arrived in Japan"). */
static int motion_verb(const dyad_tok *h) {
  static const char *const v[] = {"arrive", "travel", "fly", "come", "return", "land", "go", NULL};
  if (!h->vlemma) return 0;
  for (const char *const *p = v; *p; p++) if (dyad_streq(h->vlemma, *p)) return 1;
  return 0;
}

/* Violence done somewhere names its victim by the place: the first country named as a place in
 * the clause ("in Lebanon", "in northern Syria") is the target. */
static void place_target(const dyad_sentence *s, int from, int end, sides *sd) {
  for (int i = from; i < end; i++) {
    int mi = s->t[i].mention;
    if (mi < 0 || !s->m[mi].place || !s->m[mi].nref || s->m[mi].head_kind != DYAD_AK_COUNTRY) continue;
    add_mention_refs(s, mi, sd->tgt, &sd->ntgt, sd->tgt_t0, sd->tgt_t1);
    return;
  }
}

/* The state of a foreign town named from token a (town_at) as a target ("arrived in Addis Ababa",
 * "withdrew from the Kherson region"), explained by the place (how "place", entry "place:NAME");
 * 1 if added. */
static int add_town(dyad_coder *c, const dyad_sentence *s, int a, int end, const dyad_ref *src, sides *sd) {
  dyad_place pl;
  int k = sd->ntgt < MAX_SIDE ? town_at(c->placer, s, a, end, &pl, &a) : 0;
  if (!k || !strncmp(pl.country, src->code, 3)) return 0;
  dyad_ref *r = dyad_arena_alloc(&c->arena, sizeof *r);
  const char *entry = place_entry(c, pl.name);
  if (!r || !entry) return 0;
  memset(r, 0, sizeof *r);
  memcpy(r->code, pl.country, 4);
  r->how = "place";
  r->place = entry;
  sd->tgt[sd->ntgt] = r;
  sd->tgt_t0[sd->ntgt] = a;
  sd->tgt_t1[sd->ntgt++] = a + k;
  return 1;
}

/* The town after the first in/to/into/from of tokens [from, end) as a target (add_town). */
static void town_target(dyad_coder *c, const dyad_sentence *s, int from, int end, const dyad_ref *src, sides *sd) {
  for (int i = from; i + 1 < end; i++)
    if (!strcmp(s->t[i].lower, "in") || !strcmp(s->t[i].lower, "to") || !strcmp(s->t[i].lower, "into") ||
        !strcmp(s->t[i].lower, "from")) {
      add_town(c, s, i + 1, end, src, sd);
      return;
    }
}

/* Does the mention name one of the sources ("renewed its license")? */
static int names_source(const dyad_mention *m, const sides *sd) {
  for (int i = 0; i < sd->nsrc; i++)
    if (m->nref && !strcmp(m->refs[0].code, sd->src[i]->code)) return 1;
  return 0;
}

/* A participle with no auxiliary right after a noun group modifies it ("the roads leading into X",
 * "memos sent by X"): the verb group's index, else -1. */
static int reduced_relative_at(const dyad_sentence *s, int i) {
  if (i <= 0 || i >= s->n || s->t[i - 1].np < 0) return -1;
  for (int k = 0; k < s->nvg; k++) {
    const dyad_vg *w = &s->vg[k];
    if (w->a == i && w->h == i && !w->infinitive && (s->t[i].vform == VF_ING || s->t[i].vform == VF_PAST)) return k;
  }
  return -1;
}

static int subject_of_reduced_relative(const dyad_sentence *s, int np) {
  for (int k = 0; k < s->nvg; k++)
    if (s->vg[k].subj == np && reduced_relative_at(s, s->vg[k].a) == k) return 1;
  return 0;
}

/* The first actor in tokens [from, end) as the target. PETRARCH's convention, used with its
 * dictionaries: the target is the first actor anywhere in the verb's phrase ("criticized the
 * closure of guest houses in Bree", "warned of X", "the roads leading into X"), not only an object
 * or a governed preposition; dyad's own convention is narrower because "a ceasefire in Gaza" is
 * not an act on Gaza (docs/petrarch.md). It stops at a clause break or another clause's subject,
 * unless any_subject (the clause of a hope: "optimistic that relations with X would improve"). */
static void phrase_target(const dyad_sentence *s, int from, int end, int any_subject, sides *sd) {
  for (int i = from; i < end; i++) {
    if (s->t[i].tag == T_PUNCT && strchr(",;:()", s->t[i].lower[0])) return;   /* ", five years after X crowds burned ..." */
    int rr = i + 1 == end ? reduced_relative_at(s, end) : -1;
    if (rr >= 0) end = s->vg[rr].end;
    int np = s->t[i].np;
    if (np < 0 || s->np[np].t0 != i) continue;
    int after_that = i > from && !strcmp(s->t[i - 1].lower, "that");   /* "allowed that X isn't ..." */
    if (!any_subject && is_subject(s, np) && !subject_of_reduced_relative(s, np) && !after_that) return;
    int mi = np_target_mention(s, np, 3);
    if (mi < 0 || null_country(s, np) || names_source(&s->m[mi], sd)) continue;   /* "renewing his license in X" */
    add_mention_refs(s, mi, sd->tgt, &sd->ntgt, sd->tgt_t0, sd->tgt_t1);
    add_coordinated_targets(s, np, end, sd);
    return;
  }
}

/* "Kim ... escorted him": an object pronoun is not the clause's own subject; it names the other
 * person the document was just talking about. */
static void rebind_object_pronouns(dyad_coder *c, sides *sd) {
  for (int j = 0; j < sd->ntgt; j++) {
    const dyad_ref *t = sd->tgt[j];
    if (!t->how || strcmp(t->how, "coref:pronoun") != 0 || !t->entry || t->entry->kind != DYAD_AK_PERSON) continue;
    for (int i = 0; i < sd->nsrc; i++) {
      if (sd->src[i]->entry != t->entry) continue;
      for (int k = 0; k < c->mem.nlast_person; k++)
        if (c->mem.last_person[k].entry != t->entry) { sd->tgt[j] = &c->mem.last_person[k]; break; }
      break;
    }
  }
}

/* Reactions to what others did: statements, praise, demands, criticism, rejection, threats,
 * protest. Only these can take an earlier event as their object ("condemned the attack"). */
static int reaction_code(const char *code) {
  static const char *const roots[] = {"01", "05", "10", "11", "12", "13", "14", NULL};
  for (const char *const *r = roots; *r; r++) if (root_is(code, *r)) return 1;
  return 0;
}

/* Does the clause speak of answering in kind ("vowed to retaliate", "threatened a response")? */
static int retaliation(const dyad_sentence *s, const dyad_vg *v) {
  static const char *const w[] = {"retaliate", "retaliation", "respond", "response", "reciprocate", "reprisal", "reprisals",
                                  "countermeasure", "countermeasures", NULL};
  for (int i = v->h; i < v->end + 3 && i < s->n; i++)
    for (const char *const *p = w; *p; p++)
      if (!strcmp(s->t[i].lower, *p) || (s->t[i].vlemma && !strcmp(s->t[i].vlemma, *p))) return 1;
  return 0;
}

/* The noun group of the clause's object when it refers back to a reported event ("the move",
 * "these exercises"), else -1. */
static int event_anaphor(const dyad_coder *c, const dyad_sentence *s, int from, int end) {
  int i = skip_quotes(s, from, end);
  if (!c->anaphor || i >= end || s->t[i].np < 0) return -1;
  const dyad_np *np = &s->np[s->t[i].np];
  const char *det = s->t[np->t0].lower;
  if (strcmp(det, "the") && strcmp(det, "this") && strcmp(det, "these") && strcmp(det, "that") && strcmp(det, "those")) return -1;
  const dyad_tok *h = &s->t[np->t1 - 1];
  return np->mention < 0 && (dyad_wordset_has(c->anaphor, h->word) || dyad_wordset_has(c->anaphor, h->lemn)) ? s->t[i].np : -1;
}

static void code_verb_group(dyad_coder *c, dyad_sentence *s, int k, int according_np) {
  const dyad_dict *d = c->d;
  dyad_vg *v = &s->vg[k];
  const dyad_tok *h = &s->t[v->h];
  if (v->consumed || h->lemv < 0 || (size_t)h->lemv >= d->head_cap || d->verb_first[h->lemv] < 0) return;
  matcher M = {s, d, match_end(s, k, d->petrarch), v->passive, {0}, 0, {0}, 0, -1, -1, v->h, 0};
  sides subj0 = {.tgt_agent = -1};
  subject_refs(s, k, &subj0);
  for (int i = 1; i < subj0.nsrc; i++) if (strcmp(subj0.src[i]->code, subj0.src[0]->code) != 0) M.compound = 1;
  int start = v->h + 1;
  if (v->passive && v->subj >= 0 && s->np[v->subj].mention < 0 && s->np[v->subj].t1 <= v->a) {
    /* "Sanctions were imposed on Iran by the EU": read "sanctions on Iran" as the active object,
       stopping before the by-phrase */
    M.passive_target = 0;
    start = s->np[v->subj].t0;
    M.jump_from = s->np[v->subj].t1;
    M.jump_to = v->h + 1;
    for (int i = v->h + 1; i < M.end; i++) if (!strcmp(s->t[i].lower, "by")) { M.end = i; break; }
  }
  const dyad_pattern *pat = best_pattern(d, d->verb_first[h->lemv], &M, start);
  if (!pat || !strcmp(pat->code, DYAD_NO_EVENT)) return;   /* "---": this reading is no event */
  if (violence_consequence(c, s, v, pat->code)) return;
  int before = c->ncands;
  cand p;
  proto_from_pattern(&p, pat, v->passive ? "passive" : "active");
  p.untargeted = d->petrarch;
  p.mutual_verb = h->vlemma && (dyad_streq(h->vlemma, "trade") || dyad_streq(h->vlemma, "exchange") || dyad_streq(h->vlemma, "swap"));
  p.v0 = v->a; p.v1 = v->h + 1;
  p.c0 = v->subj >= 0 && s->np[v->subj].t0 < v->a ? s->np[v->subj].t0 : v->a;
  p.c1 = v->end > v->h ? v->end : v->h + 1;
  p.negated = v->negated; p.future = v->future; p.hypothetical = v->hypothetical == 1;
  p.conditional = v->conditional; p.historical = v->historical;
  attribution(s, k, according_np, &p);
  sides sd = {.tgt_agent = -1};
  if (v->passive) {
    by_agent(s, v->h + 1, v->end, &sd);
    for (int i = 0; i < M.ntnp; i++) if (!(M.tplace[i] & 4)) add_target_refs(s, M.tnp[i], M.tplace[i], &sd);   /* "imposed on $" */
    if (!sd.ntgt) subject_as_target(s, k, &sd);
    if (!sd.ntgt && sd.nsrc && v->subj >= 0 && (root_is(pat->code, "18") || root_is(pat->code, "19") || root_is(pat->code, "20")))
      add_town(c, s, s->np[v->subj].t0, s->np[v->subj].t1, sd.src[0], &sd);   /* "Kharkiv was shelled by Russian forces" */
    if (!sd.ntgt && !pat->has_target) fallback_target(s, v->h + 1, M.end, statement_code(pat->code), 0, &sd);
  } else {
    if (pat->has_source) named_source(s, &M, &sd);
    else subject_refs(s, k, &sd);
    if (!sd.nsrc && d->petrarch) possessor_subject(s, k, &sd);
    if (!sd.nsrc && !d->petrarch) crowd_source(c, s, k, &sd);
    for (int i = 0; i < M.ntnp; i++) if (!(M.tplace[i] & 4)) add_target_refs(s, M.tnp[i], M.tplace[i], &sd);
    if (pat->has_source && !sd.ntgt) subject_as_target(s, k, &sd);
    if (!pat->has_target && !pat->has_source)   /* a pattern that read a governed clause may take its objects */
      fallback_target(s, v->h + 1, M.last >= v->end ? M.end : v->end, statement_code(pat->code), M.last >= v->end, &sd);
    if (pat->has_target && !sd.ntgt) return;
    /* "demanded that Israel pull out", "urged that Serbia recognize": the clause after "that"
       names whom the demand or appeal is made of */
    int that = v->end;
    if (!sd.ntgt && (root_is(pat->code, "10") || root_is(pat->code, "02")) && that + 1 < s->n &&
        !strcmp(s->t[that].lower, "that") && actor_np_at(s, that + 1) >= 0)
      add_target_refs(s, actor_np_at(s, that + 1), 0, &sd);
    /* "was optimistic that relations with Tanzania would improve": hope and gloom are about the
       actor their clause names */
    if (!sd.ntgt && (!strncmp(pat->code, "012", 3) || !strncmp(pat->code, "013", 3)) && that + 1 < s->n &&
        !strcmp(s->t[that].lower, "that") && k + 1 < s->nvg && s->vg[k + 1].a > that)
      phrase_target(s, that + 1, s->vg[k + 1].end, 1, &sd);
  }
  if (!sd.nsrc) return;
  rebind_object_pronouns(c, &sd);
  int anaphor = reaction_code(pat->code) && !sd.ntgt && sd.tgt_agent < 0 && c->mem.has_last_event ?
                event_anaphor(c, s, v->h + 1, v->end) : -1;
  if (anaphor >= 0) {   /* "Seoul condemned the move": whoever made it */
    sd.tgt[0] = &c->mem.last_event_src;
    sd.tgt_t0[0] = s->np[anaphor].t0;
    sd.tgt_t1[0] = s->np[anaphor].t1;
    sd.ntgt = 1;
  }
  /* "Poland expelled a Russian diplomat. Moscow vowed to retaliate.": retaliation answers whoever
     acted last, when that was someone else */
  if (!sd.ntgt && sd.tgt_agent < 0 && sd.nsrc && root_is(pat->code, "13") && c->mem.has_last_event && retaliation(s, v) &&
      strncmp(c->mem.last_event_src.code, sd.src[0]->code, 3) != 0) {
    sd.tgt[0] = &c->mem.last_event_src;
    sd.tgt_t0[0] = v->h;
    sd.tgt_t1[0] = v->h + 1;
    sd.ntgt = 1;
  }
  /* force posture and withdrawal move one's own forces ("withdrew its troops"): a place may say
     where, so one's own forces are no target */
  if (root_is(pat->code, "15") || (!strncmp(pat->code, "087", 3) && strcmp(pat->code, "0873") != 0)) {   /* not demobilizing others */
    sd.tgt_agent = -1;
    int n = 0;
    for (int i = 0; i < sd.ntgt; i++)
      if (!(sd.nsrc && sd.tgt[i]->how && !strncmp(sd.tgt[i]->how, "coref:", 6) && !strncmp(sd.tgt[i]->code, sd.src[0]->code, 3))) {
        sd.tgt[n] = sd.tgt[i]; sd.tgt_t0[n] = sd.tgt_t0[i]; sd.tgt_t1[n++] = sd.tgt_t1[i];
      }
    sd.ntgt = n;
  }
  if (!sd.ntgt && sd.tgt_agent < 0 && (root_is(pat->code, "15") || root_is(pat->code, "19") || root_is(pat->code, "20") ||
                                       !strncmp(pat->code, "087", 3) || motion_verb(h)))   /* "pulled out of villages in Lebanon" */
    place_target(s, v->h + 1, M.end, &sd);   /* "struck targets in Lebanon", "arrived in Japan" */
  if (!sd.ntgt && sd.tgt_agent < 0 && (motion_verb(h) || !strncmp(pat->code, "087", 3)) && sd.nsrc)
    town_target(c, s, v->h + 1, M.end, sd.src[0], &sd);   /* "arrived in Addis Ababa", "withdrew from the Kherson region" */
  if (!sd.ntgt && sd.tgt_agent < 0 && sd.nsrc && h->vlemma && dyad_streq(h->vlemma, "visit"))
    add_town(c, s, v->h + 1, M.end, sd.src[0], &sd);   /* "visited Addis Ababa" */
  if (!sd.ntgt && sd.tgt_agent < 0 && d->petrarch && !pat->has_target)
    phrase_target(s, v->h + 1, M.end, 0, &sd);
  int object_free = pat->nel > 0 || v->end <= v->h + 1 || s->t[v->h + 1].np < 0;
  /* "A and B discussed regional tensions": meetings and diplomacy are done together whatever
     their object; other mutual codes only without one ("A and B launched drones" is no duel) */
  if (root_is(pat->code, "04") || root_is(pat->code, "05")) object_free = 1;
  int reciprocal = pat->compound ? 2 : !pat->has_target && (v->passive ? !sd.ntgt : object_free);   /* "A and B postponed their meeting" */
  emit_pairs(c, s, &p, &sd, reciprocal);
  add_reverse(c, before);
  if (c->ncands > before) {
    v->coded_end = M.last >= v->end ? M.end : v->end;
    /* "urged Russia to release X", "threatened to attack X": the pattern read the governed clause,
       whose own event would code the same words twice */
    if (M.last >= v->end && k + 1 < s->nvg) s->vg[k + 1].consumed = 1;
  }
}

/* ---- events told by nouns -------------------------------------------------------------------- */
static int owner_vg(const dyad_sentence *s, int i) {
  int best = -1;
  for (int k = 0; k < s->nvg; k++) {
    const dyad_vg *v = &s->vg[k];
    if (v->h < i && v->end > i) best = k;
    if (v->subj >= 0 && s->np[v->subj].t0 <= i && s->np[v->subj].t1 > i) return k;
  }
  return best;
}

static void noun_source(const dyad_sentence *s, int i, sides *sd) {
  int np = s->t[i].np;
  if (np < 0) return;
  for (int j = i - 1; j >= s->np[np].t0; j--) {
    int mi = s->t[j].mention;
    if (mi < 0) continue;
    const dyad_mention *m = &s->m[mi];
    int poss = m->t1 < s->n && s->t[m->t1].tag == T_POSS;
    const char *w = s->t[m->t0].lower;
    int ppron = !strcmp(w, "his") || !strcmp(w, "her") || !strcmp(w, "its") || !strcmp(w, "their");
    if ((poss || m->modifier || ppron) && !m->place)
      for (int r = 0; r < m->nref && sd->nsrc < MAX_SIDE; r++) {
        sd->src_t0[sd->nsrc] = m->t0; sd->src_t1[sd->nsrc] = m->t1;
        sd->src[sd->nsrc++] = &m->refs[r];
      }
    return;
  }
}

static int noun_region_end(const dyad_sentence *s, int i) {
  for (int k = 0; k < s->nvg; k++) if (s->vg[k].a > i) return s->vg[k].a;
  return s->n;
}

/* The uncoded verb whose direct object the noun at i heads ("ordered an invasion", "carried out
 * strikes", "launched an offensive"): its subject did what the noun tells. -1 if none. */
static int light_verb(const dyad_sentence *s, int i) {
  static const char *const lv[] = {"order", "launch", "carry", "conduct", "begin", "start", "stage", "mount", "wage",
                                   "continue", "resume", "step", "intensify", "escalate", "make", "hold", "pay",
                                   "undertake", "perform", "commit", "unleash", "lead", "authorize", "authorise",
                                   "approve", "plan", "increase", "expand", "announce", "impose", NULL};
  for (int k = 0; k < s->nvg; k++) {
    const dyad_vg *v = &s->vg[k];
    if (v->coded_end || v->h >= i || i >= v->end || v->passive || !s->t[v->h].vlemma) continue;
    int listed = 0;
    for (const char *const *p = lv; *p; p++) if (dyad_streq(s->t[v->h].vlemma, *p)) listed = 1;
    if (!listed) continue;   /* "described this war", "faces sanctions", "prompting accusations": no */
    int j = skip_quotes(s, v->h + 1, v->end);
    while (j < v->end && s->t[j].tag == T_PREP && is_particle(s->t[j].lower)) j++;   /* "carried out" */
    if (j < v->end && s->t[j].np >= 0 && s->t[j].np == s->t[i].np && s->np[s->t[i].np].t1 - 1 == i) return k;
  }
  return -1;
}

static void code_noun(dyad_coder *c, const dyad_sentence *s, int i, int according_np) {
  const dyad_dict *d = c->d;
  const dyad_tok *t = &s->t[i];
  if (t->tag != T_NOUN || t->lemn < 0 || (size_t)t->lemn >= d->head_cap || d->noun_first[t->lemn] < 0) return;
  for (int k = 0; k < s->nvg; k++)   /* "condemned Russia's attacks": the attacks are what was condemned */
    if (s->vg[k].coded_end && s->vg[k].h < i && i < s->vg[k].coded_end) return;
  matcher M = {s, d, noun_region_end(s, i), 0, {0}, 0, {0}, 0, -1, -1, -1, 0};
  const dyad_pattern *pat = best_pattern(d, d->noun_first[t->lemn], &M, i + 1);
  if (!pat || !strcmp(pat->code, DYAD_NO_EVENT)) return;
  sides sd = {.tgt_agent = -1};
  noun_source(s, i, &sd);
  if (!sd.nsrc) by_agent(s, i + 1, M.end, &sd);
  int light = sd.nsrc ? -1 : light_verb(s, i);
  if (light >= 0) subject_refs(s, light, &sd);   /* "Putin ordered an invasion of Ukraine" */
  const dyad_vg *lvg = light >= 0 ? &s->vg[light] : NULL;
  if (!sd.nsrc) return;
  for (int k = 0; k < M.ntnp; k++) add_target_refs(s, M.tnp[k], M.tplace[k], &sd);
  if (pat->has_target && !sd.ntgt) return;
  cand p;
  proto_from_pattern(&p, pat, "noun");
  p.untargeted = d->petrarch;
  p.v0 = i; p.v1 = i + 1;
  p.c0 = s->np[t->np].t0; p.c1 = M.end > i ? M.end : i + 1;
  int k = owner_vg(s, i);
  if (k >= 0) { p.historical = s->vg[k].historical; p.negated = 0; }
  if (lvg) { p.negated = lvg->negated; p.future = lvg->future; p.hypothetical = lvg->hypothetical != 0; }
  for (int j = s->np[t->np].t0; j < i; j++) {
    const char *w = s->t[j].lower;
    if (!strcmp(w, "planned") || !strcmp(w, "upcoming") || !strcmp(w, "proposed") || !strcmp(w, "expected") || !strcmp(w, "future")) p.future = 1;
    if (!strcmp(w, "possible") || !strcmp(w, "potential")) p.hypothetical = 1;
  }
  if (k >= 0 && s->vg[k].speech && s->vg[k].h < i) {
    sides sp = {.tgt_agent = -1};
    subject_refs(s, k, &sp);
    p.stance = s->vg[k].speech;
    if (sp.nsrc) { p.speaker = sp.src[0]; p.sp0 = sp.src_t0[0]; p.sp1 = sp.src_t1[0]; }
  } else {
    attribution(s, k, according_np, &p);
  }
  int before = c->ncands;
  emit_pairs(c, s, &p, &sd, 0);
  add_reverse(c, before);
}

static int inherits(const dyad_sentence *s, int k, int target) {
  for (int guard = 0; guard < 16 && k >= 0; guard++) {
    if (k == target) return 1;
    k = s->vg[k].inherit;
  }
  return 0;
}

/* ---- evaluative speech: "X said Y is desperately trying ..." -> X criticizes Y ---------------- */
static void code_evaluative(dyad_coder *c, const dyad_sentence *s, int k) {
  const dyad_vg *v = &s->vg[k];
  if (!c->pejorative || v->speech != DYAD_STANCE_ASSERT) return;
  sides sp = {.tgt_agent = -1};
  subject_refs(s, k, &sp);
  if (!sp.nsrc) return;
  for (int i = v->h + 1; i < s->n; i++) {
    const dyad_tok *t = &s->t[i];
    if (!(dyad_wordset_has(c->pejorative, t->word) || dyad_wordset_has(c->pejorative, t->lemn))) continue;
    sides tg = {.tgt_agent = -1};
    for (int j = s->nvg - 1; j > k; j--)   /* the clause the evaluative word sits in */
      if (s->vg[j].a <= i && (s->vg[j].end > i || s->vg[j].h >= i - 1) && !inherits(s, j, k)) { subject_refs(s, j, &tg); break; }
    if (tg.nsrc && strncmp(tg.src[0]->code, sp.src[0]->code, 3) == 0) tg.nsrc = 0;
    if (!tg.nsrc)
      for (int j = i + 1; j < s->n && !tg.nsrc; j++) {
        int np = actor_np_at(s, j);
        if (np >= 0) add_np_refs(s, np, tg.src, &tg.nsrc, tg.src_t0, tg.src_t1);
      }
    if (!tg.nsrc || strncmp(tg.src[0]->code, sp.src[0]->code, 3) == 0) continue;
    cand p;
    memset(&p, 0, sizeof p);
    p.code = "111";
    p.rule_id = "grammar:evaluative-speech";
    p.rule_file = c->pejorative->file; p.rule_line = c->pejorative->line;
    p.rule_text = "SPEAKER say|describe ... PEJORATIVE ... TARGET";
    p.grammar = "evaluative-speech";
    p.v0 = i; p.v1 = i + 1;
    p.c0 = v->a; p.c1 = s->n;
    p.stance = DYAD_STANCE_ASSERT;
    p.speaker = sp.src[0]; p.sp0 = sp.src_t0[0]; p.sp1 = sp.src_t1[0];
    add_cand(c, &p, sp.src[0], sp.src_t0[0], sp.src_t1[0], tg.src[0], tg.src_t0[0], tg.src_t1[0]);
    return;
  }
}

/* ---- dates ------------------------------------------------------------------------------------ */
typedef struct { dyad_date_hit past[16], future[16]; size_t npast, nfuture; } sent_dates;

/* The date expression nearest the words that told the event, else the document date. */
static void event_date(const dyad_sentence *s, const sent_dates *sd, const cand *x, dyad_date ref, dyad_event *ev) {
  const dyad_date_hit *hits = x->future ? sd->future : sd->past;
  size_t n = x->future ? sd->nfuture : sd->npast;
  if (n > 16) n = 16;
  size_t vpos = s->t[x->v0].start - s->start;
  size_t c0 = s->t[x->c0].start - s->start, c1 = s->t[x->c1 - 1].end - s->start;
  size_t fronted = s->nvg ? s->t[s->vg[0].a].start - s->start : 0;
  if (s->nvg && s->vg[0].subj >= 0) fronted = s->t[s->np[s->vg[0].subj].t0].start - s->start;
  const dyad_date_hit *best = NULL;
  size_t bestd = (size_t)-1;
  for (size_t i = 0; i < n; i++) {
    int inside = hits[i].start >= c0 && hits[i].end <= c1;
    if (!inside && hits[i].end > fronted) continue;   /* another clause's date */
    size_t dd = hits[i].start > vpos ? hits[i].start - vpos : vpos - hits[i].end;
    if (!inside) dd += 100000;
    if (dd < bestd) { bestd = dd; best = &hits[i]; }
  }
  if (best) {
    dyad_date_format(best->date, ev->date);
    ev->date_precision = best->precision;
    if (best->historical) ev->mode.historical = 1;
  } else {
    dyad_date_format(ref, ev->date);
    ev->date_precision = DYAD_DATE_DAY;
  }
}

/* ---- emitting --------------------------------------------------------------------------------- */
static void fill_actor(const dyad_sentence *s, const dyad_ref *r, int t0, int t1, dyad_actor *a) {
  memset(a, 0, sizeof *a);
  a->code = r->code;
  const dyad_actor_entry *e = r->entry ? r->entry : r->agent;
  if (e) {
    a->name.p = e->name; a->name.n = strlen(e->name);
    a->entry = e->id; a->file = e->file; a->line = e->line;
  }
  if (r->place) {   /* a town that stands for its state: the place object explains it */
    a->name.p = r->place + 6; a->name.n = strlen(r->place + 6);
    a->entry = r->place; a->file = "gazetteer";
  }
  a->role = r->role ? r->role->text : NULL;
  a->agent = r->agent && r->agent != e ? r->agent->id : NULL;
  a->how = r->how;
  a->start = s->t[t0].start;
  a->end = s->t[t1 - 1].end;
  a->text.p = s->text + a->start;
  a->text.n = a->end - a->start;
}

typedef struct {
  const dyad_dict *d;
  dyad_coder *c;
  const dyad_docinfo *info;
  const char *text;
  dyad_date ref;
  char dochash[17];
  int sent, nevents, stop, oom;
  dyad_emit_fn emit;
  void *ctx;
} doc_run;

/* CAMEO codes a promise of future cooperation as an intent (root 03), not as the cooperation:
 * "Russia would cooperate with China", said by Russia, is 030, not 06x. The 03 code for a
 * cooperative code of roots 04-08, or NULL. */
static const char *intent_code(const char *code) {
  static const char *const map[][2] = {
    {"04", "036"}, {"045", "039"}, {"050", "032"}, {"051", "032"}, {"052", "032"}, {"053", "032"}, {"054", "032"},
    {"055", "032"}, {"056", "032"}, {"057", "030"}, {"06", "031"}, {"061", "0311"}, {"062", "0312"}, {"063", "0313"},
    {"064", "0314"}, {"07", "033"}, {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"},
    {"08", "035"}, {"081", "0351"}, {"082", "0352"}, {"083", "034"}, {"084", "0353"}, {"085", "0354"},
    {"086", "0355"}, {"087", "0356"}};
  const char *best = NULL;
  size_t best_n = 0;
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
    size_t n = strlen(map[i][0]);
    if (strncmp(code, map[i][0], n) == 0 && n > best_n) { best = map[i][1]; best_n = n; }
  }
  return best;
}

/* Is the event an actor's own statement of what it will do? */
static int own_promise(const cand *x, int petrarch) {
  if (!x->future || x->negated || x->hypothetical || x->conditional) return 0;
  /* "Germany will send tanks next month": an announced plan, reported without a speaker (PETRARCH's
     conventions code the act itself) */
  if (!x->speaker) return !petrarch && (x->stance == DYAD_STANCE_NONE || x->stance == DYAD_STANCE_ASSERT);
  if (x->stance != DYAD_STANCE_ASSERT) return 0;
  return strncmp(x->speaker->code, x->src->code, 3) == 0;
}

/* Acts a state does to its own people whatever the words name: a curfew, martial law or a
 * state of emergency, a ban on parties, restrictions on political freedoms (CAMEO 1721-1724); and
 * protest with nobody named, which is protest at one's own government (root 14). */
static int inward_code(const char *code) {
  return !strcmp(code, "1721") || !strcmp(code, "1722") || !strcmp(code, "1723") || !strcmp(code, "1724") ||
         root_is(code, "14");
}

/* "Russian artillery pounded Kherson": force used on a foreign city or region is used on its
 * state (docs/output.md). Only for material conflict and the clause's own place; the target
 * explains itself through the place's name and span. Returns 1 when tgt was filled. */
static int place_as_target(doc_run *R, const dyad_event *ev, dyad_actor *tgt) {
  const dyad_place *pl = &ev->place;
  if (!pl->name || pl->basis != DYAD_BASIS_CLAUSE || !pl->country[0] || !ev->source) return 0;
  if (pl->precision != DYAD_PLACE_CITY && pl->precision != DYAD_PLACE_ADMIN1) return 0;
  /* and a visit to a foreign town is a visit to its state: "arrived in Addis Ababa" */
  if (!root_is(ev->code, "18") && !root_is(ev->code, "19") && !root_is(ev->code, "20") && !inward_code(ev->code) &&
      strcmp(ev->code, "042") != 0)
    return 0;
  if (!strncmp(ev->source->code, pl->country, 3) || !strncmp(ev->source->code, "IGO", 3)) return 0;
  const char *entry = place_entry(R->c, pl->name);
  if (!entry) return 0;
  memset(tgt, 0, sizeof *tgt);
  tgt->code = pl->country;
  tgt->name.p = pl->name; tgt->name.n = strlen(pl->name);
  tgt->start = pl->start; tgt->end = pl->end;
  tgt->text.p = R->text + pl->start; tgt->text.n = pl->end - pl->start;
  tgt->entry = entry;
  tgt->how = "place";
  tgt->file = "gazetteer";   /* the place object of the event says which name and where */
  return 1;
}

/* "Nepal's army imposed a nationwide curfew": with no target named, an inward act targets the
 * source's own country (the gold convention for domestic dyads, tests/gold/README.md). The target
 * is explained by how "code:inward" and spans the verb. Returns 1 when tgt was filled. */
static int inward_target(doc_run *R, const dyad_sentence *s, const cand *x, dyad_event *ev, dyad_actor *tgt) {
  const dyad_actor *src = ev->source;
  if (!inward_code(ev->code) || !src || strlen(src->code) < 3 || !strncmp(src->code, "IGO", 3) || !strncmp(src->code, "---", 3))
    return 0;
  /* "imposed a curfew on Hebron": a named place after the verb says whose people */
  for (int i = x->v1; i + 1 < x->c1; i++) {
    if (strcmp(s->t[i].lower, "on") && strcmp(s->t[i].lower, "in") && strcmp(s->t[i].lower, "across")) continue;
    dyad_place pl;
    int t0;
    if (town_at(R->c->placer, s, i + 1, x->c1, &pl, &t0) && strncmp(pl.country, src->code, 3) != 0) {
      ev->place = pl;
      return place_as_target(R, ev, tgt);
    }
  }
  char *code = dyad_arena_alloc(&R->c->arena, 4);
  if (!code) return 0;
  memcpy(code, src->code, 3);
  code[3] = 0;
  memset(tgt, 0, sizeof *tgt);
  tgt->code = code;
  tgt->name = src->name;
  tgt->start = ev->verb_start; tgt->end = ev->verb_end;
  tgt->text.p = R->text + ev->verb_start; tgt->text.n = ev->verb_end - ev->verb_start;
  tgt->entry = src->entry;
  tgt->how = "code:inward";
  tgt->file = src->file;
  tgt->line = src->line;
  return 1;
}

/* "Russian forces shelled Kharkiv": a town named as the direct object of force is where it
 * happened, even with no preposition to mark it as a place. Sets ev->place; returns 1 if found. */
static int object_place(doc_run *R, const dyad_sentence *s, const cand *x, dyad_event *ev) {
  if (!root_is(ev->code, "18") && !root_is(ev->code, "19") && !root_is(ev->code, "20")) return 0;
  int i = x->v1, k = 0;
  while (i < s->n && s->t[i].tag == T_DET) i++;
  while (i + k < s->n && k < 3 && s->t[i + k].cap && s->t[i + k].tag == T_PROPN && s->t[i + k].mention < 0) k++;
  if (k == 0 || i == 0) return 0;
  size_t a = s->t[i].start, b = s->t[i + k - 1].end;
  dyad_place pl;
  if (!dyad_place_resolve(R->c->placer, R->text + a, b - a, NULL, &pl)) return 0;
  if (pl.precision != DYAD_PLACE_CITY && pl.precision != DYAD_PLACE_ADMIN1) return 0;
  pl.basis = DYAD_BASIS_CLAUSE;
  pl.start = a; pl.end = b;
  ev->place = pl;
  return 1;
}

/* The event's code and what the CAMEO table says of it (root, QuadClass, Goldstein, PLOVER). */
static void set_code(dyad_event *ev, const dyad_cameo *cm) {
  ev->code = cm->code;
  memcpy(ev->root, cm->root, 3);
  ev->quad = cm->quad; ev->goldstein = cm->goldstein; ev->plover = cm->plover;
}

/* "Macron met Scholz in Berlin": a meeting in the other side's country is a visit there (042);
 * "American officials met Venezuelan officials in Qatar": one in a third country is 044. Only
 * the plain meeting code, and only when the clause itself names the place. */
static void meeting_place(const dyad_dict *d, dyad_event *ev) {
  const dyad_place *pl = &ev->place;
  if (strcmp(ev->code, "040") != 0 || !ev->source || !ev->target || !pl->name || pl->basis != DYAD_BASIS_CLAUSE ||
      strlen(pl->country) != 3 || strlen(ev->source->code) < 3 || strlen(ev->target->code) < 3)
    return;
  if (!strncmp(ev->source->code, "IGO", 3) || !strncmp(ev->target->code, "IGO", 3)) return;
  const char *code = NULL;
  if (!strncmp(pl->country, ev->target->code, 3) && strncmp(pl->country, ev->source->code, 3) != 0) code = "042";
  else if (strncmp(pl->country, ev->target->code, 3) != 0 && strncmp(pl->country, ev->source->code, 3) != 0) code = "044";
  const dyad_cameo *cm = code ? dyad_dict_cameo(d, code) : NULL;
  if (!cm) return;
  set_code(ev, cm);
  ev->rule.grammar = "meeting-place";
}

/* "Pakistan said India violated the ceasefire", "Ukraine said Russia shelled the town": violence
 * reported by another state, with nobody named as its victim, was done to the speaker. */
static int speaker_is_victim(const cand *x) {
  if (!x->speaker || !x->src || x->stance != DYAD_STANCE_ASSERT) return 0;
  if (!root_is(x->code, "18") && !root_is(x->code, "19") && !root_is(x->code, "20")) return 0;
  const char *a = x->speaker->code, *b = x->src->code;
  return strlen(a) >= 3 && strlen(b) >= 3 && strncmp(a, "IGO", 3) != 0 && strncmp(a, "---", 3) != 0 && strncmp(a, b, 3) != 0;
}

static int emit_cand(doc_run *R, const dyad_sentence *s, const sent_dates *sd, const cand *x, int n) {
  const char *intent = own_promise(x, R->d->petrarch) ? intent_code(x->code) : NULL;
  const dyad_cameo *cm = dyad_dict_cameo(R->d, intent ? intent : x->code);
  if (!cm) cm = dyad_dict_cameo(R->d, x->code);
  if (!cm) return 0;
  dyad_event ev;
  memset(&ev, 0, sizeof ev);
  dyad_actor src, tgt, spk;
  ev.doc = R->info->id ? R->info->id : "-";
  ev.sent = R->sent;
  size_t k = dyad_copy_str(ev.id, sizeof ev.id, R->dochash, SIZE_MAX);   /* "%s-%d-%d" */
  k += dyad_copy_str(ev.id + k, sizeof ev.id - k, "-", 1);
  k = dyad_put_int(ev.id, sizeof ev.id, k, R->sent);
  k += dyad_copy_str(ev.id + k, sizeof ev.id - k, "-", 1);
  dyad_put_int(ev.id, sizeof ev.id, k, n);
  ev.mode.negated = x->negated; ev.mode.future = x->future; ev.mode.hypothetical = x->hypothetical;
  ev.mode.conditional = x->conditional; ev.mode.historical = x->historical;
  event_date(s, sd, x, R->ref, &ev);
  fill_actor(s, x->src, x->s0, x->s1, &src);
  ev.source = &src;
  if (x->tgt) { fill_actor(s, x->tgt, x->g0, x->g1, &tgt); ev.target = &tgt; }
  set_code(&ev, cm);
  ev.stance = x->stance;
  if (x->speaker) { fill_actor(s, x->speaker, x->sp0, x->sp1, &spk); ev.speaker = &spk; }
  ev.evidence.p = s->text + s->start;
  ev.evidence.n = s->end - s->start;
  ev.ev_start = s->start; ev.ev_end = s->end;
  ev.verb_start = s->t[x->v0].start; ev.verb_end = s->t[x->v1 - 1].end;
  ev.rule.id = x->rule_id; ev.rule.file = x->rule_file; ev.rule.line = x->rule_line;
  ev.rule.pattern = x->rule_text; ev.rule.grammar = intent && !strcmp(cm->code, intent) ? "intent" : x->grammar;
  dyad_place_event(R->c->placer, s, x->c0, x->c1, &ev);
  meeting_place(R->d, &ev);
  if (!ev.target && (ev.place.basis != DYAD_BASIS_CLAUSE || !ev.place.name)) object_place(R, s, x, &ev);
  if (!ev.target && place_as_target(R, &ev, &tgt)) ev.target = &tgt;
  if (!ev.target && inward_target(R, s, x, &ev, &tgt)) ev.target = &tgt;
  if (!ev.target && speaker_is_victim(x)) {   /* "Pakistan said India violated the ceasefire" */
    fill_actor(s, x->speaker, x->sp0, x->sp1, &tgt);
    tgt.how = "speaker";
    ev.target = &tgt;
  }
  dyad_sanction flags[DYAD_MAX_SANCTIONS];   /* the sanctions watch: one call (sanctions.h) */
  ev.sanctions = flags;
  ev.nsanctions = (int)dyad_sanctions_match(R->d->sanctions, &ev, flags, DYAD_MAX_SANCTIONS);
  R->nevents++;
  return R->emit(&ev, R->ctx);
}

/* "talks between the leaders of Thailand and Cambodia ... The two sides agreed": the pair after
 * "between" is who "the two sides" and "both" mean next, rather than a host or mediator. */
static void remember_between(dyad_docmem *mem, const dyad_sentence *s) {
  for (int i = 0; i + 3 < s->n; i++) {
    if (!dyad_streq(s->t[i].lower, "between")) continue;
    int a = actor_np_at(s, i + 1);
    if (a < 0 || s->np[a].t1 + 1 >= s->n || strcmp(s->t[s->np[a].t1].lower, "and") != 0) continue;
    int b = actor_np_at(s, s->np[a].t1 + 1);
    int ma = np_target_mention(s, a, 0), mb = np_target_mention(s, b, 0);
    if (b < 0 || ma < 0 || mb < 0 || !s->m[ma].nref || !s->m[mb].nref) continue;
    mem->last_group[0] = s->m[ma].refs[0];
    mem->last_group[1] = s->m[mb].refs[0];
    mem->nlast_group = 2;
    return;
  }
}

/* "he", "it" and "the country" in the next sentence mean this sentence's main subject more often
 * than the last one named: keep the first clause's subject at the front of the memory. */
static void remember_subject(dyad_docmem *mem, const dyad_sentence *s) {
  for (int k = 0; k < s->nvg; k++) {
    const dyad_vg *v = &s->vg[k];
    if (!v->finite || v->subj < 0 || s->np[v->subj].mention < 0) continue;
    if (v->nsubj2) {   /* "Sudan's army and the RSF clashed" -> "both sides" next */
      sides g = {.tgt_agent = -1};
      subject_refs(s, k, &g);
      mem->nlast_group = 0;
      for (int i = 0; i < g.nsrc && i < DYAD_MAX_REFS; i++) mem->last_group[mem->nlast_group++] = *g.src[i];
    }
    const dyad_mention *m = &s->m[s->np[v->subj].mention];
    if (m->nref != 1 || m->place) return;
    if (m->person) {
      dyad_push_person(mem, &m->refs[0]);
      return;
    }
    if (mem->nlast_country && strcmp(mem->last_country[0].code, m->refs[0].code) == 0) return;
    mem->last_country[1] = mem->last_country[0];
    mem->last_country[0] = m->refs[0];
    if (mem->nlast_country < 2) mem->nlast_country++;
    return;
  }
}

/* An outlet's own name is no actor ("... -- NBC 6 South Florida", "Korea Herald reported"):
 * mentions inside it name nobody. */
static void drop_outlet(dyad_sentence *s, const char *outlet) {
  size_t on = outlet ? strlen(outlet) : 0;
  if (on < 2) return;
  const char *txt = s->text + s->start;
  size_t n = s->end - s->start;
  /* strncasecmp folds ASCII only (dyad never sets a locale): test the first byte, so folded, inline */
  unsigned char f0 = (unsigned char)outlet[0], f1 = f0 >= 'A' && f0 <= 'Z' ? f0 + 32 : f0 >= 'a' && f0 <= 'z' ? f0 - 32 : f0;
  for (size_t i = 0; i + on <= n; i++) {
    if (((unsigned char)txt[i] != f0 && (unsigned char)txt[i] != f1) || strncasecmp(txt + i, outlet, on) != 0) continue;
    size_t a = s->start + i, b = a + on;
    for (int k = 0; k < s->nm; k++)
      if (s->t[s->m[k].t0].start >= a && s->t[s->m[k].t1 - 1].end <= b) s->m[k].nref = 0;
    i += on - 1;
  }
}

static void code_sentence(doc_run *R, const dyad_sent *sp) {
  dyad_coder *c = R->c;
  dyad_arena_reset(&c->arena);
  dyad_sentence s;
  memset(&s, 0, sizeof s);
  s.text = R->text; s.start = sp->start; s.end = sp->end;
  s.headline = (sp->flags & DYAD_SENT_HEADLINE) != 0;
  if (dyad_tag_sentence(R->d, c->lex, &c->arena, &s) || dyad_recognize(R->d, &c->arena, &s, R->ref, &c->mem) ||
      dyad_parse(R->d, &c->arena, &s)) {
    R->oom = 1;
    return;
  }
  drop_outlet(&s, R->info->outlet);
  remember_subject(&c->mem, &s);
  remember_between(&c->mem, &s);
  c->ncands = 0;
  int acc = according_to(&s);
  for (int k = 0; k < s.nvg; k++) code_verb_group(c, &s, k, acc);
  for (int i = 0; i < s.n; i++) code_noun(c, &s, i, acc);
  for (int k = 0; k < s.nvg; k++) code_evaluative(c, &s, k);
  if (!c->ncands) return;
  sent_dates sd;
  sd.npast = dyad_dates_find(R->text + s.start, s.end - s.start, R->ref, -1, sd.past, 16);
  sd.nfuture = 0;
  for (int i = 0; i < c->ncands; i++)
    if (c->cands[i].future) {
      sd.nfuture = dyad_dates_find(R->text + s.start, s.end - s.start, R->ref, 1, sd.future, 16);
      break;
    }
  for (int i = 0; i < c->ncands && !R->stop; i++)
    if (emit_cand(R, &s, &sd, &c->cands[i], i)) R->stop = 1;
  c->mem.last_event_src = *c->cands[0].src;   /* copied: the sentence's memory is about to go */
  c->mem.has_last_event = 1;
}

static int on_sentence(const dyad_sent *sp, void *ctx) {
  doc_run *R = ctx;
  if (!(sp->flags & DYAD_SENT_CHROME)) code_sentence(R, sp);
  R->sent++;
  return R->stop || R->oom;
}

static dyad_date today(void) {
  time_t now = time(NULL);
  struct tm tmv;
  gmtime_r(&now, &tmv);
  return (dyad_date){tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday};
}

int dyad_code_document(dyad_coder *c, const dyad_docinfo *info, const char *text, size_t n,
                       dyad_emit_fn emit, void *ctx) {
  doc_run R;
  memset(&R, 0, sizeof R);
  R.d = c->d; R.c = c; R.info = info; R.text = text; R.emit = emit; R.ctx = ctx;
  if (!info->date || dyad_date_parse(info->date, strlen(info->date), &R.ref)) R.ref = today();
  snprintf(R.dochash, sizeof R.dochash, "%016llx", (unsigned long long)dyad_hash(text, n));
  R.dochash[12] = 0;
  memset(&c->mem, 0, sizeof c->mem);
  dyad_place_document(c->placer, text, n);
  dyad_segment(text, n, on_sentence, &R);
  return R.oom ? DYAD_ENOMEM : DYAD_OK;
}

const char *dyad_version(void) {
#ifdef DYAD_VERSION
  return DYAD_VERSION;
#else
  return "0.1.0";
#endif
}
