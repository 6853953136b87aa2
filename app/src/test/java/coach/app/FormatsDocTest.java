package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.FactTopic;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/formats.md documents every id of the curriculum, as a table row of its own. */
class FormatsDocTest {

  @Test
  void everySectionPromptConceptAndTopicIdIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "formats.md"));
    Curriculum curriculum = CurriculumLoader.loadDefault();
    List<String> ids = new ArrayList<>();
    curriculum.sections().stream().map(Section::id).forEach(ids::add);
    curriculum.prompts().stream().map(Prompt::id).forEach(ids::add);
    curriculum.concepts().stream().map(Concept::id).forEach(ids::add);
    curriculum.factTopics().stream().map(FactTopic::id).forEach(ids::add);
    assertThat(ids).allSatisfy(id -> assertThat(doc).contains("\n| `" + id + "` | "));
  }
}
