package org.jwtauth.common.http;

import java.util.List;

/** One page of a list: {@code {"items","page","size","total"}}, pages counted from 0. */
public record PageView<T>(List<T> items, int page, int size, long total) {

    public static <T> PageView<T> of(List<T> items, PageRequest request, long total) {
        return new PageView<>(items, request.page(), request.size(), total);
    }
}
