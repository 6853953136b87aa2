package coach.discord;

import static coach.discord.FakeDiscordMessageRulesTest.assertInvalidFormBody;
import static coach.discord.FakeDiscordMessageRulesTest.content;
import static org.assertj.core.api.Assertions.assertThat;

import coach.discord.RawDiscordClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback Discord edits only the bot's own messages, in the channel they were posted in, and
 * an edit obeys the message limits; each rule refused and accepted beside it, over plain HTTP.
 */
class FakeMessageEditsTest {

  static final String CHANNEL = "channels/701/messages";

  final FakeDiscord discord = new FakeDiscord();
  final RawDiscordClient client = new RawDiscordClient(discord);

  @AfterEach
  void stop() {
    client.close();
    discord.close();
  }

  String posted() {
    Response response = client.rest("POST", CHANNEL, content("Going (0)").toString());
    assertThat(response.status()).isEqualTo(200);
    return response.body().path("id").asText();
  }

  @Test
  void aMessageTheBotNeverPostedThereIsUnknown() {
    String id = posted();

    Response elsewhere =
        client.rest("PATCH", "channels/999/messages/" + id, content("x").toString());
    Response never = client.rest("PATCH", CHANNEL + "/123456", content("x").toString());
    Response own = client.rest("PATCH", CHANNEL + "/" + id, content("Going (1)").toString());

    for (Response refused : new Response[] {elsewhere, never}) {
      assertThat(refused.status()).isEqualTo(404);
      assertThat(refused.code()).isEqualTo(10008);
      assertThat(refused.body().path("message").asText()).isEqualTo("Unknown Message");
    }
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body().path("id").asText()).isEqualTo(id);
    assertThat(own.body().path("content").asText()).isEqualTo("Going (1)");
    assertThat(own.body().path("edited_timestamp").isTextual()).isTrue();
  }

  @Test
  void anEditKeepsTheMessageLimits() {
    String id = posted();
    assertInvalidFormBody(
        client.rest("PATCH", CHANNEL + "/" + id, content("x".repeat(2001)).toString()), "content");
    assertThat(
            client.rest("PATCH", CHANNEL + "/" + id, content("x".repeat(2000)).toString()).status())
        .isEqualTo(200);
  }
}
