/* output.c - the three event writers: JSON lines (the schema in docs/event.schema.json), TSV and
 * the --explain view that marks source, verb and target inside the sentence. */
#include "output.h"
#include <string.h>

static const char *stance_name(int s) {
  static const char *n[] = {"", "assert", "allege", "deny", "confirm"};
  return (s > 0 && s <= 4) ? n[s] : "";
}
static const char *prec_name(int p) { return p == DYAD_DATE_YEAR ? "year" : p == DYAD_DATE_MONTH ? "month" : "day"; }

int dyad_json_string(dyad_buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  int r = dyad_buf_addc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    r |= dyad_buf_add(b, s + run, i - run);
    run = i + 1;
    char esc[7] = {'\\', (char)c, 0};
    if (c == '\n') esc[1] = 'n';
    else if (c == '\t') esc[1] = 't';
    else if (c == '\r') esc[1] = 'r';
    else if (c < 0x20) { esc[1] = 'u'; esc[2] = '0'; esc[3] = '0'; esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; esc[6] = 0; }
    r |= dyad_buf_adds(b, esc);
  }
  r |= dyad_buf_add(b, s + run, n - run);
  r |= dyad_buf_addc(b, '"');
  return r ? -1 : 0;
}

static int json_cstr(dyad_buf *b, const char *s) {
  return s ? dyad_json_string(b, s, strlen(s)) : dyad_buf_adds(b, "null");
}

static int json_actor(dyad_buf *b, const dyad_actor *a) {
  if (!a) return dyad_buf_adds(b, "null");
  int r = dyad_buf_adds(b, "{\"code\":");
  r |= json_cstr(b, a->code);
  r |= dyad_buf_adds(b, ",\"name\":");
  r |= a->name.n ? dyad_json_string(b, a->name.p, a->name.n) : dyad_buf_adds(b, "null");
  r |= dyad_buf_adds(b, ",\"text\":");
  r |= dyad_json_string(b, a->text.p, a->text.n);
  r |= dyad_buf_printf(b, ",\"span\":[%zu,%zu],\"entry\":", a->start, a->end);
  r |= json_cstr(b, a->entry ? a->entry : "unknown");
  r |= dyad_buf_adds(b, ",\"role\":");
  r |= json_cstr(b, a->role);
  r |= dyad_buf_adds(b, ",\"agent\":");
  r |= json_cstr(b, a->agent);
  r |= dyad_buf_adds(b, ",\"how\":");
  r |= json_cstr(b, a->how ? a->how : "name");
  r |= dyad_buf_adds(b, ",\"file\":");
  r |= json_cstr(b, a->file);
  r |= dyad_buf_printf(b, ",\"line\":%d}", a->line);
  return r;
}

int dyad_write_json(const dyad_event *ev, dyad_buf *b) {
  int r = dyad_buf_adds(b, "{\"id\":");
  r |= json_cstr(b, ev->id);
  r |= dyad_buf_adds(b, ",\"doc\":");
  r |= json_cstr(b, ev->doc);
  r |= dyad_buf_printf(b, ",\"sent\":%d,\"date\":\"%s\",\"date_precision\":\"%s\",\"source\":", ev->sent, ev->date, prec_name(ev->date_precision));
  r |= json_actor(b, ev->source);
  r |= dyad_buf_adds(b, ",\"target\":");
  r |= json_actor(b, ev->target);
  r |= dyad_buf_printf(b, ",\"code\":\"%s\",\"root\":\"%s\",\"quad\":%d,\"goldstein\":%.1f,\"plover\":", ev->code, ev->root, ev->quad, ev->goldstein);
  r |= json_cstr(b, ev->plover);
  r |= dyad_buf_printf(b, ",\"mode\":{\"negated\":%s,\"future\":%s,\"hypothetical\":%s,\"conditional\":%s,\"historical\":%s}",
                       ev->mode.negated ? "true" : "false", ev->mode.future ? "true" : "false",
                       ev->mode.hypothetical ? "true" : "false", ev->mode.conditional ? "true" : "false",
                       ev->mode.historical ? "true" : "false");
  r |= dyad_buf_adds(b, ",\"attribution\":");
  if (ev->stance) {
    r |= dyad_buf_adds(b, "{\"speaker\":");
    if (ev->speaker) {
      r |= dyad_buf_adds(b, "{\"code\":");
      r |= json_cstr(b, ev->speaker->code);
      r |= dyad_buf_adds(b, ",\"text\":");
      r |= dyad_json_string(b, ev->speaker->text.p, ev->speaker->text.n);
      r |= dyad_buf_addc(b, '}');
    } else {
      r |= dyad_buf_adds(b, "null");
    }
    r |= dyad_buf_printf(b, ",\"stance\":\"%s\"}", stance_name(ev->stance));
  } else {
    r |= dyad_buf_adds(b, "null");
  }
  r |= dyad_buf_adds(b, ",\"evidence\":{\"text\":");
  r |= dyad_json_string(b, ev->evidence.p, ev->evidence.n);
  r |= dyad_buf_printf(b, ",\"span\":[%zu,%zu],\"verb\":[%zu,%zu]},\"rule\":{\"id\":", ev->ev_start, ev->ev_end, ev->verb_start, ev->verb_end);
  r |= json_cstr(b, ev->rule.id);
  r |= dyad_buf_adds(b, ",\"file\":");
  r |= json_cstr(b, ev->rule.file);
  r |= dyad_buf_printf(b, ",\"line\":%d,\"pattern\":", ev->rule.line);
  r |= json_cstr(b, ev->rule.pattern);
  r |= dyad_buf_adds(b, ",\"grammar\":");
  r |= json_cstr(b, ev->rule.grammar);
  r |= dyad_buf_adds(b, "}}\n");
  return r ? -1 : 0;
}

/* TSV fields may not hold tabs or newlines: they become spaces. */
static int tsv_field(dyad_buf *b, const char *s, size_t n, int last) {
  int r = 0;
  for (size_t i = 0; i < n; i++) r |= dyad_buf_addc(b, (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
  return r | dyad_buf_addc(b, last ? '\n' : '\t');
}
static int tsv_cstr(dyad_buf *b, const char *s) { return tsv_field(b, s ? s : "", s ? strlen(s) : 0, 0); }

int dyad_write_tsv(const dyad_event *ev, dyad_buf *b) {
  int r = tsv_cstr(b, ev->id);
  r |= tsv_cstr(b, ev->date);
  r |= tsv_cstr(b, ev->source ? ev->source->code : NULL);
  r |= ev->source ? tsv_field(b, ev->source->text.p, ev->source->text.n, 0) : tsv_cstr(b, NULL);
  r |= tsv_cstr(b, ev->target ? ev->target->code : NULL);
  r |= ev->target ? tsv_field(b, ev->target->text.p, ev->target->text.n, 0) : tsv_cstr(b, NULL);
  r |= tsv_cstr(b, ev->code);
  r |= tsv_cstr(b, ev->root);
  r |= dyad_buf_printf(b, "%d\t%.1f\t", ev->quad, ev->goldstein);
  r |= tsv_cstr(b, ev->plover);
  r |= tsv_cstr(b, ev->mode.negated ? "1" : "0");
  r |= tsv_field(b, ev->evidence.p, ev->evidence.n, 1);
  return r ? -1 : 0;
}

/* The sentence with [source], {target} and <verb> marked. */
static int marked_sentence(const dyad_event *ev, dyad_buf *b) {
  int r = 0;
  for (size_t off = ev->ev_start; off <= ev->ev_end; off++) {
    if (ev->source && off == ev->source->start) r |= dyad_buf_addc(b, '[');
    if (ev->target && off == ev->target->start) r |= dyad_buf_addc(b, '{');
    if (off == ev->verb_start) r |= dyad_buf_addc(b, '<');
    if (off == ev->verb_end) r |= dyad_buf_addc(b, '>');
    if (ev->target && off == ev->target->end) r |= dyad_buf_addc(b, '}');
    if (ev->source && off == ev->source->end) r |= dyad_buf_addc(b, ']');
    if (off < ev->ev_end) {
      char c = ev->evidence.p[off - ev->ev_start];
      r |= dyad_buf_addc(b, c == '\n' ? ' ' : c);
    }
  }
  return r;
}

static int explain_actor(dyad_buf *b, const char *label, const dyad_actor *a) {
  if (!a) return dyad_buf_printf(b, "  %-7s -\n", label);
  return dyad_buf_printf(b, "  %-7s %-10s \"%.*s\"  entry %s%s%s%s%s  (%s:%d, %s)\n", label, a->code, (int)a->text.n, a->text.p,
                         a->entry ? a->entry : "?", a->agent ? " + " : "", a->agent ? a->agent : "",
                         a->role ? "  role " : "", a->role ? a->role : "",
                         a->file ? a->file : "?", a->line, a->how ? a->how : "name");
}

int dyad_write_explain(const dyad_event *ev, dyad_buf *b) {
  int r = dyad_buf_printf(b, "%s %s  %s -> %s  %s %s (%s, quad %d, goldstein %+.1f)  %s/%s\n", ev->doc, ev->id,
                          ev->source ? ev->source->code : "-", ev->target ? ev->target->code : "-", ev->code,
                          ev->plover, ev->root, ev->quad, ev->goldstein, ev->date,
                          ev->date_precision == DYAD_DATE_DAY ? "day" : ev->date_precision == DYAD_DATE_MONTH ? "month" : "year");
  r |= dyad_buf_adds(b, "  text    ");
  r |= dyad_buf_add(b, ev->evidence.p, ev->evidence.n);
  r |= dyad_buf_adds(b, "\n  marked  ");
  r |= marked_sentence(ev, b);
  r |= dyad_buf_addc(b, '\n');
  r |= explain_actor(b, "source", ev->source);
  r |= explain_actor(b, "target", ev->target);
  r |= dyad_buf_printf(b, "  rule    %s  (%s:%d, %s)\n", ev->rule.id, ev->rule.file ? ev->rule.file : "?", ev->rule.line,
                       ev->rule.grammar ? ev->rule.grammar : "");
  if (ev->mode.negated || ev->mode.future || ev->mode.hypothetical || ev->mode.conditional || ev->mode.historical)
    r |= dyad_buf_printf(b, "  mode   %s%s%s%s%s\n", ev->mode.negated ? " negated" : "", ev->mode.future ? " future" : "",
                         ev->mode.hypothetical ? " hypothetical" : "", ev->mode.conditional ? " conditional" : "",
                         ev->mode.historical ? " historical" : "");
  if (ev->stance)
    r |= dyad_buf_printf(b, "  said    %s by %s \"%.*s\"\n", stance_name(ev->stance), ev->speaker ? ev->speaker->code : "?",
                         ev->speaker ? (int)ev->speaker->text.n : 0, ev->speaker ? ev->speaker->text.p : "");
  r |= dyad_buf_addc(b, '\n');
  return r ? -1 : 0;
}
