package coach.slack.practice;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.delivery.ReplyMessenger;
import coach.slack.transport.Outcome;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackRenderer;
import coach.slack.transport.SlackRenderer.Rendered;
import coach.slack.transport.SlackRenderer.SlackMessage;
import java.util.Optional;

/**
 * Sends the reply outbox's replies in users' DMs with the bot (paced, waiting out {@code
 * Retry-After}), then uploads their files there. Slack has no idempotency key for {@code
 * chat.postMessage}: a reply sent again after Slack took it but before Coach marked it sent shows
 * twice.
 */
public final class SlackReplyMessenger implements ReplyMessenger {

  private final SlackPoster poster;
  private final SlackRenderer renderer;
  private final String teamId;

  public SlackReplyMessenger(SlackPoster poster, SlackRenderer renderer, String teamId) {
    this.poster = poster;
    this.renderer = renderer;
    this.teamId = teamId;
  }

  @Override
  public void send(UserId user, Reply reply, String key) throws DeliveryException {
    String[] parts = user.value().split(":");
    if (!user.platform().equals("slack") || parts.length != 3 || !parts[1].equals(teamId)) {
      throw new DeliveryException(
          "Coach can't reach " + user + " from this workspace.", true, Optional.empty());
    }
    Outcome<String> dm = poster.openDmChecked(parts[2]);
    if (!dm.ok()) {
      throw refused(dm);
    }
    Rendered rendered = renderer.render(reply);
    for (SlackMessage message : rendered.messages()) {
      Outcome<?> sent = poster.postMessageChecked(dm.response().get(), message, true);
      if (!sent.ok()) {
        throw refused(sent);
      }
    }
    for (Reply.Block.File file : rendered.files()) {
      poster.upload(dm.response().get(), file);
    }
  }

  private static DeliveryException refused(Outcome<?> outcome) {
    return new DeliveryException(
        "Slack answered " + outcome.error(), !outcome.transientFailure(), Optional.empty());
  }
}
