package coach.core.schedule;

import coach.core.daily.ChannelRef;
import coach.core.daily.DailyTriggers;
import coach.core.mock.MockTimer;
import coach.core.mock.MockTriggers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Coach's timers stored as Quartz jobs, each with one trigger and all run by {@link
 * Scheduling.TimerJob}. A job's key names what the timer is for (its group) and whose it is, so
 * setting a timer again replaces it. Its data carries the channel, the post's date for a delivery,
 * and for a regular post or a mock session's step the instant it was meant for (Quartz reports a
 * caught-up firing as happening now).
 */
final class QuartzTimers implements DailyTriggers, MockTriggers {

  static final String POST_GROUP = "daily-post";
  static final String DELIVER_GROUP = "daily-deliver";
  static final String MOCK_GROUP = "mock";
  static final String SWEEP_GROUP = "daily-sweep";
  static final String CHANNEL = "channel";
  static final String AT = "at";
  static final String DATE = "date";

  private final Scheduler scheduler;

  QuartzTimers(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Arms the repeating sweep for abandoned daily posts (one timer shared by every instance). */
  void armSweep(Duration every) {
    JobKey key = new JobKey("abandoned-posts", SWEEP_GROUP);
    JobDetail job = JobBuilder.newJob(Scheduling.TimerJob.class).withIdentity(key).build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(key.getName(), key.getGroup())
            .startAt(Date.from(Instant.now().plus(every)))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(every.toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    try {
      scheduler.scheduleJobs(Map.of(job, Set.of(trigger)), true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not arm the sweep: " + e.getMessage(), e);
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

  /** When each pending timer fires, by its group and name ("daily-post:slack:T1:C1"). */
  Map<String, Instant> pending() {
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

  /** See {@link Scheduling#fireMockTimersDueBy}. */
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

  private void replace(JobKey key, JobDataMap data, Instant at) {
    JobDetail job =
        JobBuilder.newJob(Scheduling.TimerJob.class).withIdentity(key).usingJobData(data).build();
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
}
