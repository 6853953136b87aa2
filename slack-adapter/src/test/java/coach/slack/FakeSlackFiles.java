package coach.slack;

import io.javalin.config.JavalinConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's external file upload, in the documented order (docs.slack.dev/messaging/working-with-
 * files): {@code files.getUploadURLExternal} (filename and length) issues a file id and an upload
 * URL; the bytes are POSTed to that URL; {@code files.completeUploadExternal} then shares the file,
 * once. Completing a file that was never issued, not uploaded, or already completed answers {@code
 * file_not_found} ("Could not find the file from the upload ticket").
 */
final class FakeSlackFiles {

  /** One file's progress through the three steps. */
  private static final class Upload {
    final String filename;
    final long length;
    volatile long uploadedBytes = -1;
    volatile boolean completed;

    Upload(String filename, long length) {
      this.filename = filename;
      this.length = length;
    }
  }

  private final Map<String, Upload> files = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger uploads = new AtomicInteger();

  /** Serves upload URLs at {@code /upload/<file id>}; an unknown id answers 404. */
  void register(JavalinConfig config) {
    config.routes.post(
        "/upload/{file}",
        ctx -> {
          Upload upload = files.get(ctx.pathParam("file"));
          if (upload == null) {
            ctx.status(404).result("not found");
            return;
          }
          byte[] body = ctx.bodyAsBytes();
          upload.uploadedBytes = body.length;
          uploads.incrementAndGet();
          ctx.result("OK - " + body.length);
        });
  }

  /**
   * Step 1: a file id for {@code filename} of {@code length} bytes, or empty when the arguments are
   * missing or malformed (Slack: invalid_arguments).
   */
  Optional<String> issue(String filename, String length) {
    long bytes;
    try {
      bytes = Long.parseLong(length);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (filename == null || filename.isBlank() || bytes <= 0) {
      return Optional.empty();
    }
    String id = "F" + (1000 + issued.incrementAndGet());
    files.put(id, new Upload(filename, bytes));
    return Optional.of(id);
  }

  /**
   * Why step 3 cannot complete {@code id} (empty when it can), checked before {@link #complete}.
   */
  Optional<String> refuseCompletion(String id) {
    Upload upload = files.get(id);
    if (upload == null || upload.uploadedBytes < 0 || upload.completed) {
      return Optional.of("file_not_found");
    }
    return Optional.empty();
  }

  /** Step 3: marks the file shared. */
  void complete(String id) {
    files.get(id).completed = true;
  }

  String filename(String id) {
    Upload upload = files.get(id);
    return upload == null ? "" : upload.filename;
  }

  /** The length announced in step 1, or -1. */
  long announcedLength(String id) {
    Upload upload = files.get(id);
    return upload == null ? -1 : upload.length;
  }

  /** How many uploads (step 2) arrived. */
  int uploads() {
    return uploads.get();
  }
}
