package coach.core.schedule;

import static coach.core.schedule.QuartzTimers.AT;
import static coach.core.schedule.QuartzTimers.CHANNEL;
import static coach.core.schedule.QuartzTimers.DATE;
import static coach.core.schedule.QuartzTimers.MOCK_GROUP;
import static coach.core.schedule.QuartzTimers.POST_GROUP;
import static coach.core.schedule.QuartzTimers.SWEEP_GROUP;

import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyTriggers;
import coach.core.health.CoachMetrics;
import coach.core.mock.MockSessions;
import coach.core.mock.MockTimer;
import coach.core.mock.MockTriggers;
import coach.core.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with its JDBC job store in the application's own database (tables from the migrations),
 * so every timer survives restarts. A missed timer fires once when the scheduler starts again; the
 * jobs decide what a late firing means (see {@link DailyPrompts}). Each trigger carries the instant
 * it was meant for, since Quartz reports a caught-up firing as happening now. Daily posts and mock
 * sessions share it. This class starts and stops the scheduler and runs each fired timer ({@link
 * TimerJob}); the configuration is {@link QuartzSetup}'s, the stored timers {@link QuartzTimers}'.
 */
public final class Scheduling implements AutoCloseable, DailyTriggers, MockTriggers {

  private static final Logger log = LoggerFactory.getLogger(Scheduling.class);

  /**
   * How the scheduler runs: how often each instance tells the others it is alive (on PostgreSQL,
   * where several instances share the timers and one that stops checking in has its timers taken
   * over), and how often claimed daily posts nobody is delivering are swept up.
   */
  public record Options(Duration clusterCheckin, Duration sweepEvery) {
    public static Options defaults() {
      return new Options(Duration.ofSeconds(5), Duration.ofMinutes(1));
    }
  }

  private final Scheduler scheduler;
  private final QuartzTimers timers;
  private final Options options;
  private final boolean clustered;
  private final java.util.concurrent.atomic.AtomicLong mockTimersRun =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile DailyPrompts daily;
  private volatile MockSessions mock;

  private Scheduling(Scheduler scheduler, Options options, boolean clustered) {
    this.scheduler = scheduler;
    this.timers = new QuartzTimers(scheduler);
    this.options = options;
    this.clustered = clustered;
  }

  /**
   * Creates a stopped scheduler on {@code database}. Timers are stored under {@code name}, so a
   * restarted process must use the same one; two schedulers of one name cannot run in one JVM at
   * once.
   */
  public static Scheduling create(Database database, String name) {
    return create(database, name, Options.defaults());
  }

  /**
   * Like {@link #create(Database, String)}. On PostgreSQL the scheduler is clustered: every
   * instance of Coach on the database shares the timers, each fires on exactly one, and when one
   * dies the others take its timers over within a few check-in intervals.
   */
  public static Scheduling create(Database database, String name, Options options) {
    Scheduler scheduler = QuartzSetup.scheduler(database, name, options);
    Scheduling scheduling = new Scheduling(scheduler, options, QuartzSetup.clustered(database));
    try {
      scheduler.setJobFactory((bundle, s) -> scheduling.new TimerJob());
      return scheduling;
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not create the scheduler: " + e.getMessage(), e);
    }
  }

  /** Starts firing timers into {@code daily}, after delivering what a crash left half done. */
  public void start(DailyPrompts daily) {
    start(daily, Optional.empty());
  }

  /**
   * Starts firing timers into {@code daily} and {@code mock}, after each has delivered what a crash
   * left half done.
   */
  public void start(DailyPrompts daily, Optional<MockSessions> mock) {
    this.daily = Objects.requireNonNull(daily, "daily");
    this.mock = mock.orElse(null);
    mock.ifPresent(MockSessions::requeueInterrupted);
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not start the scheduler: " + e.getMessage(), e);
    }
    if (clustered) {
      daily.recoverShared();
    } else {
      daily.recover();
    }
    mock.ifPresent(MockSessions::recover);
    timers.armSweep(options.sweepEvery());
  }

  /** Stops taking timers and waits for running jobs to finish. Closing twice is harmless. */
  @Override
  public void close() {
    try {
      if (scheduler.isShutdown()) {
        return;
      }
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("the scheduler did not shut down cleanly: {}", e.getMessage());
    }
  }

  @Override
  public void scheduleNext(ChannelRef channel, Instant at) {
    timers.scheduleNext(channel, at);
  }

  @Override
  public boolean hasNext(ChannelRef channel) {
    return timers.hasNext(channel);
  }

  @Override
  public void deliver(ChannelRef channel, LocalDate date, Instant at) {
    timers.deliver(channel, date, at);
  }

  @Override
  public void cancel(ChannelRef channel) {
    timers.cancel(channel);
  }

  @Override
  public void schedule(MockTimer timer, Instant at) {
    timers.schedule(timer, at);
  }

  /** See {@link QuartzTimers#cancel(String)}. */
  @Override
  public void cancel(String sessionId) {
    timers.cancel(sessionId);
  }

  /** When each pending timer fires, for {@code coach schedules} and tests. */
  public Map<String, Instant> pending() {
    return timers.pending();
  }

  /**
   * Fires now, through Quartz, every mock-session timer due by {@code now}, a fixed clock's time;
   * returns how many. Lets a test walk a session's week on a fixed clock while Quartz does the rest
   * as at the real time: the stored job, its trigger, its thread, and what a restart finds in the
   * job store.
   */
  int fireMockTimersDueBy(Instant now) {
    return timers.fireMockTimersDueBy(now);
  }

  /** How many mock-session timers have run since this scheduler was created, for tests. */
  long mockTimersRun() {
    return mockTimersRun.get();
  }

  /** Whether a timer's job is running right now. */
  public boolean running() {
    try {
      return !scheduler.getCurrentlyExecutingJobs().isEmpty();
    } catch (SchedulerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Runs one timer: a channel's regular post, the delivery of a claimed post, or a mock session's
   * step.
   */
  /**
   * Quartz takes due timers in batches up to a second ahead of time ({@link QuartzSetup}): a timer
   * taken early waits here for its instant, so no post or reminder goes out before it is due.
   */
  static void waitUntilDue(java.util.Date scheduled) {
    if (scheduled == null) {
      return;
    }
    long early;
    while ((early = scheduled.getTime() - System.currentTimeMillis()) > 0) {
      try {
        Thread.sleep(Math.min(early, QuartzSetup.FIRE_AHEAD_MILLIS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  final class TimerJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      waitUntilDue(context.getScheduledFireTime());
      DailyPrompts target = daily;
      JobDataMap data = context.getMergedJobDataMap();
      try {
        String group = context.getJobDetail().getKey().getGroup();
        if (data.containsKey(AT)) {
          CoachMetrics.schedulerLag(
              group,
              Duration.between(
                  Instant.ofEpochMilli(Long.parseLong(data.getString(AT))), Instant.now()));
        }
        if (group.equals(MOCK_GROUP)) {
          MockSessions sessions = mock;
          if (sessions != null) {
            sessions.fire(MockTimer.parse(context.getJobDetail().getKey().getName()));
          }
          return;
        }
        if (group.equals(SWEEP_GROUP)) {
          target.deliverAbandoned();
          if (clustered) {
            // a peer may have died between a post and storing the channel's next timer
            target.armMissingTimers();
          }
          return;
        }
        ChannelRef channel = ChannelRef.parse(data.getString(CHANNEL));
        if (group.equals(POST_GROUP)) {
          target.fire(channel, Instant.ofEpochMilli(Long.parseLong(data.getString(AT))));
        } else {
          target.deliver(channel, LocalDate.parse(data.getString(DATE)));
        }
      } catch (RuntimeException e) {
        log.error("the timer {} failed", context.getJobDetail().getKey(), e);
      } finally {
        if (context.getJobDetail().getKey().getGroup().equals(MOCK_GROUP)) {
          mockTimersRun.incrementAndGet();
        }
      }
    }
  }
}
