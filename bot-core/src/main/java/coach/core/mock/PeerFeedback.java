package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageStore;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.text.UserText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * An interviewer's feedback on a round: the form, drafts saved part by part (platforms whose forms
 * come in pieces), the submission (credited to the candidate's coverage with source {@code peer}
 * and sent to them), and marking a candidate who never came.
 */
final class PeerFeedback {

  /** Longest note kept; the rest is cut, and the interviewer told. */
  static final int MAX_NOTE = 1500;

  private final Curriculum curriculum;
  private final MockStore store;
  private final MockRecords records;
  private final MockOutbox outbox;
  private final MockMessages messages;
  private final CoverageStore coverage = new CoverageStore();

  PeerFeedback(
      Curriculum curriculum,
      MockStore store,
      MockRecords records,
      MockOutbox outbox,
      MockMessages messages) {
    this.curriculum = curriculum;
    this.store = store;
    this.records = records;
    this.outbox = outbox;
    this.messages = messages;
  }

  /** The round a form id names, checked against who is asking. */
  sealed interface Found {
    record Ok(MockSession session, MockRecords.StoredRound round, Prompt prompt) implements Found {}

    record Refused(Reply reply) implements Found {}
  }

  Found find(Handle h, String formId, UserId asker) {
    String[] parts = formId.split(":");
    if (parts.length != 3 || !parts[1].matches("\\d{1,3}") || !parts[2].matches("\\d{1,3}")) {
      return new Found.Refused(Reply.text("That feedback form is out of date."));
    }
    Optional<MockSession> s = store.find(h, parts[0]);
    int group = Integer.parseInt(parts[1]);
    int round = Integer.parseInt(parts[2]);
    Optional<MockRecords.StoredRound> r =
        s.isEmpty()
            ? Optional.empty()
            : records.rounds(h, s.get().id()).stream()
                .filter(x -> x.group() == group && x.round() == round)
                .findFirst();
    if (r.isEmpty()) {
      return new Found.Refused(Reply.text("I can't find that mock interview round any more."));
    }
    if (!r.get().interviewer().equals(asker)) {
      return new Found.Refused(
          Reply.text("Only the interviewer of that round can give its feedback."));
    }
    Optional<Prompt> prompt = curriculum.prompt(r.get().promptId());
    if (prompt.isEmpty()) {
      return new Found.Refused(Reply.text("That round's prompt is no longer in the curriculum."));
    }
    return new Found.Ok(s.get(), r.get(), prompt.get());
  }

  FeedbackForm form(Handle h, Found.Ok ok) {
    List<FeedbackForm.FormSection> sections = new ArrayList<>();
    for (Section section : curriculum.sections()) {
      List<FeedbackForm.FormConcept> concepts = new ArrayList<>();
      for (Concept c : curriculum.conceptsOf(section, ok.prompt())) {
        if (ok.prompt().exercises(c.id())) {
          concepts.add(new FeedbackForm.FormConcept(c.id(), c.name()));
        }
      }
      if (!concepts.isEmpty()) {
        sections.add(new FeedbackForm.FormSection(section.id(), section.title(), concepts));
      }
    }
    Optional<MockRecords.Feedback> saved =
        records.feedback(h, ok.session().id(), ok.round().group(), ok.round().round());
    return new FeedbackForm(
        ok.session().id() + ":" + ok.round().group() + ":" + ok.round().round(),
        messages.name(h, ok.round().candidate()),
        ok.prompt().title(),
        sections,
        saved.map(MockRecords.Feedback::covered).orElse(Set.of()),
        saved.flatMap(MockRecords.Feedback::note));
  }

  /**
   * Saves part of a form: within {@code part} (the concepts one piece of the form offers), exactly
   * {@code checked} are ticked; ticks elsewhere stay. After a submission the ticks may still
   * change; the change reaches the candidate when the form is sent again.
   */
  Reply draft(Handle h, Found.Ok ok, Set<String> part, Set<String> checked, Instant now) {
    Optional<MockRecords.Feedback> saved =
        records.feedback(h, ok.session().id(), ok.round().group(), ok.round().round());
    if (saved.isPresent() && saved.get().submitted() && saved.get().absent()) {
      return Reply.text(
          "You recorded that they didn't show, so there is nothing to tick. Nothing changed.");
    }
    boolean sent = saved.isPresent() && saved.get().submitted();
    Set<String> covered = new TreeSet<>(saved.map(MockRecords.Feedback::covered).orElse(Set.of()));
    covered.removeAll(part);
    covered.addAll(valid(form(h, ok), checked));
    records.saveFeedback(
        h,
        new MockRecords.Feedback(
            ok.session().id(),
            ok.round().group(),
            ok.round().round(),
            ok.round().interviewer(),
            ok.round().candidate(),
            covered,
            saved.flatMap(MockRecords.Feedback::note),
            false,
            sent,
            saved.map(MockRecords.Feedback::credited).orElse(Set.of())),
        now);
    return Reply.text(
        "Saved ("
            + covered.size()
            + " ticked so far). "
            + (sent ? "Send the form again to pass the change on." : "Submit when you're done."));
  }

  /**
   * Submits the form: the candidate is credited with the ticked concepts (source {@code peer}) and
   * sent the feedback. Submitting again replaces the feedback; only newly ticked concepts are
   * credited again.
   */
  Reply submit(Handle h, Found.Ok ok, Set<String> checked, String note, Instant now) {
    FeedbackForm form = form(h, ok);
    Set<String> covered = valid(form, checked);
    UserText.Cleaned cleaned = UserText.clean(note == null ? "" : note);
    String text = cleaned.text();
    boolean cut = text.length() > MAX_NOTE;
    if (cut) {
      text = text.substring(0, MAX_NOTE);
    }
    Optional<MockRecords.Feedback> saved =
        records.feedback(h, ok.session().id(), ok.round().group(), ok.round().round());
    Set<String> credited =
        new TreeSet<>(saved.map(MockRecords.Feedback::credited).orElse(Set.of()));
    Set<String> credit = new TreeSet<>(covered);
    credit.removeAll(credited);
    credited.addAll(covered);
    records.saveFeedback(
        h,
        new MockRecords.Feedback(
            ok.session().id(),
            ok.round().group(),
            ok.round().round(),
            ok.round().interviewer(),
            ok.round().candidate(),
            covered,
            text.isBlank() ? Optional.empty() : Optional.of(text),
            false,
            true,
            credited),
        now);
    if (!credit.isEmpty()) {
      coverage.recordCovered(
          h, ok.round().candidate(), credit, CoverageStore.Source.PEER, null, now);
    }
    outbox.enqueue(
        h,
        "feedback:" + form.formId() + ":" + now.toEpochMilli(),
        ok.session().id(),
        MockOutbox.Kind.FEEDBACK,
        Optional.of(ok.round().candidate()),
        ok.round().group() + ":" + ok.round().round(),
        now);
    return Reply.text(
        "Thanks! Sent to "
            + form.candidateName()
            + ": "
            + covered.size()
            + " of "
            + form.conceptIds().size()
            + " concepts covered now count in their progress."
            + (cut ? " Your note was cut to " + MAX_NOTE + " characters." : ""));
  }

  /** The interviewer says the candidate never came: recorded as a no-show, nothing credited. */
  Reply absent(Handle h, Found.Ok ok, Instant now) {
    Optional<MockRecords.Feedback> saved =
        records.feedback(h, ok.session().id(), ok.round().group(), ok.round().round());
    if (saved.isPresent() && saved.get().submitted() && !saved.get().absent()) {
      return Reply.text(
          "You already sent feedback for this round, so they were there. Nothing changed.");
    }
    records.saveFeedback(
        h,
        new MockRecords.Feedback(
            ok.session().id(),
            ok.round().group(),
            ok.round().round(),
            ok.round().interviewer(),
            ok.round().candidate(),
            Set.of(),
            Optional.empty(),
            true,
            true,
            saved.map(MockRecords.Feedback::credited).orElse(Set.of())),
        now);
    records.mark(h, ok.session().id(), ok.round().candidate(), false);
    return Reply.text(
        "Noted: " + messages.name(h, ok.round().candidate()) + " didn't show. Thanks for saying.");
  }

  private static Set<String> valid(FeedbackForm form, Set<String> checked) {
    Set<String> ids = form.conceptIds();
    Set<String> valid = new TreeSet<>();
    for (String c : checked) {
      if (ids.contains(c)) {
        valid.add(c);
      }
    }
    return valid;
  }
}
