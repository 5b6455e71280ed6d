package io.leaderlens.console;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A console page: its panels in the order they are shown. */
public record Page(String id, String title, String audience, List<Panel> panels) {
    public Page {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(audience, "audience");
        panels = List.copyOf(panels);
        if (panels.stream().map(Panel::id).distinct().count() != panels.size()) {
            throw new IllegalArgumentException("page " + id + " has two panels with the same id");
        }
    }

    public Optional<Panel> panel(String panelId) {
        return panels.stream().filter(p -> p.id().equals(panelId)).findFirst();
    }
}
