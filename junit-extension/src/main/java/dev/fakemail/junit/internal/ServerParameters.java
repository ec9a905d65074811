package dev.fakemail.junit.internal;

import dev.fakemail.Endpoint;
import dev.fakemail.FakeMailServer;
import dev.fakemail.MailControl;
import dev.fakemail.ProtocolName;
import dev.fakemail.junit.FakeMailTest.Lifecycle;
import dev.fakemail.junit.MailClientSettings;
import dev.fakemail.junit.MailEndpoint;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Which server a parameter receives: the only {@code @MailServer} field in scope, else the zero-configuration
 * server the nearest {@code @FakeMailTest} asks for (the class's, or the test's own, started on first use).
 */
public final class ServerParameters {
    private static final Set<Class<?>> TYPES =
            Set.of(FakeMailServer.class, MailControl.class, Endpoint.class, MailClientSettings.class,
                    dev.fakemail.dns.FakeZone.class);

    private final ServerLifecycle lifecycle;

    public ServerParameters(ServerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public boolean supports(ParameterContext parameter) {
        // A misplaced @MailEndpoint is claimed too, so resolving it can explain the mistake.
        return TYPES.contains(parameter.getParameter().getType()) || parameter.isAnnotated(MailEndpoint.class)
                || parameter.isAnnotated(dev.fakemail.junit.DnsEndpoint.class);
    }

    public Object resolve(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (!TYPES.contains(type)) {
            throw new ParameterResolutionException(Misuse.endpointAnnotationOnWrongType(describe(parameter), type));
        }
        ManagedServer managed = serverFor(parameter, context);
        if (parameter.isAnnotated(dev.fakemail.junit.DnsEndpoint.class)) {
            if (type != Endpoint.class) {
                throw new ParameterResolutionException(describe(parameter) + " is annotated @DnsEndpoint, which only an "
                        + "Endpoint parameter can be. Fix: declare it as \"@DnsEndpoint Endpoint dns\".");
            }
            if (managed.server().config().dnsPort() == dev.fakemail.ServerConfig.OFF) {
                throw new ParameterResolutionException(describe(parameter) + " asks for the DNS endpoint, but "
                        + managed.name() + " serves no DNS. Fix: " + enableHint("dns", managed));
            }
            return managed.server().dns();
        }
        if (type == dev.fakemail.dns.FakeZone.class) {
            return managed.server().zone().orElseThrow(() -> new ParameterResolutionException(describe(parameter)
                    + " asks for the fake DNS zone, but " + managed.name() + " has none. Fix: "
                    + enableHint("dns", managed)));
        }
        if (type == Endpoint.class) {
            return endpoint(parameter, managed);
        }
        if (type == MailClientSettings.class) {
            return MailClientSettings.of(managed.server());
        }
        return managed.server();
    }

    private ManagedServer serverFor(ParameterContext parameter, ExtensionContext context) {
        List<ManagedServer> fields = ContextServers.inScope(context).stream().filter(ManagedServer::isField).toList();
        if (fields.size() > 1) {
            throw new ParameterResolutionException(Misuse.ambiguous(describe(parameter), fields));
        }
        if (fields.size() == 1) {
            return fields.get(0);
        }
        Settings settings = Settings.of(context);
        if (settings.lifecycle() == Lifecycle.PER_CLASS) {
            Optional<ManagedServer> shared = settings.owner().flatMap(ContextServers::existing)
                    .flatMap(holder -> holder.servers().stream().filter(managed -> !managed.isField()).findFirst());
            if (shared.isPresent()) {
                return shared.get();
            }
        }
        if (context.getTestMethod().isPresent()) {
            return lifecycle.perTestServer(context);
        }
        List<Field> instanceFields = ManagedFields.instanceFields(context.getRequiredTestClass());
        throw new ParameterResolutionException(instanceFields.isEmpty() ? Misuse.outsideTest(describe(parameter))
                : Misuse.outsideTestWithInstanceFields(describe(parameter), instanceFields));
    }

    private static Endpoint endpoint(ParameterContext parameter, ManagedServer managed) {
        ProtocolName protocol = parameter.findAnnotation(MailEndpoint.class).map(MailEndpoint::value)
                .orElse(ProtocolName.SMTP);
        return managed.server().endpoint(protocol).orElseThrow(() -> new ParameterResolutionException(
                Misuse.endpointNotRunning(describe(parameter), protocol.id(), managed, enableHint(protocol.id(), managed))));
    }

    private static String enableHint(String protocol, ManagedServer managed) {
        String builderCall = "FakeMailServer.builder()." + protocol + "Port(0)";
        return managed.isField() ? "configure it with " + builderCall + " where the field is built."
                : "build the server yourself in a field: \"@MailServer FakeMailServer mail = " + builderCall
                        + ".build();\"";
    }

    /** "parameter 'Endpoint' of @BeforeAll method setUp(Endpoint)" */
    static String describe(ParameterContext parameter) {
        Executable executable = parameter.getDeclaringExecutable();
        String role = executable instanceof Constructor ? "constructor"
                : AnnotationSupport.isAnnotated(executable, BeforeAll.class) ? "@BeforeAll method"
                : AnnotationSupport.isAnnotated(executable, AfterAll.class) ? "@AfterAll method"
                : AnnotationSupport.isAnnotated(executable, BeforeEach.class) ? "@BeforeEach method"
                : AnnotationSupport.isAnnotated(executable, AfterEach.class) ? "@AfterEach method" : "method";
        String name = executable instanceof Constructor ? ManagedFields.className(executable.getDeclaringClass())
                : ManagedFields.className(executable.getDeclaringClass()) + "." + executable.getName();
        String types = String.join(", ", java.util.Arrays.stream(executable.getParameterTypes())
                .map(Class::getSimpleName).toList());
        return "Parameter " + parameter.getParameter().getType().getSimpleName() + " of " + role + " " + name
                + "(" + types + ")";
    }
}
