/* test_html.c - unit tests for dyad_html_extract: boilerplate removal, paragraph breaks,
 * metadata, entities, malformed and deeply nested markup, charsets, empty and garbage input. */
#include "harness.h"
#include "html.h"

#include <stdlib.h>
#include <time.h>

#define PARA1 "Officials from both countries met in Geneva on Tuesday & agreed to resume talks."
#define PARA2 "The foreign minister said the agreement \xE2\x80\x99would hold\xE2\x80\x99 if both sides kept to it."
#define PARA3 "Line one of a quote\nline two of it."

static const char PAGE[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
    "<title>Talks resume | The Example Post</title>"
    "<meta property=\"og:title\" content=\"Talks  resume in Geneva\">"
    "<meta property=\"og:site_name\" content=\"The Example Post\">"
    "<meta property=\"article:published_time\" content=\"2024-06-19T08:00:00Z\">"
    "<link rel=\"canonical\" href=\"https://post.example/world/talks\">"
    "<script>var tracking = 'script text';</script><style>p { color: red }</style></head>"
    "<body class=\"page has-comments\">"
    "<div id=\"cookie-banner\"><p>We use cookies.</p><button>Accept</button></div>"
    "<header><a href=\"/\">The Example Post</a><nav><a>World</a> <a>Sports</a></nav></header>"
    "<article><header><h1>Talks resume in Geneva</h1><p class=\"byline\">By Staff</p></header>"
    "<div class=\"share-tools\"><a>Share on X</a><a>Email</a></div>"
    "<p>Officials   from both\n countries met in <b>Geneva</b> on Tuesday &amp; agreed to resume talks.</p>"
    "<p>The foreign minister said the agreement &#8217;would hold&#8217; if both sides kept to it.</p>"
    "<blockquote>Line one of a quote<br>line two of it.</blockquote>"
    "<p hidden>Hidden paragraph.</p><p aria-hidden=\"true\">Aria hidden.</p>"
    "<aside>Related stories</aside><div class=\"newsletter\">Sign up now</div></article>"
    "<footer><p>Copyright 2024</p></footer><script>more()</script></body></html>";

/* Extracts html (NUL-terminated) and expects success. */
static int extract(const char *html, dyad_html_doc *doc) {
  char err[200] = "";
  int rc = dyad_html_extract(html, strlen(html), doc, err, sizeof err);
  CHECK_INT_EQ(rc, 0);
  if (rc != 0) fprintf(stderr, "  error: %s\n", err);
  return rc;
}

static void test_article_page(void) {
  dyad_html_doc d;
  if (extract(PAGE, &d) != 0) return;
  CHECK_MEM_EQ(d.text, d.n, "Talks resume in Geneva\n\n" PARA1 "\n\n" PARA2 "\n\n" PARA3);
  CHECK_INT_EQ(strlen(d.text), d.n);
  CHECK_STR_EQ(d.title, "Talks resume in Geneva");
  CHECK_STR_EQ(d.date, "2024-06-19");
  CHECK_STR_EQ(d.outlet, "The Example Post");
  CHECK_STR_EQ(d.url, "https://post.example/world/talks");
  dyad_html_doc_free(&d);
  CHECK(d.text == NULL);
}

/* With no <article>, the body is used, still without chrome; <title> is the fallback title and
 * the first <time datetime> the date. */
static void test_body_fallback(void) {
  dyad_html_doc d;
  const char *html =
      "<html><head><title> Short\n page </title><meta name=\"application-name\" content=\"Wire\">"
      "<meta property=\"og:url\" content=\"https://w.example/a\"></head><body>"
      "<nav>Home | World</nav><div class=\"main-menu\">Menu</div>"
      "<h2>Headline here</h2><time datetime=\"2023-02-28\">Feb 28</time>"
      "<div><p>First paragraph.</p>Loose text<div>Nested <i>block</i></div></div>"
      "<ul><li>one</li><li>two</li></ul><table><tr><td>cell a</td><td>cell b</td></tr></table>"
      "<div style=\"display: none\">invisible</div><div class=\"promo-box\">Buy now</div>"
      "<article>Too short to count.</article></body></html>";
  if (extract(html, &d) != 0) return;
  CHECK_MEM_EQ(d.text, d.n,
               "Headline here\n\nFeb 28\n\nFirst paragraph.\n\nLoose text\n\nNested block\n\n"
               "one\n\ntwo\n\ncell a\n\ncell b\n\nToo short to count.");
  CHECK_STR_EQ(d.title, "Short page");
  CHECK_STR_EQ(d.date, "2023-02-28");
  CHECK_STR_EQ(d.outlet, "Wire");
  CHECK_STR_EQ(d.url, "https://w.example/a");
  dyad_html_doc_free(&d);
}

/* Date forms and priorities: meta name=date beats a later <time>; bad dates are skipped. */
static void test_dates(void) {
  static const struct { const char *html, *want; } cases[] = {
      {"<meta name=\"date\" content=\"June 5, 2021\"><p><time datetime=\"2020-01-01\">x</time>", "2021-06-05"},
      {"<meta name=\"pubdate\" content=\"Wed, 19 Jun 2024 08:00:00 GMT\">", "2024-06-19"},
      {"<meta itemprop=\"datePublished\" content=\"20240619\">", "2024-06-19"},
      {"<meta property=\"og:published_time\" content=\"2024/02/29\">", "2024-02-29"},
      {"<meta name=\"date\" content=\"2023-02-29\"><time datetime=\"2023-03-01T10:00\">", "2023-03-01"},
      {"<span itemprop=\"datePublished\" datetime=\"1999-12-31\">then</span>", "1999-12-31"},
      {"<p>no date at all</p>", NULL}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    dyad_html_doc d;
    if (extract(cases[i].html, &d) != 0) continue;
    if (cases[i].want) CHECK_STR_EQ(d.date, cases[i].want);
    else CHECK(d.date == NULL);
    dyad_html_doc_free(&d);
  }
}

static void test_malformed(void) {
  dyad_html_doc d;
  if (extract("<div><p>Unclosed paragraph <b>bold<p>Second</div></div></span>"
              "<p>After stray closers &amp; &#8217;&eacute;&#x20AC; &nbsp; x&nbsp;", &d) != 0)
    return;
  CHECK_MEM_EQ(d.text, d.n,
               "Unclosed paragraph bold\n\nSecond\n\nAfter stray closers & \xE2\x80\x99\xC3\xA9\xE2\x82\xAC x");
  dyad_html_doc_free(&d);
}

static void test_deep_nesting(void) {
  size_t depth = 50000, k = 0;
  const char *mid = "The sentence in the middle.";
  char *html = malloc(depth * 11 + 64);
  CHECK(html != NULL);
  if (!html) return;
  for (size_t i = 0; i < depth; i++) memcpy(html + k, "<div>", 5), k += 5;
  memcpy(html + k, mid, strlen(mid)), k += strlen(mid);
  for (size_t i = 0; i < depth; i++) memcpy(html + k, "</div>", 6), k += 6;
  html[k] = 0;
  clock_t t0 = clock();
  dyad_html_doc d;
  if (extract(html, &d) == 0) {
    CHECK_MEM_EQ(d.text, d.n, mid);
    dyad_html_doc_free(&d);
  }
  html[5 * depth + strlen(mid)] = 0;  /* never closed at all */
  if (extract(html, &d) == 0) {
    CHECK_MEM_EQ(d.text, d.n, mid);
    dyad_html_doc_free(&d);
  }
  CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0);
  free(html);
}

/* Pages in other encodings and UTF-8 pages with stray bytes come out as UTF-8. */
static void test_charsets(void) {
  dyad_html_doc d;
  if (extract("<meta charset=\"windows-1252\"><p>caf\xE9 \x93quoted\x94</p>", &d) == 0) {
    CHECK_MEM_EQ(d.text, d.n, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
    dyad_html_doc_free(&d);
  }
  if (extract("<meta charset=\"iso-8859-1\"><p>caf\xC3\xA9 stray\xFF byte, caf\xC3\xA9</p>", &d) == 0) {
    CHECK_MEM_EQ(d.text, d.n, "caf\xC3\xA9 stray\xEF\xBF\xBD byte, caf\xC3\xA9");
    dyad_html_doc_free(&d);
  }
  if (extract("<p>undeclared caf\xC3\xA9</p>", &d) == 0) {
    CHECK_MEM_EQ(d.text, d.n, "undeclared caf\xC3\xA9");
    dyad_html_doc_free(&d);
  }
}

/* Documented choice: empty and all-white-space input succeed with empty text. */
static void test_empty_and_garbage(void) {
  dyad_html_doc d;
  char err[200] = "";
  CHECK_INT_EQ(dyad_html_extract("", 0, &d, err, sizeof err), 0);
  CHECK(d.text != NULL);
  CHECK_INT_EQ(d.n, 0);
  CHECK(d.title == NULL && d.date == NULL && d.outlet == NULL && d.url == NULL);
  dyad_html_doc_free(&d);
  CHECK_INT_EQ(dyad_html_extract(" \n\t ", 4, &d, err, sizeof err), 0);
  CHECK_MEM_EQ(d.text, d.n, "");
  dyad_html_doc_free(&d);

  unsigned char junk[4096];
  unsigned s = 12345;
  for (int round = 0; round < 20; round++) {
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (unsigned char)((s = s * 1103515245u + 12345u) >> 16);
    if (round % 2) memcpy(junk, "<html><body><p>", 15);
    int rc = dyad_html_extract((const char *)junk, sizeof junk, &d, err, sizeof err);
    CHECK(rc == 0 || (rc == -1 && err[0] != 0));
    if (rc == 0) CHECK_INT_EQ(strlen(d.text), d.n);
    dyad_html_doc_free(&d);
  }
  /* embedded NUL bytes */
  CHECK_INT_EQ(dyad_html_extract("<p>a\0b</p>", 10, &d, err, sizeof err), 0);
  dyad_html_doc_free(&d);
}

int main(void) {
  test_article_page();
  test_body_fallback();
  test_dates();
  test_malformed();
  test_deep_nesting();
  test_charsets();
  test_empty_and_garbage();
  return harness_done();
}
