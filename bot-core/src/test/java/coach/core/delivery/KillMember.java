package coach.core.delivery;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The Coach process of {@link ReplyOutboxKillTest}, run on its own so it can be killed at any
 * moment: a coach on a SQLite file that takes direct messages over HTTP ({@code POST /event}) and
 * acknowledges each once it is in the inbound journal, before it is handled on its user's lane (as
 * the Slack adapter does; the platform redelivers only what was not acknowledged). It sends its
 * replies through the outbox to the test's platform, with the reply's outbox id as the message's
 * nonce (as Discord's {@code enforce_nonce} allows). At start it replays what the journal holds
 * unhandled before it takes events.
 *
 * <p>Arguments: the JDBC URL, the platform's URL. Prints {@code ready PORT} once it takes events.
 */
public final class KillMember {

  private KillMember() {}

  public static void main(String[] args) throws Exception {
    Database database = Database.open(args[0]);
    URI platform = URI.create(args[1]);
    Curriculum curriculum = CurriculumLoader.loadDefault();
    Coach coach =
        new Coach(
            database,
            curriculum,
            new ConceptIdDetector(curriculum),
            Clock.systemUTC(),
            ZoneOffset.UTC,
            0);
    coach.outbox().register("discord", new HttpMessenger(platform));
    coach.outbox().start(true);
    Lanes lanes = new Lanes(8, "member");
    coach
        .journal()
        .register(
            "discord",
            event -> lanes.submit(event.sender().id().value(), () -> coach.respond(event)));
    coach.journal().start(true);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/event",
        exchange -> {
          String[] parts =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                  .split("\t", 3);
          UserId user = new UserId(parts[0]);
          Inbound.Message message =
              new Inbound.Message(new Sender(user, parts[0], Optional.empty()), parts[1], parts[2]);
          coach.journal().record(message);
          lanes.submit(user.value(), () -> coach.respond(message));
          byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, ok.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(ok);
          }
        });
    server.start();
    System.out.println("ready " + server.getAddress().getPort());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** Sends replies to the test's platform: user, nonce and text, tab-separated. */
  private record HttpMessenger(URI platform) implements ReplyMessenger {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    public void send(UserId user, Reply reply, String key) throws DeliveryException {
      String body = user.value() + "\t" + key + "\t" + reply.plainText();
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(platform)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new DeliveryException(
              "the platform answered " + response.statusCode(), false, Optional.empty());
        }
      } catch (IOException e) {
        throw new DeliveryException("the platform did not answer", false, Optional.empty());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryException("interrupted", false, Optional.empty());
      }
    }
  }
}
