package coach.slack.transport;

import coach.core.chat.Reply;
import coach.slack.transport.SlackRenderer.Rendered;
import coach.slack.transport.SlackRenderer.SlackMessage;
import java.util.Optional;

/** Sends neutral replies: rendered to Block Kit, then posted (paced) with their files. */
public final class SlackReplies {

  private final SlackPoster poster;
  private final SlackRenderer renderer;

  public SlackReplies(SlackPoster poster, SlackRenderer renderer) {
    this.poster = poster;
    this.renderer = renderer;
  }

  public SlackRenderer renderer() {
    return renderer;
  }

  /** Posts a reply in {@code channel}, then uploads its files there. */
  public void send(String channel, Reply reply) {
    Rendered rendered = renderer.render(reply);
    for (SlackMessage message : rendered.messages()) {
      poster.postMessage(channel, message);
    }
    for (Reply.Block.File file : rendered.files()) {
      poster.upload(channel, file);
    }
  }

  /**
   * Sends a reply only the user sees: through the slash command's {@code response_url} when there
   * is one (it works in any channel), else {@code chat.postEphemeral}; files, and anything that
   * fails both ways, go to the DM instead.
   */
  public void sendEphemeral(
      String channel, String user, Optional<String> responseUrl, Reply reply, Optional<String> dm) {
    Rendered rendered = renderer.render(reply);
    boolean delivered = true;
    for (SlackMessage message : rendered.messages()) {
      delivered &=
          (responseUrl.isPresent() && poster.respond(responseUrl.get(), message))
              || poster.postEphemeral(channel, user, message);
    }
    if (!delivered && dm.isPresent()) {
      for (SlackMessage message : rendered.messages()) {
        poster.postMessage(dm.get(), message);
      }
    }
    if (dm.isPresent()) {
      for (Reply.Block.File file : rendered.files()) {
        poster.upload(dm.get(), file);
      }
    }
  }
}
