package org.latentdyn.data.io;

import java.io.IOException;

/**
 * A file whose content is not what its format requires (truncated, corrupt, or of an unsupported layout): bad
 * input, named in the message with the file and the offending value, as opposed to a failure of the machine.
 */
public final class MalformedFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedFileException(String message) {
    super(message);
  }

  public MalformedFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
