/* jsonl.c - one JSON lines input record parsed with jansson (embedded NUL kept, lengths kept),
 * and the format sniffer that tells JSON lines, HTML and plain text apart. */
#include "alloc.h"
#include "jsonl.h"
#include "util.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNIFF_WINDOW 1024  /* bytes after leading white space that the sniffer looks at */

static void set_err(char *err, size_t errcap, const char *fmt, ...) {
  if (!err || errcap == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errcap, fmt, ap);
  va_end(ap);
}

/* jansson rejects a whole line over one bad byte; a copy with each invalid UTF-8 byte replaced
 * by U+FFFD lets the record through. Returns NULL when the line is valid or memory runs out. */
static char *repair_utf8(const char *line, size_t n, size_t *out_n) {
  const unsigned char *s = (const unsigned char *)line;
  size_t bad = 0, k;
  for (size_t i = 0; i < n; i += k ? k : 1) bad += (k = dyad_utf8_len(s + i, n - i)) == 0;
  return bad ? dyad_utf8_repair(line, n, bad, out_n) : NULL;
}

/* A malloc'ed NUL-terminated copy of k bytes (which may contain NUL). */
static char *dup_mem(const char *s, size_t k) {
  char *p = dyad_malloc(k + 1);
  if (!p) return NULL;
  memcpy(p, s, k);
  p[k] = 0;
  return p;
}

/* Copies the string member key of obj, with its length in *len (len may be NULL). */
static char *get_string(json_t *obj, const char *key, size_t *len) {
  json_t *v = json_object_get(obj, key);
  if (!json_is_string(v)) return NULL;
  if (len) *len = json_string_length(v);
  return dup_mem(json_string_value(v), json_string_length(v));
}

/* "id" as text: strings as they are, integers and reals printed; other types give NULL. */
static char *get_id(json_t *obj) {
  json_t *v = json_object_get(obj, "id");
  char buf[64];
  if (json_is_string(v)) return dup_mem(json_string_value(v), strlen(json_string_value(v)));
  if (json_is_integer(v)) snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
  else if (json_is_real(v)) snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
  else return NULL;
  return dup_mem(buf, strlen(buf));
}

/* Was key a string in obj whose copy failed (out of memory)? */
static int lost_copy(json_t *obj, const char *key, const char *copy) {
  return json_is_string(json_object_get(obj, key)) && !copy;
}

static const char *type_name(const json_t *v) {
  switch (json_typeof(v)) {
  case JSON_ARRAY: return "an array";
  case JSON_STRING: return "a string";
  case JSON_INTEGER: case JSON_REAL: return "a number";
  case JSON_TRUE: case JSON_FALSE: return "a boolean";
  default: return "null";
  }
}

static json_t *load(const char *line, size_t n, char *err, size_t errcap) {
  json_error_t je;
  json_t *root = json_loadb(line, n, JSON_ALLOW_NUL, &je);
  if (!root) {
    size_t fixed_n = 0;
    char *fixed = repair_utf8(line, n, &fixed_n);
    if (fixed) root = json_loadb(fixed, fixed_n, JSON_ALLOW_NUL, NULL);
    free(fixed);
  }
  if (!root) {
    set_err(err, errcap, "not a JSON object: %s at column %d (each line must hold one JSON object)",
            je.text, je.column);
    return NULL;
  }
  if (!json_is_object(root)) {
    set_err(err, errcap, "not a JSON object: the line holds %s; give each record as {\"text\": ...}",
            type_name(root));
    json_decref(root);
    return NULL;
  }
  return root;
}

int dyad_jsonl_parse(const char *line, size_t n, dyad_jsonl_rec *out, char *err, size_t errcap) {
  memset(out, 0, sizeof *out);
  if (err && errcap) err[0] = 0;
  json_t *root = load(line ? line : "", line ? n : 0, err, errcap);
  if (!root) return -1;
  out->id = get_id(root);
  out->text = get_string(root, "text", &out->text_n);
  out->html = get_string(root, "html", &out->html_n);
  out->date = get_string(root, "date", NULL);
  out->url = get_string(root, "url", NULL);
  out->title = get_string(root, "title", NULL);
  out->outlet = get_string(root, "outlet", NULL);
  int has_text = json_is_string(json_object_get(root, "text"));
  int has_html = json_is_string(json_object_get(root, "html"));
  json_t *id = json_object_get(root, "id");
  int lost = ((json_is_string(id) || json_is_number(id)) && !out->id) || lost_copy(root, "date", out->date) ||
             lost_copy(root, "url", out->url) || lost_copy(root, "title", out->title) ||
             lost_copy(root, "outlet", out->outlet);
  json_decref(root);
  if (!has_text && !has_html) {
    set_err(err, errcap, "no \"text\" or \"html\" string: give the record its article as \"text\" or \"html\"");
    return -1;
  }
  if (lost || (has_text && !out->text) || (has_html && !out->html)) {
    set_err(err, errcap, "out of memory copying a record of %zu bytes: free memory or split the input", n);
    return -1;
  }
  return 0;
}

void dyad_jsonl_rec_free(dyad_jsonl_rec *rec) {
  if (!rec) return;
  free(rec->id);
  free(rec->text);
  free(rec->html);
  free(rec->date);
  free(rec->url);
  free(rec->title);
  free(rec->outlet);
  memset(rec, 0, sizeof *rec);
}

/* Does s (k bytes) start with the lowercase tag t, case-insensitively, followed by a byte that
 * ends a tag name (or the end of the buffer)? */
static int tag_at(const char *s, size_t k, const char *t) {
  size_t i = 0;
  for (; t[i]; i++) {
    char c = i < k ? s[i] : 0;
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != t[i]) return 0;
  }
  return i >= k || s[i] == '>' || s[i] == '/' || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
         s[i] == '\r' || s[i] == '\f';
}

int dyad_sniff_format(const char *buf, size_t n) {
  static const char *const TAGS[] = {"<!doctype", "<html", "<head", "<body", "<p", "<div", "<article", NULL};
  size_t i = 0;
  if (!buf) return 't';
  if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\f')) i++;
  if (i < n && buf[i] == '{') return 'j';
  size_t end = n - i > SNIFF_WINDOW ? i + SNIFF_WINDOW : n;
  for (size_t j = i; j < end; j++) {
    if (buf[j] != '<') continue;
    for (const char *const *t = TAGS; *t; t++)
      if (tag_at(buf + j, end - j, *t)) return 'h';
  }
  return 't';
}
