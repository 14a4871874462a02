/* main.c - the dyad command line: `dyad code` reads news (text, HTML, JSON lines) from files or
 * stdin and writes events; `dict`, `ingest`, `query`, `export`, `serve` and `eval` dispatch to
 * their modules (cli_store.c, ingest.c, serve.c, cli_eval.c). Exit codes: 0 all input coded, 1
 * some input rejected or unreadable (reported, the rest still coded), 2 usage; 5-7 store errors. */
#include "alloc.h"
#include "dyad.h"
#include "html.h"
#include "jsonl.h"
#include "normalize.h"
#include "output.h"
#include "date.h"
#include "dictcheck.h"
#include "placedata.h"
#include "input.h"
#include "jobs.h"
#include "cli_store.h"
#include "cli_eval.h"
#include "serve.h"
#include "petrarch.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUT_FLUSH (64 * 1024)

enum { OUT_JSON, OUT_TSV, OUT_EXPLAIN };

typedef struct {
  dyad_input in;        /* the readers (input.c): format, default date, worst input status */
  int out;
  const char *dict_dir;
  const char *dict_format;   /* NULL (ours) or "petrarch" */
  dyad_coder *coder;
  int jobs;             /* --jobs: 1 codes on this thread; more start a pool (jobs.c) */
  dyad_jobs *pool;
  dyad_buf buf;
  int write_failed;
  size_t events;
} run_ctx;

static void usage_main(FILE *f) {
  fputs("dyad - explained event data from news\n\n"
        "usage: dyad COMMAND [OPTIONS] [FILE...]\n\n"
        "commands:\n"
        "  code        code news (text, HTML, JSON lines) into CAMEO events\n"
        "  ingest      code news into the event store (SQLite or PostgreSQL; --db PATH|URL, $DYAD_DB, ./dyad.db)\n"
        "  query       events, series, claims, commitments, actors, dyads, places, sanctions, stats\n"
        "  export      the store as csv, jsonl or plover\n"
        "  dict        stats | check | import --from petrarch DIR --to DIR\n"
        "  eval        petrarch FILE.xml | gold FILE.jsonl: score the coder\n"
        "  serve       the web page and JSON API over a store (--db, --port, --bind)\n\n"
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
        "  --dict-format F dyad (default) or petrarch: the format of --dict DIR (docs/petrarch.md)\n"
        "  --jobs N        code on N worker threads (0: one per core; default 1); output keeps input order\n"
        "  --help          this text\n\n"
        "JSON lines input: {\"id\",\"text\"|\"html\",\"date\",\"url\",\"title\",\"outlet\"} per line.\n"
        "exit status: 0 all input coded, 1 some input rejected or unreadable, 2 usage\n", f);
}

/* Hands the buffered events to the OS (not only to stdio), so a reader at the other end of a
 * pipe sees each document's events as soon as it is coded. */
static void flush_out(run_ctx *R) {
  if (!R->buf.n) return;
  if (fwrite(R->buf.p, 1, R->buf.n, stdout) != R->buf.n || fflush(stdout) != 0) R->write_failed = 1;
  R->buf.n = 0;
}

static int on_event(const dyad_event *ev, void *ctx) {
  run_ctx *R = ctx;
  int r = R->out == OUT_TSV ? dyad_write_tsv(ev, &R->buf) : R->out == OUT_EXPLAIN ? dyad_write_explain(ev, &R->buf) : dyad_write_json(ev, &R->buf);
  R->events++;
  if (r || R->buf.n >= OUT_FLUSH) flush_out(R);
  return R->write_failed;
}

/* Codes one normalized document from the readers (input.c) and writes its events out. */
static int code_doc(const dyad_input_doc *d, void *ctx) {
  run_ctx *R = ctx;
  dyad_docinfo info = {d->id, d->date, d->outlet};
  if (dyad_code_document(R->coder, &info, d->text, d->n, on_event, R) != DYAD_OK)
    dyad_input_report(&R->in, d->file, d->line, "out of memory while coding this document; it was skipped in part");
  flush_out(R);   /* streaming: every document's events leave before the next is read */
  return R->write_failed;
}

/* The same with --jobs N: the pool codes and writes; reading stops when output fails. */
static int queue_doc(const dyad_input_doc *d, void *ctx) {
  run_ctx *R = ctx;
  return dyad_jobs_submit(R->pool, d);
}

static dyad_jobs_format format_fn(int out) {
  return out == OUT_TSV ? dyad_write_tsv : out == OUT_EXPLAIN ? dyad_write_explain : dyad_write_json;
}

/* "--jobs" value: 0 (one per core) .. DYAD_JOBS_MAX; -1 when it is not such a number. */
static int parse_jobs(const char *s) {
  char *end;
  long n = strtol(s, &end, 10);
  if (end == s || *end || n < 0 || n > DYAD_JOBS_MAX) return -1;
  return n == 0 ? dyad_jobs_cores() : (int)n;
}

static void print_diag(const char *msg, void *ctx) {
  (void)ctx;
  fprintf(stderr, "dyad: %s\n", msg);
}

static dyad_dict *load_dict(const char *dir, const char *format) {
  dyad_diag dg = {print_diag, NULL, 0};
  dyad_dict *d = format && dir ? dyad_petrarch_load(dir, NULL, &dg) : dyad_dict_load(dir, &dg);
  if (!d) fprintf(stderr, "dyad: no dictionaries could be loaded%s%s\n", dir ? " from " : "", dir ? dir : "");
  return d;
}

/* Reads every named input ("-" is standard input) through the readers into R->in.fn. */
static void read_inputs(run_ctx *R, char **files, int nfiles) {
  for (int i = 0; i < nfiles && !R->write_failed && !R->in.stop; i++) {
    if (!strcmp(files[i], "-")) { dyad_input_stream(&R->in, stdin, "-"); continue; }
    FILE *fp = fopen(files[i], "rb");
    if (!fp) { dyad_input_report(&R->in, files[i], 0, strerror(errno)); continue; }
    dyad_input_stream(&R->in, fp, files[i]);
    fclose(fp);
  }
}

/* Codes on this thread with one coder, flushing after every document. Returns the exit status. */
static int code_here(run_ctx *R, const dyad_dict *d, char **files, int nfiles) {
  if (!(R->coder = dyad_coder_new(d))) return DYAD_ENOMEM;
  dyad_buf_init(&R->buf, (size_t)64 << 20);
  read_inputs(R, files, nfiles);
  flush_out(R);
  if (fflush(stdout) != 0 || R->write_failed) {
    fprintf(stderr, "dyad: cannot write output: %s\n", strerror(errno));
    R->in.status = DYAD_EINPUT;
  }
  dyad_buf_free(&R->buf);
  dyad_coder_free(R->coder);
  return R->in.status;
}

/* Codes on R->jobs worker threads (jobs.c); output keeps input order. Returns the exit status. */
static int code_pooled(run_ctx *R, const dyad_dict *d, char **files, int nfiles) {
  if (!(R->pool = dyad_jobs_start(d, R->jobs, format_fn(R->out), stdout))) return DYAD_ENOMEM;
  R->in.fn = queue_doc;
  read_inputs(R, files, nfiles);
  int st = dyad_jobs_end(R->pool);
  return st ? st : R->in.status;
}

static int cmd_code(int argc, char **argv) {
  run_ctx R;
  memset(&R, 0, sizeof R);
  R.in.format = 'a';
  R.in.fn = code_doc;
  R.in.ctx = &R;
  R.out = OUT_JSON;
  int nfiles = 0, outs = 0;
  char **files = dyad_calloc((size_t)argc + 1, sizeof *files);
  if (!files) return DYAD_ENOMEM;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage_code(stdout); free(files); return 0; }
    else if (!strcmp(a, "--tsv")) { R.out = OUT_TSV; outs++; }
    else if (!strcmp(a, "--explain")) { R.out = OUT_EXPLAIN; outs++; }
    else if (!strcmp(a, "--json")) { R.out = OUT_JSON; }
    else if ((!strcmp(a, "--format") || !strcmp(a, "--date") || !strcmp(a, "--dict") || !strcmp(a, "--dict-format") ||
              !strcmp(a, "--jobs")) && i + 1 >= argc) {
      fprintf(stderr, "dyad code: %s needs a value (see dyad code --help)\n", a); free(files); return DYAD_EUSAGE;
    } else if (!strcmp(a, "--format")) {
      R.in.format = dyad_input_parse_format(argv[++i]);
      if (!R.in.format) { fprintf(stderr, "dyad code: unknown format '%s': use auto, text, html or jsonl\n", argv[i]); free(files); return DYAD_EUSAGE; }
    } else if (!strcmp(a, "--date")) {
      dyad_date dd;
      R.in.date = argv[++i];
      if (strlen(R.in.date) != 10 || dyad_date_parse(R.in.date, strlen(R.in.date), &dd)) {
        fprintf(stderr, "dyad code: --date '%s' is not YYYY-MM-DD\n", R.in.date); free(files); return DYAD_EUSAGE;
      }
    } else if (!strcmp(a, "--jobs")) {
      if ((R.jobs = parse_jobs(argv[++i])) < 0) {
        fprintf(stderr, "dyad code: --jobs '%s' is not a number from 0 to %d\n", argv[i], DYAD_JOBS_MAX); free(files); return DYAD_EUSAGE;
      }
    } else if (!strcmp(a, "--dict")) R.dict_dir = argv[++i];
    else if (!strcmp(a, "--dict-format")) {
      R.dict_format = strcmp(argv[++i], "petrarch") ? NULL : argv[i];
      if (strcmp(argv[i], "petrarch") && strcmp(argv[i], "dyad")) { fprintf(stderr, "dyad code: --dict-format is dyad or petrarch\n"); free(files); return DYAD_EUSAGE; }
    }
    else if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad code: unknown option '%s' (see dyad code --help)\n", a); free(files); return DYAD_EUSAGE; }
    else files[nfiles++] = argv[i];
  }
  if (outs > 1) { fprintf(stderr, "dyad code: choose one of --tsv and --explain\n"); free(files); return DYAD_EUSAGE; }
  dyad_dict *d = load_dict(R.dict_dir, R.dict_format);
  if (!d) { free(files); return DYAD_EINPUT; }
  if (nfiles == 0) files[nfiles++] = "-";
  int status = R.jobs > 1 ? code_pooled(&R, d, files, nfiles) : code_here(&R, d, files, nfiles);
  dyad_dict_free(d);
  free(files);
  return status;
}

static int dict_check(const char *dir) {
  dyad_diag dg = {print_diag, NULL, 0};
  dyad_dict *d = dyad_dict_load(dir, &dg);
  if (!d) return DYAD_EINPUT;
  size_t malformed = dg.count;
  dyad_check_counts n = dyad_dict_check(d, &dg);
  long bad_places = dyad_places_check(dir, &dg);   /* places/: own format, own loader (placedata.c) */
  if (bad_places < 0) fprintf(stderr, "dyad: %s/places: cannot read the place lists\n", dir ? dir : "(built-in)");
  malformed += bad_places > 0 ? (size_t)bad_places : 0;
  if (bad_places < 0) n.errors++;
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
  if (!strcmp(sub, "import")) return dyad_cli_dict_import(argc - 1, argv + 1);
  int help = !strcmp(sub, "--help");
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dict") && i + 1 < argc) dir = argv[++i];
    else if (!strcmp(argv[i], "--help")) help = 1;   /* "dyad dict check --help" */
    else if (argv[i][0] != '-') dir = argv[i];
  }
  if (help || (strcmp(sub, "stats") != 0 && strcmp(sub, "check") != 0)) {
    fputs("usage: dyad dict stats [DIR]   counts of the dictionaries (built-in, or DIR)\n"
          "       dyad dict check [DIR]   malformed lines, overlapping or stale roles, ambiguous aliases,\n"
          "                               unknown codes, with FILE:LINE; exit 1 on errors\n"
          "       dyad dict import --from petrarch DIR --to OUTDIR   TABARI/PETRARCH dictionaries into ours\n",
          help ? stdout : stderr);
    return help ? 0 : DYAD_EUSAGE;
  }
  if (!strcmp(sub, "check")) return dict_check(dir);
  dyad_dict *d = load_dict(dir, NULL);
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
  if (!strcmp(cmd, "ingest")) return dyad_cli_ingest(argc - 2, argv + 2);
  if (!strcmp(cmd, "query")) return dyad_cli_query(argc - 2, argv + 2);
  if (!strcmp(cmd, "export")) return dyad_cli_export(argc - 2, argv + 2);
  if (!strcmp(cmd, "eval")) return dyad_cli_eval(argc - 2, argv + 2);
  if (!strcmp(cmd, "serve")) return dyad_cli_serve(argc - 2, argv + 2);
  fprintf(stderr, "dyad: unknown command '%s' (see dyad --help)\n", cmd);
  return DYAD_EUSAGE;
}
