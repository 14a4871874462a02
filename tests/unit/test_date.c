/* test_date.c - unit tests for date arithmetic (weekdays, leap years, differences, parse and
 * format) and for finding and resolving date expressions in text. */
#include "harness.h"
#include "date.h"

#include <stdlib.h>
#include <time.h>

static const dyad_date REF = {2024, 6, 19}; /* a Wednesday */

static void check_date(dyad_date d, const char *want) {
  char buf[11];
  dyad_date_format(d, buf);
  CHECK_STR_EQ(buf, want);
}

static void test_arithmetic(void) {
  CHECK_INT_EQ(dyad_date_weekday(REF), 2);
  CHECK_INT_EQ(dyad_date_weekday((dyad_date){1970, 1, 1}), 3);
  CHECK_INT_EQ(dyad_date_weekday((dyad_date){2000, 2, 29}), 1);
  CHECK_INT_EQ(dyad_date_weekday((dyad_date){1900, 1, 1}), 0);
  check_date(dyad_date_add_days((dyad_date){2024, 2, 28}, 2), "2024-03-01");
  check_date(dyad_date_add_days((dyad_date){2024, 2, 28}, 1), "2024-02-29");
  check_date(dyad_date_add_days((dyad_date){2023, 2, 28}, 1), "2023-03-01");
  check_date(dyad_date_add_days((dyad_date){1900, 2, 28}, 1), "1900-03-01");
  check_date(dyad_date_add_days((dyad_date){2000, 2, 28}, 1), "2000-02-29");
  check_date(dyad_date_add_days((dyad_date){2024, 1, 1}, -1), "2023-12-31");
  check_date(dyad_date_add_days((dyad_date){2024, 3, 1}, -366), "2023-03-01");
  check_date(dyad_date_add_days((dyad_date){1969, 12, 31}, 1), "1970-01-01");
  CHECK_INT_EQ(dyad_date_diff((dyad_date){2000, 1, 1}, REF), 8936);
  CHECK_INT_EQ(dyad_date_diff(REF, (dyad_date){2000, 1, 1}), -8936);
  CHECK_INT_EQ(dyad_date_diff((dyad_date){2023, 1, 1}, (dyad_date){2024, 1, 1}), 365);
  CHECK_INT_EQ(dyad_date_diff((dyad_date){2024, 1, 1}, (dyad_date){2025, 1, 1}), 366);
  CHECK_INT_EQ(dyad_date_diff((dyad_date){1600, 1, 1}, (dyad_date){2000, 1, 1}), 146097);
  /* unknown month and day count as the first */
  CHECK_INT_EQ(dyad_date_diff((dyad_date){2024, 0, 0}, (dyad_date){2024, 1, 1}), 0);

  /* every day from 1890 to 2110 round-trips and advances by one */
  dyad_date d = {1890, 1, 1};
  long base = dyad_date_diff((dyad_date){1970, 1, 1}, d);
  int ok = 1;
  for (int i = 0; i < 80000; i++) {
    dyad_date nx = dyad_date_add_days(d, 1);
    if (dyad_date_diff(d, nx) != 1 || dyad_date_diff((dyad_date){1970, 1, 1}, nx) != base + i + 1) ok = 0;
    if (dyad_date_weekday(nx) != (dyad_date_weekday(d) + 1) % 7) ok = 0;
    d = nx;
  }
  CHECK(ok);
}

static void test_parse_format(void) {
  dyad_date d;
  char buf[11];
  CHECK_INT_EQ(dyad_date_parse("2024-06-19", 10, &d), 0);
  dyad_date_format(d, buf);
  CHECK_STR_EQ(buf, "2024-06-19");
  CHECK_INT_EQ(dyad_date_parse("2024-06-19T08:00:00Z", 20, &d), 0);
  CHECK(d.y == 2024 && d.m == 6 && d.d == 19);
  CHECK_INT_EQ(dyad_date_parse("1999/12/31", 10, &d), 0);
  CHECK(d.y == 1999 && d.m == 12 && d.d == 31);
  CHECK_INT_EQ(dyad_date_parse("2024-02-30", 10, &d), -1);
  CHECK_INT_EQ(dyad_date_parse("2023-02-29", 10, &d), -1);
  CHECK_INT_EQ(dyad_date_parse("2024-13-01", 10, &d), -1);
  CHECK_INT_EQ(dyad_date_parse("2024-06-1", 9, &d), -1);
  CHECK_INT_EQ(dyad_date_parse("2024-06/19", 10, &d), -1);
  CHECK_INT_EQ(dyad_date_parse("2024-06-19x", 11, &d), -1);
  CHECK_INT_EQ(dyad_date_parse(NULL, 0, &d), -1);
  dyad_date_format((dyad_date){2019, 0, 0}, buf);
  CHECK_STR_EQ(buf, "2019-01-01");
  dyad_date_format((dyad_date){812, 3, 0}, buf);
  CHECK_STR_EQ(buf, "0812-03-01");
}

static size_t find(const char *text, int tense, dyad_date_hit *h, size_t cap) {
  return dyad_dates_find(text, strlen(text), REF, tense, h, cap);
}

/* Finds exactly one hit in text and checks its words, date, precision and historical flag. */
static void check_one(const char *text, int tense, const char *words, const char *date, int prec,
                      int hist) {
  dyad_date_hit h[4];
  size_t n = find(text, tense, h, 4);
  CHECK_INT_EQ(n, 1);
  if (n != 1) {
    fprintf(stderr, "  in: %s\n", text);
    return;
  }
  CHECK_MEM_EQ(text + h[0].start, h[0].end - h[0].start, words);
  check_date(h[0].date, date);
  CHECK_INT_EQ(h[0].precision, prec);
  CHECK_INT_EQ(h[0].historical, hist);
}

static void test_months(void) {
  dyad_date_hit h[4];
  const char *t = "In March, a veto ended oversight";
  CHECK_INT_EQ(find(t, -1, h, 4), 1);
  CHECK_INT_EQ(h[0].start, 3);
  CHECK_INT_EQ(h[0].end, 8);
  check_one(t, -1, "March", "2024-03-01", DYAD_PREC_MONTH, 0);
  check_one(t, 0, "March", "2024-03-01", DYAD_PREC_MONTH, 0);
  check_one(t, 1, "March", "2025-03-01", DYAD_PREC_MONTH, 0);
  check_one("talks resumed in September", -1, "September", "2023-09-01", DYAD_PREC_MONTH, 0);
  check_one("talks resume in September", 1, "September", "2024-09-01", DYAD_PREC_MONTH, 0);
  check_one("since June the army has waited", -1, "June", "2024-06-01", DYAD_PREC_MONTH, 0);
  check_one("He came last March.", 0, "last March", "2024-03-01", DYAD_PREC_MONTH, 0);
  check_one("He comes next March.", 0, "next March", "2025-03-01", DYAD_PREC_MONTH, 0);
  check_one("fighting in mid-March", -1, "mid-March", "2024-03-01", DYAD_PREC_MONTH, 0);
  check_one("the election in March 2019", 0, "March 2019", "2019-03-01", DYAD_PREC_MONTH, 1);
  /* capitals are required; "may" needs a number or a preposition */
  CHECK_INT_EQ(find("they may meet", -1, h, 4), 0);
  CHECK_INT_EQ(find("We march on", -1, h, 4), 0);
  CHECK_INT_EQ(find("May I ask? March on Washington! An August body", -1, h, 4), 0);
  CHECK_INT_EQ(find("in march", -1, h, 4), 0);
  check_one("in May they met", -1, "May", "2024-05-01", DYAD_PREC_MONTH, 0);
  check_one("the May 5 meeting", -1, "May 5", "2024-05-05", DYAD_PREC_DAY, 0);
  check_one("the May 5 meeting", 0, "May 5", "2024-05-05", DYAD_PREC_DAY, 0);
  check_one("the May 5 meeting", 1, "May 5", "2025-05-05", DYAD_PREC_DAY, 0);
  check_one("on June 19 troops", 1, "June 19", "2024-06-19", DYAD_PREC_DAY, 0);
}

static void test_explicit_dates(void) {
  check_one("On June 5, 2023, the talks failed", -1, "June 5, 2023", "2023-06-05", DYAD_PREC_DAY, 1);
  check_one("signed 19 June 2024 in Hanoi", 0, "19 June 2024", "2024-06-19", DYAD_PREC_DAY, 0);
  check_one("the 5th of June", -1, "5th of June", "2024-06-05", DYAD_PREC_DAY, 0);
  check_one("on Jan. 5 he left", -1, "Jan. 5", "2024-01-05", DYAD_PREC_DAY, 0);
  check_one("on Sept. 11, 2001.", 0, "Sept. 11, 2001", "2001-09-11", DYAD_PREC_DAY, 1);
  check_one("by Dec 2025", 0, "Dec 2025", "2025-12-01", DYAD_PREC_MONTH, 0);
  check_one("filed 2023-11-02T10:00Z here", 0, "2023-11-02", "2023-11-02", DYAD_PREC_DAY, 0);
  check_one("Published Monday, June 17, 2024", 0, "Monday, June 17, 2024", "2024-06-17", DYAD_PREC_DAY, 0);
  dyad_date_hit h[2];
  CHECK_INT_EQ(find("June 31 is no day; Jan Smith spoke", -1, h, 2), 0);
}

static void test_weekdays_and_relative(void) {
  check_one("leave for Vietnam on Wednesday evening", 1, "Wednesday", "2024-06-19", DYAD_PREC_DAY, 0);
  check_one("left on Wednesday", -1, "Wednesday", "2024-06-19", DYAD_PREC_DAY, 0);
  check_one("met on Friday", -1, "Friday", "2024-06-14", DYAD_PREC_DAY, 0);
  check_one("meets on Friday", 1, "Friday", "2024-06-21", DYAD_PREC_DAY, 0);
  check_one("on Friday", 0, "Friday", "2024-06-21", DYAD_PREC_DAY, 0);
  check_one("on Monday", 0, "Monday", "2024-06-17", DYAD_PREC_DAY, 0);
  check_one("said last Wednesday", 0, "last Wednesday", "2024-06-12", DYAD_PREC_DAY, 0);
  check_one("by next Monday", 0, "next Monday", "2024-06-24", DYAD_PREC_DAY, 0);
  check_one("fighting last week", -1, "last week", "2024-06-12", DYAD_PREC_DAY, 0);
  check_one("fighting yesterday", -1, "yesterday", "2024-06-18", DYAD_PREC_DAY, 0);
  check_one("Tomorrow they vote", 1, "Tomorrow", "2024-06-20", DYAD_PREC_DAY, 0);
  check_one("talks today", 0, "today", "2024-06-19", DYAD_PREC_DAY, 0);
  check_one("since last month", -1, "last month", "2024-05-01", DYAD_PREC_MONTH, 0);
  check_one("next year", 1, "next year", "2025-01-01", DYAD_PREC_YEAR, 0);
  check_one("3 days ago", -1, "3 days ago", "2024-06-16", DYAD_PREC_DAY, 0);
  check_one("it was two weeks ago", -1, "two weeks ago", "2024-06-05", DYAD_PREC_DAY, 0);
  check_one("seven months ago", -1, "seven months ago", "2023-11-01", DYAD_PREC_MONTH, 0);
  check_one("a year ago", -1, "a year ago", "2023-01-01", DYAD_PREC_YEAR, 0);
  check_one("twelve years ago", -1, "twelve years ago", "2012-01-01", DYAD_PREC_YEAR, 1);
  dyad_date_hit h[2];
  CHECK_INT_EQ(find("on friday the sunday paper", -1, h, 2), 0);
}

static void test_years_and_eras(void) {
  check_one("the war in 2019 ended", -1, "2019", "2019-01-01", DYAD_PREC_YEAR, 1);
  check_one("the deal of 2023", -1, "2023", "2023-01-01", DYAD_PREC_YEAR, 0);
  check_one("It ended in 1998, he said.", -1, "1998", "1998-01-01", DYAD_PREC_YEAR, 1);
  check_one("That was 2005.", -1, "2005", "2005-01-01", DYAD_PREC_YEAR, 1);
  check_one("during World War II, he said", -1, "World War II", "1939-01-01", DYAD_PREC_YEAR, 1);
  check_one("since World War I", -1, "World War I", "1914-01-01", DYAD_PREC_YEAR, 1);
  check_one("the Second World War", -1, "Second World War", "1939-01-01", DYAD_PREC_YEAR, 1);
  check_one("after the Korean War", -1, "Korean War", "1950-01-01", DYAD_PREC_YEAR, 1);
  check_one("since the Cold War", -1, "Cold War", "1947-01-01", DYAD_PREC_YEAR, 1);
  check_one("the Vietnam War", -1, "Vietnam War", "1955-01-01", DYAD_PREC_YEAR, 1);
  check_one("the Gulf War", -1, "Gulf War", "1990-01-01", DYAD_PREC_YEAR, 1);
  check_one("in Soviet times", -1, "Soviet times", "1922-01-01", DYAD_PREC_YEAR, 1);
  check_one("a Soviet-era tank", -1, "Soviet-era", "1922-01-01", DYAD_PREC_YEAR, 1);
  dyad_date_hit h[2];
  CHECK_INT_EQ(find("a new Cold War; the Soviet Union; 2019 people; 2019.5 units; 1950s", -1, h, 2), 0);
}

static void test_order_cap_and_limits(void) {
  dyad_date_hit h[8];
  const char *t = "On Monday, after the Korean War talks in 2019, they met yesterday and on June 5.";
  CHECK_INT_EQ(find(t, -1, h, 8), 5);
  CHECK_MEM_EQ(t + h[0].start, h[0].end - h[0].start, "Monday");
  CHECK_MEM_EQ(t + h[1].start, h[1].end - h[1].start, "Korean War");
  CHECK_MEM_EQ(t + h[2].start, h[2].end - h[2].start, "2019");
  CHECK_MEM_EQ(t + h[3].start, h[3].end - h[3].start, "yesterday");
  CHECK_MEM_EQ(t + h[4].start, h[4].end - h[4].start, "June 5");
  for (int i = 1; i < 5; i++) CHECK(h[i].start >= h[i - 1].end);
  /* cap respected, full count returned */
  memset(h, 0x5a, sizeof h);
  CHECK_INT_EQ(find(t, -1, h, 2), 5);
  CHECK_MEM_EQ(t + h[1].start, h[1].end - h[1].start, "Korean War");
  CHECK_INT_EQ(h[2].start, 0x5a5a5a5a5a5a5a5aull);
  CHECK_INT_EQ(find(t, -1, NULL, 0), 5);
  CHECK_INT_EQ(find("", -1, h, 8), 0);
  CHECK_INT_EQ(dyad_dates_find(NULL, 0, REF, 0, h, 8), 0);
  /* a truncated expression at the end of the text */
  CHECK_INT_EQ(dyad_dates_find("on June 1", 7, REF, 0, h, 8), 0);
  CHECK_INT_EQ(find("\xff\xfe March \xc3 May", 0, h, 8), 0);

  size_t n = 1u << 20;
  char *big = malloc(n + 1);
  for (size_t i = 0; i < n; i++) big[i] = "the army moved 12 tanks, Ma may. "[i % 33];
  big[n] = 0;
  clock_t t0 = clock();
  CHECK_INT_EQ(dyad_dates_find(big, n, REF, -1, h, 8), 0);
  CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 0.5);
  free(big);
}

/* Opening words in any case and of every list pass can_start's compile-time filter. */
static void test_opening_words_any_case(void) {
  check_one("ELEVEN days ago, they met", -1, "ELEVEN days ago", "2024-06-08", DYAD_PREC_DAY, 0);
  check_one("two WEEKS ago", -1, "two WEEKS ago", "2024-06-05", DYAD_PREC_DAY, 0);
  check_one("talks end TONIGHT", 0, "TONIGHT", "2024-06-19", DYAD_PREC_DAY, 0);
  check_one("since WWII", -1, "WWII", "1939-01-01", DYAD_PREC_YEAR, 1);
  check_one("since ww2", -1, "ww2", "1939-01-01", DYAD_PREC_YEAR, 1);
  check_one("on SEPT 11, 2001", -1, "SEPT 11, 2001", "2001-09-11", DYAD_PREC_DAY, 1);
  check_one("on WEDNESDAY", -1, "WEDNESDAY", "2024-06-19", DYAD_PREC_DAY, 0);
  check_one("in DECEMBER", -1, "DECEMBER", "2023-12-01", DYAD_PREC_MONTH, 0);
  dyad_date_hit h[2];
  CHECK_INT_EQ(find("the thirteen tomorrows of monday and may", -1, h, 2), 0);
}

int main(void) {
  test_arithmetic();
  test_parse_format();
  test_months();
  test_explicit_dates();
  test_weekdays_and_relative();
  test_years_and_eras();
  test_opening_words_any_case();
  test_order_cap_and_limits();
  return harness_done();
}
