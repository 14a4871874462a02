/* petrarch.c - convert TABARI/PETRARCH dictionaries (actors with dated codes, agents, verb blocks
 * with synonym sets and patterns, discards) into dyad's text formats in memory, load them, and
 * write them out for `dyad dict import`. Anything our format cannot express is reported. */
#include "alloc.h"
#include "petrarch.h"
#include "embedded.h"
#include "lemma.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LINE_MAX_BYTES 8000
#define OUT_CAP ((size_t)256 << 20)     /* one converted file */
#define REPORT_CAP ((size_t)64 << 20)
#define MAX_CODES 64                     /* codes of one actor entry */
#define MAX_SETS 4096
#define MAX_MEMBERS 1024                 /* resolved members of one synonym set */
#define MAX_VARIANTS 64                  /* patterns one PETRARCH pattern may expand into */
#define MAX_BLOCK_VERBS 512
#define MAX_ITEMS 64
#define ELEM_CAP 1024

/* ---- shared line handling ------------------------------------------------------------------ */
typedef struct {
  dyad_petrarch_conv *c;
  const char *name;      /* source file name, for reports and output paths */
  int line;
  int in_comment;        /* inside a <!-- ... --> block */
  dyad_buf *out;
} cx;

static void report(cx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(cx *x, const char *fmt, ...) {
  char msg[700];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (dyad_buf_printf(&x->c->report, "%s:%d: not carried over: %s\n", x->name, x->line, msg) == 0) x->c->nreport++;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = 0;
  return s;
}

/* Removes <!-- --> comments (which may span lines) and '#' comments, in place. */
static char *clean(cx *x, char *s) {
  char *w = s;
  const char *r = s;
  while (*r) {
    if (x->in_comment) {
      const char *e = strstr(r, "-->");
      if (!e) break;
      r = e + 3;
      x->in_comment = 0;
      continue;
    }
    if (r[0] == '<' && r[1] == '!') { x->in_comment = 1; r += 2; continue; }
    if (*r == '#') break;
    *w++ = *r++;
  }
  *w = 0;
  return trim(s);
}

/* Copies the next line of data into buf (cleaned); returns 0 at the end of data. */
static int next_line(cx *x, const char *data, size_t n, size_t *pos, char *buf, char **line) {
  if (*pos >= n) return 0;
  size_t e = *pos;
  while (e < n && data[e] != '\n') e++;
  size_t len = e - *pos;
  x->line++;
  if (len > LINE_MAX_BYTES) { report(x, "line longer than %d bytes", LINE_MAX_BYTES); len = 0; }
  memcpy(buf, data + *pos, len);
  buf[len] = 0;
  if (memchr(buf, 0, len)) buf[0] = 0;
  *pos = e + 1;
  *line = clean(x, buf);
  return 1;
}

static void upper(char *s) { for (; *s; s++) if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 32); }
static void lower(char *s) { for (; *s; s++) if (*s >= 'A' && *s <= 'Z') *s = (char)(*s + 32); }

/* A PETRARCH phrase ("NORTH_KOREA_", "PRESIDENT HOSNI MURBARAK") as our phrase: words joined by
 * single spaces, lowercase so it matches in any case (PETRARCH ignores case), except a lone word of
 * one or two capitals ("UN", "US"), kept in capitals so "us" and "un" stay ordinary words.
 * Returns the length, 0 when empty, -1 when it holds a character our format reserves. */
static int conv_phrase(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  int words = 0, letters = 0;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    if (ch == '|' || ch == ';') return -1;
    if (ch == '_' || ch == ' ' || ch == '\t') {
      if (k && out[k - 1] != ' ' && k + 1 < cap) out[k++] = ' ';
      continue;
    }
    if (k == 0 || out[k - 1] == ' ') words++;
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) letters++;
    if (k + 1 >= cap) return -1;
    out[k++] = ch;
  }
  while (k && out[k - 1] == ' ') k--;
  out[k] = 0;
  if (!(words == 1 && letters <= 2)) lower(out);
  return (int)k;
}

/* ---- output files ---------------------------------------------------------------------------- */
static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* The output buffer for a path, created on first use. */
static dyad_buf *out_file(dyad_petrarch_conv *c, const char *path) {
  for (size_t i = 0; i < c->nfiles; i++)
    if (strcmp(c->files[i].path, path) == 0) return &c->bufs[i];
  if (c->nfiles == DYAD_PETR_MAX_FILES) return NULL;
  char *p = dyad_strdup(path);
  if (!p) return NULL;
  size_t i = c->nfiles++;
  c->files[i].path = p;
  c->files[i].data = "";
  c->files[i].size = 0;
  dyad_buf_init(&c->bufs[i], OUT_CAP);
  return &c->bufs[i];
}

static void sync_files(dyad_petrarch_conv *c) {
  for (size_t i = 0; i < c->nfiles; i++) {
    c->files[i].data = c->bufs[i].p ? c->bufs[i].p : "";
    c->files[i].size = c->bufs[i].n;
  }
}

void dyad_petrarch_conv_init(dyad_petrarch_conv *c) {
  memset(c, 0, sizeof *c);
  dyad_buf_init(&c->report, REPORT_CAP);
}

void dyad_petrarch_conv_free(dyad_petrarch_conv *c) {
  for (size_t i = 0; i < c->nfiles; i++) {
    free((char *)c->files[i].path);
    dyad_buf_free(&c->bufs[i]);
  }
  for (size_t i = 0; i < c->ndiscards; i++) free(c->discards[i]);
  dyad_buf_free(&c->report);
  memset(c, 0, sizeof *c);
}

/* ---- dates ----------------------------------------------------------------------------------- */
static int days_in(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : dm[m - 1];
}

int dyad_petrarch_date(const char *s, size_t n, dyad_date *out) {
  if (n != 6 && n != 8) return -1;
  int v[8];
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v[i] = s[i] - '0';
  }
  int y, k = 0;
  if (n == 8) { y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]; k = 4; }
  else { y = v[0] * 10 + v[1]; y += y < 30 ? 2000 : 1900; k = 2; }
  int m = v[k] * 10 + v[k + 1], d = v[k + 2] * 10 + v[k + 3];
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in(y, m)) return -1;
  out->y = y; out->m = m; out->d = d;
  return 0;
}

/* ---- actors ---------------------------------------------------------------------------------- */
typedef struct {
  char code[48];
  int dated;
  char from[11], to[11];      /* our role bounds: YYYY-MM-DD, TO exclusive or ".." */
} petr_code;

typedef struct {
  int active, line;
  dyad_buf phrases;           /* "a | b | c" */
  int nphrases;
  petr_code codes[MAX_CODES];
  int ncodes;
} actor_acc;

static void add_actor_phrase(cx *x, actor_acc *a, const char *s, size_t n) {
  char ph[512];
  int k = conv_phrase(s, n, ph, sizeof ph);
  if (k < 0) { report(x, "phrase uses '|' or ';' or is too long"); return; }
  if (k == 0) return;
  if (a->nphrases) dyad_buf_adds(&a->phrases, " | ");
  dyad_buf_adds(&a->phrases, ph);
  a->nphrases++;
}

/* Reads the date part of "[CODE <date]", "[CODE >date]", "[CODE date-date]" (spaces removed). */
static int parse_span(const char *d, petr_code *pc) {
  dyad_date a, b;
  const char *dash = strchr(d, '-');
  if (*d == '<') {
    if (dyad_petrarch_date(d + 1, strlen(d + 1), &b)) return -1;
    snprintf(pc->from, sizeof pc->from, "1000-01-01");
    dyad_date_format(b, pc->to);
  } else if (*d == '>') {
    if (dyad_petrarch_date(d + 1, strlen(d + 1), &a)) return -1;
    dyad_date_format(dyad_date_add_days(a, 1), pc->from);
    snprintf(pc->to, sizeof pc->to, "..");
  } else if (dash) {
    if (dyad_petrarch_date(d, (size_t)(dash - d), &a) || dyad_petrarch_date(dash + 1, strlen(dash + 1), &b)) return -1;
    if (dyad_date_diff(a, b) < 0) return -1;
    dyad_date_format(a, pc->from);
    dyad_date_format(dyad_date_add_days(b, 1), pc->to);
  } else {
    return -1;
  }
  pc->dated = 1;
  return 0;
}

/* One bracket's content: "CODE", "CODE <date", "CODE >date" or "CODE date-date". */
static void add_actor_code(cx *x, actor_acc *a, const char *content) {
  char buf[256], rest[256];
  snprintf(buf, sizeof buf, "%s", content);
  char *s = trim(buf);
  size_t cl = strcspn(s, " \t<>");
  if (cl == 0 || cl >= sizeof a->codes[0].code) { report(x, "empty or overlong code [%s]", s); return; }
  if (a->ncodes == MAX_CODES) { report(x, "more than %d codes for one entry", MAX_CODES); return; }
  petr_code *pc = &a->codes[a->ncodes];
  memset(pc, 0, sizeof *pc);
  memcpy(pc->code, s, cl);
  upper(pc->code);
  size_t k = 0;
  for (const char *p = s + cl; *p && k + 1 < sizeof rest; p++) if (*p != ' ' && *p != '\t') rest[k++] = *p;
  rest[k] = 0;
  if (k && parse_span(rest, pc)) { report(x, "bad date in [%s]: use YYMMDD or YYYYMMDD, <D, >D or D-D", s); return; }
  a->ncodes++;
}

/* Reads every [...] in s as codes of the entry. */
static void actor_brackets(cx *x, actor_acc *a, const char *s) {
  while ((s = strchr(s, '['))) {
    const char *e = strchr(s, ']');
    if (!e) { report(x, "'[' without ']'"); return; }
    char content[256];
    size_t n = (size_t)(e - s - 1);
    if (n >= sizeof content) n = sizeof content - 1;
    memcpy(content, s + 1, n);
    content[n] = 0;
    add_actor_code(x, a, content);
    s = e + 1;
  }
}

static const char *actor_kind(const char *code) {
  if (strncmp(code, "IGO", 3) == 0) return "igo";
  return strlen(code) == 3 ? "country" : "group";
}

/* An entry with one undated code: country, igo, group, or pair for "A/B/C". */
static void write_plain(cx *x, actor_acc *a, const char *code) {
  if (strchr(code, '/')) {
    char list[64];
    snprintf(list, sizeof list, "%s", code);
    for (char *p = list; *p; p++) if (*p == '/') *p = ',';
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s", list);
    char *save = NULL;
    for (char *c = strtok_r(tmp, ",", &save); c; c = strtok_r(NULL, ",", &save))
      if (!dyad_valid_code(c)) { report(x, "code %s in [%s] is not letters and digits (3 to 15)", c, code); return; }
    dyad_buf_printf(x->out, "pair     %s  %s    # %s:%d\n", list, a->phrases.p, x->name, a->line);
    return;
  }
  if (!dyad_valid_code(code)) { report(x, "code [%s] names no actor our format can hold (null or malformed code)", code); return; }
  dyad_buf_printf(x->out, "%-8s %s  %s    # %s:%d\n", actor_kind(code), code, a->phrases.p, x->name, a->line);
}

/* An entry with dated codes: a person whose roles are the dated codes. PETRARCH takes the first
 * dated code that covers the date and dyad the last role listed, so roles are written reversed. */
static void write_person(cx *x, actor_acc *a, const char *dflt) {
  char opts[64] = "";
  if (dflt && dyad_valid_code(dflt)) snprintf(opts, sizeof opts, " ; country=%s", dflt);
  else if (dflt) report(x, "default code [%s] dropped: not an actor code our format can hold", dflt);
  dyad_buf_printf(x->out, "person   %s%s    # %s:%d\n", a->phrases.p, opts, x->name, a->line);
  for (int i = a->ncodes - 1; i >= 0; i--) {
    petr_code *pc = &a->codes[i];
    if (!pc->dated) continue;
    if (!dyad_valid_code(pc->code)) { report(x, "dated code [%s] dropped: not an actor code our format can hold", pc->code); continue; }
    dyad_buf_printf(x->out, "role     %s %s %s\n", pc->code, pc->from, pc->to);
  }
}

static void flush_actor(cx *x, actor_acc *a) {
  if (!a->active) return;
  int saved = x->line;
  x->line = a->line;
  const char *dflt = NULL;
  int dated = 0;
  for (int i = 0; i < a->ncodes; i++) {
    if (a->codes[i].dated) { dated++; continue; }
    if (!dflt) dflt = a->codes[i].code;
    else report(x, "second undated code [%s] ignored; the first, [%s], is used", a->codes[i].code, dflt);
  }
  if (!a->nphrases) report(x, "entry without a usable phrase");
  else if (!a->ncodes) report(x, "entry without a code");
  else if (dated) write_person(x, a, dflt);
  else write_plain(x, a, dflt);
  x->c->entries[DYAD_PETR_ACTORS]++;
  x->line = saved;
  a->active = 0;
  a->nphrases = 0;
  a->ncodes = 0;
  a->phrases.n = 0;
  if (a->phrases.p) a->phrases.p[0] = 0;
}

static void actor_line(cx *x, actor_acc *a, char *s) {
  if (*s == '+' || *s == '[') {
    if (!a->active) { report(x, "synonym or code without an entry above it"); return; }
    if (*s == '+') add_actor_phrase(x, a, s + 1, strcspn(s + 1, "["));
    actor_brackets(x, a, s);
    return;
  }
  flush_actor(x, a);
  a->active = 1;
  a->line = x->line;
  add_actor_phrase(x, a, s, strcspn(s, "["));
  actor_brackets(x, a, s);
}

static void convert_actors(cx *x, const char *data, size_t n) {
  static const char *const hdr = "# Converted by dyad from a TABARI/PETRARCH actor dictionary; each entry names its source line.\n";
  dyad_buf_adds(x->out, hdr);
  actor_acc a;
  memset(&a, 0, sizeof a);
  dyad_buf_init(&a.phrases, 1 << 20);
  char *buf = dyad_malloc(LINE_MAX_BYTES + 1), *s;
  size_t pos = 0;
  if (!buf) return;
  while (next_line(x, data, n, &pos, buf, &s))
    if (*s) actor_line(x, &a, s);
  flush_actor(x, &a);
  dyad_buf_free(&a.phrases);
  free(buf);
}

/* ---- agents ---------------------------------------------------------------------------------- */
typedef struct { char name[32]; char *alts[32]; int nalts; } agent_macro;

/* "!PERSON! = MAN, MEN, WOMAN" */
static void read_macro(cx *x, agent_macro *m, int *nm, char *s) {
  char *eq = strchr(s, '=');
  if (!eq || *nm == 16) { report(x, "substitution line not understood"); return; }
  *eq = 0;
  agent_macro *g = &m[*nm];
  memset(g, 0, sizeof *g);
  snprintf(g->name, sizeof g->name, "%s", trim(s));
  char *save = NULL;
  for (char *p = strtok_r(eq + 1, ",", &save); p && g->nalts < 32; p = strtok_r(NULL, ",", &save)) {
    p = trim(p);
    if (*p && !(g->alts[g->nalts] = dyad_strdup(p))) break;
    if (*p) g->nalts++;
  }
  (*nm)++;
}

/* The regular English plural PETRARCH generates for the last word. */
static void plural_of(const char *w, char *out, size_t cap) {
  size_t n = strlen(w);
  char last = n ? w[n - 1] : 0, prev = n > 1 ? w[n - 2] : 0;
  int vowel = prev && strchr("AEIOUaeiou", prev);
  if ((last == 'Y' || last == 'y') && !vowel) snprintf(out, cap, "%.*sIES", (int)(n - 1), w);
  else if (strchr("SXZsxz", last) || ((last == 'H' || last == 'h') && (prev == 'C' || prev == 'S' || prev == 'c' || prev == 's')))
    snprintf(out, cap, "%sES", w);
  else snprintf(out, cap, "%sS", w);
}

static void agent_add(dyad_buf *ph, int *n, const char *raw) {
  char out[512];
  if (conv_phrase(raw, strlen(raw), out, sizeof out) <= 0) return;
  if (*n) dyad_buf_adds(ph, " | ");
  dyad_buf_adds(ph, out);
  (*n)++;
}

/* The phrase with a !MACRO! replaced by each alternative, or as is (plus its plural). */
static void agent_forms(cx *x, const agent_macro *m, int nm, const char *phrase, int regular, dyad_buf *ph, int *n) {
  const char *b = strchr(phrase, '!'), *e = b ? strchr(b + 1, '!') : NULL;
  if (b && e) {
    for (int i = 0; i < nm; i++) {
      if (strlen(m[i].name) != (size_t)(e - b + 1) || strncmp(m[i].name, b, (size_t)(e - b + 1))) continue;
      for (int k = 0; k < m[i].nalts; k++) {
        char tmp[512];
        snprintf(tmp, sizeof tmp, "%.*s%s%s", (int)(b - phrase), phrase, m[i].alts[k], e + 1);
        if (!strchr(tmp, '!')) agent_add(ph, n, tmp);
      }
      return;
    }
    report(x, "unknown substitution %.*s", (int)(e - b + 1), b);
    return;
  }
  agent_add(ph, n, phrase);
  if (regular) {
    char pl[512];
    plural_of(phrase, pl, sizeof pl);
    agent_add(ph, n, pl);
  }
}

/* "PHRASE {PLURALS} [~SEC]" or "[SEC~]": an agent line whose code (3 to 6 letters) goes after the
 * country, or before it with `prefix=1` (docs/dictionaries.md). */
static void agent_line(cx *x, const agent_macro *m, int nm, char *s) {
  char *lb = strchr(s, '['), *rb = lb ? strchr(lb, ']') : NULL;
  if (!lb || !rb) { report(x, "agent without a [code]"); return; }
  *rb = 0;
  char code[64] = "";
  size_t k = 0;
  for (char *p = lb + 1; *p && k + 1 < sizeof code; p++) if (*p != ' ' && *p != '\t') code[k++] = *p;
  code[k] = 0;
  *lb = 0;
  int prefix = k && code[k - 1] == '~';
  char sec[64];
  snprintf(sec, sizeof sec, "%s", prefix ? code : code + (code[0] == '~'));
  if (prefix) sec[strlen(sec) - 1] = 0;
  upper(sec);
  if (strlen(sec) < 3 || strlen(sec) > 6 || !dyad_valid_code(sec)) { report(x, "agent code [%s] is not 3 to 6 letters", code); return; }
  char *lc = strchr(s, '{'), *rc = lc ? strchr(lc, '}') : NULL;
  if (lc) *lc = 0;
  char *phrase = trim(s);
  dyad_buf ph;
  dyad_buf_init(&ph, 1 << 16);
  int n = 0;
  agent_forms(x, m, nm, phrase, lc == NULL, &ph, &n);
  if (lc && rc) {
    *rc = 0;
    char *save = NULL;
    for (char *w = strtok_r(lc + 1, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) agent_add(&ph, &n, w);
  }
  if (n) dyad_buf_printf(x->out, "agent    %s  %s%s    # %s:%d\n", sec, ph.p, prefix ? "  ; prefix=1" : "", x->name, x->line);
  else report(x, "agent without a usable phrase");
  x->c->entries[DYAD_PETR_AGENTS]++;
  dyad_buf_free(&ph);
}

static void convert_agents(cx *x, const char *data, size_t n) {
  agent_macro m[16];
  int nm = 0;
  char *buf = dyad_malloc(LINE_MAX_BYTES + 1), *s;
  size_t pos = 0;
  if (!buf) return;
  dyad_buf_printf(x->out, "# Converted by dyad from the TABARI/PETRARCH agent dictionary %s.\n", x->name);
  while (next_line(x, data, n, &pos, buf, &s)) {
    if (!*s) continue;
    if (s[0] == '!' && strchr(s, '=') && !strchr(s, '[')) read_macro(x, m, &nm, s);
    else agent_line(x, m, nm, s);
  }
  for (int i = 0; i < nm; i++)
    for (int k = 0; k < m[i].nalts; k++) free(m[i].alts[k]);
  free(buf);
}

/* ---- discards -------------------------------------------------------------------------------- */
static void convert_discards(cx *x, const char *data, size_t n) {
  char *buf = dyad_malloc(LINE_MAX_BYTES + 1), *s;
  size_t pos = 0;
  if (!buf) return;
  while (next_line(x, data, n, &pos, buf, &s)) {
    if (!*s) continue;
    int story = *s == '+';
    char ph[512];
    if (conv_phrase(s + story, strlen(s + story), ph, sizeof ph) <= 0) continue;
    lower(ph);
    x->c->entries[DYAD_PETR_DISCARDS]++;
    report(x, "%s discard \"%s\": dyad's format has no discards (dyad eval petrarch applies them)", story ? "story" : "sentence", ph);
    if (x->c->ndiscards < DYAD_PETR_MAX_DISCARDS) x->c->discards[x->c->ndiscards] = dyad_strdup(ph);
    if (x->c->ndiscards < DYAD_PETR_MAX_DISCARDS && x->c->discards[x->c->ndiscards]) x->c->ndiscards++;
  }
  free(buf);
}

/* Lowercase words of text separated by single spaces, with a space at each end. */
static char *word_string(const char *text, size_t n) {
  char *w = dyad_malloc(n + 3);
  if (!w) return NULL;
  size_t k = 0;
  w[k++] = ' ';
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)text[i];
    int word = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80 ||
               ch == '\'' || ch == '-' || ch == '.';
    if (!word) { if (w[k - 1] != ' ') w[k++] = ' '; continue; }
    w[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
  }
  if (w[k - 1] != ' ') w[k++] = ' ';
  w[k] = 0;
  return w;
}

int dyad_petrarch_discarded(const dyad_petrarch_conv *c, const char *text, size_t n) {
  if (!c->ndiscards) return 0;
  char *w = word_string(text, n);
  if (!w) return 0;
  int hit = 0;
  for (size_t i = 0; i < c->ndiscards && !hit; i++) {
    char pat[520];
    snprintf(pat, sizeof pat, " %s ", c->discards[i]);
    hit = strstr(w, pat) != NULL;
    if (!hit) {   /* a sentence-final period sticks to the last word */
      snprintf(pat, sizeof pat, " %s. ", c->discards[i]);
      hit = strstr(w, pat) != NULL;
    }
  }
  free(w);
  return hit;
}

/* ---- verbs: synonym sets --------------------------------------------------------------------- */
typedef struct {
  char name[64];
  int line;
  char **raw; int nraw, capraw;   /* members as written, without '+' */
  char **words; int nwords;       /* resolved single words */
  char **multi; int nmulti;       /* resolved multi-word members as pattern elements */
  int resolved, emitted;
} vset;

typedef struct { vset *s; int n; } vsets;

static void set_name(const char *s, char *out, size_t cap) {
  size_t k = 0;
  while (*s == '&') s++;
  while (*s && *s != ' ' && *s != '\t' && k + 1 < cap) out[k++] = *s++;
  while (k && out[k - 1] == '_') k--;
  out[k] = 0;
  upper(out);
}

static vset *find_set(vsets *V, const char *name) {
  for (int i = 0; i < V->n; i++) if (strcmp(V->s[i].name, name) == 0) return &V->s[i];
  return NULL;
}

static int push_str(char ***arr, int *n, int *cap, const char *s) {
  if (*n == *cap) {
    int nc = *cap ? *cap * 2 : 16;
    char **p = dyad_realloc(*arr, (size_t)nc * sizeof *p);
    if (!p) return -1;
    *arr = p; *cap = nc;
  }
  if (!((*arr)[*n] = dyad_strdup(s))) return -1;
  (*n)++;
  return 0;
}

/* First pass: every "&NAME" with its "+MEMBER" lines, wherever it stands in the file. */
static void collect_sets(cx *x, vsets *V, const char *data, size_t n) {
  char *buf = dyad_malloc(LINE_MAX_BYTES + 1), *s;
  size_t pos = 0;
  vset *cur = NULL;
  if (!buf) return;
  while (next_line(x, data, n, &pos, buf, &s)) {
    if (!*s) continue;
    if (*s == '&') {
      cur = NULL;
      char name[64];
      set_name(s, name, sizeof name);
      if (find_set(V, name)) { report(x, "synonym set &%s defined twice; the first is used", name); continue; }
      if (V->n == MAX_SETS) { report(x, "more than %d synonym sets", MAX_SETS); continue; }
      cur = &V->s[V->n++];
      memset(cur, 0, sizeof *cur);
      snprintf(cur->name, sizeof cur->name, "%s", name);
      cur->line = x->line;
    } else if (*s == '+' && cur) {
      push_str(&cur->raw, &cur->nraw, &cur->capraw, trim(s + 1));
    } else {
      cur = NULL;
    }
  }
  free(buf);
}

/* A member as pattern elements: '_' keeps words adjacent, a space lets words come between. */
static int member_elems(const char *m, char *out, size_t cap, int *nwords) {
  size_t k = 0;
  int gap = 0;
  *nwords = 0;
  out[0] = 0;
  for (const char *p = m; *p;) {
    if (*p == '_') { p++; continue; }
    if (*p == ' ' || *p == '\t') { gap = 1; p++; continue; }
    size_t wl = strcspn(p, "_ \t");
    if (k + wl + 4 >= cap) return -1;
    if (*nwords) { memcpy(out + k, gap ? " * " : " ", gap ? 3 : 1); k += gap ? 3 : 1; }
    memcpy(out + k, p, wl);
    k += wl;
    out[k] = 0;
    (*nwords)++;
    gap = 0;
    p += wl;
  }
  lower(out);
  return (int)k;
}

static void resolve_set(cx *x, vsets *V, vset *s, int depth) {
  if (s->resolved) return;
  s->resolved = 1;
  int capw = 0, capm = 0;
  for (int i = 0; i < s->nraw; i++) {
    const char *m = s->raw[i];
    if (*m == '&') {
      char name[64];
      set_name(m, name, sizeof name);
      vset *sub = find_set(V, name);
      if (!sub || depth > 8) { x->line = s->line; report(x, "&%s uses unknown or too deeply nested set &%s", s->name, name); continue; }
      resolve_set(x, V, sub, depth + 1);
      for (int k = 0; k < sub->nwords && s->nwords < MAX_MEMBERS; k++) push_str(&s->words, &s->nwords, &capw, sub->words[k]);
      for (int k = 0; k < sub->nmulti && s->nmulti < MAX_MEMBERS; k++) push_str(&s->multi, &s->nmulti, &capm, sub->multi[k]);
      continue;
    }
    char el[512];
    int nw = 0;
    if (member_elems(m, el, sizeof el, &nw) <= 0 || strchr(el, '|') || strchr(el, '&')) continue;
    if (nw == 1 && s->nwords < MAX_MEMBERS) push_str(&s->words, &s->nwords, &capw, el);
    else if (nw > 1 && s->nmulti < MAX_MEMBERS) push_str(&s->multi, &s->nmulti, &capm, el);
  }
}

static void free_sets(vsets *V) {
  for (int i = 0; i < V->n; i++) {
    vset *s = &V->s[i];
    for (int k = 0; k < s->nraw; k++) free(s->raw[k]);
    for (int k = 0; k < s->nwords; k++) free(s->words[k]);
    for (int k = 0; k < s->nmulti; k++) free(s->multi[k]);
    free(s->raw); free(s->words); free(s->multi);
  }
  free(V->s);
}

/* Our `set` lines: one per PETRARCH set with single-word members (multi-word members become
 * extra patterns where the set is used). */
static void emit_sets(cx *x, vsets *V) {
  for (int i = 0; i < V->n; i++) {
    vset *s = &V->s[i];
    resolve_set(x, V, s, 0);
    if (!s->nwords) continue;
    dyad_buf_printf(x->out, "set %s =", s->name);
    for (int k = 0; k < s->nwords; k++) dyad_buf_printf(x->out, "%s %s", k ? " |" : "", s->words[k]);
    dyad_buf_printf(x->out, "    # %s:%d\n", x->name, s->line);
    s->emitted = 1;
  }
}

/* ---- verbs: blocks and patterns -------------------------------------------------------------- */
typedef struct {
  char lemma[64];
  char after[192];     /* words of a phrasal verb after the verb ("down"), as elements */
  char code[32];       /* the verb's own code, "" for the block's */
  char rev[32];        /* its reverse code ([A:B]), "" when none */
  char before[64];     /* words before the verb ("wire" in WIRE_+TAP), as elements, "" when none */
  char form[64];       /* the verb as written when not its base form ("left"), else "" */
} bverb;

typedef struct {
  int active;
  char code[32];       /* block code, "" when [---] */
  char rev[32];        /* block reverse code, "" when none */
  bverb v[MAX_BLOCK_VERBS];
  int nv;
} vblock;

typedef struct { char s[80]; int adj; } item;

/* "[A]" or "[A:B]": A is the event, B (into rev, "" when none) the event the target does back. */
static int read_code(const char *content, char *out, size_t cap, char *rev, size_t revcap) {
  char buf[64];
  size_t k = 0;
  for (const char *p = content; *p && k + 1 < sizeof buf; p++) if (*p != ' ' && *p != '\t') buf[k++] = *p;
  buf[k] = 0;
  rev[0] = 0;
  char *colon = strchr(buf, ':');
  if (colon) {
    *colon = 0;
    if (strcmp(colon + 1, "---") != 0 && strlen(colon + 1) < revcap && !strchr(colon + 1, ';')) snprintf(rev, revcap, "%s", colon + 1);
  }
  /* TABARI's control codes: "---" codes nothing, "+++" flags a complex sentence for a human */
  if (!*buf || strcmp(buf, "---") == 0 || strcmp(buf, "+++") == 0) { out[0] = 0; return 0; }
  if (strlen(buf) >= cap || strchr(buf, '|') || strchr(buf, ';')) return -1;
  snprintf(out, cap, "%s", buf);
  return 1;
}

/* The base form of a verb word ("SAID" -> say); the word itself when the lexicon does not know it. */
static void verb_lemma(cx *x, const char *w, size_t n, char *out, size_t cap) {
  char low[64];
  if (n >= sizeof low) n = sizeof low - 1;
  memcpy(low, w, n);
  low[n] = 0;
  lower(low);
  dyad_lexinfo li;
  if (dyad_lex_lookup(low, n, &li) && (li.pos & (1u << DYAD_LEX_V)) && li.lemma[DYAD_LEX_V]) {
    snprintf(out, cap, "%.*s", (int)li.lemma_n[DYAD_LEX_V], li.lemma[DYAD_LEX_V]);
    return;
  }
  snprintf(out, cap, "%s", low);
  report(x, "verb \"%s\" is not an English verb form our lexicon knows (a TABARI stem?); it is kept as written, and its regular forms (-s, -ed, -ing) are read as it", low);
}

/* " ; form F", " ; reverse B", " ; before W..." and " ; compound" as our pattern options. */
static void options_text(char *out, size_t cap, const bverb *v, const char *rev, const char *before, int compound) {
  snprintf(out, cap, "%s%s%s%s%s%s%s", *v->form ? " ; form " : "", v->form, *rev ? " ; reverse " : "", rev,
           *before ? " ; before " : "", before, compound ? " ; compound" : "");
}

/* A verb line of a block: "+WORD_WORD {FORMS} [code]"; a '+' inside marks the verb word, and the
 * words before it must come right before the verb ("WIRE_+TAP"). */
static void block_verb(cx *x, vblock *b, char *s) {
  if (*s == '+') s++;
  char *br = strchr(s, '['), code[32] = "", rev[32] = "";
  if (br) {
    char *e = strchr(br, ']');
    if (e) *e = 0;
    if (read_code(br + 1, code, sizeof code, rev, sizeof rev) < 0) { report(x, "bad code"); return; }
    *br = 0;
  }
  char *lc = strchr(s, '{');
  if (lc) *lc = 0;
  s = trim(s);
  if (!*s) return;
  if (b->nv == MAX_BLOCK_VERBS) { report(x, "more than %d verbs in a block", MAX_BLOCK_VERBS); return; }
  bverb *v = &b->v[b->nv];
  v->before[0] = 0;
  char *plus = strchr(s, '+');
  if (plus) {   /* "WIRE_+TAP": "wire" stands right before the verb */
    *plus = 0;
    int nw;
    char pre[192];
    snprintf(pre, sizeof pre, "%s", s);
    for (char *p = pre; *p; p++) if (*p == ' ' || *p == '\t') *p = '_';
    if (member_elems(pre, v->before, sizeof v->before, &nw) < 0) { report(x, "verb phrase too long"); return; }
    s = plus + 1;
  }
  size_t wl = strcspn(s, "_ \t");
  verb_lemma(x, s, wl, v->lemma, sizeof v->lemma);
  /* PETRARCH matches "LEFT" and "MET" as written, apart from "LEAVE" and "MEET" */
  snprintf(v->form, sizeof v->form, "%.*s", (int)wl, s);
  lower(v->form);
  if (!strcmp(v->form, v->lemma)) v->form[0] = 0;
  int nw;
  const char *rest = s + wl;
  while (*rest == '_' || *rest == ' ' || *rest == '\t') rest++;
  char tmp[192];
  snprintf(tmp, sizeof tmp, "%s", rest);
  for (char *p = tmp; *p; p++) if (*p == ' ' || *p == '\t') *p = '_';   /* phrasal verbs are adjacent */
  if (member_elems(tmp, v->after, sizeof v->after, &nw) < 0) { report(x, "verb phrase too long"); return; }
  snprintf(v->code, sizeof v->code, "%s", code);
  snprintf(v->rev, sizeof v->rev, "%s", *code ? rev : b->rev);
  b->nv++;
  const char *c = *code ? code : b->code;
  char opts[320];
  options_text(opts, sizeof opts, v, v->rev, v->before, 0);
  if (*c) dyad_buf_printf(x->out, "verb %s %s%s%s%s    # %s:%d\n", c, v->lemma, *v->after ? " " : "", v->after, opts, x->name, x->line);
}

static void block_header(cx *x, vblock *b, char *s) {
  b->active = 1;
  b->nv = 0;
  b->code[0] = 0;
  b->rev[0] = 0;
  char *br = strchr(s, '[');
  if (!br) { report(x, "verb block header without a [code]"); return; }
  char *e = strchr(br, ']');
  if (e) *e = 0;
  if (read_code(br + 1, b->code, sizeof b->code, b->rev, sizeof b->rev) < 0) report(x, "bad block code");
}

/* Splits a pattern into items; adj tells whether '_' tied an item to the one before. */
static int pattern_items(const char *t, item *it, int cap) {
  int n = 0, adj = 0;
  for (const char *p = t; *p;) {
    if (*p == '_') { adj = 1; p++; continue; }
    if (strchr(" \t(){}", *p)) { adj = 0; p++; continue; }
    if (n == cap) return -1;
    size_t l = 1;
    if (*p == '&') { l = 1; while (p[l] && ((p[l] >= 'A' && p[l] <= 'Z') || (p[l] >= 'a' && p[l] <= 'z') || (p[l] >= '0' && p[l] <= '9'))) l++; }
    else if (!strchr("*$+%^", *p)) l = strcspn(p, "_ \t(){}*$%^");
    if (l >= sizeof it[n].s) return -1;
    memcpy(it[n].s, p, l);
    it[n].s[l] = 0;
    it[n].adj = adj;
    adj = 0;
    n++;
    p += l;
  }
  return n;
}

typedef struct { char *v[MAX_VARIANTS]; int n; int capped; } variants;

#define DEAD '\x01'   /* first byte of a variant that cannot be written */

static int ends_with_skip(const char *s) {
  size_t l = strlen(s);
  return l == 0 || (s[l - 1] == '*' && (l == 1 || s[l - 2] == ' '));
}

/* Appends text to every live variant; a skip is never doubled. */
static void vappend(variants *V, const char *text) {
  int skip = strcmp(text, "*") == 0;
  for (int i = 0; i < V->n; i++) {
    char *v = V->v[i];
    if (v[0] == DEAD || (skip && ends_with_skip(v) && v[0])) continue;
    size_t l = strlen(v);
    if (l + strlen(text) + 2 >= ELEM_CAP) { v[0] = DEAD; continue; }
    if (l) v[l++] = ' ';
    strcpy(v + l, text);
  }
}

/* A set: every variant takes &NAME (when the set has single words) or one multi-word member. */
static void vset_expand(variants *V, const vset *s) {
  int base = V->n;
  for (int m = 0; m < s->nmulti; m++)
    for (int i = 0; i < base; i++) {
      if (V->n == MAX_VARIANTS) { V->capped = 1; break; }
      char *c = dyad_malloc(ELEM_CAP);
      if (!c) return;
      size_t l = strlen(V->v[i]);
      snprintf(c, ELEM_CAP, "%s%s%s", V->v[i], l ? " " : "", s->multi[m]);
      V->v[V->n++] = c;
    }
  char name[72];
  snprintf(name, sizeof name, "&%s", s->name);
  for (int i = 0; i < base; i++) {
    if (!s->emitted) { V->v[i][0] = DEAD; continue; }   /* no single words: this variant dies */
    if (V->v[i][0] == DEAD) continue;
    size_t l = strlen(V->v[i]);
    if (l + strlen(name) + 2 < ELEM_CAP) snprintf(V->v[i] + l, ELEM_CAP - l, "%s%s", l ? " " : "", name);
  }
}

/* The items after the verb as our elements; returns -1 (reported) when one cannot be expressed. */
static int post_items(cx *x, vsets *S, const item *it, int n, variants *V) {
  for (int i = 0; i < n; i++) {
    const char *s = it[i].s;
    if (!it[i].adj) vappend(V, "*");
    /* PETRARCH: '$' source, '+' target, '%' several targets, '^' one actor passed over. Ours: `@`
       source, `$` target (which takes coordinated groups), `^` the same. */
    if (strcmp(s, "^") == 0) { vappend(V, "^"); continue; }
    if (strcmp(s, "$") == 0) { vappend(V, "@"); continue; }
    if (strcmp(s, "+") == 0 || strcmp(s, "%") == 0) { vappend(V, "$"); continue; }
    if (strcmp(s, "*") == 0) {
      report(x, "a second '*' (the verb's place) cannot be expressed");
      return -1;
    }
    if (s[0] == '&') {
      char name[64];
      set_name(s, name, sizeof name);
      vset *st = find_set(S, name);
      if (!st) { report(x, "unknown synonym set &%s", name); return -1; }
      vset_expand(V, st);
      continue;
    }
    char w[80];
    snprintf(w, sizeof w, "%s", s);
    lower(w);
    vappend(V, w);
  }
  return 0;
}

static void strip_trailing_skip(char *s) {
  size_t l = strlen(s);
  while (l >= 1 && s[l - 1] == '*' && (l == 1 || s[l - 2] == ' ')) { l = l >= 2 ? l - 2 : 0; s[l] = 0; }
}

/* A pattern ending in a preposition ("welcome * memos from") names the target as that
 * preposition's object in PETRARCH; our `$` says so. */
static int ends_with_prep(const char *v) {
  static const char *const preps[] = {"from", "with", "to", "against", "on", "at", "for", "about", "in", "into",
                                      "of", "over", "toward", "towards", "by", "upon", NULL};
  const char *sp = strrchr(v, ' ');
  const char *last = sp ? sp + 1 : v;
  for (const char *const *p = preps; *p; p++) if (!strcmp(last, *p)) return 1;
  return 0;
}

static void write_one(cx *x, const bverb *v, const char *code, const char *el, const char *tail, const char *opts) {
  dyad_buf_printf(x->out, "verb %s %s%s%s%s%s%s%s    # %s:%d\n", code, v->lemma, *v->after ? " " : "", v->after,
                  *el ? " " : "", el, tail, opts, x->name, x->line);
}

/* The pattern's own words before the verb (pre, "" for none) joined with the verb's ("wire"). */
static void join_before(const char *pre, const bverb *v, char *out, size_t cap) {
  snprintf(out, cap, "%s%s%s", pre, *pre && *v->before ? " " : "", v->before);
}

typedef struct { const char *code, *rev; int compound; } pattern_codes;

static void write_patterns(cx *x, const vblock *b, const pattern_codes *pc, variants *V, const variants *P) {
  for (int k = 0; k < b->nv; k++) {
    const bverb *v = &b->v[k];
    for (int j = 0; j < P->n; j++) {
      if (P->v[j][0] == DEAD) continue;
      char before[ELEM_CAP + 64], opts[ELEM_CAP + 160];
      join_before(P->v[j], v, before, sizeof before);
      options_text(opts, sizeof opts, v, pc->rev, before, pc->compound);
      for (int i = 0; i < V->n; i++) {
        if (V->v[i][0] == DEAD) continue;
        if (!V->v[i][0] && !P->v[j][0] && !pc->compound && strcmp(pc->code, *v->code ? v->code : b->code) == 0 &&
            strcmp(pc->rev, v->rev) == 0)
          continue;   /* same as the verb line */
        if (ends_with_prep(V->v[i]) && !strchr(V->v[i], '$')) write_one(x, v, pc->code, V->v[i], " $", opts);
        write_one(x, v, pc->code, V->v[i], "", opts);
      }
    }
  }
}

/* The items before the verb's '*' as `before` elements in text order, with a trailing `*` when
 * words may stand between them and the verb. PETRARCH's '$' marks the source and '+' the target:
 * a '$' here is the subject, as in our patterns, and is dropped; a '+' (the subject is the target)
 * is dropped when a '$' after the verb names the source (our `@` makes the subject the target);
 * '%' (a compound subject) sets *compound. Returns -1 (reported) when something cannot be expressed. */
static int pre_items(cx *x, vsets *S, const item *it, int star, int n_all, variants *P, int *compound) {
  item kept[MAX_ITEMS];
  int n = 0, source_after = 0;
  for (int i = star + 1; i < n_all; i++) if (!strcmp(it[i].s, "$")) source_after = 1;
  for (int i = 0; i < star; i++) {
    if (!strcmp(it[i].s, "$")) continue;
    if (!strcmp(it[i].s, "%")) { *compound = 1; continue; }
    if (!strcmp(it[i].s, "+")) {
      if (source_after) continue;
      report(x, "a target ('+') before the verb with no source ('$') after it cannot be expressed");
      return -1;
    }
    kept[n++] = it[i];
  }
  if (!n) return 0;
  kept[0].adj = 1;   /* nothing to skip before the first word */
  if (post_items(x, S, kept, n, P) < 0) return -1;
  if (!it[star].adj) vappend(P, "*");
  return 0;
}

/* "- WORDS * WORDS [code]": PETRARCH's '*' is the verb. */
static void block_pattern(cx *x, vsets *S, const vblock *b, char *s) {
  char *br = strrchr(s, '['), code[32], rev[32];
  if (!br || !strchr(br, ']')) { report(x, "pattern without a [code]"); return; }
  *strchr(br, ']') = 0;
  int rc = read_code(br + 1, code, sizeof code, rev, sizeof rev);
  if (rc < 0) { report(x, "bad code [%s]", br + 1); return; }
  if (rc == 0) { report(x, "pattern with a control code ([---] codes nothing, [+++] flags a complex sentence) cannot be expressed"); return; }
  *br = 0;
  if (!b->active || !b->nv) { report(x, "pattern without a verb block above it"); return; }
  item it[MAX_ITEMS];
  int n = pattern_items(s + 1, it, MAX_ITEMS), star = -1;
  if (n < 0) { report(x, "pattern too long"); return; }
  for (int i = 0; i < n && star < 0; i++) if (strcmp(it[i].s, "*") == 0) star = i;
  if (star < 0) { report(x, "pattern without '*' (the verb's place)"); return; }
  variants V, P;
  memset(&V, 0, sizeof V);
  memset(&P, 0, sizeof P);
  V.v[0] = dyad_calloc(1, ELEM_CAP);
  P.v[0] = dyad_calloc(1, ELEM_CAP);
  if (V.v[0]) V.n = 1;
  if (P.v[0]) P.n = 1;
  pattern_codes pc = {code, rev, 0};
  if (V.n && P.n && pre_items(x, S, it, star, n, &P, &pc.compound) == 0 && post_items(x, S, it + star + 1, n - star - 1, &V) == 0) {
    for (int i = 0; i < V.n; i++) if (V.v[i][0] != DEAD) strip_trailing_skip(V.v[i]);
    if (V.capped || P.capped) report(x, "only the first %d expansions of its multi-word set members are kept", MAX_VARIANTS);
    write_patterns(x, b, &pc, &V, &P);
  }
  for (int i = 0; i < V.n; i++) free(V.v[i]);
  for (int i = 0; i < P.n; i++) free(P.v[i]);
}

static void verbs_line(cx *x, vsets *S, vblock *b, int *in_set, char *s) {
  if (strncmp(s, "---", 3) == 0) { *in_set = 0; block_header(x, b, s); return; }
  if (*s == '&') { *in_set = 1; return; }
  if (*s == '-') { *in_set = 0; block_pattern(x, S, b, s); x->c->entries[DYAD_PETR_VERBS]++; return; }
  if (*in_set && *s == '+') return;
  *in_set = 0;
  if (!b->active) { report(x, "line outside a verb block"); return; }
  block_verb(x, b, s);
}

static void convert_verbs(cx *x, const char *data, size_t n) {
  vsets S = {dyad_calloc(MAX_SETS, sizeof(vset)), 0};
  vblock *b = dyad_calloc(1, sizeof *b);
  char *buf = dyad_malloc(LINE_MAX_BYTES + 1), *s;
  if (!S.s || !b || !buf) { free(S.s); free(b); free(buf); return; }
  dyad_buf_printf(x->out, "# Converted by dyad from the TABARI/PETRARCH verb dictionary %s.\n", x->name);
  collect_sets(x, &S, data, n);
  x->line = 0;
  x->in_comment = 0;
  emit_sets(x, &S);
  size_t pos = 0;
  int in_set = 0;
  x->line = 0;
  while (next_line(x, data, n, &pos, buf, &s))
    if (*s) verbs_line(x, &S, b, &in_set, s);
  free_sets(&S);
  free(b);
  free(buf);
}

/* ---- entry points ---------------------------------------------------------------------------- */
int dyad_petrarch_convert_text(dyad_petrarch_conv *c, int kind, const char *name, const char *data, size_t n) {
  static const char *const dirs[] = {"verbs/", "actors/", "", ""};
  if (kind < 0 || kind >= DYAD_PETR_NKINDS) return DYAD_EUSAGE;
  char path[600];
  if (kind == DYAD_PETR_AGENTS) snprintf(path, sizeof path, "agents.txt");
  else if (kind == DYAD_PETR_DISCARDS) path[0] = 0;
  else snprintf(path, sizeof path, "%s%s", dirs[kind], base_name(name));
  dyad_buf *out = *path ? out_file(c, path) : NULL;
  if (*path && !out) return DYAD_ENOMEM;
  cx x = {c, base_name(name), 0, 0, out};
  if (kind == DYAD_PETR_ACTORS) convert_actors(&x, data, n);
  else if (kind == DYAD_PETR_AGENTS) convert_agents(&x, data, n);
  else if (kind == DYAD_PETR_VERBS) convert_verbs(&x, data, n);
  else convert_discards(&x, data, n);
  sync_files(c);
  return DYAD_OK;
}

static char *slurp(const char *path, size_t *n) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  dyad_buf b;
  dyad_buf_init(&b, OUT_CAP);
  char chunk[65536];
  size_t k;
  int bad = 0;
  while (!bad && (k = fread(chunk, 1, sizeof chunk, fp)) > 0) bad = dyad_buf_add(&b, chunk, k) != 0;
  bad |= ferror(fp);
  fclose(fp);
  if (bad) { dyad_buf_free(&b); errno = errno ? errno : EFBIG; return NULL; }
  if (!b.p && dyad_buf_add(&b, "", 0)) return NULL;
  *n = b.n;
  return b.p;
}

static void diag_msg(dyad_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void diag_msg(dyad_diag *d, const char *fmt, ...) {
  char msg[900];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (!d) return;
  d->count++;
  if (d->fn) d->fn(msg, d->ctx);
}

static const char *const default_names[DYAD_PETR_NKINDS] = {
  "CAMEO.2.0.txt", "Phoenix.Countries.actors.txt,Phoenix.International.actors.txt,Phoenix.MilNonState.actors.txt",
  "Phoenix.agents.txt", "Phoenix.discards.txt"};

int dyad_petrarch_convert_dir(dyad_petrarch_conv *c, const char *dir, const char *const *names, dyad_diag *diag) {
  int status = DYAD_OK;
  for (int kind = 0; kind < DYAD_PETR_NKINDS; kind++) {
    const char *list = names && names[kind] ? names[kind] : default_names[kind];
    char tmp[2048];
    snprintf(tmp, sizeof tmp, "%s", list);
    char *save = NULL;
    for (char *nm = strtok_r(tmp, ",", &save); nm; nm = strtok_r(NULL, ",", &save)) {
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", dir, trim(nm));
      size_t n = 0;
      char *data = slurp(path, &n);
      if (!data) { diag_msg(diag, "%s: cannot read: %s", path, strerror(errno)); status = DYAD_EINPUT; continue; }
      int r = dyad_petrarch_convert_text(c, kind, nm, data, n);
      free(data);
      if (r == DYAD_ENOMEM) return r;
    }
  }
  return status;
}

/* The embedded CAMEO table and grammar word lists, which the converted texts lack. */
static size_t embedded_support(dyad_dict_text *out, size_t cap) {
  size_t n = 0;
  for (const dyad_embedded_file *f = dyad_embedded_files; f->path && n < cap; f++)
    if (strcmp(f->path, "cameo.tsv") == 0 || strncmp(f->path, "lexicon/", 8) == 0)
      out[n++] = (dyad_dict_text){f->path, f->data, f->size};
  return n;
}

dyad_dict *dyad_petrarch_dict(const dyad_petrarch_conv *c, dyad_diag *diag) {
  dyad_dict_text files[DYAD_PETR_MAX_FILES + 64];
  size_t n = embedded_support(files, 64);
  for (size_t i = 0; i < c->nfiles; i++) files[n++] = c->files[i];
  dyad_dict *d = dyad_dict_load_texts(files, n, DYAD_DICT_ANY_CODE, diag);
  if (d) d->petrarch = 1;
  return d;
}

dyad_dict *dyad_petrarch_load(const char *dir, const char *const *names, dyad_diag *diag) {
  dyad_petrarch_conv c;
  dyad_petrarch_conv_init(&c);
  dyad_dict *d = NULL;
  if (dyad_petrarch_convert_dir(&c, dir, names, diag) != DYAD_ENOMEM) d = dyad_petrarch_dict(&c, diag);
  dyad_petrarch_conv_free(&c);
  return d;
}

/* ---- import: our format on disk -------------------------------------------------------------- */
static const char *embedded_cameo(size_t *n) {
  for (const dyad_embedded_file *f = dyad_embedded_files; f->path; f++)
    if (strcmp(f->path, "cameo.tsv") == 0) { *n = f->size; return f->data; }
  *n = 0;
  return "";
}

/* Is code a row of the table text (first field of a line)? */
static int table_has(const char *table, size_t n, const char *code) {
  size_t cl = strlen(code);
  for (size_t i = 0; i < n;) {
    if (strncmp(table + i, code, cl) == 0 && i + cl < n && table[i + cl] == '\t') return 1;
    const char *nl = memchr(table + i, '\n', n - i);
    if (!nl) break;
    i = (size_t)(nl - table) + 1;
  }
  return 0;
}

static int numeric_code(const char *c) {
  size_t n = strlen(c);
  return n >= 2 && n <= 4 && strspn(c, "0123456789") == n;
}

/* Verb lines whose code the CAMEO table lacks: numeric ones get a row without weight in extra;
 * others cannot be loaded from a directory and are dropped from the file with a report line. */
static void fix_codes(dyad_petrarch_conv *c, dyad_buf *file, dyad_buf *extra) {
  size_t tn;
  const char *table = embedded_cameo(&tn);
  dyad_buf out;
  dyad_buf_init(&out, OUT_CAP);
  for (size_t i = 0; i < file->n;) {
    const char *nl = memchr(file->p + i, '\n', file->n - i);
    size_t len = nl ? (size_t)(nl - file->p) - i + 1 : file->n - i;
    const char *ln = file->p + i;
    char code[40] = "";
    if (strncmp(ln, "verb ", 5) == 0) sscanf(ln + 5, "%39s", code);
    int keep = 1;
    if (*code && !table_has(table, tn, code) && !table_has(extra->p ? extra->p : "", extra->n, code)) {
      if (numeric_code(code)) dyad_buf_printf(extra, "%s\t%.2s\t0\t0\tOTHER\tnot a CAMEO code (from a PETRARCH dictionary)\n", code, code);
      else {
        const char *src = strstr(ln, "# ");
        int sl = src && src < ln + len ? (int)(ln + len - src - 2) : 0;
        while (sl > 0 && (src[2 + sl - 1] == '\n' || src[2 + sl - 1] == '\r')) sl--;
        if (dyad_buf_printf(&c->report, "%.*s: not carried over: code %s is not a CAMEO code (only --dict-format petrarch keeps it)\n",
                            sl, sl ? src + 2 : "", code) == 0) c->nreport++;
        keep = 0;
      }
    } else if (*code && !numeric_code(code) && table_has(extra->p ? extra->p : "", extra->n, code)) keep = 0;
    if (keep) dyad_buf_add(&out, ln, len);
    i += len;
  }
  dyad_buf_free(file);
  *file = out;
}

static int write_file(const char *path, const char *data, size_t n, dyad_diag *diag) {
  FILE *fp = fopen(path, "wb");
  if (!fp) { diag_msg(diag, "%s: cannot write: %s", path, strerror(errno)); return -1; }
  int bad = n && fwrite(data, 1, n, fp) != n;
  bad |= fclose(fp) != 0;
  if (bad) { diag_msg(diag, "%s: cannot write: %s", path, strerror(errno)); return -1; }
  return 0;
}

static int make_dirs(const char *outdir, dyad_diag *diag) {
  static const char *const subs[] = {"", "/actors", "/verbs"};
  for (int i = 0; i < 3; i++) {
    char p[4096];
    snprintf(p, sizeof p, "%s%s", outdir, subs[i]);
    if (mkdir(p, 0777) != 0 && errno != EEXIST) { diag_msg(diag, "%s: cannot create: %s", p, strerror(errno)); return -1; }
  }
  return 0;
}

static int write_outputs(dyad_petrarch_conv *c, const char *outdir, dyad_diag *diag) {
  dyad_buf table;
  dyad_buf_init(&table, OUT_CAP);
  size_t tn;
  const char *t = embedded_cameo(&tn);
  dyad_buf_add(&table, t, tn);
  if (tn && t[tn - 1] != '\n') dyad_buf_addc(&table, '\n');
  dyad_buf extra;
  dyad_buf_init(&extra, OUT_CAP);
  int bad = 0;
  for (size_t i = 0; i < c->nfiles; i++) {
    if (strncmp(c->files[i].path, "verbs/", 6) == 0) fix_codes(c, &c->bufs[i], &extra);
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", outdir, c->files[i].path);
    bad |= write_file(p, c->bufs[i].p ? c->bufs[i].p : "", c->bufs[i].n, diag) != 0;
  }
  sync_files(c);
  dyad_buf_add(&table, extra.p ? extra.p : "", extra.n);
  char p[4096];
  snprintf(p, sizeof p, "%s/cameo.tsv", outdir);
  bad |= write_file(p, table.p, table.n, diag) != 0;
  snprintf(p, sizeof p, "%s/import-report.txt", outdir);
  bad |= write_file(p, c->report.p ? c->report.p : "", c->report.n, diag) != 0;
  dyad_buf_free(&table);
  dyad_buf_free(&extra);
  return bad ? DYAD_EINPUT : DYAD_OK;
}

int dyad_petrarch_import_files(const char *dir, const char *const *names, const char *outdir, dyad_diag *diag) {
  if (make_dirs(outdir, diag)) return DYAD_EINPUT;
  dyad_petrarch_conv c;
  dyad_petrarch_conv_init(&c);
  int r = dyad_petrarch_convert_dir(&c, dir, names, diag);
  if (r != DYAD_ENOMEM) {
    int w = write_outputs(&c, outdir, diag);
    if (w) r = w;
  }
  dyad_petrarch_conv_free(&c);
  return r;
}

int dyad_petrarch_import(const char *dir, const char *outdir, dyad_diag *diag) {
  return dyad_petrarch_import_files(dir, NULL, outdir, diag);
}
