package coach.app;

import coach.core.daily.DailyPrompts;
import coach.core.daily.DailySchedule;
import coach.core.mock.MockSession;
import coach.core.mock.Rsvp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coach schedules}: every daily schedule in the database, read-only. */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description = {
      "List every channel's daily-prompt schedule and its next post (read-only).",
      "--format json prints the JSON described in docs/formats.md."
    })
final class SchedulesCommand implements Callable<Integer> {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.ENGLISH);

  enum Format {
    text,
    json
  }

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text).")
  Format format = Format.text;

  @CommandLine.ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    Logging.quiet();
    try (Services services =
        Services.start(main.launch.env(), ZoneId.systemDefault(), main.launch.err())) {
      List<DailyPrompts.ScheduleView> views = services.daily.schedules();
      List<MockSession> sessions = services.mock.upcoming();
      if (format == Format.json) {
        main.launch
            .out()
            .println(
                new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json(views, sessions, services.mock::rsvps)));
        return 0;
      }
      if (views.isEmpty()) {
        main.launch.out().println("No channel has daily prompts.");
      }
      for (DailyPrompts.ScheduleView view : views) {
        DailySchedule s = view.schedule();
        main.launch
            .out()
            .println(
                s.channel().key()
                    + "  "
                    + s.describe()
                    + "  "
                    + (s.paused()
                        ? "paused" + s.pausedReason().map(r -> " (" + r + ")").orElse("")
                        : "next "
                            + view.nextPost()
                                .map(at -> WHEN.format(at.atZone(s.zone())))
                                .orElse("none"))
                    + "  posts "
                    + view.posts());
      }
      if (sessions.isEmpty()) {
        main.launch.out().println("No mock sessions are coming up.");
      }
      for (MockSession m : sessions) {
        main.launch
            .out()
            .println(
                "mock #"
                    + m.id()
                    + "  "
                    + m.channel().key()
                    + "  "
                    + WHEN.format(m.startsAt().atZone(m.zone()))
                    + "  "
                    + m.minutes()
                    + " min  "
                    + m.state().code()
                    + "  going "
                    + services.mock.rsvps(m.id()).stream()
                        .filter(r -> r.status() == Rsvp.Status.GOING)
                        .count()
                    + (m.capacity().isPresent() ? "/" + m.capacity().getAsInt() : "")
                    + (m.weekly() ? "  weekly" : ""));
      }
      return 0;
    }
  }

  static ObjectNode json(List<DailyPrompts.ScheduleView> views) {
    return json(views, List.of(), id -> List.of());
  }

  /** The schedules as JSON; {@code rsvps} gives each session's answers. */
  static ObjectNode json(
      List<DailyPrompts.ScheduleView> views,
      List<MockSession> sessions,
      java.util.function.Function<String, List<Rsvp>> rsvps) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    ArrayNode daily = root.putArray("daily");
    for (DailyPrompts.ScheduleView view : views) {
      DailySchedule s = view.schedule();
      ObjectNode node = daily.addObject();
      node.put("channel", s.channel().key());
      node.put("time", s.time().toString());
      node.put("zone", s.zone().getId());
      node.put("days", s.days().code());
      ArrayNode prompts = node.putArray("prompts");
      s.pool().forEach(prompts::add);
      node.put("state", s.paused() ? "paused" : "active");
      node.put("paused_reason", s.pausedReason().orElse(null));
      node.put("organiser", s.organiser().value());
      node.put("next_post", view.nextPost().map(Object::toString).orElse(null));
      node.put("posts", view.posts());
    }
    ArrayNode mock = root.putArray("mock_sessions");
    for (MockSession m : sessions) {
      ObjectNode node = mock.addObject();
      node.put("id", m.id());
      node.put("channel", m.channel().key());
      node.put("starts_at", m.startsAt().toString());
      node.put("zone", m.zone().getId());
      node.put("minutes", m.minutes());
      if (m.capacity().isPresent()) {
        node.put("capacity", m.capacity().getAsInt());
      } else {
        node.putNull("capacity");
      }
      node.put("min", m.minAttendees());
      node.put("rsvp_deadline", m.deadline().toString());
      node.put("weekly", m.weekly());
      ArrayNode prompts = node.putArray("prompts");
      m.prompts().forEach(prompts::add);
      node.put("state", m.state().code());
      node.put("organiser", m.organiser().value());
      List<Rsvp> answers = rsvps.apply(m.id());
      ArrayNode going = node.putArray("going");
      ArrayNode waitlist = node.putArray("waitlist");
      for (Rsvp r : answers) {
        if (r.status() == Rsvp.Status.GOING) {
          going.add(r.user().value());
        } else if (r.status() == Rsvp.Status.WAITLIST) {
          waitlist.add(r.user().value());
        }
      }
    }
    return root;
  }
}
