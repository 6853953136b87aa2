package coach.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.CommandParser.Parsed;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"next", "NEXT", " next ", "/next", "next.", "<@U123BOT> next", "@coach next"})
  void aCommandWordAloneIsACommand(String text) {
    assertThat(CommandParser.parse(text))
        .isEqualTo(new Parsed.Command(CommandWord.NEXT, Optional.empty()));
  }

  @Test
  void practiceTakesAPromptId() {
    assertThat(CommandParser.parse("practice Fraud-Checkout"))
        .isEqualTo(new Parsed.Command(CommandWord.PRACTICE, Optional.of("fraud-checkout")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "skip calibration for now",
        "next I would add monitoring",
        "stop\nthe payment",
        "help me think about labels",
        "next next"
      })
  void aCommandWordInsideASentenceIsAnAnswer(String text) {
    assertThat(CommandParser.parse(text)).isInstanceOf(Parsed.Answer.class);
  }

  @Test
  void anUnknownSlashWordIsReportedNotStored() {
    assertThat(CommandParser.parse("/teleport now")).isEqualTo(new Parsed.Unknown("teleport"));
    assertThat(CommandParser.parse("/")).isEqualTo(new Parsed.Unknown("/"));
  }
}
