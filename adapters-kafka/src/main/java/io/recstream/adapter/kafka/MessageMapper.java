package io.recstream.adapter.kafka;

import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallDetails;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.RecordingSid;
import java.time.Instant;
import java.util.Locale;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** Maps wire messages to domain values; the domain's constructors reject anything malformed. */
@Mapper
interface MessageMapper {

    @Mapping(target = "business", source = "businessId")
    DownloadRequest toDownloadRequest(DownloadRequestMessage message);

    @Mapping(target = "sid", source = "callSid")
    @Mapping(target = "business", source = "businessId")
    @Mapping(target = "details", source = ".")
    @Mapping(target = "recordingCreatedAt", ignore = true)
    @Mapping(target = "ownership", constant = "AUTHORITATIVE")
    Call toCall(CallFactMessage message);

    CallDetails toDetails(CallFactMessage message);

    /** The business's ownership is authoritative from the webhook, provisional from a command. */
    default Call toCall(RegistrationMessage message) {
        Call identity = switch (String.valueOf(message.source())) {
            case RegistrationMessage.WEBHOOK -> Call.identifiedBy(callSid(message.callSid()), businessId(message.businessId()));
            case RegistrationMessage.COMMAND ->
                    Call.provisionallyOwnedBy(callSid(message.callSid()), businessId(message.businessId()));
            default -> throw new IllegalArgumentException("source is webhook or command");
        };
        return identity.withRecording(recordingSid(message.recordingSid()),
                message.recordingCreatedAt() == null ? null : instant(message.recordingCreatedAt()));
    }

    default RegistrationMessage toRegistration(Call call) {
        return new RegistrationMessage(call.sid().value(), call.business().value(), text(call.recordingSid()),
                call.recordingCreatedAt() == null ? null : text(call.recordingCreatedAt()),
                call.isProvisional() ? RegistrationMessage.COMMAND : RegistrationMessage.WEBHOOK);
    }

    @Mapping(target = "businessId", source = "business")
    DownloadRequestMessage toMessage(DownloadRequest request);

    default CallSid callSid(String value) {
        return new CallSid(value);
    }

    default BusinessId businessId(String value) {
        return new BusinessId(value);
    }

    default RecordingSid recordingSid(String value) {
        return value == null ? null : new RecordingSid(value);
    }

    default Instant instant(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a timestamp is missing");
        }
        return Instant.parse(value);
    }

    default Direction direction(String value) {
        return fromWireName(Direction.class, value);
    }

    default DownloadReason reason(String value) {
        return fromWireName(DownloadReason.class, value);
    }

    /** Messages name enum constants in lower case: {@code inbound}, {@code playback}. */
    static String wireName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E fromWireName(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (wireName(constant).equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a " + type.getSimpleName());
    }

    default long durationSeconds(Long value) {
        if (value == null) {
            throw new IllegalArgumentException("durationSeconds is missing");
        }
        return value;
    }

    default String text(CallSid value) {
        return value.value();
    }

    default String text(BusinessId value) {
        return value.value();
    }

    default String text(RecordingSid value) {
        return value == null ? null : value.value();
    }

    default String text(Instant value) {
        return value.toString();
    }

    default String text(DownloadReason value) {
        return wireName(value);
    }
}
