package coach.slack.practice;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.CommandWord;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlashCommandTest {

  @Test
  void subCommandsMapToCommandWords() {
    assertThat(SlashCommand.parse("practice fraud-checkout"))
        .contains(new SlashCommand(CommandWord.PRACTICE, Optional.of("fraud-checkout")));
    assertThat(SlashCommand.parse("  Progress "))
        .contains(new SlashCommand(CommandWord.PROGRESS, Optional.empty()));
    assertThat(SlashCommand.parse("timezone Europe/Berlin"))
        .contains(new SlashCommand(CommandWord.TIMEZONE, Optional.of("Europe/Berlin")));
  }

  @Test
  void anEmptyTextIsHelp() {
    assertThat(SlashCommand.parse(""))
        .contains(new SlashCommand(CommandWord.HELP, Optional.empty()));
    assertThat(SlashCommand.parse(null))
        .contains(new SlashCommand(CommandWord.HELP, Optional.empty()));
  }

  @Test
  void unknownWordsAndArgumentsToWordsWithoutOneAreRefused() {
    assertThat(SlashCommand.parse("dance")).isEmpty();
    assertThat(SlashCommand.parse("next please")).isEmpty();
  }
}
