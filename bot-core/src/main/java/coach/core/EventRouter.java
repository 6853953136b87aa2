package coach.core;

import coach.core.chat.CommandHandler;
import coach.core.chat.CommandParser;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Turn;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.daily.DailyPrompts;
import coach.core.practice.PracticeService;
import coach.core.privacy.PrivacyService;
import coach.core.progress.ProgressService;
import coach.core.text.UserText;
import coach.core.user.UserStore;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes one inbound event to what answers it: a chat command to its handler, a button to its
 * action, anything else to the practice session as an answer. Runs inside the event's transaction;
 * keeps no state of its own.
 */
final class EventRouter {

  private final Curriculum curriculum;
  private final PracticeService practice;
  private final ProgressService progress;
  private final PrivacyService privacy;
  private final UserStore users;
  private final Map<CommandWord, CommandHandler> commands;

  EventRouter(
      Curriculum curriculum,
      PracticeService practice,
      ProgressService progress,
      PrivacyService privacy,
      UserStore users) {
    this.curriculum = curriculum;
    this.practice = practice;
    this.progress = progress;
    this.privacy = privacy;
    this.users = users;
    this.commands = routes();
  }

  private Map<CommandWord, CommandHandler> routes() {
    Map<CommandWord, CommandHandler> routes = new EnumMap<>(CommandWord.class);
    routes.put(CommandWord.HELP, (turn, arg) -> help());
    routes.put(CommandWord.PROMPTS, (turn, arg) -> prompts());
    routes.put(CommandWord.PRACTICE, practice::start);
    routes.put(CommandWord.NEXT, (turn, arg) -> practice.next(turn));
    routes.put(CommandWord.SKIP, (turn, arg) -> practice.skip(turn));
    routes.put(CommandWord.HINT, (turn, arg) -> practice.hint(turn));
    routes.put(CommandWord.BACK, (turn, arg) -> practice.back(turn));
    routes.put(CommandWord.PAUSE, (turn, arg) -> practice.pause(turn));
    routes.put(CommandWord.RESUME, (turn, arg) -> practice.resume(turn));
    routes.put(CommandWord.STOP, (turn, arg) -> practice.stop(turn));
    routes.put(CommandWord.CLAIM, practice::claim);
    routes.put(CommandWord.CONTEST, practice::contest);
    routes.put(CommandWord.PROGRESS, progress::progress);
    routes.put(CommandWord.EXPORT, (turn, arg) -> privacy.export(turn));
    routes.put(CommandWord.FORGET, privacy::forget);
    routes.put(CommandWord.TIMEZONE, this::timezone);
    for (CommandWord word : CommandWord.values()) {
      if (!routes.containsKey(word)) {
        throw new IllegalStateException("no handler for the command word " + word.word());
      }
    }
    return routes;
  }

  /**
   * Work for {@code event} that needs no transaction, done before it: an answer is graded ahead
   * (see {@link PracticeService#prepareAnswer}). Reads on {@code reader}; changes nothing.
   */
  void prepare(org.jdbi.v3.core.Handle reader, Inbound event) {
    if (!(event instanceof Inbound.Message message)) {
      return;
    }
    UserText.Cleaned text = UserText.clean(message.text());
    if (!text.isEmpty()
        && CommandParser.parse(text.text()) instanceof CommandParser.Parsed.Answer) {
      practice.prepareAnswer(reader, event.sender().id(), text);
    }
  }

  /** The reply to one event, within its transaction ({@code turn}). */
  Reply route(Turn turn, Inbound event) {
    if (event instanceof Inbound.Command command) {
      return commands.get(command.word()).handle(turn, command.argument());
    }
    if (event instanceof Inbound.Choice choice) {
      return routeChoice(turn, choice.actionId());
    }
    if (event instanceof Inbound.Edit edit) {
      return practice.edit(turn, edit.editedEventId(), UserText.clean(edit.text()));
    }
    return routeMessage(turn, ((Inbound.Message) event).text());
  }

  private Reply routeMessage(Turn turn, String raw) {
    UserText.Cleaned text = UserText.clean(raw);
    if (text.isEmpty()) {
      return Reply.text(
          "That message was empty. Type your answer, or say `help` for the commands.");
    }
    CommandParser.Parsed parsed = CommandParser.parse(text.text());
    if (parsed instanceof CommandParser.Parsed.Command command) {
      return commands.get(command.word()).handle(turn, command.argument());
    }
    if (parsed instanceof CommandParser.Parsed.Unknown unknown) {
      return Reply.text(
          "`/"
              + safeWord(unknown.word())
              + "` isn't a command I know. Say `help` to see what I understand.");
    }
    return practice.answer(turn, text);
  }

  /**
   * Buttons carry {@code practice:WORD}, {@code practice:start:PROMPT}, a daily post's {@code
   * daily-practice:PROMPT} or the forget action.
   */
  private Reply routeChoice(Turn turn, String actionId) {
    if (actionId.equals(PrivacyService.FORGET_ACTION)) {
      return privacy.forget(turn, Optional.of(PrivacyService.CONFIRM_WORD));
    }
    String[] parts = actionId.split(":", 3);
    if (parts.length == 2 && parts[0].equals(DailyPrompts.PRACTICE_ACTION)) {
      // A daily post's Practise in DM button: a practice session on that post's prompt.
      return practice.start(turn, Optional.of(parts[1]));
    }
    if (parts.length == 3 && parts[0].equals("practice") && parts[1].equals("start")) {
      return practice.start(turn, Optional.of(parts[2]));
    }
    if (parts.length == 3 && parts[0].equals("practice") && parts[1].equals("claim")) {
      return practice.claim(turn, Optional.of(parts[2]));
    }
    if (parts.length == 2 && parts[0].equals("practice")) {
      Optional<CommandWord> word = CommandWord.of(parts[1]);
      if (word.isPresent()) {
        return commands.get(word.get()).handle(turn, Optional.empty());
      }
    }
    return Reply.text("That button doesn't do anything any more. Say `help` to see the commands.");
  }

  private Reply help() {
    List<String> lines = new ArrayList<>();
    for (CommandWord word : CommandWord.values()) {
      lines.add("`" + word.word() + "`: " + word.description());
    }
    return Reply.builder()
        .heading("Coach: practice for ML system design interviews")
        .paragraph(
            "I play the interviewer. I give you a scenario and ask each part of the answer"
                + " outline in turn; anything you type that isn't a command is your answer.")
        .bullets(lines)
        .build();
  }

  private Reply prompts() {
    List<String> lines = new ArrayList<>();
    for (Prompt prompt : curriculum.prompts()) {
      lines.add("`" + prompt.id() + "`: " + prompt.title());
    }
    return Reply.builder()
        .heading("Practice prompts")
        .bullets(lines)
        .context("Start one with `practice PROMPT-ID`, or just `practice` and I'll pick.")
        .build();
  }

  /** {@code timezone ZONE}: sets the zone streaks and dates are counted in. */
  private Reply timezone(Turn turn, Optional<String> argument) {
    if (argument.isEmpty()) {
      return Reply.text(
          "Your time zone is "
              + turn.user().zone().getId()
              + ". Change it with `timezone ZONE`, for example `timezone Europe/Berlin` or"
              + " `timezone America/New_York`.");
    }
    Optional<ZoneId> zone =
        ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.equalsIgnoreCase(argument.get()))
            .findFirst()
            .map(ZoneId::of);
    if (zone.isEmpty()) {
      return Reply.text(
          "I don't know the time zone `"
              + safeWord(argument.get())
              + "`. Use an IANA name such as `Europe/Berlin`, `Asia/Kolkata` or"
              + " `America/Los_Angeles`.");
    }
    users.setZone(turn.handle(), turn.user().id(), zone.get(), turn.now());
    return Reply.text(
        "Time zone set to "
            + zone.get().getId()
            + ". It's "
            + turn.now().atZone(zone.get()).toLocalTime().withNano(0).withSecond(0)
            + " there now; streaks count your days in this zone.");
  }

  /** Shows at most 40 characters of an unknown word, without backticks. */
  private static String safeWord(String word) {
    String cleaned = word.replace("`", "");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
  }
}
