package coach.core.daily;

import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.FactTopic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A custom prompt as typed: a title, a scenario, optional interviewer facts ({@code topic: fact}
 * pairs separated by semicolons or new lines) and optional key concepts (ids or names, separated by
 * commas). Platforms fill it from a form; {@code /coach prompt add} text is split on {@code |}.
 */
public record PromptDraft(String title, String scenario, String facts, String concepts) {

  public static final int MAX_TITLE = 80;
  public static final int MAX_SCENARIO = 2000;
  public static final int MIN_SCENARIO = 30;
  private static final int MAX_FACT = 300;
  private static final int MAX_CONCEPTS = 10;

  public PromptDraft {
    title = title == null ? "" : title.strip().replaceAll("\\s+", " ");
    scenario = scenario == null ? "" : scenario.strip();
    facts = facts == null ? "" : facts.strip();
    concepts = concepts == null ? "" : concepts.strip();
  }

  /** {@code TITLE | SCENARIO [| FACTS] [| CONCEPTS]}. */
  public static PromptDraft parse(String text) {
    String[] parts = text.split("\\|", 4);
    return new PromptDraft(parts[0], part(parts, 1), part(parts, 2), part(parts, 3));
  }

  private static String part(String[] parts, int i) {
    return parts.length > i ? parts[i] : "";
  }

  /** The checked content, or a message saying what to fix. */
  sealed interface Checked permits Checked.Ok, Checked.Problem {
    record Ok(String title, String scenario, Map<String, String> facts, List<String> concepts)
        implements Checked {}

    record Problem(String message) implements Checked {}
  }

  Checked check(Curriculum curriculum) {
    if (title.length() < 3 || title.length() > MAX_TITLE) {
      return new Checked.Problem("Give the prompt a title of 3 to " + MAX_TITLE + " characters.");
    }
    if (scenario.length() < MIN_SCENARIO || scenario.length() > MAX_SCENARIO) {
      return new Checked.Problem(
          "Describe the scenario in "
              + MIN_SCENARIO
              + " to "
              + MAX_SCENARIO
              + " characters: who the users are and what the system should decide.");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    for (String line : this.facts.split("[;\\n]")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      Optional<FactTopic> topic =
          colon < 0 ? Optional.empty() : topic(curriculum, line.substring(0, colon));
      if (topic.isEmpty()) {
        return new Checked.Problem(
            "Write each interviewer fact as `topic: fact`, with a topic such as scale, latency,"
                + " labels, label_delay, data or privacy; `"
                + clip(line)
                + "` isn't one.");
      }
      String fact = line.substring(colon + 1).strip();
      if (fact.isEmpty() || fact.length() > MAX_FACT) {
        return new Checked.Problem(
            "Each interviewer fact is 1 to " + MAX_FACT + " characters after its topic.");
      }
      facts.put(topic.get().id(), fact);
    }
    List<String> concepts = new ArrayList<>();
    for (String word : this.concepts.split(",")) {
      if (word.isBlank()) {
        continue;
      }
      Optional<Concept> concept = concept(curriculum, word);
      if (concept.isEmpty()) {
        return new Checked.Problem(
            "`"
                + clip(word)
                + "` isn't a concept of the outline; use ids such as data.label_delay (see"
                + " `progress`).");
      }
      if (!concepts.contains(concept.get().id())) {
        concepts.add(concept.get().id());
      }
    }
    if (concepts.size() > MAX_CONCEPTS) {
      return new Checked.Problem("Name at most " + MAX_CONCEPTS + " key concepts.");
    }
    return new Checked.Ok(title, scenario, facts, concepts);
  }

  private static Optional<FactTopic> topic(Curriculum curriculum, String word) {
    String wanted = normal(word);
    return curriculum.factTopics().stream()
        .filter(t -> normal(t.id()).equals(wanted) || normal(t.name()).equals(wanted))
        .findFirst();
  }

  private static Optional<Concept> concept(Curriculum curriculum, String word) {
    String wanted = normal(word);
    return curriculum.concepts().stream()
        .filter(c -> normal(c.id()).equals(wanted) || normal(c.name()).equals(wanted))
        .findFirst();
  }

  private static String normal(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", " ").strip();
  }

  private static String clip(String text) {
    String cleaned = text.strip().replace("`", "").replace("@", "");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
  }
}
