package coach.discord;

import static coach.discord.FakeDiscord.accepted;
import static coach.discord.FakeDiscord.inDm;
import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.testing.PlatformConversationContract;
import coach.core.testing.PlatformDriver;
import coach.discord.FakeDiscord.Call;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The platform-neutral conversation, held through the real JDA client and a loopback Discord. */
class DiscordConversationTest extends PlatformConversationContract {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Override
  protected PlatformDriver connect(Coach coach) {
    // JDA's message defaults are JVM-wide: start from the library's own, so that only what the
    // adapter sets on each message keeps it from pinging.
    NoPings.resetJdaDefaults();
    FakeDiscord discord = new FakeDiscord();
    DiscordAdapter adapter =
        DiscordAdapter.start(
            coach,
            CURRICULUM,
            new DiscordAdapter.Settings(
                FakeDiscord.TOKEN,
                Optional.of(discord.apiUrl()),
                Optional.of(discord.gatewayUrl()),
                Optional.empty()),
            DiscordAdapterTest.tuning());
    discord.awaitConnected(WAIT);
    return new DiscordDriver(discord, adapter);
  }

  /**
   * User "u1" is Discord user 42001, whose DM channel is 542001. Every step (a DM, a click, a
   * redelivery) ends with a sentinel: one more ordinary DM ({@code timezone sentinel-N}) whose own
   * reply, found by its text, is awaited. A user's events are handled on one lane in order, so once
   * the sentinel is answered everything the step caused (a duplicate included) has been posted; the
   * step's replies are the DM's messages between the previous sentinel's reply and this one's. Then
   * every request the bot made must have been accepted (none refused by Discord's rules), and every
   * message must carry {@code allowed_mentions} that ping no one.
   */
  private static final class DiscordDriver implements PlatformDriver {

    /** Marks the sentinels' replies, which {@link #messagesTo} leaves out. */
    private static final String SENTINEL = "sentinel-";

    /** What Discord turns into a notification when the message allows it. */
    private static final Pattern MENTION = Pattern.compile("@everyone|@here|<@!?&?[0-9]+>");

    private final FakeDiscord discord;
    private final DiscordAdapter adapter;
    private final AtomicInteger sentinels = new AtomicInteger();
    private final Map<String, String[]> lastDm = new ConcurrentHashMap<>();

    DiscordDriver(FakeDiscord discord, DiscordAdapter adapter) {
      this.discord = discord;
      this.adapter = adapter;
    }

    private static String discordId(String user) {
      return "4200" + user.replaceAll("[^0-9]", "");
    }

    @Override
    public String storedUserId(String user) {
      return "discord:" + discordId(user);
    }

    @Override
    public BotMessage say(String user, String text) {
      int before = messagesTo(user).size();
      String id = discord.nextId();
      lastDm.put(user, new String[] {id, text});
      discord.dm(discordId(user), text, id, false);
      List<BotMessage> replies = settle(user, before, "the DM '" + text + "'");
      assertThat(replies).as("the bot's answer to '%s'", text).isNotEmpty();
      return replies.get(0);
    }

    @Override
    public BotMessage press(String user, BotMessage message, String actionId) {
      int before = messagesTo(user).size();
      Call posted = (Call) message.raw();
      String interaction =
          discord.click(discord.nextId(), discordId(user), false, posted.id(), actionId);
      String what = "a click on " + actionId;
      // The click is acknowledged at once (a deferred edit), apart from the user's lane.
      Predicate<Call> acks = DiscordAdapterHarness.callbackOf(interaction);
      FakeDiscord.await(
          () -> !discord.calls(acks).isEmpty(), WAIT, "the acknowledgement of " + what);
      List<BotMessage> replies = settle(user, before, what);
      assertThat(discord.calls(acks))
          .as("acknowledgements of %s", what)
          .singleElement()
          .satisfies(ack -> assertThat(ack.accepted()).isTrue());
      assertThat(replies).as("the bot's answer to %s", what).isNotEmpty();
      return replies.get(0);
    }

    /** The gateway sends the last DM's MESSAGE_CREATE again, with the same message id. */
    @Override
    public void redeliverLast(String user) {
      int before = messagesTo(user).size();
      String[] last = lastDm.get(user);
      discord.dm(discordId(user), last[1], last[0], false);
      settle(user, before, "the redelivery of message " + last[0]);
    }

    /** The DM's messages Discord accepted, the sentinels' replies left out. */
    @Override
    public List<BotMessage> messagesTo(String user) {
      return discord.calls(accepted(inDm(discordId(user)))).stream()
          .filter(c -> !c.text().contains(SENTINEL))
          .map(DiscordDriver::message)
          .toList();
    }

    @Override
    public boolean couldPing(BotMessage message) {
      JsonNode body = ((Call) message.raw()).body();
      JsonNode allowed = body.path("allowed_mentions");
      if (allowed.isMissingNode()) {
        // Without allowed_mentions Discord parses every mention in the content.
        return MENTION.matcher(body.path("content").asText()).find();
      }
      return !allowed.path("parse").isEmpty()
          || !allowed.path("users").isEmpty()
          || !allowed.path("roles").isEmpty()
          || (allowed.path("replied_user").asBoolean(false) && body.has("message_reference"));
    }

    @Override
    public void close() {
      adapter.close();
      discord.close();
    }

    /**
     * Sends the sentinel, waits until Discord has accepted its reply (which quotes the word),
     * checks every request so far, and returns the DM's messages after the first {@code before}.
     */
    private List<BotMessage> settle(String user, int before, String what) {
      String word = SENTINEL + sentinels.incrementAndGet();
      discord.dm(discordId(user), "timezone " + word, discord.nextId(), false);
      Predicate<Call> reply =
          accepted(inDm(discordId(user))).and(c -> c.text().contains("`" + word + "`"));
      discord.awaitCalls(reply, 1, WAIT);
      assertThat(discord.refusals()).as("requests Discord refused, after %s", what).isEmpty();
      assertThat(discord.calls())
          .as("requests the bot made, after %s: all accepted", what)
          .allMatch(Call::accepted);
      for (Call call : discord.calls(c -> c.method().equals("POST") && sendsAMessage(c))) {
        NoPings.assertCannotPing(call.body());
      }
      List<BotMessage> dm = messagesTo(user);
      List<BotMessage> replies = List.copyOf(dm.subList(before, dm.size()));
      assertThat(replies.stream().map(BotMessage::text).filter(t -> !t.isEmpty()))
          .as("the bot's messages after %s: none twice", what)
          .doesNotHaveDuplicates();
      return replies;
    }

    /** A new message in a channel, or an interaction's follow-up. */
    private static boolean sendsAMessage(Call call) {
      return call.path().matches("channels/[0-9]+/messages") || call.path().startsWith("webhooks/");
    }

    private static BotMessage message(Call call) {
      return new BotMessage(call.text(), call.customIds(), call.files(), call);
    }
  }
}
