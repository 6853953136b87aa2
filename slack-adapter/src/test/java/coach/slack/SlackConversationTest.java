package coach.slack;

import coach.core.Coach;
import coach.core.testing.PlatformConversationContract;
import coach.core.testing.PlatformDriver;
import coach.slack.FakeSlack.Call;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** The platform-neutral conversation, held through the real Bolt app and a loopback Slack. */
class SlackConversationTest extends PlatformConversationContract {

  @Override
  protected PlatformDriver connect(Coach coach) {
    FakeSlack slack = new FakeSlack();
    SlackAdapter adapter =
        SlackAdapter.start(
            coach,
            new SlackAdapter.Settings(
                FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
            new SlackAdapter.Tuning(4, 1000, 100, Duration.ofMillis(20)));
    slack.awaitConnected(Duration.ofSeconds(10));
    return new SlackDriver(slack, adapter);
  }

  /** Users "u1" are Slack users "UU1" in workspace T1, with DM channel "DUU1". */
  private static final class SlackDriver implements PlatformDriver {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What Slack would turn into a notification: channel-wide or user/group mentions. */
    private static final Pattern PING =
        Pattern.compile("<!(channel|here|everyone)[|>]|<@[UW]|<!subteam\\^");

    private final FakeSlack slack;
    private final SlackAdapter adapter;
    private final AtomicInteger events = new AtomicInteger();
    private final Map<String, String[]> lastDm = new ConcurrentHashMap<>();

    SlackDriver(FakeSlack slack, SlackAdapter adapter) {
      this.slack = slack;
      this.adapter = adapter;
    }

    private static String slackId(String user) {
      return "U" + user.toUpperCase(java.util.Locale.ROOT);
    }

    private static String dm(String user) {
      return "D" + slackId(user);
    }

    @Override
    public String storedUserId(String user) {
      return "slack:T1:" + slackId(user);
    }

    @Override
    public BotMessage say(String user, String text) {
      int before = posts(user).size();
      int n = events.incrementAndGet();
      String[] ids = {"Ev" + n, "msg-" + n, text};
      lastDm.put(user, ids);
      slack.awaitAck(slack.dm(slackId(user), text, ids[0], ids[1]), WAIT);
      return message(awaitPosts(user, before + 1).get(before));
    }

    @Override
    public BotMessage press(String user, BotMessage message, String actionId) {
      int before = posts(user).size();
      Call posted = (Call) message.raw();
      String ts = posted.response().path("ts").asText();
      String click =
          slack.click(slackId(user), dm(user), ts, actionId, "9." + events.incrementAndGet());
      slack.awaitAck(click, WAIT);
      return message(awaitPosts(user, before + 1).get(before));
    }

    @Override
    public void redeliverLast(String user) {
      String[] ids = lastDm.get(user);
      slack.awaitAck(slack.dm(slackId(user), ids[2], ids[0], ids[1]), WAIT);
    }

    @Override
    public List<BotMessage> messagesTo(String user) {
      Map<String, String> fileNames = new ConcurrentHashMap<>();
      for (Call call : slack.calls("files.getUploadURLExternal")) {
        fileNames.put(call.response().path("file_id").asText(), call.param("filename"));
      }
      List<BotMessage> messages = new ArrayList<>();
      for (Call call : slack.calls()) {
        if (call.method().equals("chat.postMessage") && call.param("channel").equals(dm(user))) {
          messages.add(message(call));
        } else if (call.method().equals("files.completeUploadExternal")
            && call.param("channel_id").equals(dm(user))) {
          List<String> names = new ArrayList<>();
          call.json("files").forEach(f -> names.add(fileNames.get(f.path("id").asText())));
          messages.add(new BotMessage("", List.of(), names, call));
        }
      }
      return messages;
    }

    @Override
    public boolean couldPing(BotMessage message) {
      Call call = (Call) message.raw();
      return PING.matcher(call.param("text")).find() || PING.matcher(call.param("blocks")).find();
    }

    @Override
    public void close() {
      adapter.close();
      slack.close();
    }

    private List<Call> posts(String user) {
      return slack.calls("chat.postMessage", c -> c.param("channel").equals(dm(user)));
    }

    private List<Call> awaitPosts(String user, int count) {
      return slack.awaitCalls(
          "chat.postMessage", c -> c.param("channel").equals(dm(user)), count, WAIT);
    }

    private static BotMessage message(Call call) {
      List<String> actionIds = new ArrayList<>();
      JsonNode blocks = call.json("blocks");
      for (JsonNode block : blocks) {
        if (block.path("type").asText().equals("actions")) {
          block.path("elements").forEach(e -> actionIds.add(e.path("action_id").asText()));
        }
      }
      return new BotMessage(call.param("text"), actionIds, List.of(), call);
    }
  }
}
