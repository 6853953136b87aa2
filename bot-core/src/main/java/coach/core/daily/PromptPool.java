package coach.core.daily;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The prompts a channel's daily posts draw from. */
final class PromptPool {

  private final Curriculum curriculum;
  private final CustomPromptStore customPrompts;

  PromptPool(Curriculum curriculum, CustomPromptStore customPrompts) {
    this.curriculum = curriculum;
    this.customPrompts = customPrompts;
  }

  /**
   * The schedule's prompts that still exist. A schedule that names none (or none that still exist)
   * draws from every built-in prompt and its workspace's approved custom prompts.
   */
  List<Prompt> of(Handle h, DailySchedule schedule) {
    List<Prompt> pool =
        schedule.pool().stream().flatMap(id -> curriculum.prompt(id).stream()).toList();
    if (!pool.isEmpty()) {
      return pool;
    }
    List<Prompt> all = new ArrayList<>(curriculum.prompts());
    customPrompts.ofWorkspace(h, CustomPrompt.workspaceKey(schedule.channel())).stream()
        .filter(p -> p.state().equals(CustomPrompt.APPROVED))
        .flatMap(p -> curriculum.prompt(p.id()).stream())
        .forEach(all::add);
    return all;
  }
}
