package org.jwtauth.common.persistence;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs one round of a scheduled database job (purges, wipes) in a transaction of its own. A round that
 * fails (the database away, the pool closed by a shutdown that overtook the schedule) is rolled back and
 * reported as one WARN line without a stack trace: the next round tries again, and an outage (SPEC §8) is
 * no reason for an ERROR every few seconds. Jobs also skip rounds once the service is stopping
 * ({@code skipExecutionIf = Scheduled.ApplicationNotRunning.class}); a round already running then ends
 * here.
 */
@Singleton
public class Upkeep {

    private static final Logger LOG = Logger.getLogger(Upkeep.class);

    /** Runs {@code work} as one transaction; true when it committed. */
    public boolean run(String job, Runnable work) {
        try {
            QuarkusTransaction.requiringNew().run(work);
            return true;
        } catch (RuntimeException e) {
            // the class only: a driver's message may quote the values of the statement
            if (DatabaseUnavailable.isCause(e)) {
                LOG.warnf("%s skipped this round: the database is unavailable (%s); the next round tries again",
                        job, e.getClass().getSimpleName());
            } else {
                LOG.warnf("%s failed this round (%s, message withheld); the next round tries again",
                        job, e.getClass().getName());
            }
            return false;
        }
    }
}
