package org.trialkeeper.reads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.uri.UriBuilder;
import org.trialkeeper.problem.ProblemException;

import java.util.List;

/**
 * One page of a list that grows with a trial (participants, the worklist), read after a key
 * rather than at an offset, so that the thousandth page costs what the first does. The body is
 * the page's items as a JSON array; the next page's address goes in a {@code Link} header with
 * {@code rel="next"} (RFC 8288), absent on the last page.
 *
 * @param items the items, in the list's order
 * @param after the key to ask for the next page after; null on the last page
 */
public record Page<T>(List<T> items, @Nullable String after) {

    /** Items on a page unless the request asks for another number. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most items a request may ask for on one page. */
    public static final int MAX_LIMIT = 1000;

    /** The page size a request asked for, checked; the default when it asked for none. */
    public static int limit(@Nullable Integer asked) {
        if (asked == null) {
            return DEFAULT_LIMIT;
        }
        if (asked < 1 || asked > MAX_LIMIT) {
            throw ProblemException.invalidRequest("limit", "range", "must be between 1 and " + MAX_LIMIT);
        }
        return asked;
    }

    /**
     * The page from rows read with one more than the limit: the extra row only says that there is
     * a next page, which starts after the last row kept.
     */
    public static <T> Page<T> of(List<T> readOneMore, int limit, java.util.function.Function<T, String> key) {
        if (readOneMore.size() <= limit) {
            return new Page<>(readOneMore, null);
        }
        List<T> kept = readOneMore.subList(0, limit);
        return new Page<>(List.copyOf(kept), key.apply(kept.get(limit - 1)));
    }

    /** The answer: the items, and the next page's address at {@code path} when there is one. */
    public MutableHttpResponse<List<T>> response(String path, int limit) {
        MutableHttpResponse<List<T>> response = HttpResponse.ok(items);
        if (after != null) {
            String next = UriBuilder.of(path).queryParam("after", after).queryParam("limit", limit).toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response;
    }
}
