package io.leaderlens.commissions.ledger;

import java.util.ArrayList;
import java.util.List;

/** A group buy of the leader's still open: whether the leader opened it (bonus when it forms), and its paid orders (void if it fails). */
public final class OpenGroup {
    public boolean openedByLeader;
    public List<String> orderIds = new ArrayList<>();
    public long lastTouched;

    public OpenGroup() {}
}
