/* dyad.h - the public API of dyad, an event-data engine: news text in, explained CAMEO-coded
 * dyadic events out.
 *
 * Ownership, once for the whole API: a function that returns a new object (dyad_dict_load,
 * dyad_coder_new) transfers it to the caller, who frees it with the matching _free. Everything
 * reachable from a dyad_event handed to an emit callback (strings, views) borrows from the
 * document or the dictionary and is valid only during that callback: copy what you keep.
 *
 * Errors are values: functions return 0 (DYAD_OK) or a DYAD_E* status, and fill a dyad_diag
 * with a message that names the file and line and says what to do. */
#ifndef DYAD_H
#define DYAD_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum dyad_status {
  DYAD_OK = 0,
  DYAD_EINPUT = 1,   /* some input was rejected (bad line, unreadable file); the rest was coded */
  DYAD_EUSAGE = 2,   /* bad options or arguments */
  DYAD_ENOMEM = 3,   /* memory ran out */
  DYAD_EDICT = 4     /* a dictionary could not be loaded at all */
};

/* A borrowed view of bytes: not NUL-terminated unless said so. */
typedef struct { const char *p; size_t n; } dyad_str;

/* Diagnostics sink: warnings and errors, each already formatted as "FILE:LINE: message". */
typedef void (*dyad_diag_fn)(const char *msg, void *ctx);
typedef struct { dyad_diag_fn fn; void *ctx; size_t count; } dyad_diag;

/* ---- dictionaries ---------------------------------------------------------------------- */
typedef struct dyad_dict dyad_dict;

/* Loads dictionaries from dir (laid out like the source tree's data/), or the ones embedded in
 * the binary when dir is NULL. Malformed lines are reported through diag (may be NULL) and
 * skipped. Returns NULL with a message through diag when nothing usable could be loaded. */
dyad_dict *dyad_dict_load(const char *dir, dyad_diag *diag);
void dyad_dict_free(dyad_dict *d);

typedef struct {
  size_t actors, people, roles, agents, patterns, verb_lemmas, sets, codes, lemmas;
  char as_of[11];   /* latest role start date in the dictionary, YYYY-MM-DD */
} dyad_dict_stats;
void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *out);

/* ---- events ------------------------------------------------------------------------------ */
enum { DYAD_STANCE_NONE = 0, DYAD_STANCE_ASSERT, DYAD_STANCE_ALLEGE, DYAD_STANCE_DENY, DYAD_STANCE_CONFIRM };
enum { DYAD_DATE_DAY = 0, DYAD_DATE_MONTH = 1, DYAD_DATE_YEAR = 2 };

typedef struct {
  const char *code;     /* NUL-terminated, e.g. "RUSGOV", "PRK", "IGOUNO" */
  dyad_str name;        /* the dictionary's name for the actor */
  dyad_str text;        /* the words in the sentence that named it */
  size_t start, end;    /* byte span of text in the normalized document */
  const char *entry;    /* stable id of the dictionary entry, e.g. "person:Vladimir Putin" */
  const char *role;     /* the dated role applied ("RUSGOV 2012-05-07..") or NULL */
  const char *file;     /* where the entry stands */
  int line;
  const char *how;      /* how it was found: "name", "agent", "coref:surname", "coref:pronoun", ... */
  const char *agent;    /* id of the sector entry combined with it ("agent:officials"), or NULL */
} dyad_actor;

/* A sanctions measure an event may fall under (sanctions.c, data/sanctions/, docs/sanctions.md). */
typedef struct {
  const char *regime;         /* regime id, e.g. "un-dprk" */
  const char *target;         /* the regime's target codes, comma-separated, e.g. "PRK" */
  const char *measure;        /* measure id within the regime, e.g. "luxury-goods" */
  const char *basis;          /* "reported", "alleged", "hypothetical" or "denied" */
  const char *category;       /* goods category matched ("luxury"), or "listed" for a listed person */
  const char *legal;          /* the legal basis of the measure as in force on the event's date */
  const char *file;           /* where that measure line stands */
  int line;
  size_t start, end;          /* span of the goods (or the listed person) in the normalized document */
} dyad_sanction;
#define DYAD_MAX_SANCTIONS 8  /* flags kept per event */

/* Where an event happened (issue 6): the place of its own clause, else of its sentence, else the
 * dateline's, else the document's focus; name is NULL when none of these names a place. */
enum { DYAD_PLACE_CITY = 0, DYAD_PLACE_ADMIN1, DYAD_PLACE_COUNTRY, DYAD_PLACE_REGION };
enum { DYAD_BASIS_CLAUSE = 0, DYAD_BASIS_SENTENCE, DYAD_BASIS_DATELINE, DYAD_BASIS_DOCUMENT };
typedef struct {
  const char *name;     /* NUL-terminated display name ("Pyongyang"), or NULL: no place */
  char country[4];      /* ISO alpha-3 like actor codes, "" for a place between states */
  char admin1[8];       /* first-level region code (GeoNames), "" when unknown */
  double lat, lon;      /* degrees */
  int precision;        /* DYAD_PLACE_*: a city, a region, a country, or a place such as a sea */
  int basis;            /* DYAD_BASIS_*: which rule found it */
  size_t start, end;    /* byte span of the words that named it in the normalized document */
} dyad_place;

typedef struct {
  const char *doc;            /* document id */
  int sent;                   /* sentence index in the document, from 0 */
  char id[48];                /* "<doc hash>-<sent>-<n>" */
  char date[11];              /* YYYY-MM-DD */
  int date_precision;         /* DYAD_DATE_* */
  const dyad_actor *source;   /* NULL when unknown */
  const dyad_actor *target;   /* NULL when none */
  const char *code;           /* CAMEO code, leading zeros kept */
  char root[3];
  int quad;
  double goldstein;
  const char *plover;
  struct { int negated, future, hypothetical, conditional, historical; } mode;
  int stance;                 /* DYAD_STANCE_* (NONE when not reported speech) */
  const dyad_actor *speaker;  /* who said it, or NULL */
  dyad_str evidence;          /* the sentence */
  size_t ev_start, ev_end;    /* its span in the normalized document */
  size_t verb_start, verb_end;/* the words that told the event */
  struct {
    const char *id;           /* stable rule id, e.g. "057:sign * &AGREEMENT" or "grammar:..." */
    const char *file;
    int line;
    const char *pattern;
    const char *grammar;      /* the grammar path that applied it: "svo", "passive", "noun", ... */
  } rule;
  const dyad_sanction *sanctions;  /* measures the event may fall under (nsanctions of them) */
  int nsanctions;
  dyad_place place;           /* where it happened */
} dyad_event;

/* Called once per event; return nonzero to stop coding the current document. */
typedef int (*dyad_emit_fn)(const dyad_event *ev, void *ctx);

/* ---- coding -------------------------------------------------------------------------------- */
typedef struct dyad_coder dyad_coder;

typedef struct {
  const char *id;      /* document id (JSON "id", file path, or "-") */
  const char *date;    /* YYYY-MM-DD the relative dates resolve against; NULL = today */
  const char *outlet;  /* outlet name, never coded as an actor; may be NULL */
} dyad_docinfo;

dyad_coder *dyad_coder_new(const dyad_dict *d);
void dyad_coder_free(dyad_coder *c);

/* Codes one document of normalized text (see dyad_normalize in the CLI) and hands every event
 * to emit. Returns DYAD_OK, or DYAD_ENOMEM. */
int dyad_code_document(dyad_coder *c, const dyad_docinfo *info, const char *text, size_t n,
                       dyad_emit_fn emit, void *ctx);

const char *dyad_version(void);

#ifdef __cplusplus
}
#endif
#endif
