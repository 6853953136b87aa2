package coach.app;

import coach.core.Coach;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyRequest;
import coach.core.daily.RetryPolicy;
import coach.core.schedule.Scheduling;
import coach.core.storage.Database;
import coach.slack.SlackAdapter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code coach bench daily}: {@code channels} daily-prompt schedules due the same minute, posted by
 * the real Quartz scheduler through the real Bolt client into a loopback Slack that enforces
 * Slack's one post per second per channel and a workspace-wide limit of {@code rate} posts a second
 * (an assumption: Slack publishes no hard workspace figure), answering HTTP 429 with {@code
 * Retry-After} beyond them. Coach paces its posts at the same workspace rate ({@code
 * SLACK_POSTS_PER_SECOND}). Prints the time from the scheduled minute to the last accepted post,
 * its ratio to the minimum the limits allow ({@code channels / rate} seconds; the per-channel limit
 * does not bind with one post per channel), posts lost and doubled, and the 429s seen.
 */
final class DailyBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEAM = "T1";
  private static final String ORGANISER = "UORG";

  /** Schedules created first, to time how long creating all of them takes. */
  private static final int CALIBRATION = 50;

  /** The least time between the last schedule created and the scheduled minute. */
  private static final Duration LEAD = Duration.ofSeconds(20);

  private final int channels;
  private final int rate;

  DailyBench(int channels, int rate) {
    this.channels = channels;
    this.rate = rate;
  }

  int run(PrintStream out) throws Exception {
    Path folder = Files.createTempDirectory("coach-bench-daily");
    Curriculum curriculum = CurriculumLoader.loadDefault();
    CoverageDetector detector = Detectors.create(curriculum);
    Limits slack = new Limits(rate);
    try (Database database = Database.open("jdbc:sqlite:" + folder.resolve("bench.db"))) {
      Coach coach = new Coach(database, curriculum, detector, Clock.systemUTC(), ZoneOffset.UTC);
      Scheduling scheduling = Scheduling.create(database, "bench-daily");
      DailyPrompts daily =
          new DailyPrompts(
              database,
              curriculum,
              detector,
              Clock.systemUTC(),
              ZoneOffset.UTC,
              new DailyPrompts.Settings(DailyPrompts.DEFAULT_GRACE, Set.of(), RetryPolicy.DEFAULT),
              scheduling);
      SlackAdapter adapter =
          SlackAdapter.start(
              coach,
              Optional.of(daily),
              new SlackAdapter.Settings("xoxb-bench", "xapp-bench", Optional.of(slack.apiUrl())),
              SlackAdapter.Tuning.defaults().withWorkspacePostsPerSecond(rate));
      try {
        slack.awaitConnected();
        Sender organiser =
            new Sender(UserId.slack(TEAM, ORGANISER), "bench organiser", Optional.empty());
        // Time the first schedules (at a provisional minute), then pick the minute for all.
        int first = Math.min(CALIBRATION, channels);
        Instant provisional = Instant.now().plus(Duration.ofMinutes(30));
        long start = System.nanoTime();
        for (int i = 0; i < first; i++) {
          configure(daily, organiser, i, provisional, "p");
        }
        double each = (System.nanoTime() - start) / 1e9 / first;
        Instant minute =
            Instant.now()
                .plusMillis((long) (each * channels * 1.5 * 1000))
                .plus(LEAD)
                .truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
        out.printf(
            Locale.ROOT,
            "creating %d schedules (%.1f ms each) for %s UTC...%n",
            channels,
            each * 1000,
            minute);
        for (int i = 0; i < channels; i++) {
          configure(daily, organiser, i, minute, "s");
        }
        Duration ahead = Duration.between(Instant.now(), minute);
        out.printf(
            Locale.ROOT, "created; the minute is %d s ahead, waiting...%n", ahead.toSeconds());
        if (ahead.isNegative()) {
          out.println("coach: the schedules took too long to create; try fewer --channels.");
          return 1;
        }
        scheduling.start(daily);
        Duration minimum = Duration.ofMillis(Math.round(channels * 1000.0 / rate));
        Instant deadline = minute.plus(minimum.multipliedBy(4)).plus(Duration.ofMinutes(3));
        OpenLoopLoad.await(
            () -> slack.channelsPosted() >= channels || Instant.now().isAfter(deadline),
            Duration.between(Instant.now(), deadline).plusSeconds(5));
        // Sentinel for doubles: no timer running and no retry left pending.
        OpenLoopLoad.await(
            () -> !scheduling.running() && noRetriesPending(scheduling), Duration.ofMinutes(2));
        double seconds = (slack.lastAcceptedMillis.get() - minute.toEpochMilli()) / 1000.0;
        double least = channels / (double) rate;
        int lost = channels - slack.channelsPosted();
        int doubled = slack.channelsPostedMoreThanOnce();
        out.printf(
            Locale.ROOT,
            "channels: %d, workspace limit %d posts/s (Coach paced at %d/s), 1 post/s per"
                + " channel%n"
                + "scheduled minute to last accepted post: %.2f s%n"
                + "minimum the limits allow: %.2f s (channels / rate)%n"
                + "ratio: %.3f (target within 1.05)%n"
                + "posts lost: %d, doubled: %d, 429s seen: %d (%d over the workspace limit, %d"
                + " over a channel's)%n",
            channels,
            rate,
            rate,
            seconds,
            least,
            seconds / least,
            lost,
            doubled,
            slack.workspace429.get() + slack.channel429.get(),
            slack.workspace429.get(),
            slack.channel429.get());
        return lost == 0 && doubled == 0 ? 0 : 1;
      } finally {
        scheduling.close();
        adapter.close();
      }
    } finally {
      slack.close();
      OpenLoopLoad.deleteFolder(folder);
    }
  }

  private static boolean noRetriesPending(Scheduling scheduling) {
    return scheduling.pending().keySet().stream().noneMatch(k -> k.startsWith("daily-deliver:"));
  }

  /** {@code daily at HH:MM zone UTC} in channel {@code i}, by the organiser. */
  private static void configure(
      DailyPrompts daily, Sender organiser, int i, Instant at, String round) {
    String time =
        at.atZone(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString();
    Optional<Reply> reply =
        daily.command(
            new DailyRequest(
                ChannelRef.slack(TEAM, channel(i)),
                organiser,
                "bench-" + round + "-" + i,
                "at " + time + " zone UTC",
                true,
                Optional::empty));
    if (reply.isEmpty()) {
      throw new IllegalStateException("the daily command in " + channel(i) + " was not handled");
    }
  }

  private static String channel(int i) {
    return String.format(Locale.ROOT, "C%06d", i);
  }

  /**
   * The loopback Slack with Slack's limits on chat.postMessage: one post per second per channel,
   * and {@code rate} a second across the workspace, as a token bucket holding a tenth of a second's
   * worth (short bursts are tolerated, as on Slack, and loopback timing jitters). Beyond either it
   * answers HTTP 429 with {@code Retry-After}. It counts every accepted post per channel, and
   * answers conversations.info and users.info so that an organiser's command would pass.
   */
  private static final class Limits extends SlackBench.Loopback {
    final int rate;
    final double capacity;
    double tokens;
    long updated = System.nanoTime();
    final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    final Map<String, Long> lastInChannel = new ConcurrentHashMap<>();
    final AtomicLong lastAcceptedMillis = new AtomicLong();
    final AtomicInteger workspace429 = new AtomicInteger();
    final AtomicInteger channel429 = new AtomicInteger();
    final AtomicLong ts = new AtomicLong(1_800_000_000_000_000L);

    Limits(int rate) throws IOException, InterruptedException {
      this.rate = rate;
      this.capacity = Math.max(1, rate / 10.0);
      this.tokens = capacity;
    }

    int channelsPosted() {
      return (int) accepted.keySet().stream().filter(c -> c.startsWith("C")).count();
    }

    int channelsPostedMoreThanOnce() {
      return (int)
          accepted.entrySet().stream()
              .filter(e -> e.getKey().startsWith("C") && e.getValue().get() > 1)
              .count();
    }

    @Override
    boolean answer(String method, Map<String, String> params, HttpExchange exchange)
        throws IOException {
      switch (method) {
        case "auth.test":
          exchange
              .getResponseHeaders()
              .add(
                  "X-OAuth-Scopes",
                  "chat:write,commands,channels:history,groups:history,channels:read,groups:read,"
                      + "reactions:write,users:read,im:write,im:history");
          send(
              exchange,
              200,
              JSON.createObjectNode()
                  .put("ok", true)
                  .put("team_id", TEAM)
                  .put("team", "Bench")
                  .put("user_id", "UBOT")
                  .put("bot_id", "B1"));
          return true;
        case "conversations.info":
          {
            ObjectNode out = JSON.createObjectNode().put("ok", true);
            out.putObject("channel")
                .put("id", params.getOrDefault("channel", ""))
                .put("is_member", true)
                .put("is_archived", false)
                .put("creator", ORGANISER);
            send(exchange, 200, out);
            return true;
          }
        case "users.info":
          {
            ObjectNode out = JSON.createObjectNode().put("ok", true);
            String user = params.getOrDefault("user", "U0");
            out.putObject("user")
                .put("id", user)
                .put("tz", "UTC")
                .put("is_admin", user.equals(ORGANISER))
                .putObject("profile")
                .put("display_name", "bench " + user);
            send(exchange, 200, out);
            return true;
          }
        case "chat.postMessage":
          post(params.getOrDefault("channel", ""), exchange);
          return true;
        default:
          return false;
      }
    }

    private void post(String channel, HttpExchange exchange) throws IOException {
      long now = System.nanoTime();
      long retryAfter = 0;
      boolean channelLimit = false;
      synchronized (this) {
        Long last = lastInChannel.get(channel);
        if (last != null && now - last < 1_000_000_000L) {
          channelLimit = true;
          retryAfter = 1;
        } else {
          tokens = Math.min(capacity, tokens + (now - updated) / 1e9 * rate);
          updated = now;
          if (tokens < 1) {
            retryAfter = (long) Math.ceil((1 - tokens) / rate);
          } else {
            tokens -= 1;
            lastInChannel.put(channel, now);
          }
        }
      }
      if (retryAfter > 0) {
        (channelLimit ? channel429 : workspace429).incrementAndGet();
        exchange.getResponseHeaders().add("Retry-After", Long.toString(Math.max(1, retryAfter)));
        send(exchange, 429, JSON.createObjectNode().put("ok", false).put("error", "ratelimited"));
        return;
      }
      accepted.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
      lastAcceptedMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
      long t = ts.incrementAndGet();
      send(
          exchange,
          200,
          JSON.createObjectNode()
              .put("ok", true)
              .put("channel", channel)
              .put(
                  "ts", (t / 1_000_000) + "." + String.format(Locale.ROOT, "%06d", t % 1_000_000)));
    }
  }
}
