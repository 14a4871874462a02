/* html.h - article text and metadata out of an HTML page, through libxml2's HTML parser
 * plus our own boilerplate removal. */
#ifndef DYAD_HTML_H
#define DYAD_HTML_H
#include <stddef.h>

typedef struct {
  char *text;    /* article text: blocks separated by "\n\n", not yet normalized; never NULL on success */
  size_t n;
  char *title;   /* <title> or og:title, or NULL */
  char *date;    /* publication date as YYYY-MM-DD from meta tags or <time datetime>, or NULL */
  char *outlet;  /* og:site_name / application-name, or NULL */
  char *url;     /* canonical link or og:url, or NULL */
} dyad_html_doc;

/* Parses n bytes of HTML (any encoding libxml2 detects; malformed markup is recovered, depth is
 * unlimited via XML_PARSE_HUGE, the tree is walked without recursion). Skips script, style,
 * noscript, template, svg, iframe, nav, header, footer, aside, form, button and elements whose
 * class or id names share/social/cookie/consent/newsletter/subscribe/promo/advert/related/
 * comment/breadcrumb/menu widgets. Returns 0 and fills *out (free with dyad_html_doc_free), or
 * -1 with a message in err (errcap bytes) when nothing could be parsed. Empty or all-white-space
 * input returns 0 with text "" (n 0) and no metadata. Input that is mostly valid UTF-8 is read as
 * UTF-8 whatever it declares; other input is decoded from its meta charset (default
 * windows-1252); undecodable bytes become U+FFFD. */
int dyad_html_extract(const char *html, size_t n, dyad_html_doc *out, char *err, size_t errcap);
void dyad_html_doc_free(dyad_html_doc *doc);
#endif
