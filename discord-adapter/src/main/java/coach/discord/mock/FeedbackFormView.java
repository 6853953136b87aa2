package coach.discord.mock;

import coach.core.mock.FeedbackForm;
import coach.discord.transport.DiscordText;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The peer feedback form on Discord. A modal holds at most five text inputs, so the form is a DM
 * message instead: the concepts of the round's prompt in multi-select menus (at most 25 options a
 * menu; a menu per section, or per run of sections that fit together), each saved as it changes,
 * and a button that opens a modal with one paragraph input for the note and sends the whole. A
 * message holds five rows: forms of more than four menus continue in further messages, the button
 * under the last.
 *
 * <p>Ids: a menu is {@code peer-form:FORM:PART}, the button and the modal {@code peer-note:FORM},
 * where FORM is the core's form id ({@code SESSION:GROUP:ROUND}) and PART the menu's index. They do
 * not start with {@code mock-}, which the core's buttons do.
 */
final class FeedbackFormView {

  static final String SELECT = "peer-form";
  static final String NOTE = "peer-note";

  /** The note's text input in the modal. */
  static final String NOTE_INPUT = "note";

  /** The core keeps notes up to this long (and says so when it cuts one). */
  static final int MAX_NOTE = 1500;

  static final int MAX_OPTIONS = StringSelectMenu.OPTIONS_MAX_AMOUNT;
  static final int MAX_ROWS = Message.MAX_COMPONENT_COUNT;
  private static final int MAX_OPTION_TEXT = SelectOption.LABEL_MAX_LENGTH;
  private static final int MAX_PLACEHOLDER = StringSelectMenu.PLACEHOLDER_MAX_LENGTH;

  /** One option of a menu: a concept and the section it belongs to. */
  record Option(String conceptId, String name, String section) {}

  /** One menu: the sections it covers and its options. */
  record Part(int index, List<String> sections, List<Option> options) {
    Set<String> conceptIds() {
      return options.stream().map(Option::conceptId).collect(Collectors.toUnmodifiableSet());
    }
  }

  private FeedbackFormView() {}

  /**
   * The form's menus, in outline order: consecutive sections share a menu while their concepts fit
   * in one; a section with more than fit is split over several.
   */
  static List<Part> parts(FeedbackForm form) {
    List<List<Option>> chunks = new ArrayList<>();
    for (FeedbackForm.FormSection section : form.sections()) {
      List<Option> options =
          section.concepts().stream()
              .map(c -> new Option(c.id(), c.name(), section.title()))
              .toList();
      for (int from = 0; from < options.size(); from += MAX_OPTIONS) {
        chunks.add(options.subList(from, Math.min(options.size(), from + MAX_OPTIONS)));
      }
    }
    List<Part> parts = new ArrayList<>();
    List<Option> current = new ArrayList<>();
    for (List<Option> chunk : chunks) {
      if (current.size() + chunk.size() > MAX_OPTIONS) {
        parts.add(part(parts.size(), current));
        current = new ArrayList<>();
      }
      current.addAll(chunk);
    }
    if (!current.isEmpty()) {
      parts.add(part(parts.size(), current));
    }
    return parts;
  }

  private static Part part(int index, List<Option> options) {
    List<String> sections = options.stream().map(Option::section).distinct().toList();
    return new Part(index, sections, List.copyOf(options));
  }

  /** The part a menu id names, if the form still has it. */
  static Optional<Part> part(FeedbackForm form, int index) {
    List<Part> parts = parts(form);
    return index >= 0 && index < parts.size() ? Optional.of(parts.get(index)) : Optional.empty();
  }

  /**
   * The form as DM messages: an introduction, the menus with the saved ticks selected, and the note
   * button under the last; {@code status} (what the last change did) ends the introduction.
   */
  static List<MessageCreateData> messages(FeedbackForm form, Optional<String> status) {
    List<ActionRow> rows = new ArrayList<>();
    for (Part part : parts(form)) {
      rows.add(ActionRow.of(menu(form, part)));
    }
    rows.add(ActionRow.of(Button.primary(NOTE + ":" + form.formId(), "Add a note and send")));
    List<MessageCreateData> messages = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += MAX_ROWS) {
      List<ActionRow> batch = rows.subList(from, Math.min(rows.size(), from + MAX_ROWS));
      String text = from == 0 ? introduction(form, status) : "More of the form:";
      messages.add(
          new MessageCreateBuilder()
              .setContent(text)
              .setComponents(batch)
              .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
              .mentionRepliedUser(false)
              .build());
    }
    return messages;
  }

  /** The first message of the form, as an edit of itself with the ticks as saved. */
  static MessageEditData firstAsEdit(FeedbackForm form, Optional<String> status) {
    return MessageEditData.fromCreateData(messages(form, status).get(0));
  }

  private static String introduction(FeedbackForm form, Optional<String> status) {
    String text =
        "**Feedback for "
            + MarkdownSanitizer.escape(form.candidateName())
            + " on "
            + MarkdownSanitizer.escape(form.promptTitle())
            + "**\nIn each menu, tick what they covered; it saves as you go. Then press **Add a"
            + " note and send**: the note and the ticks go to them and count in their progress.";
    return DiscordText.truncate(
        status.map(s -> text + "\n\n" + s).orElse(text), Message.MAX_CONTENT_LENGTH);
  }

  private static StringSelectMenu menu(FeedbackForm form, Part part) {
    StringSelectMenu.Builder menu =
        StringSelectMenu.create(SELECT + ":" + form.formId() + ":" + part.index())
            .setPlaceholder(
                DiscordText.truncate(
                    String.join(", ", part.sections()) + ": what did they cover?", MAX_PLACEHOLDER))
            .setRequiredRange(0, part.options().size());
    for (Option option : part.options()) {
      menu.addOptions(
          SelectOption.of(DiscordText.truncate(option.name(), MAX_OPTION_TEXT), option.conceptId())
              .withDescription(DiscordText.truncate(option.section(), MAX_OPTION_TEXT))
              .withDefault(form.checked().contains(option.conceptId())));
    }
    return menu.build();
  }

  /** The note form: one optional paragraph. */
  static Modal noteForm(String formId) {
    TextInput note =
        TextInput.create(NOTE_INPUT, TextInputStyle.PARAGRAPH)
            .setRequired(false)
            .setMaxLength(MAX_NOTE)
            .setPlaceholder("What went well, what to practise next.")
            .build();
    return Modal.create(NOTE + ":" + formId, "Your feedback")
        .addComponents(
            Label.of(
                "A note for them (optional)",
                "Sent with your ticks; it's all they see of you here.",
                note))
        .build();
  }

  /** The form id in a menu id {@code peer-form:FORM:PART}; the part index after it. */
  static Optional<MenuId> menuId(String customId) {
    if (!customId.startsWith(SELECT + ":")) {
      return Optional.empty();
    }
    String rest = customId.substring(SELECT.length() + 1);
    int colon = rest.lastIndexOf(':');
    if (colon < 0 || !rest.substring(colon + 1).matches("\\d{1,2}")) {
      return Optional.empty();
    }
    return Optional.of(
        new MenuId(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1))));
  }

  /** A menu's form id and part index. */
  record MenuId(String formId, int part) {}

  /** The form id in a button or modal id {@code peer-note:FORM}. */
  static Optional<String> noteFormId(String customId) {
    return customId.startsWith(NOTE + ":")
        ? Optional.of(customId.substring(NOTE.length() + 1))
        : Optional.empty();
  }
}
