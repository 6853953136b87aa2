package coach.core.practice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Turns users' claims and contests into labelled answers in the {@code coach grade --eval} format:
 * each corrected answer's text with the concepts it covers by the user's word (detected, plus
 * claimed, minus contested). Real users' answers can then measure and tune the detector.
 */
public final class CorrectionExport {

  /** One labelled answer: the answer's id, where it was given, its text and expected concepts. */
  public record Labelled(
      String id, String prompt, String section, String answer, SortedSet<String> expected) {}

  private final PracticeStore sessions;
  private final CorrectionStore corrections;

  public CorrectionExport(PracticeStore sessions, CorrectionStore corrections) {
    this.sessions = sessions;
    this.corrections = corrections;
  }

  /** Every answer some correction is about, oldest correction first, one line per answer. */
  public List<Labelled> all(Handle handle) {
    Map<String, List<Correction>> byAnswer = new LinkedHashMap<>();
    for (Correction correction : corrections.all(handle)) {
      correction
          .answerId()
          .ifPresent(id -> byAnswer.computeIfAbsent(id, k -> new ArrayList<>()).add(correction));
    }
    List<Labelled> lines = new ArrayList<>();
    Map<String, List<Answer>> answersBySession = new LinkedHashMap<>();
    Map<String, String> promptBySession = new LinkedHashMap<>();
    for (Map.Entry<String, List<Correction>> entry : byAnswer.entrySet()) {
      String sessionId = entry.getValue().get(0).sessionId();
      List<Answer> answers =
          answersBySession.computeIfAbsent(sessionId, id -> sessions.answers(handle, id));
      Optional<Answer> answer =
          answers.stream().filter(a -> a.id().equals(entry.getKey())).findFirst();
      if (answer.isEmpty()) {
        continue;
      }
      String prompt =
          promptBySession.computeIfAbsent(
              sessionId,
              id ->
                  handle
                      .createQuery("SELECT prompt_id FROM practice_sessions WHERE id = :id")
                      .bind("id", id)
                      .mapTo(String.class)
                      .one());
      SortedSet<String> expected = new TreeSet<>(answer.get().concepts());
      for (Correction correction : entry.getValue()) {
        if (correction.verdict() == Correction.Verdict.CLAIMED) {
          expected.add(correction.conceptId());
        } else {
          expected.remove(correction.conceptId());
        }
      }
      lines.add(
          new Labelled(
              answer.get().id(), prompt, answer.get().section(), answer.get().text(), expected));
    }
    return lines;
  }
}
