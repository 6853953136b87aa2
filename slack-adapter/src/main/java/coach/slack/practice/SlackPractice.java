package coach.slack.practice;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.slack.transport.SlackConnection.Account;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackRenderer;
import coach.slack.transport.SlackReplies;
import coach.slack.transport.SlackText;
import coach.slack.transport.SlackUsers;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Practice in direct messages: DMs, their edits and files, {@code /coach} commands, buttons and the
 * App Home tab become {@link Inbound} events for {@link Coach}. Event handlers only pick what is
 * theirs and queue the work on the user's lane, so the ack is immediate and a user's events are
 * answered in order.
 */
public final class SlackPractice {

  private static final Logger log = LoggerFactory.getLogger(SlackPractice.class);

  private static final String FILE_NOTE =
      "I only read text, so I left that file alone. Please type or paste your answer as a message.";

  private final Coach coach;
  private final SlackPoster poster;
  private final SlackReplies replies;
  private final SlackUsers users;
  private final Lanes lanes;
  private final Account account;

  public SlackPractice(
      Coach coach,
      SlackPoster poster,
      SlackReplies replies,
      SlackUsers users,
      Lanes lanes,
      Account account) {
    this.coach = coach;
    this.poster = poster;
    this.replies = replies;
    this.users = users;
    this.lanes = lanes;
    this.account = account;
  }

  /** A message event: takes it (and returns true) when it is a person's direct message. */
  public boolean onMessage(EventsApiPayload<MessageEvent> payload) {
    MessageEvent event = payload.getEvent();
    if (!"im".equals(event.getChannelType())) {
      return false;
    }
    if (event.getBotId() != null
        || event.getUser() == null
        || event.getUser().equals(account.botUserId())) {
      return true;
    }
    String team = SlackText.first(event.getTeam(), payload.getTeamId(), account.teamId());
    // the client's id, else the message's ts: an edit of this message names both
    String eventId = SlackText.first(event.getClientMsgId(), event.getTs(), payload.getEventId());
    boolean hasFiles = event.getFiles() != null && !event.getFiles().isEmpty();
    String user = event.getUser();
    String channel = event.getChannel();
    String text = event.getText() == null ? "" : SlackText.unescape(event.getText());
    if (!hasFiles) {
      // kept before Slack is acknowledged: a crash before the handling loses nothing
      coach.journal().record(new Inbound.Message(journalSender(team, user), eventId, text));
    }
    lanes.submit(user, () -> onDirectMessage(team, user, channel, eventId, text, hasFiles));
    return true;
  }

  /**
   * Queues an event the journal kept but no one handled (a crash came between its arrival and its
   * handling) on its user's lane, with the user's profile looked up afresh.
   */
  public void replay(Inbound event) {
    String[] id = event.sender().id().value().split(":");
    String team = id[1];
    String user = id[2];
    lanes.submit(
        user,
        () -> {
          Sender sender = users.sender(team, user);
          if (event instanceof Inbound.Edit edit) {
            coach.respond(
                new Inbound.Edit(sender, edit.eventId(), edit.editedEventId(), edit.text()));
          } else if (event instanceof Inbound.Message message) {
            coach.respond(new Inbound.Message(sender, message.eventId(), message.text()));
          }
        });
  }

  /** Who sent an event, for the journal: the profile is looked up when the event is handled. */
  private static Sender journalSender(String team, String user) {
    return new Sender(UserId.slack(team, user), user);
  }

  /** An edited DM: the new wording is kept and graded; link previews and the like are ignored. */
  public void onEdit(EventsApiPayload<MessageChangedEvent> payload) {
    MessageChangedEvent event = payload.getEvent();
    MessageChangedEvent.Message message = event.getMessage();
    if (!"im".equals(event.getChannelType())
        || message == null
        || message.getUser() == null
        || message.getBotId() != null
        || message.getUser().equals(account.botUserId())
        || message.getEdited() == null
        || message.getText() == null
        || message.getText().equals(previousText(event))) {
      return; // link previews and other changes that are not the user's edits
    }
    String team = SlackText.first(message.getTeam(), payload.getTeamId(), account.teamId());
    String user = message.getUser();
    String channel = event.getChannel();
    String edited = SlackText.first(message.getClientMsgId(), message.getTs());
    String editId =
        SlackText.first(payload.getEventId(), "edit:" + message.getTs() + ":" + event.getEventTs());
    String text = SlackText.unescape(message.getText());
    coach.journal().record(new Inbound.Edit(journalSender(team, user), editId, edited, text));
    lanes.submit(
        user,
        () -> {
          poster.rememberDm(user, channel);
          coach.respond(new Inbound.Edit(users.sender(team, user), editId, edited, text));
        });
  }

  /** A file sent in a DM gets a short note. */
  public void onFileShare(EventsApiPayload<MessageFileShareEvent> payload) {
    MessageFileShareEvent event = payload.getEvent();
    if ("im".equals(event.getChannelType())
        && event.getUser() != null
        && !event.getUser().equals(account.botUserId())) {
      String channel = event.getChannel();
      lanes.submit(event.getUser(), () -> replies.send(channel, Reply.text(FILE_NOTE)));
    }
  }

  /** The Home tab was opened: it shows the user's progress. */
  public void onHomeOpened(EventsApiPayload<AppHomeOpenedEvent> payload) {
    AppHomeOpenedEvent event = payload.getEvent();
    if ("home".equals(event.getTab()) && event.getUser() != null) {
      String team = SlackText.first(payload.getTeamId(), account.teamId());
      String user = event.getUser();
      lanes.submit(user, () -> publishHome(team, user));
    }
  }

  private void onDirectMessage(
      String team, String user, String channel, String eventId, String text, boolean hasFiles) {
    poster.rememberDm(user, channel);
    if (hasFiles) {
      replies.send(channel, Reply.text(FILE_NOTE));
      return;
    }
    coach
        .respond(new Inbound.Message(users.sender(team, user), eventId, text))
        .ifPresent(r -> afterAnswer(team, user, r));
  }

  /**
   * Journals a {@code /coach} command this feature will handle, before Slack is acknowledged, so a
   * crash before its turn loses nothing: replayed after a restart, it is answered in the DM as the
   * same words typed there. A command Coach does not know, or without a trigger id (its event id
   * would be made up when handled), is not journaled.
   */
  public void journal(SlashCommandPayload payload) {
    String trigger = payload.getTriggerId();
    if (trigger == null || trigger.isBlank() || payload.getUserId() == null) {
      return;
    }
    if (SlashCommand.parse(payload.getText()).isPresent()) {
      String team = SlackText.first(payload.getTeamId(), account.teamId());
      coach
          .journal()
          .record(
              new Inbound.Message(
                  journalSender(team, payload.getUserId()),
                  commandEventId(trigger),
                  SlashCommand.asTyped(payload.getText())));
    }
  }

  private static String commandEventId(String trigger) {
    return "cmd:" + trigger;
  }

  /**
   * A {@code /coach} command (run on the user's lane): in the DM it answers there; in a channel the
   * answer is ephemeral and a session goes on in the DM.
   *
   * @param dm the user's DM channel with the bot, when it could be opened
   */
  public void onSlashCommand(SlashCommandPayload payload, Optional<String> dm) {
    String team = SlackText.first(payload.getTeamId(), account.teamId());
    String user = payload.getUserId();
    String channel = payload.getChannelId();
    boolean inDm = dm.isPresent() && dm.get().equals(channel);
    Optional<String> responseUrl =
        Optional.ofNullable(payload.getResponseUrl()).filter(url -> !url.isBlank());
    Optional<SlashCommand> command = SlashCommand.parse(payload.getText());
    if (command.isEmpty()) {
      Reply unknown =
          Reply.text(
              "`/coach "
                  + SlackText.truncate(String.valueOf(payload.getText()).strip(), 40)
                  + "` isn't something I know. Try `/coach help`.");
      if (inDm) {
        replies.send(channel, unknown);
      } else {
        replies.sendEphemeral(channel, user, responseUrl, unknown, dm);
      }
      return;
    }
    Inbound.Command inbound =
        new Inbound.Command(
            users.sender(team, user),
            commandEventId(
                SlackText.first(payload.getTriggerId(), channel + ":" + System.nanoTime())),
            command.get().word(),
            command.get().argument());
    if (inDm || (continuesInDm(command.get().word()) && dm.isPresent())) {
      // the answer goes to the DM through the outbox
      Optional<Reply> reply = coach.respond(inbound);
      reply.ifPresent(r -> afterAnswer(team, user, r));
      if (reply.isPresent() && !inDm) {
        replies.sendEphemeral(channel, user, responseUrl, IN_DM, dm);
      }
      return;
    }
    coach
        .handle(inbound)
        .ifPresent(reply -> replies.sendEphemeral(channel, user, responseUrl, reply, dm));
  }

  private static final Reply IN_DM =
      Reply.text("I've answered in our direct messages, where we'll go on.");

  /**
   * A button (run on the user's lane). Its answer goes to the DM; a button pressed in a channel (a
   * daily post's Practise in DM) also gets an ephemeral pointer there.
   */
  public void onAction(BlockActionPayload payload) {
    String user = payload.getUser().getId();
    String team =
        SlackText.first(
            payload.getUser().getTeamId(),
            payload.getTeam() == null ? null : payload.getTeam().getId(),
            account.teamId());
    BlockActionPayload.Action action = payload.getActions().get(0);
    String actionId = SlackRenderer.coreActionId(action.getActionId());
    BlockActionPayload.Container container = payload.getContainer();
    String eventId;
    String channel = null;
    Optional<String> pressedIn = Optional.empty();
    if (container != null && container.getMessageTs() != null) {
      // The same button on the same message acts once: a double click or a redelivery is deduped.
      eventId = "btn:" + container.getChannelId() + ":" + container.getMessageTs() + ":" + actionId;
      if (!container.isEphemeral() && container.getChannelId() != null) {
        Optional<String> dm = poster.openDm(user);
        if (dm.isPresent() && dm.get().equals(container.getChannelId())) {
          channel = dm.get();
        } else {
          pressedIn = Optional.of(container.getChannelId());
        }
      }
    } else if (payload.getView() != null && payload.getView().getHash() != null) {
      eventId =
          "btn:" + payload.getView().getId() + ":" + payload.getView().getHash() + ":" + actionId;
    } else {
      eventId =
          "btn:" + SlackText.first(action.getActionTs(), payload.getTriggerId()) + ":" + actionId;
    }
    if (channel == null) {
      channel = poster.openDm(user).orElse(null);
    }
    if (channel == null) {
      log.warn("Slack: no DM channel for a button click; dropped");
      return;
    }
    poster.rememberDm(user, channel);
    Optional<Reply> reply =
        coach.respond(
            new Inbound.Choice(
                users.sender(team, user),
                SlackText.truncate(eventId, Inbound.MAX_ID_LENGTH),
                actionId));
    String target = channel;
    reply.ifPresent(r -> afterAnswer(team, user, r));
    if (reply.isPresent() && pressedIn.isPresent()) {
      replies.sendEphemeral(pressedIn.get(), user, Optional.empty(), IN_DM, Optional.of(target));
    }
  }

  /** After a reply went to the DM (or waits in the outbox): a session's end refreshes Home. */
  private void afterAnswer(String team, String user, Reply reply) {
    if (reply.endsSession()) {
      publishHome(team, user);
    }
  }

  private void publishHome(String team, String user) {
    UserId id = UserId.slack(team, user);
    Reply home =
        coach
            .progressReply(id)
            .map(
                progress ->
                    Reply.builder()
                        .append(progress)
                        .context("Practise in the Messages tab: say `practice` or `help`.")
                        .build())
            .orElseGet(
                () ->
                    Reply.builder()
                        .heading("Coach")
                        .paragraph(
                            "I play the interviewer for ML system design practice: a scenario,"
                                + " each part of the answer outline in turn, follow-up questions"
                                + " and a scorecard. Your progress shows here.")
                        .choices(List.of(new Reply.Block.Choice("practice:practice", "Start")))
                        .context("Or say `practice` or `help` in the Messages tab.")
                        .build());
    poster.publishHome(user, replies.renderer().viewBlocks(home));
  }

  /** Session steps go on in the DM; so does an export, whose file can only be shared there. */
  private static boolean continuesInDm(CommandWord word) {
    return word.stepsASession() || word == CommandWord.EXPORT;
  }

  private static String previousText(MessageChangedEvent event) {
    return event.getPreviousMessage() == null || event.getPreviousMessage().getMessage() == null
        ? null
        : event.getPreviousMessage().getMessage().getText();
  }
}
