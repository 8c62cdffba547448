package org.jwtauth.clients;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** RFC 6749 §2.1: a confidential client holds a secret; a public one (browser, mobile, CLI) cannot. */
public enum ClientType {
    CONFIDENTIAL,
    PUBLIC;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The API and the database spell it in lower case; anything else is no type. */
    @JsonCreator
    public static ClientType of(String value) {
        for (ClientType type : values()) {
            if (type.value().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("must be confidential or public");
    }
}
