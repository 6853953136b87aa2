package coach.core.curriculum;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the curriculum from YAML files and validates every reference. Any problem stops the load
 * with a {@link CurriculumException} naming the file and the entry. The file layout is documented
 * in {@code prompts/README.md}.
 *
 * <p>This class reads the index and the shared files (episodes, sections, concepts, fact topics)
 * and checks the rubric's ids; {@link PromptLoader} checks each prompt file, {@link
 * CurriculumFiles} reads the YAML and {@link EntryChecks} checks single fields. The raw file shapes
 * stay here: parse errors name them (e.g. {@code CurriculumLoader$ConceptEntry}).
 */
public final class CurriculumLoader {

  /** Where the shipped curriculum lives on the class path. */
  public static final String DEFAULT_ROOT = "curriculum/";

  private static final Pattern CONCEPT_ID = Pattern.compile("[a-z][a-z0-9_-]*\\.[a-z][a-z0-9_]*");

  /** Opens a file of the curriculum by its path relative to the root, or returns null. */
  @FunctionalInterface
  public interface Source {
    InputStream open(String path) throws IOException;
  }

  private final EntryChecks checks;
  private final CurriculumFiles files;
  private final PromptLoader promptLoader;

  private CurriculumLoader(Source source, String rootLabel) {
    this.checks = new EntryChecks(rootLabel);
    this.files = new CurriculumFiles(source, checks);
    this.promptLoader = new PromptLoader(files, checks);
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
    IndexFile index = files.read("index.yaml", IndexFile.class);
    String indexFile = "index.yaml";
    checks.require(index.episodes(), indexFile, "episodes");
    checks.require(index.sections(), indexFile, "sections");
    checks.require(index.concepts(), indexFile, "concepts");
    checks.require(index.factTopics(), indexFile, "factTopics");
    if (index.prompts() == null || index.prompts().isEmpty()) {
      throw checks.error(indexFile, "prompts", "lists no prompt files");
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
        throw checks.error(indexFile, "prompts", "lists '" + file + "' twice");
      }
      Prompt prompt = promptLoader.load(file, sections, conceptsById, topics);
      if (!promptIds.add(prompt.id())) {
        throw checks.error(file, prompt.id(), "duplicate prompt id");
      }
      prompts.add(prompt);
    }
    for (String required : RubricIds.PROMPTS) {
      if (!promptIds.contains(required)) {
        throw checks.error(
            indexFile, "prompts", "no prompt defines the rubric prompt '" + required + "'");
      }
    }
    return new Curriculum(sections, concepts, prompts, List.copyOf(topics.values()));
  }

  private Map<String, Episode> loadEpisodes(String file) {
    Map<String, Episode> episodes = new LinkedHashMap<>();
    for (EpisodeEntry entry : files.readList(file, EpisodeEntry.class)) {
      String id = checks.id(entry.id(), file, "an episode");
      String where = "episode '" + id + "'";
      Episode episode =
          new Episode(
              id,
              checks.text(entry.title(), file, where, "title"),
              checks.text(entry.guest(), file, where, "guest"));
      if (episodes.put(id, episode) != null) {
        throw checks.error(file, where, "duplicate id");
      }
    }
    return episodes;
  }

  private List<Section> loadSections(String file, Map<String, Episode> episodes) {
    List<SectionEntry> entries = files.readList(file, SectionEntry.class);
    List<Section> sections = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SectionEntry entry : entries) {
      String id = checks.id(entry.id(), file, "a section");
      String where = "section '" + id + "'";
      if (!seen.add(id)) {
        throw checks.error(file, where, "duplicate id");
      }
      sections.add(
          new Section(
              id,
              sections.size(),
              checks.text(entry.title(), file, where, "title"),
              checks.text(entry.goal(), file, where, "goal"),
              checks.text(entry.question(), file, where, "question"),
              checks.refs(entry.refs(), episodes, file, where)));
    }
    List<String> ids = sections.stream().map(Section::id).toList();
    if (!ids.equals(RubricIds.SECTIONS)) {
      throw checks.error(
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
    for (ConceptEntry entry : files.readList(file, ConceptEntry.class)) {
      if (entry.id() == null || !CONCEPT_ID.matcher(entry.id()).matches()) {
        throw checks.error(file, "a concept", "has a missing or malformed id '" + entry.id() + "'");
      }
      String id = entry.id();
      String where = "concept '" + id + "'";
      String section = id.substring(0, id.indexOf('.'));
      if (!sectionIds.contains(section)) {
        throw checks.error(file, where, "names no known section ('" + section + "')");
      }
      if (!seen.add(id)) {
        throw checks.error(file, where, "duplicate id");
      }
      ConceptKind kind;
      try {
        kind = ConceptKind.valueOf(checks.text(entry.kind(), file, where, "kind").toUpperCase());
      } catch (IllegalArgumentException e) {
        throw checks.error(
            file, where, "kind must be 'risk' or 'practice', not '" + entry.kind() + "'");
      }
      concepts.add(
          new Concept(
              id,
              section,
              checks.text(entry.name(), file, where, "name"),
              kind,
              checks.text(entry.followup(), file, where, "followup"),
              checks.text(entry.hint(), file, where, "hint"),
              checks.text(entry.why(), file, where, "why"),
              checks.refs(entry.refs(), episodes, file, where)));
    }
    for (String required : RubricIds.CONCEPTS) {
      if (!seen.contains(required)) {
        throw checks.error(file, "concepts", "the rubric concept '" + required + "' is missing");
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
    for (FactTopicEntry entry : files.readList(file, FactTopicEntry.class)) {
      String id = checks.id(entry.id(), file, "a fact topic");
      String where = "fact topic '" + id + "'";
      if (entry.cues() == null || entry.cues().isEmpty()) {
        throw checks.error(file, where, "has no cues");
      }
      List<String> cues = new ArrayList<>();
      for (String cue : entry.cues()) {
        cues.add(checks.text(cue, file, where, "cues").toLowerCase());
      }
      FactTopic topic =
          new FactTopic(
              id,
              checks.text(entry.name(), file, where, "name"),
              Boolean.TRUE.equals(entry.required()),
              cues);
      if (topics.put(id, topic) != null) {
        throw checks.error(file, where, "duplicate id");
      }
    }
    return topics;
  }
}
