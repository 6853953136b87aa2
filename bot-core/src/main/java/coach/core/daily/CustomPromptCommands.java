package coach.core.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Custom prompts: organisers add a team's own scenario at once; members suggest one, which an
 * organiser approves or rejects with the buttons {@code prompt-approve:ID} and {@code
 * prompt-reject:ID}. Approved prompts join the pools of the workspace's channels that use all
 * prompts, and can be practised in DM.
 */
final class CustomPromptCommands {

  static final String APPROVE_ACTION = "prompt-approve";
  static final String REJECT_ACTION = "prompt-reject";

  private final Curriculum curriculum;
  private final CustomPromptStore store;
  private final Set<UserId> admins;

  CustomPromptCommands(Curriculum curriculum, CustomPromptStore store, Set<UserId> admins) {
    this.curriculum = curriculum;
    this.store = store;
    this.admins = Set.copyOf(admins);
  }

  /**
   * The outcome of a prompt command: the reply for the sender, an optional message for the channel
   * (a member's suggestion, with the organisers' buttons) and an optional DM to someone (the author
   * of a suggestion an organiser decided on).
   */
  record Outcome(Reply reply, Optional<Reply> announcement, Optional<Dm> dm) {
    static Outcome of(Reply reply) {
      return new Outcome(reply, Optional.empty(), Optional.empty());
    }
  }

  record Dm(UserId user, Reply message) {}

  /** Loads every approved custom prompt into the curriculum (at start). */
  void load(Handle h) {
    for (CustomPrompt p : store.approved(h)) {
      curriculum.addCustom(p.toPrompt(curriculum));
    }
  }

  /** {@code prompt add|list|remove ...}: the words after {@code prompt}. */
  Outcome command(Handle h, DailyRequest request, User user, Instant now) {
    String[] words = request.text().split("\\s+", 2);
    String verb = words[0].toLowerCase(Locale.ROOT);
    String rest = words.length > 1 ? words[1] : "";
    boolean organiser = request.platformOrganiser() || admins.contains(user.id());
    return switch (verb) {
      case "add", "suggest" ->
          add(h, request.channel(), user, organiser, PromptDraft.parse(rest), now);
      case "", "list" -> Outcome.of(list(h, request.channel()));
      case "remove" -> remove(h, request.channel(), user, organiser, rest.strip(), now);
      default -> Outcome.of(Reply.text(usage()));
    };
  }

  static String usage() {
    return "Add your team's own scenario with `prompt add TITLE | SCENARIO | FACTS | CONCEPTS`"
        + " (facts and concepts are optional: `scale: 2M orders a day; labels: refunds` and"
        + " `data.label_delay, metrics.offline`). `prompt list` shows this workspace's prompts;"
        + " organisers can `prompt remove ID`.";
  }

  Outcome add(
      Handle h, ChannelRef channel, User user, boolean organiser, PromptDraft draft, Instant now) {
    PromptDraft.Checked checked = draft.check(curriculum);
    if (checked instanceof PromptDraft.Checked.Problem problem) {
      return Outcome.of(Reply.text(problem.message() + " " + usage()));
    }
    PromptDraft.Checked.Ok ok = (PromptDraft.Checked.Ok) checked;
    CustomPrompt prompt =
        new CustomPrompt(
            "custom-" + UUID.randomUUID().toString().substring(0, 8),
            CustomPrompt.workspaceKey(channel),
            ok.title(),
            ok.scenario(),
            ok.facts(),
            ok.concepts(),
            organiser ? CustomPrompt.APPROVED : CustomPrompt.SUGGESTED,
            user.id(),
            now);
    store.insert(h, prompt);
    if (organiser) {
      curriculum.addCustom(prompt.toPrompt(curriculum));
      return Outcome.of(
          Reply.text(
              "Added `"
                  + prompt.id()
                  + "`: "
                  + prompt.title()
                  + ". It joins the daily pool of this workspace's channels that use all"
                  + " prompts, and anyone can practise it with `practice "
                  + prompt.id()
                  + "`."));
    }
    Reply announcement =
        Reply.builder()
            .heading("Suggested prompt: " + prompt.title())
            .paragraph(prompt.scenario())
            .context("An organiser can add it to this workspace's daily prompts.")
            .choices(
                List.of(
                    new Reply.Block.Choice(APPROVE_ACTION + ":" + prompt.id(), "Approve"),
                    new Reply.Block.Choice(REJECT_ACTION + ":" + prompt.id(), "Reject")))
            .build();
    return new Outcome(
        Reply.text("Thanks! Your suggestion is posted here for an organiser to approve."),
        Optional.of(announcement),
        Optional.empty());
  }

  /** An Approve or Reject button. */
  Outcome decide(
      Handle h, ChannelRef channel, User user, boolean organiser, String actionId, Instant now) {
    String[] parts = actionId.split(":", 2);
    boolean approve = parts[0].equals(APPROVE_ACTION);
    if (!organiser) {
      return Outcome.of(
          Reply.text(DailyCommands.refusal(channel).replace("daily prompts", "prompts")));
    }
    Optional<CustomPrompt> found = parts.length == 2 ? store.find(h, parts[1]) : Optional.empty();
    if (found.isEmpty() || !found.get().workspaceKey().equals(CustomPrompt.workspaceKey(channel))) {
      return Outcome.of(Reply.text("That suggestion no longer exists."));
    }
    CustomPrompt prompt = found.get();
    if (!prompt.state().equals(CustomPrompt.SUGGESTED)) {
      return Outcome.of(Reply.text("That suggestion was " + prompt.state() + " already."));
    }
    String state = approve ? CustomPrompt.APPROVED : CustomPrompt.REJECTED;
    store.decide(h, prompt.id(), state, user.id(), now);
    if (approve) {
      curriculum.addCustom(prompt.toPrompt(curriculum));
    }
    Reply toAuthor =
        Reply.text(
            "Your suggested prompt \""
                + prompt.title()
                + "\" was "
                + state
                + (approve ? ": it joins the daily prompts as `" + prompt.id() + "`." : "."));
    return new Outcome(
        Reply.text((approve ? "Approved: " : "Rejected: ") + prompt.title() + "."),
        Optional.empty(),
        Optional.of(new Dm(prompt.author(), toAuthor)));
  }

  private Outcome remove(
      Handle h, ChannelRef channel, User user, boolean organiser, String id, Instant now) {
    if (!organiser) {
      return Outcome.of(
          Reply.text(DailyCommands.refusal(channel).replace("daily prompts", "prompts")));
    }
    Optional<CustomPrompt> found = store.find(h, id);
    if (found.isEmpty() || !found.get().workspaceKey().equals(CustomPrompt.workspaceKey(channel))) {
      return Outcome.of(
          Reply.text("This workspace has no custom prompt `" + id.replace("`", "") + "`."));
    }
    store.decide(h, id, CustomPrompt.REMOVED, user.id(), now);
    curriculum.removeCustom(id);
    return Outcome.of(Reply.text("Removed " + found.get().title() + " from the daily prompts."));
  }

  private Reply list(Handle h, ChannelRef channel) {
    List<String> lines = new ArrayList<>();
    for (CustomPrompt p : store.ofWorkspace(h, CustomPrompt.workspaceKey(channel))) {
      if (!p.state().equals(CustomPrompt.REMOVED)) {
        lines.add("`" + p.id() + "`: " + p.title() + " (" + p.state() + ")");
      }
    }
    if (lines.isEmpty()) {
      return Reply.text("This workspace has no prompts of its own yet. " + usage());
    }
    return Reply.builder().heading("This workspace's own prompts").bullets(lines).build();
  }

  /** The approved custom prompts of a channel's workspace, for "all prompts" pools. */
  List<String> approvedIds(Handle h, ChannelRef channel) {
    return store.ofWorkspace(h, CustomPrompt.workspaceKey(channel)).stream()
        .filter(p -> p.state().equals(CustomPrompt.APPROVED))
        .map(CustomPrompt::id)
        .toList();
  }
}
