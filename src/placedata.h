/* placedata.h - dyad's own places (data/places/, one .txt file per list; format in docs/place.md): states with their
 * centres and ISO codes, first-level regions, and well-known places that are not cities. Loaded
 * from the embedded data (or a directory), looked up by folded name or by country code. */
#ifndef DYAD_PLACEDATA_H
#define DYAD_PLACEDATA_H
#include "dyad.h"
#include "embedded.h"

enum { DYAD_OWN_COUNTRY = 1, DYAD_OWN_REGION, DYAD_OWN_PLACE, DYAD_OWN_CITY };

typedef struct {
  int kind;              /* DYAD_OWN_* */
  char cc3[4];           /* ISO alpha-3, "" for a place between states */
  char code[8];          /* country: its alpha-2; region: its GeoNames admin1 code; else "" */
  double lat, lon;
  const char *name;      /* the first name on the line, NUL-terminated */
  const char *file;      /* "places/countries.txt" */
  int line;
} dyad_ownplace;

typedef struct dyad_places dyad_places;

/* Loads every file of files[0..n) whose path starts with "places/"; bad lines are reported
 * through diag (may be NULL) as "FILE:LINE: error: ..." and skipped. Returns NULL only when
 * memory runs out. The caller frees with dyad_places_free. */
dyad_places *dyad_places_load(const dyad_embedded_file *files, size_t n, dyad_diag *diag);
/* The places compiled into the binary (dyad_embedded_files). */
dyad_places *dyad_places_load_embedded(dyad_diag *diag);
void dyad_places_free(dyad_places *p);

/* Places whose name or alias has key[0..n) (folded with dyad_place_key): writes at most max
 * borrowed pointers to out and returns how many were written. */
int dyad_places_find(const dyad_places *p, const char *key, size_t n, const dyad_ownplace **out, int max);
/* Does some name start with the (folded) word[0..n)? A quick test before trying longer spans. */
int dyad_places_first_word(const dyad_places *p, const char *word, size_t n);
/* The state with alpha-3 code cc3 (only its first three characters are read), or NULL. */
const dyad_ownplace *dyad_places_country(const dyad_places *p, const char *cc3);
/* The state with alpha-2 code cc2, or NULL. */
const dyad_ownplace *dyad_places_country2(const dyad_places *p, const char *cc2);
/* Counts: entries of each kind (index DYAD_OWN_*), and the most words in one name. */
size_t dyad_places_count(const dyad_places *p, int kind);
unsigned dyad_places_maxwords(const dyad_places *p);

/* `dyad dict check` for places: loads the .txt files in DIR/places/ (or the embedded files when dir is NULL),
 * reports each bad line through diag and returns how many there were (-1 when a directory could
 * not be read or memory ran out). */
long dyad_places_check(const char *dir, dyad_diag *diag);
#endif
