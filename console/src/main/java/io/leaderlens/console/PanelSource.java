package io.leaderlens.console;

import java.util.Optional;

/** Where panels get their rows: Trino in the console, anything that answers the same way in the server's own tests. */
public interface PanelSource {
    /**
     * @param leaderId the group leader the panel is shown to (the leader workspace), who sees only their own rows;
     *                 empty for the ops, risk and commission pages
     */
    PanelData load(Panel panel, Optional<String> leaderId) throws Exception;
}
