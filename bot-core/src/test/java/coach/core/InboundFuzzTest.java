package coach.core;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyRequest;
import coach.core.daily.DailyTriggers;
import coach.core.daily.RecordingPublisher;
import coach.core.mock.ManualMockTriggers;
import coach.core.mock.MockSessions;
import coach.core.mock.RecordingMockPublisher;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.core.testing.TestFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every inbound parser fed what nobody should type: chat messages and commands, button ids, daily
 * and mock commands with broken times, dates, zones and numbers, form submissions naming nothing.
 * Each gets a reply in words (never an exception, never the apology for a storage failure), on a
 * real database, which keeps what the valid ones did.
 */
class InboundFuzzTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");
  private static final String APOLOGY = "something went wrong";
  private static final AtomicInteger EVENTS = new AtomicInteger();

  private static Path folder;
  private static Database database;
  private static Coach coach;
  private static DailyPrompts daily;
  private static MockSessions mock;

  @BeforeContainer
  static void open() throws Exception {
    folder = Files.createTempDirectory("coach-fuzz");
    database = TestDatabases.sqlite(folder);
    MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
    coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneOffset.UTC);
    daily =
        TestFeatures.daily(
            database, clock, ZoneOffset.UTC, DailyPrompts.Settings.defaults(), new NoTimers());
    daily.register("slack", new RecordingPublisher());
    mock =
        new MockSessions(
            database, CURRICULUM, clock, ZoneOffset.UTC, Set.of(), new ManualMockTriggers());
    mock.register("slack", new RecordingMockPublisher());
  }

  @AfterContainer
  static void close() throws Exception {
    database.close();
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String event() {
    return "fuzz-" + EVENTS.incrementAndGet();
  }

  private static Sender someone(int n) {
    return new Sender(UserId.slack("T1", "U" + Math.floorMod(n, 7)), "Member " + n);
  }

  private static void assertAnswered(Optional<Reply> reply) {
    assertThat(reply).isPresent();
    assertThat(reply.get().plainText()).isNotBlank().doesNotContain(APOLOGY);
  }

  @Property(tries = 250)
  void anyDirectMessageGetsAReplyInWords(@ForAll("chat") String text, @ForAll int who) {
    assertAnswered(coach.handle(new Inbound.Message(someone(who), event(), text)));
  }

  @Property(tries = 150)
  void anyCommandWithAnyArgumentGetsAReplyInWords(
      @ForAll CommandWord word, @ForAll("noise") String argument, @ForAll int who) {
    Optional<String> given = argument.isEmpty() ? Optional.empty() : Optional.of(argument);
    assertAnswered(coach.handle(new Inbound.Command(someone(who), event(), word, given)));
  }

  /** Platforms send ids of 1 to 200 characters (Inbound.Choice refuses others); any such id. */
  @Property(tries = 150)
  void anyButtonIdGetsAReplyInWords(@ForAll("actionIds") String id, @ForAll int who) {
    net.jqwik.api.Assume.that(!id.isBlank() && id.length() <= 200);
    assertAnswered(coach.handle(new Inbound.Choice(someone(who), event(), id)));
  }

  @Property(tries = 200)
  void anyDailyCommandGetsAReplyInWords(
      @ForAll("dailyText") String text, @ForAll boolean organiser, @ForAll int who) {
    assertAnswered(
        daily.command(
            new DailyRequest(CHANNEL, someone(who), event(), text, organiser, Optional::empty)));
  }

  @Property(tries = 200)
  void anyMockCommandGetsAReplyInWords(
      @ForAll("mockText") String text, @ForAll boolean organiser, @ForAll int who) {
    assertAnswered(
        mock.command(
            new DailyRequest(CHANNEL, someone(who), event(), text, organiser, Optional::empty)));
  }

  @Property(tries = 150)
  void anyMockButtonOrFormIsAnsweredOrIgnoredButNeverFails(
      @ForAll("actionIds") String id,
      @ForAll("noise") String note,
      @ForAll Set<@net.jqwik.api.constraints.StringLength(max = 40) String> ticked,
      @ForAll int who) {
    mock.press(someone(who), id, event())
        .flatMap(MockSessions.PressOutcome::reply)
        .ifPresent(reply -> assertThat(reply.plainText()).isNotBlank().doesNotContain(APOLOGY));
    mock.submitFeedback(someone(who), id, ticked, note, event())
        .ifPresent(reply -> assertThat(reply.plainText()).isNotBlank().doesNotContain(APOLOGY));
    assertThat(mock.feedbackForm(someone(who), id)).isEmpty();
  }

  @Property(tries = 100)
  void anAnswerFormNamingNoPostIsIgnored(
      @ForAll("actionIds") String postId, @ForAll("chat") String text, @ForAll int who) {
    assertThat(daily.formAnswer(postId, someone(who), event(), text)).isEmpty();
  }

  // --- generators -------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings().withChars(" \t\n@<>!#*_`~|:,.-/0123456789").ofMaxLength(40),
        Arbitraries.of(
            "",
            " ",
            "@everyone",
            "<!channel>",
            "<@U123>",
            "\uD83D\uDE42\uD83D\uDE42",
            "\u0000",
            "\uFDFD"));
  }

  @Provide
  Arbitrary<String> chat() {
    Arbitrary<String> words =
        Arbitraries.of(
            Arrays.stream(CommandWord.values()).map(CommandWord::word).toArray(String[]::new));
    return Arbitraries.oneOf(
        noise(),
        Combinators.combine(words, noise()).as((w, rest) -> w + " " + rest),
        Combinators.combine(Arbitraries.of("", "/", "!", "  "), words, noise())
            .as((p, w, rest) -> p + w.toUpperCase(java.util.Locale.ROOT) + rest));
  }

  @Provide
  Arbitrary<String> actionIds() {
    return Arbitraries.oneOf(
        noise(),
        Combinators.combine(
                Arbitraries.of(
                    "practice",
                    "practice:",
                    "next",
                    "mock-going:",
                    "mock-not-going:",
                    "mock-feedback:",
                    "mock-here:",
                    "mock-cant-make-it:",
                    "daily-practise:",
                    "daily-answer:",
                    "daily-feedback:",
                    "claim:",
                    "contest:",
                    "prompt-approve:"),
                noise())
            .as(String::concat));
  }

  private static Arbitrary<String> time() {
    return Arbitraries.oneOf(
        Arbitraries.of("09:00", "9", "25:61", "24:00", "-1:00", "09:60", "9am", "noon", ":", ""),
        Combinators.combine(Arbitraries.integers().between(-5, 99), Arbitraries.integers())
            .as((h, m) -> h + ":" + m));
  }

  private static Arbitrary<String> zone() {
    return Arbitraries.of(
        "Europe/Berlin",
        "UTC",
        "Mars/Olympus",
        "utc+25",
        "America/New_York",
        "",
        "+05:30",
        "\uD83D\uDE42");
  }

  @Provide
  Arbitrary<String> dailyText() {
    return Arbitraries.oneOf(
        noise(),
        Combinators.combine(
                Arbitraries.of("at", "at", "", "now", "skip", "pause", "resume", "off", "list"),
                time(),
                zone(),
                Arbitraries.of("", " days mon-fri", " days sun-mon", " days xyz", " days"),
                Arbitraries.of("", " prompts all", " prompts nope,nah", " prompts ,,,"))
            .as((verb, t, z, days, prompts) -> verb + " " + t + " zone " + z + days + prompts),
        Combinators.combine(Arbitraries.of("skip ", "prompt add ", "prompt "), noise())
            .as(String::concat));
  }

  @Provide
  Arbitrary<String> mockText() {
    Arbitrary<String> date =
        Arbitraries.oneOf(
            Arbitraries.of("2026-12-10", "2026-02-30", "2026-13-01", "yesterday", "", "2026-1-1"),
            Arbitraries.integers()
                .between(-100, 100_000)
                .map(days -> LocalDate.of(2026, 12, 7).plusDays(days).toString()));
    Arbitrary<String> number = Arbitraries.of("0", "1", "-3", "9999999999", "x", "", "2.5");
    return Arbitraries.oneOf(
        noise(),
        Combinators.combine(
                date,
                time(),
                zone(),
                Arbitraries.of("minutes", "capacity", "min", "deadline", "weekly", "prompts"),
                number)
            .as(
                (d, t, z, key, n) ->
                    "schedule at " + d + " " + t + " zone " + z + " " + key + " " + n),
        Combinators.combine(
                Arbitraries.of("cancel ", "move ", "ics ", "reminders ", "avoid ", "list ", ""),
                noise())
            .as(String::concat));
  }

  /** Daily timers kept nowhere: the fuzzed commands are about replies, not posts. */
  private static final class NoTimers implements DailyTriggers {
    @Override
    public void scheduleNext(ChannelRef channel, Instant at) {}

    @Override
    public boolean hasNext(ChannelRef channel) {
      return false;
    }

    @Override
    public void deliver(ChannelRef channel, LocalDate date, Instant at) {}

    @Override
    public void cancel(ChannelRef channel) {}
  }
}
