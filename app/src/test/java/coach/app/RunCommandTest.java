package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.storage.Database;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coach run} at start-up, for Slack and Discord: refused tokens and unreachable platforms
 * end it with one sentence and status 1.
 */
class RunCommandTest {

  @TempDir Path folder;

  /**
   * An existing database, so that standard error holds only what start-up says about the platforms.
   */
  @BeforeEach
  void createTheDatabase() {
    Database.open("jdbc:sqlite:" + folder.resolve("coach.db")).close();
  }

  private CommandRun run(Map<String, String> env) {
    return CommandRun.of(env, "run");
  }

  private Map<String, String> env(String apiUrl) {
    return Map.of(
        "COACH_DB_URL",
        "jdbc:sqlite:" + folder.resolve("coach.db"),
        "SLACK_BOT_TOKEN",
        "xoxb-revoked-token",
        "SLACK_APP_TOKEN",
        "xapp-some-token",
        "SLACK_API_URL",
        apiUrl);
  }

  @Test
  void aRevokedBotTokenStopsRunWithOneSentence() throws Exception {
    HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext(
        "/api/",
        exchange -> {
          byte[] body =
              "{\"ok\":false,\"error\":\"token_revoked\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    slack.start();
    try {
      CommandRun result = run(env("http://127.0.0.1:" + slack.getAddress().getPort() + "/api/"));
      assertThat(result.status()).isEqualTo(1);
      assertThat(result.err())
          .isEqualTo(
              "coach: Slack refused SLACK_BOT_TOKEN (token_revoked); check that the token is"
                  + " current and the app is still installed."
                  + System.lineSeparator())
          .doesNotContain("xoxb-revoked-token");
    } finally {
      slack.stop(0);
    }
  }

  @Test
  void anUnreachableSlackStopsRunWithOneSentence() {
    CommandRun result = run(env("http://127.0.0.1:1/api/"));
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("coach: Could not reach Slack's Web API at http://127.0.0.1:1/api/")
        .doesNotContain("\tat ")
        .hasLineCount(1);
  }

  private Map<String, String> discordEnv(String apiUrl) {
    return Map.of(
        "COACH_DB_URL",
        "jdbc:sqlite:" + folder.resolve("coach.db"),
        "DISCORD_BOT_TOKEN",
        "discord-revoked-token",
        "DISCORD_API_URL",
        apiUrl,
        "DISCORD_GATEWAY_URL",
        "ws://127.0.0.1:1/");
  }

  @Test
  void aRefusedDiscordTokenStopsRunWithOneSentence() throws Exception {
    HttpServer discord = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    discord.createContext(
        "/api/v10/",
        exchange -> {
          byte[] body =
              "{\"message\":\"401: Unauthorized\",\"code\":0}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    discord.start();
    try {
      CommandRun result =
          run(discordEnv("http://127.0.0.1:" + discord.getAddress().getPort() + "/api/v10/"));
      assertThat(result.status()).isEqualTo(1);
      assertThat(result.err())
          .isEqualTo(
              "coach: Discord refused DISCORD_BOT_TOKEN (401 Unauthorized); copy the current"
                  + " token from the Bot page of your application in the Developer Portal."
                  + System.lineSeparator())
          .doesNotContain("discord-revoked-token");
    } finally {
      discord.stop(0);
    }
  }

  @Test
  void anUnreachableDiscordStopsRunWithOneSentence() {
    CommandRun result = run(discordEnv("http://127.0.0.1:1/api/v10/"));
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("coach: Could not reach Discord's API at http://127.0.0.1:1/api/v10/")
        .doesNotContain("\tat ")
        .hasLineCount(1);
  }

  /** A host that never resolves (RFC 6761): the reason is the failed lookup, not a class name. */
  @Test
  void anUnresolvableDiscordHostIsReportedWithTheReason() {
    CommandRun result = run(discordEnv("http://discord.invalid/api/v10/"));
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("coach: Could not reach Discord's API at http://discord.invalid/api/v10/ (")
        .contains("discord.invalid")
        .doesNotContain("Exception")
        .endsWith(")." + System.lineSeparator())
        .hasLineCount(1);
  }

  @Test
  void helpSaysBothPlatformsCanRunTogether() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.execute(
        new Main.Launch(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
        "run",
        "--help");
    assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
        .contains("Slack, Discord, or both at once")
        .contains("DISCORD_BOT_TOKEN")
        .contains("DISCORD_GUILD_ID");
  }

  @Test
  void anUnknownLogLevelIsRefusedWithTheValidOnes() {
    CommandRun result =
        run(
            Map.of(
                "COACH_DB_URL", "jdbc:sqlite:" + folder.resolve("coach.db"),
                "COACH_LOG_LEVEL", "verbose",
                "DISCORD_BOT_TOKEN", "t"));
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "coach: COACH_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR or OFF, not"
                + " 'verbose'."
                + System.lineSeparator());
  }

  @Test
  void withoutAnyTokenRunSaysWhatToSet() {
    CommandRun result = run(Map.of("COACH_DB_URL", "jdbc:sqlite:" + folder.resolve("coach.db")));
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .contains("SLACK_BOT_TOKEN and SLACK_APP_TOKEN")
        .contains("DISCORD_BOT_TOKEN");
  }
}
