package org.jwtauth.verification;

/** Measures how deeply JSON text nests objects and arrays, without parsing it (strings are skipped). */
final class JsonDepth {

    private JsonDepth() {
    }

    /** True when the UTF-8 JSON text opens more than {@code max} objects or arrays inside each other. */
    static boolean exceeds(byte[] json, int max) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : json) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return false;
    }
}
