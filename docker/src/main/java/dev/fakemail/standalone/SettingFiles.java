package dev.fakemail.standalone;

import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;

/** Why a file named by a setting cannot be read, said in a few words rather than an exception's name. */
final class SettingFiles {
    private SettingFiles() {
    }

    static String unreadable(String path, Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        String reason;
        if (cause instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (cause instanceof AccessDeniedException) {
            reason = "permission denied"; // in Docker: the image runs as uid 10001, the file must be readable by it
        } else if (cause instanceof CharacterCodingException) { // MalformedInputException among them
            reason = "not UTF-8 text";
        } else if (cause instanceof InvalidPathException) {
            reason = "not a valid path";
        } else {
            reason = String.valueOf(cause.getMessage());
        }
        return "cannot read '" + path + "' (" + reason + ")";
    }
}
