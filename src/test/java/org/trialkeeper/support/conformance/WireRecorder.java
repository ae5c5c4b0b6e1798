package org.trialkeeper.support.conformance;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every HTTP/1.1 exchange of a test's server as it crosses the wire, between Netty's
 * codec and the service, and hands it to {@link ApiConformance}. Nothing is changed on its way.
 */
@Singleton
final class WireRecorder implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    /** Bodies beyond this are not copied whole; their exchange is checked for status and headers only. */
    private static final int MOST_BYTES = 4 * 1024 * 1024;

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private record Customizer(Channel channel) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null) {
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
                        "api-conformance-recorder", new Copier());
            }
        }
    }

    /** One connection's exchanges; requests may be pipelined, so answers are matched in order. */
    private static final class Copier extends ChannelDuplexHandler {

        private final Deque<Partial> requests = new ArrayDeque<>();
        private Partial reading;
        private Partial answering;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
            if (message instanceof HttpRequest request) {
                reading = new Partial(request.method().name(), request.uri(), headers(request.headers()));
                requests.addLast(reading);
            }
            if (message instanceof HttpContent content && reading != null) {
                reading.requestBody.append(content.content());
                if (message instanceof LastHttpContent) {
                    reading.requestDone = true;
                    finish(reading);
                    reading = null;
                }
            }
            super.channelRead(context, message);
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof HttpResponse response && response.status().code() >= 200) {
                answering = requests.pollFirst();
                if (answering != null) {
                    answering.status = response.status().code();
                    answering.responseHeaders = headers(response.headers());
                }
            }
            if (message instanceof HttpContent content && answering != null) {
                answering.responseBody.append(content.content());
                if (message instanceof LastHttpContent) {
                    answering.responseDone = true;
                    finish(answering);
                    answering = null;
                }
            }
            super.write(context, message, promise);
        }

        /** An answer may go out before its request's body is all in (a refusal), so both ends are awaited. */
        private static void finish(Partial exchange) {
            if (exchange.requestDone && exchange.responseDone) {
                ApiConformance.record(exchange.exchange());
            }
        }

        private static Map<String, List<String>> headers(HttpHeaders headers) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            for (String name : headers.names()) {
                copy.put(name, List.copyOf(headers.getAll(name)));
            }
            return copy;
        }
    }

    private static final class Partial {
        final String method;
        final String uri;
        final Map<String, List<String>> requestHeaders;
        final Body requestBody = new Body();
        final Body responseBody = new Body();
        int status;
        boolean requestDone;
        boolean responseDone;
        Map<String, List<String>> responseHeaders = Map.of();

        Partial(String method, String uri, Map<String, List<String>> requestHeaders) {
            this.method = method;
            this.uri = uri;
            this.requestHeaders = requestHeaders;
        }

        WireExchange exchange() {
            return new WireExchange(method, uri, requestHeaders, requestBody.bytes(), status, responseHeaders,
                    responseBody.bytes());
        }
    }

    /** A body copied up to {@link #MOST_BYTES}; a longer one is marked as cut. */
    private static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean cut;

        void append(ByteBuf content) {
            int readable = content.readableBytes();
            if (cut || bytes.size() + readable > MOST_BYTES) {
                cut = true;
                return;
            }
            byte[] copy = new byte[readable];
            content.getBytes(content.readerIndex(), copy);
            bytes.writeBytes(copy);
        }

        byte[] bytes() {
            return cut ? null : bytes.toByteArray();
        }
    }
}
