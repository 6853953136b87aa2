package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.DailyPrompts;
import coach.core.schedule.Scheduling;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.TestDatabases;
import coach.slack.FakeSlack.Call;
import coach.slack.FakeSlackChannels.Posted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace's own prompts on Slack end to end: the real Bolt app against the loopback fake with
 * team channels, the real core on SQLite. In C1 the bot is a member and UORG its creator (an
 * organiser); UMEM and UOTH are members.
 */
class SlackPromptTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCENARIO =
      "We run a bike-sharing network and want to predict which docking stations will be empty in"
          + " the next hour so vans can rebalance bikes.";
  private static final String DRAFT =
      "Empty bike docks | "
          + SCENARIO
          + " | scale: 800 stations; labels: a dock is empty when it has 0 bikes | data.label_delay";
  private static final Pattern ID = Pattern.compile("custom-[0-9a-f]{8}");

  @TempDir Path folder;
  private Curriculum curriculum; // per test: custom prompts join it
  private FakeSlack slack;
  private FakeSlackChannels channels;
  private Database database;
  private Scheduling scheduling;
  private DailyPrompts daily;
  private Coach coach;
  private SlackAdapter adapter;
  private int events;

  @BeforeEach
  void start() {
    curriculum = CurriculumLoader.loadDefault();
    slack = new FakeSlack();
    channels = new FakeSlackChannels(slack);
    channels.channel("C1", "UORG", true);
    database = TestDatabases.sqlite(folder);
    ConceptIdDetector detector = new ConceptIdDetector(curriculum);
    Clock clock = Clock.systemUTC();
    coach = new Coach(database, curriculum, detector, clock, ZoneId.of("UTC"), 1);
    scheduling = Scheduling.create(database, "slack-prompt-" + UUID.randomUUID());
    daily =
        new DailyPrompts(
            database,
            curriculum,
            detector,
            clock,
            ZoneId.of("UTC"),
            DailyPrompts.Settings.defaults(),
            scheduling);
    adapter =
        SlackAdapter.start(
            coach,
            Optional.of(daily),
            new SlackAdapter.Settings(
                FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
            new SlackAdapter.Tuning(4, 1000, 100, Duration.ofMillis(20)));
    slack.awaitConnected(WAIT);
    scheduling.start(daily);
  }

  @AfterEach
  void stop() {
    try {
      assertThat(slack.pings()).as("text Slack would turn into a notification").isEmpty();
      assertThat(slack.refused()).as("calls Slack refused").isEmpty();
      assertThat(slack.ackProblems()).isEmpty();
    } finally {
      scheduling.close();
      adapter.close();
      slack.close();
      database.close();
    }
  }

  // ---- helpers ----

  /** {@code /coach TEXT} typed by {@code user} in {@code channel}; returns the answer to it. */
  private Call command(String user, String channel, String text) {
    int before = slack.calls("response").size();
    slack.awaitAck(slack.slash(user, channel, text, "trig-" + ++events), WAIT);
    return slack.awaitCalls("response", c -> true, before + 1, WAIT).get(before);
  }

  /** {@code user} presses {@code actionId} under {@code post}; returns the ephemeral answer. */
  private Call press(String user, Posted post, String actionId) {
    int before = slack.calls("chat.postEphemeral").size();
    slack.awaitAck(slack.click(user, post.channel(), post.ts(), actionId, ++events + ".1"), WAIT);
    Call answer = slack.awaitCalls("chat.postEphemeral", c -> true, before + 1, WAIT).get(before);
    assertThat(answer.param("user")).isEqualTo(user);
    assertThat(answer.param("channel")).isEqualTo(post.channel());
    return answer;
  }

  /** UMEM suggests the draft; returns the suggestion as posted in C1. */
  private Posted suggest() {
    Call thanks = command("UMEM", "C1", "prompt add " + DRAFT);
    assertThat(thanks.param("response_type")).isEqualTo("ephemeral");
    assertThat(thanks.param("text")).contains("Your suggestion is posted here");
    FakeSlack.await(() -> !channels.posted().isEmpty(), WAIT, "no suggestion in C1");
    return channels.posted().get(0);
  }

  private static String id(String text) {
    Matcher m = ID.matcher(text);
    assertThat(m.find()).as("a custom prompt id in: " + text).isTrue();
    return m.group();
  }

  private static Predicate<Call> to(String channel) {
    return c -> c.param("channel").equals(channel);
  }

  private static List<String> actionIds(JsonNode blocks) {
    List<String> ids = new ArrayList<>();
    for (JsonNode block : blocks) {
      if (block.path("type").asText().equals("actions")) {
        block.path("elements").forEach(e -> ids.add(e.path("action_id").asText()));
      }
    }
    return ids;
  }

  private static String action(Posted post, String prefix) {
    return actionIds(post.blocks()).stream()
        .filter(id -> id.startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  private List<String> column(String sql) {
    return TestDatabases.strings(database, sql);
  }

  // ---- tests ----

  @Test
  void anOrganisersPromptIsAddedAtOnceAndCanBePractisedInTheDm() {
    Call added = command("UORG", "C1", "prompt add " + DRAFT);

    assertThat(added.param("response_type")).isEqualTo("ephemeral");
    assertThat(added.param("text")).contains("Added `custom-").contains("Empty bike docks");
    String id = id(added.param("text"));
    assertThat(column("SELECT id || ' ' || state FROM custom_prompts"))
        .containsExactly(id + " approved");
    assertThat(channels.posted()).as("nothing posted in the channel").isEmpty();
    assertThat(command("UMEM", "C1", "prompt list").param("text"))
        .contains(id)
        .contains("Empty bike docks (approved)");

    slack.awaitAck(slack.dm("UMEM", "practice " + id, "EvP1", "cm-p1"), WAIT);
    Call intro = slack.awaitCalls("chat.postMessage", to("DUMEM"), 1, WAIT).get(0);
    assertThat(intro.param("text")).contains("Empty bike docks").contains("Section 1 of");
  }

  @Test
  void aMembersSuggestionIsPostedInTheChannelWithApproveAndRejectButtons() {
    Posted suggestion = suggest();

    String id = id(column("SELECT id FROM custom_prompts").get(0));
    assertThat(suggestion.channel()).isEqualTo("C1");
    assertThat(suggestion.text()).contains("Suggested prompt: Empty bike docks");
    assertThat(actionIds(suggestion.blocks()))
        .anyMatch(a -> a.startsWith("prompt-approve:" + id))
        .anyMatch(a -> a.startsWith("prompt-reject:" + id));
    assertThat(column("SELECT state FROM custom_prompts")).containsExactly("suggested");
  }

  @Test
  void aNonOrganisersApproveIsRefusedAndAnOrganisersApproveDmsTheAuthor() {
    Posted suggestion = suggest();
    String id = id(column("SELECT id FROM custom_prompts").get(0));
    String approve = action(suggestion, "prompt-approve:");

    assertThat(press("UOTH", suggestion, approve).param("text")).contains("Only organisers");
    assertThat(column("SELECT state FROM custom_prompts")).containsExactly("suggested");
    assertThat(slack.calls("chat.postMessage", to("DUMEM"))).isEmpty();

    assertThat(press("UORG", suggestion, approve).param("text"))
        .contains("Approved: Empty bike docks");
    Call dm = slack.awaitCalls("chat.postMessage", to("DUMEM"), 1, WAIT).get(0);
    assertThat(dm.param("text")).contains("Empty bike docks").contains("approved").contains(id);
    assertThat(column("SELECT state || ' ' || decided_by FROM custom_prompts"))
        .containsExactly("approved slack:T1:UORG");

    Call scheduled = command("UORG", "C1", "daily at 09:00 zone UTC prompts " + id);
    assertThat(scheduled.param("text")).contains("Daily prompts are on");
    assertThat(column("SELECT prompt_pool FROM daily_schedules"))
        .singleElement()
        .asString()
        .contains(id);
  }

  @Test
  void anOrganisersRejectTellsTheAuthorAndAddsNothing() {
    Posted suggestion = suggest();
    assertThat(press("UORG", suggestion, action(suggestion, "prompt-reject:")).param("text"))
        .contains("Rejected: Empty bike docks");
    Call dm = slack.awaitCalls("chat.postMessage", to("DUMEM"), 1, WAIT).get(0);
    assertThat(dm.param("text")).contains("was rejected");
    assertThat(column("SELECT state FROM custom_prompts")).containsExactly("rejected");
  }

  @Test
  void aSuggestionQuotingChannelMentionsPingsNoOne() {
    command(
        "UMEM",
        "C1",
        "prompt add Loud <!channel> docks | @here " + SCENARIO + " <!everyone> @channel");
    FakeSlack.await(() -> !channels.posted().isEmpty(), WAIT, "no suggestion in C1");
    assertThat(channels.posted().get(0).text()).contains("Loud").contains("docks");
    // the pings themselves are checked after every test
  }

  @Test
  void aBadDraftGetsTheFixItSentenceAndStoresNothing() {
    Call reply = command("UORG", "C1", "prompt add Hi | too short");

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text"))
        .contains("Give the prompt a title of 3 to 80 characters")
        .contains("prompt add TITLE | SCENARIO");
    assertThat(
            command("UORG", "C1", "prompt add Bike docks | " + SCENARIO + " | weather: rain")
                .param("text"))
        .contains("`topic: fact`");
    assertThat(column("SELECT id FROM custom_prompts")).isEmpty();
    assertThat(channels.posted()).isEmpty();
  }

  @Test
  void aBarePromptAddOpensTheFormAndItsSubmissionAddsThePrompt() {
    slack.awaitAck(slack.slash("UORG", "C1", "prompt add", "trig-form"), WAIT);
    Call open = slack.awaitCalls("views.open", c -> true, 1, WAIT).get(0);
    assertThat(open.param("trigger_id")).isEqualTo("trig-form");
    assertThat(open.response().path("ok").asBoolean()).as("a modal Slack accepts").isTrue();
    JsonNode view = open.json("view");
    assertThat(view.path("callback_id").asText()).isEqualTo("prompt-add");
    assertThat(view.path("private_metadata").asText()).isEqualTo("C1");

    String tooShort = submitPrompt("UORG", "C1", "Hi", "short", "", "");
    slack.awaitAck(tooShort, WAIT);
    JsonNode ack = slack.ackPayload(tooShort).orElseThrow();
    assertThat(ack.path("response_action").asText()).isEqualTo("errors");
    assertThat(ack.path("errors").path("title").asText()).contains("title");
    assertThat(ack.path("errors").path("scenario").asText()).contains("scenario");

    String submitted =
        submitPrompt(
            "UORG", "C1", "Empty bike docks", SCENARIO, "scale: 800 stations", "data.label_delay");
    slack.awaitAck(submitted, WAIT);
    Call answer = slack.awaitCalls("chat.postEphemeral", to("C1"), 1, WAIT).get(0);
    assertThat(answer.param("user")).isEqualTo("UORG");
    assertThat(answer.param("text")).contains("Added `custom-");
    assertThat(column("SELECT title || ' ' || state FROM custom_prompts"))
        .containsExactly("Empty bike docks approved");
  }

  @Test
  void inTheDmThePromptCommandSaysWhereItBelongs() {
    slack.awaitAck(slack.slash("UMEM", "DUMEM", "prompt list", "trig-dm"), WAIT);
    Call reply = slack.awaitCalls("chat.postMessage", to("DUMEM"), 1, WAIT).get(0);
    assertThat(reply.param("text")).contains("in one of its channels");
  }

  /** {@code user} submits the prompt form opened in {@code channel}; returns the envelope id. */
  private String submitPrompt(
      String user, String channel, String title, String scenario, String facts, String concepts) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "view_submission").put("api_app_id", "A1").put("trigger_id", "tr-p");
    payload.putObject("team").put("id", "T1").put("domain", "team-one");
    payload.putObject("user").put("id", user).put("username", "u").put("team_id", "T1");
    ObjectNode view = payload.putObject("view");
    view.put("id", "VP" + ++events)
        .put("type", "modal")
        .put("callback_id", "prompt-add")
        .put("private_metadata", channel)
        .put("hash", "hp-" + events);
    ObjectNode values = view.putObject("state").putObject("values");
    for (String[] field :
        List.of(
            new String[] {"title", title},
            new String[] {"scenario", scenario},
            new String[] {"facts", facts},
            new String[] {"concepts", concepts})) {
      values
          .putObject(field[0])
          .putObject(field[0])
          .put("type", "plain_text_input")
          .put("value", field[1]);
    }
    return slack.send("interactive", payload);
  }
}
