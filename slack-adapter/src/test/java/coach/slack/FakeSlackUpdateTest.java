package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.slack.FakeSlackWebApi.Answer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's chat.update: each rule it enforces refuses what breaks it, and accepts the nearest.
 */
class FakeSlackUpdateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeSlack slack = new FakeSlack();
  private final FakeSlackChannels channels = new FakeSlackChannels(slack);
  private final FakeSlackUpdates updates = new FakeSlackUpdates(slack, channels);
  private final FakeSlackWebApi api = new FakeSlackWebApi(slack.apiUrl());

  FakeSlackUpdateTest() {
    channels.channel("C1", "UORG", true);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  private String post(String text) {
    Answer posted = api.bot("chat.postMessage", Map.of("channel", "C1", "text", text));
    assertThat(posted.ok()).isTrue();
    return posted.body().path("ts").asText();
  }

  private static String sections(int count, String text) {
    ArrayNode blocks = JSON.createArrayNode();
    for (int i = 0; i < count; i++) {
      blocks
          .addObject()
          .put("type", "section")
          .putObject("text")
          .put("type", "mrkdwn")
          .put("text", text);
    }
    return blocks.toString();
  }

  @Test
  void anEditOfTheBotsMessageReplacesItAndIsListed() {
    String ts = post("Going (0)");

    Answer edited =
        api.bot(
            "chat.update",
            Map.of("channel", "C1", "ts", ts, "text", "Going (1)", "blocks", sections(1, "x")));

    assertThat(edited.ok()).isTrue();
    assertThat(edited.body().path("ts").asText()).isEqualTo(ts);
    assertThat(channels.find("C1", ts).orElseThrow().text()).isEqualTo("Going (1)");
    assertThat(updates.edits("C1", ts))
        .singleElement()
        .extracting(e -> e.text())
        .isEqualTo("Going (1)");
    assertThat(channels.posted()).hasSize(1);
  }

  @Test
  void withoutATokenOrWithAnUnknownOneTheEditIsRefused() {
    String ts = post("hi");
    Map<String, String> params = Map.of("channel", "C1", "ts", ts, "text", "new");

    assertThat(api.call("chat.update", null, params).error()).isEqualTo("not_authed");
    assertThat(api.call("chat.update", "xoxb-other", params).error()).isEqualTo("invalid_auth");
    assertThat(api.call("chat.update", FakeSlack.APP_TOKEN, params).error())
        .isEqualTo("not_allowed_token_type");
    assertThat(channels.find("C1", ts).orElseThrow().text()).isEqualTo("hi");
    assertThat(updates.edits()).isEmpty();
  }

  @Test
  void anUnknownChannelIsChannelNotFoundAndAnUnknownOrMissingTsIsMessageNotFound() {
    String ts = post("hi");

    assertThat(api.bot("chat.update", Map.of("channel", "C404", "ts", ts, "text", "x")).error())
        .isEqualTo("channel_not_found");
    assertThat(
            api.bot("chat.update", Map.of("channel", "C1", "ts", "1.000001", "text", "x")).error())
        .isEqualTo("message_not_found");
    assertThat(api.bot("chat.update", Map.of("channel", "C1", "text", "x")).error())
        .isEqualTo("message_not_found");
    channels.channel("C2", "UORG", true);
    assertThat(api.bot("chat.update", Map.of("channel", "C2", "ts", ts, "text", "x")).error())
        .as("the ts of a message in another channel")
        .isEqualTo("message_not_found");
    assertThat(updates.edits()).isEmpty();
  }

  @Test
  void theNewContentFollowsTheMessageRules() {
    String ts = post("hi");

    assertThat(api.bot("chat.update", Map.of("channel", "C1", "ts", ts)).error())
        .isEqualTo("no_text");
    assertThat(
            api.bot(
                    "chat.update",
                    Map.of("channel", "C1", "ts", ts, "text", "x", "blocks", sections(51, "x")))
                .error())
        .isEqualTo("invalid_blocks");
    assertThat(
            api.bot(
                    "chat.update",
                    Map.of(
                        "channel",
                        "C1",
                        "ts",
                        ts,
                        "text",
                        "x",
                        "blocks",
                        sections(1, "y".repeat(3001))))
                .error())
        .isEqualTo("invalid_blocks");
    assertThat(
            api.bot(
                    "chat.update",
                    Map.of("channel", "C1", "ts", ts, "text", "x", "blocks", sections(50, "x")))
                .ok())
        .as("fifty blocks are allowed")
        .isTrue();
  }

  @Test
  void anEditThatWouldNotifySomeoneIsListedAsAPing() {
    String ts = post("hi");

    api.bot("chat.update", Map.of("channel", "C1", "ts", ts, "text", "<!channel> look"));

    assertThat(slack.pings()).singleElement().asString().startsWith("chat.update C1");
  }
}
