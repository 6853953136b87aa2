package coach.app;

import coach.app.config.CoachConfig;
import coach.app.ops.OpsServer;
import coach.core.storage.Database;
import coach.discord.DiscordAdapter;
import coach.discord.DiscordStartException;
import coach.slack.SlackAdapter;
import coach.slack.SlackStartException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code coach run}: the bot on every platform whose tokens are set (Slack, Discord, or both, in
 * one process), until the process is stopped (SIGTERM or Ctrl-C), when a shutdown hook closes every
 * connection and then the database. A refused token or an unreachable platform ends it at start-up
 * with one sentence and exit status 1, after closing whatever had started already.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the bot on Slack, Discord, or both at once.",
      "Slack runs when SLACK_BOT_TOKEN and SLACK_APP_TOKEN are set; SLACK_API_URL is optional;"
          + " SLACK_POSTS_PER_SECOND paces posts across the workspace (default 50, 0: off).",
      "Discord runs when DISCORD_BOT_TOKEN is set; DISCORD_GUILD_ID registers /coach on one"
          + " server at once, and DISCORD_API_URL and DISCORD_GATEWAY_URL are optional;"
          + " DISCORD_MESSAGE_CONTENT=true reads answers written in daily threads.",
      "Daily prompts post on their schedules while it runs (COACH_DAILY_GRACE: how late a"
          + " missed post may still go out, default 3h).",
      "The bot stops on SIGTERM or Ctrl-C: the scheduler, then the connections, then the"
          + " database."
    })
final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  @Override
  public Integer call() throws InterruptedException {
    CoachConfig config = CoachConfig.fromEnvironment(main.launch.env());
    if (config.slack().isEmpty() && config.discord().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "coach: no platform is configured; set SLACK_BOT_TOKEN and SLACK_APP_TOKEN, or"
                  + " DISCORD_BOT_TOKEN, or both (or try `./coach console`).");
      return 1;
    }
    Services services =
        Services.start(main.launch.env(), ZoneId.systemDefault(), main.launch.err());
    // Messages a crash caught between arrival and handling are queued as each platform's adapter
    // registers, before it connects, so they go ahead of new ones (see InboundJournal).
    services.coach.journal().start(services.database.kind() == Database.Kind.SQLITE);
    List<AutoCloseable> running = new ArrayList<>();
    List<String> platforms = new ArrayList<>();
    Map<String, BooleanSupplier> connections = new TreeMap<>();
    try {
      if (config.slack().isPresent()) {
        CoachConfig.SlackSettings settings = config.slack().get();
        SlackAdapter slack =
            SlackAdapter.start(
                services.coach,
                Optional.of(services.daily),
                Optional.of(services.mock),
                new SlackAdapter.Settings(
                    settings.botToken(), settings.appToken(), settings.apiUrl()),
                SlackAdapter.Tuning.defaults()
                    .withWorkspacePostsPerSecond(settings.postsPerSecond()));
        running.add(slack);
        connections.put("slack", slack::connected);
        platforms.add("Slack");
      }
      if (config.discord().isPresent()) {
        CoachConfig.DiscordSettings settings = config.discord().get();
        DiscordAdapter discord =
            DiscordAdapter.start(
                services.coach,
                services.curriculum,
                Optional.of(services.daily),
                Optional.of(services.mock),
                new DiscordAdapter.Settings(
                    settings.botToken(),
                    settings.apiUrl(),
                    settings.gatewayUrl(),
                    settings.guildId(),
                    services.config.channels().discordMessageContent()));
        running.add(discord);
        connections.put("discord", discord::connected);
        platforms.add("Discord");
      }
    } catch (SlackStartException | DiscordStartException e) {
      closeAll(running);
      services.close();
      spec.commandLine().getErr().println("coach: " + e.getMessage());
      return 1;
    }
    // Timers start once the platforms can post; missed posts within the grace period go out now.
    services.scheduling.start(services.daily, Optional.of(services.mock));
    // Replies a crash left unsent go now; a sole instance takes back the leases it held.
    services.coach.outbox().start(services.database.kind() == Database.Kind.SQLITE);
    Optional<OpsServer> ops;
    try {
      ops =
          config
              .http()
              .map(
                  http ->
                      OpsServer.start(
                          http.host(),
                          http.port(),
                          services.database,
                          connections,
                          Clock.systemUTC()));
    } catch (java.io.UncheckedIOException e) {
      services.scheduling.close();
      closeAll(running);
      services.close();
      spec.commandLine().getErr().println("coach: " + e.getMessage() + ".");
      return 1;
    }
    ops.ifPresent(
        server ->
            spec.commandLine()
                .getErr()
                .println(
                    "coach: health on http://"
                        + config.http().orElseThrow().host()
                        + ":"
                        + server.port()
                        + "/health, metrics on /metrics."));
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean closed = new AtomicBoolean();
    Runnable shutdown =
        () -> {
          if (closed.compareAndSet(false, true)) {
            List<String> unfinished =
                new ShutdownSequence(config.shutdownBudget())
                    .then("health and metrics", () -> ops.ifPresent(OpsServer::close))
                    // no replays into platforms that are closing
                    .then("inbound journal", () -> services.coach.journal().close())
                    // timers first, finishing a post in flight while the platforms can take it
                    .then("timers", services.scheduling::close)
                    // each platform stops taking events, then finishes what it queued
                    .then("platforms", () -> closeAll(running))
                    // each platform sent its owed replies while closing; stop the worker
                    .then("reply outbox", () -> services.coach.outbox().close())
                    .then("database", services::close)
                    .run();
            if (!unfinished.isEmpty()) {
              spec.commandLine()
                  .getErr()
                  .println(
                      "coach: stopped without waiting for "
                          + String.join(", ", unfinished)
                          + " (COACH_SHUTDOWN_TIMEOUT is "
                          + config.shutdownBudget().toSeconds()
                          + " s).");
            }
          }
          stopped.countDown();
        };
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "coach-shutdown"));
    spec.commandLine()
        .getErr()
        .println(
            "coach: running on "
                + String.join(" and ", platforms)
                + "; stop with Ctrl-C or SIGTERM.");
    stopped.await();
    return 0;
  }

  /** Closes every started platform, the last started first; one failing does not stop the rest. */
  private void closeAll(List<AutoCloseable> running) {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        spec.commandLine().getErr().println("coach: closing a platform failed: " + e.getMessage());
      }
    }
  }
}
