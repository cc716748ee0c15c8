package dev.righttime.local.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.righttime.model.Json;
import dev.righttime.model.JsonErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        ObjectMapper json = Json.mapper();
        List<T> out = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineNo = 0;
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                T value;
                try {
                    value = json.readValue(line, type);
                    if (value == null) {
                        throw new IllegalArgumentException("expected a JSON object, got null");
                    }
                    check.accept(value);
                } catch (IOException | RuntimeException e) {
                    throw new InputException(file + ":" + lineNo + ": " + JsonErrors.describe(e));
                }
                out.add(value);
            }
        } catch (CharacterCodingException e) {
            throw new InputException(file + ":" + (lineNo + 1) + ": not UTF-8 text");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new InputException(file + ": permission denied");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return out;
    }
}
