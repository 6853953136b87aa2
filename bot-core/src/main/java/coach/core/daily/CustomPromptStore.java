package coach.core.daily;

import coach.core.chat.UserId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Custom prompts, per workspace. Facts are stored as a JSON object of topic id to text. */
final class CustomPromptStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  void insert(Handle handle, CustomPrompt p) {
    handle
        .createUpdate(
            "INSERT INTO custom_prompts (id, workspace_key, title, scenario, facts, key_concepts,"
                + " state, author_id, created_at) VALUES (:id, :workspace, :title, :scenario,"
                + " :facts, :concepts, :state, :author, :at)")
        .bind("id", p.id())
        .bind("workspace", p.workspaceKey())
        .bind("title", p.title())
        .bind("scenario", p.scenario())
        .bind("facts", json(p.facts()))
        .bind("concepts", String.join(",", p.keyConcepts()))
        .bind("state", p.state())
        .bind("author", p.author().value())
        .bind("at", p.createdAt().toEpochMilli())
        .execute();
  }

  void decide(Handle handle, String id, String state, UserId by, Instant at) {
    handle
        .createUpdate(
            "UPDATE custom_prompts SET state = :state, decided_by = :by, decided_at = :at"
                + " WHERE id = :id")
        .bind("state", state)
        .bind("by", by.value())
        .bind("at", at.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  Optional<CustomPrompt> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT * FROM custom_prompts WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> prompt(rs))
        .findOne();
  }

  /** A workspace's custom prompts, oldest first. */
  List<CustomPrompt> ofWorkspace(Handle handle, String workspaceKey) {
    return handle
        .createQuery(
            "SELECT * FROM custom_prompts WHERE workspace_key = :workspace ORDER BY created_at, id")
        .bind("workspace", workspaceKey)
        .map((rs, ctx) -> prompt(rs))
        .list();
  }

  /** Every approved custom prompt, of every workspace. */
  List<CustomPrompt> approved(Handle handle) {
    return handle
        .createQuery("SELECT * FROM custom_prompts WHERE state = :state ORDER BY created_at, id")
        .bind("state", CustomPrompt.APPROVED)
        .map((rs, ctx) -> prompt(rs))
        .list();
  }

  private static CustomPrompt prompt(ResultSet rs) throws SQLException {
    String concepts = rs.getString("key_concepts");
    Map<String, String> facts;
    try {
      facts =
          JSON.readValue(
              rs.getString("facts"), new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      facts = Map.of();
    }
    return new CustomPrompt(
        rs.getString("id"),
        rs.getString("workspace_key"),
        rs.getString("title"),
        rs.getString("scenario"),
        facts,
        concepts.isEmpty() ? List.of() : Arrays.asList(concepts.split(",")),
        rs.getString("state"),
        new UserId(rs.getString("author_id")),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static String json(Map<String, String> facts) {
    try {
      return JSON.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
