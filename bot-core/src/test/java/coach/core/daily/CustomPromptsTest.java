package coach.core.daily;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's own prompts: added by organisers, suggested by members, practised and posted. */
class CustomPromptsTest {

  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");
  private static final Sender ORGANISER = new Sender(UserId.slack("T1", "UORG"), "Olga");
  private static final Sender MEMBER = new Sender(UserId.slack("T1", "UMEM"), "Max");
  private static final String SCENARIO =
      "We run a bike-sharing network and want to predict which docking stations will be empty in"
          + " the next hour so vans can rebalance bikes.";

  @TempDir Path folder;
  private Database database;
  private Curriculum curriculum;
  private DailyPrompts daily;
  private final MutableClock clock = MutableClock.at("2026-12-07T06:00:00Z");
  private final AtomicInteger events = new AtomicInteger();

  @BeforeEach
  void setUp() {
    database = TestDatabases.open(folder);
    curriculum = CurriculumLoader.loadDefault();
    daily = start();
  }

  private DailyPrompts start() {
    return new DailyPrompts(
        database,
        curriculum,
        new ConceptIdDetector(curriculum),
        clock,
        ZoneId.of("UTC"),
        DailyPrompts.Settings.defaults(),
        new ManualTriggers());
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  private DailyRequest request(Sender who, boolean organiser, String text) {
    return new DailyRequest(
        CHANNEL, who, "e" + events.incrementAndGet(), text, organiser, Optional::empty);
  }

  private DailyPrompts.PromptOutcome prompt(Sender who, boolean organiser, String text) {
    return daily.promptCommand(request(who, organiser, text)).orElseThrow();
  }

  @Test
  void anOrganisersPromptIsAddedAtOnceAndCanBePractised() {
    String reply =
        prompt(
                ORGANISER,
                true,
                "add Empty bike docks | "
                    + SCENARIO
                    + " | scale: 800 stations; labels: a dock is empty when it has 0 bikes | data.label_delay")
            .reply()
            .plainText();

    assertThat(reply).contains("Added `custom-").contains("Empty bike docks");
    String id = reply.substring(reply.indexOf("custom-"), reply.indexOf("custom-") + 15);
    var added = curriculum.prompt(id).orElseThrow();
    assertThat(added.brief()).isEqualTo(SCENARIO);
    assertThat(added.fact("scale").orElseThrow().answer()).isEqualTo("800 stations");
    assertThat(added.question(curriculum.section(0))).isEqualTo(curriculum.section(0).question());
    Coach coach =
        new Coach(database, curriculum, new ConceptIdDetector(curriculum), clock, ZoneId.of("UTC"));
    String practice =
        coach.handle(new Inbound.Message(MEMBER, "m1", "practice " + id)).orElseThrow().plainText();
    assertThat(practice).contains("Empty bike docks").contains("bike-sharing");
    assertThat(prompt(MEMBER, false, "list").reply().plainText()).contains(id).contains("approved");
  }

  @Test
  void aMembersSuggestionWaitsForAnOrganisersButton() {
    var outcome = prompt(MEMBER, false, "add Empty bike docks | " + SCENARIO);

    assertThat(outcome.reply().plainText()).contains("for an organiser to approve");
    Reply announcement = outcome.channelMessage().orElseThrow();
    List<String> buttons =
        announcement.blocks().stream()
            .filter(b -> b instanceof Reply.Block.Choices)
            .flatMap(b -> ((Reply.Block.Choices) b).choices().stream())
            .map(Reply.Block.Choice::actionId)
            .toList();
    assertThat(buttons).hasSize(2);
    assertThat(buttons.get(0)).startsWith("prompt-approve:custom-");
    String id = buttons.get(0).substring("prompt-approve:".length());
    assertThat(curriculum.prompt(id)).isEmpty();

    var refused = daily.decidePrompt(request(MEMBER, false, buttons.get(0))).orElseThrow();
    assertThat(refused.reply().plainText()).contains("Only organisers");
    assertThat(curriculum.prompt(id)).isEmpty();

    var approved = daily.decidePrompt(request(ORGANISER, true, buttons.get(0))).orElseThrow();
    assertThat(approved.reply().plainText()).contains("Approved");
    assertThat(approved.dmTo()).contains(MEMBER.id());
    assertThat(approved.dm().orElseThrow().plainText()).contains("was approved");
    assertThat(curriculum.prompt(id)).isPresent();
    assertThat(
            daily
                .decidePrompt(request(ORGANISER, true, buttons.get(1)))
                .orElseThrow()
                .reply()
                .plainText())
        .contains("approved already");
  }

  @Test
  void approvedPromptsJoinAllPromptPoolsAndSurviveARestart() {
    String reply =
        prompt(ORGANISER, true, "add Empty bike docks | " + SCENARIO).reply().plainText();
    String id = reply.substring(reply.indexOf("custom-"), reply.indexOf("custom-") + 15);

    curriculum = CurriculumLoader.loadDefault(); // a restarted process
    assertThat(curriculum.prompt(id)).isEmpty();
    daily = start();
    assertThat(curriculum.prompt(id)).isPresent();

    assertThat(
            daily
                .command(request(ORGANISER, true, "at 09:00 zone UTC prompts " + id))
                .orElseThrow()
                .plainText())
        .contains("the prompt Empty bike docks");
  }

  @Test
  void aDraftWithMistakesSaysWhatToFixAndAddsNothing() {
    assertThat(prompt(ORGANISER, true, "add Hi | too short").reply().plainText())
        .contains("title of 3 to 80");
    assertThat(
            prompt(ORGANISER, true, "add Bikes | " + SCENARIO + " | weather: sunny")
                .reply()
                .plainText())
        .contains("`weather: sunny` isn't one");
    assertThat(
            prompt(ORGANISER, true, "add Bikes | " + SCENARIO + " | | vibes").reply().plainText())
        .contains("`vibes` isn't a concept");
    assertThat(prompt(ORGANISER, true, "list").reply().plainText())
        .contains("no prompts of its own");
  }
}
