package coach.discord.daily;

import coach.core.daily.PromptDraft;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The custom-prompt sub-commands of {@code /coach}, as in the channels contract: {@code /coach
 * prompt add} (opens the prompt form), {@code /coach prompt list} and {@code /coach prompt remove
 * id:}. {@code list} and {@code remove} become the words the core reads after {@code prompt}; the
 * form's fields become a {@link PromptDraft}.
 */
public final class PromptCommandOptions {

  public static final String GROUP = "prompt";

  /** The prompt form's modal id. */
  static final String FORM = "prompt-add";

  static final String TITLE = "title";
  static final String SCENARIO = "scenario";
  static final String FACTS = "facts";
  static final String CONCEPTS = "concepts";

  private static final int MAX_FACTS = 1000;
  private static final int MAX_CONCEPTS = 400;

  private PromptCommandOptions() {}

  /** {@code /coach prompt ...}. */
  public static SubcommandGroupData group() {
    return new SubcommandGroupData(GROUP, "Your team's own design scenarios")
        .addSubcommands(
            new SubcommandData(
                "add", "Add a scenario (organisers) or suggest one for an organiser to approve"),
            new SubcommandData("list", "This server's own prompts"),
            new SubcommandData("remove", "Remove one of this server's prompts (organisers)")
                .addOptions(
                    new OptionData(
                        OptionType.STRING, "id", "The prompt's id, e.g. custom-1a2b3c4d", true)));
  }

  /**
   * The words after {@code prompt} that the core reads for {@code list} and {@code remove} ({@code
   * option} gives an option's value by name).
   */
  static String requestText(String subcommand, Function<String, Optional<String>> option) {
    if ("remove".equals(subcommand)) {
      return "remove " + option.apply("id").orElse("").replaceAll("\\s+", "");
    }
    return "list";
  }

  /** The prompt form: a title, the scenario, and optional interviewer facts and key concepts. */
  static Modal form() {
    TextInput title =
        TextInput.create(TITLE, TextInputStyle.SHORT)
            .setRequired(true)
            .setRequiredRange(3, PromptDraft.MAX_TITLE)
            .setPlaceholder("Empty bike docks")
            .build();
    TextInput scenario =
        TextInput.create(SCENARIO, TextInputStyle.PARAGRAPH)
            .setRequired(true)
            .setRequiredRange(PromptDraft.MIN_SCENARIO, PromptDraft.MAX_SCENARIO)
            .setPlaceholder("Who the users are and what the system should decide.")
            .build();
    TextInput facts =
        TextInput.create(FACTS, TextInputStyle.PARAGRAPH)
            .setRequired(false)
            .setMaxLength(MAX_FACTS)
            .setPlaceholder("scale: 800 stations; labels: a dock is empty when it has 0 bikes")
            .build();
    TextInput concepts =
        TextInput.create(CONCEPTS, TextInputStyle.SHORT)
            .setRequired(false)
            .setMaxLength(MAX_CONCEPTS)
            .setPlaceholder("data.label_delay, metrics.offline")
            .build();
    return Modal.create(FORM, "A design prompt of your own")
        .addComponents(
            Label.of("Title", title),
            Label.of("Scenario", "The brief a candidate reads first.", scenario),
            Label.of(
                "Interviewer facts (optional)",
                "topic: fact, one a line: scale, latency, labels, data, privacy...",
                facts),
            Label.of("Key concepts (optional)", "Outline ids or names, by commas.", concepts))
        .build();
  }
}
