package coach.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Log lines about an event carry its id and its user's, on the lane threads too. */
class LogContextTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @TempDir Path folder;

  @Test
  void aLaneTaskLogsWithTheIdsOfTheEventThatQueuedItAndLeavesNoneBehind() throws Exception {
    try (Lanes lanes = new Lanes(1, "test")) {
      CompletableFuture<Map<String, String>> during = new CompletableFuture<>();
      try (LogContext.Scope scope = LogContext.event("ev1", "slack:T1:UANA")) {
        lanes.submit("slack:T1:UANA", () -> during.complete(MDC.getCopyOfContextMap()));
      }
      assertThat(during.get(5, TimeUnit.SECONDS))
          .containsEntry(LogContext.EVENT, "ev1")
          .containsEntry(LogContext.USER, "slack:T1:UANA");
      assertThat(MDC.get(LogContext.EVENT)).as("restored on the caller's thread").isNull();

      CompletableFuture<Map<String, String>> after = new CompletableFuture<>();
      lanes.submit("slack:T1:UANA", () -> after.complete(MDC.getCopyOfContextMap()));
      Map<String, String> left = after.get(5, TimeUnit.SECONDS);
      assertThat(left == null ? Map.of() : left).doesNotContainKey(LogContext.EVENT);
    }
  }

  @Test
  void theCoachsLinesAboutAnEventNameItAndItsUser() {
    Logger logger = (Logger) LoggerFactory.getLogger(Coach.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try (Database database = TestDatabases.sqlite(folder)) {
      Coach coach =
          new Coach(
              database,
              CURRICULUM,
              new ConceptIdDetector(CURRICULUM),
              MutableClock.at("2026-12-07T09:00:00Z"),
              ZoneOffset.UTC);
      Sender ana = new Sender(UserId.slack("T1", "UANA"), "Ana");
      Inbound help = new Inbound.Command(ana, "ev7", CommandWord.HELP, Optional.empty());
      coach.handle(help);
      coach.handle(help); // redelivered: logged at debug

      assertThat(lines.list)
          .filteredOn(line -> line.getFormattedMessage().contains("redelivered"))
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.getMDCPropertyMap())
                      .containsEntry(LogContext.EVENT, "ev7")
                      .containsEntry(LogContext.USER, "slack:T1:UANA"));
      assertThat(MDC.get(LogContext.USER)).isNull();
    } finally {
      logger.detachAppender(lines);
      logger.setLevel(level);
    }
  }
}
