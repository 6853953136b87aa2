package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.daily.DailyRequest;
import coach.core.user.User;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The {@code mock} commands typed in a channel: schedule, list, cancel, move, ics, reminders and
 * avoid. Organisers schedule, cancel and move; a refusal or a mistake changes nothing. Replies are
 * for the sender only.
 */
final class MockCommands {

  /** A session less than this far away gets its RSVP deadline at the start by default. */
  static final Duration SHORT_NOTICE = Duration.ofHours(4);

  static final Duration DEFAULT_DEADLINE = Duration.ofHours(2);

  private static final Pattern SLACK_MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");
  private static final Pattern DISCORD_MENTION = Pattern.compile("<@!?([0-9]+)>");

  /** A reply, and what to do once the transaction has committed (post, arm timers). */
  record Outcome(Reply reply, List<Runnable> after) {
    static Outcome of(Reply reply) {
      return new Outcome(reply, List.of());
    }

    static Outcome of(String text) {
      return of(Reply.text(text));
    }
  }

  private final Curriculum curriculum;
  private final MockStore store;
  private final MockRecords records;
  private final MockMessages messages;
  private final MockLifecycle lifecycle;
  private final Set<UserId> admins;

  MockCommands(
      Curriculum curriculum,
      MockStore store,
      MockRecords records,
      MockMessages messages,
      MockLifecycle lifecycle,
      Set<UserId> admins) {
    this.curriculum = curriculum;
    this.store = store;
    this.records = records;
    this.messages = messages;
    this.lifecycle = lifecycle;
    this.admins = Set.copyOf(admins);
  }

  Outcome handle(Handle h, DailyRequest request, User user, Instant now) {
    MockCommand command = MockCommandParser.parse(request.text());
    boolean organiser = request.platformOrganiser() || admins.contains(user.id());
    if (command instanceof MockCommand.Invalid invalid) {
      return Outcome.of(invalid.message());
    }
    if (command instanceof MockCommand.ListSessions) {
      return Outcome.of(messages.list(h, store.upcoming(h, request.channel())));
    }
    if (command instanceof MockCommand.Schedule schedule) {
      return organiser
          ? schedule(h, request, user, schedule, now)
          : Outcome.of(refusal("schedule mock sessions"));
    }
    if (command instanceof MockCommand.Cancel cancel) {
      return cancel(h, request, user, organiser, cancel.id(), now);
    }
    if (command instanceof MockCommand.Move move) {
      return move(h, request, user, organiser, move, now);
    }
    if (command instanceof MockCommand.Ics ics) {
      return ics(h, request, ics.id(), now);
    }
    if (command instanceof MockCommand.Reminders reminders) {
      return reminders(h, user, reminders, now);
    }
    if (command instanceof MockCommand.Avoid avoid) {
      return avoid(h, request, user, avoid, now);
    }
    return Outcome.of(MockCommandParser.usage("Mock interviews:"));
  }

  static String refusal(String what) {
    return "Only organisers can "
        + what
        + " here: a workspace or server admin, whoever can manage this channel, or someone listed"
        + " in COACH_ADMINS. Anyone can press Going on a session.";
  }

  private Outcome schedule(
      Handle h, DailyRequest request, User user, MockCommand.Schedule c, Instant now) {
    ZoneId zone = c.zone().orElse(user.zone());
    LocalDateTime local = LocalDateTime.of(c.date(), c.time());
    ZonedDateTime start = ZonedDateTime.ofLocal(local, zone, null);
    Instant startsAt = start.toInstant();
    if (!startsAt.isAfter(now)) {
      return Outcome.of(
          "That time has already passed in "
              + zone.getId()
              + ". Pick a start in the future, for example tomorrow's date.");
    }
    List<String> unknown =
        c.prompts().stream().filter(id -> curriculum.prompt(id).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      return Outcome.of(
          "I don't know the prompt"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + ". Known prompts: "
              + String.join(", ", curriculum.prompts().stream().map(p -> p.id()).toList())
              + ".");
    }
    Duration lead =
        c.deadlineHours().isPresent()
            ? Duration.ofHours(c.deadlineHours().getAsInt())
            : Duration.between(now, startsAt).compareTo(SHORT_NOTICE) < 0
                ? Duration.ZERO
                : DEFAULT_DEADLINE;
    Instant deadline = startsAt.minus(lead);
    if (!deadline.isAfter(now)) {
      return Outcome.of(
          "An RSVP deadline "
              + lead.toHours()
              + " hours before the start has already passed. Use a smaller `deadline` (0 keeps"
              + " RSVPs open until the start).");
    }
    Optional<String> problem = request.postingProblem().get();
    if (problem.isPresent()) {
      return Outcome.of("I can't post the announcement in this channel yet: " + problem.get());
    }
    String id = store.newId(h);
    MockSession s =
        new MockSession(
            id,
            request.channel(),
            user.id(),
            startsAt,
            zone,
            c.minutes(),
            c.capacity(),
            c.min(),
            deadline,
            c.weekly(),
            c.prompts(),
            id,
            MockSession.State.SCHEDULED,
            Optional.empty(),
            0,
            Optional.empty(),
            Optional.empty());
    store.insert(h, s, now);
    List<Runnable> after = lifecycle.announce(h, s, now);
    Reply.Builder reply =
        Reply.builder()
            .paragraph(
                "Scheduled mock interview #"
                    + id
                    + ": the announcement with Going and Not going buttons is going up in this"
                    + " channel.")
            .moment("Starts", startsAt, zone);
    if (deadline.isBefore(startsAt)) {
      reply.moment("RSVP by", deadline, zone);
    }
    gapWarning(local, zone).ifPresent(reply::context);
    return new Outcome(reply.build(), after);
  }

  /** A warning when the local time does not exist (DST gap) or happens twice (overlap). */
  static Optional<String> gapWarning(LocalDateTime local, ZoneId zone) {
    var transition = zone.getRules().getTransition(local);
    if (transition == null) {
      return Optional.empty();
    }
    return Optional.of(
        transition.isGap()
            ? local.toLocalTime()
                + " doesn't exist on "
                + local.toLocalDate()
                + " in "
                + zone.getId()
                + " (the clocks go forward), so it starts at "
                + local.plus(transition.getDuration()).toLocalTime()
                + " instead."
            : local.toLocalTime()
                + " happens twice on "
                + local.toLocalDate()
                + " in "
                + zone.getId()
                + " (the clocks go back); it starts at the first one.");
  }

  private Outcome cancel(
      Handle h, DailyRequest request, User user, boolean organiser, String id, Instant now) {
    Optional<MockSession> found = sessionHere(h, request, id);
    if (found.isEmpty()) {
      return Outcome.of(notHere(id));
    }
    MockSession s = found.get();
    if (!organiser && !s.organiser().equals(user.id())) {
      return Outcome.of(refusal("cancel mock sessions"));
    }
    if (s.state() != MockSession.State.SCHEDULED) {
      return Outcome.of("#" + id + " is " + s.state().code() + "; there's nothing to cancel.");
    }
    List<Runnable> after = lifecycle.cancel(h, s, "the organiser cancelled it", now);
    return new Outcome(
        Reply.text(
            "Cancelled #"
                + id
                + ". Everyone who said Going is being told by DM."
                + (s.weekly()
                    ? " It was weekly: that ends the series. Schedule a new weekly session to"
                        + " start again."
                    : "")),
        after);
  }

  private Outcome move(
      Handle h,
      DailyRequest request,
      User user,
      boolean organiser,
      MockCommand.Move c,
      Instant now) {
    Optional<MockSession> found = sessionHere(h, request, c.id());
    if (found.isEmpty()) {
      return Outcome.of(notHere(c.id()));
    }
    MockSession s = found.get();
    if (!organiser && !s.organiser().equals(user.id())) {
      return Outcome.of(refusal("move mock sessions"));
    }
    if (s.state() != MockSession.State.SCHEDULED) {
      return Outcome.of("#" + c.id() + " is " + s.state().code() + "; it can't move now.");
    }
    ZoneId zone = c.zone().orElse(s.zone());
    LocalDateTime local = LocalDateTime.of(c.date(), c.time());
    Instant startsAt = ZonedDateTime.ofLocal(local, zone, null).toInstant();
    if (!startsAt.isAfter(now)) {
      return Outcome.of("That time has already passed in " + zone.getId() + ".");
    }
    Duration lead = Duration.between(s.deadline(), s.startsAt());
    Instant deadline = startsAt.minus(lead);
    if (!deadline.isAfter(now)) {
      deadline = startsAt;
    }
    List<Runnable> after = lifecycle.move(h, s, startsAt, zone, deadline, now);
    Reply.Builder reply =
        Reply.builder()
            .paragraph(
                "Moved #"
                    + c.id()
                    + ". Everyone who said Going keeps their place and is being told the new time"
                    + " by DM.")
            .moment("New start", startsAt, zone);
    gapWarning(local, zone).ifPresent(reply::context);
    return new Outcome(reply.build(), after);
  }

  private Outcome ics(Handle h, DailyRequest request, String id, Instant now) {
    Optional<MockSession> found =
        store
            .find(h, id)
            .filter(s -> s.channel().workspace().equals(request.channel().workspace()));
    if (found.isEmpty()) {
      return Outcome.of(notHere(id));
    }
    MockSession s = found.get();
    byte[] file = MockCalendar.write(lifecycle.calendarEntry(h, s, now));
    return Outcome.of(
        Reply.builder()
            .paragraph(
                "Mock interview #"
                    + id
                    + " for your calendar. If it moves, ask again: the new file updates the same"
                    + " event.")
            .file(MockCalendar.fileName(id), MockCalendar.FILE_MIME, file, "calendar file")
            .build());
  }

  private Outcome reminders(Handle h, User user, MockCommand.Reminders c, Instant now) {
    MockRecords.ReminderPrefs prefs = records.reminderPrefs(h, user.id());
    if (c.on().isPresent()) {
      boolean on = c.on().get();
      boolean day = c.which().map(w -> w == MockStep.REMIND_DAY).orElse(true);
      boolean hour = c.which().map(w -> w == MockStep.REMIND_HOUR).orElse(true);
      prefs =
          new MockRecords.ReminderPrefs(
              day ? on : prefs.dayBefore(), hour ? on : prefs.hourBefore());
      records.saveReminderPrefs(h, user.id(), prefs, now);
    }
    return Outcome.of(
        "Mock reminders by DM: the day before "
            + (prefs.dayBefore() ? "on" : "off")
            + ", an hour before "
            + (prefs.hourBefore() ? "on" : "off")
            + ". Switch with `mock reminders on|off [24h|1h]`.");
  }

  private Outcome avoid(
      Handle h, DailyRequest request, User user, MockCommand.Avoid c, Instant now) {
    if (c.userRef().isEmpty()) {
      List<UserId> avoided = records.avoided(h, user.id());
      return Outcome.of(
          avoided.isEmpty()
              ? "You haven't asked me to keep you apart from anyone. `mock avoid @name` does,"
                  + " privately."
              : "I keep you apart from "
                  + String.join(", ", avoided.stream().map(u -> messages.name(h, u)).toList())
                  + " (only you can see this). `mock unavoid @name` undoes it.");
    }
    Optional<UserId> other = userRef(request, c.userRef().get());
    if (other.isEmpty()) {
      return Outcome.of(
          "Mention the person, for example `mock avoid @name`; I couldn't tell who you meant.");
    }
    if (other.get().equals(user.id())) {
      return Outcome.of("That's you; there's no need.");
    }
    if (c.remove()) {
      boolean removed = records.unavoid(h, user.id(), other.get());
      return Outcome.of(
          removed
              ? "Done: you can be paired with them again."
              : "You hadn't asked me to keep you apart.");
    }
    records.avoid(h, user.id(), other.get(), now);
    return Outcome.of(
        "Done. I'll never pair you with them in a mock session. Nobody else is told, them"
            + " included.");
  }

  /** A person as typed: a Slack or Discord mention, or a user id. */
  static Optional<UserId> userRef(DailyRequest request, String text) {
    String t = text.strip();
    Matcher slack = SLACK_MENTION.matcher(t);
    if (request.channel().platform().equals("slack") && slack.matches()) {
      return Optional.of(UserId.slack(request.channel().workspace(), slack.group(1)));
    }
    Matcher discord = DISCORD_MENTION.matcher(t);
    if (request.channel().platform().equals("discord") && discord.matches()) {
      return Optional.of(UserId.discord(discord.group(1)));
    }
    try {
      UserId id = UserId.parse(t);
      return id.platform().equals(request.channel().platform())
          ? Optional.of(id)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<MockSession> sessionHere(Handle h, DailyRequest request, String id) {
    return store.find(h, id).filter(s -> s.channel().equals(request.channel()));
  }

  private static String notHere(String id) {
    return "I don't know a mock session #"
        + id
        + " in this channel. `mock list` shows the ones coming up.";
  }
}
