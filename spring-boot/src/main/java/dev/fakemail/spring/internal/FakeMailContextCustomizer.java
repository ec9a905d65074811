package dev.fakemail.spring.internal;

import dev.fakemail.FakeMailServer;
import dev.fakemail.FakeMailServerBuilder;
import dev.fakemail.junit.MailClientSettings;
import dev.fakemail.spring.AutoConfigureFakeMail;
import dev.fakemail.spring.FakeMailServerCustomizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Starts the server of one application context before the context refreshes: sets its {@code spring.mail.*}
 * values, registers it as a bean and stops it with the context. A record, so that equal annotations give equal
 * cache keys and test classes with the same configuration share one context and one server.
 */
record FakeMailContextCustomizer(List<Class<? extends FakeMailServerCustomizer>> customizers, boolean webInbox)
        implements ContextCustomizer {
    static final String PROPERTY_SOURCE_NAME = "fakemail";
    static final String SERVER_BEAN_NAME = "fakeMailServer";
    static final String WEB_INBOX_BEAN_NAME = "fakeMailWebInbox";

    FakeMailContextCustomizer {
        customizers = List.copyOf(customizers);
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        FakeMailServerBuilder builder = FakeMailServer.builder();
        for (Class<? extends FakeMailServerCustomizer> type : customizers) {
            instantiate(type, mergedConfig.getTestClass()).customize(builder);
        }
        FakeMailServer server = builder.build().start();
        RunningFakeMail running = null;
        try {
            running = new RunningFakeMail(server, webInbox ? WebInboxStarter.start(server) : null);
            addMailProperties(context, MailClientSettings.of(server).springMailProperties());
            register(context.getBeanFactory(), running);
        } catch (RuntimeException e) {
            if (running != null) {
                running.destroy();
            } else {
                server.stop();
            }
            throw e;
        }
    }

    /**
     * Above the application's own files and environment, so they cannot send test mail to a real server; below
     * the test's inlined properties ({@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource}), so a
     * test can still change one value, such as a timeout.
     */
    private static void addMailProperties(ConfigurableApplicationContext context, Map<String, String> values) {
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, new LinkedHashMap<>(values));
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
        if (sources.contains(inlined)) {
            sources.addAfter(inlined, source);
        } else {
            sources.addFirst(source);
        }
    }

    private static void register(ConfigurableListableBeanFactory beanFactory, RunningFakeMail running) {
        if (!(beanFactory instanceof DefaultSingletonBeanRegistry registry)) {
            throw new IllegalStateException("@AutoConfigureFakeMail needs an application context with a standard"
                    + " bean factory (DefaultListableBeanFactory), but this one has " + beanFactory.getClass().getName());
        }
        beanFactory.registerSingleton(SERVER_BEAN_NAME, running.server());
        beanFactory.registerSingleton(RunningFakeMail.BEAN_NAME, running);
        running.webInbox().ifPresent(inbox -> beanFactory.registerSingleton(WEB_INBOX_BEAN_NAME, inbox));
        // A registered object is not destroyed with the context unless it is also registered as disposable;
        // destroySingletons() runs on close and when the refresh fails, so the server never outlives its context.
        registry.registerDisposableBean(RunningFakeMail.BEAN_NAME, running);
    }

    private static FakeMailServerCustomizer instantiate(Class<? extends FakeMailServerCustomizer> type,
            Class<?> testClass) {
        try {
            return BeanUtils.instantiateClass(type);
        } catch (BeanInstantiationException e) {
            throw new IllegalStateException("@" + AutoConfigureFakeMail.class.getSimpleName() + " on "
                    + testClass.getName() + " names customizer " + type.getName() + ", which could not be created: "
                    + e.getMostSpecificCause() + ". Fix: give it a constructor without parameters (a static nested"
                    + " or top-level class, not an inner class or interface).", e);
        }
    }
}
