/* test_jsonl.c - unit tests for dyad_jsonl_parse (fields, numeric ids, html records, errors,
 * unicode escapes, embedded NUL, invalid UTF-8) and dyad_sniff_format. */
#include "harness.h"
#include "jsonl.h"

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

int main(void) {
  test_full_record();
  test_ids_and_html();
  test_errors();
  test_unicode();
  test_sniff();
  return harness_done();
}
