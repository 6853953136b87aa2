package coach.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core speaks no platform's language: no Slack (Bolt) and no Discord (JDA) types. */
class ArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("coach.core");

  @Test
  void coreDependsOnNoSlackOrDiscordClass() {
    noClasses()
        .that()
        .resideInAPackage("coach.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.slack..", "net.dv8tion..")
        .check(CORE);
  }

  @Test
  void theRuleSeesTheCoreClasses() {
    org.assertj.core.api.Assertions.assertThat(CORE.contain(Coach.class)).isTrue();
  }
}
