package coach.core.mock;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;

/**
 * The chat platforms' limits a brief must stay within so each renderer shows it without cutting
 * anything: Slack's 50 blocks a message, 3,000 characters a section (after escaping) and 150 a
 * header; Discord's 4,096 characters an embed description and 256 an embed title.
 */
final class ChatLimits {

  static final int SLACK_BLOCKS = 50;
  static final int SLACK_SECTION = 3_000;
  static final int SLACK_HEADER = 150;
  static final int DISCORD_DESCRIPTION = 4_096;
  static final int DISCORD_TITLE = 256;

  private ChatLimits() {}

  static void assertFitsOneSlackMessageAndDiscordEmbeds(Reply reply) {
    assertThat(reply.blocks()).hasSizeLessThan(SLACK_BLOCKS);
    for (Block block : reply.blocks()) {
      String text = block.plainText();
      if (block instanceof Block.Heading) {
        assertThat(text.length()).as(text).isLessThanOrEqualTo(SLACK_HEADER);
        assertThat(text.length()).as(text).isLessThanOrEqualTo(DISCORD_TITLE);
      } else {
        String rendered = block instanceof Block.BulletList ? text.replace("- ", "• ") : text;
        assertThat(slackEscaped(rendered).length()).as(text).isLessThanOrEqualTo(SLACK_SECTION);
        assertThat(rendered.length()).as(text).isLessThanOrEqualTo(DISCORD_DESCRIPTION);
      }
    }
  }

  /** The length Slack's escaping gives: {@code &}, {@code <} and {@code >} become entities. */
  private static String slackEscaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
