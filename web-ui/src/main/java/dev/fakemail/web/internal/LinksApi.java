package dev.fakemail.web.internal;

import dev.fakemail.store.MimePart;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/messages/{id}/links}: the links in a message; {@code POST /api/messages/{id}/links/check}:
 * the same with the status of each link to this machine (the developer's own app: is the confirmation link
 * right, does the reset page exist?). Only links the message itself contains are checked, only those whose
 * host is written as loopback, at most {@link #MAX_CHECKED}, with HEAD (GET where HEAD is not allowed), short
 * timeouts, and redirects followed only while they stay on loopback: the inbox must never fetch from
 * anywhere else for whoever can reach it.
 */
final class LinksApi {
    static final int MAX_CHECKED = 20;
    private static final int MAX_REDIRECTS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** The whole check answers within this, however slow the links (each goes on alone until its own timeouts). */
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Checks run side by side, a few at a time; daemon threads, so a stuck link never holds the JVM. */
    private static final ExecutorService CHECKS = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "fakemail-link-check");
        thread.setDaemon(true);
        return thread;
    });

    private final MessagesApi messages;

    LinksApi(MessagesApi messages) {
        this.messages = messages;
    }

    record LinkList(List<MessageLinks.Link> links) {
    }

    /**
     * @param checked whether the link was fetched; {@code status} the final HTTP status (null if none);
     * @param note why it was not checked, where a redirect left loopback, or what failed
     */
    record CheckedLink(String url, String source, boolean loopback, boolean checked, Integer status, String note) {
    }

    record CheckList(List<CheckedLink> links) {
    }

    void list(HttpServerExchange exchange) throws Exception {
        Responses.json(exchange, 200, new LinkList(links(messages.summary(exchange))));
    }

    void check(HttpServerExchange exchange) throws Exception {
        List<MessageLinks.Link> links = links(messages.summary(exchange));
        // A client per check, not per inbox: checks are rare, and an idle client keeps a selector thread.
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
        List<CompletableFuture<CheckedLink>> results = new ArrayList<>();
        int checks = 0;
        for (MessageLinks.Link link : links) {
            if (!link.loopback()) {
                results.add(CompletableFuture.completedFuture(new CheckedLink(link.url(), link.source(), false, false,
                        null, "not checked: only links to this machine (localhost, 127.0.0.0/8, [::1]) are")));
            } else if (checks++ >= MAX_CHECKED) {
                results.add(CompletableFuture.completedFuture(new CheckedLink(link.url(), link.source(), true, false,
                        null, "not checked: at most " + MAX_CHECKED + " links are checked at once")));
            } else {
                results.add(CompletableFuture.supplyAsync(() -> check(client, link), CHECKS).completeOnTimeout(
                        new CheckedLink(link.url(), link.source(), true, true, null,
                                "no answer within the check's " + DEADLINE.toSeconds() + " s"),
                        DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
        Responses.json(exchange, 200, new CheckList(results.stream().map(CompletableFuture::join).toList()));
    }

    private static List<MessageLinks.Link> links(MessageSummary summary) {
        MimePart tree = summary.message.mimeTree();
        MimePart html = HtmlDocument.htmlPart(tree);
        MimePart text = HtmlDocument.leaves(tree).stream()
                .filter(part -> !part.isAttachment() && part.mimeType().equals("text/plain")).findFirst().orElse(null);
        return MessageLinks.of(html == null ? null : html.text(), text == null ? null : text.text());
    }

    private static CheckedLink check(HttpClient client, MessageLinks.Link link) {
        URI uri;
        try {
            uri = URI.create(link.url());
        } catch (IllegalArgumentException malformed) {
            return new CheckedLink(link.url(), link.source(), true, false, null, "not a valid URL");
        }
        try {
            for (int hop = 0; ; hop++) {
                HttpResponse<Void> response = fetch(client, uri, "HEAD");
                if (response.statusCode() == 405 || response.statusCode() == 501) {
                    response = fetch(client, uri, "GET");
                }
                int status = response.statusCode();
                String location = response.headers().firstValue("Location").orElse(null);
                if (status < 300 || status >= 400 || location == null) {
                    return new CheckedLink(link.url(), link.source(), true, true, status,
                            hop == 0 ? null : "after redirects to " + uri);
                }
                URI next = uri.resolve(location);
                if (!MessageLinks.isLoopback(next.toString())) {
                    return new CheckedLink(link.url(), link.source(), true, true, status,
                            "redirects to " + next + ": not followed off this machine");
                }
                if (hop == MAX_REDIRECTS) {
                    return new CheckedLink(link.url(), link.source(), true, true, status,
                            "more than " + MAX_REDIRECTS + " redirects");
                }
                uri = next;
            }
        } catch (HttpTimeoutException e) {
            return new CheckedLink(link.url(), link.source(), true, true, null, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException | IllegalArgumentException e) {
            return new CheckedLink(link.url(), link.source(), true, true, null, "failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckedLink(link.url(), link.source(), true, false, null, "interrupted");
        }
    }

    private static HttpResponse<Void> fetch(HttpClient client, URI uri, String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).header("User-Agent", "fakemail link check").build();
        return client.send(request, HttpResponse.BodyHandlers.discarding());
    }
}
