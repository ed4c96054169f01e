package org.dustwatch.cli;

/** Bad command-line input; the message is the one-line reason shown to the user. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
