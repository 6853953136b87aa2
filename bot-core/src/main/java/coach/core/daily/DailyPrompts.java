package coach.core.daily;

import coach.core.chat.ProcessedEvents;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.curriculum.Curriculum;
import coach.core.storage.Database;
import coach.core.text.UserText;
import coach.core.user.User;
import coach.core.user.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Daily prompts in team channels, for every platform: channel commands, the timer's firings, thread
 * answers and private feedback. Platform adapters call in with neutral values and {@link #register}
 * a {@link DailyPublisher} to post through. Thread-safe.
 */
public final class DailyPrompts {

  /** How late a missed post may still go out, unless configured ({@code COACH_DAILY_GRACE}). */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(3);

  /** The buttons under a member's suggested prompt; their ids are {@code ACTION:PROMPT-ID}. */
  public static final String APPROVE_PROMPT_ACTION = CustomPromptCommands.APPROVE_ACTION;

  public static final String REJECT_PROMPT_ACTION = CustomPromptCommands.REJECT_ACTION;

  /** The Discord button that opens the answer form; its id is {@code daily-answer:POST}. */
  public static final String ANSWER_ACTION = DailyPostComposer.ANSWER_ACTION;

  /** The button under a post that gives its presser their feedback. */
  public static final String FEEDBACK_ACTION = DailyPostComposer.FEEDBACK_ACTION;

  /** The button that starts a DM practice session on the post's prompt. */
  public static final String PRACTICE_ACTION = DailyPostComposer.PRACTICE_ACTION;

  /** Settings: the misfire grace period, the listed admins, and how failed posts are retried. */
  public record Settings(Duration grace, Set<UserId> admins, RetryPolicy retry, Duration lease) {
    /**
     * How long one delivery of a post may take before another instance may deliver it instead (the
     * platform call with its own retries).
     */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    public Settings {
      Objects.requireNonNull(grace, "grace");
      admins = Set.copyOf(admins);
      Objects.requireNonNull(retry, "retry");
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("the delivery lease must be positive");
      }
    }

    public Settings(Duration grace, Set<UserId> admins, RetryPolicy retry) {
      this(grace, admins, retry, DEFAULT_LEASE);
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_GRACE, Set.of(), RetryPolicy.DEFAULT);
    }
  }

  /** A thread answer was recorded: the concepts credited to its author. */
  public record Credited(UserId author, Set<String> concepts) {}

  private final Database database;
  private final Clock clock;
  private final ZoneId defaultZone;
  private final DailyStore store = new DailyStore();
  private final UserStore users = new UserStore();
  private final ProcessedEvents events = new ProcessedEvents();
  private final DailyDelivery delivery;
  private final DailyCommands commands;
  private final ThreadAnswers answers;
  private final CustomPromptCommands customPrompts;
  private final Set<UserId> settingsAdmins;

  public DailyPrompts(
      Database database,
      Curriculum curriculum,
      CoverageDetector detector,
      Clock clock,
      ZoneId defaultZone,
      Settings settings,
      DailyTriggers triggers) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    DailyPostComposer composer = new DailyPostComposer(curriculum);
    CustomPromptStore customStore = new CustomPromptStore();
    this.delivery =
        new DailyDelivery(
            database,
            curriculum,
            store,
            composer,
            clock,
            settings.grace(),
            settings.retry(),
            settings.lease(),
            triggers,
            customStore);
    this.customPrompts = new CustomPromptCommands(curriculum, customStore, settings.admins());
    database.withHandle(
        h -> {
          customPrompts.load(h);
          return null;
        });
    this.commands = new DailyCommands(curriculum, store, delivery, triggers, settings.admins());
    this.answers = new ThreadAnswers(curriculum, detector, store, new CoverageStore());
    this.settingsAdmins = settings.admins();
  }

  /** Lets posts on {@code platform} ("slack", "discord") go out through {@code publisher}. */
  public void register(String platform, DailyPublisher publisher) {
    delivery.register(platform, publisher);
  }

  /**
   * Handles a {@code daily ...} command typed in a channel. Empty when the event was handled before
   * (a redelivery). The reply is for the sender only.
   */
  public Optional<Reply> command(DailyRequest request) {
    Instant now = clock.instant();
    Optional<DailyCommands.Outcome> outcome =
        database.inTransaction(
            h -> {
              User user = users.ensure(h, request.sender(), defaultZone, now);
              if (!events.markNew(h, user.id(), request.eventId(), now)) {
                return Optional.<DailyCommands.Outcome>empty();
              }
              return Optional.of(commands.handle(h, request, user, now));
            });
    outcome.ifPresent(o -> o.after().forEach(DailyCommands.AfterCommit::run));
    return outcome.map(DailyCommands.Outcome::reply);
  }

  /** What a {@code prompt ...} command or an Approve / Reject press leads to. */
  public record PromptOutcome(
      Reply reply, Optional<Reply> channelMessage, Optional<UserId> dmTo, Optional<Reply> dm) {}

  /**
   * A {@code prompt add|list|remove ...} command typed in a channel ({@code request.text()} is what
   * follows {@code prompt}). Empty for a redelivery. An organiser's prompt is added at once; a
   * member's is a suggestion, returned as {@code channelMessage} (with Approve and Reject buttons)
   * for the adapter to post in the channel.
   */
  public Optional<PromptOutcome> promptCommand(DailyRequest request) {
    return prompts(request, (h, user, now) -> customPrompts.command(h, request, user, now));
  }

  /** A custom prompt submitted through a platform form; otherwise like {@code prompt add}. */
  public Optional<PromptOutcome> addPrompt(DailyRequest request, PromptDraft draft) {
    return prompts(
        request,
        (h, user, now) ->
            customPrompts.add(
                h,
                request.channel(),
                user,
                request.platformOrganiser() || settingsAdmins.contains(user.id()),
                draft,
                now));
  }

  /**
   * An Approve or Reject press on a suggestion ({@code request.text()} is the action id, {@code
   * prompt-approve:ID} or {@code prompt-reject:ID}); the suggestion's author is to be told by DM.
   */
  public Optional<PromptOutcome> decidePrompt(DailyRequest request) {
    return prompts(
        request,
        (h, user, now) ->
            customPrompts.decide(
                h,
                request.channel(),
                user,
                request.platformOrganiser() || settingsAdmins.contains(user.id()),
                request.text(),
                now));
  }

  private interface PromptWork {
    CustomPromptCommands.Outcome run(Handle h, User user, Instant now);
  }

  private Optional<PromptOutcome> prompts(DailyRequest request, PromptWork work) {
    Instant now = clock.instant();
    return database.inTransaction(
        h -> {
          User user = users.ensure(h, request.sender(), defaultZone, now);
          if (!events.markNew(h, user.id(), request.eventId(), now)) {
            return Optional.<PromptOutcome>empty();
          }
          CustomPromptCommands.Outcome o = work.run(h, user, now);
          return Optional.of(
              new PromptOutcome(
                  o.reply(),
                  o.announcement(),
                  o.dm().map(CustomPromptCommands.Dm::user),
                  o.dm().map(CustomPromptCommands.Dm::message)));
        });
  }

  /** The timer fired for a channel's regular post time {@code scheduledFor}. */
  public void fire(ChannelRef channel, Instant scheduledFor) {
    delivery.fire(channel, scheduledFor);
  }

  /** The timer fired to deliver (or retry) the claimed post of {@code date}. */
  public void deliver(ChannelRef channel, LocalDate date) {
    delivery.deliver(channel, date);
  }

  /**
   * Delivers claimed posts nobody is delivering: an instance died between claiming and posting. Run
   * now and then (the scheduler's sweep); of several instances, one delivers each post.
   */
  public void deliverAbandoned() {
    delivery.deliverAbandoned();
  }

  /**
   * Gives every active schedule without a timer its next one: an instance died between a post and
   * storing the channel's next timer. Run now and then when several instances share a database.
   */
  public void armMissingTimers() {
    delivery.armMissingTimers();
  }

  /**
   * At the start of the only instance: delivers posts claimed before a crash (whatever lease its
   * earlier life held) and arms every active schedule's timer.
   */
  public void recover() {
    delivery.recover(true);
  }

  /**
   * At the start of one of several instances on one database: as {@link #recover()}, but a post
   * whose lease another instance holds is left to it (or to the sweep, once the lease runs out).
   */
  public void recoverShared() {
    delivery.recover(false);
  }

  /**
   * A message in a channel thread. When the thread is a daily post's discussion, the message is
   * stored, graded and credited to its author; returns what was credited. Empty when the thread is
   * no daily post's, the message is empty, or it was handled before.
   */
  public Optional<Credited> threadAnswer(
      ChannelRef channel, String threadRef, Sender author, String eventId, String text) {
    return credit(h -> store.postByThread(h, channel, threadRef), author, eventId, text);
  }

  /**
   * An answer submitted through a post's Answer form ({@code daily-answer:POST}); credited like a
   * thread reply. Empty when the post is unknown or the submission was handled before.
   */
  public Optional<Credited> formAnswer(String postId, Sender author, String eventId, String text) {
    return credit(h -> store.postById(h, postId), author, eventId, text);
  }

  private Optional<Credited> credit(
      Function<Handle, Optional<DailyPostRecord>> findPost,
      Sender author,
      String eventId,
      String text) {
    UserText.Cleaned cleaned = UserText.clean(text);
    if (cleaned.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return database.inTransaction(
        h -> {
          Optional<DailyPostRecord> post = findPost.apply(h);
          if (post.isEmpty()) {
            return Optional.<Credited>empty();
          }
          User user = users.ensure(h, author, defaultZone, now);
          return answers
              .record(h, post.get(), user.id(), eventId, cleaned.text(), now)
              .map(concepts -> new Credited(user.id(), concepts));
        });
  }

  /** The thread a post's discussion happens in, for adapters posting a form answer there. */
  public Optional<DailyPostRecord> post(String postId) {
    return database.withHandle(h -> store.postById(h, postId));
  }

  /**
   * Private feedback on the sender's answers: to the post {@code postId} (a My feedback button), or
   * else to the post of this channel they last answered ({@code /coach feedback}).
   */
  public Reply feedback(ChannelRef channel, Sender sender, Optional<String> postId) {
    return database.withHandle(
        h -> {
          Optional<DailyPostRecord> post =
              postId.isPresent()
                  ? store.postById(h, postId.get())
                  : store.lastAnswered(h, channel, sender.id());
          if (post.isEmpty()) {
            return Reply.text(
                "You haven't answered a daily question in this channel yet. Reply in the thread"
                    + " under the latest post, then ask again.");
          }
          return answers.feedback(h, post.get(), sender.id());
        });
  }

  /** One schedule with its next post, for {@code coach schedules}. */
  public record ScheduleView(DailySchedule schedule, Optional<Instant> nextPost, int posts) {}

  /** Every schedule in the database, with its next post time. Reads only. */
  public List<ScheduleView> schedules() {
    Instant now = clock.instant();
    return database.withHandle(
        h -> {
          List<ScheduleView> views = new ArrayList<>();
          for (DailySchedule s : store.all(h)) {
            Optional<Instant> next =
                s.paused()
                    ? Optional.empty()
                    : PostTimes.next(s, store.skips(h, s.channel()), now, 1).stream()
                        .findFirst()
                        .map(PostTimes.PostTime::at);
            views.add(new ScheduleView(s, next, store.nextSequence(h, s.channel()) - 1));
          }
          return views;
        });
  }
}
