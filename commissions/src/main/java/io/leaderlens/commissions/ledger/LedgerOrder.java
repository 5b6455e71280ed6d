package io.leaderlens.commissions.ledger;

import java.util.ArrayList;
import java.util.List;

/** One paid order of the selling leader (or a formed group's bonus holder) with the lines it earned. */
public final class LedgerOrder {
    public String orderId;
    public String groupId;
    public String memberId;
    public long paidCents;
    public long refundedCents;
    public boolean groupFailed;
    public long paidAt;
    /** when its refund-protection window ends (set at pickup) */
    public long creditAt = Long.MAX_VALUE;
    public List<LedgerLine> lines = new ArrayList<>();

    public LedgerOrder() {}

    LedgerOrder(String orderId, String groupId, String memberId, long paidCents, long paidAt) {
        this.orderId = orderId;
        this.groupId = groupId;
        this.memberId = memberId;
        this.paidCents = paidCents;
        this.paidAt = paidAt;
    }

    LedgerLine line(String lineId) {
        for (LedgerLine line : lines) {
            if (line.lineId.equals(lineId)) {
                return line;
            }
        }
        return null;
    }

    boolean settled() {
        return lines.stream().noneMatch(LedgerLine::unsettled);
    }
}
