package io.recstream.adapter.kafka;

import io.recstream.domain.Call;
import io.recstream.domain.DownloadRequest;
import org.mapstruct.factory.Mappers;
import tools.jackson.databind.json.JsonMapper;

/** Turns record values into domain commands, or says exactly why it can't. */
class MessageReader {

    private final JsonMapper json;
    private final MessageMapper mapper = Mappers.getMapper(MessageMapper.class);

    MessageReader(JsonMapper json) {
        this.json = json;
    }

    DownloadRequest downloadRequest(String value) {
        return read(value, DownloadRequestMessage.class, "download command", mapper::toDownloadRequest);
    }

    /** A fact of the telephony service's calls topic; a named recording is taken as complete. */
    Call callFact(String value) {
        return read(value, CallFactMessage.class, "call fact", mapper::toCall);
    }

    /** What recstream recorded of a call itself, on its registrations topic. */
    Call registration(String value) {
        return read(value, RegistrationMessage.class, "registration", mapper::toCall);
    }

    String writeRegistration(Call facts) {
        return json.writeValueAsString(mapper.toRegistration(facts));
    }

    String write(DownloadRequest request) {
        return json.writeValueAsString(mapper.toMessage(request));
    }

    String write(DownloadEventMessage event) {
        return json.writeValueAsString(event);
    }

    private <M, T> T read(String value, Class<M> type, String what, java.util.function.Function<M, T> toDomain) {
        if (value == null) {
            throw new InvalidMessageException(what + " has no value", null);
        }
        try {
            M message = json.readValue(value, type);
            if (message == null) {
                throw new InvalidMessageException(what + " is JSON null", null);
            }
            return toDomain.apply(message);
        } catch (InvalidMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidMessageException("unreadable " + what + ": " + e.getMessage(), e);
        }
    }
}
