package com.stockticker.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * STOMP 1.2 frames the tool sends, and the parsing of the few frames it reads: frame boundaries are found
 * for every frame (by the NUL octet), but headers and body are parsed only for sampled frames.
 */
final class Stomp {

    private Stomp() {
    }

    static String connect(String host, String login, String passcode) {
        StringBuilder b = new StringBuilder("CONNECT\naccept-version:1.2,1.1,1.0\nhost:").append(host)
                .append("\nheart-beat:0,0\n");
        if (login != null) {
            b.append("login:").append(login).append('\n');
        }
        if (passcode != null) {
            b.append("passcode:").append(passcode).append('\n');
        }
        return b.append("\n\0").toString();
    }

    static String subscribe(int id, String destination, List<String> headers) {
        StringBuilder b = new StringBuilder("SUBSCRIBE\nid:sub-").append(id).append("\ndestination:").append(destination)
                .append("\nack:auto\n");
        headers.forEach(header -> b.append(header).append('\n'));
        return b.append("\n\0").toString();
    }

    static String send(String destination, String contentType, String body) {
        int length = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return "SEND\ndestination:" + destination + "\ncontent-type:" + contentType + "\ncontent-length:" + length
                + "\n\n" + body + "\0";
    }

    static String symbolsJson(List<String> symbols) {
        StringBuilder b = new StringBuilder();
        for (String s : symbols) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append('"').append(s).append('"');
        }
        return b.toString();
    }

    /** What a sampled frame says. */
    static final class Parsed {
        String command;
        String message; // the ERROR frame's message header
        int bodyStart = -1;
        long publishMicros = Long.MIN_VALUE; // the outer object's "timestamp", in epoch microseconds
        long seq = Long.MIN_VALUE; // the outer object's "seq"
        boolean timestampPresent;

        void reset() {
            command = null;
            message = null;
            bodyStart = -1;
            publishMicros = Long.MIN_VALUE;
            seq = Long.MIN_VALUE;
            timestampPresent = false;
        }
    }

    /** Parses a whole frame (without its NUL): the command, the message header, and the body's timestamp and seq. */
    static void parse(CharSequence s, int length, boolean body, Parsed out) {
        out.reset();
        int i = 0;
        while (i < length && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
        int eol = indexOf(s, '\n', i, length);
        if (eol < 0) {
            out.command = s.subSequence(i, length).toString().trim();
            return;
        }
        out.command = s.subSequence(i, trimCr(s, i, eol)).toString();
        i = eol + 1;
        while (i < length) {
            eol = indexOf(s, '\n', i, length);
            if (eol < 0) {
                eol = length;
            }
            int end = trimCr(s, i, eol);
            if (end == i) { // the empty line before the body
                i = eol + 1;
                out.bodyStart = i;
                break;
            }
            if (out.message == null && startsWith(s, i, end, "message:")) {
                out.message = s.subSequence(i + 8, end).toString();
            }
            i = eol + 1;
        }
        if (body && out.bodyStart >= 0) {
            parseBody(s, out.bodyStart, length, out);
        }
    }

    /**
     * Finds "timestamp" (or "t", StockTicker's lean batches) and "seq" among the keys of the outermost JSON object,
     * skipping nested objects and strings. Stops as soon as both are found. Accepts a timestamp as an ISO-8601
     * string or epoch milliseconds.
     */
    static void parseBody(CharSequence s, int start, int end, Parsed out) {
        int depth = 0;
        int i = start;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < end) {
                    char d = s.charAt(j);
                    if (d == '\\') {
                        j += 2;
                    } else if (d == '"') {
                        break;
                    } else {
                        j++;
                    }
                }
                if (depth == 1) {
                    int k = skipWs(s, j + 1, end);
                    if (k < end && s.charAt(k) == ':') {
                        int v = skipWs(s, k + 1, end);
                        if (regionEquals(s, i + 1, j, "timestamp") || regionEquals(s, i + 1, j, "t")) {
                            out.timestampPresent = true;
                            out.publishMicros = parseTimestamp(s, v, end);
                        } else if (regionEquals(s, i + 1, j, "seq")) {
                            out.seq = parseLong(s, v, end);
                        }
                        if (out.timestampPresent && out.seq != Long.MIN_VALUE) {
                            return;
                        }
                        i = v;
                        continue;
                    }
                }
                i = j + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth <= 0) {
                    return;
                }
            }
            i++;
        }
    }

    static long parseTimestamp(CharSequence s, int i, int end) {
        if (i >= end) {
            return Long.MIN_VALUE;
        }
        if (s.charAt(i) == '"') {
            int j = indexOf(s, '"', i + 1, end);
            if (j < 0) {
                return Long.MIN_VALUE;
            }
            return parseIso(s, i + 1, j);
        }
        long n = parseLong(s, i, end);
        if (n == Long.MIN_VALUE) {
            return n;
        }
        return n >= 100_000_000_000_000L ? n : n * 1000; // epoch microseconds or (usually) milliseconds
    }

    static long parseLong(CharSequence s, int i, int end) {
        boolean neg = false;
        if (i < end && s.charAt(i) == '-') {
            neg = true;
            i++;
        }
        long n = 0;
        int digits = 0;
        while (i < end) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            n = n * 10 + (c - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 18) {
            return Long.MIN_VALUE;
        }
        return neg ? -n : n;
    }

    /** Epoch microseconds of an ISO-8601 instant such as 2026-11-24T05:41:37.748Z or ...+01:00. */
    static long parseIso(CharSequence s, int from, int to) {
        try {
            int len = to - from;
            if (len >= 20 && s.charAt(from + 4) == '-' && s.charAt(from + 7) == '-' && s.charAt(from + 10) == 'T'
                    && s.charAt(from + 13) == ':' && s.charAt(from + 16) == ':') {
                int year = digits(s, from, 4);
                int month = digits(s, from + 5, 2);
                int day = digits(s, from + 8, 2);
                int hour = digits(s, from + 11, 2);
                int minute = digits(s, from + 14, 2);
                int second = digits(s, from + 17, 2);
                int i = from + 19;
                long micros = 0;
                if (i < to && s.charAt(i) == '.') {
                    i++;
                    int n = 0;
                    while (i < to && Character.isDigit(s.charAt(i))) {
                        if (n < 6) {
                            micros = micros * 10 + (s.charAt(i) - '0');
                        }
                        n++;
                        i++;
                    }
                    for (int k = n; k < 6; k++) {
                        micros *= 10;
                    }
                }
                long offsetSeconds = 0;
                if (i < to && s.charAt(i) == 'Z' && i + 1 == to) {
                    offsetSeconds = 0;
                } else if (i + 6 == to && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
                    offsetSeconds = (digits(s, i + 1, 2) * 3600L + digits(s, i + 4, 2) * 60L) * (s.charAt(i) == '+' ? 1 : -1);
                } else {
                    return slowIso(s, from, to);
                }
                if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
                    return slowIso(s, from, to);
                }
                long epochSeconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
                        - offsetSeconds;
                return epochSeconds * 1_000_000L + micros;
            }
            return slowIso(s, from, to);
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static long slowIso(CharSequence s, int from, int to) {
        String text = s.subSequence(from, to).toString();
        Instant t;
        try {
            t = Instant.parse(text);
        } catch (RuntimeException e) {
            t = OffsetDateTime.parse(text).toInstant();
        }
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private static int digits(CharSequence s, int i, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            char c = s.charAt(i + k);
            if (c < '0' || c > '9') {
                throw new NumberFormatException();
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int trimCr(CharSequence s, int from, int eol) {
        return eol > from && s.charAt(eol - 1) == '\r' ? eol - 1 : eol;
    }

    private static int skipWs(CharSequence s, int i, int end) {
        while (i < end) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean startsWith(CharSequence s, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (s.charAt(from + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean regionEquals(CharSequence s, int from, int to, String word) {
        return to - from == word.length() && startsWith(s, from, to, word);
    }

    /** A byte array seen as a CharSequence of ISO-8859-1 characters: enough to find ASCII tokens in UTF-8. */
    static final class AsciiView implements CharSequence {
        byte[] bytes = new byte[4096];
        int length;

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
