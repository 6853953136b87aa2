package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.user.UserStore;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What mock sessions say: the announcement, the list, and every direct message a session's life
 * owes people. Text is plain and never pings; times are {@link Block.Moment}s, so each reader sees
 * them in their own zone.
 */
final class MockMessages {

  /** Button ids; the session id (and for forms the group and round) follow after colons. */
  static final String GOING = "mock-going";

  static final String NOT_GOING = "mock-not-going";
  static final String CANT_MAKE_IT = "mock-cant-make-it";
  static final String HERE = "mock-here";
  static final String FEEDBACK_FORM = "mock-feedback";
  static final String ABSENT = "mock-absent";

  private final Curriculum curriculum;
  private final MockStore store;
  private final MockRecords records;
  private final UserStore users = new UserStore();
  private final RoundMessages rounds;

  MockMessages(Curriculum curriculum, MockStore store, MockRecords records, MockProfiles profiles) {
    this.curriculum = curriculum;
    this.store = store;
    this.records = records;
    this.rounds = new RoundMessages(curriculum, records, profiles, this::name);
  }

  String name(Handle h, UserId user) {
    return users.find(h, user).map(u -> u.displayName()).orElse("someone");
  }

  /** The announcement as it should read now. */
  Reply announcement(Handle h, MockSession s) {
    Reply.Builder b = Reply.builder();
    String title = "Mock interview #" + s.id();
    switch (s.state()) {
      case CANCELLED -> title += " (cancelled)";
      case RUNNING -> title += " (under way)";
      case ENDED -> title += " (ended)";
      default -> {}
    }
    b.heading(title);
    b.moment("Starts", s.startsAt(), s.zone());
    List<Rsvp> rsvps = store.rsvps(h, s.id());
    List<String> going = names(h, rsvps, Rsvp.Status.GOING);
    List<String> waiting = names(h, rsvps, Rsvp.Status.WAITLIST);
    List<Block.Field> fields = new ArrayList<>();
    fields.add(new Block.Field("Length", s.minutes() + " minutes"));
    fields.add(new Block.Field("Prompts", promptsText(s)));
    fields.add(
        new Block.Field(
            "Places",
            s.capacity().isPresent()
                ? going.size() + " of " + s.capacity().getAsInt() + " taken"
                : going.size() + " going (no limit)"));
    fields.add(new Block.Field("Runs with", "at least " + s.minAttendees() + " people"));
    b.fields(fields);
    if (s.state() == MockSession.State.SCHEDULED && s.deadline().isBefore(s.startsAt())) {
      b.moment("RSVP by", s.deadline(), s.zone());
    }
    if (s.state() == MockSession.State.CANCELLED) {
      b.paragraph(
          "This session was cancelled"
              + s.cancelReason().map(r -> ": " + r).orElse(".")
              + " Everyone who said Going has been told.");
      return b.build();
    }
    b.paragraph(
        "Going ("
            + going.size()
            + "): "
            + (going.isEmpty() ? "nobody yet" : nameList(going, GOING_CHARS)));
    if (!waiting.isEmpty()) {
      b.paragraph(
          "Waitlist, in order (" + waiting.size() + "): " + nameList(waiting, WAITLIST_CHARS));
    }
    if (s.state() == MockSession.State.SCHEDULED) {
      b.context(
          (s.weekly() ? "Repeats weekly. " : "")
              + "At the start Coach pairs everyone going into interviewer and candidate and sends"
              + " each a DM. Type `mock ics "
              + s.id()
              + "` for a calendar file.");
      b.choices(
          List.of(
              new Block.Choice(GOING + ":" + s.id(), "Going"),
              new Block.Choice(NOT_GOING + ":" + s.id(), "Not going")));
    } else {
      b.context("RSVPs are closed.");
    }
    return b.build();
  }

  /**
   * How many characters of names the announcement lists as going, and as waiting: together with the
   * rest they keep it to one Slack message and one Discord embed however many join.
   */
  static final int GOING_CHARS = 1_500;

  static final int WAITLIST_CHARS = 600;

  /**
   * The names joined by commas, as many as fit in {@code maxChars} in order, then "and N more" for
   * the rest.
   */
  static String nameList(List<String> names, int maxChars) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (String name : names) {
      int length = out.length() + (shown == 0 ? 0 : 2) + name.length();
      if (length > maxChars) {
        break;
      }
      out.append(shown == 0 ? "" : ", ").append(name);
      shown++;
    }
    int rest = names.size() - shown;
    if (rest > 0) {
      out.append(shown == 0 ? "" : " ").append("and ").append(rest).append(" more");
    }
    return out.toString();
  }

  private List<String> names(Handle h, List<Rsvp> rsvps, Rsvp.Status status) {
    return rsvps.stream().filter(r -> r.status() == status).map(r -> name(h, r.user())).toList();
  }

  String promptsText(MockSession s) {
    if (s.prompts().isEmpty()) {
      return "chosen for each candidate from every prompt";
    }
    return String.join(
        ", ",
        s.prompts().stream()
            .map(id -> curriculum.prompt(id).map(Prompt::title).orElse(id))
            .toList());
  }

  /** The channel's upcoming sessions, for {@code mock list}. */
  Reply list(Handle h, List<MockSession> sessions) {
    if (sessions.isEmpty()) {
      return Reply.text(
          "No mock sessions are coming up in this channel. An organiser can schedule one with"
              + " `mock schedule at YYYY-MM-DD HH:MM`.");
    }
    Reply.Builder b = Reply.builder().heading("Mock sessions in this channel");
    for (MockSession s : sessions) {
      List<Rsvp> rsvps = store.rsvps(h, s.id());
      long going = rsvps.stream().filter(r -> r.status() == Rsvp.Status.GOING).count();
      long waiting = rsvps.stream().filter(r -> r.status() == Rsvp.Status.WAITLIST).count();
      b.moment("#" + s.id(), s.startsAt(), s.zone());
      b.context(
          s.minutes()
              + " minutes · "
              + going
              + (s.capacity().isPresent() ? " of " + s.capacity().getAsInt() : "")
              + " going"
              + (waiting > 0 ? " · " + waiting + " waiting" : "")
              + (s.state() == MockSession.State.RUNNING ? " · under way" : "")
              + (s.weekly() ? " · weekly" : ""));
    }
    return b.build();
  }

  /** Renders one owed message. */
  Reply render(Handle h, MockSession s, MockOutbox.Message m) {
    return switch (m.kind()) {
      case ANNOUNCE -> announcement(h, s);
      case PROMOTED ->
          Reply.builder()
              .paragraph(
                  "A place opened up in mock interview #"
                      + s.id()
                      + " and it's yours: you're on the Going list now. If you can't make it,"
                      + " press Not going on the announcement so the next person gets it.")
              .moment("Starts", s.startsAt(), s.zone())
              .build();
      case CANCELLED ->
          Reply.builder()
              .paragraph(
                  "Mock interview #"
                      + s.id()
                      + " is cancelled"
                      + s.cancelReason().map(r -> ": " + r).orElse(".")
                      + " Nothing to do on your side.")
              .moment("It was to start", s.startsAt(), s.zone())
              .build();
      case MOVED ->
          Reply.builder()
              .paragraph(
                  "Mock interview #"
                      + s.id()
                      + " has moved. You're still on the "
                      + (m.detail().equals("waitlist") ? "waitlist" : "Going list")
                      + "; if the new time doesn't suit you, press Not going on the"
                      + " announcement.")
              .moment("New start", s.startsAt(), s.zone())
              .choices(List.of(new Block.Choice(CANT_MAKE_IT + ":" + s.id(), "Can't make it")))
              .build();
      case REMIND -> reminder(s, m.detail());
      case PAIRED, SWAP -> rounds.roundMessage(h, s, m);
      case ALONE -> rounds.alone(s, m.detail());
      case FEEDBACK_FORM -> feedbackInvite(h, s, m.detail());
      case FEEDBACK -> feedbackToCandidate(h, s, m.detail());
      case NOTICE -> Reply.text(m.detail());
    };
  }

  private Reply reminder(MockSession s, String which) {
    boolean day = which.equals(MockStep.REMIND_DAY.name());
    return Reply.builder()
        .paragraph(
            (day ? "Tomorrow" : "In an hour")
                + ": mock interview #"
                + s.id()
                + ", "
                + s.minutes()
                + " minutes. You'll get a DM at the start with your role, your partner and the"
                + " prompt.")
        .moment("Starts", s.startsAt(), s.zone())
        .context("Turn these off with `mock reminders off " + (day ? "24h" : "1h") + "`.")
        .choices(List.of(new Block.Choice(CANT_MAKE_IT + ":" + s.id(), "Can't make it")))
        .build();
  }

  /** detail is {@code GROUP:ROUND}: the round whose interviewer is asked for feedback. */
  private Reply feedbackInvite(Handle h, MockSession s, String detail) {
    String[] parts = detail.split(":");
    MockRecords.StoredRound r = round(h, s, parts);
    String prompt = curriculum.prompt(r.promptId()).map(Prompt::title).orElse(r.promptId());
    return Reply.builder()
        .paragraph(
            "Thanks for interviewing "
                + name(h, r.candidate())
                + " on "
                + prompt
                + " in mock interview #"
                + s.id()
                + ". Tick what they covered, section by section, and add a note: it goes to them"
                + " and counts towards their progress.")
        .choices(
            List.of(
                new Block.Choice(FEEDBACK_FORM + ":" + s.id() + ":" + detail, "Give feedback"),
                new Block.Choice(ABSENT + ":" + s.id() + ":" + detail, "They didn't show")))
        .build();
  }

  private MockRecords.StoredRound round(Handle h, MockSession s, String[] parts) {
    int group = Integer.parseInt(parts[0]);
    int round = Integer.parseInt(parts[1]);
    return records.rounds(h, s.id()).stream()
        .filter(x -> x.group() == group && x.round() == round)
        .findFirst()
        .orElseThrow();
  }

  private Reply feedbackToCandidate(Handle h, MockSession s, String detail) {
    String[] parts = detail.split(":");
    MockRecords.StoredRound r = round(h, s, parts);
    MockRecords.Feedback f = records.feedback(h, s.id(), r.group(), r.round()).orElseThrow();
    Prompt prompt = curriculum.prompt(r.promptId()).orElseThrow();
    Reply.Builder b =
        Reply.builder()
            .heading("Feedback from your mock interview #" + s.id())
            .paragraph(
                name(h, r.interviewer())
                    + " interviewed you on "
                    + prompt.title()
                    + ". What they heard you cover now counts in your progress.");
    List<String> covered = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    for (Section section : curriculum.sections()) {
      for (var concept : curriculum.conceptsOf(section, prompt)) {
        if (!prompt.exercises(concept.id())) {
          continue;
        }
        (f.covered().contains(concept.id()) ? covered : missed)
            .add(section.title() + ": " + concept.name());
      }
    }
    if (!covered.isEmpty()) {
      b.paragraph("Covered:").bullets(covered);
    }
    if (!missed.isEmpty()) {
      b.paragraph("Not heard this time (worth practising):")
          .bullets(missed.stream().limit(8).toList());
    }
    f.note().filter(n -> !n.isBlank()).ifPresent(n -> b.paragraph("Their note: " + n));
    return b.build();
  }
}
