package com.stockticker.errors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/protocol.md}'s tables of error codes and of reject reasons say what {@link ErrorCode} says: the same
 * codes, each with its description, word for word. The document may link words of a description to its own
 * sections ({@code [cancel](#cancel-errors)}); the links are read as their text. On a failure the message holds the
 * table as the enum would have it, to paste.
 */
class ErrorCodeDocumentationTest {

    private static final Path PROTOCOL = Path.of("docs", "protocol.md");
    /** A table row whose first cell is one code: {@code | `CODE` | description |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (.*) \\|$");
    /** A link to a section of the same document. */
    private static final Pattern SECTION_LINK = Pattern.compile("\\[([^\\]]+)\\]\\(#[a-z0-9-]+\\)");

    @Test
    void theErrorsTableIsTheErrorCodes() throws IOException {
        assertTable("| code | when |", ErrorCode.errors());
    }

    @Test
    void theRejectReasonsTableIsTheRejectReasons() throws IOException {
        assertTable("| reason | when |", ErrorCode.rejectReasons());
    }

    /** The check reads what it should: a description that differs from the enum's is caught. */
    @Test
    void aDescriptionThatDiffersIsCaught() {
        List<String> table = List.of("| `MALFORMED_JSON` | The body is not XML. |");

        assertThat(rows(table, 0)).isNotEqualTo(expected(List.of(ErrorCode.MALFORMED_JSON)));
        assertThat(rows(List.of("| `MALFORMED_JSON` | The [body](#messages) is not JSON. |"), 0))
                .isEqualTo(expected(List.of(ErrorCode.MALFORMED_JSON)));
    }

    private static void assertTable(String header, List<ErrorCode> codes) throws IOException {
        List<String> lines = Files.readAllLines(PROTOCOL);
        int at = lines.indexOf(header);
        assertThat(at).as("%s has a table headed %s", PROTOCOL, header).isNotNegative();
        assertThat(lines.indexOf(header)).as("one table headed %s", header).isEqualTo(lines.lastIndexOf(header));

        assertThat(rows(lines, at + 2))
                .as("%s's table headed %s, as ErrorCode has it:%n%s%n%s", PROTOCOL, header, header + "\n|---|---|",
                        codes.stream().map(code -> "| `" + code + "` | " + code.description() + " |").collect(Collectors.joining("\n")))
                .isEqualTo(expected(codes));
    }

    /** The table's rows from {@code first} to the first line that is not a row, as code and description. */
    private static Map<String, String> rows(List<String> lines, int first) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = first; i < lines.size(); i++) {
            Matcher row = ROW.matcher(lines.get(i));
            if (!row.matches()) {
                break;
            }
            rows.put(row.group(1), SECTION_LINK.matcher(row.group(2)).replaceAll("$1"));
        }
        return rows;
    }

    /** In the enum's order; the tables may have their own (the comparison is of maps, not of their order). */
    private static Map<String, String> expected(List<ErrorCode> codes) {
        return codes.stream().collect(Collectors.toMap(ErrorCode::name, ErrorCode::description, (a, b) -> a, LinkedHashMap::new));
    }
}
