package coach.core.clarify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShorthandTest {

  private final Shorthand shorthand =
      new Shorthand(
          Map.of(
              "yrs",
              "years",
              "tix",
              "tickets",
              "ES",
              "Elasticsearch",
              "w/",
              "with",
              "w/o",
              "without"));

  @Test
  void lowerCaseEntriesMatchInAnyCaseAndCapitalisedOnesOnlyAsWritten() {
    assertThat(shorthand.expand("3 YRS of ES logs, es gibt"))
        .isEqualTo("3 years of Elasticsearch logs, es gibt");
  }

  @Test
  void onlyWholeWordsAreSpelledOut() {
    assertThat(shorthand.expand("tix/day? mytix, tixes, tix's"))
        .isEqualTo("tickets/day? mytix, tixes, tix's");
  }

  @Test
  void entriesEndingInASymbolNeedNoBoundaryAfterThem() {
    assertThat(shorthand.expand("hist w/queue, w/o consent"))
        .isEqualTo("hist with queue, without consent");
  }

  @Test
  void anEqualsSignBetweenWordsReadsIs() {
    assertThat(shorthand.expand("success = retention? x=1")).isEqualTo("success is retention? x=1");
  }
}
