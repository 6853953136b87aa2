package coach.app;

import coach.discord.DiscordAdapter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coach bench}: prints speed figures; never part of the test suite's pass/fail. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    description = {
      "Measure and print performance figures.",
      "grade: the coverage detector's start-up, p50/p99 latency per answer and answers per second"
          + " over chat-like answers (5 to 600 words, mostly under 80) built from the curriculum's"
          + " text, with figures by length; --warmup seconds (default 10) of uncounted runs, then"
          + " --rounds timed rounds (default 3), the median one reported.",
      "session: one answer handled end to end (detect, store on SQLite, reply), p50/p99, and heap"
          + " per idle session with --sessions sessions open (default 10000).",
      "slack: DM events at --rate per second (default 200) for --seconds (default 60) from --users"
          + " users (default 1000) through a loopback Slack into the real Bolt app, after at least"
          + " --warmup seconds (default 20) of uncounted traffic, until the JIT compiler has"
          + " settled; event-to-ack and event-to-reply p50/p99.",
      "discord: /coach slash commands in DMs at --rate per second (default 200) for --seconds"
          + " (default 60) from --users users (default 1000) through a loopback Discord into the"
          + " real JDA client, after at least --warmup seconds (default 20) of uncounted traffic,"
          + " until the JIT compiler has settled;"
          + " interaction-to-ack and interaction-to-response p50/p99, and how many were dropped.",
      "daily: --channels daily-prompt schedules (default 5000) due the same minute, posted by the"
          + " real Quartz scheduler and Bolt client into a loopback Slack that allows 1 post per"
          + " second per channel and --rate posts per second across the workspace (default 50, an"
          + " assumption); Coach paces itself at the same rate. Prints the time from the minute"
          + " to the last post, its ratio to channels / rate, posts lost and doubled, and 429s.",
      "outbox: --answers replies (default 3000) to --users people (at most 200) owed in the reply"
          + " outbox, sent by its worker to a platform taking --rate messages a second (default"
          + " 50); throughput against that limit, and replies lost or repeated."
    })
final class BenchCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "WHAT",
      description = "What to measure: grade, session, slack, discord, daily, load or outbox.")
  String what;

  @Option(
      names = "--answers",
      paramLabel = "N",
      description = "How many answers to time (default: 10000).")
  int answers = 10_000;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      description =
          "Timed rounds over the answers for `grade`; every round is printed and the median one"
              + " (by p99) reported (default: 3).")
  int rounds = 3;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed for the generated answers (default: 42).")
  long seed = 42;

  @Option(
      names = "--sessions",
      paramLabel = "N",
      description = "Open sessions for `session` (default: 10000).")
  int openSessions = 10_000;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description =
          "Events per second for `slack` and `discord` (default: 200); the workspace-wide limit"
              + " of posts per second for `daily` (default: 50).")
  Integer rate;

  @Option(
      names = "--channels",
      paramLabel = "N",
      description = "Channels with a schedule for `daily` (default: 5000).")
  int channels = 5_000;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      description = "How long `slack` and `discord` send events (default: 60).")
  int seconds = 60;

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Distinct users for `slack` and `discord` (default: 1000).")
  int users = 1000;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Worker lanes for `slack` (default: 8) and `discord` (default: 16).")
  Integer workers;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      description =
          "Seconds of uncounted work before measuring, so that the JIT compiler has warmed up:"
              + " other users' traffic for `slack`, `discord` and `load` (default: 20, 20 and 10;"
              + " at least that long, and on until the compiler has settled, at most 2 minutes),"
              + " the same answers for `grade` (default: 10).")
  Integer warmup;

  @Option(
      names = "--rates",
      paramLabel = "N,N,...",
      split = ",",
      description =
          "Event rates per second for `load`, each run on its own (default: 100,200,300,400,500).")
  List<Integer> rates = List.of(100, 200, 300, 400, 500);

  @CommandLine.ParentCommand Main main;

  /** Reply p99 a rate must stay within to count as sustained (issue #15). */
  static final double SUSTAINED_P99_MS = 250;

  /**
   * {@code bench load}: the Slack load at each of {@code --rates} in turn (a fresh database each,
   * six users per event per second so pacing stays out of the way), then the highest rate whose
   * reply p99 stays within 250 ms.
   */
  private int benchLoad(PrintStream out) throws Exception {
    if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1)) {
      main.launch.err().println("coach: bench load needs --rates of 1 or more.");
      return 2;
    }
    List<SlackBench.Result> results = new ArrayList<>();
    for (int r : rates) {
      out.printf(Locale.ROOT, "--- %d events/s%n", r);
      results.add(
          new SlackBench(
                  r,
                  seconds == 60 ? 20 : seconds,
                  Math.max(users, 6 * r),
                  workers == null ? coach.slack.SlackAdapter.Tuning.defaults().workers() : workers,
                  warmup == null ? 10 : warmup,
                  seed)
              .measure(out));
    }
    out.printf(
        Locale.ROOT, "%nrate/s   ack p99 ms   reply p99 ms   within %.0f ms%n", SUSTAINED_P99_MS);
    int sustained = 0;
    for (SlackBench.Result result : results) {
      boolean within = result.complete() && result.replyP99() <= SUSTAINED_P99_MS;
      out.printf(
          Locale.ROOT,
          "%6d   %10.1f   %12.1f   %s%n",
          result.rate(),
          result.ackP99(),
          result.replyP99(),
          within ? "yes" : "no");
      if (within) {
        sustained = Math.max(sustained, result.rate());
      }
    }
    out.printf(
        Locale.ROOT,
        "sustained (reply p99 within %.0f ms): %s on SQLite with full sync, one instance%n",
        SUSTAINED_P99_MS,
        sustained == 0 ? "none of the rates" : sustained + " events/s");
    return 0;
  }

  @Override
  public Integer call() throws Exception {
    Logging.quiet();
    PrintStream out = main.launch.out();
    if ("session".equals(what)) {
      return new SessionBench(openSessions, answers, seed).run(out);
    }
    if ("daily".equals(what)) {
      if (channels < 1 || (rate != null && rate < 1)) {
        main.launch.err().println("coach: bench daily needs --channels and --rate of 1 or more.");
        return 2;
      }
      return new DailyBench(channels, rate == null ? 50 : rate).run(out);
    }
    if ("load".equals(what)) {
      return benchLoad(out);
    }
    if ("outbox".equals(what)) {
      int limit = rate == null ? 50 : rate;
      if (limit < 1 || answers < 1 || users < 1) {
        main.launch
            .err()
            .println("coach: bench outbox needs --rate, --answers and --users of 1 or more.");
        return 2;
      }
      return new OutboxBench(answers == 10_000 ? 3_000 : answers, Math.min(users, 200), limit)
          .run(out);
    }
    int rate = this.rate == null ? 200 : this.rate;
    if ("slack".equals(what)) {
      return new SlackBench(
              rate,
              seconds,
              users,
              workers == null ? coach.slack.SlackAdapter.Tuning.defaults().workers() : workers,
              warmup == null ? 20 : warmup,
              seed)
          .run(out);
    }
    if ("discord".equals(what)) {
      return new DiscordBench(
              rate,
              seconds,
              users,
              workers == null ? DiscordAdapter.Tuning.defaults().workers() : workers,
              warmup == null ? 20 : warmup)
          .run(out);
    }
    if (!"grade".equals(what)) {
      main.launch
          .err()
          .println(
              "coach: bench knows 'grade', 'session', 'slack', 'discord', 'daily', 'load' and"
                  + " 'outbox', not '"
                  + what
                  + "'.");
      return 2;
    }
    if (rounds < 1 || answers < 1) {
      main.launch.err().println("coach: bench grade needs --rounds and --answers of 1 or more.");
      return 2;
    }
    return new GradeBench(answers, rounds, warmup == null ? 10 : warmup, seed).run(out);
  }
}
