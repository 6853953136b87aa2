package coach.core.schedule;

import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyTriggers;
import coach.core.health.CoachMetrics;
import coach.core.mock.MockSessions;
import coach.core.mock.MockTimer;
import coach.core.mock.MockTriggers;
import coach.core.storage.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with its JDBC job store in the application's own database (tables from the migrations),
 * so every timer survives restarts. A missed timer fires once when the scheduler starts again; the
 * jobs decide what a late firing means (see {@link DailyPrompts}). Each trigger carries the instant
 * it was meant for, since Quartz reports a caught-up firing as happening now. Daily posts and mock
 * sessions share it.
 */
public final class Scheduling implements AutoCloseable, DailyTriggers, MockTriggers {

  private static final Logger log = LoggerFactory.getLogger(Scheduling.class);

  private static final String POST_GROUP = "daily-post";
  private static final String DELIVER_GROUP = "daily-deliver";
  private static final String MOCK_GROUP = "mock";
  private static final String SWEEP_GROUP = "daily-sweep";
  private static final int THREADS = 8;
  private static final long MISFIRE_THRESHOLD_MS = Duration.ofMinutes(30).toMillis();
  private static final String CHANNEL = "channel";
  private static final String AT = "at";
  private static final String DATE = "date";

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
  private final Options options;
  private final boolean clustered;
  private final java.util.concurrent.atomic.AtomicLong mockTimersRun =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile DailyPrompts daily;
  private volatile MockSessions mock;

  private Scheduling(Scheduler scheduler, Options options, boolean clustered) {
    this.scheduler = scheduler;
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
    String dataSourceName = "coach-" + name + "-" + UUID.randomUUID();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new PoolProvider(database));
    Properties p = new Properties();
    // Quartz files every timer under this name: it must stay the same across restarts.
    p.setProperty("org.quartz.scheduler.instanceName", "coach-" + name);
    p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    // Timers due together (many channels at one minute) are taken and marked fired in batches,
    // so the job store writes a few transactions per batch rather than per timer; the threads
    // overlap one post's platform call with the next one's database work. A batch may fire a
    // timer up to a second early; the jobs allow for that.
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(THREADS));
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", "1000");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    // A trigger later than this is "misfired": no longer taken by the normal acquisition but left
    // to a sweep that re-arms 20 at a time. Thousands of channels due at one minute take longer
    // than a minute to post at the platform's rate, so a short threshold turned the tail of every
    // such burst into misfires (5,000 channels: 28% slower than the rate allows). The jobs judge
    // lateness themselves from the instant each trigger carries, so the threshold only has to
    // outlast the longest burst.
    p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
    p.setProperty("org.quartz.jobStore.maxMisfiresToHandleAtATime", "200");
    boolean clustered = database.kind() == Database.Kind.POSTGRESQL;
    p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
    if (clustered) {
      p.setProperty(
          "org.quartz.jobStore.clusterCheckinInterval",
          String.valueOf(options.clusterCheckin().toMillis()));
      // batches are taken under the row lock, so two instances never take the same timer
      p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    }
    if (database.kind() == Database.Kind.SQLITE) {
      p.setProperty("org.quartz.jobStore.lockHandler.class", ConnectionHeldLock.class.getName());
    }
    try {
      Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
      Scheduling scheduling = new Scheduling(scheduler, options, clustered);
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
    sweepNowAndThen();
  }

  /** Arms the repeating sweep for abandoned daily posts (one timer shared by every instance). */
  private void sweepNowAndThen() {
    JobKey key = new JobKey("abandoned-posts", SWEEP_GROUP);
    JobDetail job = JobBuilder.newJob(TimerJob.class).withIdentity(key).build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(key.getName(), key.getGroup())
            .startAt(Date.from(Instant.now().plus(options.sweepEvery())))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(options.sweepEvery().toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    try {
      scheduler.scheduleJobs(Map.of(job, Set.of(trigger)), true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not arm the sweep: " + e.getMessage(), e);
    }
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
    JobDataMap data = new JobDataMap();
    data.put(CHANNEL, channel.key());
    data.put(AT, String.valueOf(at.toEpochMilli()));
    replace(new JobKey(channel.key(), POST_GROUP), data, at);
  }

  @Override
  public boolean hasNext(ChannelRef channel) {
    try {
      return scheduler.checkExists(new TriggerKey(channel.key(), POST_GROUP));
    } catch (SchedulerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void deliver(ChannelRef channel, LocalDate date, Instant at) {
    JobDataMap data = new JobDataMap();
    data.put(CHANNEL, channel.key());
    data.put(DATE, date.toString());
    replace(new JobKey(channel.key() + "/" + date, DELIVER_GROUP), data, at);
  }

  @Override
  public void cancel(ChannelRef channel) {
    try {
      scheduler.deleteJob(new JobKey(channel.key(), POST_GROUP));
      for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(DELIVER_GROUP))) {
        if (key.getName().startsWith(channel.key() + "/")) {
          scheduler.deleteJob(key);
        }
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void schedule(MockTimer timer, Instant at) {
    JobDataMap data = new JobDataMap();
    data.put(AT, String.valueOf(at.toEpochMilli()));
    replace(new JobKey(timer.key(), MOCK_GROUP), data, at);
  }

  /**
   * Removes the session's timers. Each is unscheduled by its trigger, which also removes its job
   * (jobs here are not durable): a timer that fired meanwhile (its one-shot trigger already gone,
   * often the very step that is cancelling) is simply not there any more, where deleting its job
   * would fail.
   */
  @Override
  public void cancel(String sessionId) {
    try {
      for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(MOCK_GROUP))) {
        if (key.getName().startsWith(sessionId + "/")) {
          scheduler.unscheduleJob(new TriggerKey(key.getName(), key.getGroup()));
        }
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** When each pending timer fires, for {@code coach schedules} and tests. */
  public Map<String, Instant> pending() {
    try {
      Map<String, Instant> pending = new java.util.TreeMap<>();
      for (String group : java.util.List.of(POST_GROUP, DELIVER_GROUP, MOCK_GROUP)) {
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
          Trigger trigger = scheduler.getTrigger(key);
          if (trigger != null && trigger.getNextFireTime() != null) {
            pending.put(group + ":" + key.getName(), trigger.getNextFireTime().toInstant());
          }
        }
      }
      return pending;
    } catch (SchedulerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Fires now, through Quartz, every mock-session timer due by {@code now}, a fixed clock's time;
   * returns how many. Lets a test walk a session's week on a fixed clock while Quartz does the rest
   * as at the real time: the stored job, its trigger, its thread, and what a restart finds in the
   * job store.
   */
  int fireMockTimersDueBy(Instant now) {
    int fired = 0;
    try {
      for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(MOCK_GROUP))) {
        Trigger trigger = scheduler.getTrigger(key);
        if (trigger != null
            && trigger.getNextFireTime() != null
            && !trigger.getNextFireTime().toInstant().isAfter(now)) {
          scheduler.rescheduleJob(
              key,
              TriggerBuilder.newTrigger()
                  .withIdentity(key)
                  .forJob(trigger.getJobKey())
                  .startNow()
                  .withSchedule(
                      SimpleScheduleBuilder.simpleSchedule()
                          .withMisfireHandlingInstructionFireNow())
                  .build());
          fired++;
        }
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return fired;
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

  private void replace(JobKey key, JobDataMap data, Instant at) {
    JobDetail job = JobBuilder.newJob(TimerJob.class).withIdentity(key).usingJobData(data).build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(key.getName(), key.getGroup())
            // Quartz leaves a trigger stored more than its misfire threshold in the past to a
            // sweep that runs once a minute; one that is already due fires now instead.
            .startAt(Date.from(at.isBefore(Instant.now()) ? Instant.now() : at))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    try {
      scheduler.scheduleJobs(Map.of(job, Set.of(trigger)), true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not schedule " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs one timer: a channel's regular post, the delivery of a claimed post, or a mock session's
   * step.
   */
  final class TimerJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
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

  /** Hands Quartz the database's connections for the job store. */
  private record PoolProvider(Database database) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return database.schedulerConnections().getConnection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }
}
