package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.slack.FakeSlackWebApi.Answer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake itself: each of Slack's documented Web API rules it enforces has a test showing that a
 * request breaking it is refused with Slack's error code (and that the nearest valid one is not).
 */
class FakeSlackTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every Web API method the fake serves. */
  private static final List<String> METHODS =
      List.of(
          "auth.test",
          "apps.connections.open",
          "chat.postMessage",
          "chat.postEphemeral",
          "conversations.open",
          "views.publish",
          "users.info",
          "files.getUploadURLExternal",
          "files.completeUploadExternal");

  private final FakeSlack slack = new FakeSlack();
  private final FakeSlackWebApi api = new FakeSlackWebApi(slack.apiUrl());

  @AfterEach
  void stop() {
    slack.close();
  }

  private static ObjectNode section(String text) {
    ObjectNode block = JSON.createObjectNode().put("type", "section");
    block.putObject("text").put("type", "mrkdwn").put("text", text);
    return block;
  }

  private static ObjectNode button(String actionId, String label) {
    ObjectNode button = JSON.createObjectNode().put("type", "button").put("action_id", actionId);
    button.putObject("text").put("type", "plain_text").put("text", label);
    return button;
  }

  private static ObjectNode actions(ObjectNode... buttons) {
    ObjectNode block = JSON.createObjectNode().put("type", "actions");
    ArrayNode elements = block.putArray("elements");
    for (ObjectNode button : buttons) {
      elements.add(button);
    }
    return block;
  }

  private static String blocks(ObjectNode... blocks) {
    ArrayNode array = JSON.createArrayNode();
    for (ObjectNode block : blocks) {
      array.add(block);
    }
    return array.toString();
  }

  private Answer post(String blocks) {
    return api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "hi", "blocks", blocks));
  }

  @Test
  void everyWebApiMethodWithoutATokenIsNotAuthed() {
    for (String method : METHODS) {
      assertThat(api.call(method, null, Map.of()).error()).as(method).isEqualTo("not_authed");
    }
    assertThat(slack.refused()).hasSize(METHODS.size());
  }

  @Test
  void everyWebApiMethodWithATokenItDoesNotKnowIsInvalidAuth() {
    for (String method : METHODS) {
      String token = method.equals("apps.connections.open") ? "xapp-other" : "xoxb-revoked";
      assertThat(api.call(method, token, Map.of()).error()).as(method).isEqualTo("invalid_auth");
    }
  }

  @Test
  void theAppTokenOnlyOpensConnectionsAndTheBotTokenCannot() {
    Answer appToken =
        api.call("chat.postMessage", FakeSlack.APP_TOKEN, Map.of("channel", "DU1", "text", "x"));
    assertThat(appToken.error()).isEqualTo("not_allowed_token_type");
    assertThat(api.bot("apps.connections.open", Map.of()).error())
        .isEqualTo("not_allowed_token_type");
    assertThat(api.call("apps.connections.open", FakeSlack.APP_TOKEN, Map.of()).ok()).isTrue();
    assertThat(api.bot("auth.test", Map.of()).ok()).isTrue();
  }

  @Test
  void aTokenInTheFormBodyCountsLikeTheHeader() {
    assertThat(api.call("auth.test", null, Map.of("token", FakeSlack.BOT_TOKEN)).ok()).isTrue();
  }

  @Test
  void aMethodTheFakeDoesNotServeIsUnknownMethod() {
    assertThat(api.bot("chat.meMessage", Map.of("channel", "DU1", "text", "x")).error())
        .isEqualTo("unknown_method");
  }

  @Test
  void anUnknownChannelIsChannelNotFound() {
    assertThat(api.bot("chat.postMessage", Map.of("channel", "C404", "text", "x")).error())
        .isEqualTo("channel_not_found");
    assertThat(
            api.bot("chat.postEphemeral", Map.of("channel", "C404", "user", "U1", "text", "x"))
                .error())
        .isEqualTo("channel_not_found");
    assertThat(api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "x")).ok()).isTrue();
    assertThat(api.bot("chat.postMessage", Map.of("channel", "C1", "text", "x")).ok()).isTrue();
  }

  @Test
  void aMessageWithoutTextOrBlocksIsNoText() {
    assertThat(api.bot("chat.postMessage", Map.of("channel", "DU1")).error()).isEqualTo("no_text");
  }

  @Test
  void textOverFortyThousandCharactersIsMsgTooLong() {
    Map<String, String> atLimit = Map.of("channel", "DU1", "text", "x".repeat(40_000));
    assertThat(api.bot("chat.postMessage", atLimit).ok()).isTrue();
    Map<String, String> over = Map.of("channel", "DU1", "text", "x".repeat(40_001));
    assertThat(api.bot("chat.postMessage", over).error()).isEqualTo("msg_too_long");
  }

  @Test
  void blocksThatAreNotAJsonArrayAreInvalidBlocksFormat() {
    assertThat(post("{\"type\":\"section\"}").error()).isEqualTo("invalid_blocks_format");
    assertThat(post("[{\"type\":").error()).isEqualTo("invalid_blocks_format");
  }

  @Test
  void moreThanFiftyBlocksInAMessageAreInvalidBlocks() {
    ObjectNode[] fifty = new ObjectNode[50];
    java.util.Arrays.setAll(fifty, i -> section("block " + i));
    assertThat(post(blocks(fifty)).ok()).isTrue();
    ObjectNode[] more = java.util.Arrays.copyOf(fifty, 51);
    more[50] = section("one too many");
    Answer answer = post(blocks(more));
    assertThat(answer.error()).isEqualTo("invalid_blocks");
    assertThat(answer.body().path("response_metadata").path("messages").toString())
        .contains("no more than 50 items");
  }

  @Test
  void sectionTextOverThreeThousandCharactersIsInvalidBlocks() {
    assertThat(post(blocks(section("x".repeat(3000)))).ok()).isTrue();
    assertThat(post(blocks(section("x".repeat(3001)))).error()).isEqualTo("invalid_blocks");
  }

  @Test
  void anEmptyTextObjectIsInvalidBlocks() {
    assertThat(post(blocks(section(""))).error()).isEqualTo("invalid_blocks");
  }

  @Test
  void moreThanTenFieldsOrAFieldOverTwoThousandCharactersIsInvalidBlocks() {
    ObjectNode eleven = JSON.createObjectNode().put("type", "section");
    ArrayNode fields = eleven.putArray("fields");
    for (int i = 0; i < 11; i++) {
      fields.addObject().put("type", "mrkdwn").put("text", "field " + i);
    }
    assertThat(post(blocks(eleven)).error()).isEqualTo("invalid_blocks");
    fields.remove(10);
    assertThat(post(blocks(eleven)).ok()).isTrue();
    ((ObjectNode) fields.get(0)).put("text", "x".repeat(2001));
    assertThat(post(blocks(eleven)).error()).isEqualTo("invalid_blocks");
  }

  @Test
  void aHeaderOverOneHundredFiftyCharactersOrInMrkdwnIsInvalidBlocks() {
    ObjectNode header = JSON.createObjectNode().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", "h".repeat(150));
    assertThat(post(blocks(header)).ok()).isTrue();
    header.putObject("text").put("type", "plain_text").put("text", "h".repeat(151));
    assertThat(post(blocks(header)).error()).isEqualTo("invalid_blocks");
    header.putObject("text").put("type", "mrkdwn").put("text", "*h*");
    assertThat(post(blocks(header)).error()).isEqualTo("invalid_blocks");
  }

  @Test
  void aButtonLabelOverSeventyFiveCharactersIsInvalidBlocks() {
    assertThat(post(blocks(actions(button("a", "b".repeat(75))))).ok()).isTrue();
    assertThat(post(blocks(actions(button("a", "b".repeat(76))))).error())
        .isEqualTo("invalid_blocks");
  }

  @Test
  void aButtonValueOrActionIdOverItsLimitIsInvalidBlocks() {
    assertThat(post(blocks(actions(button("a".repeat(256), "b")))).error())
        .isEqualTo("invalid_blocks");
    ObjectNode button = button("a", "b").put("value", "v".repeat(2001));
    assertThat(post(blocks(actions(button))).error()).isEqualTo("invalid_blocks");
  }

  @Test
  void theSameActionIdTwiceInAMessageIsInvalidBlocks() {
    assertThat(post(blocks(actions(button("next", "Next"), button("hint", "Hint")))).ok()).isTrue();
    Answer sameBlock = post(blocks(actions(button("next", "Next"), button("next", "Again"))));
    assertThat(sameBlock.error()).isEqualTo("invalid_blocks");
    assertThat(sameBlock.body().toString()).contains("duplicate action_id");
    Answer acrossBlocks =
        post(blocks(actions(button("next", "Next")), actions(button("next", "Again"))));
    assertThat(acrossBlocks.error()).isEqualTo("invalid_blocks");
  }

  @Test
  void moreThanTwentyFiveButtonsOrTenContextElementsAreInvalidBlocks() {
    ObjectNode[] buttons = new ObjectNode[26];
    java.util.Arrays.setAll(buttons, i -> button("b" + i, "B" + i));
    assertThat(post(blocks(actions(buttons))).error()).isEqualTo("invalid_blocks");
    assertThat(post(blocks(actions(java.util.Arrays.copyOf(buttons, 25)))).ok()).isTrue();
    ObjectNode context = JSON.createObjectNode().put("type", "context");
    ArrayNode elements = context.putArray("elements");
    for (int i = 0; i < 11; i++) {
      elements.addObject().put("type", "mrkdwn").put("text", "c" + i);
    }
    assertThat(post(blocks(context)).error()).isEqualTo("invalid_blocks");
  }

  @Test
  void theSameBlockIdTwiceOrAnUnknownBlockTypeIsInvalidBlocks() {
    ObjectNode one = section("a").put("block_id", "b1");
    ObjectNode two = section("b").put("block_id", "b1");
    assertThat(post(blocks(one, two)).error()).isEqualTo("invalid_blocks");
    assertThat(post(blocks(JSON.createObjectNode().put("type", "carousel"))).error())
        .isEqualTo("invalid_blocks");
  }

  @Test
  void aHomeViewOverOneHundredBlocksOrOfAnotherTypeIsInvalidArguments() {
    ObjectNode view = JSON.createObjectNode().put("type", "home");
    ArrayNode blocks = view.putArray("blocks");
    for (int i = 0; i < 100; i++) {
      blocks.add(section("block " + i));
    }
    Map<String, String> ok = Map.of("user_id", "U1", "view", view.toString());
    assertThat(api.bot("views.publish", ok).ok()).isTrue();
    blocks.add(section("one too many"));
    Map<String, String> tooMany = Map.of("user_id", "U1", "view", view.toString());
    assertThat(api.bot("views.publish", tooMany).error()).isEqualTo("invalid_arguments");
    view.put("type", "modal");
    blocks.remove(100);
    Map<String, String> modal = Map.of("user_id", "U1", "view", view.toString());
    assertThat(api.bot("views.publish", modal).error()).isEqualTo("invalid_arguments");
  }

  @Test
  void aFileIsSharedOnlyAfterItsUploadAndOnlyOnce() {
    Answer url =
        api.bot("files.getUploadURLExternal", Map.of("filename", "chart.png", "length", "3"));
    String id = url.body().path("file_id").asText();
    String files = "[{\"id\":\"" + id + "\",\"title\":\"Chart\"}]";
    Map<String, String> complete = Map.of("files", files, "channel_id", "DU1");
    assertThat(api.bot("files.completeUploadExternal", complete).error())
        .as("completing before the upload")
        .isEqualTo("file_not_found");

    Answer upload =
        api.post(
            url.body().path("upload_url").asText(),
            new byte[] {1, 2, 3},
            "application/octet-stream");
    assertThat(upload.status()).isEqualTo(200);
    assertThat(api.bot("files.completeUploadExternal", complete).ok()).isTrue();
    assertThat(api.bot("files.completeUploadExternal", complete).error())
        .as("completing twice")
        .isEqualTo("file_not_found");
  }

  @Test
  void aSharedFileKeepsItsBytesAndTheChannelItWasSharedInto() {
    Answer url =
        api.bot("files.getUploadURLExternal", Map.of("filename", "mock-K7.ics", "length", "5"));
    String id = url.body().path("file_id").asText();
    byte[] bytes = "BEGIN".getBytes(StandardCharsets.UTF_8);
    api.post(url.body().path("upload_url").asText(), bytes, "application/octet-stream");
    assertThat(slack.sharedFiles()).as("uploaded, not yet shared").isEmpty();

    String files = "[{\"id\":\"" + id + "\"}]";
    assertThat(
            api.bot("files.completeUploadExternal", Map.of("files", files, "channel_id", "DU1"))
                .ok())
        .isTrue();

    FakeSlackFiles.Shared shared = slack.sharedFiles().get(0);
    assertThat(shared.filename()).isEqualTo("mock-K7.ics");
    assertThat(shared.channel()).isEqualTo("DU1");
    assertThat(new String(shared.data(), StandardCharsets.UTF_8)).isEqualTo("BEGIN");
  }

  @Test
  void uploadStepsWithUnknownFilesOrChannelsAreRefused() {
    assertThat(api.bot("files.getUploadURLExternal", Map.of("filename", "a.png")).error())
        .as("no length")
        .isEqualTo("invalid_arguments");
    String unknown = "[{\"id\":\"F999\"}]";
    assertThat(api.bot("files.completeUploadExternal", Map.of("files", unknown)).error())
        .isEqualTo("file_not_found");
    assertThat(
            api.post(slack.apiUrl().resolve("/upload/F999").toString(), new byte[] {1}, "x")
                .status())
        .isEqualTo(404);
    Answer url = api.bot("files.getUploadURLExternal", Map.of("filename", "a", "length", "1"));
    api.post(url.body().path("upload_url").asText(), new byte[] {1}, "application/octet-stream");
    String files = "[{\"id\":\"" + url.body().path("file_id").asText() + "\"}]";
    Map<String, String> elsewhere = Map.of("files", files, "channel_id", "C404");
    assertThat(api.bot("files.completeUploadExternal", elsewhere).error())
        .isEqualTo("channel_not_found");
  }

  @Test
  void aResponseUrlAnswerWithInvalidBlocksIsRefused() {
    String url = slack.apiUrl().resolve("/response").toString();
    String bad =
        "{\"text\":\"x\",\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":\"mrkdwn\"}}]}";
    assertThat(api.post(url, bad.getBytes(StandardCharsets.UTF_8), "application/json").status())
        .isEqualTo(400);
    String good = "{\"text\":\"x\",\"response_type\":\"ephemeral\"}";
    assertThat(api.post(url, good.getBytes(StandardCharsets.UTF_8), "application/json").status())
        .isEqualTo(200);
    assertThat(slack.refused()).extracting(FakeSlack.Call::method).containsExactly("response");
  }

  @Test
  void explicitMentionsPingWhereverTextIsParsed() {
    api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "hi <!here> and <@U2>"));
    api.bot(
        "chat.postMessage",
        Map.of("channel", "DU1", "text", "x", "blocks", blocks(section("<!channel>"))));
    api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "&lt;!here&gt; is escaped"));
    assertThat(slack.pings())
        .containsExactly(
            "chat.postMessage DU1: <!here>",
            "chat.postMessage DU1: <@U2>",
            "chat.postMessage DU1: <!channel>");
  }

  @Test
  void bareAtHereInTheTextPingsOnlyWithLinkNamesOrParseFull() {
    api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "hi @here"));
    assertThat(slack.pings()).isEmpty();
    api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "hi @here", "link_names", "true"));
    api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "hi @channel", "parse", "full"));
    assertThat(slack.pings())
        .containsExactly("chat.postMessage DU1: @here", "chat.postMessage DU1: @channel");
  }

  @Test
  void bareAtHereInMrkdwnBlocksPingsUnlessVerbatim() {
    ObjectNode parsed = section("hi @everyone");
    api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "x", "blocks", blocks(parsed)));
    assertThat(slack.pings()).containsExactly("chat.postMessage DU1: @everyone");
    ObjectNode verbatim = section("hi @everyone");
    ((ObjectNode) verbatim.path("text")).put("verbatim", true);
    ObjectNode header = JSON.createObjectNode().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", "@here <!here>");
    api.bot(
        "chat.postMessage",
        Map.of("channel", "DU1", "text", "x", "blocks", blocks(verbatim, header)));
    assertThat(slack.pings()).hasSize(1);
  }

  @Test
  void refusedListsTheFakesRefusalsButNotQueuedFailures() {
    slack.failNext("chat.postMessage", 500, Map.of());
    assertThat(api.bot("chat.postMessage", Map.of("channel", "DU1", "text", "x")).status())
        .isEqualTo(500);
    assertThat(slack.refused()).isEmpty();
    api.bot("chat.postMessage", Map.of("channel", "C404", "text", "x"));
    assertThat(slack.refused()).hasSize(1);
  }
}
