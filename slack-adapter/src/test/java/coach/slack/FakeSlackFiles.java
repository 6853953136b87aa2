package coach.slack;

import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's external file upload, in the documented order (docs.slack.dev/messaging/working-with-
 * files): {@code files.getUploadURLExternal} (filename and length) issues a file id and an upload
 * URL; the bytes are POSTed to that URL; {@code files.completeUploadExternal} then shares the file,
 * once. Completing a file that was never issued, not uploaded, or already completed answers {@code
 * file_not_found} ("Could not find the file from the upload ticket"). Shared files are kept with
 * their bytes and channel ({@link #shared()}), for tests that read what a user received.
 */
final class FakeSlackFiles {

  /** One file's progress through the three steps. */
  private static final class Upload {
    final String filename;
    final long length;
    volatile long uploadedBytes = -1;
    volatile byte[] data = new byte[0];
    volatile boolean completed;

    Upload(String filename, long length) {
      this.filename = filename;
      this.length = length;
    }
  }

  private final Map<String, Upload> files = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger uploads = new AtomicInteger();
  private final List<Shared> shared = new CopyOnWriteArrayList<>();

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
          upload.data = body;
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

  /** A file shared into a channel (a DM's id for a direct message): name, bytes and where. */
  record Shared(String id, String filename, String channel, byte[] data) {}

  /** Step 3: marks the file shared into {@code channel} (null: shared nowhere yet). */
  void complete(String id, String channel) {
    Upload upload = files.get(id);
    upload.completed = true;
    shared.add(new Shared(id, upload.filename, channel, upload.data.clone()));
  }

  /** Every file shared so far, in the order they were completed. */
  List<Shared> shared() {
    return List.copyOf(shared);
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
