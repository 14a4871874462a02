/* cli_store.c - `dyad ingest` (news into the store, with a progress line on a terminal),
 * `dyad query events|series|claims|commitments|actors|dyads|stats` and `dyad export`, printing
 * rows as a table, JSON (one array of objects), CSV or JSON lines. Shapes: docs/store.md and the
 * JSON Schemas docs/query-*.schema.json. */
#include "alloc.h"
#include "cli_store.h"
#include "query.h"
#include "dyad.h"
#include "date.h"
#include "ingest.h"
#include "input.h"
#include "merge.h"
#include "output.h"
#include "store.h"
#include "totals.h"
#include "util.h"
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include <utf8proc.h>

#define MAX_TABLE_ROWS 100000   /* rows buffered for a table; more are cut with a note */
#define MAX_CELL 120            /* characters shown per table cell */
#define MAX_BINDS 64
#define DYAD_API_STANCES 20     /* stances listed per claim by the web API unless stances=N */
#define DRIVE_MAX 4000          /* reports an indexed filter may match and still drive an event query */

enum { FMT_TABLE = 't', FMT_JSON = 'j', FMT_CSV = 'c', FMT_JSONL = 'l' };

static int busy_ms(void) {
  const char *e = getenv("DYAD_BUSY_TIMEOUT");
  int v = e && *e ? atoi(e) : 5000;
  return v < 0 ? 0 : v;
}

static int fail(int st, const char *msg) {
  fprintf(stderr, "dyad: %s\n", msg);
  return st;
}

static void print_diag(const char *msg, void *ctx) {
  (void)ctx;
  fprintf(stderr, "dyad: %s\n", msg);
}

/* ---- ingest ------------------------------------------------------------------------------ */
typedef struct {
  dyad_input in;
  dyad_ingest *g;
  int fatal;             /* a store status that stopped the run */
  int progress;          /* stderr is a terminal */
  size_t total_bytes;    /* sizes of the named files, for the ETA */
  struct timespec t0, last;
} ingest_run;

static double secs(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void show_progress(ingest_run *R, int final) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (!final && secs(&R->last, &now) < 0.5) return;
  R->last = now;
  const dyad_ingest_counts *c = dyad_ingest_get_counts(R->g);
  double el = secs(&R->t0, &now), rate = el > 0 ? (double)c->events / el : 0;
  char eta[32] = "";
  if (!final && R->total_bytes > c->bytes && c->bytes && el > 1)
    snprintf(eta, sizeof eta, ", ETA ~%.0fs", el * (double)(R->total_bytes - c->bytes) / (double)c->bytes);
  fprintf(stderr, "\rdyad ingest: %zu documents (%zu new, %zu already stored), %zu events, %.0f events/s%s   %s", c->docs,
          c->added, c->skipped, c->events, rate, eta, final ? "\n" : "");
}

static int ingest_cb(const dyad_input_doc *d, void *ctx) {
  ingest_run *R = ctx;
  char err[512] = "";
  int st = dyad_ingest_doc(R->g, d, err, sizeof err);
  if (st == DYAD_EINPUT) dyad_input_report(&R->in, d->file, d->line, err);
  else if (st != DYAD_OK) { R->fatal = st; fprintf(stderr, "%sdyad: %s\n", R->progress ? "\n" : "", err); return 1; }
  if (R->progress) show_progress(R, 0);
  return 0;
}

static void usage_ingest(FILE *f) {
  fputs("usage: dyad ingest [OPTIONS] [FILE|DIR|-]...\n\n"
        "Codes news into the store; documents already stored (same normalized text and URL) are skipped.\n"
        "Directories are walked in name order; JSON lines files give one document per line.\n\n"
        "  --db PATH       the store: a SQLite file or a postgresql:// URL (default: $DYAD_DB, else ./dyad.db)\n"
        "  --format F      input format: auto (default), text, html, jsonl\n"
        "  --date D        YYYY-MM-DD: date of documents that carry none (default: today)\n"
        "  --dict DIR      read dictionaries from DIR instead of the built-in ones\n"
        "  --batch N       documents per transaction (default 5000; also committed every 10 s)\n\n"
        "exit status: 0 ok, 1 some input rejected, 2 usage, 5 store locked, 6 store read-only, 7 store corrupt\n", f);
}

static size_t path_bytes(const char *p) {
  FILE *fp = strcmp(p, "-") ? fopen(p, "rb") : NULL;
  if (!fp) return 0;
  size_t n = fseek(fp, 0, SEEK_END) == 0 && ftell(fp) > 0 ? (size_t)ftell(fp) : 0;
  fclose(fp);
  return n;
}

/* Parses ingest options into R and *db, *dict, *batch; files collects the rest. */
static int ingest_args(int argc, char **argv, ingest_run *R, const char **db, const char **dict, size_t *batch,
                       char **files, int *nfiles) {
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    int needs = !strcmp(a, "--db") || !strcmp(a, "--format") || !strcmp(a, "--date") || !strcmp(a, "--dict") || !strcmp(a, "--batch");
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage_ingest(stdout); return -1; }
    if (needs && i + 1 >= argc) { fprintf(stderr, "dyad ingest: %s needs a value (see dyad ingest --help)\n", a); return DYAD_EUSAGE; }
    if (!strcmp(a, "--db")) *db = argv[++i];
    else if (!strcmp(a, "--dict")) *dict = argv[++i];
    else if (!strcmp(a, "--batch")) {
      long b = atol(argv[++i]);
      if (b < 1 || b > 1000000) { fprintf(stderr, "dyad ingest: --batch must be 1..1000000\n"); return DYAD_EUSAGE; }
      *batch = (size_t)b;
    } else if (!strcmp(a, "--format")) {
      if (!(R->in.format = dyad_input_parse_format(argv[++i]))) {
        fprintf(stderr, "dyad ingest: unknown format '%s': use auto, text, html or jsonl\n", argv[i]); return DYAD_EUSAGE;
      }
    } else if (!strcmp(a, "--date")) {
      dyad_date dd;
      R->in.date = argv[++i];
      if (strlen(R->in.date) != 10 || dyad_date_parse(R->in.date, 10, &dd)) {
        fprintf(stderr, "dyad ingest: --date '%s' is not YYYY-MM-DD\n", R->in.date); return DYAD_EUSAGE;
      }
    } else if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad ingest: unknown option '%s' (see dyad ingest --help)\n", a); return DYAD_EUSAGE; }
    else files[(*nfiles)++] = argv[i];
  }
  return 0;
}

static int ingest_files(ingest_run *R, char **files, int nfiles) {
  for (int i = 0; i < nfiles; i++) R->total_bytes += path_bytes(files[i]);
  clock_gettime(CLOCK_MONOTONIC, &R->t0);
  R->last = R->t0;
  for (int i = 0; i < nfiles && !R->fatal; i++) dyad_input_path(&R->in, files[i]);
  char err[512] = "";
  if (!R->fatal) {
    int st = dyad_ingest_commit(R->g, err, sizeof err);
    if (st != DYAD_OK) { R->fatal = st; fprintf(stderr, "dyad: %s\n", err); }
  }
  if (R->progress) show_progress(R, 1);
  return R->fatal ? R->fatal : R->in.status;
}

int dyad_cli_ingest(int argc, char **argv) {
  ingest_run R;
  memset(&R, 0, sizeof R);
  R.in.format = 'a';
  R.in.fn = ingest_cb;
  R.in.ctx = &R;
  const char *db = NULL, *dict_dir = NULL;
  size_t batch = 0;
  int nfiles = 0;
  char **files = dyad_calloc((size_t)argc + 1, sizeof *files);
  if (!files) return DYAD_ENOMEM;
  int st = ingest_args(argc, argv, &R, &db, &dict_dir, &batch, files, &nfiles);
  if (st) { free(files); return st < 0 ? 0 : st; }
  if (nfiles == 0) files[nfiles++] = "-";
  char err[512];
  dyad_store *s = NULL;
  if ((st = dyad_store_open(dyad_store_path(db), 1, busy_ms(), &s, err, sizeof err)) != DYAD_OK) { free(files); return fail(st, err); }
  dyad_diag dg = {print_diag, NULL, 0};
  dyad_dict *d = dyad_dict_load(dict_dir, &dg);
  dyad_coder *c = d ? dyad_coder_new(d) : NULL;
  R.g = c ? dyad_ingest_new(s, c, d, batch) : NULL;
  if (!R.g) st = d ? fail(DYAD_ENOMEM, "out of memory") : fail(DYAD_EINPUT, "no dictionaries could be loaded");
  else {
    R.progress = isatty(2);
    st = ingest_files(&R, files, nfiles);
  }
  dyad_ingest_free(R.g);
  dyad_coder_free(c);
  dyad_dict_free(d);
  dyad_store_close(s);
  free(files);
  return st;
}

/* ---- printing rows --------------------------------------------------------------------- */
typedef struct {
  int fmt;
  const char *record;    /* JSON lines/JSON: a leading "record" key with this value, or NULL */
  size_t rows;
  int first;
  dyad_buf *out;         /* when set, output goes here instead of stdout (dyad_query_run) */
  long skip, max;        /* rows skipped before printing; rows printed at most (0: all) */
  char *err;             /* when set, errors are written here instead of stderr */
  size_t errcap;
  int overflow;          /* out reached its cap: the output is cut */
  int plan;              /* print the query plan (EXPLAIN QUERY PLAN) instead of running the query */
} printer;

/* Column names starting with "j:" hold JSON text, written as JSON in JSON output. */
static const char *col_name(dyad_stmt *st, int i) {
  const char *n = dyad_db_column_name(st, i);
  return strncmp(n, "j:", 2) == 0 ? n + 2 : n;
}
static int col_is_json(dyad_stmt *st, int i) { return strncmp(dyad_db_column_name(st, i), "j:", 2) == 0; }

static void put_json_value(dyad_buf *b, dyad_stmt *st, int i) {
  switch (dyad_db_column_type(st, i)) {
  case DYAD_DB_NULL: dyad_buf_adds(b, "null"); break;
  case DYAD_DB_INTEGER: dyad_buf_printf(b, "%lld", (long long)dyad_db_column_int64(st, i)); break;
  case DYAD_DB_FLOAT: dyad_buf_printf(b, "%.15g", dyad_db_column_double(st, i)); break;
  default:
    if (col_is_json(st, i)) dyad_buf_adds(b, dyad_db_column_text(st, i));
    else dyad_json_string(b, dyad_db_column_text(st, i), (size_t)dyad_db_column_bytes(st, i));
  }
}

/* A row as a JSON object; a row of one JSON column ("j:...") is that JSON value itself. */
static void row_json(printer *P, dyad_stmt *st, dyad_buf *b) {
  if (dyad_db_column_count(st) == 1 && col_is_json(st, 0)) { put_json_value(b, st, 0); return; }
  dyad_buf_addc(b, '{');
  if (P->record) dyad_buf_printf(b, "\"record\":\"%s\",", P->record);
  for (int i = 0, n = dyad_db_column_count(st); i < n; i++) {
    if (i) dyad_buf_addc(b, ',');
    const char *name = col_name(st, i);
    dyad_json_string(b, name, strlen(name));
    dyad_buf_addc(b, ':');
    put_json_value(b, st, i);
  }
  dyad_buf_addc(b, '}');
}

static void csv_cell(dyad_buf *b, const char *s) {
  if (!strpbrk(s, ",\"\n\r")) { dyad_buf_adds(b, s); return; }
  dyad_buf_addc(b, '"');
  for (; *s; s++) {
    if (*s == '"') dyad_buf_addc(b, '"');
    dyad_buf_addc(b, *s);
  }
  dyad_buf_addc(b, '"');
}

static const char *cell_text(dyad_stmt *st, int i) {
  const char *t = dyad_db_column_text(st, i);
  return t ? t : "";
}

/* Prints every row of st in P's format (tables are buffered to size their columns). Returns the
 * SQLite code of the last step (DYAD_DB_DONE when all went well). */
static int print_rows(printer *P, dyad_stmt *st);

static size_t u8len(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* Copies at most MAX_CELL characters of s, newlines as spaces, "..." when cut. */
static char *cell_copy(const char *s) {
  size_t n = strlen(s), k = 0, chars = 0;
  char *o = dyad_malloc(n + 4);
  if (!o) return NULL;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c & 0xC0) != 0x80 && ++chars > MAX_CELL) { memcpy(o + k, "...", 3); k += 3; break; }
    o[k++] = (c == '\n' || c == '\t' || c == '\r') ? ' ' : (char)c;
  }
  o[k] = 0;
  return o;
}

static int print_table(dyad_stmt *st) {
  int nc = dyad_db_column_count(st), rc;
  size_t rows = 0, cap = 0, *w = dyad_calloc((size_t)nc, sizeof *w);
  char **cells = NULL;
  if (!w) return DYAD_DB_NOMEM;
  for (int i = 0; i < nc; i++) w[i] = col_is_json(st, i) ? 0 : u8len(col_name(st, i));
  while ((rc = dyad_db_step(st)) == DYAD_DB_ROW && rows < MAX_TABLE_ROWS) {
    if ((rows + 1) * (size_t)nc > cap) {
      size_t ncap = cap ? cap * 2 : (size_t)nc * 64;
      char **nn = dyad_realloc(cells, ncap * sizeof *nn);
      if (!nn) { rc = DYAD_DB_NOMEM; break; }
      cells = nn;
      cap = ncap;
    }
    for (int i = 0; i < nc; i++) {
      char *c = col_is_json(st, i) ? NULL : cell_copy(cell_text(st, i));
      cells[rows * (size_t)nc + (size_t)i] = c;
      if (c && u8len(c) > w[i]) w[i] = u8len(c);
    }
    rows++;
  }
  int lastc = nc - 1;
  while (lastc > 0 && col_is_json(st, lastc)) lastc--;
  for (int i = 0; i <= lastc; i++)
    if (!col_is_json(st, i)) printf("%s%-*s", i ? "  " : "", i == lastc ? 0 : (int)w[i], col_name(st, i));
  putchar('\n');
  for (size_t r = 0; r < rows; r++) {
    for (int i = 0; i <= lastc; i++) {
      if (col_is_json(st, i)) continue;
      const char *c = cells[r * (size_t)nc + (size_t)i];
      c = c ? c : "";
      int pad = i == lastc ? 0 : (int)(w[i] - u8len(c));
      printf("%s%s%*s", i ? "  " : "", c, pad, "");
    }
    putchar('\n');
  }
  if (rc == DYAD_DB_ROW) { printf("(more than %d rows; use --format csv or json for all)\n", MAX_TABLE_ROWS); rc = DYAD_DB_DONE; }
  for (size_t k = 0; k < rows * (size_t)nc; k++) free(cells[k]);
  free(cells);
  free(w);
  return rc;
}

/* Moves b's bytes to P's output buffer, else stdout; a full output buffer keeps what fits. */
static void emit(printer *P, dyad_buf *b) {
  if (b->n && P->out) P->overflow |= dyad_buf_add(P->out, b->p, b->n) != 0;
  else if (b->n) fwrite(b->p, 1, b->n, stdout);
  b->n = 0;
}

static int print_rows(printer *P, dyad_stmt *st) {
  if (P->fmt == FMT_TABLE) return print_table(st);
  dyad_buf b;
  dyad_buf_init(&b, (size_t)256 << 20);
  int rc, nc = dyad_db_column_count(st);
  if (P->fmt == FMT_CSV && P->first) {
    for (int i = 0; i < nc; i++) { if (i) dyad_buf_addc(&b, ','); csv_cell(&b, col_name(st, i)); }
    dyad_buf_addc(&b, '\n');
  }
  while ((rc = dyad_db_step(st)) == DYAD_DB_ROW) {
    if (P->skip > 0) { P->skip--; continue; }
    if (P->max > 0 && (long)P->rows >= P->max) { rc = DYAD_DB_DONE; break; }
    if (P->fmt == FMT_CSV) {
      for (int i = 0; i < nc; i++) { if (i) dyad_buf_addc(&b, ','); csv_cell(&b, cell_text(st, i)); }
      dyad_buf_addc(&b, '\n');
    } else {
      if (P->fmt == FMT_JSON) dyad_buf_adds(&b, P->rows ? ",\n" : "[\n");
      row_json(P, st, &b);
      if (P->fmt == FMT_JSONL) dyad_buf_addc(&b, '\n');
    }
    P->rows++;
    if (b.n > (1 << 16)) emit(P, &b);
  }
  emit(P, &b);
  dyad_buf_free(&b);
  P->first = 0;
  return rc;
}

static void print_end(printer *P) {
  const char *end = P->rows ? "\n]\n" : "[]\n";
  if (P->fmt != FMT_JSON) return;
  if (P->out) P->overflow |= dyad_buf_adds(P->out, end) != 0;
  else fputs(end, stdout);
}

/* ---- SQL helper functions ---------------------------------------------------------------- */
/* dyad_and('A|B|C') -> 'A, B and C'. */
static void fn_and(sqlite3_context *cx, int argc, sqlite3_value **av) {
  (void)argc;
  const char *s = (const char *)sqlite3_value_text(av[0]);
  if (!s || !*s) { sqlite3_result_null(cx); return; }
  dyad_buf b;
  dyad_buf_init(&b, 1 << 20);
  const char *last = strrchr(s, '|');
  for (const char *p = s; *p; p++) {
    if (*p != '|') { dyad_buf_addc(&b, *p); continue; }
    dyad_buf_adds(&b, p == last ? " and " : ", ");
  }
  sqlite3_result_text(cx, b.p ? b.p : "", (int)b.n, SQLITE_TRANSIENT);
  dyad_buf_free(&b);
}

/* dyad_mode(bits) -> 'factual' or the flags joined with '+'. */
static void fn_mode(sqlite3_context *cx, int argc, sqlite3_value **av) {
  (void)argc;
  static const char *const names[] = {"negated", "future", "hypothetical", "conditional", "historical", "denied"};
  int m = sqlite3_value_int(av[0]);
  char out[96] = "";
  for (int i = 0; i < 6; i++)
    if (m & (1 << i)) { if (*out) strcat(out, "+"); strcat(out, names[i]); }
  sqlite3_result_text(cx, *out ? out : "factual", -1, SQLITE_TRANSIENT);
}

/* dyad_reason(src3, tgt3, root, mode, date, precision, mentions, articles). */
static void fn_reason(sqlite3_context *cx, int argc, sqlite3_value **av) {
  (void)argc;
  char out[320];
  const char *t[5];
  for (int i = 0; i < 5; i++) t[i] = i == 3 ? "" : (const char *)sqlite3_value_text(av[i]);
  dyad_merge_reason(out, sizeof out, t[0] ? t[0] : "", t[1] ? t[1] : "", t[2] ? t[2] : "", sqlite3_value_int(av[3]),
                    t[4] ? t[4] : "", sqlite3_value_int(av[5]), (long)sqlite3_value_int64(av[6]), (long)sqlite3_value_int64(av[7]));
  sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

/* dyad_claim(proposition, alleged, denied, confirmed) -> 'P -- alleged by A, denied by D'. */
static void fn_claim(sqlite3_context *cx, int argc, sqlite3_value **av) {
  (void)argc;
  static const char *const verbs[] = {"alleged by", "denied by", "confirmed by"};
  dyad_buf b;
  dyad_buf_init(&b, 1 << 20);
  const char *p = (const char *)sqlite3_value_text(av[0]);
  dyad_buf_adds(&b, p ? p : "");
  for (int i = 0, k = 0; i < 3; i++) {
    const char *who = (const char *)sqlite3_value_text(av[i + 1]);
    if (!who) continue;
    dyad_buf_printf(&b, "%s%s %s", k++ ? ", " : " \xE2\x80\x94 ", verbs[i], who);
  }
  sqlite3_result_text(cx, b.p ? b.p : "", (int)b.n, SQLITE_TRANSIENT);
  dyad_buf_free(&b);
}

static void add_functions(dyad_db *d) {
  sqlite3 *db = dyad_db_sqlite(d);
  if (!db) return;
  int fl = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;   /* never from a view or trigger */
  sqlite3_create_function(db, "dyad_and", 1, fl, NULL, fn_and, NULL, NULL);
  sqlite3_create_function(db, "dyad_mode", 1, fl, NULL, fn_mode, NULL, NULL);
  sqlite3_create_function(db, "dyad_reason", 8, fl, NULL, fn_reason, NULL, NULL);
  sqlite3_create_function(db, "dyad_claim", 4, fl, NULL, fn_claim, NULL, NULL);
}

/* ---- query options and a small SQL builder ---------------------------------------------- */
typedef struct {
  const char *db, *actor, *dyad_a, *dyad_b, *code, *since, *until, *text, *about, *party, *name, *by;
  const char *regime, *target;   /* query sanctions */
  const char *country;       /* place filter: ISO alpha-3 of where events happened (issue 6) */
  int near;                  /* place filter: within near_km of (near_lat, near_lon) */
  double near_lat, near_lon, near_km;
  int fmt, directed, plan;
  long limit, offset;        /* rows per page (0: all) and rows skipped, in SQL */
  long stances, id;          /* claims: stances listed per claim (0: all); one claim by id (0: any) */
} qopts;

typedef struct {
  dyad_buf sql;
  const char *binds[MAX_BINDS];
  char own[MAX_BINDS][80];   /* derived values (prefixes, patterns) */
  int nb, nown;
} qsql;

/* Appends SQL text; each '?' in it takes the next of the n values given. */
static void q_add(qsql *q, const char *text, int n, ...) {
  va_list ap;
  va_start(ap, n);
  dyad_buf_adds(&q->sql, text);
  for (int i = 0; i < n && q->nb < MAX_BINDS; i++) q->binds[q->nb++] = va_arg(ap, const char *);
  va_end(ap);
}

/* A derived bind value kept inside q: fmt applied to s (e.g. "%.3s", "%s%%"). */
static const char *q_val(qsql *q, const char *fmt, const char *s) {
  static const char none[] = "";
  if (q->nown >= MAX_BINDS) return none;
  snprintf(q->own[q->nown], sizeof q->own[q->nown], fmt, s);
  return q->own[q->nown++];
}

/* key.col3 = the code's first three letters (the indexed happening key) and row.col LIKE
 * 'CODE%' (prefix match on the full code of the happening or event row). */
static void q_actor(qsql *q, const char *key, const char *row, const char *col, const char *code) {
  char t[128];
  if (strlen(code) >= 3) {
    snprintf(t, sizeof t, "(%s.%s3 = ? AND %s.%s LIKE ?)", key, col, row, col);
    q_add(q, t, 2, q_val(q, "%.3s", code), q_val(q, "%.70s%%", code));
  } else {
    snprintf(t, sizeof t, "(%s.%s LIKE ?)", row, col);
    q_add(q, t, 1, q_val(q, "%.70s%%", code));
  }
}

/* Both directions of a dyad unless directed. */
static void q_dyad(qsql *q, const char *key, const char *row, const char *a, const char *b, int directed) {
  q_add(q, "((", 0);
  q_actor(q, key, row, "src", a);
  q_add(q, " AND ", 0);
  q_actor(q, key, row, "tgt", b);
  q_add(q, ")", 0);
  if (!directed) {
    q_add(q, " OR (", 0);
    q_actor(q, key, row, "src", b);
    q_add(q, " AND ", 0);
    q_actor(q, key, row, "tgt", a);
    q_add(q, ")", 0);
  }
  q_add(q, ")", 0);
}

/* 1 when the code point at p (n bytes left) belongs to a word for FTS5's unicode61 tokenizer
 * (letters, marks, numbers, private use); *len is its length in bytes. */
static int fts_wordchar(const char *p, size_t n, size_t *len) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &cp);
  if (k <= 0) { *len = 1; return 0; }
  *len = (size_t)k;
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO) || c == UTF8PROC_CATEGORY_CO;
}

/* FTS5 query of plain words: split where the tokenizer splits (so no quoted word is a phrase,
 * which a detail=none index refuses), each quoted, all required; "" when there is no word. */
static const char *fts_words(qsql *q, const char *words, char *out, size_t cap) {
  size_t k = 0, n = strlen(words), len;
  int in = 0;
  (void)q;
  for (size_t i = 0; i < n && k + 8 < cap; i += len) {
    int w = fts_wordchar(words + i, n - i, &len);
    if (w && !in) { out[k++] = '"'; in = 1; }
    if (!w && in) { out[k++] = '"'; out[k++] = ' '; in = 0; }
    if (w) { memcpy(out + k, words + i, len); k += len; }
  }
  if (in) out[k++] = '"';
  out[k] = 0;
  return out;
}

static long day_of(const char *d) { return dyad_store_day(d); }

/* Prints the rows of an EXPLAIN QUERY PLAN statement as an indented tree on stdout. */
static int print_plan(dyad_stmt *st) {
  int ids[64], depth[64], n = 0, rc;
  if (dyad_db_column_count(st) == 1) {   /* PostgreSQL's EXPLAIN: one line of text per row */
    while ((rc = dyad_db_step(st)) == DYAD_DB_ROW) printf("%s\n", dyad_db_column_text(st, 0));
    return rc;
  }
  while ((rc = dyad_db_step(st)) == DYAD_DB_ROW) {
    int id = dyad_db_column_int(st, 0), parent = dyad_db_column_int(st, 1), d = 0;
    for (int i = 0; i < n; i++)
      if (ids[i] == parent) d = depth[i] + 1;
    if (n < 64) { ids[n] = id; depth[n++] = d; }
    printf("%*s%s\n", 2 * d, "", dyad_db_column_text(st, 3));
  }
  return rc;
}

/* " AND a.day >= since AND a.day <= until" for the options given (days since the epoch, the range
 * widened by `widen` days each way), bound through d1 and d2, which must live until the query runs. */
static void q_days(qsql *q, const qopts *o, const char *a, long widen, char d1[24], char d2[24]) {
  char t[64];
  if (o->since) {
    snprintf(d1, 24, "%ld", day_of(o->since) - widen);
    snprintf(t, sizeof t, " AND %s.day >= CAST(? AS INTEGER)", a);
    q_add(q, t, 1, d1);
  }
  if (o->until) {
    snprintf(d2, 24, "%ld", day_of(o->until) + widen);
    snprintf(t, sizeof t, " AND %s.day <= CAST(? AS INTEGER)", a);
    q_add(q, t, 1, d2);
  }
}

static int q_run(dyad_store *s, qsql *q, printer *P) {
  dyad_stmt *st = NULL;
  char buf[512], *err = P->err ? P->err : buf;
  size_t cap = P->err ? P->errcap : sizeof buf;
  if (!q->sql.p) { snprintf(err, cap, "out of memory building the query"); return P->err ? DYAD_ENOMEM : fail(DYAD_ENOMEM, err); }
  char *sql = P->plan ? dyad_malloc(q->sql.n + 32) : NULL;
  if (P->plan && !sql) { snprintf(err, cap, "out of memory"); return P->err ? DYAD_ENOMEM : fail(DYAD_ENOMEM, err); }
  int pg = dyad_db_engine(dyad_store_db(s)) == DYAD_DB_POSTGRES;
  if (sql) snprintf(sql, q->sql.n + 32, "%s %s", pg ? "EXPLAIN" : "EXPLAIN QUERY PLAN", q->sql.p);
  int rc = DYAD_DB_OK;
  if (P->plan) rc = dyad_db_prepare(dyad_store_db(s), sql, -1, &st);
  else if (!(st = dyad_store_stmt_text(s, q->sql.p, q->sql.n))) rc = dyad_db_errcode(dyad_store_db(s));   /* kept for reuse */
  free(sql);
  if (rc == DYAD_DB_OK) {
    for (int i = 0; i < q->nb; i++) dyad_db_bind_text(st, i + 1, q->binds[i], -1);
    rc = P->plan ? print_plan(st) : print_rows(P, st);
    if (P->plan) dyad_db_finalize(st);
    else dyad_db_reset(st);   /* no pointer into q is kept */
    if (rc == DYAD_DB_DONE) return DYAD_OK;
  }
  int status = dyad_store_error(s, rc, "running the query", err, cap);
  return P->err ? status : fail(status, err);
}


/* Per-happening report counts (alias h), as three columns. */
#define COUNTS_SQL \
  "(SELECT count(*) FROM (SELECT DISTINCT e2.doc, e2.sent FROM merge_links l2 JOIN events e2 ON e2.id = l2.event " \
  "WHERE l2.happening = h.id)) AS mentions, " \
  "(SELECT count(DISTINCT e2.doc) FROM merge_links l2 JOIN events e2 ON e2.id = l2.event WHERE l2.happening = h.id) AS articles, " \
  "(SELECT count(DISTINCT d2.outlet) FROM merge_links l2 JOIN events e2 ON e2.id = l2.event JOIN documents d2 ON d2.id = e2.doc " \
  "WHERE l2.happening = h.id) AS outlets"

#define HAPPENING_COLS \
  "h.id AS id, h.date AS date, h.src AS source, e.src_name AS source_name, h.tgt AS target, e.tgt_name AS target_name, " \
  "h.code AS code, h.root AS root, h.quad AS quad, h.goldstein AS goldstein, e.plover AS plover, dyad_mode(h.mode) AS mode, " \
  COUNTS_SQL ", h.src3 AS k_src3, h.tgt3 AS k_tgt3, h.mode AS k_mode, h.precision AS k_prec, " \
  "json_extract(e.json, '$.evidence.text') AS evidence, d.name AS doc, d.url AS url, e.eid AS first_event, " \
  "e.place_name AS place_name, e.place_country AS place_country, e.place_admin1 AS place_admin1, " \
  "e.place_lat AS place_lat, e.place_lon AS place_lon, e.place_precision AS place_precision"

/* Every merged event with its first report and document, in id order: what the exports read. */
#define ALL_HAPPENINGS \
  "(SELECT " HAPPENING_COLS " FROM happenings h JOIN events e ON e.id = h.first_event " \
  "JOIN documents d ON d.id = e.doc ORDER BY h.id)"

#define HAPPENING_OUT \
  "id, date, source, source_name, target, target_name, code, root, quad, goldstein, plover, mode, mentions, articles, outlets, " \
  "dyad_reason(k_src3, k_tgt3, root, k_mode, date, k_prec, mentions, articles) AS merge_reason, evidence, doc, url, first_event, " \
  "place_name, place_country, place_lat, place_lon, place_precision"

/* LIMIT and OFFSET of a paged query from o (no limit: all rows). */
static void q_page(qsql *q, const qopts *o) {
  char lim[24], off[24];
  snprintf(lim, sizeof lim, "%lld", o->limit > 0 ? (long long)o->limit : 9223372036854775807LL);   /* no limit */
  snprintf(off, sizeof off, "%ld", o->offset > 0 ? o->offset : 0L);
  q_add(q, " LIMIT CAST(? AS INTEGER) OFFSET CAST(? AS INTEGER)", 2, q_val(q, "%s", lim), q_val(q, "%s", off));
}

/* Pages q when o is given (LIMIT/OFFSET of the options), runs it into P and frees its SQL. */
static int q_finish(dyad_store *s, qsql *q, const qopts *o, printer *P) {
  if (o) q_page(q, o);
  int st = q_run(s, q, P);
  dyad_buf_free(&q->sql);
  return st;
}

/* The happening-level part of an actor filter (alias k): a code of 3 or more letters fixes the
 * key's country prefix, which every report of a happening shares. */
static void k_side(qsql *q, const char *col, const char *code) {
  char t[64];
  snprintf(t, sizeof t, "k.%s3 = ?", col);
  if (strlen(code) >= 3) q_add(q, t, 1, q_val(q, "%.3s", code));
  else q_add(q, "1", 0);
}

/* Necessary conditions on the merged event k (indexed: key prefixes, root, day within the merge
 * window of the asked dates); 1 when a report must also be checked (event-level filter). */
static int k_filters(qsql *q, const qopts *o, int dyad, char d1[24], char d2[24]) {
  int ev = o->text || o->since || o->until || (o->code && strlen(o->code) > 2) || o->country || o->near;
  if (o->actor) {
    q_add(q, " AND (", 0); k_side(q, "src", o->actor); q_add(q, " OR ", 0); k_side(q, "tgt", o->actor); q_add(q, ")", 0);
    ev |= strlen(o->actor) != 3;
  }
  if (o->dyad_a && dyad) {
    q_add(q, " AND ((", 0); k_side(q, "src", o->dyad_a); q_add(q, " AND ", 0); k_side(q, "tgt", o->dyad_b); q_add(q, ")", 0);
    if (!o->directed) { q_add(q, " OR (", 0); k_side(q, "src", o->dyad_b); q_add(q, " AND ", 0); k_side(q, "tgt", o->dyad_a); q_add(q, ")", 0); }
    q_add(q, ")", 0);
  }
  if (o->dyad_a) ev |= strlen(o->dyad_a) != 3 || strlen(o->dyad_b) != 3;
  if (o->code) q_add(q, " AND k.root LIKE ?", 1, q_val(q, "%.2s%%", o->code));
  q_days(q, o, "k", DYAD_MERGE_WINDOW_DAYS, d1, d2);
  return ev;
}

/* Where a report happened (alias f): its place's state, and within a radius of a point by the
 * equirectangular distance (exact enough at the radii news is filtered by; no SQL math needed). */
static void place_filters(qsql *q, const qopts *o) {
  if (o->country) q_add(q, " AND f.place_country = ?", 1, q_val(q, "%.3s", o->country));
  if (!o->near) return;
  double dlat = o->near_km / 111.2, c = cos(o->near_lat * 3.14159265358979323846 / 180.0);
  char v[6][40];
  snprintf(v[0], 40, "%.6f", o->near_lat - dlat); snprintf(v[1], 40, "%.6f", o->near_lat + dlat);
  snprintf(v[2], 40, "%.6f", o->near_lat); snprintf(v[3], 40, "%.6f", o->near_lon);
  snprintf(v[4], 40, "%.9f", c * c); snprintf(v[5], 40, "%.6f", dlat * dlat);
  q_add(q, " AND f.place_lat BETWEEN CAST(? AS REAL) AND CAST(? AS REAL)", 2, q_val(q, "%s", v[0]), q_val(q, "%s", v[1]));
  q_add(q, " AND (f.place_lat - CAST(? AS REAL)) * (f.place_lat - CAST(? AS REAL)) + (f.place_lon - CAST(? AS REAL)) * "
           "(f.place_lon - CAST(? AS REAL)) * CAST(? AS REAL) <= CAST(? AS REAL)", 6, q_val(q, "%s", v[2]), q_val(q, "%s", v[2]),
        q_val(q, "%s", v[3]), q_val(q, "%s", v[3]), q_val(q, "%s", v[4]), q_val(q, "%s", v[5]));
}

static int api_word(const char *v, size_t max, int digits_only);

/* Parses "LAT,LON,KM" into o; 0, or -1 when it is not three numbers in range. */
static int parse_near(qopts *o, const char *v) {
  char *e1, *e2, *e3;
  double lat = strtod(v, &e1), lon = *e1 == ',' ? strtod(e1 + 1, &e2) : 0, km = 0;
  if (*e1 != ',' || *e2 != ',') return -1;
  km = strtod(e2 + 1, &e3);
  if (*e3 || lat < -90 || lat > 90 || lon < -180 || lon > 180 || !(km > 0) || km > 20000) return -1;
  o->near = 1; o->near_lat = lat; o->near_lon = lon; o->near_km = km;
  return 0;
}

/* The report-level conditions (alias f) of an event query. */
static void f_filters(qsql *q, const qopts *o, char d1[24], char d2[24]) {
  place_filters(q, o);
  if (o->actor) { q_add(q, " AND (", 0); q_actor(q, "f", "f", "src", o->actor); q_add(q, " OR ", 0); q_actor(q, "f", "f", "tgt", o->actor); q_add(q, ")", 0); }
  if (o->dyad_a) { q_add(q, " AND ", 0); q_dyad(q, "f", "f", o->dyad_a, o->dyad_b, o->directed); }
  if (o->code) q_add(q, " AND f.code LIKE ?", 1, q_val(q, "%.60s%%", o->code));
  q_days(q, o, "f", 0, d1, d2);
}

/* A report filter that can drive an event query through its index: the condition on f with its
 * two bound values. */
typedef struct { const char *cond, *index; char a[40], b[40]; int nb; } drive;

/* The events matching d, counted through its index up to cap + 1; -1 on error. */
static long count_reports(dyad_store *s, const drive *d, long cap) {
  char sql[256];
  int n = snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT 1 FROM events f INDEXED BY %s WHERE %s LIMIT %ld) AS c",
                   d->index, d->cond, cap + 1);
  dyad_stmt *st = dyad_store_stmt_text(s, sql, (size_t)n);
  if (!st) return -1;
  dyad_db_bind_text(st, 1, d->a, -1);
  if (d->nb > 1) dyad_db_bind_text(st, 2, d->b, -1);
  long c = dyad_db_step(st) == DYAD_DB_ROW ? (long)dyad_db_column_int64(st, 0) : -1;
  dyad_db_reset(st);
  return c;
}

/* Most reports an indexed filter may match and still drive the query (DYAD_DRIVE_MAX overrides,
 * for tests): past it, walking the merged events in date order finds a page sooner. */
static long drive_max(void) {
  const char *e = getenv("DYAD_DRIVE_MAX");
  return e && *e ? atol(e) : DRIVE_MAX;
}

/* Chooses the most selective of the indexed report filters (a 3-4 digit code, a state, a
 * latitude band) when it matches at most drive_max() events; 1 when *d is set. */
static int choose_drive(dyad_store *s, const qopts *o, drive *d) {
  drive c[3];
  int n = 0;
  long best = -1, cap = drive_max();
  if (o->code && strlen(o->code) > 2) {
    c[n] = (drive){"f.code >= ? AND f.code < ?", "events_code", "", "", 2};
    snprintf(c[n].a, sizeof c[n].a, "%s", o->code);
    snprintf(c[n].b, sizeof c[n].b, "%s", o->code);
    c[n].b[strlen(c[n].b) - 1]++;   /* digits: the next prefix bounds the range */
    n++;
  }
  if (o->country) {
    c[n] = (drive){"f.place_country = ?", "events_place_country", "", "", 1};
    snprintf(c[n++].a, sizeof c[0].a, "%.3s", o->country);
  }
  if (o->near) {
    c[n] = (drive){"f.place_lat BETWEEN CAST(? AS REAL) AND CAST(? AS REAL)", "events_place_lat", "", "", 2};
    snprintf(c[n].a, sizeof c[n].a, "%.6f", o->near_lat - o->near_km / 111.2);
    snprintf(c[n++].b, sizeof c[0].b, "%.6f", o->near_lat + o->near_km / 111.2);
  }
  for (int i = 0; i < n; i++) {
    long k = count_reports(s, &c[i], cap);
    if (k >= 0 && k <= cap && (best < 0 || k < best)) { best = k; *d = c[i]; }
  }
  return best >= 0;
}

/* One arm of the page's candidates: the ids and days of merged events k that pass the filters.
 * With src and tgt set, the arm fixes k's country pair to their prefixes and reads that pair in
 * date order from happenings_pair (so a page stops after its rows). With dr set (and no pair or
 * text), the merged events of the reports found through dr's index are the candidates. */
static void events_arm(qsql *q, const qopts *o, const char *src, const char *tgt, char days[4][24], char *fts, size_t ftscap,
                       const drive *dr) {
  if (dr && !src && !o->text) {
    char t[400];
    snprintf(t, sizeof t, "SELECT k.id AS pid, k.day AS pday FROM (SELECT DISTINCT l.happening AS hid FROM events f INDEXED BY %s "
             "JOIN merge_links l ON l.event = f.id WHERE %s", dr->index, dr->cond);
    q_add(q, t, dr->nb, dr->a, dr->b);
    f_filters(q, o, days[2], days[3]);
    q_add(q, ") AS dm JOIN happenings k ON k.id = dm.hid WHERE 1 = 1", 0);
    k_filters(q, o, 1, days[0], days[1]);
    return;
  }
  q_add(q, "SELECT k.id AS pid, k.day AS pday FROM happenings k", 0);
  if (src) q_add(q, " INDEXED BY happenings_pair WHERE k.src3 = ? AND k.tgt3 = ?", 2, q_val(q, "%.3s", src), q_val(q, "%.3s", tgt));
  else q_add(q, " WHERE 1 = 1", 0);
  int ev = k_filters(q, o, !src, days[0], days[1]);
  if (o->text && !*fts_words(q, o->text, fts, ftscap)) q_add(q, " AND 1 = 0", 0);   /* no word: nothing matches */
  else if (o->text) {
    q_add(q, " AND k.id IN (SELECT l.happening FROM merge_links l JOIN events f ON f.id = l.event WHERE f.id IN "
             "(SELECT g.id FROM evidence_fts x JOIN events m ON m.id = x.rowid JOIN events g ON g.doc = m.doc "
             "AND g.sent = m.sent WHERE evidence_fts MATCH ?)", 1, fts);
    f_filters(q, o, days[2], days[3]);
    q_add(q, ")", 0);
  } else if (ev) {
    q_add(q, " AND EXISTS (SELECT 1 FROM merge_links l JOIN events f ON f.id = l.event WHERE l.happening = k.id", 0);
    f_filters(q, o, days[2], days[3]);
    q_add(q, ")", 0);
  }
}

/* Merged events with at least one matching report, in date order, paged in SQL: the page of
 * merged event ids is chosen first (through the happenings indexes; reports are read only when a
 * filter needs them; a dyad as two arms, one per direction, merged in date order), then only
 * those rows are joined and counted. */
static int query_events(dyad_store *s, const qopts *o, printer *P) {
  qsql q;
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 16);
  char fts[512], days[4][24];
  drive dr;   /* its values are bound by pointer until q_finish runs: it must outlive the branch */
  q_add(&q, "SELECT " HAPPENING_OUT " FROM (SELECT " HAPPENING_COLS " FROM (", 0);
  if (o->dyad_a && strlen(o->dyad_a) >= 3 && strlen(o->dyad_b) >= 3) {
    events_arm(&q, o, o->dyad_a, o->dyad_b, days, fts, sizeof fts, NULL);
    if (!o->directed && strncmp(o->dyad_a, o->dyad_b, 3) != 0) {
      q_add(&q, " UNION ALL ", 0);
      events_arm(&q, o, o->dyad_b, o->dyad_a, days, fts, sizeof fts, NULL);
    }
    q_add(&q, " ORDER BY 2, 1", 0);
  } else {
    int driven = !o->text && choose_drive(s, o, &dr);
    events_arm(&q, o, NULL, NULL, days, fts, sizeof fts, driven ? &dr : NULL);
    q_add(&q, " ORDER BY k.day, k.id", 0);
  }
  q_page(&q, o);
  q_add(&q, ") AS pg JOIN happenings h ON h.id = pg.pid JOIN events e ON e.id = h.first_event "
            "JOIN documents d ON d.id = e.doc ORDER BY pg.pday, pg.pid)", 0);
  return q_finish(s, &q, NULL, P);
}

static int query_series(dyad_store *s, const qopts *o, printer *P) {
  if (!o->dyad_a) return fail(DYAD_EUSAGE, "query series needs --dyad A B");
  const char *by = o->by ? o->by : "month";
  const char *period = !strcmp(by, "day") ? "h.date" : !strcmp(by, "week") ? (dyad_db_engine(dyad_store_db(s)) == DYAD_DB_POSTGRES
                                                                           ? "dyad_week(h.day)"
                                                                           : "date((h.day - (h.day + 700003) % 7) * 86400, 'unixepoch')")
                     : !strcmp(by, "month") ? "substr(h.date, 1, 7)" : NULL;
  if (!period) return fail(DYAD_EUSAGE, "--by must be day, week or month");
  qsql q;
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 16);
  q_add(&q, "SELECT period, count(*) AS events, sum(CASE WHEN quad = 1 THEN 1 ELSE 0 END) AS verbal_cooperation, sum(CASE WHEN quad = 2 THEN 1 ELSE 0 END) AS material_cooperation, "
            "sum(CASE WHEN quad = 3 THEN 1 ELSE 0 END) AS verbal_conflict, sum(CASE WHEN quad = 4 THEN 1 ELSE 0 END) AS material_conflict, round(sum(goldstein), 2) AS goldstein_sum, "
            "round(avg(goldstein), 3) AS goldstein_mean, "
            "round(100.0 * sum(CASE WHEN goldstein < 0 THEN -goldstein ELSE 0 END) / (sum(abs(goldstein)) + 10), 2) AS tension "
            "FROM (SELECT ", 0);
  q_add(&q, period, 0);
  q_add(&q, " AS period, h.quad AS quad, h.goldstein AS goldstein FROM happenings h WHERE (h.mode & 47) = 0 AND ", 0);
  q_dyad(&q, "h", "h", o->dyad_a, o->dyad_b, o->directed);
  if (o->since) q_add(&q, " AND h.date >= ?", 1, o->since);
  if (o->until) q_add(&q, " AND h.date <= ?", 1, o->until);
  q_add(&q, ") GROUP BY period ORDER BY period", 0);
  return q_finish(s, &q, NULL, P);
}

#define COUNTRY_NAME(x) "(SELECT a.name FROM actors a WHERE a.code = " x " AND a.entry LIKE 'country:%' LIMIT 1)"
/* The claimants (country prefixes) who took stance st on claim c, in the order of their first such
 * stance: the distinct claimants are found by skipping through claim_stances_who (one seek per
 * claimant, however many stances each has), then each one's first stance id. */
#define STANCE_LIST(st) \
  "(WITH RECURSIVE w(k) AS (SELECT min(claimant3) FROM claim_stances WHERE claim = c.id AND stance = '" st "' " \
  "UNION ALL SELECT (SELECT min(claimant3) FROM claim_stances WHERE claim = c.id AND stance = '" st "' AND claimant3 > w.k) " \
  "FROM w WHERE w.k IS NOT NULL) SELECT dyad_and(group_concat(n, '|')) FROM (SELECT CASE WHEN w.k = '' THEN 'unnamed' " \
  "ELSE w.k END AS n, (SELECT min(id) FROM claim_stances WHERE claim = c.id AND stance = '" st "' AND claimant3 = w.k) AS m " \
  "FROM w WHERE w.k IS NOT NULL ORDER BY m) AS ws)"

static int query_claims(dyad_store *s, const qopts *o, printer *P) {
  char nstances[24], id[24];
  snprintf(nstances, sizeof nstances, "%lld", o->stances > 0 ? (long long)o->stances : 9223372036854775807LL);   /* 0: all */
  snprintf(id, sizeof id, "%ld", o->id);
  qsql q;
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 16);
  q_add(&q, "SELECT id, dyad_claim(claim, alleged_by, denied_by, confirmed_by) AS summary, claim, actor, action, target, "
            "alleged_by, denied_by, confirmed_by, first_date, last_date, stances_total, \"j:stances\" FROM (SELECT c.id AS id, "
            "coalesce(" COUNTRY_NAME("c.actor3") ", c.actor3) || ' ' || coalesce(c.verb, 'did') || "
            "CASE WHEN c.target3 <> '' THEN ' ' || coalesce(" COUNTRY_NAME("c.target3") ", c.target3) ELSE '' END || "
            "' (' || c.code || coalesce(' ' || c.label, '') || ')' AS claim, c.actor3 AS actor, c.action AS action, "
            "nullif(c.target3, '') AS target, " STANCE_LIST("allege") " AS alleged_by, " STANCE_LIST("deny") " AS denied_by, "
            STANCE_LIST("confirm") " AS confirmed_by, (SELECT min(date) FROM claim_stances WHERE claim = c.id) AS first_date, "
            "(SELECT max(date) FROM claim_stances WHERE claim = c.id) AS last_date, "
            "(SELECT count(*) FROM claim_stances WHERE claim = c.id) AS stances_total, "
            "(SELECT json_group_array(json_object('claimant', claimant, 'stance', stance, 'via', via, 'date', date, "
            "'event', eid, 'doc', name, 'evidence', ev)) FROM (SELECT t.claimant, t.stance, t.via, t.date, e.eid, d.name, "
            "json_extract(e.json, '$.evidence.text') AS ev FROM claim_stances t JOIN events e ON e.id = t.event "
            "JOIN documents d ON d.id = t.doc WHERE t.claim = c.id ORDER BY t.id LIMIT CAST(? AS INTEGER))) AS \"j:stances\" "
            "FROM (SELECT c.id AS pid, c.date AS pdate FROM claims c WHERE 1 = 1", 1, q_val(&q, "%s", nstances));
  if (o->id > 0) q_add(&q, " AND c.id = CAST(? AS INTEGER)", 1, q_val(&q, "%s", id));
  if (o->about)
    q_add(&q, " AND (c.actor3 = ? OR c.target3 = ? OR EXISTS (SELECT 1 FROM claim_stances t WHERE t.claim = c.id AND t.stance IN ('allege', 'deny', 'confirm') "
          "AND t.claimant3 = ?))",
          3, q_val(&q, "%.3s", o->about), q_val(&q, "%.3s", o->about), q_val(&q, "%.3s", o->about));
  q_add(&q, " ORDER BY c.date, c.id", 0);
  q_page(&q, o);   /* the page is chosen before the stances are gathered */
  q_add(&q, ") AS pg JOIN claims c ON c.id = pg.pid ORDER BY pg.pdate, pg.pid)", 0);
  return q_finish(s, &q, NULL, P);
}

#define PARTY_OF "(SELECT party FROM commitment_parties WHERE commitment = c.id)"
#define BUCKET_OF(d) "((" d " + " DYAD_LATER_DAY0 ") / 32)"
/* Later factual merged events between two parties: those of QuadClass 2 (honoured) times 2^32
 * plus those of QuadClass 4 (broken); whole 32-day buckets after the commitment's from the counts
 * kept at ingest (commit_later), the rest of its own bucket from a walk of happenings_pair. */
#define LATER \
  "coalesce((SELECT CAST(sum(honoured) AS INTEGER) * 4294967296 + CAST(sum(broken) AS INTEGER) FROM commit_later " \
  "WHERE parties = c.parties AND bucket > " \
  BUCKET_OF("c.day") "), 0) + " \
  "coalesce((SELECT sum(CASE WHEN h.quad = 2 THEN 1 ELSE 0 END) * 4294967296 + sum(CASE WHEN h.quad = 4 THEN 1 ELSE 0 END) FROM happenings h WHERE h.day > c.day " \
  "AND h.day <= " BUCKET_OF("c.day") " * 32 + 31 - " DYAD_LATER_DAY0 " " \
  "AND (h.mode & 47) = 0 AND h.quad IN (2, 4) AND h.src3 <> h.tgt3 AND h.src3 IN " PARTY_OF " AND h.tgt3 IN " PARTY_OF "), 0)"

static int query_commitments(dyad_store *s, const qopts *o, printer *P) {
  qsql q;
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 16);
  q_add(&q, "SELECT id, party_names || ': ' || kind || ' ' || form || ' (' || date || '): ' || clause AS summary, parties, "
            "party_names, kind, form, code, date, "
            "clause, reports, later / 4294967296 AS honoured_by, later % 4294967296 AS broken_by, \"j:evidence\" "
            "FROM (SELECT c.id AS id, c.parties AS parties, "
            "(SELECT dyad_and(group_concat(n, '|')) FROM (SELECT coalesce(" COUNTRY_NAME("p.party") ", p.party) AS n "
            "FROM commitment_parties p WHERE p.commitment = c.id ORDER BY p.party)) AS party_names, c.kind AS kind, c.code AS code, "
            "c.date AS date, (SELECT r.clause FROM commitment_reports r WHERE r.commitment = c.id ORDER BY r.code LIKE '057%' DESC, "
            "r.event LIMIT 1) AS clause, CASE WHEN EXISTS (SELECT 1 FROM commitment_reports r WHERE r.commitment = c.id AND "
            "r.code LIKE '057%') THEN 'agreement' ELSE 'pledge' END AS form, (SELECT count(*) FROM commitment_reports r WHERE r.commitment = c.id) AS reports, "
            LATER " AS later, "
            "(SELECT json_group_array(json_object('event', eid, 'code', code, 'date', date, 'doc', name, 'evidence', ev)) FROM "
            "(SELECT e.eid, e.code, e.date, d.name, json_extract(e.json, '$.evidence.text') AS ev FROM commitment_reports r "
            "JOIN events e ON e.id = r.event JOIN documents d ON d.id = e.doc WHERE r.commitment = c.id ORDER BY e.id)) "
            "AS \"j:evidence\" FROM (SELECT c.id AS pid, c.day AS pday FROM commitments c WHERE 1 = 1", 0);
  if (o->party)
    q_add(&q, " AND EXISTS (SELECT 1 FROM commitment_parties p WHERE p.commitment = c.id AND p.party = ?)", 1, q_val(&q, "%.3s", o->party));
  q_add(&q, " ORDER BY c.day, c.id", 0);
  q_page(&q, o);   /* the page is chosen before reports and later events are counted */
  q_add(&q, ") AS pg JOIN commitments c ON c.id = pg.pid ORDER BY pg.pday, pg.pid)", 0);
  return q_finish(s, &q, NULL, P);
}

static int query_actors(dyad_store *s, const qopts *o, printer *P) {
  qsql q;
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 12);
  q_add(&q, "SELECT code, name, entry FROM actors WHERE 1 = 1", 0);
  if (o->name) q_add(&q, " AND (name LIKE ? OR code LIKE ?)", 2, q_val(&q, "%%%.60s%%", o->name), q_val(&q, "%.60s%%", o->name));
  if (o->actor) q_add(&q, " AND code LIKE ?", 1, q_val(&q, "%.60s%%", o->actor));
  q_add(&q, " ORDER BY code, entry", 0);
  return q_finish(s, &q, NULL, P);
}

/* The same rows from the per-(dyad, root) counts kept at ingest (dyad_totals): no date range and at
 * most a root as code, so no merged event has to be read. */
static int query_dyad_totals(dyad_store *s, const qopts *o, printer *P) {
  qsql q;
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 12);
  q_add(&q, "SELECT src3 AS source, tgt3 AS target, sum(events) AS events, sum(quad1) AS verbal_cooperation, "
            "sum(quad2) AS material_cooperation, sum(quad3) AS verbal_conflict, sum(quad4) AS material_conflict, "
            "round(sum(goldstein10) / (10.0 * sum(events)), 2) AS goldstein_mean FROM dyad_totals "
            "WHERE src3 <> '' AND tgt3 <> ''", 0);
  if (o->code) q_add(&q, " AND root LIKE ?", 1, q_val(&q, "%.2s%%", o->code));
  q_add(&q, " GROUP BY src3, tgt3 ORDER BY sum(events) DESC, src3, tgt3", 0);
  return q_finish(s, &q, o, P);
}

/* Merged events per directed country dyad, most reported first. */
static int query_dyads(dyad_store *s, const qopts *o, printer *P) {
  if (!o->since && !o->until && (!o->code || strlen(o->code) <= 2)) return query_dyad_totals(s, o, P);
  qsql q;
  char d1[24], d2[24];
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 12);
  q_add(&q, "SELECT h.src3 AS source, h.tgt3 AS target, count(*) AS events, sum(CASE WHEN h.quad = 1 THEN 1 ELSE 0 END) AS verbal_cooperation, "
            "sum(CASE WHEN h.quad = 2 THEN 1 ELSE 0 END) AS material_cooperation, sum(CASE WHEN h.quad = 3 THEN 1 ELSE 0 END) AS verbal_conflict, sum(CASE WHEN h.quad = 4 THEN 1 ELSE 0 END) AS material_conflict, "
            "round(sum(CAST(round(h.goldstein * 10) AS INTEGER)) / (10.0 * count(*)), 2) AS goldstein_mean "
            "FROM happenings h WHERE h.src3 <> '' AND h.tgt3 <> ''", 0);
  if (o->code) q_add(&q, " AND h.code LIKE ?", 1, q_val(&q, "%.60s%%", o->code));
  q_days(&q, o, "h", 0, d1, d2);
  q_add(&q, " GROUP BY h.src3, h.tgt3 ORDER BY count(*) DESC, h.src3, h.tgt3", 0);
  return q_finish(s, &q, o, P);
}

/* Places where merged events happened (the place of each one's first report), most eventful
 * first, with the events of each QuadClass: what the page's map draws (issue 6). */
static int query_places(dyad_store *s, const qopts *o, printer *P) {
  qsql q;
  char d1[24], d2[24];
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 12);
  q_add(&q, "SELECT f.place_name AS name, f.place_country AS country, min(f.place_precision) AS precision, f.place_lat AS lat, "
            "f.place_lon AS lon, count(*) AS events, sum(CASE WHEN h.quad = 1 THEN 1 ELSE 0 END) AS verbal_cooperation, sum(CASE WHEN h.quad = 2 THEN 1 ELSE 0 END) AS material_cooperation, "
            "sum(CASE WHEN h.quad = 3 THEN 1 ELSE 0 END) AS verbal_conflict, sum(CASE WHEN h.quad = 4 THEN 1 ELSE 0 END) AS material_conflict "
            "FROM ", 0);
  if (o->country || o->near)   /* the reports of that state or latitude band, through their index; first reports kept */
    q_add(&q, o->country ? "events f INDEXED BY events_place_country JOIN merge_links l ON l.event = f.id JOIN happenings h ON "
                           "h.id = l.happening AND h.first_event = f.id WHERE f.place_name IS NOT NULL"
                         : "events f INDEXED BY events_place_lat JOIN merge_links l ON l.event = f.id JOIN happenings h ON "
                           "h.id = l.happening AND h.first_event = f.id WHERE f.place_name IS NOT NULL", 0);
  else q_add(&q, "happenings h JOIN events f ON f.id = h.first_event WHERE f.place_name IS NOT NULL", 0);
  place_filters(&q, o);
  if (o->actor) { q_add(&q, " AND (", 0); q_actor(&q, "h", "h", "src", o->actor); q_add(&q, " OR ", 0); q_actor(&q, "h", "h", "tgt", o->actor); q_add(&q, ")", 0); }
  if (o->code) q_add(&q, " AND h.code LIKE ?", 1, q_val(&q, "%.60s%%", o->code));
  q_days(&q, o, "h", 0, d1, d2);
  q_add(&q, " GROUP BY f.place_name, f.place_country, f.place_lat, f.place_lon ORDER BY count(*) DESC, f.place_name", 0);
  return q_finish(s, &q, o, P);
}

/* Counts kept at ingest (table totals, totals.c): O(1) on any store; actors are counted (a few
 * thousand dictionary entries at most). */
static int query_stats(dyad_store *s, printer *P) {
  qsql q;
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 12);
  q_add(&q, "SELECT (SELECT n FROM totals WHERE name = 'documents') AS documents, (SELECT n FROM totals WHERE name = 'events') "
            "AS events, (SELECT n FROM totals WHERE name = 'merged_events') AS merged_events, (SELECT n FROM totals WHERE "
            "name = 'mentions') AS mentions, (SELECT n FROM totals WHERE name = 'claims') AS claims, (SELECT n FROM totals "
            "WHERE name = 'commitments') AS commitments, (SELECT count(DISTINCT code) FROM actors) AS actors", 0);
  return q_finish(s, &q, NULL, P);
}

/* Sanctions flags (docs/sanctions.md) with their events, evidence and the claim an event reports. */
static int query_sanctions(dyad_store *s, const qopts *o, printer *P) {
  qsql q;
  char d1[24], d2[24];
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 14);
  q_add(&q, "SELECT f.id AS id, f.date AS date, f.regime AS regime, f.target AS sanctioned, f.measure AS measure, "
            "f.basis AS basis, f.category AS category, f.goods AS goods, e.src AS source, e.tgt AS target, e.code AS code, "
            "e.eid AS event, (SELECT min(t.claim) FROM claim_stances t WHERE t.event = e.id) AS claim, f.legal AS legal, "
            "json_extract(e.json, '$.evidence.text') AS evidence, d.name AS doc, f.file || ':' || f.line AS measure_at "
            "FROM sanction_flags f JOIN events e ON e.id = f.event JOIN documents d ON d.id = f.doc WHERE 1 = 1", 0);
  if (o->regime) q_add(&q, " AND f.regime = ?", 1, o->regime);
  if (o->target) q_add(&q, " AND (f.target LIKE ? OR ? LIKE f.target || '%')", 2, q_val(&q, "%.60s%%", o->target), o->target);
  q_days(&q, o, "f", 0, d1, d2);
  q_add(&q, " ORDER BY f.day, f.id", 0);
  return q_finish(s, &q, o, P);
}

/* ---- query and export command lines ------------------------------------------------------ */
static void usage_query(FILE *f) {
  fputs("usage: dyad query WHAT [OPTIONS]\n\n"
        "  events [--actor CODE] [--dyad A B [--directed]] [--code PREFIX] [--since D] [--until D]\n"
        "         [--text WORDS] [--country ISO3] [--near LAT,LON,KM]\n"
        "                                         merged events, with mentions, articles, outlets, place\n"
        "  series --dyad A B [--directed] [--by day|week|month] [--since D] [--until D]\n"
        "                                         counts by QuadClass, Goldstein sum and mean, tension\n"
        "  claims [--about CODE] [--id N] [--stances N]\n"
        "                                         who alleges, denies, confirms what (--stances: at most N\n"
        "                                         stances listed per claim; stances_total counts them all)\n"
        "  commitments [--party CODE]             pledges and agreements\n"
        "  actors [--name TEXT]                   actors seen\n"
        "  dyads [--code P] [--since D] [--until D]\n"
        "                                         merged events per country dyad\n"
        "  places [--country ISO3] [--near LAT,LON,KM] [--actor CODE] [--code P] [--since D] [--until D]\n"
        "                                         where merged events happened, with counts by QuadClass\n"
        "  stats                                  counts only\n"
        "  sanctions [--regime ID] [--target CODE] [--since D] [--until D]\n"
        "                                         events and claims flagged under sanctions measures\n\n"
        "every WHAT but stats pages with --limit N (events: default 1000, dyads and places: 50, others: all) and\n"
        "--offset N (rows skipped); --plan prints SQLite's query plan instead of the rows.\n"
        "every WHAT takes --db PATH (default $DYAD_DB, else ./dyad.db) and --format table|json|csv\n"
        "(default: table on a terminal, else json). Actor codes match by prefix (RUS matches RUSGOV).\n"
        "JSON shapes: docs/query-*.schema.json. exit status: 0 ok, 1 no store, 2 usage, 5 locked, 7 corrupt\n", f);
}

static int parse_fmt(const char *s) {
  return !strcmp(s, "table") ? FMT_TABLE : !strcmp(s, "json") ? FMT_JSON : !strcmp(s, "csv") ? FMT_CSV : 0;
}

static int valid_date(const char *s) {
  dyad_date dd;
  return strlen(s) == 10 && dyad_date_parse(s, 10, &dd) == 0;
}

/* One option with its value(s); returns 1 when consumed, 0 when unknown, -1 on a usage error. */
static int query_opt(qopts *o, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  static const char *const one[] = {"--db", "--format", "--actor", "--code", "--since", "--until", "--text", "--about",
                                    "--party", "--name", "--by", "--limit", "--offset", "--regime", "--target",
                                    "--country", "--near", "--stances", "--id"};
  if (!strcmp(a, "--directed")) { o->directed = 1; return 1; }
  if (!strcmp(a, "--plan")) { o->plan = 1; return 1; }
  if (!strcmp(a, "--dyad")) {
    if (*i + 2 >= argc) { fprintf(stderr, "dyad query: --dyad needs two actor codes\n"); return -1; }
    o->dyad_a = argv[++*i];
    o->dyad_b = argv[++*i];
    return 1;
  }
  size_t k = 0;
  while (k < sizeof one / sizeof *one && strcmp(a, one[k])) k++;
  if (k == sizeof one / sizeof *one) return 0;
  if (*i + 1 >= argc) { fprintf(stderr, "dyad query: %s needs a value\n", a); return -1; }
  const char *v = argv[++*i];
  const char **slot[] = {&o->db, NULL, &o->actor, &o->code, &o->since, &o->until, &o->text, &o->about, &o->party, &o->name, &o->by, NULL, NULL,
                         &o->regime, &o->target, &o->country, NULL, NULL, NULL};
  if (k == 15 && !api_word(v, 3, 0)) { fprintf(stderr, "dyad query: --country is an ISO alpha-3 code such as UKR\n"); return -1; }
  if (k == 16 && parse_near(o, v)) { fprintf(stderr, "dyad query: --near is LAT,LON,KM (degrees, degrees, 0 < km <= 20000)\n"); return -1; }
  if (slot[k]) { *slot[k] = v; }
  else if (k == 1 && !(o->fmt = parse_fmt(v))) { fprintf(stderr, "dyad query: --format is table, json or csv\n"); return -1; }
  else if ((k == 11 || k == 12 || k >= 17) && (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 9)) {
    fprintf(stderr, "dyad query: %s must be a whole number\n", a);
    return -1;
  } else if (k == 11) o->limit = atol(v);
  else if (k == 12) o->offset = atol(v);
  else if (k == 17) o->stances = atol(v);
  else if (k == 18) o->id = atol(v);
  if ((k == 4 || k == 5) && !valid_date(v)) { fprintf(stderr, "dyad query: %s '%s' is not YYYY-MM-DD\n", a, v); return -1; }
  return 1;
}

/* Runs query w (0 events, 1 series, 2 claims, 3 commitments, 4 actors, 5 dyads, 7 sanctions, 8 places, else stats) through
 * the printer and closes its output; the CLI and the web API share it. */
static int run_query(dyad_store *s, int w, qopts *o, printer *P) {
  int st;
  switch (w) {
  case 0: st = query_events(s, o, P); break;
  case 1: st = query_series(s, o, P); break;
  case 2: st = query_claims(s, o, P); break;
  case 3: st = query_commitments(s, o, P); break;
  case 4: st = query_actors(s, o, P); break;
  case 5: st = query_dyads(s, o, P); break;
  case 7: st = query_sanctions(s, o, P); break;
  case 8: st = query_places(s, o, P); break;
  default: st = query_stats(s, P); break;
  }
  if (st == DYAD_OK) print_end(P);
  return st;
}

static int open_reader(const char *db, dyad_store **s) {
  char err[512];
  int st = dyad_store_open(dyad_store_path(db), 0, busy_ms(), s, err, sizeof err);
  if (st != DYAD_OK) return fail(st, err);
  add_functions(dyad_store_db(*s));
  return DYAD_OK;
}

int dyad_cli_query(int argc, char **argv) {
  const char *what = argc > 0 ? argv[0] : "";
  if (!strcmp(what, "--help") || !strcmp(what, "-h")) { usage_query(stdout); return 0; }
  static const char *const whats[] = {"events", "series", "claims", "commitments", "actors", "dyads", "stats", "sanctions", "places"};
  size_t w = 0;
  while (w < 9 && strcmp(what, whats[w])) w++;
  if (w == 9) { usage_query(stderr); return DYAD_EUSAGE; }
  qopts o;
  memset(&o, 0, sizeof o);
  o.limit = w == 0 ? 1000 : w == 5 || w == 8 ? 50 : 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help")) { usage_query(stdout); return 0; }
    int r = query_opt(&o, argc, argv, &i);
    if (r == 0) fprintf(stderr, "dyad query: unknown option '%s' (see dyad query --help)\n", argv[i]);
    if (r <= 0) return DYAD_EUSAGE;
  }
  if (!o.fmt) o.fmt = isatty(1) ? FMT_TABLE : FMT_JSON;
  dyad_store *s = NULL;
  int st = open_reader(o.db, &s);
  if (st != DYAD_OK) return st;
  printer P = {.fmt = o.plan ? FMT_CSV : o.fmt, .first = 1, .plan = o.plan};
  if (w == 1 || w == 4) { P.skip = o.offset; P.max = o.limit; o.offset = 0; }   /* short lists: paged here */
  st = run_query(s, w, &o, &P);
  dyad_store_close(s);
  return st;
}

/* ---- the same queries for a program (dyad serve): parameters as key/value strings ------- */
int dyad_query_open(const char *path, dyad_store **s, char *err, size_t errcap) {
  int st = dyad_store_open(dyad_store_path(path), 0, busy_ms(), s, err, errcap);
  if (st == DYAD_OK) add_functions(dyad_store_db(*s));
  return st;
}

/* 1 when v is 1..max ASCII letters or digits (only digits when digits_only). */
static int api_word(const char *v, size_t max, int digits_only) {
  size_t n = strlen(v);
  if (n == 0 || n > max) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = v[i];
    int ok = (c >= '0' && c <= '9') || (!digits_only && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')));
    if (!ok) return 0;
  }
  return 1;
}

static int api_long(const char *v, long *out) {
  if (!api_word(v, 9, 1)) return 0;
  *out = atol(v);
  return 1;
}

/* dyad=A,B into pair (each an actor code). */
static int api_pair(const char *v, char pair[2][40]) {
  const char *c = strchr(v, ',');
  size_t na = c ? (size_t)(c - v) : 0;
  if (!c || na == 0 || na >= 40 || strlen(c + 1) >= 40) return 0;
  memcpy(pair[0], v, na);
  pair[0][na] = 0;
  strcpy(pair[1], c + 1);
  return api_word(pair[0], 39, 0) && api_word(pair[1], 39, 0);
}

/* One parameter into o (and the paging into *offset); 0, or DYAD_EUSAGE with a message in err. */
static int api_opt(qopts *o, long *offset, char pair[2][40], const char *k, const char *v, char *err, size_t errcap) {
  static const char *const codes[] = {"actor", "about", "party", "target"};
  const char **cslot[] = {&o->actor, &o->about, &o->party, &o->target};
  if (!strcmp(k, "regime")) {
    if (strlen(v) == 0 || strlen(v) > 40 || strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(v)) {
      snprintf(err, errcap, "regime must be a regime id (lowercase letters, digits and '-', e.g. un-dprk)");
      return DYAD_EUSAGE;
    }
    o->regime = v;
    return 0;
  }
  for (int i = 0; i < 4; i++)
    if (!strcmp(k, codes[i])) {
      if (!api_word(v, 39, 0)) { snprintf(err, errcap, "%s must be an actor code (letters and digits, e.g. RUS)", k); return DYAD_EUSAGE; }
      *cslot[i] = v;
      return 0;
    }
  if (!strcmp(k, "dyad") && api_pair(v, pair)) { o->dyad_a = pair[0]; o->dyad_b = pair[1]; }
  else if (!strcmp(k, "dyad")) { snprintf(err, errcap, "dyad must be two actor codes separated by a comma (dyad=RUS,PRK)"); return DYAD_EUSAGE; }
  else if (!strcmp(k, "code") && api_word(v, 4, 1)) o->code = v;
  else if (!strcmp(k, "code")) { snprintf(err, errcap, "code must be a CAMEO code or prefix of 1 to 4 digits (code=05)"); return DYAD_EUSAGE; }
  else if ((!strcmp(k, "since") || !strcmp(k, "until")) && valid_date(v)) *(k[0] == 's' ? &o->since : &o->until) = v;
  else if (!strcmp(k, "since") || !strcmp(k, "until")) { snprintf(err, errcap, "%s must be a date YYYY-MM-DD", k); return DYAD_EUSAGE; }
  else if (!strcmp(k, "directed") && (!strcmp(v, "0") || !strcmp(v, "1"))) o->directed = v[0] == '1';
  else if (!strcmp(k, "directed")) { snprintf(err, errcap, "directed must be 0 or 1"); return DYAD_EUSAGE; }
  else if (!strcmp(k, "by") && (!strcmp(v, "day") || !strcmp(v, "week") || !strcmp(v, "month"))) o->by = v;
  else if (!strcmp(k, "by")) { snprintf(err, errcap, "by must be day, week or month"); return DYAD_EUSAGE; }
  else if ((!strcmp(k, "text") || !strcmp(k, "name")) && *v && strlen(v) <= 200) *(k[0] == 't' ? &o->text : &o->name) = v;
  else if (!strcmp(k, "text") || !strcmp(k, "name")) { snprintf(err, errcap, "%s must be 1 to 200 bytes", k); return DYAD_EUSAGE; }
  else if (!strcmp(k, "country") && api_word(v, 3, 0)) o->country = v;
  else if (!strcmp(k, "country")) { snprintf(err, errcap, "country must be an ISO alpha-3 code (country=UKR)"); return DYAD_EUSAGE; }
  else if (!strcmp(k, "near") && strlen(v) < 80 && !parse_near(o, v)) {}
  else if (!strcmp(k, "near")) { snprintf(err, errcap, "near must be LAT,LON,KM (near=50.45,30.52,100)"); return DYAD_EUSAGE; }
  else if (!strcmp(k, "stances") && api_long(v, &o->stances) && o->stances > 0 && o->stances <= 1000) {}
  else if (!strcmp(k, "stances")) { snprintf(err, errcap, "stances must be a whole number from 1 to 1000"); return DYAD_EUSAGE; }
  else if (!strcmp(k, "id") && api_long(v, &o->id) && o->id > 0) {}
  else if (!strcmp(k, "id")) { snprintf(err, errcap, "id must be a whole number above 0"); return DYAD_EUSAGE; }
  else if (!strcmp(k, "limit") && api_long(v, &o->limit) && o->limit > 0) {}
  else if (!strcmp(k, "offset") && api_long(v, offset)) {}
  else if (!strcmp(k, "limit") || !strcmp(k, "offset")) { snprintf(err, errcap, "%s must be a whole number%s", k, k[0] == 'l' ? " above 0" : ""); return DYAD_EUSAGE; }
  else { snprintf(err, errcap, "unknown parameter '%.40s'", k); return DYAD_EUSAGE; }
  return 0;
}

int dyad_query_run(dyad_store *s, const char *what, const char *const *keys, const char *const *vals, int n,
                   dyad_buf *out, char *err, size_t errcap) {
  static const char *const whats[] = {"events", "series", "claims", "commitments", "actors", "dyads", "stats", "sanctions", "places"};
  size_t w = 0;
  while (w < 9 && strcmp(what, whats[w])) w++;
  if (w == 9) { snprintf(err, errcap, "unknown query '%.40s'", what); return DYAD_EUSAGE; }
  qopts o;
  memset(&o, 0, sizeof o);
  char pair[2][40];
  long offset = 0;
  o.stances = DYAD_API_STANCES;
  for (int i = 0; i < n; i++)
    if (api_opt(&o, &offset, pair, keys[i], vals[i], err, errcap)) return DYAD_EUSAGE;
  if (w == 1 && !o.dyad_a) { snprintf(err, errcap, "series needs dyad=A,B"); return DYAD_EUSAGE; }
  printer P = {.fmt = FMT_JSON, .first = 1, .out = out, .err = err, .errcap = errcap};
  if (w == 1 || w == 4) { P.skip = offset; P.max = o.limit; }   /* series and actors are short: paged here */
  else o.offset = offset;                                         /* the others page in SQL */
  int st = run_query(s, w, &o, &P);
  if (st == DYAD_OK && P.overflow) {
    snprintf(err, errcap, "the result is larger than %zu MB: narrow the query or page it with limit and offset", out->cap_max >> 20);
    return DYAD_ENOMEM;
  }
  return st;
}

/* Runs one fixed query (no parameters) through the printer. */
static int run_fixed(dyad_store *s, printer *P, const char *sql) {
  qsql q;
  memset(&q, 0, sizeof q);
  dyad_buf_init(&q.sql, 1 << 14);
  q_add(&q, sql, 0);
  return q_finish(s, &q, NULL, P);
}

/* GDELT-like CSV: one row per merged event. */
static int export_csv(dyad_store *s, printer *P) {
  return run_fixed(s, P, "SELECT id AS GLOBALEVENTID, replace(date, '-', '') AS SQLDATE, coalesce(source, '') AS Actor1Code, "
            "coalesce(source_name, '') AS Actor1Name, k_src3 AS Actor1CountryCode, coalesce(target, '') AS Actor2Code, "
            "coalesce(target_name, '') AS Actor2Name, k_tgt3 AS Actor2CountryCode, 1 AS IsRootEvent, code AS EventCode, "
            "substr(code, 1, 3) AS EventBaseCode, root AS EventRootCode, quad AS QuadClass, goldstein AS GoldsteinScale, "
            "mentions AS NumMentions, outlets AS NumSources, articles AS NumArticles, dyad_mode(k_mode) AS Mode, "
            "coalesce(url, doc) AS SOURCEURL, dyad_reason(k_src3, k_tgt3, root, k_mode, date, k_prec, mentions, articles) AS MergeReason, "
            "CASE place_precision WHEN 'country' THEN 1 WHEN 'admin1' THEN CASE WHEN place_country = 'USA' THEN 2 ELSE 5 END "
            "WHEN 'city' THEN CASE WHEN place_country = 'USA' THEN 3 ELSE 4 END WHEN 'region' THEN 5 ELSE 0 END AS ActionGeo_Type, "
            "coalesce(place_name, '') AS ActionGeo_FullName, coalesce(place_country, '') AS ActionGeo_CountryCode, "
            "coalesce(place_admin1, '') AS ActionGeo_ADM1Code, place_lat AS ActionGeo_Lat, "
            "place_lon AS ActionGeo_Long "
            "FROM " ALL_HAPPENINGS);
}

static int export_jsonl(dyad_store *s, printer *P) {
  int st = run_fixed(s, P, "SELECT \"j:record\" FROM (SELECT json_object('record', 'event', 'happening', l.happening, 'merge_link', l.reason, "
                           "'event', json(e.json)) AS \"j:record\" FROM events e JOIN merge_links l ON l.event = e.id ORDER BY e.id)");
  if (st != DYAD_OK) return st;
  P->record = "merged_event";
  st = run_fixed(s, P, "SELECT " HAPPENING_OUT " FROM " ALL_HAPPENINGS);
  qopts none;
  memset(&none, 0, sizeof none);
  if (st == DYAD_OK) { P->record = "claim"; st = query_claims(s, &none, P); }
  if (st == DYAD_OK) { P->record = "commitment"; st = query_commitments(s, &none, P); }
  return st;
}

/* PLOVER-style records: one JSON object per merged event. */
static int export_plover(dyad_store *s, printer *P) {
  return run_fixed(s, P, "SELECT json_object('id', 'dyad-' || id, 'date', date, 'event_type', plover, 'event_mode', "
            "CASE WHEN k_mode = 0 THEN '' ELSE dyad_mode(k_mode) END, 'event_context', json_array(), "
            "'actor', coalesce(source_name, source), 'actor_code', source, 'actor_country', nullif(k_src3, ''), "
            "'recipient', coalesce(target_name, target), 'recipient_code', target, 'recipient_country', nullif(k_tgt3, ''), "
            "'cameo_code', code, 'goldstein', goldstein, 'quad_class', quad, 'num_mentions', mentions, 'num_sources', outlets, "
            "'num_articles', articles, 'source', coalesce(url, doc), 'event_text', evidence, 'location', CASE WHEN place_name IS NULL "
            "THEN NULL ELSE json_object('name', place_name, 'country', place_country, 'admin1', place_admin1, 'lat', place_lat, "
            "'lon', place_lon, 'precision', place_precision) END) AS \"j:plover\" "
            "FROM " ALL_HAPPENINGS);
}

int dyad_cli_export(int argc, char **argv) {
  const char *db = NULL, *fmt = NULL;
  for (int i = 0; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs("usage: dyad export --format csv|jsonl|plover [--db PATH]\n\n"
            "  csv     one row per merged event, GDELT-like columns (NumMentions, NumSources, SOURCEURL, ...)\n"
            "  jsonl   JSON lines: every event (with its merge link), merged event, claim and commitment\n"
            "  plover  JSON lines: one PLOVER-style record per merged event\n", stdout);
      return 0;
    }
    if ((!strcmp(argv[i], "--db") || !strcmp(argv[i], "--format")) && i + 1 < argc) {
      if (!strcmp(argv[i], "--db")) db = argv[++i]; else fmt = argv[++i];
    } else { fprintf(stderr, "dyad export: unknown or incomplete option '%s' (see dyad export --help)\n", argv[i]); return DYAD_EUSAGE; }
  }
  int kind = !fmt ? 0 : !strcmp(fmt, "csv") ? 'c' : !strcmp(fmt, "jsonl") ? 'l' : !strcmp(fmt, "plover") ? 'p' : 0;
  if (!kind) { fprintf(stderr, "dyad export: --format csv, jsonl or plover is required\n"); return DYAD_EUSAGE; }
  dyad_store *s = NULL;
  int st = open_reader(db, &s);
  if (st != DYAD_OK) return st;
  printer P = {.fmt = kind == 'c' ? FMT_CSV : FMT_JSONL, .first = 1};
  st = kind == 'c' ? export_csv(s, &P) : kind == 'l' ? export_jsonl(s, &P) : export_plover(s, &P);
  dyad_store_close(s);
  if (fflush(stdout) != 0) return fail(DYAD_EINPUT, "cannot write output");
  return st;
}
