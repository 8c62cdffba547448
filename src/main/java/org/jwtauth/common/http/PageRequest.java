package org.jwtauth.common.http;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.jwtauth.common.error.AuthException;

/**
 * {@code ?page=&size=} of every list (pages from 0), taken as text so that a non-number is our
 * 400 rather than JAX-RS's 404, and bounded so that {@code page × size} can never overflow.
 */
public class PageRequest {

    public static final int MAX_PAGE = 1_000_000;
    public static final int MAX_SIZE = 200;

    @QueryParam("page")
    @DefaultValue("0")
    String page;

    @QueryParam("size")
    @DefaultValue("20")
    String size;

    public PageRequest() {
    }

    private PageRequest(int page, int size) {
        this.page = Integer.toString(page);
        this.size = Integer.toString(size);
    }

    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    public int page() {
        return number("page", page, 0, MAX_PAGE);
    }

    public int size() {
        return number("size", size, 1, MAX_SIZE);
    }

    /** Rows to skip: at most {@code MAX_PAGE × MAX_SIZE}, well inside an int. */
    public int offset() {
        return Math.toIntExact((long) page() * size());
    }

    /** Checks both values at once, so a bad request fails before any query runs. */
    public PageRequest validated() {
        page();
        size();
        return this;
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value == null ? "" : value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AuthException.invalidRequest(name + ": must be a whole number from " + min + " to " + max + ".");
    }
}
