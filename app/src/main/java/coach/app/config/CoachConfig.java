package coach.app.config;

import coach.core.storage.Database;
import coach.core.storage.StorageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated configuration from the environment (listed in the README). Secrets are held here
 * and nowhere else, and {@link #toString()} never shows them.
 */
public record CoachConfig(
    String databaseUrl,
    int maxFollowups,
    Optional<SlackSettings> slack,
    Optional<DiscordSettings> discord) {

  public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:data/coach.db";

  /** The values COACH_LOG_LEVEL takes (any case); logback reads the variable itself. */
  public static final List<String> LOG_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** Slack's tokens and Web API base URL. */
  public record SlackSettings(String botToken, String appToken, Optional<URI> apiUrl) {
    @Override
    public String toString() {
      return "SlackSettings[botToken=***, appToken=***, apiUrl=" + apiUrl.orElse(null) + "]";
    }
  }

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

  /** Reads and checks every setting; throws {@link ConfigException} naming the first bad one. */
  public static CoachConfig fromEnvironment(Map<String, String> env) {
    String databaseUrl = value(env, "COACH_DB_URL").orElse(DEFAULT_DATABASE_URL);
    try {
      Database.kindOf(databaseUrl);
    } catch (StorageException e) {
      throw new ConfigException(e.getMessage());
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
      slack =
          Optional.of(
              new SlackSettings(
                  slackBot.get(), slackApp.get(), url(env, "SLACK_API_URL", "http", "https")));
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
    return new CoachConfig(databaseUrl, maxFollowups, slack, discord);
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
        + "]";
  }
}
