package dev.fakemail.junit.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The messages for using the extension wrongly: each names what is wrong, where, and the fix. */
final class Misuse {
    private Misuse() {
    }

    static String wrongType(Field field) {
        return ManagedFields.describe(field) + " has type " + field.getType().getSimpleName()
                + ", but the extension can only manage a FakeMailServer. Fix: declare it as \"@MailServer "
                + staticWord(field) + "FakeMailServer " + field.getName() + " = FakeMailServer.builder()...build();\"";
    }

    static String nullField(Field field) {
        boolean isStatic = Modifier.isStatic(field.getModifiers());
        return ManagedFields.describe(field) + " is null when the extension starts it (before any "
                + (isStatic ? "@BeforeAll" : "@BeforeEach") + " method). Fix: assign the server where the field is"
                + " declared: \"@MailServer " + staticWord(field) + "FakeMailServer " + field.getName()
                + " = FakeMailServer.builder()...build();\"";
    }

    static String alreadyRunning(String name) {
        return name + " holds a server that is already running. Fix: build it without calling start(); the"
                + " extension starts it, resets it before each test and stops it.";
    }

    static String shared(String name, String owner) {
        return name + " holds the same server object as " + owner + ", which is using it right now. Fix: let each"
                + " field build its own server (\"= FakeMailServer.builder()...build()\" in the field), or make the"
                + " two tests not run at the same time.";
    }

    static String usedConcurrently(String name, String otherTest, String thisTest) {
        return name + " is shared by the tests of its class and reset before each of them, but " + thisTest
                + " started while " + otherTest + " was still running, so each would wipe the other's mail. Fix:"
                + " give each test its own server (an instance @MailServer field, or @FakeMailTest's default"
                + " lifecycle PER_METHOD), or keep these tests apart with @Execution(ExecutionMode.SAME_THREAD)"
                + " on the class.";
    }

    static String perClassOnMethod(ExtensionContext method) {
        return "@FakeMailTest(lifecycle = PER_CLASS) on method " + method.getRequiredTestMethod().getName()
                + "() cannot share a server with other tests. Fix: put it on the test class.";
    }

    static String outsideTestWithInstanceFields(String where, List<Field> fields) {
        Field first = fields.get(0);
        return where + " cannot receive a server: " + ManagedFields.describe(first) + " is an instance field,"
                + " started anew for each test, and none exists yet. Fix: make the field static to share one server"
                + " with the whole class (\"@MailServer static FakeMailServer " + first.getName() + " = ...\"), or"
                + " move this code to a @BeforeEach method.";
    }

    static String outsideTest(String where) {
        return where + " cannot receive a server: @FakeMailTest starts a fresh server for each test method, and"
                + " none exists outside a test. Fix: use @FakeMailTest(lifecycle = Lifecycle.PER_CLASS) to share"
                + " one server with the whole class, or declare a \"@MailServer static FakeMailServer\" field.";
    }

    static String ambiguous(String where, List<ManagedServer> candidates) {
        return where + " cannot receive a server: " + candidates.size() + " @MailServer fields are in scope ("
                + String.join(", ", candidates.stream().map(ManagedServer::name).toList()) + ") and a parameter"
                + " cannot say which. Fix: use the fields directly instead of a parameter.";
    }

    static String endpointNotRunning(String where, String protocol, ManagedServer server, String fix) {
        return where + " asks for the " + protocol.toUpperCase(java.util.Locale.ROOT) + " endpoint, but "
                + server.name() + " listens only on " + server.server().endpoints() + ". Fix: " + fix;
    }

    static String endpointAnnotationOnWrongType(String where, Class<?> type) {
        return where + " is annotated @MailEndpoint but has type " + type.getSimpleName()
                + "; @MailEndpoint chooses an endpoint, so the parameter's type must be Endpoint.";
    }

    static String webInboxMissing() {
        return "@FakeMailTest(webInbox = true) needs the web inbox on the test class path. Fix: add the test"
                + " dependency dev.fakemail:fakemail-web, or remove webInbox = true.";
    }

    private static String staticWord(Field field) {
        return Modifier.isStatic(field.getModifiers()) ? "static " : "";
    }
}
