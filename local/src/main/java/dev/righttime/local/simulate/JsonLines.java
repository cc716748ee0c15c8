package dev.righttime.local.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.righttime.model.Json;
import dev.righttime.model.JsonErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads a .jsonl file into records, failing with the file and line of the first bad one. */
public final class JsonLines {

    /** Bad input, already worded for the user: "signals.jsonl:3: unknown signal type 'x'". */
    public static final class InputException extends Exception {
        public InputException(String message) {
            super(message);
        }
    }

    private JsonLines() {
    }

    public static <T> List<T> read(Path file, Class<T> type, Consumer<T> check) throws InputException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(file + ": permission denied");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        ObjectMapper json = Json.mapper();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<T> out = new ArrayList<>();
        int lineNo = 0;
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new InputException(file + ":" + lineNo + ": not UTF-8 text");
            }
            start = end + 1;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                T value = json.readValue(line, type);
                if (value == null) {
                    throw new IllegalArgumentException("expected a JSON object, got null");
                }
                check.accept(value);
                out.add(value);
            } catch (IOException | RuntimeException e) {
                throw new InputException(file + ":" + lineNo + ": " + JsonErrors.describe(e));
            }
        }
        return out;
    }
}
