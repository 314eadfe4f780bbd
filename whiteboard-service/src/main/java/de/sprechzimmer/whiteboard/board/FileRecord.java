package de.sprechzimmer.whiteboard.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.sprechzimmer.common.json.Json;
import java.io.IOException;
import java.time.Instant;

/** What is sealed as a file's metadata at rest: nothing of it is visible in the store. */
record FileRecord(String meta, long size, String uploadedBy, Instant createdAt) {

    byte[] toJson() {
        return Json.writeBytes(this);
    }

    static FileRecord fromJson(byte[] json) {
        try {
            return Json.mapper().readValue(json, FileRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed file record is not valid JSON", e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
