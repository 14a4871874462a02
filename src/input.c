/* input.c - the readers shared by `dyad code` and `dyad ingest`: sniff the format, split JSON
 * lines, extract HTML, normalize, and hand each document to a callback; directories are walked
 * in sorted order. */
#include "alloc.h"
#include "input.h"
#include "dyad.h"
#include "date.h"
#include "html.h"
#include "jsonl.h"
#include "normalize.h"
#include "util.h"
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define MAX_INPUT ((size_t)1 << 30)   /* one file or JSON line read at once: 1 GiB */
#define MAX_DEPTH 32                  /* directory nesting walked */
#define MAX_DIR_ENTRIES 1000000       /* names read from one directory */

int dyad_input_parse_format(const char *s) {
  if (!strcmp(s, "auto")) return 'a';
  if (!strcmp(s, "text")) return 't';
  if (!strcmp(s, "html")) return 'h';
  if (!strcmp(s, "jsonl")) return 'j';
  return 0;
}

void dyad_input_report(dyad_input *in, const char *file, long line, const char *msg) {
  if (line > 0) fprintf(stderr, "dyad: %s:%ld: %s\n", file, line, msg);
  else fprintf(stderr, "dyad: %s: %s\n", file, msg);
  in->status = DYAD_EINPUT;
}

/* Normalizes one document's raw text and hands it on. */
static void give_text(dyad_input *in, dyad_input_doc *d, const char *raw, size_t n) {
  size_t nn = 0;
  dyad_norm_stats st = {0, 0};
  char *text = dyad_normalize(raw, n, &nn, &st);
  if (!text) { dyad_input_report(in, d->file, d->line, "out of memory while normalizing: split the input"); return; }
  if (st.invalid) {
    char msg[160];
    snprintf(msg, sizeof msg, "warning: %zu invalid UTF-8 sequences replaced with U+FFFD", st.invalid);
    if (d->line > 0) fprintf(stderr, "dyad: %s:%ld: %s\n", d->file, d->line, msg);
    else fprintf(stderr, "dyad: %s: %s\n", d->file, msg);
  }
  if (!d->date) d->date = in->date;
  d->text = text;
  d->n = nn;
  if (in->fn(d, in->ctx)) in->stop = 1;
  free(text);
}

static void give_html(dyad_input *in, dyad_input_doc *d, const char *html, size_t n) {
  dyad_html_doc doc;
  char err[256] = "";
  if (dyad_html_extract(html, n, &doc, err, sizeof err) != 0) {
    dyad_input_report(in, d->file, d->line, err[0] ? err : "HTML could not be parsed");
    return;
  }
  if (!d->date) d->date = doc.date;
  if (!d->outlet) d->outlet = doc.outlet;
  if (!d->url) d->url = doc.url;
  if (!d->title) d->title = doc.title;
  give_text(in, d, doc.text, doc.n);
  dyad_html_doc_free(&doc);
}

static void jsonl_line(dyad_input *in, const char *file, long lineno, const char *line, size_t n) {
  size_t k = 0;
  while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) k++;
  if (k == n || in->stop) return;
  dyad_jsonl_rec rec;
  char err[256];
  if (dyad_jsonl_parse(line, n, &rec, err, sizeof err) != 0) {
    dyad_input_report(in, file, lineno, err);
    dyad_jsonl_rec_free(&rec);
    return;
  }
  char idbuf[600];
  const char *id = rec.id;
  if (!id) { snprintf(idbuf, sizeof idbuf, "%s:%ld", file, lineno); id = idbuf; }
  if (rec.date) {
    dyad_date dd;
    if (dyad_date_parse(rec.date, strlen(rec.date), &dd) != 0) {
      fprintf(stderr, "dyad: %s:%ld: warning: \"date\" is not YYYY-MM-DD; using --date instead\n", file, lineno);
      free(rec.date);
      rec.date = NULL;
    }
  }
  dyad_input_doc d = {id, rec.date, rec.outlet, rec.url, rec.title, NULL, 0, file, lineno};
  if (rec.text) give_text(in, &d, rec.text, rec.text_n);
  else give_html(in, &d, rec.html, rec.html_n);
  dyad_jsonl_rec_free(&rec);
}

/* Feeds the sniffed head (the start of the first lines) and then the rest of the stream through
 * jsonl_line, joining lines longer than getline's buffer in a capped carry buffer. */
static void jsonl_stream(dyad_input *in, FILE *fp, const char *file, const char *head, size_t headn) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  long lineno = 0;
  FILE *hs = headn ? fmemopen((void *)head, headn, "r") : NULL;
  dyad_buf carry;
  dyad_buf_init(&carry, MAX_INPUT);
  while (hs && (got = getline(&line, &cap, hs)) > 0) {
    if (line[got - 1] != '\n') { dyad_buf_add(&carry, line, (size_t)got); break; }
    jsonl_line(in, file, ++lineno, line, (size_t)got - 1);
  }
  if (hs) fclose(hs);
  while (!in->stop && ((got = getline(&line, &cap, fp)) > 0 || carry.n)) {
    if (got <= 0) { jsonl_line(in, file, ++lineno, carry.p, carry.n); carry.n = 0; break; }
    size_t ln = (size_t)got;
    int nl = line[ln - 1] == '\n';
    if (carry.n) {
      if (dyad_buf_add(&carry, line, nl ? ln - 1 : ln)) { dyad_input_report(in, file, lineno + 1, "line longer than 1 GiB: skipped"); carry.n = 0; continue; }
      if (!nl) continue;
      jsonl_line(in, file, ++lineno, carry.p, carry.n);
      carry.n = 0;
      continue;
    }
    jsonl_line(in, file, ++lineno, line, nl ? ln - 1 : ln);
  }
  if (ferror(fp)) dyad_input_report(in, file, 0, strerror(errno));
  free(line);
  dyad_buf_free(&carry);
}

void dyad_input_stream(dyad_input *in, FILE *fp, const char *file) {
  /* Named JSON lines skip the sniff: reading its 4 KB head would wait on a pipe for documents
   * that were not sent yet, and an interactive producer wants each line coded as it arrives. */
  if (in->format == 'j') { jsonl_stream(in, fp, file, NULL, 0); return; }
  char head[4096];
  size_t headn = fread(head, 1, sizeof head, fp);
  int fmt = in->format == 'a' ? dyad_sniff_format(head, headn) : in->format;
  if (fmt == 'j') { jsonl_stream(in, fp, file, head, headn); return; }
  dyad_buf all;
  dyad_buf_init(&all, MAX_INPUT);
  if (dyad_buf_add(&all, head, headn)) goto toolarge;
  char chunk[65536];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
    if (dyad_buf_add(&all, chunk, k)) goto toolarge;
  if (ferror(fp)) { dyad_input_report(in, file, 0, strerror(errno)); dyad_buf_free(&all); return; }
  if (all.n == 0) { dyad_buf_free(&all); return; }
  dyad_input_doc d = {file, NULL, NULL, NULL, NULL, NULL, 0, file, 0};
  if (fmt == 'h') give_html(in, &d, all.p, all.n);
  else give_text(in, &d, all.p, all.n);
  dyad_buf_free(&all);
  return;
toolarge:
  dyad_input_report(in, file, 0, "input larger than 1 GiB: split it or use --format jsonl");
  dyad_buf_free(&all);
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void walk(dyad_input *in, const char *path, int depth);

/* Reads a directory's names, sorts them and walks each; hidden names are skipped. */
static void walk_dir(dyad_input *in, const char *path, int depth) {
  DIR *dir = opendir(path);
  if (!dir) { dyad_input_report(in, path, 0, strerror(errno)); return; }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dir)) && n < MAX_DIR_ENTRIES) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) {
      size_t nc = cap ? cap * 2 : 64;
      char **nn = dyad_realloc(names, nc * sizeof *nn);
      if (!nn) break;
      names = nn;
      cap = nc;
    }
    if (!(names[n] = dyad_strdup(e->d_name))) break;
    n++;
  }
  closedir(dir);
  if (n) qsort(names, n, sizeof *names, cmp_names);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(path) + strlen(names[i]) + 2;
    char *sub = dyad_malloc(len);
    if (sub && !in->stop) {
      snprintf(sub, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
      walk(in, sub, depth + 1);
    }
    free(sub);
    free(names[i]);
  }
  free(names);
}

static void walk(dyad_input *in, const char *path, int depth) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (depth >= MAX_DEPTH) { dyad_input_report(in, path, 0, "directories nested too deep: skipped"); return; }
    walk_dir(in, path, depth);
    return;
  }
  FILE *fp = fopen(path, "rb");
  if (!fp) { dyad_input_report(in, path, 0, strerror(errno)); return; }
  dyad_input_stream(in, fp, path);
  fclose(fp);
}

void dyad_input_path(dyad_input *in, const char *path) {
  if (!strcmp(path, "-")) { dyad_input_stream(in, stdin, "-"); return; }
  walk(in, path, 0);
}
