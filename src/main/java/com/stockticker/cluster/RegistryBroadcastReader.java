package com.stockticker.cluster;

import java.util.List;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets Spring's user registry broadcast be read. Each instance sends its users and sessions as JSON made from
 * Spring's own transfer objects, which write a {@code principal} they cannot read back; the service's JSON
 * mapper refuses unknown properties ({@code spring.jackson.deserialization.fail-on-unknown-properties}, so
 * that clients hear about misspelt fields), so every broadcast was dropped without a word and no instance
 * learnt of the others' sessions.
 *
 * <p>The registry reads broadcasts with the converter of the template that sends the service's own messages,
 * and nothing else reads with that template; its JSON converter gets a mapper that ignores unknown
 * properties. Client messages are read by the annotated handlers' own converter, which stays strict.
 */
@Component
@RelayMode
class RegistryBroadcastReader implements SmartInitializingSingleton {

    private final SimpMessagingTemplate brokerTemplate;
    private final JsonMapper lenientMapper;

    /** @param json the service's JSON mapper, which Spring Boot's STOMP converter uses */
    RegistryBroadcastReader(@Qualifier("brokerMessagingTemplate") SimpMessagingTemplate brokerTemplate, JsonMapper json) {
        this.brokerTemplate = brokerTemplate;
        this.lenientMapper = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (brokerTemplate.getMessageConverter() instanceof CompositeMessageConverter composite) {
            List<MessageConverter> converters = composite.getConverters().stream().map(this::lenient).toList();
            brokerTemplate.setMessageConverter(new CompositeMessageConverter(converters));
        }
    }

    private MessageConverter lenient(MessageConverter converter) {
        if (!(converter instanceof JacksonJsonMessageConverter json)) {
            return converter;
        }
        JacksonJsonMessageConverter lenient = new JacksonJsonMessageConverter(lenientMapper);
        lenient.setContentTypeResolver(json.getContentTypeResolver());
        lenient.setStrictContentTypeMatch(json.isStrictContentTypeMatch());
        lenient.setSerializedPayloadClass(json.getSerializedPayloadClass());
        return lenient;
    }
}
