/* placedata.c - loads dyad's own place lists (see placedata.h): one line per place,
 * "KIND ALPHA3 CODE LAT LON Name | Alias ...", names keyed by their folded form. */
#include "placedata.h"
#include "alloc.h"
#include "placekey.h"
#include "util.h"
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OWN_MAX 8192        /* hard cap on entries */
#define OWN_MAX_NAMES 32768 /* hard cap on names and aliases */

typedef struct { int32_t entry, next; } name_node;

struct dyad_places {
  dyad_arena arena;                        /* names and file names */
  dyad_ownplace *v; size_t n;              /* entries, capacity OWN_MAX */
  dyad_intern keys;                        /* folded name -> id */
  dyad_intern firsts;                      /* first words of the names */
  int32_t *first; size_t cap_first;        /* id -> first name node, -1 */
  name_node *nodes; size_t nnodes;         /* capacity OWN_MAX_NAMES */
  dyad_intern codes3, codes2;              /* country code -> id; id -> entry in country3/2 */
  int32_t country3[512], country2[512];
  size_t counts[5];
  unsigned maxwords;
};

typedef struct { dyad_places *p; dyad_diag *diag; const char *file; int line; long bad; } loader;

static void bad(loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(loader *L, const char *fmt, ...) {
  char msg[512];
  int k = snprintf(msg, sizeof msg, "%s:%d: error: ", L->file, L->line);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
  va_end(ap);
  L->bad++;
  if (L->diag) {
    L->diag->count++;
    if (L->diag->fn) L->diag->fn(msg, L->diag->ctx);
  }
}

/* Links name (raw, n bytes) to entry e; returns -1 when memory runs out. */
static int add_name(dyad_places *p, const char *name, size_t n, int32_t e, unsigned *words) {
  char key[DYAD_PLACE_KEY_MAX];
  size_t kn = dyad_place_key(name, n, key, sizeof key);
  if (!kn || p->nnodes >= OWN_MAX_NAMES) return 0;
  int32_t id = dyad_intern_add(&p->keys, key, kn);
  if (id < 0) return -1;
  if ((size_t)id >= p->cap_first) {
    size_t cap = p->cap_first ? p->cap_first * 2 : 1024;
    int32_t *f = dyad_realloc(p->first, cap * sizeof *f);
    if (!f) return -1;
    for (size_t i = p->cap_first; i < cap; i++) f[i] = -1;
    p->first = f; p->cap_first = cap;
  }
  size_t fw = 0;
  while (fw < kn && key[fw] != ' ') fw++;
  if (dyad_intern_add(&p->firsts, key, fw) < 0) return -1;
  if (p->first[id] >= 0 && p->nodes[p->first[id]].entry == e) return 0;   /* "Korean peninsula | Korean Peninsula" */
  p->nodes[p->nnodes] = (name_node){e, p->first[id]};
  p->first[id] = (int32_t)p->nnodes++;
  unsigned w = 1;
  for (size_t i = 0; i < kn; i++) w += key[i] == ' ';
  if (w > *words) *words = w;
  return 0;
}

static int kind_of(const char *w) {
  if (!strcmp(w, "country")) return DYAD_OWN_COUNTRY;
  if (!strcmp(w, "region")) return DYAD_OWN_REGION;
  if (!strcmp(w, "place")) return DYAD_OWN_PLACE;
  if (!strcmp(w, "city")) return DYAD_OWN_CITY;
  return 0;
}

static int upper_code(const char *s, size_t n) {
  if (strlen(s) != n) return 0;
  for (size_t i = 0; i < n; i++) if (s[i] < 'A' || s[i] > 'Z') return 0;
  return 1;
}

/* Checks the fields of one line; returns 0 when they are good (else reports and returns -1). */
static int check_fields(loader *L, int kind, const char *cc3, const char *code, double lat, double lon) {
  if (kind == DYAD_OWN_COUNTRY && !upper_code(cc3, 3)) { bad(L, "country code '%s' is not three capitals (ISO alpha-3)", cc3); return -1; }
  if (kind == DYAD_OWN_COUNTRY && strcmp(code, "-") && !upper_code(code, 2)) { bad(L, "'%s' is not an ISO alpha-2 code (two capitals, or -)", code); return -1; }
  if (kind != DYAD_OWN_COUNTRY && strcmp(cc3, "-") && !upper_code(cc3, 3)) { bad(L, "country '%s' is not an ISO alpha-3 code or -", cc3); return -1; }
  if (strlen(code) >= 8) { bad(L, "code '%s' is longer than 7 characters", code); return -1; }
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) { bad(L, "latitude %g or longitude %g out of range: write decimal degrees, latitude first", lat, lon); return -1; }
  return 0;
}

static int index_country(dyad_places *p, loader *L, const dyad_ownplace *o, int32_t e) {
  int32_t id = dyad_intern_add(&p->codes3, o->cc3, 3);
  if (id < 0) return -1;
  if (id >= 512) { bad(L, "more than 512 countries"); return 0; }
  if ((size_t)id + 1 < p->codes3.count || p->country3[id] >= 0) { bad(L, "country %s listed twice", o->cc3); return 0; }
  p->country3[id] = e;
  if (strlen(o->code) == 2) {
    int32_t id2 = dyad_intern_add(&p->codes2, o->code, 2);
    if (id2 < 0) return -1;
    if (id2 < 512) p->country2[id2] = e;
  }
  return 0;
}

/* Parses one trimmed line; returns -1 when memory runs out. */
static int load_line(loader *L, char *s) {
  char kw[16], cc3[16], code[16];
  double lat, lon;
  int used = 0;
  if (sscanf(s, "%15s %15s %15s %lf %lf %n", kw, cc3, code, &lat, &lon, &used) < 5 || !used) {
    bad(L, "expected 'KIND ALPHA3 CODE LAT LON Name | Alias ...'");
    return 0;
  }
  int kind = kind_of(kw);
  if (!kind) { bad(L, "unknown kind '%s': use country, region, place or city", kw); return 0; }
  if (check_fields(L, kind, cc3, code, lat, lon)) return 0;
  if (L->p->n >= OWN_MAX) { bad(L, "more than %d places", OWN_MAX); return 0; }
  dyad_ownplace *o = &L->p->v[L->p->n];
  memset(o, 0, sizeof *o);
  o->kind = kind; o->lat = lat; o->lon = lon; o->file = L->file; o->line = L->line;
  if (strcmp(cc3, "-")) memcpy(o->cc3, cc3, 4);
  if (strcmp(code, "-")) memcpy(o->code, code, strlen(code) + 1);
  int32_t e = (int32_t)L->p->n;
  for (char *name = s + used; name && *name;) {
    char *bar = strchr(name, '|');
    size_t len = bar ? (size_t)(bar - name) : strlen(name);
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t')) len--;
    while (len && (*name == ' ' || *name == '\t')) { name++; len--; }
    if (len && !o->name && !(o->name = dyad_arena_strndup(&L->p->arena, name, len))) return -1;
    if (len && add_name(L->p, name, len, e, &L->p->maxwords)) return -1;
    name = bar ? bar + 1 : NULL;
  }
  if (!o->name) { bad(L, "no name after the coordinates"); return 0; }
  L->p->n++;
  L->p->counts[kind]++;
  return kind == DYAD_OWN_COUNTRY ? index_country(L->p, L, o, e) : 0;
}

static int load_file(loader *L, const char *data, size_t size) {
  char buf[1024];
  L->line = 0;
  for (size_t i = 0; i < size;) {
    size_t e = i;
    while (e < size && data[e] != '\n') e++;
    L->line++;
    size_t len = e - i;
    if (len >= sizeof buf) { bad(L, "line longer than 1023 bytes"); i = e + 1; continue; }
    memcpy(buf, data + i, len);
    buf[len] = 0;
    i = e + 1;
    char *hash = strchr(buf, '#');
    if (hash) *hash = 0;
    char *s = buf;
    while (*s == ' ' || *s == '\t' || *s == '\r') s++;
    size_t sl = strlen(s);
    while (sl && (s[sl - 1] == ' ' || s[sl - 1] == '\t' || s[sl - 1] == '\r')) s[--sl] = 0;
    if (*s && load_line(L, s)) return -1;
  }
  return 0;
}

static dyad_places *places_new(void) {
  dyad_places *p = dyad_calloc(1, sizeof *p);
  if (!p) return NULL;
  dyad_arena_init(&p->arena);
  dyad_intern_init(&p->keys);
  dyad_intern_init(&p->firsts);
  dyad_intern_init(&p->codes3);
  dyad_intern_init(&p->codes2);
  for (int i = 0; i < 512; i++) p->country3[i] = p->country2[i] = -1;
  p->v = dyad_calloc(OWN_MAX, sizeof *p->v);
  p->nodes = dyad_calloc(OWN_MAX_NAMES, sizeof *p->nodes);
  if (!p->v || !p->nodes) { dyad_places_free(p); return NULL; }
  return p;
}

static dyad_places *load_counting(const dyad_embedded_file *files, size_t n, dyad_diag *diag, long *nbad) {
  dyad_places *p = places_new();
  if (!p) return NULL;
  loader L = {p, diag, NULL, 0, 0};
  for (size_t i = 0; i < n; i++) {
    if (!files[i].path || strncmp(files[i].path, "places/", 7) != 0) continue;
    if (!(L.file = dyad_arena_strndup(&p->arena, files[i].path, strlen(files[i].path))) ||
        load_file(&L, files[i].data, files[i].size)) { dyad_places_free(p); return NULL; }
  }
  if (nbad) *nbad = L.bad;
  return p;
}

dyad_places *dyad_places_load(const dyad_embedded_file *files, size_t n, dyad_diag *diag) {
  return load_counting(files, n, diag, NULL);
}

dyad_places *dyad_places_load_embedded(dyad_diag *diag) {
  size_t n = 0;
  while (dyad_embedded_files[n].path) n++;
  return dyad_places_load(dyad_embedded_files, n, diag);
}

void dyad_places_free(dyad_places *p) {
  if (!p) return;
  dyad_arena_free(&p->arena);
  dyad_intern_free(&p->keys);
  dyad_intern_free(&p->firsts);
  dyad_intern_free(&p->codes3);
  dyad_intern_free(&p->codes2);
  free(p->first);
  free(p->v);
  free(p->nodes);
  free(p);
}

int dyad_places_find(const dyad_places *p, const char *key, size_t n, const dyad_ownplace **out, int max) {
  int32_t id = dyad_intern_find(&p->keys, key, n);
  int k = 0;
  if (id < 0 || (size_t)id >= p->cap_first) return 0;
  for (int32_t x = p->first[id]; x >= 0 && k < max; x = p->nodes[x].next) out[k++] = &p->v[p->nodes[x].entry];
  return k;
}

int dyad_places_first_word(const dyad_places *p, const char *word, size_t n) {
  return dyad_intern_find(&p->firsts, word, n) >= 0;
}

const dyad_ownplace *dyad_places_country(const dyad_places *p, const char *cc3) {
  if (!cc3 || strlen(cc3) < 3) return NULL;
  int32_t id = dyad_intern_find(&p->codes3, cc3, 3);
  return id >= 0 && id < 512 && p->country3[id] >= 0 ? &p->v[p->country3[id]] : NULL;
}

const dyad_ownplace *dyad_places_country2(const dyad_places *p, const char *cc2) {
  int32_t id = cc2 && strlen(cc2) == 2 ? dyad_intern_find(&p->codes2, cc2, 2) : -1;
  return id >= 0 && id < 512 && p->country2[id] >= 0 ? &p->v[p->country2[id]] : NULL;
}

size_t dyad_places_count(const dyad_places *p, int kind) { return kind > 0 && kind < 5 ? p->counts[kind] : 0; }
unsigned dyad_places_maxwords(const dyad_places *p) { return p->maxwords; }

/* Reads DIR/places/NAME into files[*n] (path "places/NAME"); -1 on failure. */
static int read_place_file(const char *dir, const char *name, dyad_embedded_file *f) {
  char path[4096];
  snprintf(path, sizeof path, "%s/places/%s", dir, name);
  FILE *fp = fopen(path, "rb");
  if (!fp) return -1;
  size_t cap = 4u << 20;   /* hard cap: a place list larger than 4 MB is refused */
  char *data = dyad_malloc(cap + 1);
  size_t got = data ? fread(data, 1, cap + 1, fp) : 0;
  fclose(fp);
  char *rel = dyad_malloc(strlen(name) + 8);
  if (!data || !rel || got > cap) { free(data); free(rel); return -1; }
  data[got] = 0;
  snprintf(rel, strlen(name) + 8, "places/%s", name);
  *f = (dyad_embedded_file){rel, data, got};
  return 0;
}

long dyad_places_check(const char *dir, dyad_diag *diag) {
  long nbad = 0;
  if (!dir) {
    size_t n = 0;
    while (dyad_embedded_files[n].path) n++;
    dyad_places *p = load_counting(dyad_embedded_files, n, diag, &nbad);
    dyad_places_free(p);
    return p ? nbad : -1;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/places", dir);
  DIR *d = opendir(path);
  if (!d) return 0;   /* a dictionary without places/ uses the built-in ones */
  dyad_embedded_file files[64];
  size_t n = 0;
  long rc = 0;
  for (struct dirent *de; (de = readdir(d)) && n < 64;) {
    size_t len = strlen(de->d_name);
    if (len < 5 || strcmp(de->d_name + len - 4, ".txt")) continue;
    if (read_place_file(dir, de->d_name, &files[n])) { rc = -1; break; }
    n++;
  }
  closedir(d);
  if (rc == 0) {
    dyad_places *p = load_counting(files, n, diag, &nbad);
    rc = p ? nbad : -1;
    dyad_places_free(p);
  }
  for (size_t i = 0; i < n; i++) { free((char *)files[i].path); free((char *)files[i].data); }
  return rc;
}
