package org.trialkeeper.randomisation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The connection a request came in on. The server does not cancel an answer still being worked
 * out when its caller hangs up, so long work watches the connection itself.
 */
final class CallerConnection {

    private CallerConnection() {
    }

    /**
     * Cancels the work if the request's connection closes before it is done; answers what to
     * reply with, in which a cancellation is a refusal rather than an unexpected failure.
     */
    static <T> CompletableFuture<T> cancelOnClose(HttpRequest<?> request, CompletableFuture<T> answer) {
        HttpRequest<?> unwrapped = request;
        while (unwrapped instanceof HttpRequestWrapper<?> wrapper) {
            unwrapped = wrapper.getDelegate();
        }
        if (unwrapped instanceof NettyHttpRequest<?> netty) {
            ChannelFuture closed = netty.getChannelHandlerContext().channel().closeFuture();
            ChannelFutureListener cancel = future -> answer.cancel(true);
            closed.addListener(cancel);
            // a kept-alive connection outlives the request: its listener goes with the answer
            answer.whenComplete((result, failure) -> closed.removeListener(cancel));
        }
        return answer.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof CancellationException
                    ? new ProblemException(ProblemCode.CLIENT_ERROR, "The connection closed before the answer was ready")
                    : cause);
        });
    }
}
