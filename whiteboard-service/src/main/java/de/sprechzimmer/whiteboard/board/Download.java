package de.sprechzimmer.whiteboard.board;

/** A file to send: its info and the browser envelope, opened from the at-rest layer. */
public record Download(FileInfo info, byte[] envelope) {
}
