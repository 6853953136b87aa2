package coach.discord;

import static coach.discord.DiscordDailyTest.MEMBER;
import static coach.discord.DiscordDailyTest.ORGANISER;
import static coach.discord.DiscordDailyTest.POSTS;
import static coach.discord.DiscordDailyTest.TUNING;
import static coach.discord.DiscordDailyTest.WAIT;
import static coach.discord.DiscordDailyTest.callbackOf;
import static coach.discord.DiscordDailyTest.followUpOf;
import static coach.discord.DiscordDailyTest.options;
import static coach.discord.FakeDiscord.inDm;
import static coach.discord.FakeDiscord.postTo;
import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.DailyPrompts;
import coach.core.daily.RetryPolicy;
import coach.core.schedule.Scheduling;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.discord.FakeDiscord.Call;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's own prompts on Discord, end to end: {@code /coach prompt add} opens the prompt form,
 * an organiser's submission is added at once, a member's is posted in the channel with Approve and
 * Reject buttons that only organisers may use, and the author hears the decision by DM. The real
 * JDA client against the loopback fake, a real {@link DailyPrompts} on SQLite.
 */
class DiscordPromptTest {

  static final String SCENARIO =
      "We run a bike-sharing network and want to predict which docking stations will be empty in"
          + " the next hour so vans can rebalance bikes.";

  @TempDir Path folder;
  final MutableClock clock = new MutableClock(DiscordDailyTest.MONDAY);
  FakeDiscord discord;
  FakeDiscordGuild guild;
  Database database;
  Curriculum curriculum;
  Scheduling scheduling;
  DailyPrompts daily;
  DiscordAdapter adapter;

  @BeforeEach
  void setUp() {
    discord = new FakeDiscord();
    discord.withGuild();
    guild = new FakeDiscordGuild(discord);
    database = TestDatabases.sqlite(folder);
    curriculum = CurriculumLoader.loadDefault(); // custom prompts join it: one per test
    scheduling = Scheduling.create(database, "discord-" + UUID.randomUUID());
    Coach coach =
        new Coach(
            database, curriculum, new ConceptIdDetector(curriculum), clock, ZoneId.of("UTC"), 1);
    daily =
        new DailyPrompts(
            database,
            curriculum,
            new ConceptIdDetector(curriculum),
            clock,
            ZoneOffset.UTC,
            new DailyPrompts.Settings(Duration.ofHours(3), Set.of(), RetryPolicy.DEFAULT),
            scheduling);
    adapter =
        DiscordAdapter.start(
            coach,
            curriculum,
            Optional.of(daily),
            new DiscordAdapter.Settings(
                FakeDiscord.TOKEN,
                Optional.of(discord.apiUrl()),
                Optional.of(discord.gatewayUrl()),
                Optional.empty(),
                false),
            TUNING);
    discord.awaitConnected(WAIT);
    guild.everyoneMay(FakeDiscordGuild.INVITE_PERMISSIONS);
    guild.addOrganiserRole();
  }

  @AfterEach
  void tearDown() {
    try {
      assertThat(discord.refusals()).as("requests Discord would have refused").isEmpty();
    } finally {
      adapter.close();
      scheduling.close();
      discord.close();
      database.close();
    }
  }

  /** The ephemeral answer to an interaction (its first follow-up), allowing no mentions. */
  Call answer(String interactionId) {
    Call call = discord.awaitCalls(followUpOf(interactionId), 1, WAIT).get(0);
    assertThat(call.ephemeral()).as("ephemeral").isTrue();
    assertThat(call.body().path("allowed_mentions").path("parse")).isEmpty();
    return call;
  }

  static Map<String, String> form(String title, String scenario, String facts, String concepts) {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("title", title);
    inputs.put("scenario", scenario);
    inputs.put("facts", facts);
    inputs.put("concepts", concepts);
    return inputs;
  }

  /** {@code /coach prompt add}, then the form submitted; returns the answer's text. */
  String addThroughForm(String user, boolean organiser, Map<String, String> inputs) {
    String command = guild.prompt(user, organiser, "add", Map.of());
    Call modal = discord.awaitCalls(callbackOf(command), 1, WAIT).get(0);
    assertThat(modal.body().path("type").asInt()).as("a modal").isEqualTo(9);
    String formId = modal.body().path("data").path("custom_id").asText();
    return answer(guild.submitForm(user, organiser, formId, inputs)).text();
  }

  /** {@code /coach prompt list}: its answer doubles as a sentinel for what came before. */
  String list(String user) {
    return answer(guild.prompt(user, false, "list", Map.of())).text();
  }

  int customPrompts() {
    return database.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM custom_prompts").mapTo(Integer.class).one());
  }

  /** A member's suggestion, as posted in the channel. */
  Call suggest() {
    String text =
        addThroughForm(
            MEMBER, false, form("Empty bike docks", "@everyone " + SCENARIO, "scale: 800", ""));
    assertThat(text).contains("for an organiser to approve");
    return discord.awaitCalls(postTo(POSTS), 1, WAIT).get(0);
  }

  @Test
  void theRegisteredCommandHasThePromptGroup() {
    Call register =
        discord.awaitCalls(c -> c.path().equals("applications/900/commands"), 1, WAIT).get(0);
    JsonNode group = null;
    for (JsonNode option : register.body().get(0).path("options")) {
      if (option.path("name").asText().equals("prompt")) {
        group = option;
      }
    }
    assertThat(group).isNotNull();
    assertThat(group.path("type").asInt()).as("sub-command group").isEqualTo(2);
    assertThat(group.path("options").findValuesAsText("name"))
        .contains("add", "list", "remove", "id");
  }

  @Test
  void theFormAsksForATitleAScenarioAndOptionalFactsAndConcepts() {
    String command = guild.prompt(MEMBER, false, "add", Map.of());
    JsonNode modal = discord.awaitCalls(callbackOf(command), 1, WAIT).get(0).body().path("data");
    assertThat(modal.path("title").asText().length()).isBetween(1, 45);
    assertThat(modal.path("custom_id").asText()).isEqualTo("prompt-add");
    assertThat(modal.path("components").findValuesAsText("custom_id"))
        .containsExactly("title", "scenario", "facts", "concepts");
    List<JsonNode> inputs = modal.findParents("style");
    assertThat(inputs).hasSize(4);
    assertThat(inputs.get(0).path("max_length").asInt()).isEqualTo(80);
    assertThat(inputs.get(1).path("style").asInt()).as("scenario: a paragraph").isEqualTo(2);
    assertThat(inputs.get(2).path("required").asBoolean(true)).as("facts optional").isFalse();
    assertThat(inputs.get(3).path("required").asBoolean(true)).as("concepts optional").isFalse();
    for (JsonNode label : modal.findParents("label")) {
      assertThat(label.path("label").asText().length()).isBetween(1, 45);
    }
  }

  @Test
  void anOrganisersFormAddsThePromptAtOnce() {
    String text =
        addThroughForm(
            ORGANISER,
            true,
            form(
                "Empty bike docks",
                SCENARIO,
                "scale: 800 stations\nlabels: a dock is empty when it has 0 bikes",
                "data.label_delay"));

    assertThat(text).contains("Added `custom-").contains("Empty bike docks");
    String id = text.substring(text.indexOf("custom-"), text.indexOf("custom-") + 15);
    var prompt = curriculum.prompt(id).orElseThrow();
    assertThat(prompt.brief()).isEqualTo(SCENARIO);
    assertThat(prompt.fact("scale").orElseThrow().answer()).isEqualTo("800 stations");
    assertThat(list(MEMBER)).contains(id).contains("approved");
    assertThat(discord.calls(postTo(POSTS))).as("nothing posted in the channel").isEmpty();
  }

  @Test
  void aMembersSuggestionIsPostedInTheChannelWithApproveAndReject() {
    Call post = suggest();

    assertThat(post.text()).contains("Suggested prompt: Empty bike docks").contains("bike-sharing");
    assertThat(post.body().path("allowed_mentions").path("parse")).as("no pings").isEmpty();
    List<String> buttons = post.customIds();
    assertThat(buttons).hasSize(2);
    assertThat(buttons.get(0)).startsWith("prompt-approve:custom-");
    String id = buttons.get(0).substring("prompt-approve:".length());
    assertThat(buttons.get(1)).isEqualTo("prompt-reject:" + id);
    assertThat(curriculum.prompt(id)).as("not approved yet").isEmpty();
    assertThat(list(MEMBER)).contains(id).contains("suggested");
  }

  @Test
  void aNonOrganisersApproveIsRefused() {
    Call post = suggest();
    String approve = post.customIds().get(0);
    String id = approve.substring("prompt-approve:".length());

    String refused = answer(guild.clickAs(MEMBER, false, post.id(), approve)).text();

    assertThat(refused).contains("Only organisers");
    assertThat(curriculum.prompt(id)).isEmpty();
    assertThat(list(MEMBER)).contains("suggested");
    assertThat(discord.calls(inDm(MEMBER))).as("no DM").isEmpty();
  }

  @Test
  void anOrganisersApproveDmsTheAuthorAndThePromptCanBeScheduled() {
    Call post = suggest();
    String approve = post.customIds().get(0);
    String id = approve.substring("prompt-approve:".length());

    assertThat(answer(guild.clickAs(ORGANISER, true, post.id(), approve)).text())
        .contains("Approved: Empty bike docks");

    Call dm = discord.awaitCalls(inDm(MEMBER), 1, WAIT).get(0);
    assertThat(dm.text()).contains("was approved").contains(id);
    assertThat(dm.body().path("allowed_mentions").path("parse")).isEmpty();
    assertThat(curriculum.prompt(id)).isPresent();
    String set =
        answer(
                guild.daily(
                    ORGANISER, true, "set", options("time", "09:00", "zone", "UTC", "prompts", id)))
            .text();
    assertThat(set).contains("09:00").contains("Empty bike docks");
    assertThat(answer(guild.clickAs(ORGANISER, true, post.id(), post.customIds().get(1))).text())
        .contains("approved already");
  }

  @Test
  void aBadDraftGetsTheFixItSentenceAndStoresNothing() {
    String text =
        addThroughForm(ORGANISER, true, form("Empty bike docks", SCENARIO, "weather: sunny", ""));

    assertThat(text).contains("`weather: sunny` isn't one").contains("prompt add");
    assertThat(customPrompts()).isZero();
    assertThat(list(ORGANISER)).contains("no prompts of its own");
    assertThat(discord.calls(postTo(POSTS))).isEmpty();
  }
}
