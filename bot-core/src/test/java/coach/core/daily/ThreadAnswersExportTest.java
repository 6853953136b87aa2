package coach.core.daily;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.CommandWord;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's answers in daily-post threads, field by field in their {@code export}. */
class ThreadAnswersExportTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");
  private static final Sender ORGANISER =
      new Sender(UserId.slack("T1", "UORG"), "Olga", Optional.of(ZoneId.of("Europe/Berlin")));
  private static final Sender MEMBER = new Sender(UserId.slack("T1", "UMEM"), "Max");

  @TempDir Path folder;
  private Database database;

  @AfterEach
  void tearDown() {
    database.close();
  }

  @Test
  void eachThreadAnswerIsExportedWithWhatItCoveredEvenWhenThatIsNothing() throws Exception {
    database = TestDatabases.open(folder);
    // Monday 7 December 2026, 07:00 in Berlin.
    MutableClock clock = MutableClock.at("2026-12-07T06:00:00Z");
    ManualTriggers triggers = new ManualTriggers();
    DailyPrompts daily =
        new DailyPrompts(
            database,
            CURRICULUM,
            new ConceptIdDetector(CURRICULUM),
            clock,
            ZoneId.of("UTC"),
            new DailyPrompts.Settings(Duration.ofHours(3), Set.of(), RetryPolicy.DEFAULT),
            triggers);
    RecordingPublisher slack = new RecordingPublisher();
    daily.register("slack", slack);
    daily.command(
        new DailyRequest(
            CHANNEL,
            ORGANISER,
            "set",
            "at 09:00 zone Europe/Berlin prompts fraud-checkout",
            true,
            Optional::empty));
    clock.set(Instant.parse("2026-12-07T08:00:00Z"));
    triggers.fireDue(daily, clock.instant());
    triggers.fireDue(daily, clock.instant());
    assertThat(slack.posts).hasSize(1);

    clock.advance(Duration.ofMinutes(5));
    daily.threadAnswer(CHANNEL, "1700000000.1", MEMBER, "m1", "it depends, honestly");
    clock.advance(Duration.ofMinutes(5));
    daily.threadAnswer(CHANNEL, "1700000000.1", MEMBER, "m2", "decision.goal, decision.user");

    Coach coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    Reply export =
        coach
            .handle(new Inbound.Command(MEMBER, "x1", CommandWord.EXPORT, Optional.empty()))
            .orElseThrow();
    Reply.Block.File file =
        export.blocks().stream()
            .filter(Reply.Block.File.class::isInstance)
            .map(Reply.Block.File.class::cast)
            .findFirst()
            .orElseThrow();
    JsonNode answers = new ObjectMapper().readTree(file.data()).get("daily_answers");
    String section = answers.get(0).get("section").asText();
    assertThat(List.of(answers.get(0).toString(), answers.get(1).toString()))
        .containsExactly(
            "{\"channel\":\"slack:T1:C1\",\"date\":\"2026-12-07\",\"prompt\":\"fraud-checkout\","
                + "\"section\":\""
                + section
                + "\",\"text\":\"it depends, honestly\",\"concepts\":[],"
                + "\"at\":\"2026-12-07T08:05:00Z\"}",
            "{\"channel\":\"slack:T1:C1\",\"date\":\"2026-12-07\",\"prompt\":\"fraud-checkout\","
                + "\"section\":\""
                + section
                + "\",\"text\":\"decision.goal, decision.user\","
                + "\"concepts\":[\"decision.goal\",\"decision.user\"],"
                + "\"at\":\"2026-12-07T08:10:00Z\"}");
    assertThat(answers).hasSize(2);
  }
}
