package org.gridgov.common.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads a CloudEvent's JSON data into a contract payload record. */
@ApplicationScoped
public class Payloads {
    @Inject
    ObjectMapper mapper;

    public <T> T read(CloudEvent event, Class<T> type) {
        if (event.getData() == null) {
            throw new IllegalArgumentException("CloudEvent " + event.getId() + " has no data");
        }
        try {
            return mapper.readValue(event.getData().toBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("CloudEvent " + event.getId() + " data is not a " + type.getSimpleName(), e);
        }
    }
}
