/* input.h - reading news for `dyad code` and `dyad ingest`: files, directories, standard input;
 * plain text, HTML and JSON lines; every document normalized (dyad_normalize) and handed to a
 * callback with its metadata. Problems are reported on stderr as "dyad: FILE[:LINE]: message". */
#ifndef DYAD_INPUT_H
#define DYAD_INPUT_H
#include <stddef.h>
#include <stdio.h>

/* One document, valid only during the callback. text is normalized and NUL-terminated. */
typedef struct {
  const char *id;       /* JSON "id", else "FILE:LINE" for JSON lines, else the file path or "-" */
  const char *date;     /* the record's or page's date, else the reader's default (may be NULL) */
  const char *outlet, *url, *title;   /* may be NULL */
  const char *text;
  size_t n;
  const char *file;     /* where it came from, for messages */
  long line;            /* JSON lines line number, 0 otherwise */
} dyad_input_doc;

/* Called once per document; return nonzero to stop reading everything. */
typedef int (*dyad_input_fn)(const dyad_input_doc *doc, void *ctx);

typedef struct {
  int format;           /* 'a' auto, 't' text, 'h' html, 'j' jsonl */
  const char *date;     /* default date for documents without one, or NULL (today) */
  dyad_input_fn fn;
  void *ctx;
  int status;           /* worst status so far: 0, or DYAD_EINPUT after any report */
  int stop;             /* set when fn asked to stop */
} dyad_input;

/* "auto", "text", "html", "jsonl" -> 'a', 't', 'h', 'j'; 0 for anything else. */
int dyad_input_parse_format(const char *s);

/* Prints "dyad: FILE[:LINE]: msg" on stderr and sets in->status to DYAD_EINPUT. */
void dyad_input_report(dyad_input *in, const char *file, long line, const char *msg);

/* Reads one open stream to its end (format sniffed from its first bytes when 'a'). Text and HTML
 * are one document each (up to 1 GiB); JSON lines give one document per line, streamed. */
void dyad_input_stream(dyad_input *in, FILE *fp, const char *file);

/* Reads a path: "-" is standard input; a directory is walked recursively in byte order of names,
 * skipping names that start with '.'; anything unreadable is reported and skipped. */
void dyad_input_path(dyad_input *in, const char *path);
#endif
