package coach.core.privacy;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block.Choice;
import coach.core.chat.Turn;
import coach.core.practice.Answer;
import coach.core.practice.Correction;
import coach.core.practice.CorrectionStore;
import coach.core.practice.PracticeSession;
import coach.core.practice.PracticeStore;
import coach.core.progress.ProgressService;
import coach.core.user.User;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A user's data is theirs: {@code export} hands all of it over as JSON; {@code forget} asks to
 * confirm, then deletes every row about them.
 */
public final class PrivacyService {

  public static final String CONFIRM_WORD = "confirm";
  public static final String FORGET_ACTION = "privacy:forget:confirm";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PracticeStore sessions;
  private final CorrectionStore corrections;
  private final ProgressService progress;

  public PrivacyService(
      PracticeStore sessions, CorrectionStore corrections, ProgressService progress) {
    this.corrections = corrections;
    this.sessions = sessions;
    this.progress = progress;
  }

  /** {@code export}: everything stored about the user, as a JSON file. */
  public Reply export(Turn turn) {
    byte[] json = exportJson(turn.handle(), turn.user(), turn.now());
    return Reply.builder()
        .paragraph(
            "Here is everything I have stored about you: your profile, every session and answer,"
                + " your answers in daily-prompt threads, and your coverage history.")
        .file(
            "coach-export-" + turn.user().id().value().replaceAll("[^A-Za-z0-9._-]", "-") + ".json",
            "application/json",
            json,
            "Your data")
        .build();
  }

  /** All of a user's data as JSON. */
  public byte[] exportJson(Handle handle, User user, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("exported_at", now.toString());
    ObjectNode profile = root.putObject("user");
    profile.put("id", user.id().value());
    profile.put("display_name", user.displayName());
    profile.put("time_zone", user.zone().getId());
    profile.put("created_at", user.createdAt().toString());
    ArrayNode sessionsNode = root.putArray("sessions");
    for (PracticeSession session : sessions.sessionsOf(handle, user.id())) {
      ObjectNode node = sessionsNode.addObject();
      node.put("id", session.id());
      node.put("prompt", session.promptId());
      node.put("state", session.state().code());
      node.put("current_section", session.currentSection());
      node.put("started_at", session.startedAt().toString());
      node.put("ended_at", session.endedAt().map(Instant::toString).orElse(null));
      ArrayNode answers = node.putArray("answers");
      for (Answer answer : sessions.answers(handle, session.id())) {
        ObjectNode a = answers.addObject();
        a.put("section", answer.section());
        a.put("kind", answer.kind().code());
        a.put("text", answer.text());
        a.put("received_at", answer.receivedAt().toString());
        ArrayNode concepts = a.putArray("concepts");
        answer.concepts().stream().sorted().forEach(concepts::add);
      }
    }
    ArrayNode events = root.putArray("coverage_events");
    handle
        .createQuery(
            "SELECT concept_id, outcome, session_id, occurred_at, self_reported, source"
                + " FROM coverage_events"
                + " WHERE user_id = :user ORDER BY occurred_at, concept_id")
        .bind("user", user.id().value())
        .mapToMap()
        .forEach(
            row -> {
              ObjectNode event = events.addObject();
              event.put("concept", (String) row.get("concept_id"));
              event.put("outcome", (String) row.get("outcome"));
              event.put("session", (String) row.get("session_id"));
              event.put("self_reported", ((Number) row.get("self_reported")).intValue() == 1);
              event.put("source", (String) row.get("source"));
              event.put(
                  "at",
                  Instant.ofEpochMilli(((Number) row.get("occurred_at")).longValue()).toString());
            });
    ArrayNode threadAnswers = root.putArray("daily_answers");
    handle
        .createQuery(
            "SELECT p.channel_key, p.local_date, p.prompt_id, p.section_id, a.text, a.covered,"
                + " a.created_at FROM daily_answers a JOIN daily_posts p ON p.id = a.post_id"
                + " WHERE a.user_id = :user ORDER BY a.created_at, a.id")
        .bind("user", user.id().value())
        .mapToMap()
        .forEach(
            row -> {
              ObjectNode node = threadAnswers.addObject();
              node.put("channel", (String) row.get("channel_key"));
              node.put("date", (String) row.get("local_date"));
              node.put("prompt", (String) row.get("prompt_id"));
              node.put("section", (String) row.get("section_id"));
              node.put("text", (String) row.get("text"));
              ArrayNode covered = node.putArray("concepts");
              String list = (String) row.get("covered");
              if (!list.isEmpty()) {
                for (String concept : list.split(",")) {
                  covered.add(concept);
                }
              }
              node.put(
                  "at",
                  Instant.ofEpochMilli(((Number) row.get("created_at")).longValue()).toString());
            });
    exportMock(handle, user, root.putObject("mock_sessions"));
    ArrayNode correctionsNode = root.putArray("corrections");
    for (Correction correction : corrections.ofUser(handle, user.id())) {
      ObjectNode node = correctionsNode.addObject();
      node.put("session", correction.sessionId());
      node.put("answer", correction.answerId().orElse(null));
      node.put("concept", correction.conceptId());
      node.put("verdict", correction.verdict().code());
      node.put("at", correction.createdAt().toString());
    }
    root.set("progress", progress.json(progress.report(handle, user, now)));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code forget}: explains and asks to confirm; {@code forget confirm} deletes everything. */
  public Reply forget(Turn turn, Optional<String> argument) {
    if (argument.isEmpty() || !argument.get().equals(CONFIRM_WORD)) {
      return Reply.builder()
          .paragraph(
              "This deletes everything I have stored about you: your sessions, every answer, your"
                  + " progress and streak. It can't be undone. Say `forget confirm` (or press the"
                  + " button) to go ahead; say `export` first if you want a copy.")
          .choices(List.of(new Choice(FORGET_ACTION, "Delete all my data")))
          .build();
    }
    deleteAll(turn.handle(), turn.user());
    return Reply.text(
        "Done: everything I had stored about you is deleted. If you message me again, we start"
            + " from scratch.");
  }

  /** The user's mock-session records: RSVPs, feedback given and received, don't-pair list. */
  private static void exportMock(Handle handle, User user, ObjectNode node) {
    ArrayNode rsvps = node.putArray("rsvps");
    handle
        .createQuery(
            "SELECT session_id, status, late_drop FROM mock_rsvps WHERE user_id = :user"
                + " ORDER BY queued_at")
        .bind("user", user.id().value())
        .mapToMap()
        .forEach(
            row -> {
              ObjectNode r = rsvps.addObject();
              r.put("session", (String) row.get("session_id"));
              r.put("status", (String) row.get("status"));
              r.put("late_drop", ((Number) row.get("late_drop")).intValue() == 1);
            });
    for (String side : List.of("interviewer", "candidate")) {
      ArrayNode feedback =
          node.putArray(side.equals("interviewer") ? "feedback_given" : "feedback_received");
      handle
          .createQuery(
              "SELECT session_id, round_no, covered, note, absent, state FROM mock_feedback"
                  + " WHERE "
                  + side
                  + "_id = :user ORDER BY updated_at")
          .bind("user", user.id().value())
          .mapToMap()
          .forEach(
              row -> {
                ObjectNode f = feedback.addObject();
                f.put("session", (String) row.get("session_id"));
                f.put("round", ((Number) row.get("round_no")).intValue() + 1);
                f.put("concepts", (String) row.get("covered"));
                f.put("note", (String) row.get("note"));
                f.put("absent", ((Number) row.get("absent")).intValue() == 1);
                f.put("state", (String) row.get("state"));
              });
    }
    ArrayNode avoid = node.putArray("avoid");
    handle
        .createQuery("SELECT avoided_id FROM mock_avoid WHERE user_id = :user ORDER BY avoided_id")
        .bind("user", user.id().value())
        .mapTo(String.class)
        .forEach(avoid::add);
  }

  /**
   * Deletes the user and, through foreign keys, every row about them; mock-session rows that name
   * them beside others (rounds, feedback, owed messages, others' don't-pair entries) go too.
   */
  public void deleteAll(Handle handle, User user) {
    for (String sql :
        List.of(
            "DELETE FROM mock_feedback WHERE interviewer_id = :id OR candidate_id = :id",
            "DELETE FROM mock_rounds WHERE interviewer_id = :id OR candidate_id = :id",
            "DELETE FROM mock_outbox WHERE user_id = :id",
            "DELETE FROM reply_outbox WHERE user_id = :id",
            "DELETE FROM inbound_journal WHERE user_id = :id",
            "DELETE FROM mock_avoid WHERE avoided_id = :id")) {
      handle.createUpdate(sql).bind("id", user.id().value()).execute();
    }
    handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", user.id().value()).execute();
  }
}
