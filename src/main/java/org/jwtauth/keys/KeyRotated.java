package org.jwtauth.keys;

import java.util.List;

/**
 * Managed keys rotated: on schedule or on request.
 *
 * @param currentKid the key now signing, or null when only new next keys were made
 * @param createdKids the keys made by this rotation
 */
public record KeyRotated(boolean requested, String currentKid, List<String> createdKids) {
}
