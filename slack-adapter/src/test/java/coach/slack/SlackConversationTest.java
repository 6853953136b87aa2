package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.testing.PlatformConversationContract;
import coach.core.testing.PlatformDriver;
import coach.slack.FakeSlack.Call;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The platform-neutral conversation, held through the real Bolt app and a loopback Slack that keeps
 * Slack's rate limits: the adapter runs with its default pace (a burst of 3, then one message a
 * second per channel) on a virtual clock it shares with the fake, so pacing is exercised end to end
 * without real waits, and a message sent too early would be refused with a 429.
 */
class SlackConversationTest extends PlatformConversationContract {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Override
  protected PlatformDriver connect(Coach coach) {
    FakeSlack slack = new FakeSlack();
    AtomicLong nanos = new AtomicLong(1_000_000_000L);
    slack.clock(nanos::get);
    SlackAdapter.Time virtual =
        new SlackAdapter.Time(nanos::get, duration -> nanos.addAndGet(duration.toNanos()));
    SlackAdapter adapter =
        SlackAdapter.start(
            coach,
            new SlackAdapter.Settings(
                FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
            SlackAdapter.Tuning.defaults(),
            virtual);
    slack.awaitConnected(WAIT);
    // after startup: opening the socket takes apps.connections.open (Tier 1) more than once
    slack.enforceRateLimits(SlackAdapter.Tuning.defaults().burst());
    return new SlackDriver(slack, adapter);
  }

  /**
   * Users "u1" are Slack users "UU1" in workspace T1, with DM channel "DUU1". Every step (a DM, a
   * click, a redelivery) ends with a sentinel: one more ordinary DM ({@code timezone sentinel-N})
   * whose own reply, found by its text, is awaited. A user's events are answered in order, so once
   * the sentinel is answered, everything the step caused (a duplicate or a late file included) has
   * been posted; the step's replies are the DM's messages between the previous sentinel's reply and
   * this one's. Then nothing may have been refused by Slack's rules (a 429 included), no envelope
   * may lack a timely ack, and no text may notify anyone.
   */
  private static final class SlackDriver implements PlatformDriver {

    /** Marks the sentinels' replies, which {@link #messagesTo} leaves out. */
    private static final String SENTINEL = "sentinel-";

    private final FakeSlack slack;
    private final SlackAdapter adapter;
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicInteger sentinels = new AtomicInteger();
    private final Map<String, String> lastDmEnvelope = new ConcurrentHashMap<>();

    SlackDriver(FakeSlack slack, SlackAdapter adapter) {
      this.slack = slack;
      this.adapter = adapter;
    }

    private static String slackId(String user) {
      return "U" + user.toUpperCase(Locale.ROOT);
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
      List<BotMessage> replies =
          step(
              user,
              "the DM '" + text + "'",
              () -> {
                String envelope = sendDm(user, text);
                lastDmEnvelope.put(user, envelope);
                return envelope;
              });
      assertThat(replies).as("the bot's answer to '%s'", text).isNotEmpty();
      return replies.get(0);
    }

    @Override
    public BotMessage press(String user, BotMessage message, String actionId) {
      String ts = ((Call) message.raw()).response().path("ts").asText();
      List<BotMessage> replies =
          step(
              user,
              "a click on " + actionId,
              () ->
                  slack.click(
                      slackId(user), dm(user), ts, actionId, "9." + events.incrementAndGet()));
      assertThat(replies).as("the bot's answer to a click on %s", actionId).isNotEmpty();
      return replies.get(0);
    }

    /** Slack's retry of the last DM's envelope: a new envelope id, {@code retry_attempt} 1. */
    @Override
    public void redeliverLast(String user) {
      String envelope = lastDmEnvelope.get(user);
      step(user, "the redelivery of " + envelope, () -> slack.redeliver(envelope));
    }

    /** The DM's chat messages and file shares Slack accepted, the sentinels' replies left out. */
    @Override
    public List<BotMessage> messagesTo(String user) {
      Map<String, String> fileNames = new ConcurrentHashMap<>();
      for (Call call : slack.calls("files.getUploadURLExternal")) {
        fileNames.put(call.response().path("file_id").asText(), call.param("filename"));
      }
      List<BotMessage> messages = new ArrayList<>();
      for (Call call : slack.calls()) {
        if (call.refused()) {
          continue;
        }
        if (call.method().equals("chat.postMessage")
            && call.param("channel").equals(dm(user))
            && !call.param("text").contains(SENTINEL)) {
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

    /** By Slack's own parsing rules, as the fake applies them ({@link SlackMessageRules}). */
    @Override
    public boolean couldPing(BotMessage message) {
      return !SlackMessageRules.pings(((Call) message.raw()).params()).isEmpty();
    }

    @Override
    public void close() {
      adapter.close();
      slack.close();
    }

    /**
     * Sends one event (its envelope id from {@code send}), waits for its ack, settles with a
     * sentinel, checks what Slack saw, and returns the messages the event caused in the DM.
     */
    private List<BotMessage> step(String user, String what, Supplier<String> send) {
      int before = messagesTo(user).size();
      slack.awaitAck(send.get(), WAIT);
      settle(user);
      assertThat(slack.refused()).as("calls Slack refused, after %s", what).isEmpty();
      assertThat(slack.ackProblems()).as("envelopes not acked in time, after %s", what).isEmpty();
      assertThat(slack.pings()).as("text that would notify someone, after %s", what).isEmpty();
      List<BotMessage> dm = messagesTo(user);
      List<BotMessage> replies = List.copyOf(dm.subList(before, dm.size()));
      assertThat(replies.stream().map(BotMessage::text).filter(t -> !t.isEmpty()))
          .as("the bot's messages after %s: none twice", what)
          .doesNotHaveDuplicates();
      return replies;
    }

    /** Sends the sentinel and waits until Slack has accepted its reply (which quotes the word). */
    private void settle(String user) {
      String word = SENTINEL + sentinels.incrementAndGet();
      slack.awaitAck(sendDm(user, "timezone " + word), WAIT);
      Predicate<Call> reply =
          c ->
              !c.refused()
                  && c.param("channel").equals(dm(user))
                  && c.param("text").contains("`" + word + "`");
      slack.awaitCalls("chat.postMessage", reply, 1, WAIT);
    }

    private String sendDm(String user, String text) {
      int n = events.incrementAndGet();
      return slack.dm(slackId(user), text, "Ev" + n, "msg-" + n);
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
