package coach.discord.daily;

import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.curriculum.Curriculum;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.core.daily.DailyRequest;
import coach.discord.transport.Channels;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.People;
import coach.discord.transport.Replies;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily prompts in Discord channels: {@code /coach daily ...} and {@code /coach feedback}, the
 * Answer and My feedback buttons of a post, the Answer form, and (with the Message Content intent)
 * messages in a post's thread, handed to {@link DailyPrompts}. Every interaction is acknowledged at
 * once on JDA's event thread and handled on the user's lane; every answer is ephemeral. The posts
 * themselves go out through {@link #publisher()}.
 */
public final class DailyFeature {

  private static final Logger log = LoggerFactory.getLogger(DailyFeature.class);

  static final String IN_SERVERS =
      "Daily prompts live in server channels: run `/coach daily` in the channel that should get"
          + " them.";
  static final String DUPLICATE = "I've handled that already.";

  /** Said to the author of an Answer form once it is credited and quoted in the thread. */
  public static final String THANKS =
      "Thanks, your answer is in the thread; press My feedback for yours.";

  /** Said when the same person sends the same answer again (a double submit, a redelivery). */
  public static final String ALREADY = "I have that answer already; it's in the thread.";

  private final DailyPrompts daily;
  private final Curriculum curriculum;
  private final Lanes lanes;
  private final Replies replies;
  private final boolean messageContent;
  private final DailyAnswers answers;
  private final DiscordDailyPublisher publisher;
  private final PromptFeature prompts;

  /**
   * @param messageContent whether the Message Content intent is on, so thread messages are read
   */
  public DailyFeature(
      DailyPrompts daily,
      Curriculum curriculum,
      Lanes lanes,
      Replies replies,
      Supplier<JDA> jda,
      boolean messageContent) {
    this.daily = daily;
    this.curriculum = curriculum;
    this.lanes = lanes;
    this.replies = replies;
    this.messageContent = messageContent;
    DailyThreads threads = new DailyThreads(jda, replies.poster(), curriculum);
    this.answers = new DailyAnswers(daily, replies, threads);
    this.publisher = new DiscordDailyPublisher(jda, replies, threads, daily);
    this.prompts = new PromptFeature(daily, lanes, replies);
  }

  /** Posts and DMs on Discord, for {@link DailyPrompts#register}. */
  public DailyPublisher publisher() {
    return publisher;
  }

  /** Stops posting: a timer that fires from now on fails transiently and is retried later. */
  public void close() {
    publisher.close();
  }

  /** Whether a {@code /coach} sub-command (and its group) is this feature's. */
  public static boolean handles(String group, String subcommand) {
    return DailyCommandOptions.GROUP.equals(group)
        || PromptCommandOptions.GROUP.equals(group)
        || (group == null && DailyCommandOptions.FEEDBACK.equals(subcommand));
  }

  /**
   * Whether a core action id is one of a daily post's Answer or My feedback buttons, or a prompt
   * suggestion's Approve or Reject.
   */
  public static boolean handlesAction(String actionId) {
    return actionId.startsWith(DailyPrompts.ANSWER_ACTION + ":")
        || actionId.startsWith(DailyPrompts.FEEDBACK_ACTION + ":")
        || PromptFeature.handlesAction(actionId);
  }

  /** Whether a modal is this feature's (the Answer form or the prompt form). */
  public static boolean handlesModal(String modalId) {
    return modalId.startsWith(DailyPrompts.ANSWER_ACTION + ":")
        || PromptFeature.handlesModal(modalId);
  }

  /** A request about {@code channel} of server {@code guildId}, checked for posting when asked. */
  static DailyRequest request(
      String guildId,
      GuildChannel channel,
      Sender sender,
      String eventId,
      String text,
      boolean organiser) {
    return new DailyRequest(
        ChannelRef.discord(guildId, channel.getId()),
        sender,
        eventId,
        text,
        organiser,
        () -> ChannelChecks.postingProblem(channel));
  }

  /** {@code /coach daily SUB [options]}, {@code /coach prompt SUB} or {@code /coach feedback}. */
  public void onCommand(SlashCommandInteractionEvent event) {
    if (PromptCommandOptions.GROUP.equals(event.getSubcommandGroup())) {
      prompts.onCommand(event);
      return;
    }
    event.deferReply(true).queue(ok -> {}, e -> ackFailed("/coach daily", e));
    InteractionHook hook = event.getHook().setEphemeral(true);
    User user = event.getUser();
    Sender sender = People.sender(user);
    if (!event.isFromGuild() || event.getGuild() == null) {
      lanes.submit(user.getId(), () -> replies.respond(hook, Reply.text(IN_SERVERS)));
      return;
    }
    GuildChannel channel = Channels.target(event.getGuildChannel());
    ChannelRef ref = ChannelRef.discord(event.getGuild().getId(), channel.getId());
    if (DailyCommandOptions.FEEDBACK.equals(event.getSubcommandName())
        && event.getSubcommandGroup() == null) {
      lanes.submit(
          user.getId(), () -> replies.respond(hook, daily.feedback(ref, sender, Optional.empty())));
      return;
    }
    String text =
        DailyCommandOptions.requestText(
            event.getSubcommandName(),
            name -> Optional.ofNullable(event.getOption(name)).map(OptionMapping::getAsString));
    DailyRequest request =
        new DailyRequest(
            ref,
            sender,
            "ia:" + event.getId(),
            text,
            Channels.organiser(event.getMember(), channel),
            () -> ChannelChecks.postingProblem(channel));
    lanes.submit(
        user.getId(),
        () -> replies.respond(hook, daily.command(request).orElse(Reply.text(DUPLICATE))));
  }

  /** Choices for {@code zone}, {@code days} and {@code prompts} while they are typed. */
  public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
    event
        .replyChoices(
            DailyCommandOptions.choices(
                curriculum,
                event.getFocusedOption().getName(),
                event.getFocusedOption().getValue()))
        .queue(
            ok -> {},
            e ->
                log.debug("Discord: autocomplete answer failed: {}", DiscordConnection.oneLine(e)));
  }

  /** A daily post's Answer (opens the form) or My feedback (an ephemeral answer) button. */
  public void onButton(ButtonInteractionEvent event, String actionId) {
    if (PromptFeature.handlesAction(actionId)) {
      prompts.onButton(event, actionId);
      return;
    }
    String postId = actionId.substring(actionId.indexOf(':') + 1);
    if (actionId.startsWith(DailyPrompts.ANSWER_ACTION + ":")) {
      // A modal must be the first answer to the click: no deferring, no database first.
      event
          .replyModal(DailyAnswers.form(actionId))
          .queue(ok -> {}, e -> ackFailed("the Answer button", e));
      return;
    }
    event.deferReply(true).queue(ok -> {}, e -> ackFailed("the My feedback button", e));
    InteractionHook hook = event.getHook().setEphemeral(true);
    Sender sender = People.sender(event.getUser());
    lanes.submit(
        event.getUser().getId(),
        () ->
            replies.respond(
                hook,
                daily
                    .post(postId)
                    .map(p -> daily.feedback(p.channel(), sender, Optional.of(postId)))
                    .orElse(Reply.text(DailyAnswers.GONE))));
  }

  /** The Answer form or the prompt form, submitted. */
  public void onModal(ModalInteractionEvent event) {
    if (PromptFeature.handlesModal(event.getModalId())) {
      prompts.onModal(event);
      return;
    }
    event.deferReply(true).queue(ok -> {}, e -> ackFailed("an Answer form", e));
    InteractionHook hook = event.getHook().setEphemeral(true);
    String modalId = event.getModalId();
    String postId = modalId.substring(modalId.indexOf(':') + 1);
    String text =
        Optional.ofNullable(event.getValue(DailyAnswers.INPUT))
            .map(ModalMapping::getAsString)
            .orElse("");
    User user = event.getUser();
    Sender sender = People.sender(user);
    String name = People.displayName(event.getMember(), user);
    lanes.submit(user.getId(), () -> answers.submitted(hook, postId, sender, name, text));
  }

  /** A message in a server thread, by a person: a thread answer when the thread is a post's. */
  public void onThreadMessage(MessageReceivedEvent event) {
    if (!messageContent || !event.isFromGuild() || !event.getChannelType().isThread()) {
      return;
    }
    ThreadChannel thread = event.getChannel().asThreadChannel();
    ChannelRef ref =
        ChannelRef.discord(event.getGuild().getId(), thread.getParentChannel().getId());
    Sender sender = People.sender(event.getAuthor());
    lanes.submit(
        event.getAuthor().getId(),
        () -> answers.threadMessage(thread, ref, sender, event.getMessage()));
  }

  private static void ackFailed(String what, Throwable e) {
    log.warn("Discord: could not acknowledge {}: {}", what, DiscordConnection.oneLine(e));
  }
}
