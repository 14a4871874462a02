/* sentence.h - one sentence under analysis: tokens with tags and lemmas, actor mentions, noun
 * groups and verb groups. The stages fill it in order: tag (tag.c) -> recognize (actors.c) ->
 * parse (parse.c) -> code (coder.c). Everything lives in the coder's per-sentence arena. */
#ifndef DYAD_SENTENCE_H
#define DYAD_SENTENCE_H
#include "dict.h"
#include "date.h"
#include "token.h"

enum {
  T_WORD = 0, T_DET, T_PRON, T_PPOSS, T_PREP, T_CC, T_SUB, T_REL, T_AUX, T_MODAL, T_NEG, T_TO,
  T_ADV, T_ADJ, T_NOUN, T_PROPN, T_VERB, T_NUM, T_PUNCT, T_QUOTE, T_POSS
};
enum { VF_NONE = 0, VF_BASE, VF_3SG, VF_PAST, VF_ING };
/* auxiliaries: which verb they are a form of */
enum { AUX_BE = 1, AUX_HAVE, AUX_DO };

typedef struct {
  uint32_t start, end;     /* byte span in the document */
  uint8_t kind;            /* DYAD_TK_* */
  uint8_t tag;             /* T_* */
  uint8_t vform;           /* VF_* for verbs */
  uint8_t aux;             /* AUX_* for T_AUX */
  uint8_t cap, allcaps, quoted, plural;
  int32_t word;            /* vocab id of the lowercase form, -1 if unknown to the dictionaries */
  int32_t lemv, lemn;      /* vocab ids of the verb and noun lemmas, -1 */
  unsigned lexpos;         /* WordNet POS bits (1 << DYAD_LEX_x) */
  unsigned fv, fn;         /* WordNet tagged-sense counts as verb and noun */
  const char *lower;       /* lowercase form, NUL-terminated (arena) */
  const char *vlemma;      /* verb lemma, NUL-terminated (arena), or NULL: known even when no
                              dictionary uses the word, for the grammar's own word lists */
  int16_t mention;         /* index of the mention covering this token, -1 */
  int16_t np;              /* index of the noun group covering this token, -1 */
} dyad_tok;

#define DYAD_MAX_REFS 6
#define DYAD_MAX_MODS 2   /* agents stacked before a mention's head agent ("Islamist media") */

/* One actor a mention names. */
typedef struct {
  const dyad_actor_entry *entry;  /* person, country, igo, ... (NULL for a bare agent) */
  const dyad_actor_entry *agent;  /* the head agent combined with it ("media"), or NULL */
  const dyad_actor_entry *mods[DYAD_MAX_MODS];   /* agents before the head, in text order ("Islamist") */
  int nmods;
  const dyad_role *role;          /* dated role applied */
  char code[24];
  const char *how;
  const char *place;              /* "place:NAME" when a gazetteer place stands for the state, else NULL */
} dyad_ref;

typedef struct {
  int t0, t1;               /* tokens [t0, t1) */
  int nref;
  dyad_ref refs[DYAD_MAX_REFS];
  int head_kind;            /* DYAD_AK_* of the entry that ends the mention */
  int modifier;             /* an adjective before a non-agent noun: "a Russian veto" */
  int place;                /* after a locative preposition: "in Pyongyang" */
  int person;               /* names a person (for pronoun coreference) */
  const dyad_actor_entry *agent;  /* a bare agent's sector entry ("officials"), when nref == 0 */
  const dyad_actor_entry *mods[DYAD_MAX_MODS];   /* a bare agent's stacked agents before it */
  int nmods;
} dyad_mention;

typedef struct {
  int t0, t1;               /* tokens [t0, t1); head is t1-1 */
  int mention;              /* mention ending at the head, -1 */
  int pron;                 /* a pronoun */
} dyad_np;

typedef struct {
  int a, h;                 /* first token (auxiliaries) and head verb token */
  int end;                  /* region after the head: (h, end) */
  int finite, passive, infinitive, gerund;
  int negated, future, hypothetical, conditional;
  int subj;                 /* noun group of the subject, -1 */
  int subj2[DYAD_MAX_REFS]; /* further coordinated subject groups */
  int nsubj2;
  int inherit;              /* verb group whose subject this one shares, -1 */
  int speech;               /* stance if the verb reports speech (DYAD_STANCE_*), else 0 */
  int speaker_vg;           /* the speech verb group this clause is reported under, -1 */
  int object_control;       /* "urge X to V": X is the subject of the infinitive */
  int relative;             /* "a citizen who had been held": the subject is the antecedent of "who" */
  int historical;
  int consumed;             /* coder: a governing verb's pattern already coded this clause */
  int coded_end;            /* coder: end of the words this verb's event explained, 0 if none */
  int noun_stance;          /* under "accusations that ...": DYAD_STANCE_ALLEGE, else 0 */
  int noun_speaker;         /* mention that made those accusations ("U.S. accusations"), -1 */
} dyad_vg;

typedef struct {
  const char *text;         /* the document text */
  size_t start, end;        /* sentence span */
  dyad_tok *t; int n;
  dyad_mention *m; int nm;
  dyad_np *np; int nnp;
  dyad_vg *vg; int nvg;
  dyad_date_hit dates[16]; size_t ndates;
  int headline;
} dyad_sentence;

/* Document-level memory for coreference: who was named last. */
typedef struct {
  const dyad_actor_entry *persons[64]; int npersons;   /* people named in full, in order */
  dyad_ref last_person[3];  int nlast_person;           /* most recent first */
  dyad_ref last_country[2]; int nlast_country;
  dyad_ref last_group[DYAD_MAX_REFS]; int nlast_group;  /* the last compound mention */
  unsigned char needs_seen[64][4]; int nneeds;          /* country codes seen (for context entries) */
  dyad_ref last_event_src; int has_last_event;          /* who did the last event reported */
} dyad_docmem;

/* actors.c: moves a person to the front of the document's memory. */
void dyad_push_person(dyad_docmem *mem, const dyad_ref *r);
/* tag.c: a cache of what the lexicon says of each word form (one per coder, not shared). */
typedef struct dyad_lexcache dyad_lexcache;
dyad_lexcache *dyad_lexcache_new(void);
void dyad_lexcache_free(dyad_lexcache *c);
/* tag.c: tokenize and tag a sentence; returns 0 or -1 on memory exhaustion. */
int dyad_tag_sentence(const dyad_dict *d, dyad_lexcache *cache, dyad_arena *a, dyad_sentence *s);
/* actors.c: find actor mentions and resolve them on a date with the document's memory. */
int dyad_recognize(const dyad_dict *d, dyad_arena *a, dyad_sentence *s, dyad_date on, dyad_docmem *mem);
/* actors.c: a lowercase word that may stand between a preposition and a place's name ("in
 * southern Lebanon", "through central Budapest", "in occupied Kherson"). */
int dyad_place_modifier(const char *w);
/* parse.c: noun groups, verb groups, subjects, regions, modality, reported speech. */
int dyad_parse(const dyad_dict *d, dyad_arena *a, dyad_sentence *s);
/* parse.c: a verb of demanding, urging or proposing (lemma), whose "that" clause has not happened
 * ("demanded that Israel withdraw"); NULL is none. */
int dyad_demand_verb(const char *lemma);
/* parse.c: "thousands of X", "one of its ships": the group after "of" when a quantity or
 * membership noun heads np and names no actor itself (and, unless any, when that group's head
 * names one); else np. */
int dyad_quantity_head(const dyad_sentence *s, int np, int any);
/* Closed-class lookup (closed.c): returns a T_* tag or T_WORD, and the aux kind. */
int dyad_closed_class(const char *w, size_t n, uint8_t *aux);
#endif
