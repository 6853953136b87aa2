package coach.core.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.user.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The {@code daily} commands: show, set, pause, resume, off, skip, now and list. Only organisers
 * change anything; a refusal or a mistake changes nothing. Replies are for the sender only.
 */
final class DailyCommands {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);

  private final Curriculum curriculum;
  private final DailyStore store;
  private final DailyDelivery delivery;
  private final DailyTriggers triggers;
  private final Set<UserId> admins;

  DailyCommands(
      Curriculum curriculum,
      DailyStore store,
      DailyDelivery delivery,
      DailyTriggers triggers,
      Set<UserId> admins) {
    this.curriculum = curriculum;
    this.store = store;
    this.delivery = delivery;
    this.triggers = triggers;
    this.admins = Set.copyOf(admins);
  }

  /** Work to do once the command's transaction has committed (timers, posting). */
  interface AfterCommit {
    void run();
  }

  /** A reply, and what to do after the transaction commits. */
  record Outcome(Reply reply, List<AfterCommit> after) {
    static Outcome of(Reply reply) {
      return new Outcome(reply, List.of());
    }
  }

  Outcome handle(Handle h, DailyRequest request, User user, Instant now) {
    DailyCommandParser.Parsed parsed = DailyCommandParser.parse(request.text());
    if (parsed instanceof DailyCommandParser.Parsed.Error error) {
      return Outcome.of(Reply.text(error.message()));
    }
    DailyCommand command = ((DailyCommandParser.Parsed.Ok) parsed).command();
    boolean organiser = request.platformOrganiser() || admins.contains(user.id());
    if (command.organiserOnly() && !organiser) {
      return Outcome.of(Reply.text(refusal(request.channel())));
    }
    ChannelRef channel = request.channel();
    Optional<DailySchedule> current = store.find(h, channel);
    if (command instanceof DailyCommand.Set set) {
      return set(h, request, user, current, set, now);
    }
    if (command instanceof DailyCommand.Pause) {
      return pause(h, current, now);
    }
    if (command instanceof DailyCommand.Resume) {
      return resume(h, request, current, now);
    }
    if (command instanceof DailyCommand.Off) {
      return off(h, channel, current);
    }
    if (command instanceof DailyCommand.Skip skip) {
      return skip(h, current, skip.date(), now);
    }
    if (command instanceof DailyCommand.Now) {
      return now(h, request, current, now);
    }
    if (command instanceof DailyCommand.ListAll) {
      return Outcome.of(list(h, channel, now));
    }
    return Outcome.of(show(h, current, now));
  }

  static String refusal(ChannelRef channel) {
    String who =
        channel.platform().equals("slack")
            ? "workspace admins and owners, the channel's creator, and people listed in"
                + " COACH_ADMINS"
            : "members with the Administrator, Manage Server or Manage Channels permission, and"
                + " people listed in COACH_ADMINS";
    return "Only organisers can change this channel's daily prompts: "
        + who
        + ". Anyone can see the schedule with `daily`.";
  }

  private Reply show(Handle h, Optional<DailySchedule> current, Instant now) {
    if (current.isEmpty()) {
      return Reply.text(
          "This channel has no daily prompts. An organiser can start them with `daily at HH:MM"
              + " [zone IANA-ZONE] [days DAYS]`, for example `daily at 09:00 zone Europe/Berlin"
              + " days weekdays`.");
    }
    DailySchedule s = current.get();
    Reply.Builder reply =
        Reply.builder()
            .heading("Daily prompts in this channel")
            .paragraph(
                "Posting at "
                    + s.describe()
                    + ", from "
                    + poolText(s)
                    + (s.paused()
                        ? ". Paused" + s.pausedReason().map(r -> " (" + r + ")").orElse("") + "."
                        : "."));
    if (!s.paused()) {
      preview(h, s, now, reply);
    }
    return reply.build();
  }

  private Outcome set(
      Handle h,
      DailyRequest request,
      User user,
      Optional<DailySchedule> current,
      DailyCommand.Set set,
      Instant now) {
    List<String> pool = set.prompts().orElse(current.map(DailySchedule::pool).orElse(List.of()));
    List<String> unknown = pool.stream().filter(id -> curriculum.prompt(id).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      return Outcome.of(
          Reply.text(
              "I don't know the prompt "
                  + String.join(", ", unknown.stream().map(DailyCommands::clip).toList())
                  + ". Say `prompts all`, or ids from `prompts`, such as `prompts"
                  + " fraud-checkout,churn-prediction`."));
    }
    Optional<String> problem = request.postingProblem().get();
    if (problem.isPresent()) {
      return Outcome.of(Reply.text("I can't post in this channel yet: " + problem.get()));
    }
    ZoneId zone = set.zone().orElse(current.map(DailySchedule::zone).orElse(user.zone()));
    PostDays days = set.days().orElse(current.map(DailySchedule::days).orElse(PostDays.EVERY_DAY));
    DailySchedule schedule =
        new DailySchedule(
            request.channel(),
            set.time(),
            zone,
            days,
            pool,
            false,
            Optional.empty(),
            user.id(),
            current.map(DailySchedule::createdAt).orElse(now),
            now);
    store.save(h, schedule);
    Reply.Builder reply =
        Reply.builder()
            .heading(current.isPresent() ? "Daily prompts updated" : "Daily prompts are on")
            .paragraph(
                "This channel gets a design question at "
                    + schedule.describe()
                    + ", from "
                    + poolText(schedule)
                    + ". Members answer in its thread; each answer counts toward its author's"
                    + " progress.");
    preview(h, schedule, now, reply);
    if (set.zone().isEmpty() && current.isEmpty()) {
      reply.context(
          "Times are in "
              + zone.getId()
              + ", your time zone. Add `zone IANA-ZONE` to use the team's instead.");
    }
    return new Outcome(reply.build(), List.of(() -> delivery.scheduleNext(schedule, now)));
  }

  private Outcome pause(Handle h, Optional<DailySchedule> current, Instant now) {
    if (current.isEmpty()) {
      return Outcome.of(Reply.text("This channel has no daily prompts to pause."));
    }
    if (current.get().paused()) {
      return Outcome.of(
          Reply.text("Daily prompts here are already paused; `daily resume` restarts them."));
    }
    DailySchedule paused = current.get().withPaused(true, Optional.empty(), now);
    store.save(h, paused);
    return new Outcome(
        Reply.text("Paused. No posts here until someone says `daily resume`."),
        List.of(() -> triggers.cancel(paused.channel())));
  }

  private Outcome resume(
      Handle h, DailyRequest request, Optional<DailySchedule> current, Instant now) {
    if (current.isEmpty()) {
      return Outcome.of(
          Reply.text(
              "This channel has no daily prompts to resume; set them with `daily at HH:MM`."));
    }
    if (!current.get().paused()) {
      return Outcome.of(Reply.text("Daily prompts here are running already."));
    }
    Optional<String> problem = request.postingProblem().get();
    if (problem.isPresent()) {
      return Outcome.of(Reply.text("I still can't post in this channel: " + problem.get()));
    }
    DailySchedule resumed = current.get().withPaused(false, Optional.empty(), now);
    store.save(h, resumed);
    Reply.Builder reply = Reply.builder().paragraph("Resumed: " + resumed.describe() + ".");
    preview(h, resumed, now, reply);
    return new Outcome(reply.build(), List.of(() -> delivery.scheduleNext(resumed, now)));
  }

  private Outcome off(Handle h, ChannelRef channel, Optional<DailySchedule> current) {
    if (current.isEmpty()) {
      return Outcome.of(Reply.text("This channel has no daily prompts to turn off."));
    }
    store.delete(h, channel);
    return new Outcome(
        Reply.text(
            "Daily prompts are off in this channel. Past threads and everyone's credits stay."),
        List.of(() -> triggers.cancel(channel)));
  }

  private Outcome skip(Handle h, Optional<DailySchedule> current, LocalDate date, Instant now) {
    if (current.isEmpty()) {
      return Outcome.of(
          Reply.text("This channel has no daily prompts, so there's nothing to skip."));
    }
    DailySchedule s = current.get();
    if (date.isBefore(now.atZone(s.zone()).toLocalDate())) {
      return Outcome.of(Reply.text(date + " has passed already (in " + s.zone().getId() + ")."));
    }
    store.addSkip(h, s.channel(), date);
    Reply.Builder reply = Reply.builder().paragraph("No post on " + date + ".");
    if (!s.paused()) {
      preview(h, s, now, reply);
    }
    List<AfterCommit> after = s.paused() ? List.of() : List.of(() -> delivery.scheduleNext(s, now));
    return new Outcome(reply.build(), after);
  }

  private Outcome now(
      Handle h, DailyRequest request, Optional<DailySchedule> current, Instant now) {
    if (current.isEmpty()) {
      return Outcome.of(
          Reply.text(
              "Set this channel's schedule first with `daily at HH:MM`; then `daily now` posts at once."));
    }
    DailySchedule s = current.get();
    Optional<String> problem = request.postingProblem().get();
    if (problem.isPresent()) {
      return Outcome.of(Reply.text("I can't post in this channel yet: " + problem.get()));
    }
    LocalDate today = now.atZone(s.zone()).toLocalDate();
    Optional<DailyPostRecord> claimed = delivery.claim(h, s, today, now, false);
    if (claimed.isEmpty()) {
      return Outcome.of(
          Reply.text(
              "Today's question (" + today + ") is out already; the next one comes on schedule."));
    }
    return new Outcome(
        Reply.text("Posting today's question now; it counts as today's post."),
        List.of(() -> triggers.deliver(s.channel(), today, now)));
  }

  private Reply list(Handle h, ChannelRef here, Instant now) {
    List<String> lines = new ArrayList<>();
    for (DailySchedule s : store.all(h)) {
      if (!s.channel().platform().equals(here.platform())
          || !s.channel().workspace().equals(here.workspace())) {
        continue;
      }
      String last =
          store.posts(h, s.channel(), 1).stream()
              .findFirst()
              .map(p -> p.date() + " (" + p.state() + ")")
              .orElse("none yet");
      String next =
          s.paused()
              ? "paused"
              : PostTimes.next(s, store.skips(h, s.channel()), now, 1).stream()
                  .findFirst()
                  .map(t -> WHEN.format(t.at().atZone(s.zone())))
                  .orElse("none");
      lines.add(
          channelMention(s.channel())
              + ": "
              + s.describe()
              + (s.paused() ? ", paused" : ", active")
              + "; last post "
              + last
              + "; next "
              + next);
    }
    if (lines.isEmpty()) {
      return Reply.text("No channel here has daily prompts yet.");
    }
    return Reply.builder().heading("Daily prompts in this workspace").bullets(lines).build();
  }

  private void preview(Handle h, DailySchedule s, Instant now, Reply.Builder reply) {
    List<PostTimes.PostTime> next = PostTimes.next(s, store.skips(h, s.channel()), now, 3);
    List<String> lines = new ArrayList<>();
    for (PostTimes.PostTime t : next) {
      lines.add(
          WHEN.format(t.at().atZone(s.zone())) + t.dstNote().map(n -> " (" + n + ")").orElse(""));
    }
    if (lines.isEmpty()) {
      reply.paragraph("No post falls within the next year.");
      return;
    }
    reply.paragraph("Next posts:").bullets(lines);
    PostTimes.nextDstWarning(s, now)
        .filter(w -> next.stream().noneMatch(t -> t.dstNote().isPresent()))
        .ifPresent(w -> reply.context("Heads-up: " + w));
  }

  private String poolText(DailySchedule s) {
    if (s.pool().isEmpty()) {
      return "all " + curriculum.prompts().size() + " prompts";
    }
    return s.pool().size() == 1
        ? "the prompt " + title(s.pool().get(0))
        : s.pool().size()
            + " prompts ("
            + String.join(", ", s.pool().stream().map(this::title).toList())
            + ")";
  }

  private String title(String promptId) {
    return curriculum.prompt(promptId).map(Prompt::title).orElse(promptId);
  }

  /** A channel link; Slack and Discord both write it {@code <#ID>}. */
  static String channelMention(ChannelRef channel) {
    return "<#" + channel.channel() + ">";
  }

  private static String clip(String text) {
    String cleaned = text.replace("`", "").replace("@", "");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
  }
}
