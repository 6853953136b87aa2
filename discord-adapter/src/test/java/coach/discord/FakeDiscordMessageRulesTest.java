package coach.discord;

import static org.assertj.core.api.Assertions.assertThat;

import coach.discord.RawDiscordClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loopback Discord refuses what Discord documents it refuses, with Discord's status and error
 * code: each rule once with a request just over the limit (refused) and once at the limit
 * (accepted), so the fake can be neither too lax nor too strict. Requests go over plain HTTP.
 */
class FakeDiscordMessageRulesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String MESSAGES = "channels/5111/messages";

  final FakeDiscord discord = new FakeDiscord();
  final RawDiscordClient client = new RawDiscordClient(discord);

  @AfterEach
  void stop() {
    client.close();
    discord.close();
  }

  Response post(ObjectNode body) {
    return client.rest("POST", MESSAGES, body.toString());
  }

  static ObjectNode content(String text) {
    return JSON.createObjectNode().put("content", text);
  }

  static ObjectNode withRows(int rows, int buttonsPerRow) {
    ObjectNode body = content("pick one");
    ArrayNode components = body.putArray("components");
    for (int r = 0; r < rows; r++) {
      ArrayNode row = components.addObject().put("type", 1).putArray("components");
      for (int b = 0; b < buttonsPerRow; b++) {
        row.addObject()
            .put("type", 2)
            .put("style", 2)
            .put("label", "B")
            .put("custom_id", r + ":" + b);
      }
    }
    return body;
  }

  static ObjectNode button(ObjectNode body, int row, int index) {
    return (ObjectNode) body.path("components").get(row).path("components").get(index);
  }

  static void assertInvalidFormBody(Response response, String... at) {
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(50035);
    assertThat(response.body().path("message").asText()).isEqualTo("Invalid Form Body");
    JsonNode node = response.body().path("errors");
    for (String key : at) {
      node = node.path(key);
    }
    assertThat(node.path("_errors"))
        .as("errors at %s in %s", String.join(".", at), response)
        .isNotEmpty();
  }

  static void assertAccepted(Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    assertThat(response.body().path("id").asText()).isNotEmpty();
  }

  @Test
  void everyRestCallNeedsTheBotToken() {
    for (String path : new String[] {"users/@me", MESSAGES, "users/@me/channels"}) {
      String body =
          path.equals("users/@me") ? null : content("hi").put("recipient_id", "111").toString();
      String method = body == null ? "GET" : "POST";
      for (String auth :
          new String[] {
            null, "Bot " + FakeDiscord.BAD_TOKEN, "Bearer " + FakeDiscord.TOKEN, FakeDiscord.TOKEN
          }) {
        Response refused = client.rest(method, path, body, auth);
        assertThat(refused.status()).as("%s %s with %s", method, path, auth).isEqualTo(401);
        assertThat(refused.body().path("message").asText()).isEqualTo("401: Unauthorized");
      }
      assertThat(client.rest(method, path, body).status())
          .as("%s with the token", path)
          .isEqualTo(200);
    }
  }

  @Test
  void contentOver2000CharactersIsAnInvalidFormBody() {
    assertInvalidFormBody(post(content("x".repeat(2001))), "content");
    assertAccepted(post(content("x".repeat(2000))));
  }

  @Test
  void moreThan10EmbedsIsAnInvalidFormBody() {
    ObjectNode eleven = content("");
    ArrayNode embeds = eleven.putArray("embeds");
    for (int i = 0; i < 11; i++) {
      embeds.addObject().put("description", "embed " + i);
    }
    assertInvalidFormBody(post(eleven), "embeds");
    embeds.remove(10);
    assertAccepted(post(eleven));
  }

  @Test
  void moreThan6000CharactersAcrossAllEmbedsIsAnInvalidFormBody() {
    ObjectNode body = content("");
    ArrayNode embeds = body.putArray("embeds");
    embeds.addObject().put("title", "t".repeat(200)).put("description", "d".repeat(4000));
    ObjectNode second = embeds.addObject().put("description", "d".repeat(1000));
    second
        .putArray("fields")
        .addObject()
        .put("name", "n".repeat(100))
        .put("value", "v".repeat(500));
    second.putObject("footer").put("text", "f".repeat(150));
    second.putObject("author").put("name", "a".repeat(51)); // 6,001 in all
    Response refused = post(body);
    assertInvalidFormBody(refused, "embeds");
    assertThat(
            refused
                .body()
                .path("errors")
                .path("embeds")
                .path("_errors")
                .get(0)
                .path("code")
                .asText())
        .isEqualTo("MAX_EMBED_SIZE_EXCEEDED");
    second.putObject("author").put("name", "a".repeat(50));
    assertAccepted(post(body));
  }

  static Stream<Arguments> embedLimits() {
    return Stream.of(
        Arguments.of(256, new String[] {"title"}),
        Arguments.of(4096, new String[] {"description"}),
        Arguments.of(2048, new String[] {"footer", "text"}),
        Arguments.of(256, new String[] {"author", "name"}),
        Arguments.of(256, new String[] {"fields", "0", "name"}),
        Arguments.of(1024, new String[] {"fields", "0", "value"}));
  }

  /**
   * A message with one embed whose text at {@code at} (title, footer.text, ...) is {@code text}.
   */
  static ObjectNode embedWith(String[] at, String text) {
    ObjectNode body = content("");
    ObjectNode embed = body.putArray("embeds").addObject();
    if (at[0].equals("fields")) {
      embed.putArray("fields").addObject().put("name", "n").put("value", "v").put(at[2], text);
    } else if (at.length == 2) {
      embed.putObject(at[0]).put(at[1], text);
    } else {
      embed.put(at[0], text);
    }
    return body;
  }

  @ParameterizedTest(name = "embed {1} over {0} characters")
  @MethodSource("embedLimits")
  void eachEmbedTextHasItsOwnLimit(int max, String[] at) {
    String[] path = Stream.concat(Stream.of("embeds", "0"), Stream.of(at)).toArray(String[]::new);
    assertInvalidFormBody(post(embedWith(at, "x".repeat(max + 1))), path);
    assertAccepted(post(embedWith(at, "x".repeat(max))));
  }

  @Test
  void moreThan25FieldsInAnEmbedIsAnInvalidFormBody() {
    ObjectNode body = content("");
    ArrayNode fields = body.putArray("embeds").addObject().putArray("fields");
    for (int i = 0; i < 26; i++) {
      fields.addObject().put("name", "n" + i).put("value", "v");
    }
    assertInvalidFormBody(post(body), "embeds", "0", "fields");
    fields.remove(25);
    assertAccepted(post(body));
  }

  @Test
  void moreThan5ActionRowsIsAnInvalidFormBody() {
    assertInvalidFormBody(post(withRows(6, 1)), "components");
    assertAccepted(post(withRows(5, 5)));
  }

  @Test
  void moreThan5ButtonsInARowIsAnInvalidFormBody() {
    assertInvalidFormBody(post(withRows(1, 6)), "components", "0", "components");
    assertInvalidFormBody(post(withRows(1, 0)), "components", "0", "components");
    assertAccepted(post(withRows(1, 5)));
  }

  @Test
  void aCustomIdMustHave1To100Characters() {
    ObjectNode body = withRows(1, 1);
    button(body, 0, 0).put("custom_id", "c".repeat(101));
    assertInvalidFormBody(post(body), "components", "0", "components", "0", "custom_id");
    button(body, 0, 0).put("custom_id", "");
    assertInvalidFormBody(post(body), "components", "0", "components", "0", "custom_id");
    button(body, 0, 0).remove("custom_id");
    assertInvalidFormBody(post(body), "components", "0", "components", "0", "custom_id");
    button(body, 0, 0).put("custom_id", "c".repeat(100));
    assertAccepted(post(body));
  }

  @Test
  void twoButtonsWithTheSameCustomIdAreAnInvalidFormBody() {
    ObjectNode body = withRows(2, 2);
    button(body, 1, 1).put("custom_id", "0:0");
    Response refused = post(body);
    assertInvalidFormBody(refused, "components", "1", "components", "1", "custom_id");
    assertThat(refused.body().toString()).contains("COMPONENT_CUSTOM_ID_DUPLICATED");
    button(body, 1, 1).put("custom_id", "1:1");
    assertAccepted(post(body));
  }

  @Test
  void aButtonLabelOver80CharactersIsAnInvalidFormBody() {
    ObjectNode body = withRows(1, 1);
    button(body, 0, 0).put("label", "l".repeat(81));
    assertInvalidFormBody(post(body), "components", "0", "components", "0", "label");
    button(body, 0, 0).put("label", "l".repeat(80));
    assertAccepted(post(body));
  }

  static ObjectNode emptyArrays() {
    ObjectNode body = content("");
    body.putArray("embeds");
    body.putArray("components");
    body.putArray("sticker_ids");
    return body;
  }

  @Test
  void topLevelComponentsAreActionRowsAndALinkButtonHasAUrlInsteadOfACustomId() {
    ObjectNode bare = content("pick one");
    bare.putArray("components").addObject().put("type", 2).put("style", 2).put("custom_id", "x");
    assertInvalidFormBody(post(bare), "components", "0", "type");

    ObjectNode link = withRows(1, 1);
    button(link, 0, 0).put("style", 5).put("url", "https://example.com");
    assertInvalidFormBody(post(link), "components", "0", "components", "0");
    button(link, 0, 0).remove("custom_id");
    assertAccepted(post(link));
    button(link, 0, 0).remove("url");
    assertInvalidFormBody(post(link), "components", "0", "components", "0");
  }

  @Test
  void moreThan10FilesInAMessageIsAnInvalidFormBody() {
    assertInvalidFormBody(client.upload(MESSAGES, content("files").toString(), 11), "files");
    Response ten = client.upload(MESSAGES, content("files").toString(), 10);
    assertAccepted(ten);
    assertThat(discord.calls().get(discord.calls().size() - 1).files()).hasSize(10);
  }

  @Test
  void anEmptyMessageCannotBeSent() {
    for (ObjectNode empty :
        new ObjectNode[] {JSON.createObjectNode(), content(""), content("  \n "), emptyArrays()}) {
      Response refused = post(empty);
      assertThat(refused.status()).as("%s", empty).isEqualTo(400);
      assertThat(refused.code()).isEqualTo(50006);
      assertThat(refused.body().path("message").asText()).isEqualTo("Cannot send an empty message");
    }
    ObjectNode embedOnly = content("");
    embedOnly.putArray("embeds").addObject().put("description", "d");
    assertAccepted(post(embedOnly));
    ObjectNode buttonsOnly = withRows(1, 1);
    buttonsOnly.remove("content");
    assertAccepted(post(buttonsOnly));
    assertAccepted(client.upload(MESSAGES, content("").toString(), 1));
  }
}
