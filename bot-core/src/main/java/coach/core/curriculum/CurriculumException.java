package coach.core.curriculum;

/** The curriculum files are broken; the message names the file and the entry. */
public class CurriculumException extends RuntimeException {
  public CurriculumException(String message) {
    super(message);
  }

  public CurriculumException(String message, Throwable cause) {
    super(message, cause);
  }
}
