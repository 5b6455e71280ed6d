package io.leaderlens.simulator;

/**
 * How the simulated platform's population changes. {@code GROWING} (the default): members sign up and stay,
 * members become leaders. {@code STEADY}: every new member replaces one who stops shopping, and nobody becomes
 * a leader, so the number of active members and leaders stays level — the world in which a job's state must
 * level off too (used by the state-size tests; combine it with no fraud, whose scenarios add leaders).
 */
public enum Population { GROWING, STEADY }
