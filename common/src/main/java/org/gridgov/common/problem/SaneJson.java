package org.gridgov.common.problem;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Every JSON string and date the service reads passes {@link SaneValues}: a NUL character or a
 * date outside the sane years fails the read with a {@link MismatchedInputException} that carries the
 * field's path, which {@link ProblemMappers} answers with a 400 naming the field.
 */
@Singleton
public class SaneJson implements ObjectMapperCustomizer {
    private static final Set<Class<?>> CHECKED = Set.of(String.class, OffsetDateTime.class, Instant.class, LocalDate.class,
            LocalDateTime.class, ZonedDateTime.class);

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    /** The module, for mappers built outside CDI (tests). */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("gridgov-sane-values");
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> d) {
                return CHECKED.contains(desc.getBeanClass()) ? new Checked(d) : d;
            }
        });
        return m;
    }

    /** Reads as the standard deserializer does, then refuses what {@link SaneValues} refuses. */
    static final class Checked extends DelegatingDeserializer {
        Checked(JsonDeserializer<?> d) {
            super(d);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> d) {
            return new Checked(d);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            String problem = SaneValues.problem(value);
            if (problem != null) {
                // a mismatched input, which Quarkus REST hands on as it is (it turns a plain mapping error into a bare 400)
                throw MismatchedInputException.from(p, (Class<?>) null, problem);
            }
            return value;
        }
    }
}
