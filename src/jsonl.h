/* jsonl.h - one JSON lines input record: {"id","text"|"html","date","url","title","outlet"}. */
#ifndef DYAD_JSONL_H
#define DYAD_JSONL_H
#include <stddef.h>

typedef struct {
  char *id, *text, *html, *date, *url, *title, *outlet;  /* each malloc'ed or NULL */
  size_t text_n, html_n;                                 /* lengths (strings may hold NUL) */
} dyad_jsonl_rec;

/* Parses one line (n bytes, no newline needed). Non-string "id" values (numbers) are printed to
 * text. Unknown keys are ignored. Returns 0 on success; -1 with a message in err when the line
 * is not a JSON object or has neither "text" nor "html" as a string. Free with
 * dyad_jsonl_rec_free even after failure. */
int dyad_jsonl_parse(const char *line, size_t n, dyad_jsonl_rec *out, char *err, size_t errcap);
void dyad_jsonl_rec_free(dyad_jsonl_rec *rec);
/* Broken encoders write lone surrogate escapes ("\ud800" with no low half), which JSON parsers
 * reject with the whole line: a malloc'ed copy of line[0..n) with each one turned into "\ufffd"
 * (same length; free() it), or NULL when there is none or memory runs out. */
char *dyad_jsonl_unpair(const char *line, size_t n);

/* Guesses the input format of a buffer's first bytes: 'j' for JSON lines (first non-space byte
 * is '{'), 'h' for HTML (a doctype, <html, <head, <body, <p, <div or <article near the start,
 * case-insensitive), else 't' for plain text. */
int dyad_sniff_format(const char *buf, size_t n);
#endif
