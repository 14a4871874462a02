/* parse.c - the shallow grammar: choose noun/verb/adjective for open-class words from context,
 * group noun phrases and verb groups, find each verb's subject (compounds, relative clauses,
 * appositives, coordinated verbs, infinitives and gerunds), its region of objects, its modality
 * and voice, and which clauses are reported speech and by whom. */
#include "sentence.h"
#include "lemma.h"
#include <string.h>

#define LEXBIT(x) (1u << DYAD_LEX_##x)

static int word_is(const dyad_tok *t, const char *w) { return dyad_streq(t->lower, w); }
static int in_list(const char *w, const char *const *list) {
  for (; *list; list++) if (dyad_streq(w, *list)) return 1;
  return 0;
}

/* Previous token index skipping adverbs, negation and quotes; -1 at the start. */
static int prev_content(const dyad_sentence *s, int i) {
  for (i--; i >= 0; i--) {
    int tg = s->t[i].tag;
    if (tg != T_ADV && tg != T_NEG && tg != T_QUOTE) return i;
  }
  return -1;
}
static int next_tok(const dyad_sentence *s, int i) {
  for (i++; i < s->n; i++) if (s->t[i].tag != T_QUOTE) return i;
  return -1;
}

static int nounish(const dyad_tok *t) {
  return t->tag == T_NOUN || t->tag == T_PROPN || t->mention >= 0 || (t->tag == T_WORD && (t->lexpos & LEXBIT(N)));
}

/* ---- open-class tagging ------------------------------------------------------------------- */
static int speech_stance(const char *lemma);

/* Does the noun group ending at pv follow a verb or preposition (so it is an object, and a
 * present-tense verb cannot come straight after it)? */
/* "an anti- Gondor parade": a prefix written apart ends in a hyphen attached to it. */
static int hyphen_prefix(const dyad_sentence *s, int j) {
  return j > 0 && s->t[j].tag == T_PUNCT && s->t[j].end == s->t[j].start + 1 && s->text[s->t[j].start] == '-' &&
         s->t[j - 1].end == s->t[j].start;
}

/* "nuclear and military sites": "and" between two modifiers inside one group. */
static int adjective_and(const dyad_sentence *s, int j) {
  return j > 0 && s->t[j].tag == T_CC && word_is(&s->t[j], "and") && s->t[j - 1].tag == T_ADJ;
}

static int object_group(const dyad_sentence *s, int pv) {
  int j = pv;
  while (j > 0 && (s->t[j - 1].tag == T_NOUN || s->t[j - 1].tag == T_PROPN || s->t[j - 1].tag == T_ADJ ||
                   s->t[j - 1].tag == T_DET || s->t[j - 1].tag == T_POSS || s->t[j - 1].tag == T_NUM ||
                   s->t[j - 1].tag == T_PPOSS || hyphen_prefix(s, j - 1) || adjective_and(s, j - 1)))
    j -= hyphen_prefix(s, j - 1) ? 2 : 1;
  if (j == 0) return 0;
  int b = s->t[j - 1].tag;
  /* after a speech verb the group starts a reported clause: "says Russian drones hit Kyiv" */
  if (b == T_VERB && s->t[j - 1].vlemma && speech_stance(s->t[j - 1].vlemma)) return 0;
  return b == T_VERB || b == T_PREP || b == T_TO;
}

/* Does the group ending at pv open with a determiner or common word (not a name)? */
static int group_starts_plain(const dyad_sentence *s, int pv) {
  int j = pv;
  while (j > 0 && (s->t[j - 1].tag == T_NOUN || s->t[j - 1].tag == T_ADJ || s->t[j - 1].tag == T_DET)) j--;
  return s->t[j].tag == T_DET || (s->t[j].tag == T_NOUN && s->t[j].mention < 0) || s->t[j].tag == T_ADJ;
}

static int verb_after_np(const dyad_sentence *s, int i, const dyad_tok *t, int pv) {
  const dyad_tok *p = &s->t[pv];
  if ((t->vform == VF_3SG || t->vform == VF_BASE) && (t->lexpos & LEXBIT(N)) && object_group(s, pv)) return 0;
  int nx = next_tok(s, i);
  int obj_next = nx >= 0 && (s->t[nx].tag == T_DET || s->t[nx].tag == T_PPOSS || s->t[nx].tag == T_PRON ||
                             (s->t[nx].mention >= 0 && s->m[s->t[nx].mention].nref));
  switch (t->vform) {
  case VF_PAST: return 1;
  case VF_ING:
    return !((t->lexpos & LEXBIT(N)) && object_group(s, pv) && group_starts_plain(s, pv));
  case VF_3SG:
    if (p->plural && p->tag == T_NOUN && t->fn >= t->fv && !obj_next) return 0;
    return t->fv * 2 >= t->fn || obj_next;
  case VF_BASE:
    if (p->tag == T_PRON || p->mention >= 0) return 1;
    return obj_next || t->fv > t->fn;
  default: return 0;
  }
}

/* Verbs whose -ing complement is the act itself, done by their subject: "will keep backing X",
 * "continued supplying", "began shelling". */
static int gerund_catenative(const dyad_tok *v) {
  static const char *const w[] = {"keep", "continue", "start", "begin", "resume", NULL};
  if (!v->vlemma) return 0;
  for (const char *const *p = w; *p; p++) if (dyad_streq(v->vlemma, *p)) return 1;
  return 0;
}

/* -ing forms that, after a verb, describe its object rather than continue the verb. */
static int attributive_ing(const dyad_tok *t) {
  static const char *const w[] = {"protest", "flee", "demonstrate", "riot", "retreat", "return", "remain", "depart",
                                  "mourn", "starve", "rebel", NULL};
  return t->vlemma && in_list(t->vlemma, w);
}

/* Verbs whose past participle is their base form: "was hit", "were cut off", "was shut". */
static int same_participle(const dyad_tok *t) {
  static const char *const w[] = {"hit", "cut", "put", "set", "shut", "spread", "cost", "let", "quit", "burst", "cast",
                                  "hurt", "split", "shed", "upset", "broadcast", "forecast", "bid", "thrust", NULL};
  return t->vform == VF_BASE && t->vlemma && in_list(t->vlemma, w);
}

static int choose_tag(const dyad_sentence *s, int i) {
  const dyad_tok *t = &s->t[i];
  unsigned lp = t->lexpos;
  size_t n = strlen(t->lower);
  if (!lp) {
    if (t->cap && i > 0) return T_PROPN;
    if (n > 3 && strcmp(t->lower + n - 2, "ly") == 0) return T_ADV;
    return t->cap ? T_PROPN : T_NOUN;
  }
  int hasV = (lp & LEXBIT(V)) != 0, hasN = (lp & LEXBIT(N)) != 0, hasA = (lp & LEXBIT(A)) != 0;
  {   /* "most certainly", "far more": a word that can be an adverb, before an adverb, is one */
    int nx0 = next_tok(s, i);
    if ((lp & LEXBIT(R)) && nx0 >= 0 && (s->t[nx0].tag == T_ADV || (s->t[nx0].tag == T_WORD && s->t[nx0].lexpos == LEXBIT(R))))
      return T_ADV;
  }
  if (!hasV && !hasN) return hasA ? T_ADJ : T_ADV;
  int pv = prev_content(s, i);
  int ptag = pv >= 0 ? s->t[pv].tag : -1;
  int nx = next_tok(s, i);
  int noun_next = nx >= 0 && nounish(&s->t[nx]);
  if (t->cap && i > 0 && !hasV && s->t[i - 1].tag != T_QUOTE) return T_PROPN;
  if (!hasV) return (hasA && noun_next) ? T_ADJ : T_NOUN;
  /* immediate left context decides most cases */
  if (ptag == T_DET || ptag == T_PPOSS || ptag == T_POSS || ptag == T_ADJ || ptag == T_NUM) {
    if (hasA && noun_next && t->vform != VF_BASE) return T_ADJ;
    if (hasN) return T_NOUN;
    return (t->vform == VF_PAST || t->vform == VF_ING) ? T_ADJ : T_NOUN;
  }
  if (ptag == T_TO) return (t->vform == VF_BASE) ? T_VERB : (hasN ? T_NOUN : T_VERB);
  if (ptag == T_MODAL || (ptag == T_AUX && s->t[pv].aux == AUX_DO)) return T_VERB;
  if (ptag == T_AUX && s->t[pv].aux == AUX_BE) {
    if (t->vform == VF_PAST || t->vform == VF_ING || same_participle(t)) return T_VERB;
    return hasA ? T_ADJ : T_NOUN;
  }
  if (ptag == T_AUX && (lp & LEXBIT(R)) && nx >= 0 && s->t[nx].vform == VF_PAST) return T_ADV;  /* "has long said" */
  if (ptag == T_AUX && s->t[pv].aux == AUX_HAVE) return t->vform == VF_PAST ? T_VERB : T_NOUN;
  if (ptag == T_PRON) return T_VERB;
  if (ptag == T_REL) return T_VERB;
  if (ptag == T_NOUN || ptag == T_PROPN) return verb_after_np(s, i, t, pv) ? T_VERB : T_NOUN;
  if (ptag == T_CC || (ptag == T_PUNCT && word_is(&s->t[pv], ","))) {
    if (t->vform == VF_PAST || (t->vform == VF_ING && !noun_next)) return T_VERB;
    if (t->vform == VF_ING) return T_VERB;
    return hasN ? T_NOUN : T_VERB;
  }
  if (ptag == T_PREP) {
    if (t->vform == VF_ING) return T_VERB;
    return hasN ? T_NOUN : (hasA ? T_ADJ : T_VERB);
  }
  if (ptag == T_VERB && t->vform == VF_ING && gerund_catenative(&s->t[pv])) return T_VERB;   /* "kept backing" */
  /* "will abandon improved economic relations": a past participle that can be an adjective, right
     after a verb and before a common word, modifies that word */
  if (ptag == T_VERB && t->vform == VF_PAST && hasA && !t->cap && nx == i + 1 && !s->t[nx].cap && s->t[nx].mention < 0 &&
      (s->t[nx].tag == T_WORD || s->t[nx].tag == T_NOUN || s->t[nx].tag == T_ADJ) && (s->t[nx].lexpos & (LEXBIT(N) | LEXBIT(A))))
    return T_ADJ;
  /* "accused protesting students", "shelled fleeing civilians": a participle used as an adjective */
  if (ptag == T_VERB && t->vform == VF_ING && nx == i + 1 && attributive_ing(t)) return T_ADJ;
  /* "arrested impeached President Yoon", "freed jailed opposition leader X": before a name or
     title that names an actor */
  if (ptag == T_VERB && t->vform == VF_PAST && !t->cap && nx == i + 1 && s->t[nx].cap && s->t[nx].mention >= 0)
    return T_ADJ;
  if (ptag == T_VERB) return (t->vform == VF_ING || t->vform == VF_PAST) && !hasN ? T_VERB : (hasN ? T_NOUN : T_VERB);
  if (pv < 0) {  /* sentence start: participle clause or a noun */
    if (t->vform == VF_ING && !t->cap) return T_VERB;
    if (t->vform == VF_ING) return T_VERB;
    return hasN ? T_NOUN : T_VERB;
  }
  return t->fv > t->fn ? T_VERB : (hasN ? T_NOUN : T_VERB);
}

static void tag_open_class(dyad_sentence *s) {
  for (int i = 0; i < s->n; i++) {
    dyad_tok *t = &s->t[i];
    if (t->mention >= 0) {
      const dyad_mention *m = &s->m[t->mention];
      t->tag = (m->modifier && i == m->t1 - 1) ? T_ADJ : T_PROPN;
      if (t->lower[0] == 't' && strcmp(t->lower, "the") == 0) t->tag = T_DET;
      continue;
    }
    if (t->tag == T_REL && word_is(t, "that")) {
      int pv = prev_content(s, i);
      if (pv < 0 || s->t[pv].tag == T_PREP) t->tag = T_DET;
      continue;
    }
    if (t->tag == T_PREP && (word_is(t, "out") || word_is(t, "up") || word_is(t, "off") || word_is(t, "down"))) continue;
    if (t->tag == T_WORD) t->tag = (uint8_t)choose_tag(s, i);
  }
}

/* ---- noun groups ---------------------------------------------------------------------------- */
static int np_tag(int tg) {
  return tg == T_DET || tg == T_PPOSS || tg == T_ADJ || tg == T_NOUN || tg == T_PROPN || tg == T_NUM || tg == T_POSS;
}

/* A time expression ends a noun group: "visit Germany next week", "met Kim on Monday". */
static int time_word(const dyad_sentence *s, int i) {
  static const char *const days[] = {"today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday",
                                     "thursday", "friday", "saturday", "sunday", NULL};
  static const char *const units[] = {"week", "month", "year", "weekend", "morning", "evening", "night", NULL};
  const char *w = s->t[i].lower;
  if (!strchr("tymwfsnl", w[0])) return 0;   /* cheap filter: every word below starts so */
  if (in_list(w, days)) return 1;
  if ((dyad_streq(w, "next") || dyad_streq(w, "last") || dyad_streq(w, "this")) && i + 1 < s->n &&
      (in_list(s->t[i + 1].lower, units) || in_list(s->t[i + 1].lower, days)))
    return 1;
  return 0;
}

static int possessive_pronoun(const char *w) {
  return !strcmp(w, "his") || !strcmp(w, "her") || !strcmp(w, "its") || !strcmp(w, "their");
}

static void chunk_nps(dyad_arena *a, dyad_sentence *s) {
  s->np = dyad_arena_alloc(a, (size_t)(s->n + 1) * sizeof *s->np);
  if (!s->np) return;
  for (int i = 0; i < s->n;) {
    int tg = s->t[i].tag;
    int mi = s->t[i].mention;
    int pron_mention = mi >= 0 && s->m[mi].nref && s->m[mi].t1 == s->m[mi].t0 + 1 && s->m[mi].refs[0].how &&
                       !strcmp(s->m[mi].refs[0].how, "coref:pronoun") && !possessive_pronoun(s->t[i].lower);
    if (tg == T_PRON || pron_mention || (tg == T_REL && mi >= 0)) {
      dyad_np *np = &s->np[s->nnp];
      np->t0 = i; np->t1 = i + 1; np->pron = 1; np->mention = s->t[i].mention;
      s->t[i].np = (int16_t)s->nnp++;
      i++;
      continue;
    }
    if (!np_tag(tg) || tg == T_POSS) { i++; continue; }
    int j = i;
    while (j < s->n && (np_tag(s->t[j].tag) || (s->t[j].tag == T_QUOTE && j + 1 < s->n && np_tag(s->t[j + 1].tag) && j > i))) {
      if (j > i && time_word(s, j)) break;
      /* "gave Sweden an ultimatum": a determiner starts a new group ("all the" stays one) */
      if (j > i && s->t[j].tag == T_DET && s->t[j - 1].tag != T_DET) break;
      /* a new mention after a complete actor starts a new group: "Russia North Korea" is rare,
         but "Putin Kim" never forms one phrase */
      if (j > i && s->t[j].mention >= 0 && s->t[j - 1].mention >= 0 && s->t[j].mention != s->t[j - 1].mention &&
          s->t[j - 1].tag != T_POSS && !s->m[s->t[j - 1].mention].modifier && s->m[s->t[j - 1].mention].head_kind != DYAD_AK_AGENT &&
          !possessive_pronoun(s->t[j - 1].lower))   /* "his Azerbaijani counterpart" is one group */
        break;
      j++;
    }
    while (j > i + 1 && s->t[j - 1].tag == T_QUOTE) j--;
    dyad_np *np = &s->np[s->nnp];
    np->t0 = i; np->t1 = j; np->pron = 0;
    int head = j - 1;
    if (s->t[head].tag == T_POSS && head > i) head--;
    int hm = s->t[head].mention;
    np->mention = (hm >= 0 && s->m[hm].nref > 0 && !s->m[hm].modifier && s->t[j - 1].tag != T_POSS) ? hm : -1;
    /* "the official news agency WFNA": a head naming no one leaves the group to an agent in it
       that names an actor (only agents with a country, or PETRARCH's null country, do) */
    for (int k = head - 1; np->mention < 0 && hm < 0 && k >= i; k--) {
      int am = s->t[k].mention;
      if (am >= 0 && s->m[am].nref > 0 && s->m[am].head_kind == DYAD_AK_AGENT && s->m[am].t1 <= head &&
          s->t[s->m[am].t1].tag != T_POSS)
        np->mention = am;
    }
    for (int k = i; k < j; k++) s->t[k].np = (int16_t)s->nnp;
    s->nnp++;
    i = j;
  }
}

/* ---- verb groups ---------------------------------------------------------------------------- */
static const char *const future_cat[] = {"plan", "expect", "intend", "aim", "seek", "hope", "want", "wish", "prepare",
                                         "schedule", "agree", "promise", "pledge", "vow", "decide", "set", "due", "go",
                                         "threaten", "offer", "propose", "need", NULL};
static const char *const hypo_cat[] = {"try", "attempt", "struggle", "consider", "mull", "may", NULL};
static const char *const neg_cat[] = {"refuse", "decline", "fail", NULL};

/* "heavily and unjustly criticized": a conjunction or comma between two adverbs. */
static int adverb_link(const dyad_sentence *s, int k) {
  const dyad_tok *t = &s->t[k];
  return (t->tag == T_CC || word_is(t, ",")) && k > 0 && k + 1 < s->n && s->t[k - 1].tag == T_ADV && s->t[k + 1].tag == T_ADV;
}

static void modal_flags(dyad_vg *v, const dyad_tok *t) {
  const char *w = t->lower;
  if (!strcmp(w, "will") || !strcmp(w, "shall") || !strcmp(w, "'ll") || !strcmp(w, "wo")) v->future = 1;   /* wo(n't) */
  else if (!strcmp(w, "would")) v->hypothetical = 2;   /* 2: future when reported */
  else if (t->tag == T_MODAL && strcmp(w, "can") != 0 && strcmp(w, "ca") != 0) v->hypothetical = 1;   /* ca(n't) */
}

static void build_vg(dyad_sentence *s, int h, dyad_vg *v) {
  memset(v, 0, sizeof *v);
  v->h = h; v->a = h; v->subj = -1; v->inherit = -1; v->speaker_vg = -1; v->noun_speaker = -1;
  int be = 0, near = h - 1;   /* the word before the head, past adverbs and negation */
  while (near >= 0 && (s->t[near].tag == T_ADV || s->t[near].tag == T_NEG || s->t[near].tag == T_QUOTE || adverb_link(s, near))) near--;
  for (int k = h - 1; k >= 0; k--) {
    const dyad_tok *t = &s->t[k];
    if (t->tag == T_ADV || t->tag == T_QUOTE) continue;
    if (adverb_link(s, k)) continue;
    if (t->tag == T_NEG) { v->negated = 1; v->a = k; continue; }
    if (t->tag == T_MODAL) { modal_flags(v, t); v->a = k; continue; }
    if (t->tag == T_AUX) {
      if (t->aux == AUX_BE && k == near) be = 1;
      if (t->aux == AUX_BE && word_is(t, "being")) be = 1;
      v->a = k;
      continue;
    }
    if (t->tag == T_TO && k == near) { v->infinitive = 1; v->a = k; }
    /* "will keep backing", "to start sharing": the catenative joins the group of its -ing verb */
    if (t->tag == T_VERB && k == near && k + 1 <= h && s->t[h].vform == VF_ING && gerund_catenative(t)) {
      v->a = k;
      near = k - 1;
      while (near >= 0 && (s->t[near].tag == T_ADV || s->t[near].tag == T_NEG || s->t[near].tag == T_QUOTE || adverb_link(s, near))) near--;
      continue;
    }
    break;
  }
  const dyad_tok *hv = &s->t[h];
  if (hv->tag == T_VERB) {
    v->passive = be && (hv->vform == VF_PAST || same_participle(hv));
    v->gerund = hv->vform == VF_ING && v->a == h;
  }
  v->finite = !v->infinitive && !v->gerund;
  if (v->finite && v->a == h && hv->vform == VF_ING) v->gerund = 1, v->finite = 0;
}

static int is_boundary(const dyad_sentence *s, int i) {
  const dyad_tok *t = &s->t[i];
  if (t->tag == T_SUB || t->tag == T_REL) return 1;
  if (t->tag == T_PUNCT && (word_is(t, ";") || word_is(t, ":") || word_is(t, "(") || word_is(t, ")"))) return 1;
  if (t->tag == T_PUNCT && word_is(t, ",") && i + 1 < s->n && (s->t[i + 1].tag == T_CC || s->t[i + 1].tag == T_SUB)) return 1;
  if (t->tag == T_PREP && word_is(t, "according")) return 1;
  return 0;
}

static void find_vgs(dyad_arena *a, dyad_sentence *s) {
  s->vg = dyad_arena_alloc(a, (size_t)(s->n + 1) * sizeof *s->vg);
  if (!s->vg) return;
  for (int i = 0; i < s->n; i++) {
    const dyad_tok *t = &s->t[i];
    int copula = t->tag == T_AUX && t->aux == AUX_BE;
    if (copula) {  /* a form of "be" with no verb after it is the main verb */
      int nx = i + 1;
      while (nx < s->n && (s->t[nx].tag == T_ADV || s->t[nx].tag == T_NEG || s->t[nx].tag == T_AUX || adverb_link(s, nx))) nx++;
      if (nx < s->n && s->t[nx].tag == T_VERB) copula = 0;
      if (word_is(t, "'s")) copula = 0;
    }
    if (t->tag != T_VERB && !copula) continue;
    if (t->tag == T_VERB && gerund_catenative(t) && i + 1 < s->n && s->t[i + 1].tag == T_VERB && s->t[i + 1].vform == VF_ING)
      continue;   /* part of the next verb's group */
    build_vg(s, i, &s->vg[s->nvg++]);
  }
  /* regions: from the head to the next clause's start */
  for (int k = 0; k < s->nvg; k++) {
    dyad_vg *v = &s->vg[k];
    int end = s->n;
    if (k + 1 < s->nvg) end = s->vg[k + 1].a;
    for (int i = v->h + 1; i < end; i++)
      if (is_boundary(s, i)) { end = i; break; }
    v->end = end;
  }
}

/* ---- subjects ------------------------------------------------------------------------------- */
static int np_with_actor(const dyad_sentence *s, int np) { return np >= 0 && s->np[np].mention >= 0; }

/* Walks left over post-modifying prepositional phrases: "a veto at the UN ended" -> "a veto". */
static int np_skip_pps(const dyad_sentence *s, int np) {
  for (int guard = 0; guard < 8; guard++) {
    int b = s->np[np].t0 - 1;
    if (b < 1 || (s->t[b].tag != T_PREP && s->t[b].tag != T_TO) || word_is(&s->t[b], "according")) break;
    int prev = s->t[b - 1].np;
    if (prev < 0) break;
    np = prev;
  }
  return np;
}

/* "Thousands of Argentine workers marched": a quantity or membership noun hands the subject to
 * the group after its "of". */
int dyad_quantity_head(const dyad_sentence *s, int np, int any) {
  static const char *const q[] = {"thousands", "hundreds", "dozens", "millions", "scores", "tens", "members", "supporters",
                                  "many", "some", "most", "all", "group", "groups", "crowds", "crowd", "delegation",
                                  "one", "two", "three", "several", "part", "much", "each", "none", NULL};
  if (np < 0 || np_with_actor(s, np)) return np;
  int end = s->np[np].t1;
  if (!in_list(s->t[end - 1].lower, q) || end + 1 >= s->n || !word_is(&s->t[end], "of")) return np;
  int next = s->t[end + 1].np;
  return next >= 0 && (any || np_with_actor(s, next)) ? next : np;
}

static void add_coordinated(const dyad_sentence *s, dyad_vg *v) {
  int np = v->subj;
  while (v->nsubj2 < DYAD_MAX_REFS) {
    int b = s->np[np].t0 - 1;
    if (b < 1) break;
    if (!(word_is(&s->t[b], "and") || word_is(&s->t[b], ",") || word_is(&s->t[b], "&") || word_is(&s->t[b], "nor"))) break;   /* "neither A nor B" */
    if (word_is(&s->t[b], "and") && b >= 2 && word_is(&s->t[b - 1], ",")) b--;   /* "A, B, and C" */
    int prev = s->t[b - 1].np;
    if (prev < 0 || !np_with_actor(s, prev)) break;
    int pb = s->np[prev].t0 - 1;   /* "Along with China, Russia ...": a fronted phrase, not a list */
    if (pb >= 0 && (s->t[pb].tag == T_PREP || s->t[pb].tag == T_TO)) break;
    v->subj2[v->nsubj2++] = prev;
    np = prev;
  }
  int f = s->np[np].t0;   /* "Neither A nor B condemned X": none of them did */
  if (v->nsubj2 && (word_is(&s->t[f], "neither") || (f > 0 && word_is(&s->t[f - 1], "neither")))) v->negated = 1;
}

/* The finite verb group before k whose subject a coordinated verb shares: the nearest one with the
 * same tense ("Kim said the tie is close and pledged" -> "said"), else the nearest. */
static int coordinated_with(const dyad_sentence *s, int k) {
  int past = s->t[s->vg[k].h].vform == VF_PAST;
  int nearest = -1;
  for (int j = k - 1; j >= 0; j--) {
    const dyad_vg *w = &s->vg[j];
    if (!w->finite) continue;
    if (nearest < 0) nearest = j;
    int wpast = s->t[w->h].vform == VF_PAST || (s->t[w->a].tag == T_AUX && s->t[w->a].vform == VF_PAST);
    if (wpast == past) return j;
  }
  return nearest;
}

/* Is the noun group after some verb (its object), so it cannot open an appositive subject? */
static int inside_region_of_verb(const dyad_sentence *s, int np) {
  int b = s->np[np].t0 - 1;
  while (b >= 0 && (s->t[b].tag == T_DET || s->t[b].tag == T_QUOTE)) b--;
  return b >= 0 && (s->t[b].tag == T_VERB || s->t[b].tag == T_PREP || s->t[b].tag == T_TO);
}

/* "Arnor's minister, in remarks published on Monday, urged": an aside set off by commas that opens
 * with a preposition and holds no finite verb stands between a subject and its verb. comma is
 * the aside's closing comma; returns the noun group before its opening comma when that names an
 * actor and is no verb's object, else -1. */
static int subject_before_aside(const dyad_sentence *s, int comma) {
  int open = -1;
  for (int b = comma - 1; b >= 1 && b >= comma - 12 && open < 0; b--)
    if (word_is(&s->t[b], ",")) open = b;
  if (open < 1 || open + 2 > comma || s->t[open + 1].tag != T_PREP) return -1;
  for (int j = 0; j < s->nvg; j++) {
    const dyad_vg *w = &s->vg[j];
    if (!w->finite || w->h <= open || w->h >= comma) continue;
    /* a bare past form right after a noun is a participle: "remarks published on Monday" */
    int participle = w->a == w->h && s->t[w->h].vform == VF_PAST && s->t[w->h - 1].tag == T_NOUN;
    if (!participle) return -1;
  }
  int np = s->t[open - 1].np;
  if (np < 0) return -1;
  np = dyad_quantity_head(s, np_skip_pps(s, np), 0);
  return np_with_actor(s, np) && !inside_region_of_verb(s, np) ? np : -1;
}

static void finite_subject(dyad_sentence *s, int k) {
  dyad_vg *v = &s->vg[k];
  int x = prev_content(s, v->a);
  while (x > 0 && time_word(s, x) && s->t[x - 1].tag != T_PREP) x = prev_content(s, x);   /* "Japan today praised" */
  /* "was heavily and unjustly criticized": coordinated adverbs stand inside the verb group */
  while (x > 0 && (s->t[x].tag == T_CC || word_is(&s->t[x], ",")) && s->t[x - 1].tag == T_ADV) x = prev_content(s, x);
  if (x < 0) return;
  const dyad_tok *t = &s->t[x];
  if (t->tag == T_REL && t->np < 0) {  /* "Kim, who shook his hand" */
    int b = x - 1;
    if (b >= 0 && word_is(&s->t[b], ",")) b--;
    if (b >= 0 && s->t[b].np >= 0) v->subj = np_skip_pps(s, s->t[b].np);
    v->relative = 1;
    return;
  }
  if (t->np >= 0) {
    /* "There were ten soldiers killed": the participle is passive, the group its patient */
    int g = s->np[t->np].t0;
    if (g >= 2 && s->t[g - 1].tag == T_AUX && s->t[g - 1].aux == AUX_BE && word_is(&s->t[g - 2], "there") &&
        s->t[v->h].vform == VF_PAST)
      v->passive = 1;
    v->subj = dyad_quantity_head(s, np_skip_pps(s, t->np), 0);
    add_coordinated(s, v);
    return;
  }
  if (t->tag == T_PUNCT && word_is(t, ",") && x >= 3 && s->t[x - 1].np >= 0) {
    /* appositive: "Kim Yo Jong, the leader's sister, said" (commas on both sides); "Russia's
       foreign minister, Sergei Lavrov, said": a title, then the name, both actors: the name */
    int ap = s->t[x - 1].np, b = s->np[ap].t0 - 1;
    if (np_with_actor(s, ap) && s->t[s->np[ap].t0].cap && b >= 1 && word_is(&s->t[b], ",") && s->t[b - 1].np >= 0 &&
        np_with_actor(s, s->t[b - 1].np) && !s->t[s->np[s->t[b - 1].np].t1 - 1].cap &&
        !inside_region_of_verb(s, s->t[b - 1].np)) {
      v->subj = ap;
      return;
    }
    if (!np_with_actor(s, ap) && b >= 1 && word_is(&s->t[b], ",") && s->t[b - 1].np >= 0 && np_with_actor(s, s->t[b - 1].np) &&
        !inside_region_of_verb(s, s->t[b - 1].np)) {
      v->subj = s->t[b - 1].np;
      return;
    }
    /* the reverse: "Jose Ramirez, Chile's president, said": a name the dictionary does not know,
       then a title that says whom it works for */
    if (np_with_actor(s, ap) && b >= 1 && word_is(&s->t[b], ",") && s->t[b - 1].np >= 0 &&
        !np_with_actor(s, s->t[b - 1].np) && s->t[s->np[s->t[b - 1].np].t0].cap &&
        s->t[b - 1].cap && !inside_region_of_verb(s, s->t[b - 1].np)) {
      v->subj = ap;
      return;
    }
  }
  if (t->tag == T_PUNCT && word_is(t, ",") && (v->subj = subject_before_aside(s, x)) >= 0) {
    add_coordinated(s, v);
    return;
  }
  if (t->tag == T_CC || (t->tag == T_PUNCT && word_is(t, ","))) {
    v->inherit = coordinated_with(s, k);
    if (v->inherit >= 0 && v->a == v->h) {   /* "will visit X and meet Y": the modal carries over */
      v->future |= s->vg[v->inherit].future;
      if (!v->hypothetical) v->hypothetical = s->vg[v->inherit].hypothetical;
    }
    return;
  }
}

static void nonfinite_subject(dyad_sentence *s, int k) {
  dyad_vg *v = &s->vg[k];
  int x = prev_content(s, v->a);
  if (v->infinitive) {
    /* "efforts to impose": an infinitive after a plain noun belongs to that noun, whose doer
       the grammar cannot see */
    if (x >= 0 && s->t[x].tag == T_NOUN && !np_with_actor(s, s->t[x].np)) return;
    /* "planned to sign": the catenative's subject; "urged Russia to withdraw": its object */
    for (int j = k - 1; j >= 0; j--) {
      dyad_vg *c = &s->vg[j];
      if (c->end < v->a - 1 && c->end != v->a) { if (c->h < v->a - 8) break; }
      if (x >= 0 && s->t[x].np >= 0 && s->t[x].np != s->t[c->h].np && x > c->h && np_with_actor(s, s->t[x].np)) {
        v->subj = s->t[x].np;
        v->object_control = 1;
      } else {
        v->inherit = j;
      }
      return;
    }
    return;
  }
  if (x > 0 && (word_is(&s->t[x], "of") || word_is(&s->t[x], "for") || word_is(&s->t[x], "against") ||
                word_is(&s->t[x], "from")) && s->t[x - 1].np >= 0) {
    v->subj = s->t[x - 1].np;   /* "accuse the North of supplying", "warned Israel against resuming" */
    /* "X was accused by Y of shelling": the passive subject did it, not the by-agent */
    if (k > 0 && s->vg[k - 1].passive && x >= 2 && word_is(&s->t[s->np[v->subj].t0 - 1], "by") && s->vg[k - 1].subj >= 0)
      v->subj = s->vg[k - 1].subj;
    if (word_is(&s->t[x], "against") || word_is(&s->t[x], "from")) v->hypothetical = 1;   /* warned against, kept from */
    return;
  }
  if (x > 0 && word_is(&s->t[x], "in") && s->t[x - 1].np >= 0 && np_with_actor(s, s->t[x - 1].np)) {
    v->subj = s->t[x - 1].np;   /* "the Russian army in conducting" */
    return;
  }
  if (x >= 1 && s->t[x].np >= 0 && s->np[s->t[x].np].t0 > 0) {
    const dyad_tok *b = &s->t[s->np[s->t[x].np].t0 - 1];
    /* "with North Korea throwing garbage ... and the South spreading propaganda" */
    if (word_is(b, "with") || ((word_is(b, "and") || word_is(b, ",")) && np_with_actor(s, s->t[x].np))) {
      v->subj = s->t[x].np;
      return;
    }
  }
  if (x >= 0 && word_is(&s->t[x], "by") && k > 0) {   /* "trying to evade scrutiny by buying" */
    v->inherit = k - 1;
    v->future = s->vg[k - 1].future; v->hypothetical = s->vg[k - 1].hypothetical; v->negated = s->vg[k - 1].negated;
    return;
  }
  /* participles: ", prompting ...", "After spending ..., Putin attended" */
  for (int j = k - 1; j >= 0; j--)
    if (s->vg[j].finite) { v->inherit = j; return; }
  for (int j = k + 1; j < s->nvg; j++)
    if (s->vg[j].finite) { v->inherit = j; return; }
}

/* ---- reported speech ------------------------------------------------------------------------- */
static int speech_stance(const char *lemma) {
  static const char *const assert_v[] = {"say", "tell", "state", "announce", "add", "report", "declare", "note", "insist",
                                         "stress", "write", "reiterate", "argue", "assert", "explain", "quote",
                                         "describe", "call", "warn", "suggest", "predict", "show", "indicate",
                                         "affirm", "reaffirm", "emphasize", "emphasise", "maintain", "repeat",
                                         "inform", "signal", "hint", "concede", NULL};
  static const char *const allege_v[] = {"allege", "claim", "accuse", "charge", "suspect", "contend", NULL};
  static const char *const deny_v[] = {"deny", "dismiss", "refute", NULL};
  static const char *const confirm_v[] = {"confirm", "acknowledge", "admit", "verify", NULL};
  if (in_list(lemma, assert_v)) return DYAD_STANCE_ASSERT;
  if (in_list(lemma, allege_v)) return DYAD_STANCE_ALLEGE;
  if (in_list(lemma, deny_v)) return DYAD_STANCE_DENY;
  if (in_list(lemma, confirm_v)) return DYAD_STANCE_CONFIRM;
  return 0;
}

/* A contrast or a semicolon between two clauses ends the first one's reported speech. */
static int contrast_between(const dyad_sentence *s, int from, int to) {
  static const char *const c[] = {"while", "whereas", "although", "though", ";", NULL};
  for (int i = from + 1; i < to; i++)
    if (in_list(s->t[i].lower, c)) return 1;
  return 0;
}

static int inherits_from(const dyad_sentence *s, int k, int target) {
  for (int guard = 0; guard < 16 && k >= 0; guard++) {
    if (k == target) return 1;
    k = s->vg[k].inherit;
  }
  return 0;
}

static void mark_speech(const dyad_dict *d, dyad_sentence *s) {
  for (int k = 0; k < s->nvg; k++) {
    dyad_vg *v = &s->vg[k];
    const dyad_tok *h = &s->t[v->h];
    if (h->tag != T_VERB || !h->vlemma) continue;
    v->speech = speech_stance(h->vlemma);
  }
  for (int k = 0; k < s->nvg; k++) {
    if (!s->vg[k].speech) continue;
    int empty = s->vg[k].end <= s->vg[k].h + 1 || word_is(&s->t[s->vg[k].h + 1], ",") || word_is(&s->t[s->vg[k].h + 1], ".");
    int before = prev_content(s, s->vg[k].subj >= 0 ? s->np[s->vg[k].subj].t0 : s->vg[k].a);
    if (empty && before >= 0 && word_is(&s->t[before], ",")) {
      for (int j = 0; j < k; j++) if (s->vg[j].speaker_vg < 0) s->vg[j].speaker_vg = k;  /* "..., officials said" */
      continue;
    }
    int scanned = s->vg[k].h;   /* the contrast scan moves forward only: linear per speech verb */
    for (int j = k + 1; j < s->nvg; j++) {
      const dyad_vg *w = &s->vg[j];
      if (w->a > scanned && contrast_between(s, scanned, w->a)) break;   /* "X warned ..., while Y pledged ..." */
      if (w->a > scanned) scanned = w->a - 1;
      int complement = !w->finite && w->a == s->vg[k].end;   /* "denied targeting ...", "said to be ..." */
      if (complement || !inherits_from(s, j, k)) s->vg[j].speaker_vg = k;
    }
  }
}

/* "accusations that Moscow was buying ...": the clause is someone's allegation. */
static void mark_noun_claims(dyad_sentence *s) {
  static const char *const claim_nouns[] = {"accusation", "accusations", "allegation", "allegations", "claim", "claims",
                                            "charge", "charges", "suspicion", "suspicions", NULL};
  for (int i = 1; i < s->n; i++) {
    if (!word_is(&s->t[i], "that") || !in_list(s->t[i - 1].lower, claim_nouns)) continue;
    int speaker = -1;
    int np = s->t[i - 1].np;
    if (np >= 0)
      for (int j = s->np[np].t0; j < i - 1; j++)
        if (s->t[j].mention >= 0 && s->m[s->t[j].mention].nref) speaker = s->t[j].mention;
    for (int k = 0; k < s->nvg; k++)
      if (s->vg[k].a > i && s->vg[k].speaker_vg < 0) { s->vg[k].noun_stance = DYAD_STANCE_ALLEGE; s->vg[k].noun_speaker = speaker; }
  }
}

static void mark_history(dyad_sentence *s) {
  for (int i = 0; i + 2 < s->n; i++) {
    if ((s->t[i].lemv >= 0 || s->t[i].tag == T_VERB) && strncmp(s->t[i].lower, "date", 4) == 0 && word_is(&s->t[i + 1], "back")) {
      for (int k = 0; k < s->nvg; k++) if (s->vg[k].h >= i) s->vg[k].historical = 1;
      return;
    }
  }
}

/* "demanded that Israel pull its troops out": what is demanded, urged or proposed has not
 * happened; the clause after "that" under such a verb is irrealis. */
int dyad_demand_verb(const char *lemma) {
  static const char *const v[] = {"demand", "insist", "urge", "ask", "request", "propose", "suggest", "recommend",
                                  "order", "require", "call", "press", "appeal", NULL};
  return lemma && in_list(lemma, v);
}

static int demanded_clause(const dyad_sentence *s, int k) {
  const dyad_vg *g = &s->vg[k];
  if (!g->finite || g->subj < 0) return 0;
  int t = s->np[g->subj].t0 - 1;
  if (t < 1 || !word_is(&s->t[t], "that")) return 0;
  for (int j = k - 1; j >= 0; j--) {
    const dyad_vg *w = &s->vg[j];
    if (w->h >= t) continue;
    return dyad_demand_verb(s->t[w->h].vlemma) && w->end >= t && t - w->h <= 6;
  }
  return 0;
}

int dyad_parse(const dyad_dict *d, dyad_arena *a, dyad_sentence *s) {
  tag_open_class(s);
  chunk_nps(a, s);
  find_vgs(a, s);
  if (!s->np || !s->vg) return -1;
  for (int k = 0; k < s->nvg; k++) {
    if (s->vg[k].finite) finite_subject(s, k);
    else nonfinite_subject(s, k);
    if (s->vg[k].passive || s->vg[k].infinitive) {
      /* catenatives carry modality to the verb they govern: "was expected to leave" */
      dyad_vg *v = &s->vg[k];
      if (v->infinitive && v->inherit >= 0) {
        const dyad_tok *c = &s->t[s->vg[v->inherit].h];
        const char *lem = c->vlemma ? c->vlemma : c->lower;
        if (in_list(lem, future_cat)) v->future = 1;
        if (in_list(lem, hypo_cat)) v->hypothetical = 1;
        if (in_list(lem, neg_cat)) v->negated = 1;
        const dyad_vg *cv = &s->vg[v->inherit];
        v->future |= cv->future; v->negated |= cv->negated;
        if (cv->hypothetical) v->hypothetical = cv->hypothetical;
      }
    }
    if (s->vg[k].object_control) s->vg[k].hypothetical = 1;
    if (demanded_clause(s, k)) s->vg[k].hypothetical = 1;
    /* "was ready to sign", "is willing to meet": readiness is an intention, not the act */
    static const char *const ready[] = {"ready", "willing", "prepared", "eager", "determined", NULL};
    int x = s->vg[k].infinitive ? prev_content(s, s->vg[k].a) : -1;
    if (x >= 0 && in_list(s->t[x].lower, ready)) s->vg[k].future = 1;
  }
  mark_speech(d, s);
  mark_noun_claims(s);
  mark_history(s);
  for (int i = 0; i < s->n; i++)
    if (s->t[i].tag == T_SUB && (word_is(&s->t[i], "if") || word_is(&s->t[i], "unless")))
      for (int k = 0; k < s->nvg; k++) if (s->vg[k].a > i && s->vg[k].a < i + 12) { s->vg[k].conditional = 1; break; }
  return 0;
}
