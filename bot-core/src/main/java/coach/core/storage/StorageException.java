package coach.core.storage;

/** The database cannot be opened or used; the message is one sentence fit for a user. */
public class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
