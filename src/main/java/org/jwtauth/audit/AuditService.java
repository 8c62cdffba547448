package org.jwtauth.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.jwtauth.common.http.ClientAddressResolver;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageRequest;
import org.jwtauth.common.http.PageView;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail (SPEC §6): every event is stored and, once its transaction commits, written as one
 * line to the log category {@value #LOG_CATEGORY}. Details carry identifiers and outcomes only: a
 * detail whose name suggests a credential is dropped, so no token, password, secret or hash is kept.
 */
@ApplicationScoped
public class AuditService {

    public static final String LOG_CATEGORY = "org.jwtauth.audit.trail";

    private static final Logger TRAIL = Logger.getLogger(LOG_CATEGORY);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern CREDENTIAL_KEY = Pattern.compile("(?i).*(password|secret|token|hash|credential).*");
    private static final int MAX_DETAILS = 20;
    private static final int MAX_VALUE = 200;

    private final AuditRepository repository;
    private final ObjectMapper json;
    private final Event<Recorded> recorded;
    private final CurrentActor actor;
    private final ClientAddressResolver addresses;
    private final Clock clock;

    AuditService(AuditRepository repository, ObjectMapper json, Event<Recorded> recorded,
            CurrentActor actor, ClientAddressResolver addresses, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.recorded = recorded;
        this.actor = actor;
        this.addresses = addresses;
        this.clock = clock;
    }

    /**
     * Records an event inside the caller's transaction (a new one when there is none), so it is kept
     * exactly when the change it describes is. {@code username} is kept only when it has the form of
     * a username; detail names containing password, secret, token, hash or credential are dropped.
     */
    @Transactional
    public void record(AuditType type, UUID userId, String username, String clientAddress, Map<String, String> details) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.time = clock.instant();
        event.type = type;
        event.userId = userId;
        event.username = username != null && SAFE_NAME.matcher(username).matches() ? username : null;
        event.usernameKey = event.username == null ? null : event.username.toLowerCase(Locale.ROOT);
        event.clientAddress = clientAddress == null || clientAddress.length() > 64 ? null : clientAddress;
        event.details = toJson(safeDetails(details));
        repository.insert(event);
        recorded.fire(new Recorded(event));
    }

    /**
     * Records a change to an account or client made in the current request, in the caller's
     * transaction: {@code userId}/{@code username} name the user it is about (null for a client);
     * the details gain {@code actor} and {@code actor_id} (who made it) and the client address is
     * the request's.
     */
    @Transactional
    public void recordChange(AuditType type, UUID userId, String username, Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>(details);
        actor.find().ifPresent(who -> {
            all.put("actor", String.valueOf(who.name()));
            if (who.userId() != null) {
                all.put("actor_id", who.userId().toString());
            }
        });
        record(type, userId, username, addresses.current(), all);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageView<AuditView> find(AuditFilter filter, PageRequest page) {
        return PageView.of(repository.search(filter, page).stream().map(this::toView).toList(), page,
                repository.count(filter));
    }

    private AuditView toView(AuditEvent e) {
        return new AuditView(e.id, e.time, e.type, e.userId, e.username, e.clientAddress, fromJson(e.details));
    }

    private static Map<String, String> safeDetails(Map<String, String> details) {
        Map<String, String> safe = new LinkedHashMap<>();
        if (details == null) {
            return safe;
        }
        details.forEach((key, value) -> {
            if (key != null && value != null && safe.size() < MAX_DETAILS && !CREDENTIAL_KEY.matcher(key).matches()) {
                safe.put(printable(key, 64), printable(value, MAX_VALUE));
            }
        });
        return safe;
    }

    // no line breaks or control characters: one event stays one log line
    private static String printable(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > max ? clean.substring(0, max) : clean;
    }

    private String toJson(Map<String, String> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings is always JSON", e);
        }
    }

    private Map<String, String> fromJson(String details) {
        try {
            return json.readValue(details, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** An event stored in the current transaction. */
    record Recorded(AuditEvent event) {
    }

    /** Writes the log line only for events that were really stored. */
    void log(@Observes(during = TransactionPhase.AFTER_SUCCESS) Recorded recorded) {
        AuditEvent event = recorded.event();
        TRAIL.infof("audit type=%s user_id=%s username=%s client_address=%s details=%s",
                event.type, event.userId, event.username, event.clientAddress, event.details);
    }
}
