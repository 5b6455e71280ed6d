package io.leaderlens.commissions.ledger;

import java.util.ArrayList;
import java.util.List;

/** The leader's few ledger scalars: the upline (second tier), the open fraud alerts, the line counter. */
public final class LedgerSummary {
    public String upline;
    public List<String> openAlerts = new ArrayList<>();
    public long nextSeq;
    /** when anything last happened to the leader (leader-scale facts are dropped after long idleness) */
    public long lastActivity = Long.MIN_VALUE;

    public LedgerSummary() {}
}
