package coach.core.curriculum;

import coach.core.curriculum.CurriculumLoader.FactEntry;
import coach.core.curriculum.CurriculumLoader.PromptEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one prompt file and checks it against the shared files: it lives in {@code
 * prompts/<id>.yaml}; its focus, follow-ups, hints and out-of-scope entries name known concepts
 * (focus and follow-ups never out of scope); it has a question and a depth question for every
 * section and no other; it answers every required fact topic, each topic once; every in-scope
 * concept has a follow-up; and its domain terms are lowercase. The first problem found stops the
 * load with a {@link CurriculumException}.
 */
final class PromptLoader {

  private final CurriculumFiles files;
  private final EntryChecks checks;

  PromptLoader(CurriculumFiles files, EntryChecks checks) {
    this.files = files;
    this.checks = checks;
  }

  /** The prompt in {@code file}, checked against the curriculum's other files. */
  Prompt load(
      String file,
      List<Section> sections,
      Map<String, Concept> concepts,
      Map<String, FactTopic> topics) {
    PromptEntry entry = files.read(file, PromptEntry.class);
    String id = checks.id(entry.id(), file, "the prompt");
    String where = "prompt '" + id + "'";
    String expectedFile = "prompts/" + id + ".yaml";
    if (!file.equals(expectedFile)) {
      throw checks.error(file, where, "should live in " + expectedFile);
    }
    List<String> focus = entry.focus() == null ? List.of() : entry.focus();
    for (String conceptId : focus) {
      if (!concepts.containsKey(conceptId)) {
        throw checks.error(file, where + " focus", "unknown concept '" + conceptId + "'");
      }
    }
    if (new HashSet<>(focus).size() != focus.size()) {
      throw checks.error(file, where + " focus", "lists a concept twice");
    }
    Map<String, String> questions =
        sectionTexts(entry.questions(), sections, file, where, "questions");
    Map<String, String> followups = new LinkedHashMap<>();
    if (entry.followups() != null) {
      for (Map.Entry<String, String> followup : entry.followups().entrySet()) {
        if (!concepts.containsKey(followup.getKey())) {
          throw checks.error(
              file, where + " followups", "unknown concept '" + followup.getKey() + "'");
        }
        followups.put(
            followup.getKey(),
            checks.text(followup.getValue(), file, where, "followups." + followup.getKey()));
      }
    }
    List<InterviewerFact> facts = facts(entry.facts(), topics, file, where);
    Map<String, String> outOfScope =
        conceptTexts(entry.outOfScope(), concepts, file, where, "outOfScope");
    for (String conceptId : focus) {
      if (outOfScope.containsKey(conceptId)) {
        throw checks.error(file, where + " focus", "'" + conceptId + "' is also out of scope");
      }
    }
    for (String conceptId : followups.keySet()) {
      if (outOfScope.containsKey(conceptId)) {
        throw checks.error(file, where + " followups", "'" + conceptId + "' is out of scope");
      }
    }
    Map<String, String> hints = conceptTexts(entry.hints(), concepts, file, where, "hints");
    Map<String, String> depth = sectionTexts(entry.depth(), sections, file, where, "depth");
    for (Concept concept : concepts.values()) {
      if (!outOfScope.containsKey(concept.id()) && !followups.containsKey(concept.id())) {
        throw checks.error(
            file,
            where + " followups",
            "no follow-up for the in-scope concept '" + concept.id() + "'");
      }
    }
    List<String> domainTerms = entry.domainTerms() == null ? List.of() : entry.domainTerms();
    for (String term : domainTerms) {
      if (term == null || term.isBlank() || !term.equals(term.strip().toLowerCase(Locale.ROOT))) {
        throw checks.error(
            file, where + " domainTerms", "terms are lowercase words: '" + term + "'");
      }
    }
    return new Prompt(
        id,
        checks.text(entry.title(), file, where, "title"),
        checks.text(entry.brief(), file, where, "brief"),
        focus,
        questions,
        followups,
        facts,
        domainTerms,
        outOfScope,
        depth,
        hints);
  }

  /** The prompt's facts: each about a known topic, no topic twice, every required topic there. */
  private List<InterviewerFact> facts(
      List<FactEntry> entries, Map<String, FactTopic> topics, String file, String where) {
    List<InterviewerFact> facts = new ArrayList<>();
    Set<String> factTopics = new HashSet<>();
    for (FactEntry fact : entries == null ? List.<FactEntry>of() : entries) {
      FactTopic topic = topics.get(fact.topic());
      if (topic == null) {
        throw checks.error(file, where + " facts", "unknown topic '" + fact.topic() + "'");
      }
      if (!factTopics.add(topic.id())) {
        throw checks.error(file, where + " facts", "topic '" + topic.id() + "' appears twice");
      }
      facts.add(
          new InterviewerFact(
              topic, checks.text(fact.answer(), file, where, "facts." + topic.id())));
    }
    for (FactTopic topic : topics.values()) {
      if (topic.required() && !factTopics.contains(topic.id())) {
        throw checks.error(
            file, where + " facts", "the required topic '" + topic.id() + "' is missing");
      }
    }
    return facts;
  }

  /**
   * A map of section id to text with an entry for every section, in section order: every id in
   * {@code raw} known and every text non-blank.
   */
  private Map<String, String> sectionTexts(
      Map<String, String> raw, List<Section> sections, String file, String where, String key) {
    Map<String, String> given = raw == null ? Map.of() : raw;
    for (String sectionId : given.keySet()) {
      if (sections.stream().noneMatch(s -> s.id().equals(sectionId))) {
        throw checks.error(file, where + " " + key, "unknown section '" + sectionId + "'");
      }
    }
    Map<String, String> checked = new LinkedHashMap<>();
    for (Section section : sections) {
      checked.put(
          section.id(),
          checks.text(given.get(section.id()), file, where, key + "." + section.id()));
    }
    return checked;
  }

  /** A map of concept id to text, every id known and every text non-blank. */
  private Map<String, String> conceptTexts(
      Map<String, String> raw,
      Map<String, Concept> concepts,
      String file,
      String where,
      String key) {
    Map<String, String> checked = new LinkedHashMap<>();
    if (raw == null) {
      return checked;
    }
    for (Map.Entry<String, String> e : raw.entrySet()) {
      if (!concepts.containsKey(e.getKey())) {
        throw checks.error(file, where + " " + key, "unknown concept '" + e.getKey() + "'");
      }
      checked.put(e.getKey(), checks.text(e.getValue(), file, where, key + "." + e.getKey()));
    }
    return checked;
  }
}
