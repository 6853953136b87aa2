package coach.discord;

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
import java.util.regex.Pattern;

/** The platform-neutral conversation, held through the real JDA client and a loopback Discord. */
class DiscordConversationTest extends PlatformConversationContract {

  @Override
  protected PlatformDriver connect(Coach coach) {
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
    discord.awaitConnected(Duration.ofSeconds(10));
    return new DiscordDriver(discord, adapter);
  }

  /** User "u1" is Discord user 42001, whose DM channel is 542001. */
  private static final class DiscordDriver implements PlatformDriver {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What Discord turns into a notification when the message allows it. */
    private static final Pattern MENTION = Pattern.compile("@everyone|@here|<@!?&?[0-9]+>");

    private final FakeDiscord discord;
    private final DiscordAdapter adapter;
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
      int before = discord.calls(FakeDiscord.inDm(discordId(user))).size();
      String id = discord.nextId();
      lastDm.put(user, new String[] {id, text});
      discord.dm(discordId(user), text, id, false);
      return next(user, before);
    }

    @Override
    public BotMessage press(String user, BotMessage message, String actionId) {
      int before = discord.calls(FakeDiscord.inDm(discordId(user))).size();
      Call posted = (Call) message.raw();
      discord.click(discord.nextId(), discordId(user), false, posted.id(), actionId);
      return next(user, before);
    }

    @Override
    public void redeliverLast(String user) {
      String[] last = lastDm.get(user);
      // Gateway events are handled in order, and a user's events queue on one lane: whatever
      // the test sends next is handled after this one.
      discord.dm(discordId(user), last[1], last[0], false);
    }

    @Override
    public List<BotMessage> messagesTo(String user) {
      return discord.calls(FakeDiscord.inDm(discordId(user))).stream()
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

    private BotMessage next(String user, int before) {
      return message(
          discord.awaitCalls(FakeDiscord.inDm(discordId(user)), before + 1, WAIT).get(before));
    }

    private static BotMessage message(Call call) {
      return new BotMessage(call.text(), call.customIds(), call.files(), call);
    }
  }
}
