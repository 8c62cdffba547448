package org.jwtauth.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.jwtauth.common.http.ClientAddressResolver;
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
    private final TransactionSynchronizationRegistry transactions;
    private final CurrentActor actor;
    private final ClientAddressResolver addresses;
    private final Clock clock;

    AuditService(AuditRepository repository, ObjectMapper json, TransactionSynchronizationRegistry transactions,
            CurrentActor actor, ClientAddressResolver addresses, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.transactions = transactions;
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
        repository.persist(event);
        transactions.registerInterposedSynchronization(new LogAfterCommit(event));
    }

    /** Like {@link #record} but in a transaction of its own: kept even when the caller then fails (a refused login). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordIndependently(AuditType type, UUID userId, String username, String clientAddress,
            Map<String, String> details) {
        record(type, userId, username, clientAddress, details);
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
    public PageView<AuditView> find(AuditFilter filter, int page, int size) {
        return new PageView<>(repository.search(filter, page, size).stream().map(this::toView).toList(),
                page, size, repository.count(filter));
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

    /** Writes the log line only for events that were really stored. */
    private static final class LogAfterCommit implements Synchronization {

        private final AuditEvent event;

        LogAfterCommit(AuditEvent event) {
            this.event = event;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                TRAIL.infof("audit type=%s user_id=%s username=%s client_address=%s details=%s",
                        event.type, event.userId, event.username, event.clientAddress, event.details);
            }
        }
    }
}
