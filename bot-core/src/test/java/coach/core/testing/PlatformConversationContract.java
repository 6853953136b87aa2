package coach.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.PlatformDriver.BotMessage;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation every chat platform holds the same way. An adapter's test extends this class and
 * connects the real adapter, through a loopback fake of its platform, to the {@link Coach} it is
 * given; the tests here then talk to it as users would and check what they see and what is stored.
 * The coach uses {@link ConceptIdDetector} and at most one follow-up per section.
 */
public abstract class PlatformConversationContract {

  protected static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @TempDir Path folder;
  protected final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  protected Database database;
  private PlatformDriver platform;

  /** Starts the adapter on {@code coach} against a fresh fake platform. */
  protected abstract PlatformDriver connect(Coach coach) throws Exception;

  @BeforeEach
  final void connectPlatform() throws Exception {
    database = TestDatabases.sqlite(folder);
    Coach coach =
        new Coach(
            database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"), 1);
    platform = connect(coach);
  }

  @AfterEach
  final void disconnectPlatform() {
    if (platform != null) {
      platform.close();
    }
    database.close();
  }

  @Test
  void aWholePracticeSessionRunsInTheDmAndIsStored() {
    String title = CURRICULUM.prompt("fraud-checkout").orElseThrow().title();
    BotMessage intro = platform.say("u1", "practice fraud-checkout");
    assertThat(intro.text()).contains(title).contains("Section 1 of 10");
    assertThat(intro.actionIds()).contains("practice:next", "practice:skip", "practice:hint");

    BotMessage followUp = platform.say("u1", "the score drives decision.action & decision.user");
    assertThat(followUp.text()).contains("Follow-up:");
    for (int section = 2; section <= 10; section++) {
      assertThat(platform.say("u1", "next").text()).contains("Section " + section + " of 10");
      platform.say("u1", "my answer for section " + section);
    }
    BotMessage scorecard = platform.say("u1", "next");
    assertThat(scorecard.text()).contains("Scorecard: " + title);

    Map<String, Object> session =
        database.withHandle(
            h -> h.createQuery("SELECT user_id, state FROM practice_sessions").mapToMap().one());
    assertThat(session)
        .containsEntry("user_id", platform.storedUserId("u1"))
        .containsEntry("state", "completed");
    List<String> answers =
        database.withHandle(
            h -> h.createQuery("SELECT text FROM answers").mapTo(String.class).list());
    assertThat(answers)
        .hasSize(10)
        .contains("the score drives decision.action & decision.user", "my answer for section 10");
  }

  @Test
  void buttonsDoExactlyWhatTheirWordsDo() {
    BotMessage intro = platform.say("u2", "practice fraud-checkout");
    assertThat(platform.press("u2", intro, "practice:hint").text()).startsWith("Hint");
    BotMessage skipped = platform.press("u2", intro, "practice:skip");
    assertThat(skipped.text()).contains("Section 2 of 10");
    assertThat(platform.say("u2", "skip").text()).contains("Section 3 of 10");
  }

  @Test
  void aRedeliveredMessageIsStoredAndAnsweredOnce() {
    platform.say("u3", "practice fraud-checkout");
    assertThat(platform.say("u3", "we block or approve: decision.action").text())
        .contains("Follow-up:");
    int repliesBefore = platform.messagesTo("u3").size();
    platform.redeliverLast("u3");
    // The sentinel, whatever the driver does: one user's events are handled and answered in order,
    // so a reply to the redelivered message would be posted before the hint's. The hint must be
    // the first message after the redelivery, and the DM then holds everything it will ever cause.
    BotMessage hint = platform.say("u3", "hint");
    assertThat(hint.text()).as("the first message after the redelivery").startsWith("Hint");
    List<BotMessage> dm = platform.messagesTo("u3");
    assertThat(dm.subList(repliesBefore, dm.size()))
        .as("the bot's messages after the redelivery: the hint alone, no second follow-up")
        .extracting(BotMessage::text)
        .containsExactly(hint.text());
    List<String> answers =
        database.withHandle(
            h -> h.createQuery("SELECT text FROM answers").mapTo(String.class).list());
    assertThat(answers).containsExactly("we block or approve: decision.action");
  }

  @Test
  void badInputGetsAFriendlyReplyAndTheSessionGoesOn() {
    platform.say("u4", "practice fraud-checkout");
    assertThat(platform.say("u4", "practice no-such-prompt").text()).contains("no prompt called");
    assertThat(platform.say("u4", "\u0007\u0000").text()).contains("empty");
    assertThat(platform.say("u4", "next").text()).contains("Section 2 of 10");
  }

  @Test
  void textEchoedFromAUserNeverPings() {
    for (String loud : List.of("@everyone", "@here", "<!channel>", "<@U999>", "<@&42>")) {
      BotMessage reply = platform.say("u5", "practice " + loud);
      assertThat(reply.text()).contains("no prompt called");
      assertThat(platform.couldPing(reply)).as(loud).isFalse();
    }
  }

  @Test
  void progressComesWithAChartImage() {
    platform.say("u6", "practice fraud-checkout");
    platform.say("u6", "decision.user decision.goal");
    int before = platform.messagesTo("u6").size();
    BotMessage progress = platform.say("u6", "progress");
    assertThat(progress.text()).contains("Your progress");
    // The driver's step is over once its sentinel is answered, so the chart was sent by then.
    List<BotMessage> dm = platform.messagesTo("u6");
    assertThat(dm.subList(before, dm.size()))
        .as("the progress step's messages")
        .filteredOn(m -> !m.fileNames().isEmpty())
        .singleElement()
        .satisfies(m -> assertThat(m.fileNames()).singleElement().asString().endsWith(".png"));
  }

  @Test
  void theCoveredThatButtonClaimsTheFollowUpAndContestRemovesACredit() {
    platform.say("u7", "practice fraud-checkout");
    BotMessage followUp = platform.say("u7", "we decline: decision.action");
    String claim =
        followUp.actionIds().stream()
            .filter(id -> id.startsWith("practice:claim:"))
            .findFirst()
            .orElseThrow();
    String concept = claim.substring("practice:claim:".length());
    String name = CURRICULUM.concept(concept).orElseThrow().name();
    assertThat(platform.press("u7", followUp, claim).text())
        .contains("Counted " + name + " as covered (self-reported)");
    String action = CURRICULUM.concept("decision.action").orElseThrow().name();
    assertThat(platform.say("u7", "contest " + action).text())
        .contains("Removed " + action + " from this session's credits");
    List<String> corrections =
        database.withHandle(
            h ->
                h.createQuery(
                        "SELECT concept_id || ' ' || verdict FROM corrections ORDER BY created_at")
                    .mapTo(String.class)
                    .list());
    assertThat(corrections)
        .containsExactlyInAnyOrder(concept + " claimed", "decision.action contested");
  }
}
