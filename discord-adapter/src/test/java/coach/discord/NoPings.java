package coach.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.messages.MessageRequest;

/**
 * What makes a Discord message unable to ping anyone, checked on the JSON body Discord receives. A
 * body without {@code allowed_mentions} lets Discord parse every mention in the content, so the
 * field must be there, with {@code parse} an empty array, no user or role ids and no ping of the
 * replied-to author. (A missing Jackson node iterates as empty, so "parse is empty" alone would
 * pass without the field.)
 */
final class NoPings {

  private NoPings() {}

  static void assertCannotPing(JsonNode body) {
    JsonNode allowed = body.get("allowed_mentions");
    assertThat(allowed).as("allowed_mentions in %s", body).isNotNull();
    assertThat(allowed.isObject()).as("allowed_mentions is an object").isTrue();
    JsonNode parse = allowed.get("parse");
    assertThat(parse).as("allowed_mentions.parse").isNotNull();
    assertThat(parse.isArray()).as("allowed_mentions.parse is an array").isTrue();
    assertThat(parse).as("allowed_mentions.parse").isEmpty();
    assertThat(allowed.path("users")).as("allowed_mentions.users").isEmpty();
    assertThat(allowed.path("roles")).as("allowed_mentions.roles").isEmpty();
    assertThat(allowed.path("replied_user").asBoolean(false)).as("replied_user").isFalse();
  }

  /**
   * Puts JDA's JVM-wide message defaults back to the library's own (every mention type parsed, the
   * replied-to author pinged), so a test sees what the code under test sets per message, never a
   * default some earlier code in the same JVM changed.
   */
  static void resetJdaDefaults() {
    MessageRequest.setDefaultMentions(EnumSet.allOf(Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(true);
  }
}
