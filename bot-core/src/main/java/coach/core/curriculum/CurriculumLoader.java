package coach.core.curriculum;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the curriculum from YAML files and validates every reference. Any problem stops the load
 * with a {@link CurriculumException} naming the file and the entry. The file layout is documented
 * in {@code prompts/README.md}.
 */
public final class CurriculumLoader {

  /** Where the shipped curriculum lives on the class path. */
  public static final String DEFAULT_ROOT = "curriculum/";

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern CONCEPT_ID = Pattern.compile("[a-z][a-z0-9_-]*\\.[a-z][a-z0-9_]*");
  private static final Pattern TIMESTAMP = Pattern.compile("(\\d{1,2}:)?\\d{1,2}:\\d{2}");

  /** Opens a file of the curriculum by its path relative to the root, or returns null. */
  @FunctionalInterface
  public interface Source {
    InputStream open(String path) throws IOException;
  }

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final Source source;
  private final String rootLabel;

  private CurriculumLoader(Source source, String rootLabel) {
    this.source = source;
    this.rootLabel = rootLabel;
  }

  /** Loads the curriculum shipped in the {@code prompts} module. */
  public static Curriculum loadDefault() {
    ClassLoader loader = CurriculumLoader.class.getClassLoader();
    return from(path -> loader.getResourceAsStream(DEFAULT_ROOT + path), DEFAULT_ROOT).load();
  }

  /**
   * A loader reading files from {@code source}; {@code rootLabel} prefixes file names in errors.
   */
  public static CurriculumLoader from(Source source, String rootLabel) {
    return new CurriculumLoader(source, rootLabel);
  }

  // ---- raw file shapes ------------------------------------------------------------------------

  record IndexFile(
      String episodes,
      String sections,
      String concepts,
      @JsonProperty("factTopics") String factTopics,
      List<String> prompts) {}

  record RefEntry(String episode, String at, String about) {}

  record EpisodeEntry(String id, String title, String guest) {}

  record SectionEntry(String id, String title, String goal, String question, List<RefEntry> refs) {}

  record ConceptEntry(
      String id,
      String name,
      String kind,
      String followup,
      String hint,
      String why,
      List<RefEntry> refs) {}

  record FactTopicEntry(String id, String name, Boolean required, List<String> cues) {}

  record FactEntry(String topic, String answer) {}

  record PromptEntry(
      String id,
      String title,
      String brief,
      List<String> focus,
      Map<String, String> questions,
      Map<String, String> followups,
      List<FactEntry> facts,
      List<String> domainTerms,
      Map<String, String> outOfScope,
      Map<String, String> depth,
      Map<String, String> hints) {}

  // ---- loading --------------------------------------------------------------------------------

  /** Reads and validates everything the index names. */
  public Curriculum load() {
    IndexFile index = read("index.yaml", IndexFile.class);
    String indexFile = "index.yaml";
    require(index.episodes(), indexFile, "episodes");
    require(index.sections(), indexFile, "sections");
    require(index.concepts(), indexFile, "concepts");
    require(index.factTopics(), indexFile, "factTopics");
    if (index.prompts() == null || index.prompts().isEmpty()) {
      throw error(indexFile, "prompts", "lists no prompt files");
    }

    Map<String, Episode> episodes = loadEpisodes(index.episodes());
    List<Section> sections = loadSections(index.sections(), episodes);
    List<Concept> concepts = loadConcepts(index.concepts(), sections, episodes);
    Map<String, FactTopic> topics = loadFactTopics(index.factTopics());
    Map<String, Concept> conceptsById = new LinkedHashMap<>();
    concepts.forEach(c -> conceptsById.put(c.id(), c));

    List<Prompt> prompts = new ArrayList<>();
    Set<String> promptIds = new HashSet<>();
    Set<String> promptFiles = new HashSet<>();
    for (String file : index.prompts()) {
      if (!promptFiles.add(file)) {
        throw error(indexFile, "prompts", "lists '" + file + "' twice");
      }
      Prompt prompt = loadPrompt(file, sections, conceptsById, topics);
      if (!promptIds.add(prompt.id())) {
        throw error(file, prompt.id(), "duplicate prompt id");
      }
      prompts.add(prompt);
    }
    for (String required : RubricIds.PROMPTS) {
      if (!promptIds.contains(required)) {
        throw error(indexFile, "prompts", "no prompt defines the rubric prompt '" + required + "'");
      }
    }
    return new Curriculum(sections, concepts, prompts, List.copyOf(topics.values()));
  }

  private Map<String, Episode> loadEpisodes(String file) {
    Map<String, Episode> episodes = new LinkedHashMap<>();
    for (EpisodeEntry entry : readList(file, EpisodeEntry.class)) {
      String id = id(entry.id(), file, "an episode");
      String where = "episode '" + id + "'";
      Episode episode =
          new Episode(
              id,
              text(entry.title(), file, where, "title"),
              text(entry.guest(), file, where, "guest"));
      if (episodes.put(id, episode) != null) {
        throw error(file, where, "duplicate id");
      }
    }
    return episodes;
  }

  private List<Section> loadSections(String file, Map<String, Episode> episodes) {
    List<SectionEntry> entries = readList(file, SectionEntry.class);
    List<Section> sections = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SectionEntry entry : entries) {
      String id = id(entry.id(), file, "a section");
      String where = "section '" + id + "'";
      if (!seen.add(id)) {
        throw error(file, where, "duplicate id");
      }
      sections.add(
          new Section(
              id,
              sections.size(),
              text(entry.title(), file, where, "title"),
              text(entry.goal(), file, where, "goal"),
              text(entry.question(), file, where, "question"),
              refs(entry.refs(), episodes, file, where)));
    }
    List<String> ids = sections.stream().map(Section::id).toList();
    if (!ids.equals(RubricIds.SECTIONS)) {
      throw error(
          file,
          "sections",
          "must be exactly the rubric's sections in order "
              + RubricIds.SECTIONS
              + ", found "
              + ids);
    }
    return sections;
  }

  private List<Concept> loadConcepts(
      String file, List<Section> sections, Map<String, Episode> episodes) {
    Set<String> sectionIds = new HashSet<>(sections.stream().map(Section::id).toList());
    List<Concept> concepts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConceptEntry entry : readList(file, ConceptEntry.class)) {
      if (entry.id() == null || !CONCEPT_ID.matcher(entry.id()).matches()) {
        throw error(file, "a concept", "has a missing or malformed id '" + entry.id() + "'");
      }
      String id = entry.id();
      String where = "concept '" + id + "'";
      String section = id.substring(0, id.indexOf('.'));
      if (!sectionIds.contains(section)) {
        throw error(file, where, "names no known section ('" + section + "')");
      }
      if (!seen.add(id)) {
        throw error(file, where, "duplicate id");
      }
      ConceptKind kind;
      try {
        kind = ConceptKind.valueOf(text(entry.kind(), file, where, "kind").toUpperCase());
      } catch (IllegalArgumentException e) {
        throw error(file, where, "kind must be 'risk' or 'practice', not '" + entry.kind() + "'");
      }
      concepts.add(
          new Concept(
              id,
              section,
              text(entry.name(), file, where, "name"),
              kind,
              text(entry.followup(), file, where, "followup"),
              text(entry.hint(), file, where, "hint"),
              text(entry.why(), file, where, "why"),
              refs(entry.refs(), episodes, file, where)));
    }
    for (String required : RubricIds.CONCEPTS) {
      if (!seen.contains(required)) {
        throw error(file, "concepts", "the rubric concept '" + required + "' is missing");
      }
    }
    // keep concepts grouped in section order, whatever the file's order
    List<Concept> ordered = new ArrayList<>();
    for (Section section : sections) {
      concepts.stream().filter(c -> c.sectionId().equals(section.id())).forEach(ordered::add);
    }
    return ordered;
  }

  private Map<String, FactTopic> loadFactTopics(String file) {
    Map<String, FactTopic> topics = new LinkedHashMap<>();
    for (FactTopicEntry entry : readList(file, FactTopicEntry.class)) {
      String id = id(entry.id(), file, "a fact topic");
      String where = "fact topic '" + id + "'";
      if (entry.cues() == null || entry.cues().isEmpty()) {
        throw error(file, where, "has no cues");
      }
      List<String> cues = new ArrayList<>();
      for (String cue : entry.cues()) {
        cues.add(text(cue, file, where, "cues").toLowerCase());
      }
      FactTopic topic =
          new FactTopic(
              id,
              text(entry.name(), file, where, "name"),
              Boolean.TRUE.equals(entry.required()),
              cues);
      if (topics.put(id, topic) != null) {
        throw error(file, where, "duplicate id");
      }
    }
    return topics;
  }

  private Prompt loadPrompt(
      String file,
      List<Section> sections,
      Map<String, Concept> concepts,
      Map<String, FactTopic> topics) {
    PromptEntry entry = read(file, PromptEntry.class);
    String id = id(entry.id(), file, "the prompt");
    String where = "prompt '" + id + "'";
    String expectedFile = "prompts/" + id + ".yaml";
    if (!file.equals(expectedFile)) {
      throw error(file, where, "should live in " + expectedFile);
    }
    List<String> focus = entry.focus() == null ? List.of() : entry.focus();
    for (String conceptId : focus) {
      if (!concepts.containsKey(conceptId)) {
        throw error(file, where + " focus", "unknown concept '" + conceptId + "'");
      }
    }
    if (new HashSet<>(focus).size() != focus.size()) {
      throw error(file, where + " focus", "lists a concept twice");
    }
    Map<String, String> questions = entry.questions() == null ? Map.of() : entry.questions();
    for (String sectionId : questions.keySet()) {
      if (sections.stream().noneMatch(s -> s.id().equals(sectionId))) {
        throw error(file, where + " questions", "unknown section '" + sectionId + "'");
      }
    }
    Map<String, String> checkedQuestions = new LinkedHashMap<>();
    for (Section section : sections) {
      checkedQuestions.put(
          section.id(),
          text(questions.get(section.id()), file, where, "questions." + section.id()));
    }
    Map<String, String> followups = new LinkedHashMap<>();
    if (entry.followups() != null) {
      for (Map.Entry<String, String> followup : entry.followups().entrySet()) {
        if (!concepts.containsKey(followup.getKey())) {
          throw error(file, where + " followups", "unknown concept '" + followup.getKey() + "'");
        }
        followups.put(
            followup.getKey(),
            text(followup.getValue(), file, where, "followups." + followup.getKey()));
      }
    }
    List<InterviewerFact> facts = new ArrayList<>();
    Set<String> factTopics = new HashSet<>();
    for (FactEntry fact : entry.facts() == null ? List.<FactEntry>of() : entry.facts()) {
      FactTopic topic = topics.get(fact.topic());
      if (topic == null) {
        throw error(file, where + " facts", "unknown topic '" + fact.topic() + "'");
      }
      if (!factTopics.add(topic.id())) {
        throw error(file, where + " facts", "topic '" + topic.id() + "' appears twice");
      }
      facts.add(
          new InterviewerFact(topic, text(fact.answer(), file, where, "facts." + topic.id())));
    }
    for (FactTopic topic : topics.values()) {
      if (topic.required() && !factTopics.contains(topic.id())) {
        throw error(file, where + " facts", "the required topic '" + topic.id() + "' is missing");
      }
    }
    Map<String, String> outOfScope =
        conceptTexts(entry.outOfScope(), concepts, file, where, "outOfScope");
    for (String conceptId : focus) {
      if (outOfScope.containsKey(conceptId)) {
        throw error(file, where + " focus", "'" + conceptId + "' is also out of scope");
      }
    }
    for (String conceptId : followups.keySet()) {
      if (outOfScope.containsKey(conceptId)) {
        throw error(file, where + " followups", "'" + conceptId + "' is out of scope");
      }
    }
    Map<String, String> hints = conceptTexts(entry.hints(), concepts, file, where, "hints");
    Map<String, String> depth = new LinkedHashMap<>();
    Map<String, String> rawDepth = entry.depth() == null ? Map.of() : entry.depth();
    for (String sectionId : rawDepth.keySet()) {
      if (sections.stream().noneMatch(s -> s.id().equals(sectionId))) {
        throw error(file, where + " depth", "unknown section '" + sectionId + "'");
      }
    }
    for (Section section : sections) {
      depth.put(
          section.id(), text(rawDepth.get(section.id()), file, where, "depth." + section.id()));
    }
    for (Concept concept : concepts.values()) {
      if (!outOfScope.containsKey(concept.id()) && !followups.containsKey(concept.id())) {
        throw error(
            file,
            where + " followups",
            "no follow-up for the in-scope concept '" + concept.id() + "'");
      }
    }
    List<String> domainTerms = entry.domainTerms() == null ? List.of() : entry.domainTerms();
    for (String term : domainTerms) {
      if (term == null || term.isBlank() || !term.equals(term.strip().toLowerCase(Locale.ROOT))) {
        throw error(file, where + " domainTerms", "terms are lowercase words: '" + term + "'");
      }
    }
    return new Prompt(
        id,
        text(entry.title(), file, where, "title"),
        text(entry.brief(), file, where, "brief"),
        focus,
        checkedQuestions,
        followups,
        facts,
        domainTerms,
        outOfScope,
        depth,
        hints);
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
        throw error(file, where + " " + key, "unknown concept '" + e.getKey() + "'");
      }
      checked.put(e.getKey(), text(e.getValue(), file, where, key + "." + e.getKey()));
    }
    return checked;
  }

  private List<Reference> refs(
      List<RefEntry> entries, Map<String, Episode> episodes, String file, String where) {
    if (entries == null) {
      return List.of();
    }
    List<Reference> refs = new ArrayList<>();
    for (RefEntry ref : entries) {
      Episode episode = episodes.get(ref.episode());
      if (episode == null) {
        throw error(file, where, "refers to an unknown episode '" + ref.episode() + "'");
      }
      Optional<String> at = Optional.ofNullable(ref.at()).map(String::strip);
      if (at.isPresent() && !TIMESTAMP.matcher(at.get()).matches()) {
        throw error(file, where, "timestamp '" + at.get() + "' is not mm:ss or h:mm:ss");
      }
      refs.add(
          new Reference(
              episode,
              at,
              Optional.ofNullable(ref.about()).map(String::strip).filter(s -> !s.isEmpty())));
    }
    return refs;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private <T> T read(String file, Class<T> type) {
    try (InputStream in = open(file)) {
      T value = yaml.readValue(in, type);
      if (value == null) {
        throw error(file, "the file", "is empty");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw error(file, "the file", "cannot be read: " + e.getOriginalMessage() + locationOf(e));
    } catch (IOException e) {
      throw new UncheckedIOException(rootLabel + file + ": " + e.getMessage(), e);
    }
  }

  private <T> List<T> readList(String file, Class<T> type) {
    CollectionType listType = yaml.getTypeFactory().constructCollectionType(List.class, type);
    try (InputStream in = open(file)) {
      List<T> value = yaml.readValue(in, listType);
      if (value == null || value.isEmpty()) {
        throw error(file, "the file", "holds no entries");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw error(file, "the file", "cannot be read: " + e.getOriginalMessage() + locationOf(e));
    } catch (IOException e) {
      throw new UncheckedIOException(rootLabel + file + ": " + e.getMessage(), e);
    }
  }

  private InputStream open(String file) throws IOException {
    InputStream in = source.open(file);
    if (in == null) {
      throw new CurriculumException(rootLabel + file + ": file not found");
    }
    return in;
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private String id(String id, String file, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw error(file, what, "has a missing or malformed id '" + id + "'");
    }
    return id;
  }

  private String text(String value, String file, String where, String field) {
    if (value == null || value.isBlank()) {
      throw error(file, where, "'" + field + "' is missing or empty");
    }
    return value.strip();
  }

  private void require(String value, String file, String field) {
    if (value == null || value.isBlank()) {
      throw error(file, "the index", "'" + field + "' is missing");
    }
  }

  private CurriculumException error(String file, String where, String problem) {
    return new CurriculumException(rootLabel + file + ": " + where + ": " + problem);
  }
}
