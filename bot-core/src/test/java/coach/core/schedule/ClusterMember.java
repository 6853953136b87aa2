package coach.core.schedule;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.core.daily.RetryPolicy;
import coach.core.storage.Database;
import coach.core.testing.TestFeatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * One Coach instance of {@link ClusterTest}, run in a process of its own so it can be killed: the
 * real scheduler and daily prompts on a shared PostgreSQL, posting to the test's fake platform over
 * HTTP with the post's id as the message's nonce (as Discord's {@code enforce_nonce} allows).
 *
 * <p>Arguments: the JDBC URL, the platform's URL, this member's name.
 */
public final class ClusterMember {

  private ClusterMember() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    URI platform = URI.create(args[1]);
    String name = args[2];
    Curriculum curriculum = CurriculumLoader.loadDefault();
    Database database = Database.open(url);
    Scheduling scheduling =
        Scheduling.create(
            database,
            "cluster",
            new Scheduling.Options(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    DailyPrompts daily =
        TestFeatures.daily(
            database,
            Clock.systemUTC(),
            ZoneOffset.UTC,
            new DailyPrompts.Settings(
                Duration.ofHours(3), Set.of(), RetryPolicy.DEFAULT, ClusterTest.LEASE),
            scheduling);
    daily.register("slack", new HttpPlatform(platform, name));
    scheduling.start(daily);
    System.out.println("ready " + name);
    System.out.flush();
    Thread.currentThread().join();
  }

  /** Posts to the fake platform; its answer names the message, new or (same nonce) earlier. */
  private record HttpPlatform(URI platform, String member) implements DailyPublisher {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    public Receipt publish(DailyPost post) throws PublishException {
      String body = post.postId() + " " + post.channel().key() + " " + member;
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(platform)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new PublishException("the platform answered " + response.statusCode(), false);
        }
        return new Receipt(response.body(), response.body());
      } catch (java.io.IOException e) {
        throw new PublishException("the platform did not answer", false, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PublishException("interrupted", false, e);
      }
    }

    @Override
    public void directMessage(UserId user, Reply message) {}
  }
}
