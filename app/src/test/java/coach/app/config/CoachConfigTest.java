package coach.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CoachConfigTest {

  @Test
  void defaultsToTheEmbeddedDatabaseWithNoPlatforms() {
    CoachConfig config = CoachConfig.fromEnvironment(Map.of());
    assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:data/coach.db");
    assertThat(config.slack()).isEmpty();
    assertThat(config.discord()).isEmpty();
  }

  @Test
  void aBadDatabaseUrlIsOneSentence() {
    assertThatThrownBy(() -> CoachConfig.fromEnvironment(Map.of("COACH_DB_URL", "mysql://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "COACH_DB_URL must be a jdbc:sqlite: or jdbc:postgresql: URL, not 'mysql://x'.");
  }

  @Test
  void followUpsPerSectionAreConfigurableWithinLimits() {
    assertThat(CoachConfig.fromEnvironment(Map.of()).maxFollowups()).isEqualTo(2);
    assertThat(CoachConfig.fromEnvironment(Map.of("COACH_MAX_FOLLOWUPS", "0")).maxFollowups())
        .isZero();
    assertThatThrownBy(() -> CoachConfig.fromEnvironment(Map.of("COACH_MAX_FOLLOWUPS", "many")))
        .hasMessage("COACH_MAX_FOLLOWUPS must be a whole number from 0 to 5, not 'many'.");
  }

  @Test
  void aLogLevelMustBeOneLogbackKnows() {
    assertThat(CoachConfig.fromEnvironment(Map.of("COACH_LOG_LEVEL", "debug"))).isNotNull();
    assertThatThrownBy(() -> CoachConfig.fromEnvironment(Map.of("COACH_LOG_LEVEL", "verbose")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "COACH_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR or OFF, not 'verbose'.");
  }

  @Test
  void slackNeedsBothTokensOfTheRightKind() {
    assertThatThrownBy(() -> CoachConfig.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1")))
        .hasMessageContaining("only SLACK_BOT_TOKEN is set");
    assertThatThrownBy(
            () ->
                CoachConfig.fromEnvironment(
                    Map.of("SLACK_BOT_TOKEN", "xapp-1", "SLACK_APP_TOKEN", "xapp-2")))
        .hasMessageContaining("starting with xoxb-");
    assertThatThrownBy(
            () ->
                CoachConfig.fromEnvironment(
                    Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-1",
                        "SLACK_APP_TOKEN", "xapp-2",
                        "SLACK_API_URL", "not a url")))
        .hasMessageContaining("SLACK_API_URL must be a http or https URL");
  }

  @Test
  void aDiscordGuildIdIsDigitsOnly() {
    assertThat(
            CoachConfig.fromEnvironment(
                    Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_GUILD_ID", "1234567890"))
                .discord()
                .orElseThrow()
                .guildId())
        .hasValue("1234567890");
    assertThatThrownBy(
            () ->
                CoachConfig.fromEnvironment(
                    Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_GUILD_ID", "my-server")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DISCORD_GUILD_ID must be a server id");
  }

  @Test
  void secretsNeverAppearInToString() {
    CoachConfig config =
        CoachConfig.fromEnvironment(
            Map.of(
                "SLACK_BOT_TOKEN", "xoxb-secret-bot",
                "SLACK_APP_TOKEN", "xapp-secret-app",
                "DISCORD_BOT_TOKEN", "discord-secret",
                "DISCORD_GATEWAY_URL", "ws://127.0.0.1:9999/",
                "COACH_DB_URL", "jdbc:postgresql://db/coach?user=c&password=pw-secret"));
    assertThat(config.slack()).isPresent();
    assertThat(config.discord().orElseThrow().gatewayUrl())
        .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(9999));
    assertThat(config.toString()).doesNotContain("secret").contains("password=***");
  }

  @Test
  void theDailyGraceIsADurationAndDefaultsToThreeHours() {
    assertThat(CoachConfig.fromEnvironment(Map.of()).channels().dailyGrace())
        .isEqualTo(java.time.Duration.ofHours(3));
    assertThat(
            CoachConfig.fromEnvironment(Map.of("COACH_DAILY_GRACE", "1h30m"))
                .channels()
                .dailyGrace())
        .isEqualTo(java.time.Duration.ofMinutes(90));
    assertThat(
            CoachConfig.fromEnvironment(Map.of("COACH_DAILY_GRACE", "PT45M"))
                .channels()
                .dailyGrace())
        .isEqualTo(java.time.Duration.ofMinutes(45));
    assertThat(
            CoachConfig.fromEnvironment(Map.of("COACH_DAILY_GRACE", "0")).channels().dailyGrace())
        .isZero();
    assertThatThrownBy(() -> CoachConfig.fromEnvironment(Map.of("COACH_DAILY_GRACE", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("COACH_DAILY_GRACE must be a duration such as 3h, 90m or 0, not 'soon'.");
  }

  @Test
  void listedAdminsArePlatformUserIds() {
    var admins =
        CoachConfig.fromEnvironment(Map.of("COACH_ADMINS", "slack:T1:U2, discord:123"))
            .channels()
            .admins();
    assertThat(admins)
        .containsExactlyInAnyOrder(
            coach.core.chat.UserId.slack("T1", "U2"), coach.core.chat.UserId.discord("123"));
    assertThatThrownBy(() -> CoachConfig.fromEnvironment(Map.of("COACH_ADMINS", "alice")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'alice' is not one");
    assertThatThrownBy(() -> CoachConfig.fromEnvironment(Map.of("COACH_ADMINS", "console:bob")))
        .hasMessageContaining("'console:bob' is not one");
  }

  @Test
  void discordMessageContentIsTrueOrFalse() {
    assertThat(CoachConfig.fromEnvironment(Map.of()).channels().discordMessageContent()).isFalse();
    assertThat(
            CoachConfig.fromEnvironment(Map.of("DISCORD_MESSAGE_CONTENT", "TRUE"))
                .channels()
                .discordMessageContent())
        .isTrue();
    assertThatThrownBy(() -> CoachConfig.fromEnvironment(Map.of("DISCORD_MESSAGE_CONTENT", "yes")))
        .hasMessage("DISCORD_MESSAGE_CONTENT must be true or false, not 'yes'.");
  }
}
