package org.taskmet.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason of an I/O error as a user reads it. The JDK's file-system exceptions often carry only the path as
 * their message ({@code AccessDeniedException: /out}), so "cannot write X: " + {@code e.getMessage()} loses the
 * reason; {@link #describe} keeps it.
 */
public final class IoErrors {
  private IoErrors() {}

  /**
   * The path(s) and the reason: {@code "/out/trials: permission denied"}, {@code "/proc/x: no such file or folder"},
   * {@code "/out/a.json: No space left on device"}; for other I/O errors their message (or their class name).
   */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String where = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> "
          + f.getOtherFile()) + ": ";
      return where + reason(f);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String reason(FileSystemException f) {
    if (f.getReason() != null) {
      return f.getReason();
    }
    if (f instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (f instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (f instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (f instanceof DirectoryNotEmptyException) {
      return "is a folder that is not empty";
    }
    if (f instanceof NotDirectoryException) {
      return "is not a folder";
    }
    return f.getClass().getSimpleName();
  }
}
