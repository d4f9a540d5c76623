package kiln.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import kiln.api.KilnException;

/**
 * One training run of a model in a folder at a time: an operating-system lock on
 * {@code .NAME.kiln.lock} beside the archive, holding the holder's process id. The system releases
 * the lock when the process dies, so a killed run never blocks the next one.
 */
public final class RunLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of model {@code name} in {@code dir}.
   *
   * @throws KilnException naming the model, the folder and the holder's pid when another run has it
   */
  public static RunLock acquire(Path dir, String name) {
    Path file = dir.resolve("." + name + ".kiln.lock");
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this process already
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        ch.close();
        throw new KilnException("kiln:train " + name + " is already running in " + dir
            + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it to end or stop it first");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
      return new RunLock(file, ch, lock);
    } catch (IOException e) {
      try {
        if (ch != null) {
          ch.close();
        }
      } catch (IOException ignored) {
        // the lock file stays; it is empty or stale, and harmless
      }
      throw new KilnException("cannot lock " + file + " for the training run: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      lock.release();
      channel.close();
    } catch (IOException e) {
      // a lock file left behind is released with the channel and harmless
    }
  }
}
