package coach.core.daily;

import coach.core.chat.Reply;
import coach.core.curriculum.Prompt;
import coach.core.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The organiser's warning, once per round, that a channel's pool has a week or less of new prompts
 * left; after that the prompts come round again.
 */
final class PoolNotice {

  /** Whom to tell (the schedule's organiser) and what. */
  record Notice(DailySchedule schedule, Reply message) {}

  private final Database database;
  private final DailyStore store;
  private final PromptPool prompts;

  PoolNotice(Database database, DailyStore store, PromptPool prompts) {
    this.database = database;
    this.store = store;
    this.prompts = prompts;
  }

  /** The notice due for {@code channel} after a post at {@code now}, recorded as given; or none. */
  Optional<Notice> due(ChannelRef channel, Instant now) {
    return database.inTransaction(
        h -> {
          Optional<DailySchedule> found = store.find(h, channel);
          if (found.isEmpty() || found.get().paused()) {
            return Optional.<Notice>empty();
          }
          DailySchedule schedule = found.get();
          List<DailyPostRecord> past = new ArrayList<>(store.posts(h, channel, 500));
          Collections.reverse(past);
          List<Prompt> pool = prompts.of(h, schedule);
          Rotation.Round round =
              Rotation.round(pool, past.stream().map(DailyPostRecord::promptId).toList());
          List<PostTimes.PostTime> week =
              PostTimes.next(schedule, store.skips(h, channel), now, 8).stream()
                  .filter(t -> !t.at().isAfter(now.plus(Duration.ofDays(7))))
                  .toList();
          if (round.remaining() == pool.size()
              || round.remaining() > week.size()
              || store.poolNoticeRound(h, channel) >= round.cycle()) {
            return Optional.<Notice>empty();
          }
          store.setPoolNoticeRound(h, channel, round.cycle());
          LocalDate last = week.get(round.remaining() - 1).date();
          String widen =
              schedule.pool().isEmpty()
                  ? "The pool is every prompt Coach has."
                  : "To add variety, widen the pool: `/coach daily at "
                      + schedule.time()
                      + " prompts all`, or list more prompt ids.";
          return Optional.of(
              new Notice(
                  schedule,
                  Reply.builder()
                      .heading("Daily prompts: the round is nearly done")
                      .paragraph(
                          "In "
                              + DailyCommands.channelMention(channel)
                              + ", "
                              + round.remaining()
                              + " of the "
                              + pool.size()
                              + " prompts in the pool have not been posted yet; the last"
                              + " new one goes out on "
                              + last
                              + ". After that the same prompts come round again, in a new"
                              + " order. "
                              + widen)
                      .build()));
        });
  }
}
