package coach.app;

import coach.core.daily.DailyPrompts;
import coach.core.daily.DailySchedule;
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
      if (format == Format.json) {
        main.launch
            .out()
            .println(
                new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json(views)));
        return 0;
      }
      if (views.isEmpty()) {
        main.launch.out().println("No channel has daily prompts.");
        return 0;
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
      return 0;
    }
  }

  static ObjectNode json(List<DailyPrompts.ScheduleView> views) {
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
    root.putArray("mock_sessions");
    return root;
  }
}
