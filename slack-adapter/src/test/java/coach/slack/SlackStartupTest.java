package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.slack.FakeSlack.Call;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Startup that cannot go on: each reason is one sentence, and nothing is left running. */
class SlackStartupTest {

  /** A wrapped failure's message names the cause's class ("java.net.ConnectException: ..."). */
  @Test
  void aStartFailureIsExplainedByItsReasonNotAClassName() {
    assertThat(
            SlackAdapter.reason(
                new java.io.IOException(new java.net.ConnectException("Connection refused"))))
        .isEqualTo("Connection refused");
    assertThat(SlackAdapter.reason(new java.io.IOException())).isEqualTo("no reason given");
  }

  @Test
  void aRevokedBotTokenStopsStartupWithOneSentence() {
    try (FakeSlack other = new FakeSlack()) {
      assertThatThrownBy(
              () ->
                  SlackAdapter.start(
                      null,
                      new SlackAdapter.Settings(
                          "xoxb-revoked", FakeSlack.APP_TOKEN, Optional.of(other.apiUrl()))))
          .isInstanceOf(SlackStartException.class)
          .hasMessage(
              "Slack refused SLACK_BOT_TOKEN (invalid_auth); check that the token is current and"
                  + " the app is still installed.");
      assertThat(other.refused()).extracting(Call::method).containsExactly("auth.test");
    }
  }

  @Test
  void aBotTokenGivenAsTheAppTokenStopsStartupWithOneSentence() {
    try (FakeSlack other = new FakeSlack()) {
      assertThatThrownBy(
              () ->
                  SlackAdapter.start(
                      null,
                      new SlackAdapter.Settings(
                          FakeSlack.BOT_TOKEN, FakeSlack.BOT_TOKEN, Optional.of(other.apiUrl()))))
          .isInstanceOf(SlackStartException.class)
          .hasMessageStartingWith(
              "Slack refused SLACK_APP_TOKEN (not_allowed_token_type); it must be an app-level"
                  + " token");
    }
  }
}
