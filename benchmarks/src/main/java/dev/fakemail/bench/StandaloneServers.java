package dev.fakemail.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command lines of the servers {@link StandaloneBench} runs, and their start. */
final class StandaloneServers {
    private StandaloneServers() {
    }

    static ServerProcess start(String name, List<String> command) throws IOException, InterruptedException {
        int smtpPort = 0;
        int index = command.indexOf("-Dgreenmail.smtp.port=PORT");
        if (index >= 0) { // GreenMail cannot pick a free port itself
            smtpPort = ServerProcess.freePort();
            command = new ArrayList<>(command);
            command.set(index, "-Dgreenmail.smtp.port=" + smtpPort);
            int api = command.indexOf("-Dgreenmail.api.port=PORT");
            int apiPort = ServerProcess.freePort();
            command.set(api, "-Dgreenmail.api.port=" + apiPort);
            ServerProcess process = ServerProcess.start(name, command, smtpPort);
            process.apiPort(apiPort);
            return process;
        }
        return ServerProcess.start(name, command, smtpPort);
    }

    /**
     * The jar as a user runs it, every listener on a free port, one line per message off (--quiet), the
     * received-message cap off so the heap measure keeps every message, the web inbox on a free port or off.
     */
    static List<String> fakemailCommand(StandaloneOptions options, boolean webInbox) {
        return fakemailCommand(options, false, webInbox);
    }

    /** The jar under test, or with {@code before} the other build (--before-jar) with its extra options. */
    static List<String> fakemailCommand(StandaloneOptions options, boolean before, boolean webInbox) {
        Path jar = before ? options.beforeJar : options.jar;
        List<String> command = new ArrayList<>();
        command.add(options.serverJava.toString());
        command.addAll(options.serverOpts);
        if (before) {
            command.addAll(options.beforeOpts);
        }
        command.addAll(List.of("-jar", jar.toString(), "--quiet", "--max-messages", "unlimited",
                "--smtp-port", "0", "--smtps-port", "0", "--pop3-port", "0", "--pop3s-port", "0", "--imap-port", "0",
                "--imaps-port", "0", "--web-port", webInbox ? "0" : "off"));
        command.addAll(options.fakemailArgs);
        return command;
    }

    /** For the load rows: the jar with its default cap of received messages, which bounds its heap. */
    static List<String> fakemailLoadCommand(StandaloneOptions options, boolean before) {
        List<String> command = fakemailCommand(options, before, options.loadInbox);
        int cap = command.indexOf("--max-messages");
        command.remove(cap + 1);
        command.remove(cap);
        return command;
    }

    static List<String> greenMailCommand(StandaloneOptions options) {
        List<String> command = new ArrayList<>();
        command.add(options.serverJava.toString());
        command.addAll(options.serverOpts);
        command.addAll(List.of("-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=PORT",
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=PORT", "-Dgreenmail.auth.disabled",
                "-jar", options.greenMail.toString()));
        return command;
    }

    static List<String> sinkCommand(StandaloneOptions options) {
        return sinkCommand(options, 0);
    }

    /** The sink's process; with {@code keep > 0} the keeping sink, which holds the last {@code keep} messages. */
    static List<String> sinkCommand(StandaloneOptions options, int keep) {
        List<String> command = new ArrayList<>();
        command.add(options.serverJava.toString());
        command.addAll(options.serverOpts);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SinkServerMain.class.getName()));
        if (keep > 0) {
            command.addAll(List.of("--keep", Integer.toString(keep)));
        }
        return command;
    }

    static Path javaHome(Path java) {
        return java.toAbsolutePath().getParent().getParent();
    }
}
