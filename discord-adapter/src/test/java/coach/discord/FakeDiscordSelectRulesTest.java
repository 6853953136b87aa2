package coach.discord;

import static coach.discord.FakeDiscordMessageRulesTest.assertAccepted;
import static coach.discord.FakeDiscordMessageRulesTest.assertInvalidFormBody;
import static coach.discord.FakeDiscordMessageRulesTest.content;

import coach.discord.RawDiscordClient.Response;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback Discord refuses string select menus as Discord documents it: each rule refused just
 * over its limit and accepted at it, over plain HTTP.
 */
class FakeDiscordSelectRulesTest {

  final FakeDiscord discord = new FakeDiscord();
  final RawDiscordClient client = new RawDiscordClient(discord);

  @AfterEach
  void stop() {
    client.close();
    discord.close();
  }

  Response post(ObjectNode body) {
    return client.rest("POST", FakeDiscordMessageRulesTest.MESSAGES, body.toString());
  }

  /** A message with one row holding one menu of {@code options} options, any number of them. */
  static ObjectNode withMenu(int options) {
    ObjectNode body = content("tick what they covered");
    ObjectNode menu = row(body).addObject();
    menu.put("type", 3).put("custom_id", "menu").put("min_values", 0);
    menu.put("max_values", Math.max(1, options));
    ArrayNode list = menu.putArray("options");
    for (int i = 0; i < options; i++) {
      list.addObject().put("label", "Concept " + i).put("value", "c" + i);
    }
    return body;
  }

  static ArrayNode row(ObjectNode body) {
    return body.putArray("components").addObject().put("type", 1).putArray("components");
  }

  static ObjectNode menu(ObjectNode body) {
    return (ObjectNode) body.path("components").get(0).path("components").get(0);
  }

  @Test
  void aMenuFillsItsRowAlone() {
    ObjectNode shared = withMenu(2);
    ((ArrayNode) shared.path("components").get(0).path("components"))
        .addObject()
        .put("type", 2)
        .put("style", 1)
        .put("label", "Send")
        .put("custom_id", "send");
    assertInvalidFormBody(post(shared), "components", "0", "components", "0");
    assertAccepted(post(withMenu(2)));
  }

  @Test
  void aMenuHas1To25Options() {
    assertInvalidFormBody(post(withMenu(0)), "components", "0", "components", "0", "options");
    ObjectNode many = withMenu(26);
    menu(many).put("max_values", 25);
    assertInvalidFormBody(post(many), "components", "0", "components", "0", "options");
    assertAccepted(post(withMenu(25)));
  }

  @Test
  void anOptionsLabelAndValueHave1To100Characters() {
    for (String field : new String[] {"label", "value"}) {
      ObjectNode body = withMenu(1);
      ((ObjectNode) menu(body).path("options").get(0)).put(field, "x".repeat(101));
      assertInvalidFormBody(
          post(body), "components", "0", "components", "0", "options", "0", field);
      ((ObjectNode) menu(body).path("options").get(0)).put(field, "");
      assertInvalidFormBody(
          post(body), "components", "0", "components", "0", "options", "0", field);
      ((ObjectNode) menu(body).path("options").get(0)).put(field, "x".repeat(100));
      assertAccepted(post(body));
    }
  }

  @Test
  void maxValuesIsAtMostTheNumberOfOptionsAndNotBelowMinValues() {
    ObjectNode tooMany = withMenu(3);
    menu(tooMany).put("max_values", 4);
    assertInvalidFormBody(post(tooMany), "components", "0", "components", "0", "max_values");
    ObjectNode belowMin = withMenu(3);
    menu(belowMin).put("min_values", 3).put("max_values", 2);
    assertInvalidFormBody(post(belowMin), "components", "0", "components", "0", "max_values");
    ObjectNode all = withMenu(3);
    menu(all).put("min_values", 3).put("max_values", 3);
    assertAccepted(post(all));
  }

  @Test
  void thePlaceholderHasAtMost150Characters() {
    ObjectNode long1 = withMenu(1);
    menu(long1).put("placeholder", "p".repeat(151));
    assertInvalidFormBody(post(long1), "components", "0", "components", "0", "placeholder");
    menu(long1).put("placeholder", "p".repeat(150));
    assertAccepted(post(long1));
  }
}
