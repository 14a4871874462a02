/* genlemma.c - build-time generator: reads Debian's wordnet-base index and exception files and
 * writes the static lexicon tables that src/lemma.c searches (a string pool, a sorted array of
 * base forms with their POS set and tagged-sense counts, and the sorted exception list).
 * Usage: dyad-genlemma WORDNET_DIR OUT.c */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GL_MAX_FILE (64u * 1024u * 1024u) /* hard cap on one WordNet file */
#define GL_MAX_RECS 2000000u              /* hard cap on records of one kind */
#define GL_NPOS 4

static const char *const gl_pos_names[GL_NPOS] = {"noun", "verb", "adj", "adv"};

/* One (word, POS) fact from an index file, or (form -> base, POS) from an exception file. */
typedef struct {
  const char *word;  /* base form (index) or inflected form (exception) */
  const char *base;  /* exception target; NULL for index records */
  unsigned pos;      /* 0..3 */
  unsigned freq;     /* tagsense_cnt (index records only) */
  size_t seq;        /* input order, for deterministic tie-breaking */
} gl_rec;

typedef struct {
  gl_rec *v;
  size_t n, cap;
} gl_vec;

/* A merged base form: POS bit set plus tagsense count per POS. */
typedef struct {
  const char *word;
  unsigned pos;
  unsigned freq[GL_NPOS];
} gl_base;

typedef struct {
  char *files[2 * GL_NPOS]; /* file contents kept alive: records point into them */
  gl_vec idx, exc;
  const char **strs;        /* sorted unique strings = pool order */
  size_t nstrs;
  size_t *offs;             /* pool offset of strs[i] */
  gl_base *bases;
  size_t nbases;
} gl_ctx;

static void gl_die(const char *what, const char *detail) {
  fprintf(stderr, "dyad-genlemma: %s: %s\n", what, detail);
  exit(1);
}

static void *gl_xalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p) gl_die("out of memory", "free memory or build on a larger machine");
  return p;
}

/* Reads a whole file into a NUL-terminated heap buffer; exits with a message on failure. */
static char *gl_slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) gl_die(path, "cannot open (install wordnet-base: apt-get install wordnet-base)");
  size_t cap = 1 << 20, n = 0;
  char *buf = gl_xalloc(cap + 1, 1);
  for (;;) {
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n < cap) break;
    if (cap >= GL_MAX_FILE) gl_die(path, "file larger than 64 MB; is this really WordNet?");
    cap *= 2;
    char *nb = realloc(buf, cap + 1);
    if (!nb) gl_die("out of memory", path);
    buf = nb;
  }
  if (ferror(f)) gl_die(path, strerror(errno));
  fclose(f);
  buf[n] = '\0';
  return buf;
}

static void gl_push(gl_vec *vec, gl_rec r) {
  if (vec->n == vec->cap) {
    if (vec->cap >= GL_MAX_RECS) gl_die("too many WordNet records", "check WORDNET_DIR");
    vec->cap = vec->cap ? vec->cap * 2 : 4096;
    gl_rec *nv = realloc(vec->v, vec->cap * sizeof *nv);
    if (!nv) gl_die("out of memory", "growing record list");
    vec->v = nv;
  }
  r.seq = vec->n;
  vec->v[vec->n++] = r;
}

/* Splits a line (modified in place) into at most max space-separated fields. */
static size_t gl_fields(char *line, char **f, size_t max) {
  size_t n = 0;
  char *save = NULL;
  for (char *t = strtok_r(line, " \t\r", &save); t && n < max; t = strtok_r(NULL, " \t\r", &save))
    f[n++] = t;
  return n;
}

/* Lowercases ASCII in place; returns 1 if the word is a single word we keep (no '_'). */
static int gl_keep_word(char *w) {
  if (!*w || strchr(w, '_')) return 0;
  for (char *p = w; *p; p++)
    if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
  return 1;
}

/* Parses one index line: lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets. */
static void gl_index_line(gl_ctx *c, char *line, unsigned pos) {
  char *f[128];
  if (line[0] == ' ' || line[0] == '\0') return; /* license header / blank */
  size_t n = gl_fields(line, f, 128);
  if (n < 6 || !gl_keep_word(f[0])) return;
  long pcnt = strtol(f[3], NULL, 10);
  if (pcnt < 0 || (size_t)pcnt + 5 >= n) return; /* malformed: no tagsense_cnt */
  long tag = strtol(f[5 + pcnt], NULL, 10);
  gl_rec r = {f[0], NULL, pos, (unsigned)(tag < 0 ? 0 : tag > 255 ? 255 : tag), 0};
  gl_push(&c->idx, r);
}

/* Parses one exception line: inflected base [base...]; one record per single-word base. */
static void gl_exc_line(gl_ctx *c, char *line, unsigned pos) {
  char *f[16];
  size_t n = gl_fields(line, f, 16);
  if (n < 2 || !gl_keep_word(f[0])) return;
  for (size_t i = 1; i < n; i++) {
    if (!gl_keep_word(f[i])) continue;
    gl_rec r = {f[0], f[i], pos, 0, 0};
    gl_push(&c->exc, r);
  }
}

static void gl_read_all(gl_ctx *c, const char *dir) {
  char path[4096];
  for (unsigned p = 0; p < GL_NPOS; p++) {
    for (int kind = 0; kind < 2; kind++) {
      int w = kind == 0 ? snprintf(path, sizeof path, "%s/index.%s", dir, gl_pos_names[p])
                        : snprintf(path, sizeof path, "%s/%s.exc", dir, gl_pos_names[p]);
      if (w < 0 || (size_t)w >= sizeof path) gl_die("WORDNET_DIR too long", dir);
      char *buf = gl_slurp(path), *save = NULL;
      c->files[2 * p + (unsigned)kind] = buf;
      for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (kind == 0) gl_index_line(c, line, p);
        else gl_exc_line(c, line, p);
      }
    }
  }
  if (c->idx.n == 0) gl_die(dir, "no index entries found; is wordnet-base installed?");
}

static int gl_cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Word order, then input order: makes the sort (and so the output) deterministic. */
static int gl_cmp_rec(const void *a, const void *b) {
  const gl_rec *x = a, *y = b;
  int d = strcmp(x->word, y->word);
  if (d) return d;
  if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Collects every word and exception target into a sorted, duplicate-free string list. */
static void gl_build_pool(gl_ctx *c) {
  size_t n = 0, max = c->idx.n + 2 * c->exc.n;
  c->strs = gl_xalloc(max, sizeof *c->strs);
  for (size_t i = 0; i < c->idx.n; i++) c->strs[n++] = c->idx.v[i].word;
  for (size_t i = 0; i < c->exc.n; i++) {
    c->strs[n++] = c->exc.v[i].word;
    c->strs[n++] = c->exc.v[i].base;
  }
  qsort(c->strs, n, sizeof *c->strs, gl_cmp_str);
  size_t u = 0;
  for (size_t i = 0; i < n; i++)
    if (u == 0 || strcmp(c->strs[u - 1], c->strs[i]) != 0) c->strs[u++] = c->strs[i];
  c->nstrs = u;
  c->offs = gl_xalloc(u, sizeof *c->offs);
  size_t off = 0;
  for (size_t i = 0; i < u; i++) {
    c->offs[i] = off;
    off += strlen(c->strs[i]) + 1;
  }
  if (off > UINT32_MAX) gl_die("string pool too large", "check WORDNET_DIR");
}

static size_t gl_pool_off(const gl_ctx *c, const char *s) {
  const char **hit = bsearch(&s, c->strs, c->nstrs, sizeof *c->strs, gl_cmp_str);
  if (!hit) gl_die("internal error: string missing from pool", s);
  return c->offs[hit - c->strs];
}

/* Merges index records (sorted by word) into one gl_base per distinct word. */
static void gl_build_bases(gl_ctx *c) {
  qsort(c->idx.v, c->idx.n, sizeof *c->idx.v, gl_cmp_rec);
  c->bases = gl_xalloc(c->idx.n, sizeof *c->bases);
  size_t n = 0;
  for (size_t i = 0; i < c->idx.n; i++) {
    const gl_rec *r = &c->idx.v[i];
    if (n == 0 || strcmp(c->bases[n - 1].word, r->word) != 0) c->bases[n++].word = r->word;
    gl_base *b = &c->bases[n - 1];
    b->pos |= 1u << r->pos;
    if (r->freq > b->freq[r->pos]) b->freq[r->pos] = r->freq;
  }
  c->nbases = n;
}

static int gl_cmp_base_key(const void *key, const void *elem) {
  return strcmp((const char *)key, ((const gl_base *)elem)->word);
}

static unsigned gl_base_freq(const gl_ctx *c, const char *w, unsigned pos) {
  const gl_base *b = bsearch(w, c->bases, c->nbases, sizeof *c->bases, gl_cmp_base_key);
  return b && (b->pos & (1u << pos)) ? b->freq[pos] : 0;
}

/* Keeps one exception per (form, POS): the target with the highest tagged-sense count in that
 * POS, the first listed on ties ("axes" -> axis, "better" -> good). Compacts c->exc in place. */
static void gl_pick_exceptions(gl_ctx *c) {
  qsort(c->exc.v, c->exc.n, sizeof *c->exc.v, gl_cmp_rec);
  size_t n = 0;
  for (size_t i = 0; i < c->exc.n; i++) {
    gl_rec *r = &c->exc.v[i];
    r->freq = gl_base_freq(c, r->base, r->pos);
    gl_rec *last = n ? &c->exc.v[n - 1] : NULL;
    if (last && last->pos == r->pos && strcmp(last->word, r->word) == 0) {
      if (r->freq > last->freq) *last = *r;
      continue;
    }
    c->exc.v[n++] = *r;
  }
  c->exc.n = n;
}

/* Writes s as a C string literal body: octal escapes for anything unusual, '?' escaped so no
 * trigraph can form. */
static void gl_put_escaped(FILE *o, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '\\' || *p == '"' || *p == '?') fprintf(o, "\\%c", *p);
    else if (*p < 0x20 || *p >= 0x7f) fprintf(o, "\\%03o", *p);
    else fputc(*p, o);
  }
}

static void gl_write_pool(const gl_ctx *c, FILE *o) {
  fputs("const char dyad_lemma_pool[] =\n", o);
  for (size_t i = 0; i < c->nstrs; i++) {
    fputs(i % 8 == 0 ? "  \"" : " \"", o);
    gl_put_escaped(o, c->strs[i]);
    fputs("\\0\"", o);
    if (i % 8 == 7 || i + 1 == c->nstrs) fputc('\n', o);
  }
  if (c->nstrs == 0) fputs("  \"\"\n", o);
  fputs("  ;\n\n", o);
}

static void gl_write_tables(const gl_ctx *c, FILE *o) {
  fprintf(o, "const size_t dyad_lemma_nbases = %zu;\n", c->nbases);
  fputs("const dyad_lemma_base_entry dyad_lemma_bases[] = {\n", o);
  for (size_t i = 0; i < c->nbases; i++) {
    const gl_base *b = &c->bases[i];
    fprintf(o, "{%zu,%u,{%u,%u,%u,%u}},\n", gl_pool_off(c, b->word), b->pos, b->freq[0],
            b->freq[1], b->freq[2], b->freq[3]);
  }
  fputs("{0,0,{0,0,0,0}} /* sentinel */\n};\n\n", o);
  fprintf(o, "const size_t dyad_lemma_nexcs = %zu;\n", c->exc.n);
  fputs("const dyad_lemma_exc_entry dyad_lemma_excs[] = {\n", o);
  for (size_t i = 0; i < c->exc.n; i++) {
    const gl_rec *r = &c->exc.v[i];
    fprintf(o, "{%zu,%zu,%u},\n", gl_pool_off(c, r->word), gl_pool_off(c, r->base), r->pos);
  }
  fputs("{0,0,0} /* sentinel */\n};\n", o);
}

/* Writes OUT via a temporary file and rename, so an interrupted build leaves no half file. */
static void gl_write(const gl_ctx *c, const char *out) {
  char tmp[4096];
  int w = snprintf(tmp, sizeof tmp, "%s.tmp", out);
  if (w < 0 || (size_t)w >= sizeof tmp) gl_die("output path too long", out);
  FILE *o = fopen(tmp, "w");
  if (!o) gl_die(tmp, strerror(errno));
  fputs("/* lemma_table.c - GENERATED by tools/genlemma.c from WordNet 3.0 (Debian wordnet-base);\n"
        " * do not edit. Tables searched by src/lemma.c; layout in src/lemma_table.h. */\n"
        "#include \"lemma_table.h\"\n\n", o);
  gl_write_pool(c, o);
  gl_write_tables(c, o);
  if (fflush(o) != 0 || ferror(o)) gl_die(tmp, "write failed (disk full?)");
  fclose(o);
  if (rename(tmp, out) != 0) gl_die(out, strerror(errno));
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: dyad-genlemma WORDNET_DIR OUT.c\n");
    return 2;
  }
  gl_ctx c;
  memset(&c, 0, sizeof c);
  gl_read_all(&c, argv[1]);
  gl_build_pool(&c);
  gl_build_bases(&c);
  gl_pick_exceptions(&c);
  gl_write(&c, argv[2]);
  for (size_t i = 0; i < 2 * GL_NPOS; i++) free(c.files[i]);
  free(c.idx.v);
  free(c.exc.v);
  free(c.strs);
  free(c.offs);
  free(c.bases);
  return 0;
}
