package coach.discord.mock;

import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.curriculum.Curriculum;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyRequest;
import coach.core.mock.FeedbackForm;
import coach.core.mock.MockPublisher;
import coach.core.mock.MockSession;
import coach.core.mock.MockSessions;
import coach.discord.transport.Autocomplete;
import coach.discord.transport.Channels;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.DiscordText;
import coach.discord.transport.People;
import coach.discord.transport.Replies;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group mock sessions in Discord channels: {@code /coach mock ...} (sub-commands and options turned
 * into the words {@link MockSessions#command} reads), the buttons whose ids start {@code mock-}
 * (Going, Not going, Can't make it, I'm here, Give feedback, They didn't show) handed to {@link
 * MockSessions#press}, and the feedback form of {@link FeedbackFormView} (menus saved part by part,
 * the note modal submitting the whole). Every interaction is acknowledged at once on JDA's event
 * thread and handled on the user's lane; answers in a server are ephemeral, in a DM plain replies.
 * Announcements, DMs and the server's events go out through {@link #publisher()}.
 */
public final class MockFeature {

  private static final Logger log = LoggerFactory.getLogger(MockFeature.class);

  static final String IN_SERVERS =
      "Mock sessions live in server channels: run `/coach mock` in the channel that should hold"
          + " them. (`reminders`, `avoid` and `unavoid` work here too.)";
  static final String DUPLICATE = "I've handled that already.";
  static final String FORM_GONE =
      "That feedback form is out of date, or it's for the round's interviewer only.";

  /** Sub-commands about the sender alone, which work in DMs as well. */
  private static final Set<String> PERSONAL = Set.of("reminders", "avoid", "unavoid");

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final MockSessions mock;
  private final Curriculum curriculum;
  private final Lanes lanes;
  private final Replies replies;
  private final DiscordMockPublisher publisher;

  public MockFeature(
      MockSessions mock, Curriculum curriculum, Lanes lanes, Replies replies, Supplier<JDA> jda) {
    this.mock = mock;
    this.curriculum = curriculum;
    this.lanes = lanes;
    this.replies = replies;
    this.publisher = new DiscordMockPublisher(jda, replies);
  }

  /** Announcements, DMs and server events on Discord, for {@link MockSessions#register}. */
  public MockPublisher publisher() {
    return publisher;
  }

  /** The {@code /coach mock ...} sub-command group. */
  public static SubcommandGroupData commands() {
    return MockCommandOptions.group();
  }

  /** Whether a {@code /coach} sub-command group is this feature's. */
  public static boolean handles(String group) {
    return MockCommandOptions.GROUP.equals(group);
  }

  /**
   * Whether a core action id is this feature's: the core's {@code mock-} ids and the note button.
   */
  public static boolean handlesAction(String actionId) {
    return MockSessions.handles(actionId) || FeedbackFormView.noteFormId(actionId).isPresent();
  }

  /** Whether a select menu is this feature's (a feedback form's). */
  public static boolean handlesSelect(String customId) {
    return FeedbackFormView.menuId(customId).isPresent();
  }

  /** Whether a modal is this feature's (a feedback form's note). */
  public static boolean handlesModal(String modalId) {
    return FeedbackFormView.noteFormId(modalId).isPresent();
  }

  /**
   * Empty when the bot can post a session's announcement in {@code channel} (an embed with
   * buttons); else one sentence naming what is missing.
   */
  static Optional<String> postingProblem(GuildChannel channel) {
    if (!(channel instanceof GuildMessageChannel)) {
      return Optional.of(
          "mock sessions are announced in a text or announcement channel; run this in one of"
              + " those.");
    }
    return Channels.missing(channel, Channels.TO_POST_EMBEDS);
  }

  /** {@code /coach mock SUB [options]}. */
  public void onCommand(SlashCommandInteractionEvent event) {
    event.deferReply(true).queue(ok -> {}, e -> ackFailed("/coach mock", e));
    InteractionHook hook = event.getHook().setEphemeral(true);
    User user = event.getUser();
    Sender sender = People.sender(user);
    String sub = event.getSubcommandName();
    String text =
        MockCommandOptions.requestText(
            sub,
            name -> Optional.ofNullable(event.getOption(name)).map(OptionMapping::getAsString));
    DailyRequest request;
    if (event.isFromGuild() && event.getGuild() != null) {
      GuildChannel channel = Channels.target(event.getGuildChannel());
      request =
          new DailyRequest(
              ChannelRef.discord(event.getGuild().getId(), channel.getId()),
              sender,
              "ia:" + event.getId(),
              text,
              Channels.organiser(event.getMember(), channel),
              () -> postingProblem(channel));
    } else if (PERSONAL.contains(sub)) {
      request =
          new DailyRequest(
              ChannelRef.discord("dm", event.getChannel().getId()),
              sender,
              "ia:" + event.getId(),
              text,
              false,
              () -> Optional.of("this is a direct message."));
    } else {
      lanes.submit(user.getId(), () -> replies.respond(hook, Reply.text(IN_SERVERS)));
      return;
    }
    lanes.submit(
        user.getId(),
        () -> replies.respond(hook, mock.command(request).orElse(Reply.text(DUPLICATE))));
  }

  /** Choices for {@code zone} and {@code prompts}, and for {@code id} this channel's sessions. */
  public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
    String option = event.getFocusedOption().getName();
    String typed = event.getFocusedOption().getValue();
    if (!MockCommandOptions.ID.equals(option)) {
      answer(event, MockCommandOptions.choices(curriculum, option, typed));
      return;
    }
    if (!event.isFromGuild() || event.getGuild() == null) {
      answer(event, List.of());
      return;
    }
    ChannelRef here =
        ChannelRef.discord(
            event.getGuild().getId(), Channels.target(event.getGuildChannel()).getId());
    lanes.submit(event.getUser().getId(), () -> answer(event, sessionChoices(here, typed)));
  }

  private List<Command.Choice> sessionChoices(ChannelRef here, String typed) {
    String query = typed == null ? "" : typed.strip().replace("#", "").toUpperCase(Locale.ROOT);
    return mock.upcoming().stream()
        .filter(s -> s.channel().equals(here) && s.id().contains(query))
        .limit(Autocomplete.MAX_CHOICES)
        .map(s -> new Command.Choice(choiceName(s), s.id()))
        .toList();
  }

  private static String choiceName(MockSession s) {
    return DiscordText.truncate(
        "#"
            + s.id()
            + " · "
            + s.startsAt().atZone(s.zone()).format(WHEN)
            + " "
            + s.zone().getId()
            + (s.state() == MockSession.State.SCHEDULED ? "" : " (" + s.state().code() + ")"),
        Autocomplete.MAX_CHOICE_TEXT);
  }

  private static void answer(CommandAutoCompleteInteractionEvent event, List<Command.Choice> c) {
    event
        .replyChoices(c)
        .queue(
            ok -> {},
            e ->
                log.debug("Discord: autocomplete answer failed: {}", DiscordConnection.oneLine(e)));
  }

  /**
   * A press on one of the core's {@code mock-} buttons (answered ephemerally in a server, by a
   * reply in a DM; Give feedback answers with the form), or on a form's note button (the modal).
   */
  public void onButton(ButtonInteractionEvent event, String actionId) {
    Optional<String> noteForm = FeedbackFormView.noteFormId(actionId);
    if (noteForm.isPresent()) {
      // A modal must be the first answer to the click: no deferring, no database first.
      event
          .replyModal(FeedbackFormView.noteForm(noteForm.get()))
          .queue(ok -> {}, e -> ackFailed("the feedback note button", e));
      return;
    }
    boolean ephemeral = event.isFromGuild();
    event.deferReply(ephemeral).queue(ok -> {}, e -> ackFailed("a mock session button", e));
    InteractionHook hook = event.getHook().setEphemeral(ephemeral);
    Sender sender = People.sender(event.getUser());
    String eventId = "ia:" + event.getId();
    lanes.submit(
        event.getUser().getId(),
        () -> {
          Optional<MockSessions.PressOutcome> outcome = mock.press(sender, actionId, eventId);
          if (outcome.isEmpty()) {
            replies.respond(hook, Reply.text(DUPLICATE));
          } else if (outcome.get().form().isPresent()) {
            sendForm(hook, outcome.get().form().get());
          } else {
            replies.respond(hook, outcome.get().reply().orElse(Reply.text(DUPLICATE)));
          }
        });
  }

  private void sendForm(InteractionHook hook, FeedbackForm form) {
    for (MessageCreateData message : FeedbackFormView.messages(form, Optional.empty())) {
      replies.poster().call("sending a feedback form", () -> hook.sendMessage(message));
    }
  }

  /** A change in one of a feedback form's menus: saved at once, and shown in the form. */
  public void onSelect(StringSelectInteractionEvent event) {
    Optional<FeedbackFormView.MenuId> menu = FeedbackFormView.menuId(event.getComponentId());
    if (menu.isEmpty()) {
      return;
    }
    event.deferEdit().queue(ok -> {}, e -> ackFailed("a feedback menu", e));
    InteractionHook hook = event.getHook().setEphemeral(event.isFromGuild());
    Sender sender = People.sender(event.getUser());
    String formId = menu.get().formId();
    Set<String> selected = Set.copyOf(event.getValues());
    String eventId = "ia:" + event.getId();
    lanes.submit(
        event.getUser().getId(),
        () -> {
          Optional<FeedbackFormView.Part> part =
              mock.feedbackForm(sender, formId)
                  .flatMap(f -> FeedbackFormView.part(f, menu.get().part()));
          if (part.isEmpty()) {
            replies.respond(hook, Reply.text(FORM_GONE));
            return;
          }
          String status =
              mock.saveFeedbackPart(sender, formId, part.get().conceptIds(), selected, eventId)
                  .map(Reply::plainText)
                  .orElse(DUPLICATE);
          Optional<FeedbackForm> saved = mock.feedbackForm(sender, formId);
          if (saved.isPresent()
              && FeedbackFormView.messages(saved.get(), Optional.empty()).size() == 1) {
            replies
                .poster()
                .call(
                    "showing a feedback form as saved",
                    () ->
                        hook.editOriginal(
                            FeedbackFormView.firstAsEdit(saved.get(), Optional.of(status))));
          } else {
            replies.respond(hook, Reply.text(status));
          }
        });
  }

  /** A feedback form's note modal: the whole form is submitted with the ticks saved so far. */
  public void onModal(ModalInteractionEvent event) {
    Optional<String> formId = FeedbackFormView.noteFormId(event.getModalId());
    if (formId.isEmpty()) {
      return;
    }
    boolean ephemeral = event.isFromGuild();
    event.deferReply(ephemeral).queue(ok -> {}, e -> ackFailed("a feedback note", e));
    InteractionHook hook = event.getHook().setEphemeral(ephemeral);
    Sender sender = People.sender(event.getUser());
    String note =
        Optional.ofNullable(event.getValue(FeedbackFormView.NOTE_INPUT))
            .map(ModalMapping::getAsString)
            .orElse("");
    String eventId = "ia:" + event.getId();
    lanes.submit(
        event.getUser().getId(),
        () -> {
          Set<String> ticked =
              mock.feedbackForm(sender, formId.get()).map(FeedbackForm::checked).orElse(Set.of());
          replies.respond(
              hook,
              mock.submitFeedback(sender, formId.get(), ticked, note, eventId)
                  .orElse(Reply.text(DUPLICATE)));
        });
  }

  private static void ackFailed(String what, Throwable e) {
    log.warn("Discord: could not acknowledge {}: {}", what, DiscordConnection.oneLine(e));
  }
}
