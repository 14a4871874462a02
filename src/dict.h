/* dict.h - the loaded dictionaries: actors, people with dated roles, agents, verb and noun
 * patterns, word lists, and the CAMEO table; plus the phrase trie the recognizer walks.
 * Everything is owned by the dyad_dict and lives until dyad_dict_free. */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H
/* The code of a pattern that claims a reading and codes nothing (docs/dictionaries.md). */
#define DYAD_NO_EVENT "---"
#include "dyad.h"
#include "date.h"
#include "sanctions.h"
#include "util.h"

enum {
  DYAD_AK_COUNTRY = 0, DYAD_AK_ADJ, DYAD_AK_CAPITAL, DYAD_AK_SEAT, DYAD_AK_IGO, DYAD_AK_GROUP,
  DYAD_AK_CONTEXT, DYAD_AK_PAIR, DYAD_AK_PERSON, DYAD_AK_AGENT, DYAD_AK_NKINDS
};

typedef struct {
  const char *code;       /* role code, e.g. RUSGOV */
  dyad_date from, to;     /* to.y == 0 when still in office */
  const char *text;       /* "RUSGOV 2012-05-07.." for the event's entry field */
  const char *title;
} dyad_role;

typedef struct {
  int kind;               /* DYAD_AK_* */
  const char *code;       /* actor code, or an agent's code of 3 to 6 letters ("GOV", "GOVFRM") */
  const char *codes2;     /* PAIR: the second code; CONTEXT: the needs= list (comma-separated) */
  const char *name;       /* first phrase as written */
  const char *id;         /* stable id: "country:PRK", "person:Vladimir Putin", ... */
  const char *file;
  int line;
  const char *country;    /* PERSON: code when out of office */
  int32_t surname;        /* PERSON: vocab id of the surname word, -1 if none */
  dyad_role *roles;       /* PERSON */
  int nroles;
  int prefix;             /* AGENT: its code goes before the country ("NGO" + "ARN"), not after */
} dyad_actor_entry;

/* One phrase in the trie's match list. */
typedef struct {
  int32_t entry;          /* index into actors */
  uint8_t exact_case;     /* ALL-CAPS phrase: must appear in capitals */
  uint8_t need_cap;       /* the first word must be capitalized in text */
  uint8_t ntok;
  int32_t next;           /* next phrase ending at the same trie node, -1 */
} dyad_phrase;

typedef struct { uint64_t key; int32_t child; } dyad_trie_edge;

/* `@` (DYAD_PE_SOURCE) names the source after the head; `^` (DYAD_PE_ACTOR) passes over one actor. */
enum { DYAD_PE_WORD = 0, DYAD_PE_SET, DYAD_PE_SKIP, DYAD_PE_TARGET, DYAD_PE_SOURCE, DYAD_PE_ACTOR };
typedef struct { uint8_t kind; int32_t id; } dyad_pelem;   /* id: vocab id or set index */

typedef struct {
  int noun;               /* 0 verb pattern, 1 noun pattern */
  const char *code;
  int32_t head;           /* vocab id of the head lemma */
  dyad_pelem *el;
  int nel;
  int spec;               /* specificity: literal words and sets (before and after the head) */
  int has_target;
  int has_source;         /* an `@` element: the source is named after the head, the subject is the target */
  dyad_pelem *pre;        /* words before the head, in text order (`; before ...`), or NULL */
  int npre;
  int compound;           /* `; compound`: only when the subject names several actors */
  const char *reverse;    /* `; reverse CODE`: the target does CODE back to the source, or NULL */
  int32_t form;           /* `; form WORD`: vocab id of the only word form the head may take, -1 any */
  int32_t need[3];        /* vocab ids of its first three literal words after the head, -1 none:
                             a region holding none of a need's forms cannot match (coder.c) */
  const char *id, *file, *text;
  int line;
  int32_t next;           /* next pattern with the same head and kind, -1 */
} dyad_pattern;

typedef struct {
  const char *code, *plover, *label;
  char root[3];
  int quad;
  double goldstein;
} dyad_cameo;

typedef struct {
  const char *name; int32_t *ids; size_t n; const char *file; int line;   /* sorted vocab ids */
  uint64_t bloom;   /* bit (id & 63) set for each id: a quick "not in the set"; 0 = not computed */
} dyad_wordset;

struct dyad_dict {
  dyad_arena arena;       /* every string and array below */
  dyad_intern vocab;      /* lowercase words and lemmas */
  dyad_actor_entry *actors; size_t nactors, capactors;
  /* trie over vocab ids: node 0 is the root */
  dyad_trie_edge *edges; size_t nedge_slots, nedges;
  int32_t *node_first;    /* first phrase index ending at a node, -1 */
  size_t nnodes, capnodes;
  dyad_phrase *phrases; size_t nphrases, capphrases;
  dyad_pattern *patterns; size_t npatterns, cappatterns;
  int32_t *verb_first, *noun_first; size_t head_cap;   /* by vocab id */
  dyad_wordset *sets; size_t nsets, capsets;           /* synonym sets and word lists */
  dyad_cameo *cameo; size_t ncameo, capcameo;
  int16_t *cameo_index;   /* by digits*10000 + value: index into cameo + 1, 0 when absent */
  int foreign;            /* codes outside the CAMEO table were accepted (DYAD_DICT_ANY_CODE) */
  int petrarch;           /* PETRARCH's conventions (set by dyad_petrarch_dict): an agent named
                             without a country is an actor of the null country "---" ("---GOV"),
                             and an event of any code may stand without a target */
  size_t people, roles, agents;
  dyad_date as_of;
  dyad_sanctions *sanctions;   /* regimes and goods from sanctions/ (sanctions.h) */
  int oom;                /* an allocation failed while loading: the load is refused whole */
};

/* One dictionary file held in memory: path relative to the dictionary root ("actors/x.txt",
 * "verbs/y.txt", "agents.txt", "cameo.tsv", "lexicon/z.txt") decides how it is read. */
typedef struct { const char *path; const char *data; size_t size; } dyad_dict_text;

enum { DYAD_DICT_ANY_CODE = 1u << 0 };   /* accept event codes missing from cameo.tsv */

/* Loads dictionaries from files in memory (converters from other formats produce these).
 * Same rules and diagnostics as dyad_dict_load. */
dyad_dict *dyad_dict_load_texts(const dyad_dict_text *files, size_t n, unsigned flags, dyad_diag *diag);

/* Is c an actor or role code: 3 to 15 uppercase letters or digits ("PRK", "RUSGOV", "IGOUNO")? */
int dyad_valid_code(const char *c);

/* Vocab id of a lowercase word, or -1. */
int32_t dyad_dict_word(const dyad_dict *d, const char *w, size_t n);
/* Walks one trie edge; returns the child node or -1. */
int32_t dyad_dict_step(const dyad_dict *d, int32_t node, int32_t word);
/* The CAMEO row of a code, or NULL. */
const dyad_cameo *dyad_dict_cameo(const dyad_dict *d, const char *code);
/* The word list or synonym set called name, or NULL. */
const dyad_wordset *dyad_dict_set(const dyad_dict *d, const char *name);
int dyad_wordset_has(const dyad_wordset *s, int32_t word);
/* The role a person holds on a date, or NULL. */
const dyad_role *dyad_person_role(const dyad_actor_entry *p, dyad_date on);
#endif
