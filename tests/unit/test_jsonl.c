/* test_jsonl.c - unit tests for dyad_jsonl_parse (fields, numeric ids, html records, errors,
 * unicode escapes, embedded NUL, invalid UTF-8) and dyad_sniff_format. */
#include "harness.h"
#include "jsonl.h"
#include "util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static int parse(const char *line, dyad_jsonl_rec *r, char *err, size_t errcap) {
  return dyad_jsonl_parse(line, strlen(line), r, err, errcap);
}

static void test_full_record(void) {
  dyad_jsonl_rec r;
  char err[256] = "";
  const char *line = "{\"id\": \"a-1\", \"date\": \"2024-06-19\", \"url\": \"https://x.example/a\", "
                     "\"title\": \"Talks\", \"outlet\": \"Wire\", \"extra\": [1, {\"k\": null}], "
                     "\"text\": \"Officials met.\\nThey talked.\"}\r\n";
  CHECK_INT_EQ(parse(line, &r, err, sizeof err), 0);
  CHECK_STR_EQ(r.id, "a-1");
  CHECK_STR_EQ(r.date, "2024-06-19");
  CHECK_STR_EQ(r.url, "https://x.example/a");
  CHECK_STR_EQ(r.title, "Talks");
  CHECK_STR_EQ(r.outlet, "Wire");
  CHECK_MEM_EQ(r.text, r.text_n, "Officials met.\nThey talked.");
  CHECK(r.html == NULL);
  CHECK_INT_EQ(r.html_n, 0);
  dyad_jsonl_rec_free(&r);
  CHECK(r.text == NULL && r.id == NULL);
}

static void test_ids_and_html(void) {
  dyad_jsonl_rec r;
  char err[256] = "";
  CHECK_INT_EQ(parse("{\"id\": 42, \"text\": \"x\"}", &r, err, sizeof err), 0);
  CHECK_STR_EQ(r.id, "42");
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(parse("{\"id\": 2.5, \"text\": \"x\"}", &r, err, sizeof err), 0);
  CHECK_STR_EQ(r.id, "2.5");
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(parse("{\"id\": null, \"date\": 20240619, \"text\": \"x\"}", &r, err, sizeof err), 0);
  CHECK(r.id == NULL);
  CHECK(r.date == NULL);  /* only strings are taken for date */
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(parse("{\"html\": \"<p>Hi &amp; bye</p>\", \"id\": \"h\"}", &r, err, sizeof err), 0);
  CHECK(r.text == NULL);
  CHECK_MEM_EQ(r.html, r.html_n, "<p>Hi &amp; bye</p>");
  dyad_jsonl_rec_free(&r);
}

static void test_errors(void) {
  dyad_jsonl_rec r;
  char err[256] = "";
  CHECK_INT_EQ(parse("{\"id\": \"x\", \"title\": \"no body\"}", &r, err, sizeof err), -1);
  CHECK(strstr(err, "no \"text\" or \"html\" string") == err);
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(parse("{\"text\": 17}", &r, err, sizeof err), -1);
  CHECK(strstr(err, "no \"text\" or \"html\" string") != NULL);
  dyad_jsonl_rec_free(&r);

  err[0] = 0;
  CHECK_INT_EQ(parse("{\"text\": \"abc\", oops}", &r, err, sizeof err), -1);
  CHECK(strncmp(err, "not a JSON object: ", 19) == 0);
  CHECK(strstr(err, "at column 20") != NULL);  /* jansson counts to the end of the bad token */
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(parse("{\"text\": \"abc\"} trailing", &r, err, sizeof err), -1);
  CHECK(strstr(err, "not a JSON object") != NULL && strstr(err, "column") != NULL);
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(parse("[1, 2]", &r, err, sizeof err), -1);
  CHECK(strstr(err, "not a JSON object") != NULL && strstr(err, "array") != NULL);
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(dyad_jsonl_parse("", 0, &r, err, sizeof err), -1);
  CHECK(strstr(err, "not a JSON object") != NULL);
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(dyad_jsonl_parse("{\"text\":", 8, &r, NULL, 0), -1);  /* no err buffer: no crash */
  dyad_jsonl_rec_free(&r);
}

static void test_unicode(void) {
  dyad_jsonl_rec r;
  char err[256] = "";
  CHECK_INT_EQ(parse("{\"text\": \"caf\\u00e9 \\ud83d\\ude00 \\u2019\"}", &r, err, sizeof err), 0);
  CHECK_MEM_EQ(r.text, r.text_n, "caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\x99");
  dyad_jsonl_rec_free(&r);

  CHECK_INT_EQ(parse("{\"text\": \"a\\u0000b\", \"title\": \"t\"}", &r, err, sizeof err), 0);
  CHECK_INT_EQ(r.text_n, 3);
  CHECK(r.text && memcmp(r.text, "a\0b", 4) == 0);
  dyad_jsonl_rec_free(&r);

  /* a stray invalid byte does not lose the record: it becomes U+FFFD */
  CHECK_INT_EQ(parse("{\"text\": \"bad \xFF byte\"}", &r, err, sizeof err), 0);
  CHECK_MEM_EQ(r.text, r.text_n, "bad \xEF\xBF\xBD byte");
  dyad_jsonl_rec_free(&r);

  /* nesting beyond jansson's depth limit is an error, not a crash */
  size_t depth = 100000;
  char *deep = malloc(depth + 1);
  if (deep) {
    memset(deep, '[', depth);
    CHECK_INT_EQ(dyad_jsonl_parse(deep, depth, &r, err, sizeof err), -1);
    dyad_jsonl_rec_free(&r);
    free(deep);
  }
}

/* ---- the direct reader against jansson ----------------------------------------------------------
 * ref_parse reads a line the way dyad did with jansson alone (a tree per line, invalid bytes
 * repaired and the line read again); random lines built from tricky pieces must give the same
 * return, message and fields through dyad_jsonl_parse. */
static char *ref_str(json_t *o, const char *k, size_t *n) {
  json_t *v = json_object_get(o, k);
  if (!json_is_string(v)) return NULL;
  if (n) *n = json_string_length(v);
  char *p = malloc(json_string_length(v) + 1);
  memcpy(p, json_string_value(v), json_string_length(v) + 1);
  return p;
}

static int ref_parse(const char *line, size_t n, dyad_jsonl_rec *r, char *err, size_t cap) {
  memset(r, 0, sizeof *r);
  json_error_t je;
  json_t *o = json_loadb(line, n, JSON_ALLOW_NUL, &je);
  size_t bad = 0, k, fn = 0;
  for (size_t i = 0; !o && i < n; i += k ? k : 1) bad += (k = dyad_utf8_len((const unsigned char *)line + i, n - i)) == 0;
  char *fixed = bad ? dyad_utf8_repair(line, n, bad, &fn) : NULL;
  char *unpaired = o ? NULL : dyad_jsonl_unpair(fixed ? fixed : line, fixed ? fn : n);   /* tested on its own below */
  if (fixed || unpaired) o = json_loadb(unpaired ? unpaired : fixed, fixed ? fn : n, JSON_ALLOW_NUL, NULL);
  free(unpaired);
  free(fixed);
  if (!o || !json_is_object(o)) { snprintf(err, cap, "not an object"); json_decref(o); return -1; }
  json_t *id = json_object_get(o, "id");
  char buf[64];
  if (json_is_string(id)) r->id = strdup(json_string_value(id));
  else if (json_is_integer(id)) snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(id)), r->id = strdup(buf);
  else if (json_is_real(id)) snprintf(buf, sizeof buf, "%.17g", json_real_value(id)), r->id = strdup(buf);
  r->text = ref_str(o, "text", &r->text_n);
  r->html = ref_str(o, "html", &r->html_n);
  r->date = ref_str(o, "date", NULL); r->url = ref_str(o, "url", NULL);
  r->title = ref_str(o, "title", NULL); r->outlet = ref_str(o, "outlet", NULL);
  json_decref(o);
  if (!r->text && !r->html) { snprintf(err, cap, "no text"); return -1; }
  return 0;
}

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

static int same_rec(const dyad_jsonl_rec *a, const dyad_jsonl_rec *b) {
  return same_str(a->id, b->id) && same_str(a->date, b->date) && same_str(a->url, b->url) && same_str(a->title, b->title) &&
         same_str(a->outlet, b->outlet) && a->text_n == b->text_n && a->html_n == b->html_n && !a->text == !b->text &&
         !a->html == !b->html && (!a->text || !memcmp(a->text, b->text, a->text_n)) &&
         (!a->html || !memcmp(a->html, b->html, a->html_n));
}

static size_t rnd(unsigned long long *x, size_t m) {
  *x ^= *x << 13; *x ^= *x >> 7; *x ^= *x << 17;
  return (size_t)(*x % m);
}

static void test_direct_matches_jansson(void) {
  static const char *const keys[] = {"\"id\"", "\"text\"", "\"html\"", "\"date\"", "\"url\"", "\"title\"", "\"outlet\"",
                                     "\"te\\u0078t\"", "\"extra\"", "\"\\u0000\"", "\"\"", "\"tex\"", "id", "\"texts\""};
  static const char *const bits[] = {"abc", " ", "caf\xC3\xA9", "\\u00e9", "\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\u0000",
                                     "\\n", "\\/", "\\\"", "\\x", "\x01", "\xFF", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                     "\xE2\x82", "\\u12", "\\uZZZZ", "\xF0\x9F\x98\x80", "\\ud83d\\u0041", "\x7F", "\\U0041", "\xE0\x80\xAF", "\xF0\x80\x80\xAF",
                                     "0123456789abcdef", "wxyz", "\x1F", "\t"};
  static const char *const scalars[] = {"42", "-7", "0", "-0", "007", "2.5", "1e3", "123456789012345678", "1234567890123456789",
                                        "true", "false", "null", "nul", "[1]", "{\"k\":null}", "-", "4x", "\"", "tru", "99999999999999999999", "9999999999999999999"};
  static const char *const gaps[] = {"", " ", "\t", "\r\n", "\n  "};
  unsigned long long x = 0x9E3779B97F4A7C15ULL;
  int bad = 0;
#define RND(m) rnd(&x, m)
  for (int round = 0; round < 20000 && bad < 5; round++) {
    char line[1024];
    size_t n = 0;
    n += (size_t)snprintf(line + n, sizeof line - n, "%s{%s", gaps[RND(5)], gaps[RND(5)]);
    for (size_t m = RND(5); m-- > 0 && n < 700;) {
      n += (size_t)snprintf(line + n, sizeof line - n, "%s%s:%s", keys[RND(14) % (RND(3) ? 8 : 14)], gaps[RND(5)], gaps[RND(5)]);
      if (RND(3)) {
        line[n++] = '"';
        for (size_t b = RND(6); b-- > 0;) n += (size_t)snprintf(line + n, sizeof line - n, "%s", bits[RND(3) ? (RND(2) ? RND(4) : 26 + RND(2)) : RND(30)]);
        line[n++] = '"';
      } else n += (size_t)snprintf(line + n, sizeof line - n, "%s", scalars[RND(21)]);
      n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", gaps[RND(5)], m ? "," : "");
    }
    n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", RND(20) ? "}" : "", RND(20) ? gaps[RND(5)] : " x");
    dyad_jsonl_rec got, want;
    char e1[256] = "", e2[256] = "";
    int rg = dyad_jsonl_parse(line, n, &got, e1, sizeof e1), rw = ref_parse(line, n, &want, e2, sizeof e2);
    int ok = rg == rw && (rg ? (strncmp(e1, "not a JSON object", 17) == 0) == (strcmp(e2, "not an object") == 0) : same_rec(&got, &want));
    if (!ok) fprintf(stderr, "direct reader differs from jansson (%d vs %d, %s) on: %.*s\n", rg, rw, e1, (int)n, line);
    bad += !ok;
    dyad_jsonl_rec_free(&got);
    dyad_jsonl_rec_free(&want);
  }
#undef RND
  CHECK_INT_EQ(bad, 0);
}

static void test_sniff(void) {
  CHECK_INT_EQ(dyad_sniff_format("{\"text\": \"x\"}", 13), 'j');
  CHECK_INT_EQ(dyad_sniff_format("  \n\t{\"a\":1}", 11), 'j');
  CHECK_INT_EQ(dyad_sniff_format("<!DOCTYPE html><html>", 21), 'h');
  CHECK_INT_EQ(dyad_sniff_format("\xEF\xBB\xBF\n  <!doctype html>", 20), 'h');
  CHECK_INT_EQ(dyad_sniff_format("<p>Hi", 5), 'h');
  CHECK_INT_EQ(dyad_sniff_format("\r\n   <DIV class=x>text</DIV>", 28), 'h');
  CHECK_INT_EQ(dyad_sniff_format("<!-- saved --><HTML lang=en>", 28), 'h');
  CHECK_INT_EQ(dyad_sniff_format("The president said on Monday.", 29), 't');
  CHECK_INT_EQ(dyad_sniff_format("<pizza> is not a tag we know", 28), 't');
  CHECK_INT_EQ(dyad_sniff_format("   \n", 4), 't');
  CHECK_INT_EQ(dyad_sniff_format("", 0), 't');
  CHECK_INT_EQ(dyad_sniff_format("[1,2]", 5), 't');
}

/* A lone surrogate escape (broken encoders write them) costs one U+FFFD, not the record; a valid
 * pair and an escaped backslash before "ud800" stay as they are. */
static void test_lone_surrogates(void) {
  dyad_jsonl_rec r;
  char err[256];
  CHECK_INT_EQ(parse("{\"text\":\"a \\ud800 b\"}", &r, err, sizeof err), 0);
  CHECK_STR_EQ(r.text, "a \xEF\xBF\xBD b");
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(parse("{\"text\":\"x \\udc00\",\"n\":{\"y\":1}}", &r, err, sizeof err), 0);   /* nested: jansson */
  CHECK_STR_EQ(r.text, "x \xEF\xBF\xBD");
  dyad_jsonl_rec_free(&r);
  CHECK_INT_EQ(parse("{\"text\":\"\\ud83d\\ude00 \\\\ud800 \\ud800\"}", &r, err, sizeof err), 0);
  CHECK_STR_EQ(r.text, "\xF0\x9F\x98\x80 \\ud800 \xEF\xBF\xBD");
  dyad_jsonl_rec_free(&r);
  const char *pair = "{\"text\":\"\\ud83d\\ude00\"}";
  CHECK(dyad_jsonl_unpair(pair, strlen(pair)) == NULL);   /* nothing to repair */
}

int main(void) {
  test_full_record();
  test_ids_and_html();
  test_errors();
  test_unicode();
  test_lone_surrogates();
  test_direct_matches_jansson();
  test_sniff();
  return harness_done();
}
