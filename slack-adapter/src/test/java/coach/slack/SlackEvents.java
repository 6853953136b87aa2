package coach.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Payloads of the envelopes FakeSlack sends, shaped like Slack's (team T1, app A1, bot UBOT). */
final class SlackEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackEvents() {}

  /** A DM {@code message} event from {@code user} in channel {@code D}+user. */
  static ObjectNode dm(String user, String text, String ts, String clientMsgId) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("type", "message")
        .put("channel_type", "im")
        .put("channel", "D" + user)
        .put("user", user)
        .put("team", "T1")
        .put("text", text)
        .put("ts", ts)
        .put("event_ts", ts);
    if (clientMsgId != null) {
      event.put("client_msg_id", clientMsgId);
    }
    return event;
  }

  /**
   * A {@code message_changed} event: {@code user} edited a DM from {@code before} to {@code after}.
   */
  static ObjectNode edit(
      String user, String clientMsgId, String ts, String editTs, String before, String after) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("type", "message")
        .put("subtype", "message_changed")
        .put("channel_type", "im")
        .put("channel", "D" + user)
        .put("hidden", true)
        .put("ts", editTs)
        .put("event_ts", editTs);
    ObjectNode message = event.putObject("message");
    message
        .put("type", "message")
        .put("user", user)
        .put("team", "T1")
        .put("text", after)
        .put("client_msg_id", clientMsgId)
        .put("ts", ts);
    message.putObject("edited").put("user", user).put("ts", editTs);
    event
        .putObject("previous_message")
        .put("type", "message")
        .put("user", user)
        .put("text", before)
        .put("client_msg_id", clientMsgId)
        .put("ts", ts);
    return event;
  }

  static ObjectNode appHomeOpened(String user, String eventTs) {
    ObjectNode event = JSON.createObjectNode();
    return event
        .put("type", "app_home_opened")
        .put("user", user)
        .put("channel", "D" + user)
        .put("tab", "home")
        .put("event_ts", eventTs);
  }

  /** The {@code event_callback} wrapper of an Events API envelope. */
  static ObjectNode eventCallback(String eventId, ObjectNode event) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("token", "legacy")
        .put("team_id", "T1")
        .put("api_app_id", "A1")
        .put("type", "event_callback")
        .put("event_id", eventId)
        .put("event_time", 1_700_000_000);
    payload.set("event", event);
    payload.putArray("authorizations").addObject().put("team_id", "T1").put("user_id", "UBOT");
    return payload;
  }

  /** A {@code /coach} slash command payload. */
  static ObjectNode slash(
      String user, String channel, String text, String triggerId, String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    return payload
        .put("token", "legacy")
        .put("team_id", "T1")
        .put("team_domain", "team-one")
        .put("channel_id", channel)
        .put("channel_name", channel.startsWith("D") ? "directmessage" : "general")
        .put("user_id", user)
        .put("user_name", user.toLowerCase())
        .put("command", "/coach")
        .put("text", text)
        .put("api_app_id", "A1")
        .put("response_url", responseUrl)
        .put("trigger_id", triggerId);
  }

  /** A {@code block_actions} payload: a click on a button of a message in {@code channel}. */
  static ObjectNode click(
      String user,
      String channel,
      String messageTs,
      String actionId,
      String actionTs,
      String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("type", "block_actions")
        .put("api_app_id", "A1")
        .put("trigger_id", "tr-" + actionTs);
    payload.putObject("team").put("id", "T1").put("domain", "team-one");
    payload.putObject("user").put("id", user).put("username", "u").put("team_id", "T1");
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", messageTs)
        .put("channel_id", channel)
        .put("is_ephemeral", false);
    payload.putObject("channel").put("id", channel).put("name", "directmessage");
    payload.put("response_url", responseUrl);
    payload
        .putArray("actions")
        .addObject()
        .put("type", "button")
        .put("action_id", actionId)
        .put("block_id", "b1")
        .put("value", actionId)
        .put("action_ts", actionTs)
        .putObject("text")
        .put("type", "plain_text")
        .put("text", "button");
    return payload;
  }

  /**
   * A {@code view_submission} payload: {@code user} submits the modal {@code callbackId} with
   * {@code privateMetadata} and {@code values} ({@code state.values}: block id, then action id).
   */
  static ObjectNode viewSubmission(
      String user, String callbackId, String privateMetadata, ObjectNode values, String viewId) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("type", "view_submission")
        .put("api_app_id", "A1")
        .put("trigger_id", "tr-" + viewId);
    payload.putObject("team").put("id", "T1").put("domain", "team-one");
    payload.putObject("user").put("id", user).put("username", "u").put("team_id", "T1");
    ObjectNode view = payload.putObject("view");
    view.put("id", viewId)
        .put("type", "modal")
        .put("callback_id", callbackId)
        .put("private_metadata", privateMetadata)
        .put("hash", "h-" + viewId);
    view.putObject("state").set("values", values);
    return payload;
  }
}
