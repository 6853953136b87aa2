package coach.app.config;

import coach.core.chat.UserId;
import coach.core.daily.DailyPrompts;
import coach.core.storage.Database;
import coach.core.storage.StorageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, validated configuration from the environment (listed in the README). Secrets are held here
 * and nowhere else, and {@link #toString()} never shows them.
 */
public record CoachConfig(
    String databaseUrl,
    int maxFollowups,
    Optional<SlackSettings> slack,
    Optional<DiscordSettings> discord,
    ChannelSettings channels,
    boolean migrateAtStart,
    Optional<HttpSettings> http,
    Duration shutdownBudget) {

  /** How long `coach run` may take to stop cleanly (COACH_SHUTDOWN_TIMEOUT). */
  public static final Duration DEFAULT_SHUTDOWN_BUDGET = Duration.ofSeconds(30);

  /**
   * Where the health and metrics endpoints listen ({@code COACH_HTTP_HOST}, {@code
   * COACH_HTTP_PORT}).
   */
  public record HttpSettings(String host, int port) {}

  public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:data/coach.db";

  /** The values COACH_LOG_LEVEL takes (any case); logback reads the variable itself. */
  public static final List<String> LOG_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /**
   * Slack's tokens, Web API base URL, and the workspace-wide pace of posts (SLACK_POSTS_PER_SECOND,
   * default {@link #DEFAULT_SLACK_POSTS_PER_SECOND}; 0 turns it off).
   */
  public record SlackSettings(
      String botToken, String appToken, Optional<URI> apiUrl, double postsPerSecond) {
    @Override
    public String toString() {
      return "SlackSettings[botToken=***, appToken=***, apiUrl="
          + apiUrl.orElse(null)
          + ", postsPerSecond="
          + postsPerSecond
          + "]";
    }
  }

  /** The assumed workspace-wide limit of chat.postMessage (Slack publishes no hard figure). */
  public static final double DEFAULT_SLACK_POSTS_PER_SECOND = 50;

  /**
   * Discord's token, optional REST and gateway URLs, and the optional server on which to register
   * {@code /coach} (instead of globally).
   */
  public record DiscordSettings(
      String botToken, Optional<URI> apiUrl, Optional<URI> gatewayUrl, Optional<String> guildId) {
    @Override
    public String toString() {
      return "DiscordSettings[botToken=***, apiUrl="
          + apiUrl.orElse(null)
          + ", gatewayUrl="
          + gatewayUrl.orElse(null)
          + ", guildId="
          + guildId.orElse(null)
          + "]";
    }
  }

  /**
   * The channel features: how late a missed daily post may still go out ({@code
   * COACH_DAILY_GRACE}), the listed admins who may configure any channel ({@code COACH_ADMINS}),
   * and whether Discord thread messages are read ({@code DISCORD_MESSAGE_CONTENT}).
   */
  public record ChannelSettings(
      Duration dailyGrace, Set<UserId> admins, boolean discordMessageContent) {
    public ChannelSettings {
      admins = Set.copyOf(admins);
    }
  }

  /** Reads and checks every setting; throws {@link ConfigException} naming the first bad one. */
  public static CoachConfig fromEnvironment(Map<String, String> env) {
    String databaseUrl = value(env, "COACH_DB_URL").orElse(DEFAULT_DATABASE_URL);
    try {
      Database.kindOf(databaseUrl);
    } catch (StorageException e) {
      throw new ConfigException(e.getMessage());
    }

    Optional<String> logFormat = value(env, "COACH_LOG_FORMAT");
    if (logFormat.isPresent() && !List.of("text", "json").contains(logFormat.get())) {
      throw new ConfigException(
          "COACH_LOG_FORMAT must be text or json, not '" + logFormat.get() + "'.");
    }
    Optional<String> logLevel = value(env, "COACH_LOG_LEVEL");
    if (logLevel.isPresent() && !LOG_LEVELS.contains(logLevel.get().toUpperCase(Locale.ROOT))) {
      throw new ConfigException(
          "COACH_LOG_LEVEL must be one of "
              + String.join(", ", LOG_LEVELS.subList(0, LOG_LEVELS.size() - 1))
              + " or "
              + LOG_LEVELS.get(LOG_LEVELS.size() - 1)
              + ", not '"
              + logLevel.get()
              + "'.");
    }

    int maxFollowups = 2;
    Optional<String> followups = value(env, "COACH_MAX_FOLLOWUPS");
    if (followups.isPresent()) {
      try {
        maxFollowups = Integer.parseInt(followups.get());
      } catch (NumberFormatException e) {
        maxFollowups = -1;
      }
      if (maxFollowups < 0 || maxFollowups > 5) {
        throw new ConfigException(
            "COACH_MAX_FOLLOWUPS must be a whole number from 0 to 5, not '"
                + followups.get()
                + "'.");
      }
    }

    Optional<String> slackBot = value(env, "SLACK_BOT_TOKEN");
    Optional<String> slackApp = value(env, "SLACK_APP_TOKEN");
    Optional<SlackSettings> slack = Optional.empty();
    if (slackBot.isPresent() || slackApp.isPresent()) {
      if (slackBot.isEmpty() || slackApp.isEmpty()) {
        throw new ConfigException(
            "Slack needs both SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-...); only "
                + (slackBot.isPresent() ? "SLACK_BOT_TOKEN" : "SLACK_APP_TOKEN")
                + " is set.");
      }
      if (!slackBot.get().startsWith("xoxb-")) {
        throw new ConfigException("SLACK_BOT_TOKEN must be a bot token starting with xoxb-.");
      }
      if (!slackApp.get().startsWith("xapp-")) {
        throw new ConfigException(
            "SLACK_APP_TOKEN must be an app-level token starting with xapp-.");
      }
      double postsPerSecond = DEFAULT_SLACK_POSTS_PER_SECOND;
      Optional<String> pace = value(env, "SLACK_POSTS_PER_SECOND");
      if (pace.isPresent()) {
        try {
          postsPerSecond = Double.parseDouble(pace.get().strip());
        } catch (NumberFormatException e) {
          postsPerSecond = -1;
        }
        if (!(postsPerSecond >= 0 && postsPerSecond <= 10_000)) {
          throw new ConfigException(
              "SLACK_POSTS_PER_SECOND must be a number from 0 (no workspace-wide pacing) to 10000,"
                  + " not '"
                  + pace.get()
                  + "'.");
        }
      }
      slack =
          Optional.of(
              new SlackSettings(
                  slackBot.get(),
                  slackApp.get(),
                  url(env, "SLACK_API_URL", "http", "https"),
                  postsPerSecond));
    }

    Optional<String> guildId = value(env, "DISCORD_GUILD_ID");
    if (guildId.isPresent() && !guildId.get().matches("[0-9]{1,20}")) {
      throw new ConfigException(
          "DISCORD_GUILD_ID must be a server id (digits only; Developer Mode -> right-click the"
              + " server -> Copy Server ID), not '"
              + guildId.get()
              + "'.");
    }
    Optional<DiscordSettings> discord =
        value(env, "DISCORD_BOT_TOKEN")
            .map(
                token ->
                    new DiscordSettings(
                        token,
                        url(env, "DISCORD_API_URL", "http", "https"),
                        url(env, "DISCORD_GATEWAY_URL", "ws", "wss"),
                        guildId));
    Duration shutdown = DEFAULT_SHUTDOWN_BUDGET;
    Optional<String> shutdownText = value(env, "COACH_SHUTDOWN_TIMEOUT");
    if (shutdownText.isPresent()) {
      shutdown =
          duration(shutdownText.get())
              .filter(d -> !d.isZero())
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "COACH_SHUTDOWN_TIMEOUT must be a duration such as 30s or 2m, not '"
                              + shutdownText.get()
                              + "'."));
    }
    return new CoachConfig(
        databaseUrl,
        maxFollowups,
        slack,
        discord,
        channels(env),
        migrateAtStart(env),
        http(env),
        shutdown);
  }

  /**
   * {@code COACH_HTTP_PORT} (1 to 65535) turns the health and metrics endpoints on; {@code
   * COACH_HTTP_HOST} is the address they listen on (default every interface).
   */
  private static Optional<HttpSettings> http(Map<String, String> env) {
    Optional<String> port = value(env, "COACH_HTTP_PORT");
    if (port.isEmpty()) {
      return Optional.empty();
    }
    int number;
    try {
      number = Integer.parseInt(port.get());
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number < 1 || number > 65535) {
      throw new ConfigException(
          "COACH_HTTP_PORT must be a port number from 1 to 65535, not '" + port.get() + "'.");
    }
    return Optional.of(new HttpSettings(value(env, "COACH_HTTP_HOST").orElse("0.0.0.0"), number));
  }

  /**
   * {@code COACH_DB_MIGRATE}: {@code auto} (the default) migrates the database as Coach starts;
   * {@code off} only checks that it needs no migration, for several instances upgraded with {@code
   * ./coach migrate} first.
   */
  private static boolean migrateAtStart(Map<String, String> env) {
    Optional<String> value = value(env, "COACH_DB_MIGRATE");
    if (value.isEmpty() || value.get().equalsIgnoreCase("auto")) {
      return true;
    }
    if (value.get().equalsIgnoreCase("off")) {
      return false;
    }
    throw new ConfigException("COACH_DB_MIGRATE must be auto or off, not '" + value.get() + "'.");
  }

  private static ChannelSettings channels(Map<String, String> env) {
    Duration grace = DailyPrompts.DEFAULT_GRACE;
    Optional<String> graceText = value(env, "COACH_DAILY_GRACE");
    if (graceText.isPresent()) {
      grace =
          duration(graceText.get())
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "COACH_DAILY_GRACE must be a duration such as 3h, 90m or 0, not '"
                              + graceText.get()
                              + "'."));
    }
    Set<UserId> admins = new LinkedHashSet<>();
    for (String id : value(env, "COACH_ADMINS").orElse("").split(",")) {
      if (id.isBlank()) {
        continue;
      }
      try {
        UserId user = UserId.parse(id);
        if (user.platform().equals("console")) {
          throw new IllegalArgumentException("console users have no channels");
        }
        admins.add(user);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "COACH_ADMINS must list user ids such as slack:T0123:U0456 or discord:123456789,"
                + " separated by commas; '"
                + id.strip()
                + "' is not one.");
      }
    }
    Optional<String> content = value(env, "DISCORD_MESSAGE_CONTENT");
    if (content.isPresent()
        && !List.of("true", "false").contains(content.get().toLowerCase(Locale.ROOT))) {
      throw new ConfigException(
          "DISCORD_MESSAGE_CONTENT must be true or false, not '" + content.get() + "'.");
    }
    return new ChannelSettings(
        grace, admins, content.map(c -> c.equalsIgnoreCase("true")).orElse(false));
  }

  /** "3h", "90m", "45s", "1h30m", "0", or ISO-8601 ("PT3H"); never negative. */
  static Optional<Duration> duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    try {
      if (t.startsWith("pt")) {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      }
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(t);
    if (t.isEmpty() || !m.matches()) {
      return Optional.empty();
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    return Optional.of(d);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static Optional<URI> url(Map<String, String> env, String name, String... schemes) {
    Optional<String> raw = value(env, name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !List.of(schemes).contains(scheme)) {
        throw new URISyntaxException(raw.get(), "needs a " + String.join(" or ", schemes) + " URL");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          name
              + " must be a "
              + String.join(" or ", schemes)
              + " URL with a host, not '"
              + raw.get()
              + "'.");
    }
  }

  @Override
  public String toString() {
    return "CoachConfig[databaseUrl="
        + Database.redact(databaseUrl)
        + ", maxFollowups="
        + maxFollowups
        + ", slack="
        + slack
        + ", discord="
        + discord
        + ", channels="
        + channels
        + ", migrateAtStart="
        + migrateAtStart
        + ", http="
        + http.orElse(null)
        + ", shutdownBudget="
        + shutdownBudget
        + "]";
  }
}
