package coach.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The server side of Discord's gateway as the loopback Discord plays it (Discord developer
 * documentation, "Gateway" and "Opcodes and Status Codes"): HELLO on connect; IDENTIFY with the bot
 * token starts a session (READY, then GUILD_CREATE for the study server if asked), with a wrong
 * token the socket is closed with 4004 "Authentication failed"; heartbeats are acked (op 11);
 * RESUME of a session it started gets RESUMED, of any other session op 9 Invalid Session with
 * {@code d: false} (the client must identify afresh). Dispatches are numbered and sent in order.
 */
final class FakeGateway {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Supplier<URI> url;
  private final BooleanSupplier withGuild;
  private final List<WsContext> sockets = new CopyOnWriteArrayList<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final Set<String> liveSessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger sessions = new AtomicInteger();
  private volatile long disallowedIntents;

  /**
   * @param url the gateway's own URL (READY's {@code resume_gateway_url})
   * @param withGuild whether READY lists the study server
   */
  FakeGateway(Supplier<URI> url, BooleanSupplier withGuild) {
    this.url = url;
    this.withGuild = withGuild;
  }

  /** IDENTIFY asking for any of these intents is refused (4014), as for an intent not enabled. */
  void disallowIntents(long intents) {
    disallowedIntents = intents;
  }

  /** Wires the handlers into a Javalin WebSocket route. */
  void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          ctx.session.setIdleTimeout(Duration.ofMinutes(5));
          sockets.add(ctx);
          ctx.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
        });
    ws.onClose(ctx -> sockets.removeIf(s -> s.sessionId().equals(ctx.sessionId())));
    ws.onMessage(ctx -> receive(ctx, JSON.readTree(ctx.message())));
  }

  private void receive(WsContext ctx, JsonNode payload) {
    received.add(payload);
    JsonNode d = payload.path("d");
    switch (payload.path("op").asInt()) {
      case 1 -> ctx.send("{\"op\":11}");
      case 2 -> {
        if (!d.path("token").asText().equals(FakeDiscord.TOKEN)) {
          ctx.closeSession(4004, "Authentication failed.");
          return;
        }
        if ((d.path("intents").asLong() & disallowedIntents) != 0) {
          ctx.closeSession(4014, "Disallowed intent(s).");
          return;
        }
        String session = "session-" + sessions.incrementAndGet();
        liveSessions.add(session);
        ObjectNode ready = JSON.createObjectNode();
        ready.put("v", 10).put("session_id", session);
        ready.put("resume_gateway_url", url.get().toString());
        ready.set("user", DiscordPayloads.botUser());
        ready.putObject("application").put("id", FakeDiscord.BOT_ID).put("flags", 0);
        ready.putArray("private_channels");
        ArrayNode guilds = ready.putArray("guilds");
        if (withGuild.getAsBoolean()) {
          guilds.addObject().put("id", FakeDiscord.GUILD_ID).put("unavailable", true);
        }
        sequence.set(0);
        send(ctx, "READY", ready);
        if (withGuild.getAsBoolean()) {
          send(ctx, "GUILD_CREATE", DiscordPayloads.guild());
        }
      }
      case 6 -> {
        if (!d.path("token").asText().equals(FakeDiscord.TOKEN)) {
          ctx.closeSession(4004, "Authentication failed.");
        } else if (!liveSessions.contains(d.path("session_id").asText())) {
          ctx.send("{\"op\":9,\"d\":false}");
        } else {
          send(ctx, "RESUMED", JSON.createObjectNode());
        }
      }
      default -> {}
    }
  }

  /** Sends one dispatch (op 0) and waits until it has been written to the socket. */
  private void send(WsContext ctx, String type, JsonNode data) {
    synchronized (sequence) {
      ObjectNode payload = JSON.createObjectNode();
      payload.put("op", 0).put("t", type).put("s", sequence.incrementAndGet());
      payload.set("d", data);
      Callback.Completable sent = new Callback.Completable();
      ctx.session.sendText(payload.toString(), sent);
      try {
        sent.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError("could not send " + type + " to the gateway client", e);
      }
    }
  }

  /**
   * Sends an event to the newest connection; returns once it has been written to the socket, so the
   * client reads it before anything dispatched later.
   */
  void dispatch(String type, JsonNode data) {
    FakeDiscord.await(() -> !sockets.isEmpty(), WAIT, "a gateway connection");
    send(sockets.get(sockets.size() - 1), type, data);
  }

  /** Waits until the client has identified (or resumed) on a live socket. */
  void awaitConnected(Duration timeout) {
    FakeDiscord.await(
        () -> !sockets.isEmpty() && count(2) + count(6) > 0, timeout, "a gateway session");
  }

  /** How many IDENTIFYs (op 2) clients have sent. */
  int identifies() {
    return count(2);
  }

  /** How many RESUMEs (op 6) clients have sent. */
  int resumes() {
    return count(6);
  }

  private int count(int op) {
    return (int) received.stream().filter(p -> p.path("op").asInt() == op).count();
  }

  /** The first IDENTIFY the client sent. */
  JsonNode identify() {
    return received.stream().filter(p -> p.path("op").asInt() == 2).findFirst().orElseThrow();
  }

  /** Closes every socket from the server side, as Discord does now and then. */
  void dropConnection(int code) {
    for (WsContext socket : sockets) {
      socket.closeSession(code, "dropped by the test");
    }
  }

  /** Forgets every session (they timed out): a RESUME is then refused with op 9. */
  void forgetSessions() {
    liveSessions.clear();
  }
}
