/* main.c - the dyad command line: `dyad code` reads news (text, HTML, JSON lines) from files or
 * stdin and writes events; `dyad dict stats` describes the dictionaries. Exit codes: 0 all input
 * coded, 1 some input rejected or unreadable (reported, the rest still coded), 2 usage. */
#include "dyad.h"
#include "html.h"
#include "jsonl.h"
#include "normalize.h"
#include "output.h"
#include "date.h"
#include "dictcheck.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INPUT ((size_t)1 << 30)   /* one file or JSON line read at once: 1 GiB */
#define OUT_FLUSH (64 * 1024)

enum { OUT_JSON, OUT_TSV, OUT_EXPLAIN };

typedef struct {
  int format;           /* 'a' auto, 't', 'h', 'j' */
  int out;
  const char *date;
  const char *dict_dir;
  dyad_coder *coder;
  dyad_buf buf;
  int status;           /* worst exit status so far */
  int write_failed;
  size_t events;
} run_ctx;

static void usage_main(FILE *f) {
  fputs("dyad - explained event data from news\n\n"
        "usage: dyad COMMAND [OPTIONS] [FILE...]\n\n"
        "commands:\n"
        "  code        code news (text, HTML, JSON lines) into CAMEO events\n"
        "  dict stats  count the dictionaries' actors, people, roles and patterns\n\n"
        "options:\n"
        "  --help      this text (also: dyad COMMAND --help)\n"
        "  --version   print the version\n\n"
        "exit status: 0 all input coded, 1 some input rejected or unreadable, 2 usage\n", f);
}

static void usage_code(FILE *f) {
  fputs("usage: dyad code [OPTIONS] [FILE...]\n\n"
        "Reads each FILE (standard input when none or '-') and writes one event per line.\n\n"
        "  --format F      input format: auto (default), text, html, jsonl\n"
        "  --date D        YYYY-MM-DD: date of documents that carry none (default: today)\n"
        "  --json          JSON lines output (default; schema in docs/event.schema.json)\n"
        "  --tsv           tab-separated output with GDELT-like columns\n"
        "  --explain       readable view: the sentence with [source] <verb> {target}, rule, entries\n"
        "  --dict DIR      read dictionaries from DIR instead of the built-in ones\n"
        "  --help          this text\n\n"
        "JSON lines input: {\"id\",\"text\"|\"html\",\"date\",\"url\",\"title\",\"outlet\"} per line.\n"
        "exit status: 0 all input coded, 1 some input rejected or unreadable, 2 usage\n", f);
}

static void flush_out(run_ctx *R) {
  if (R->buf.n && fwrite(R->buf.p, 1, R->buf.n, stdout) != R->buf.n) R->write_failed = 1;
  R->buf.n = 0;
}

static int on_event(const dyad_event *ev, void *ctx) {
  run_ctx *R = ctx;
  int r = R->out == OUT_TSV ? dyad_write_tsv(ev, &R->buf) : R->out == OUT_EXPLAIN ? dyad_write_explain(ev, &R->buf) : dyad_write_json(ev, &R->buf);
  R->events++;
  if (r || R->buf.n >= OUT_FLUSH) flush_out(R);
  return R->write_failed;
}

static void report(run_ctx *R, const char *file, long line, const char *msg) {
  if (line > 0) fprintf(stderr, "dyad: %s:%ld: %s\n", file, line, msg);
  else fprintf(stderr, "dyad: %s: %s\n", file, msg);
  R->status = DYAD_EINPUT;
}

/* Normalizes and codes one document's raw text. */
static void code_text(run_ctx *R, const char *id, const char *date, const char *outlet, const char *raw, size_t n,
                      const char *file, long line) {
  size_t nn = 0;
  dyad_norm_stats st = {0, 0};
  char *text = dyad_normalize(raw, n, &nn, &st);
  if (!text) { report(R, file, line, "out of memory while normalizing: split the input"); return; }
  if (st.invalid) {
    char msg[160];
    snprintf(msg, sizeof msg, "warning: %zu invalid UTF-8 sequences replaced with U+FFFD", st.invalid);
    fprintf(stderr, "dyad: %s%s%ld: %s\n", file, line > 0 ? ":" : "", line > 0 ? line : 0L, msg);
  }
  dyad_docinfo info = {id, date ? date : R->date, outlet};
  if (dyad_code_document(R->coder, &info, text, nn, on_event, R) != DYAD_OK)
    report(R, file, line, "out of memory while coding this document; it was skipped in part");
  free(text);
}

static void code_html(run_ctx *R, const char *id, const char *date, const char *outlet, const char *html, size_t n,
                      const char *file, long line) {
  dyad_html_doc doc;
  char err[256] = "";
  if (dyad_html_extract(html, n, &doc, err, sizeof err) != 0) {
    report(R, file, line, err[0] ? err : "HTML could not be parsed");
    return;
  }
  code_text(R, id, date ? date : doc.date, outlet ? outlet : doc.outlet, doc.text, doc.n, file, line);
  dyad_html_doc_free(&doc);
}

static void code_jsonl_line(run_ctx *R, const char *file, long lineno, const char *line, size_t n) {
  size_t k = 0;
  while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) k++;
  if (k == n) return;
  dyad_jsonl_rec rec;
  char err[256];
  if (dyad_jsonl_parse(line, n, &rec, err, sizeof err) != 0) {
    report(R, file, lineno, err);
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
  if (rec.text) code_text(R, id, rec.date, rec.outlet, rec.text, rec.text_n, file, lineno);
  else code_html(R, id, rec.date, rec.outlet, rec.html, rec.html_n, file, lineno);
  dyad_jsonl_rec_free(&rec);
  flush_out(R);   /* streaming: every document's events leave before the next is read */
}

static void code_jsonl_stream(run_ctx *R, FILE *fp, const char *file, const char *head, size_t headn) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  long lineno = 0;
  /* the sniffed head is the start of the first line(s): feed it through a memory stream */
  FILE *hs = headn ? fmemopen((void *)head, headn, "r") : NULL;
  dyad_buf carry;
  dyad_buf_init(&carry, MAX_INPUT);
  while (hs && (got = getline(&line, &cap, hs)) > 0) {
    if (line[got - 1] != '\n') { dyad_buf_add(&carry, line, (size_t)got); break; }
    code_jsonl_line(R, file, ++lineno, line, (size_t)got - 1);
  }
  if (hs) fclose(hs);
  while ((got = getline(&line, &cap, fp)) > 0 || carry.n) {
    if (got <= 0) { code_jsonl_line(R, file, ++lineno, carry.p, carry.n); carry.n = 0; break; }
    size_t ln = (size_t)got;
    int nl = line[ln - 1] == '\n';
    if (carry.n) {
      if (dyad_buf_add(&carry, line, nl ? ln - 1 : ln)) { report(R, file, lineno + 1, "line longer than 1 GiB: skipped"); carry.n = 0; continue; }
      if (!nl) continue;
      code_jsonl_line(R, file, ++lineno, carry.p, carry.n);
      carry.n = 0;
      continue;
    }
    code_jsonl_line(R, file, ++lineno, line, nl ? ln - 1 : ln);
  }
  if (ferror(fp)) report(R, file, 0, strerror(errno));
  free(line);
  dyad_buf_free(&carry);
}

static int sniff(const char *buf, size_t n) { return dyad_sniff_format(buf, n); }

static void code_stream(run_ctx *R, FILE *fp, const char *file) {
  char head[4096];
  size_t headn = fread(head, 1, sizeof head, fp);
  int fmt = R->format == 'a' ? sniff(head, headn) : R->format;
  if (fmt == 'j') { code_jsonl_stream(R, fp, file, head, headn); return; }
  dyad_buf all;
  dyad_buf_init(&all, MAX_INPUT);
  if (dyad_buf_add(&all, head, headn)) goto toolarge;
  char chunk[65536];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
    if (dyad_buf_add(&all, chunk, k)) goto toolarge;
  if (ferror(fp)) { report(R, file, 0, strerror(errno)); dyad_buf_free(&all); return; }
  if (all.n == 0) { dyad_buf_free(&all); return; }
  if (fmt == 'h') code_html(R, file, NULL, NULL, all.p, all.n, file, 0);
  else code_text(R, file, NULL, NULL, all.p, all.n, file, 0);
  dyad_buf_free(&all);
  flush_out(R);
  return;
toolarge:
  report(R, file, 0, "input larger than 1 GiB: split it or use --format jsonl");
  dyad_buf_free(&all);
}

static void print_diag(const char *msg, void *ctx) {
  (void)ctx;
  fprintf(stderr, "dyad: %s\n", msg);
}

static dyad_dict *load_dict(const char *dir) {
  dyad_diag dg = {print_diag, NULL, 0};
  dyad_dict *d = dyad_dict_load(dir, &dg);
  if (!d) fprintf(stderr, "dyad: no dictionaries could be loaded%s%s\n", dir ? " from " : "", dir ? dir : "");
  return d;
}

static int parse_format(const char *s) {
  if (!strcmp(s, "auto")) return 'a';
  if (!strcmp(s, "text")) return 't';
  if (!strcmp(s, "html")) return 'h';
  if (!strcmp(s, "jsonl")) return 'j';
  return 0;
}

static int cmd_code(int argc, char **argv) {
  run_ctx R;
  memset(&R, 0, sizeof R);
  R.format = 'a';
  R.out = OUT_JSON;
  int nfiles = 0, outs = 0;
  char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) return DYAD_ENOMEM;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage_code(stdout); free(files); return 0; }
    else if (!strcmp(a, "--tsv")) { R.out = OUT_TSV; outs++; }
    else if (!strcmp(a, "--explain")) { R.out = OUT_EXPLAIN; outs++; }
    else if (!strcmp(a, "--json")) { R.out = OUT_JSON; }
    else if ((!strcmp(a, "--format") || !strcmp(a, "--date") || !strcmp(a, "--dict")) && i + 1 >= argc) {
      fprintf(stderr, "dyad code: %s needs a value (see dyad code --help)\n", a); free(files); return DYAD_EUSAGE;
    } else if (!strcmp(a, "--format")) {
      R.format = parse_format(argv[++i]);
      if (!R.format) { fprintf(stderr, "dyad code: unknown format '%s': use auto, text, html or jsonl\n", argv[i]); free(files); return DYAD_EUSAGE; }
    } else if (!strcmp(a, "--date")) {
      dyad_date dd;
      R.date = argv[++i];
      if (strlen(R.date) != 10 || dyad_date_parse(R.date, strlen(R.date), &dd)) {
        fprintf(stderr, "dyad code: --date '%s' is not YYYY-MM-DD\n", R.date); free(files); return DYAD_EUSAGE;
      }
    } else if (!strcmp(a, "--dict")) R.dict_dir = argv[++i];
    else if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad code: unknown option '%s' (see dyad code --help)\n", a); free(files); return DYAD_EUSAGE; }
    else files[nfiles++] = argv[i];
  }
  if (outs > 1) { fprintf(stderr, "dyad code: choose one of --tsv and --explain\n"); free(files); return DYAD_EUSAGE; }
  dyad_dict *d = load_dict(R.dict_dir);
  if (!d) { free(files); return DYAD_EINPUT; }
  R.coder = dyad_coder_new(d);
  dyad_buf_init(&R.buf, (size_t)64 << 20);
  if (!R.coder) { dyad_dict_free(d); free(files); return DYAD_ENOMEM; }
  if (nfiles == 0) files[nfiles++] = "-";
  for (int i = 0; i < nfiles && !R.write_failed; i++) {
    if (!strcmp(files[i], "-")) { code_stream(&R, stdin, "-"); continue; }
    FILE *fp = fopen(files[i], "rb");
    if (!fp) { report(&R, files[i], 0, strerror(errno)); continue; }
    code_stream(&R, fp, files[i]);
    fclose(fp);
  }
  flush_out(&R);
  if (fflush(stdout) != 0 || R.write_failed) {
    fprintf(stderr, "dyad: cannot write output: %s\n", strerror(errno));
    R.status = DYAD_EINPUT;
  }
  dyad_buf_free(&R.buf);
  dyad_coder_free(R.coder);
  dyad_dict_free(d);
  free(files);
  return R.status;
}

static int dict_check(const char *dir) {
  dyad_diag dg = {print_diag, NULL, 0};
  dyad_dict *d = dyad_dict_load(dir, &dg);
  if (!d) return DYAD_EINPUT;
  size_t malformed = dg.count;
  dyad_check_counts n = dyad_dict_check(d, &dg);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  printf("dictionary %s: as of %s; %zu malformed lines, %zu errors, %zu warnings\n", dir ? dir : "(built-in)", st.as_of,
         malformed, n.errors, n.warnings);
  dyad_dict_free(d);
  return (malformed || n.errors) ? DYAD_EINPUT : 0;
}

static int cmd_dict(int argc, char **argv) {
  const char *dir = NULL;
  const char *sub = argc > 0 ? argv[0] : "";
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dict") && i + 1 < argc) dir = argv[++i];
    else if (argv[i][0] != '-') dir = argv[i];
  }
  if (!strcmp(sub, "--help") || (strcmp(sub, "stats") != 0 && strcmp(sub, "check") != 0)) {
    fputs("usage: dyad dict stats [DIR]   counts of the dictionaries (built-in, or DIR)\n"
          "       dyad dict check [DIR]   malformed lines, overlapping or stale roles, ambiguous aliases,\n"
          "                               unknown codes, with FILE:LINE; exit 1 on errors\n",
          strcmp(sub, "--help") ? stderr : stdout);
    return strcmp(sub, "--help") ? DYAD_EUSAGE : 0;
  }
  if (!strcmp(sub, "check")) return dict_check(dir);
  dyad_dict *d = load_dict(dir);
  if (!d) return DYAD_EINPUT;
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  printf("actors\t%zu\npeople\t%zu\nroles\t%zu\nagents\t%zu\npatterns\t%zu\npattern_heads\t%zu\nsets\t%zu\n"
         "cameo_codes\t%zu\nlemmas\t%zu\nas_of\t%s\n",
         st.actors, st.people, st.roles, st.agents, st.patterns, st.verb_lemmas, st.sets, st.codes, st.lemmas, st.as_of);
  dyad_dict_free(d);
  return 0;
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  if (argc < 2) { usage_main(stderr); return DYAD_EUSAGE; }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) { usage_main(stdout); return 0; }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) { printf("dyad %s\n", dyad_version()); return 0; }
  if (!strcmp(cmd, "code")) return cmd_code(argc - 2, argv + 2);
  if (!strcmp(cmd, "dict")) return cmd_dict(argc - 2, argv + 2);
  fprintf(stderr, "dyad: unknown command '%s' (see dyad --help)\n", cmd);
  return DYAD_EUSAGE;
}
