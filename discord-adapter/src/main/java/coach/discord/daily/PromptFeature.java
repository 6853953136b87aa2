package coach.discord.daily;

import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.DailyPrompts;
import coach.core.daily.PromptDraft;
import coach.discord.transport.Channels;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.People;
import coach.discord.transport.Replies;
import java.util.Optional;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's own prompts on Discord: {@code /coach prompt add} opens the prompt form, whose
 * submission the core adds (an organiser's) or turns into a suggestion that is posted in the
 * channel with Approve and Reject buttons (a member's); {@code /coach prompt list|remove}; and the
 * Approve and Reject presses, after which the suggestion's author is told by DM. Who is an
 * organiser is decided as for daily prompts ({@link Channels#organiser}). Every answer is
 * ephemeral.
 */
final class PromptFeature {

  private static final Logger log = LoggerFactory.getLogger(PromptFeature.class);

  static final String IN_SERVERS =
      "A team's own prompts belong to a server: run `/coach prompt` in one of its channels.";

  private final DailyPrompts daily;
  private final Lanes lanes;
  private final Replies replies;

  PromptFeature(DailyPrompts daily, Lanes lanes, Replies replies) {
    this.daily = daily;
    this.lanes = lanes;
    this.replies = replies;
  }

  static boolean handlesAction(String actionId) {
    return actionId.startsWith(DailyPrompts.APPROVE_PROMPT_ACTION + ":")
        || actionId.startsWith(DailyPrompts.REJECT_PROMPT_ACTION + ":");
  }

  static boolean handlesModal(String modalId) {
    return PromptCommandOptions.FORM.equals(modalId);
  }

  /** {@code /coach prompt add|list|remove}. */
  void onCommand(SlashCommandInteractionEvent event) {
    if (!event.isFromGuild() || event.getGuild() == null) {
      event.deferReply(true).queue(ok -> {}, e -> ackFailed("/coach prompt", e));
      InteractionHook hook = event.getHook().setEphemeral(true);
      lanes.submit(event.getUser().getId(), () -> replies.respond(hook, Reply.text(IN_SERVERS)));
      return;
    }
    if ("add".equals(event.getSubcommandName())) {
      // A modal must be the first answer to the command: no deferring, no database first.
      event
          .replyModal(PromptCommandOptions.form())
          .queue(ok -> {}, e -> ackFailed("/coach prompt add", e));
      return;
    }
    event.deferReply(true).queue(ok -> {}, e -> ackFailed("/coach prompt", e));
    InteractionHook hook = event.getHook().setEphemeral(true);
    String text =
        PromptCommandOptions.requestText(
            event.getSubcommandName(),
            name -> Optional.ofNullable(event.getOption(name)).map(OptionMapping::getAsString));
    GuildChannel channel = Channels.target(event.getGuildChannel());
    var request =
        DailyFeature.request(
            event.getGuild().getId(),
            channel,
            People.sender(event.getUser()),
            "ia:" + event.getId(),
            text,
            Channels.organiser(event.getMember(), channel));
    MessageChannel here = event.getMessageChannel();
    lanes.submit(event.getUser().getId(), () -> answer(hook, here, daily.promptCommand(request)));
  }

  /** The prompt form, submitted. */
  void onModal(ModalInteractionEvent event) {
    event.deferReply(true).queue(ok -> {}, e -> ackFailed("the prompt form", e));
    InteractionHook hook = event.getHook().setEphemeral(true);
    if (!event.isFromGuild() || event.getGuild() == null) {
      lanes.submit(event.getUser().getId(), () -> replies.respond(hook, Reply.text(IN_SERVERS)));
      return;
    }
    PromptDraft draft =
        new PromptDraft(
            value(event, PromptCommandOptions.TITLE),
            value(event, PromptCommandOptions.SCENARIO),
            value(event, PromptCommandOptions.FACTS),
            value(event, PromptCommandOptions.CONCEPTS));
    GuildChannel channel = Channels.target(event.getGuildChannel());
    var request =
        DailyFeature.request(
            event.getGuild().getId(),
            channel,
            People.sender(event.getUser()),
            "ia:" + event.getId(),
            "add",
            Channels.organiser(event.getMember(), channel));
    MessageChannel here = event.getMessageChannel();
    lanes.submit(
        event.getUser().getId(), () -> answer(hook, here, daily.addPrompt(request, draft)));
  }

  /** Approve or Reject on a suggestion. */
  void onButton(ButtonInteractionEvent event, String actionId) {
    event.deferReply(true).queue(ok -> {}, e -> ackFailed("an Approve or Reject button", e));
    InteractionHook hook = event.getHook().setEphemeral(true);
    if (!event.isFromGuild() || event.getGuild() == null) {
      lanes.submit(event.getUser().getId(), () -> replies.respond(hook, Reply.text(IN_SERVERS)));
      return;
    }
    GuildChannel channel = Channels.target(event.getGuildChannel());
    var request =
        DailyFeature.request(
            event.getGuild().getId(),
            channel,
            People.sender(event.getUser()),
            "ia:" + event.getId(),
            actionId,
            Channels.organiser(event.getMember(), channel));
    MessageChannel here = event.getMessageChannel();
    lanes.submit(event.getUser().getId(), () -> answer(hook, here, daily.decidePrompt(request)));
  }

  /**
   * Answers the sender, posts a suggestion in the channel, and DMs the author of a decided one.
   * Runs on a lane.
   */
  private void answer(
      InteractionHook hook, MessageChannel here, Optional<DailyPrompts.PromptOutcome> outcome) {
    if (outcome.isEmpty()) {
      replies.respond(hook, Reply.text(DailyFeature.DUPLICATE));
      return;
    }
    DailyPrompts.PromptOutcome o = outcome.get();
    Reply reply = o.reply();
    if (o.channelMessage().isPresent() && !replies.send(here, o.channelMessage().get())) {
      log.warn(
          "Discord: could not post a prompt suggestion in channel {}; give my role Send Messages"
              + " and Embed Links there",
          here.getId());
      reply =
          Reply.text(
              "Your suggestion is saved, but I couldn't post it in this channel for an organiser"
                  + " (I may lack Send Messages or Embed Links here); ask an organiser to check"
                  + " `/coach prompt list`.");
    }
    replies.respond(hook, reply);
    if (o.dmTo().isPresent() && o.dm().isPresent()) {
      dm(o.dmTo().get(), o.dm().get());
    }
  }

  private void dm(UserId to, Reply message) {
    if (!to.platform().equals("discord")) {
      log.warn("Discord: cannot DM {}, not a Discord user", to.platform());
      return;
    }
    String userId = to.value().substring("discord:".length());
    boolean sent = replies.dmChannel(userId).map(c -> replies.send(c, message)).orElse(false);
    if (!sent) {
      log.warn(
          "Discord: could not tell user {} by DM about their suggested prompt (DMs closed?)",
          userId);
    }
  }

  private static String value(ModalInteractionEvent event, String input) {
    return Optional.ofNullable(event.getValue(input)).map(ModalMapping::getAsString).orElse("");
  }

  private static void ackFailed(String what, Throwable e) {
    log.warn("Discord: could not acknowledge {}: {}", what, DiscordConnection.oneLine(e));
  }
}
