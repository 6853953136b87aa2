package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.slack.FakeSlackWebApi.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's rate limits by method tier, on a manual clock: HTTP 429 with Retry-After. */
class SlackRateLimitsTest {

  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final FakeSlack slack = new FakeSlack();
  private final FakeSlackWebApi api = new FakeSlackWebApi(slack.apiUrl());

  @AfterEach
  void stop() {
    slack.close();
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  private Answer post(String channel) {
    return api.bot("chat.postMessage", Map.of("channel", channel, "text", "x"));
  }

  @Test
  void withoutBeingAskedTheFakeDoesNotLimit() {
    slack.clock(now::get);
    for (int i = 0; i < 20; i++) {
      assertThat(post("DU1").ok()).isTrue();
    }
  }

  @Test
  void postMessageAllowsABurstThenOneASecondPerChannel() {
    slack.clock(now::get);
    slack.enforceRateLimits(3);
    for (int i = 0; i < 3; i++) {
      assertThat(post("DU1").ok()).isTrue();
    }
    Answer limited = post("DU1");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.error()).isEqualTo("ratelimited");
    assertThat(limited.retryAfter()).contains("1");
    assertThat(post("DU2").ok()).as("another channel has its own allowance").isTrue();
    advance(Duration.ofSeconds(1));
    assertThat(post("DU1").ok()).isTrue();
    assertThat(post("DU1").status()).isEqualTo(429);
    assertThat(slack.refused()).hasSize(2);
  }

  @Test
  void aTierFourMethodAllowsOneHundredCallsAMinute() {
    slack.clock(now::get);
    slack.enforceRateLimits(3);
    for (int i = 0; i < 100; i++) {
      assertThat(api.bot("users.info", Map.of("user", "U1")).ok()).isTrue();
      advance(Duration.ofMillis(100));
    }
    Answer limited = api.bot("users.info", Map.of("user", "U1"));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryAfter()).contains("50"); // the first call leaves the window in 50 s
    advance(Duration.ofSeconds(50));
    assertThat(api.bot("users.info", Map.of("user", "U1")).ok()).isTrue();
  }

  @Test
  void aTierThreeMethodAllowsFiftyCallsAMinute() {
    slack.clock(now::get);
    slack.enforceRateLimits(3);
    for (int i = 0; i < 50; i++) {
      assertThat(api.bot("conversations.open", Map.of("users", "U1")).ok()).isTrue();
    }
    assertThat(api.bot("conversations.open", Map.of("users", "U1")).status()).isEqualTo(429);
  }

  @Test
  void aTierOneMethodAllowsOneCallAMinute() {
    slack.clock(now::get);
    slack.enforceRateLimits(3);
    assertThat(api.call("apps.connections.open", FakeSlack.APP_TOKEN, Map.of()).ok()).isTrue();
    Answer limited = api.call("apps.connections.open", FakeSlack.APP_TOKEN, Map.of());
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryAfter()).contains("60");
  }
}
